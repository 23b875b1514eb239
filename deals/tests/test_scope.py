"""The system scope: "the S-400 alone" (`scope=s-400`: the S-400 and its variants) or "the
S-400 and related deals" (`scope=all`), on the deal list, its API and downloads, the
countries, a country's page and the home page; counted from the read model's country counts,
which the write path keeps per scope and a rebuild gives alike."""
import csv
import io
import re

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q

from countries.models import Country
from deals import services
from deals.models import CountryDealCount, Deal, DealScope, WeaponSystem
from deals.read_model import read_model_rebuild
from lists.testing import facet

from .test_read_model import assert_as_rebuilt
from .test_views_deals import html_of, listed_slugs

pytestmark = pytest.mark.django_db

# The curated deals for the S-400 (no variant of it is curated).
S400_DEALS = {
    "ru-by-s-400", "ru-cn-s-400", "ru-in-s-400", "ru-ir-s-400", "ru-qa-s-400", "ru-tr-s-400",
    "ru-tr-s-400-second-batch",
}
TURKEY_RELATED = {"cn-tr-air-defence", "ru-tr-military-products", "ru-tr-su-35", "us-tr-f-35", "us-tr-patriot"}


@pytest.fixture(autouse=True)
def fresh_content_types():
    ContentType.objects.clear_cache()  # as the read model's tests: the history's rows roll back
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def editor():
    return User.objects.create_user("sam")


def csv_slugs(response):
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return {row["slug"] for row in csv.DictReader(io.StringIO(text))}


def api_slugs(client, **query):
    response = client.get("/api/deals/", {**query, "page_size": 100})
    assert response.status_code == 200
    return {record["slug"] for record in response.json()["results"]}


def turkey(scope):
    return CountryDealCount.objects.by_country("recipient", ["TR"], scope)["TR"]


# --- the counts ----------------------------------------------------------------------------


def test_turkey_is_recipient_of_2_s400_deals_and_7_with_related():
    alone, every = turkey(DealScope.S_400), turkey(DealScope.ALL)

    assert (alone.total, alone.s400, alone.every) == (2, 2, 7)
    assert {part.status: part.count for part in alone.by_status} == {"negotiating": 1, "delivered": 1}
    assert every.total == 7
    assert {part.status: part.count for part in every.by_status} == {
        "offered": 1, "reported": 1, "negotiating": 2, "delivered": 1, "suspended": 1, "cancelled": 1,
    }


def test_status_counts_per_scope_say_how_many_related_deals_there_are():
    statuses, s400, related = CountryDealCount.objects.scoped_status_counts(DealScope.S_400)

    assert {row.status: row.count for row in statuses} == {"negotiating": 3, "signed": 2, "delivered": 1, "denied": 1}
    assert (s400, related) == (7, 8)
    every, *_ = CountryDealCount.objects.scoped_status_counts(DealScope.ALL)
    assert sum(row.count for row in every) == 15
    assert CountryDealCount.objects.status_counts() == every


# --- the deal list, its API and its downloads ----------------------------------------------


def test_the_deal_list_api_and_csv_agree_on_the_s400_alone(client):
    page = client.get("/deals/", {"scope": "s-400"})

    assert set(listed_slugs(page)) == S400_DEALS
    assert "7 in all" in html_of(page)
    assert "<caption>S-400 deals, by recipient</caption>" in html_of(page)
    assert api_slugs(client, scope="s-400") == S400_DEALS
    assert csv_slugs(client.get("/export/deals.csv", {"scope": "s-400"})) == S400_DEALS
    # With another filter: Turkey's, counted from the count table as the list counts them.
    turkish = client.get("/deals/", {"scope": "s-400", "recipient": "TR"})
    assert set(listed_slugs(turkish)) == {"ru-tr-s-400", "ru-tr-s-400-second-batch"}
    assert "2 in all" in html_of(turkish)
    assert api_slugs(client, scope="s-400", recipient="TR") == {"ru-tr-s-400", "ru-tr-s-400-second-batch"}


def country_options(html, name):
    """{code: label} of the deal list's `name` facet's choices."""
    return facet(html, name)


