"""Browsing by country: /countries/ and /countries/<ISO code>/."""
import re

import pytest

from countries.models import Country
from deals.models import Statement, TimelineItem
from deals.read_model import read_model_rebuild
from deals.tests.builders import build_citation, build_contract, build_deal, build_statement

pytestmark = pytest.mark.django_db

URL = "/countries/"


def html_of(response):
    return response.content.decode()


def country_row(html, code):
    match = re.search(rf'<tr>\s*<th scope="row"><a href="/countries/{code}/">(.*?)</tr>', html, re.DOTALL)
    assert match, f"no row for {code}"
    return re.sub(r"\s+", " ", match.group(1))


def deal_slugs(table_html):
    return re.findall(r'<a href="/deals/([\w-]+)/">', table_html)


def section(html, section_id):
    start = html.index(f'id="{section_id}"')
    end = html.find("</section>", start)
    return html[start:end]


# --- the list -----------------------------------------------------------------------------


def test_list_shows_only_countries_in_deals(client):
    response = client.get(URL)

    assert response.status_code == 200
    html = html_of(response)
    listed = re.findall(r'<th scope="row"><a href="/countries/(\w+)/">', html)
    assert listed == ["BY", "CN", "IN", "IR", "QA", "RU", "TR", "US"]
    assert (
        "<caption>Countries in the deals, by name, with their deals for the S-400 and related systems "
        "(and how many of them are S-400 deals)</caption>"
    ) in html
    assert html.count("<h1") == 1
    # A script from the site itself (the citation block's copy buttons) is no inline script.
    assert "style=" not in html and re.search(r"<script(?![^>]*\bsrc=)", html) is None


def test_list_counts_deals_by_role_and_status(client):
    html = html_of(client.get(URL))

    turkey = country_row(html, "TR")
    assert "Turkey</a>" in turkey
    assert "not a supplier" in turkey
    assert '<a href="/deals/?recipient=TR&amp;scope=all">recipient of 7 deals, S-400 and related</a>:' in turkey
    assert '<a href="/deals/?recipient=TR&amp;scope=s-400">2 of them S-400</a>' in turkey
    parts = re.findall(r'<a href="/deals/\?recipient=TR&amp;scope=all&amp;status=(\w+)">(\d+) (\w+)</a>', turkey)
    assert [(status, int(count)) for status, count, _ in parts] == [
        ("offered", 1), ("reported", 1), ("negotiating", 2), ("delivered", 1), ("suspended", 1), ("cancelled", 1),
    ]
    russia = country_row(html, "RU")
    assert '<a href="/deals/?supplier=RU&amp;scope=all">supplier of 12 deals, S-400 and related</a>' in russia
    assert '<a href="/deals/?supplier=RU&amp;scope=all&amp;status=negotiating">4 negotiating</a>' in russia
    assert "not a recipient" in russia
    china = country_row(html, "CN")
    assert "supplier of 1" in china and "recipient of 1" in china


def test_list_is_filterable_by_name_or_alias(client):
    html = html_of(client.get(URL, {"q": "Ankara"}))

    assert re.findall(r'<th scope="row"><a href="/countries/(\w+)/">', html) == ["TR"]
    assert 'aria-label="Remove filter Name or alias: Ankara"' in html


def test_list_region_filter(client):
    html = html_of(client.get(URL, {"region": "americas"}))

    assert re.findall(r'<th scope="row"><a href="/countries/(\w+)/">', html) == ["US"]


@pytest.mark.parametrize("query, parameter", [("region=bogus", "region"), ("q=%00", "q")])
def test_list_invalid_filter_is_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 400
    assert f"<code>{parameter}</code>" in html_of(response)


def test_list_page_past_the_end_is_404(client):
    assert client.get(URL, {"page": "2"}).status_code == 404


# Counted: the page (count, rows) and the deals per status, once per role.
COUNTRY_LIST_QUERIES = 4 + 1  # + the knowledge base version for the ETag (config/caching.py)
COUNTRY_LIST_QUERIES += 1  # + the region facet: the countries counted per region under the other filters (a GROUP BY)
COUNTRY_LIST_QUERIES += 1  # + the sources' coverage the downloads line states (deals.totals.source_coverage, once per version)


def test_list_query_count_is_pinned(client, django_assert_num_queries):
    with django_assert_num_queries(COUNTRY_LIST_QUERIES):
        client.get(URL)


