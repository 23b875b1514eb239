"""Every ISO country ships, and the names the news uses for them lead back to them."""
import pytest

from countries.models import Country, CountryAlias

pytestmark = pytest.mark.django_db


def test_every_iso_country_is_loaded():
    assert Country.objects.count() == 249
    assert Country.objects.get(code="TR").name == "Turkey"
    assert Country.objects.get(code="RU").region == "europe"
    assert Country.objects.get(code="QA").subregion == "Western Asia"


@pytest.mark.parametrize(
    "alias, code",
    [("Ankara", "TR"), ("Doha", "QA"), ("Moscow", "RU"), ("Washington", "US"), ("New Delhi", "IN"),
     ("Delhi", "IN"), ("Tehran", "IR"), ("Minsk", "BY"), ("Türkiye", "TR"), ("Turkish", "TR")],
)
def test_alias_points_at_its_country(alias, code):
    assert CountryAlias.objects.get(name__iexact=alias).country_id == code