def test_the_country_filters_count_the_s400_deals_alone_under_the_s400_scope(client, django_assert_num_queries):
    """Under `scope=s-400` the supplier and recipient choices count the deals the list shows:
    Turkey is recipient of 2 S-400 deals (7 with related), Russia supplier of all 7; a country
    with none still offered, so a choice made in one scope stays good in the other."""
    s400 = Deal.objects.in_scope(DealScope.S_400)
    html = html_of(client.get("/deals/", {"scope": "s-400"}))
    recipients, suppliers = country_options(html, "recipient"), country_options(html, "supplier")
    assert recipients["TR"] == f"Turkey ({s400.filter(recipient='TR').count()} S-400 deals)" == "Turkey (2 S-400 deals)"
    assert recipients["CN"] == "China (1 S-400 deal)"
    assert suppliers["RU"] == f"Russia ({s400.filter(supplier='RU').count()} S-400 deals)" == "Russia (7 S-400 deals)"
    # A country with none is not offered (no S-400 deal would be found), yet still taken.
    assert "US" not in suppliers
    assert country_options(html_of(client.get("/deals/", {"scope": "s-400", "supplier": "US"})), "supplier")["US"] == (
        "United States (0 S-400 deals)"
    )
    # The page's own count of Turkey's S-400 deals says the same.
    assert "2 in all" in html_of(client.get("/deals/", {"scope": "s-400", "recipient": "TR"}))
    assert client.get("/deals/", {"scope": "s-400", "supplier": "US"}).status_code == 200
    # Every deal counted without the scope, or with scope=all, as before.
    for query in ({}, {"scope": "all"}):
        html = html_of(client.get("/deals/", query))
        assert country_options(html, "recipient")["TR"] == "Turkey (7)"
        assert country_options(html, "supplier")["US"] == "United States (2)"
    # The choices read from the stored counts, one query per role as without the scope: the
    # version, the family's systems (named by key), the list's count (stored), its rows, the
    # two roles' choices, the coverage; and the status, Disputed and System facets' counts of
    # the S-400's deals, one GROUP BY each. The family's systems are looked up once per
    # request (`deals.filtersets.s400_family_condition`), not again for each facet's rows: 3
    # queries fewer than when each facet's FilterSet looked them up. And the countries' other
    # names, which narrow the country facets, once per version.
    cache.clear()
    with django_assert_num_queries(9 + 1 + 1):
        client.get("/deals/", {"scope": "s-400"})


def test_the_country_counts_of_each_scope_are_cached_apart(client):
    """Counted once per knowledge-base version and kept; the S-400's and every deal's apart."""
    for _ in range(2):
        assert country_options(html_of(client.get("/deals/")), "recipient")["TR"] == "Turkey (7)"
        assert country_options(html_of(client.get("/deals/", {"scope": "s-400"})), "recipient")["TR"] == (
            "Turkey (2 S-400 deals)"
        )


def test_every_deal_is_listed_without_a_scope_or_with_scope_all_as_before(client):
    every = set(Deal.objects.values_list("slug", flat=True))

    assert set(listed_slugs(client.get("/deals/"))) == every
    assert set(listed_slugs(client.get("/deals/", {"scope": "all"}))) == every
    assert api_slugs(client) == api_slugs(client, scope="all") == every
    assert csv_slugs(client.get("/export/deals.csv", {"scope": "all", "recipient": "TR"})) == (
        TURKEY_RELATED | {"ru-tr-s-400", "ru-tr-s-400-second-batch"}
    )


def test_the_switch_is_two_links_keeping_the_other_filters(client):
    html = html_of(client.get("/deals/", {"recipient": "TR", "scope": "s-400", "page": "1"}))

    switch = re.search(r'<nav class="scope-switch".*?</nav>', html, re.DOTALL).group(0)
    assert '<a href="?recipient=TR&amp;scope=s-400" aria-current="true" class="current">S-400 only</a>' in switch
    assert '<a href="?recipient=TR&amp;scope=all">S-400 and related deals</a>' in switch
    # The form carries it along, hidden, so that "Show" keeps it.
    assert '<input type="hidden" name="scope" value="s-400"' in html


@pytest.mark.parametrize("url", ["/deals/", "/api/deals/", "/export/deals.csv", "/countries/", "/api/countries/",
                                 "/countries/TR/", "/"])