def test_list_query_count_does_not_grow_with_countries(client, django_assert_num_queries):
    for supplier, recipient in [("FR", "EG"), ("FR", "GR"), ("DE", "EG"), ("US", "PL")]:
        build_deal(supplier=Country.objects.get(code=supplier), recipient=Country.objects.get(code=recipient))

    with django_assert_num_queries(COUNTRY_LIST_QUERIES):
        response = client.get(URL)
    html = html_of(response)
    assert '<a href="/deals/?supplier=FR&amp;scope=all">supplier of 2 deals, S-400 and related</a>' in country_row(html, "FR")
    assert '<a href="/deals/?recipient=EG&amp;scope=all">recipient of 2 deals, S-400 and related</a>' in country_row(html, "EG")


# --- one country ------------------------------------------------------------------------


def test_turkey_shows_its_deals_as_recipient(client):
    response = client.get("/countries/TR/")

    assert response.status_code == 200
    html = html_of(response)
    assert '<h1>Turkey <span class="code">TR</span></h1>' in html
    received = section(html, "as-recipient")
    assert sorted(deal_slugs(received)) == [
        "cn-tr-air-defence",
        "ru-tr-military-products",
        "ru-tr-s-400",
        "ru-tr-s-400-second-batch",
        "ru-tr-su-35",
        "us-tr-f-35",
        "us-tr-patriot",
    ]
    assert "USD 2,500,000,000" in received and "“$2.5 billion”" in received
    assert "Turkey supplies nothing in the recorded deals." in section(html, "as-supplier")
    assert html.count("<h1") == 1
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    # A script from the site itself (the citation block's copy buttons) is no inline script.
    assert "style=" not in html and re.search(r"<script(?![^>]*\bsrc=)", html) is None


def test_turkey_as_supplier_gets_its_own_table(client):
    build_deal(slug="tr-az-test", supplier=Country.objects.get(code="TR"), recipient=Country.objects.get(code="AZ"))

    html = html_of(client.get("/countries/TR/"))

    assert deal_slugs(section(html, "as-supplier")) == ["tr-az-test"]
    assert "tr-az-test" not in section(html, "as-recipient")
    assert "<caption>Deals (S-400 and related) in which Turkey is the supplier</caption>" in html


def test_turkey_shows_statements_about_it_or_its_deals(client):
    html = html_of(client.get("/countries/TR/"))

    statements = section(html, "country-statements")
    shown = {int(pk) for pk in re.findall(r'<tr id="statement-(\d+)">', statements)}
    turkey = Country.objects.get(code="TR")
    expected = set(
        Statement.objects.filter(countries=turkey).values_list("pk", flat=True)
    ) | set(Statement.objects.filter(deals__recipient=turkey).values_list("pk", flat=True))
    assert shown == expected
    assert "Mevlut Cavusoglu" in statements
    assert '<a href="/statements/?country=TR">' in statements


def test_turkey_timeline_is_in_date_order(client):
    html = html_of(client.get("/countries/TR/"))

    timeline = section(html, "country-timeline")
    # A date's tooltip: the source's words, if any, then its EDTF.
    earliest_days = re.findall(r'<td data-label="Date"><span class="date date-\w+" title="(?:“[^”]*” · )?([\d-]+)', timeline)
    expected = TimelineItem.objects.filter(links__country="TR").distinct().order_by("date_earliest", "date_latest", "kind", "object_id")
    assert len(earliest_days) == expected.count()
    assert [day for day in earliest_days] == [item.date_edtf.split("/")[0] for item in expected]
    assert timeline.index("Turkey test-fires S-400 missiles") > timeline.index("Deliveries of S-400 systems to Turkey began")
    assert '<a href="/timeline/?country=TR">' in timeline


def test_lower_case_code_redirects_permanently(client):
    response = client.get("/countries/tr/")

    assert response.status_code == 301
    assert response["Location"] == "/countries/TR/"


@pytest.mark.parametrize("path", ["/countries/ZZ/", "/countries/zz/", "/countries/T/", "/countries/TUR/",
                                  "/countries/T%00/", "/countries/%00/", "/countries/1A/"])
def test_unknown_or_malformed_code_is_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "<h1>Not found</h1>" in html_of(response)


# Counted: the country; a page of its deals as recipient and one as supplier, each counted
# (their first contracts and milestones' dates come with them from the deals' summaries); a
# page of statements, their deals, counted; a page of the timeline's items, their links,
# their facts (one query per kind present), counted.
COUNTRY_DETAIL_QUERIES = 15 + 1  # + the knowledge base version for the ETag (config/caching.py)
COUNTRY_DETAIL_QUERIES += 2  # + the map of recipients: the countries' stages, and where its years start
COUNTRY_DETAIL_QUERIES += 1  # + the map's recipients of disputed deals, marked as such (once per version)
# + its charts (deals.charts): the first deals as recipient and as supplier for its lanes, their
# status periods and milestones; contracts and deliveries per year, and statements per year,
# each read from the stored counts (`ChartYearCount`) once per version: counted here with the
# cache empty.
COUNTRY_DETAIL_QUERIES += 4 + 2


