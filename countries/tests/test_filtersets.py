"""The countries list's FilterSet, one test per filter over a few chosen countries, and the
guard that fails when `Country` gains a field people would filter by without a filter."""
import pytest

from countries.filtersets import CountryFilterSet
from countries.models import Country
from tests.filterset_checks import fields_without_filter, filtered

pytestmark = pytest.mark.django_db


def countries(query, codes=("TR", "IN", "EG", "US")):
    """The chosen countries (Turkey and India in Asia, Egypt in Africa, the United States in
    the Americas) that the FilterSet keeps, as codes in the list's order."""
    rows = Country.objects.filter(code__in=codes).order_by("name")
    return [country.code for country in filtered(CountryFilterSet, query, rows)]


def test_country_region_keeps_the_regions_countries():
    assert countries("region=asia") == ["IN", "TR"]
    assert countries("region=Africa") == ["EG"]


def test_country_q_matches_a_name_an_alias_or_the_exact_code():
    assert countries("q=united") == ["US"]
    assert countries("q=Ankara") == ["TR"]  # an alias
    assert countries("q=tr") == ["TR"]  # the code, whole: no chosen country's name or alias holds "tr"


def test_every_country_field_people_filter_by_has_a_filter():
    not_filterable = {
        # A country's finer region; `region` narrows the short list enough.
        "subregion": "the UN M49 subregion; region is the filter",
    }
    filtered_as = {"code": "q", "name": "q"}
    assert fields_without_filter(CountryFilterSet, not_filterable=not_filterable, filtered_as=filtered_as) == []