def test_an_unknown_scope_is_a_400_naming_the_parameter(client, url):
    response = client.get(url, {"scope": "s-300"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "scope" in body and "s-400, all" in body


# --- countries ------------------------------------------------------------------------------


def test_the_countries_list_in_the_s400_scope_counts_its_deals_and_says_how_many_with_related(client):
    html = html_of(client.get("/countries/", {"scope": "s-400"}))

    assert re.findall(r'<th scope="row"><a href="/countries/(\w+)/">', html) == ["BY", "CN", "IN", "IR", "QA", "RU", "TR"]
    assert (
        '<a href="/deals/?recipient=TR&amp;scope=s-400">recipient of 2 S-400 deals</a>:\n'
        '<a href="/deals/?recipient=TR&amp;scope=s-400&amp;status=negotiating">1 negotiating</a>, '
        '<a href="/deals/?recipient=TR&amp;scope=s-400&amp;status=delivered">1 delivered</a> · '
        '<a href="/deals/?recipient=TR&amp;scope=all">7 with related</a>'
    ) in html
    assert '<span class="none">no S-400 deal as supplier</span> · <a href="/deals/?supplier=CN&amp;scope=all">1 with related</a>' in html
    assert client.get("/api/countries/", {"scope": "s-400"}).json()["count"] == 7


def test_a_countrys_page_lists_and_counts_its_deals_in_the_scope_asked_for(client):
    html = html_of(client.get("/countries/TR/", {"scope": "s-400"}))

    assert "Recipient in\n  2 S-400 deals (7 with related), supplier in\n  none." in html
    received = html[html.index('id="as-recipient"'):html.index('id="as-supplier"')]
    assert set(re.findall(r'<a href="/deals/([\w-]+)/">', received)) == {"ru-tr-s-400", "ru-tr-s-400-second-batch"}
    assert '<a href="/deals/?recipient=TR&amp;scope=s-400">Filter and sort these deals</a>' in received
    every = html_of(client.get("/countries/TR/"))
    assert "7 deals for the S-400 and related systems (2 of them S-400)" in every


def test_a_suppliers_s400_deals_alone_are_listed_on_its_page(client):
    html = html_of(client.get("/countries/RU/", {"scope": "s-400"}))

    supplied = html[html.index('id="as-supplier"'):html.index('id="country-statements"')]
    assert set(re.findall(r'<a href="/deals/([\w-]+)/">', supplied)) == S400_DEALS
    assert "supplier in\n  7 S-400 deals (12 with related)." in html


# --- the write path keeps the counts per scope -----------------------------------------------


def test_changing_a_deals_system_moves_it_between_the_scopes_counts(editor):
    deal = Deal.objects.get(slug="ru-tr-su-35")
    services.deal_update(
        deal=deal, loaded_version=deal.version, user=editor, via="test", system=WeaponSystem.objects.get(slug="s-400")
    )

    assert (turkey(DealScope.S_400).total, turkey(DealScope.ALL).total) == (3, 7)
    assert_as_rebuilt()
    deal.refresh_from_db()
    services.deal_update(
        deal=deal, loaded_version=deal.version, user=editor, via="test", system=WeaponSystem.objects.get(slug="su-35")
    )
    assert (turkey(DealScope.S_400).total, turkey(DealScope.ALL).total) == (2, 7)
    assert_as_rebuilt()


def test_a_variant_of_the_s400_is_in_its_scope_and_making_one_recounts_its_deals(client, editor):
    """A system made a variant of the S-400 (or unmade one) moves its deals between the scopes,
    on the list and in the counts alike."""
    s300 = WeaponSystem.objects.get(slug="s-300")
    iran = CountryDealCount.objects.by_country("recipient", ["IR"], DealScope.S_400)["IR"]
    assert iran.total == 1  # the denied S-400 deal; its S-300 deal is related

    s300.variant_of = WeaponSystem.objects.get(slug="s-400")
    services.record_save(obj=s300, user=editor, via="test")

    assert CountryDealCount.objects.by_country("recipient", ["IR"], DealScope.S_400)["IR"].total == 2
    assert "ru-ir-s-300" in listed_slugs(client.get("/deals/", {"scope": "s-400"}))
    assert_as_rebuilt()
    s300.variant_of = None
    services.record_save(obj=s300, user=editor, via="test")
    assert CountryDealCount.objects.by_country("recipient", ["IR"], DealScope.S_400)["IR"].total == 1
    assert "ru-ir-s-300" not in listed_slugs(client.get("/deals/", {"scope": "s-400"}))
    assert_as_rebuilt()


def test_a_rebuild_counts_each_scope_as_the_write_path_does():
    kept = sorted(CountryDealCount.objects.values_list("country_id", "role", "status", "s400", "deals"))
    read_model_rebuild()

    assert sorted(CountryDealCount.objects.values_list("country_id", "role", "status", "s400", "deals")) == kept
    assert CountryDealCount.objects.filter(s400=True).exists() and CountryDealCount.objects.filter(s400=False).exists()


def test_a_deal_naming_no_system_is_related():
    deal = Deal.objects.get(slug="ru-tr-military-products")

    assert deal.system is None
    assert not deal.derived.s400
    assert deal not in Deal.objects.in_scope(DealScope.S_400)
    assert Country.objects.in_deals("recipient", s400_only=True).get(code="TR").row_count == 2


def test_the_s400_scope_names_its_systems_by_key_on_the_deal_list():
    """`scope=s-400` on the list writes the family's systems' keys into the condition (found
    first), so PostgreSQL reads their few deals along the system index instead of walking the
    list in its order to fill a page; the deals kept are the family's."""
    from django.http import QueryDict

    from deals.filtersets import DealFilterSet

    rows = DealFilterSet(QueryDict("scope=s-400"), queryset=Deal.objects.for_table()).qs
    sql, params = rows.query.sql_with_params()
    family = set(WeaponSystem.objects.filter(Q(slug="s-400") | Q(variant_of__slug="s-400")).values_list("pk", flat=True))
    assert '"deals_deal"."system_id" IN (' in sql and "deals_weaponsystem\" U0" not in sql
    assert family <= set(params)
    assert {deal.slug for deal in rows} == set(Deal.objects.in_scope(DealScope.S_400).values_list("slug", flat=True))
    assert len(rows) == 7