def test_detail_query_count_is_pinned(client, django_assert_num_queries):
    with django_assert_num_queries(COUNTRY_DETAIL_QUERIES):
        client.get("/countries/TR/")


def test_detail_query_count_does_not_grow_with_deals_and_statements(client, django_assert_num_queries):
    turkey = Country.objects.get(code="TR")
    for _ in range(5):
        deal = build_deal(recipient=turkey)
        contract = build_contract(deal=deal, date_words="in 2020", date_edtf="2020", date_earliest="2020-01-01",
                                  date_latest="2020-12-31", date_basis="stated")
        statement = build_statement(date_words="in 2020", date_edtf="2020", date_earliest="2020-01-01",
                                    date_latest="2020-12-31", date_basis="stated")
        statement.deals.add(deal)
        build_citation(contract=contract)
        build_citation(statement=statement)
    build_deal(supplier=turkey, recipient=Country.objects.get(code="AZ"))

    with django_assert_num_queries(COUNTRY_DETAIL_QUERIES):
        response = client.get("/countries/TR/")
    html = html_of(response)
    assert len(deal_slugs(section(html, "as-recipient"))) == 12
    assert len(deal_slugs(section(html, "as-supplier"))) == 1


def test_busy_country_pages_its_statements_with_the_total(client):
    azerbaijan = Country.objects.get(code="AZ")
    for _ in range(55):
        build_statement().countries.add(azerbaijan)
    ordered = list(Statement.objects.filter(countries=azerbaijan).order_by("pk").values_list("pk", flat=True))
    build_deal(slug="az-deal", supplier=Country.objects.get(code="RU"), recipient=azerbaijan)
    read_model_rebuild()  # the builders write around the services that keep it current

    first = html_of(client.get("/countries/AZ/"))
    assert [int(pk) for pk in re.findall(r'<tr id="statement-(\d+)">', first)] == ordered[:50]
    assert "55 statements and" in first
    assert 'href="?statements_page=2#country-statements" rel="next"' in first

    second = html_of(client.get("/countries/AZ/", {"statements_page": 2}))
    assert [int(pk) for pk in re.findall(r'<tr id="statement-(\d+)">', second)] == ordered[50:]
    assert "statements 51–55 of 55" in second
    assert deal_slugs(section(second, "as-recipient")) == ["az-deal"]  # the other lists keep their first page


@pytest.mark.parametrize("parameter", ["recipient_page", "supplier_page", "statements_page", "timeline_page"])
def test_country_page_numbers_are_checked_as_the_lists_check_them(client, parameter):
    assert client.get("/countries/TR/", {parameter: 2}).status_code == 404
    for bad in ("abc", "0"):
        response = client.get("/countries/TR/", {parameter: bad})
        assert response.status_code == 400
        assert "A page number is a whole number from 1 to" in html_of(response)


def test_turkey_shows_its_totals_and_no_pager_when_everything_fits(client):
    html = html_of(client.get("/countries/TR/"))

    assert "Recipient in\n  7 deals for the S-400 and related systems (2 of them S-400), supplier in\n  none." in html
    assert 'class="pagination"' not in html


def test_a_countrys_deals_come_a_page_at_a_time_in_the_lists_order_with_their_totals(client):
    azerbaijan, egypt, russia = (Country.objects.get(code=code) for code in ("AZ", "EG", "RU"))
    slugs = [f"az-deal-{n:02}" for n in range(55)]
    for slug in reversed(slugs):  # created out of order: the page sorts them
        build_deal(slug=slug, supplier=russia, recipient=azerbaijan)
    build_deal(slug="to-egypt", supplier=azerbaijan, recipient=egypt)
    build_deal(slug="a-to-turkey", supplier=azerbaijan)
    build_deal(slug="b-to-egypt", supplier=azerbaijan, recipient=egypt)
    read_model_rebuild()  # the builders write around the services that keep the counts

    first = html_of(client.get("/countries/AZ/"))
    assert deal_slugs(section(first, "as-recipient")) == slugs[:50]
    # As supplier: by recipient (Egypt before Türkiye), then by slug.
    assert deal_slugs(section(first, "as-supplier")) == ["b-to-egypt", "to-egypt", "a-to-turkey"]
    assert "Recipient in\n  55 deals for the S-400 and related systems (55 of them S-400), supplier in\n  3 deals (3 of them S-400)." in first
    second = html_of(client.get("/countries/AZ/", {"recipient_page": 2}))
    assert deal_slugs(section(second, "as-recipient")) == slugs[50:]


# --- the deepest page a section answers ---------------------------------------------------


@pytest.fixture
def short_pages(monkeypatch):
    """Pages of two rows, three pages answered: the cap seen on a few rows."""
    import lists.pages

    monkeypatch.setattr(lists.pages, "DETAIL_PAGE_SIZE", 2)
    monkeypatch.setattr(lists.pages, "MAX_DETAIL_PAGE", 3)


def page_numbers_linked(html, parameter):
    return {int(n) for n in re.findall(rf"{parameter}=(\d+)", html)}


def test_a_section_past_its_last_page_answered_points_to_the_full_list(client, short_pages):
    azerbaijan = Country.objects.get(code="AZ")
    for _ in range(7):
        build_statement().countries.add(azerbaijan)
    read_model_rebuild()  # the builders write around the services that keep it current
    ordered = list(Statement.objects.filter(countries=azerbaijan).order_by("pk").values_list("pk", flat=True))

    pages = [client.get("/countries/AZ/", {"statements_page": n}) for n in (1, 2, 3)]
    assert [response.status_code for response in pages] == [200, 200, 200]
    last = html_of(pages[2])
    # The last page answered shows its rows and leads on to the full list, not to a page 4.
    assert [int(pk) for pk in re.findall(r'<tr id="statement-(\d+)">', last)] == ordered[4:6]
    assert 'rel="next"' not in last
    assert '<a href="/statements/?country=AZ">More in the statement list for Azerbaijan</a>' in last
    for response in pages:
        assert max(page_numbers_linked(html_of(response), "statements_page")) <= 3

    deeper = client.get("/countries/AZ/", {"statements_page": 4})
    assert deeper.status_code == 400
    message = html_of(deeper)
    assert "<code>statements_page</code>: This section shows its first 3 pages (6 rows), not page 4" in message
    assert "the rest are in the statement list for Azerbaijan (/statements/?country=AZ)" in message
    assert '<a href="/statements/?country=AZ">Go to the statement list for Azerbaijan</a>' in message
    assert client.get("/statements/", {"country": "AZ"}).status_code == 200


def test_an_empty_page_within_the_pages_answered_is_still_404(client, short_pages):
    azerbaijan = Country.objects.get(code="AZ")
    for _ in range(3):
        build_statement().countries.add(azerbaijan)
    read_model_rebuild()
    assert client.get("/countries/AZ/", {"statements_page": 2}).status_code == 200
    assert client.get("/countries/AZ/", {"statements_page": 3}).status_code == 404
    assert client.get("/countries/AZ/", {"timeline_page": 3}).status_code == 404
    assert client.get("/countries/AZ/", {"timeline_page": 4}).status_code == 400


def test_a_suppliers_deals_keep_the_lists_order_on_every_page_answered(client, short_pages):
    azerbaijan = Country.objects.get(code="AZ")
    recipients = {code: Country.objects.get(code=code) for code in ("TR", "EG", "IN", "CN")}
    slugs = {"TR": ["t-1", "a-2"], "EG": ["e-2", "e-1", "z-3"], "IN": ["i-1"], "CN": ["c-2", "c-1"]}
    for code, own in slugs.items():
        for slug in own:
            build_deal(slug=slug, supplier=azerbaijan, recipient=recipients[code])
    read_model_rebuild()
    # By recipient's name (China, Egypt, India, Türkiye: not their codes' order), then slug.
    expected = ["c-1", "c-2", "e-1", "e-2", "z-3", "i-1", "a-2", "t-1"]

    shown = []
    for number in (1, 2, 3):
        html = html_of(client.get("/countries/AZ/", {"supplier_page": number}))
        shown += deal_slugs(section(html, "as-supplier"))
        assert max(page_numbers_linked(html, "supplier_page")) <= 3
    assert shown == expected[:6]
    assert "More in the deal list for Azerbaijan as supplier" in html
    deeper = client.get("/countries/AZ/", {"supplier_page": 4})
    assert deeper.status_code == 400
    assert "<code>supplier_page</code>" in html_of(deeper) and "(/deals/?supplier=AZ&amp;scope=all)" in html_of(deeper)
