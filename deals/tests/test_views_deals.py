"""The home page (/), the deals table (/deals/) and a deal's page (/deals/<slug>/)."""
import csv
import datetime
import html
import io
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from countries.models import Country
from deals import totals
from deals.filtersets import DealFilterSet
from deals.models import Deal, Event, Statement
from deals.tests.builders import (
    build_citation,
    build_contract,
    build_deal,
    build_delivery,
    build_organisation,
    build_source,
    build_statement,
    refreshed,
)
from deals.views import home
from history.services import data_changed
from lists.pages import GroupedPaginator
from lists.testing import facet, facet_aliases, ticked

pytestmark = pytest.mark.django_db

URL = "/deals/"
ALL_DEALS = {
    "cn-tr-air-defence",
    "ru-by-military-products",
    "ru-by-s-300ps",
    "ru-by-s-400",
    "ru-cn-s-400",
    "ru-in-s-400",
    "ru-ir-s-300",
    "ru-ir-s-400",
    "ru-qa-s-400",
    "ru-tr-military-products",
    "ru-tr-s-400",
    "ru-tr-s-400-second-batch",
    "ru-tr-su-35",
    "us-tr-f-35",
    "us-tr-patriot",
}
TURKEY_AS_RECIPIENT = {
    "cn-tr-air-defence",
    "ru-tr-military-products",
    "ru-tr-s-400",
    "ru-tr-s-400-second-batch",
    "ru-tr-su-35",
    "us-tr-f-35",
    "us-tr-patriot",
}
S400_DEALS = {
    "ru-by-s-400",
    "ru-cn-s-400",
    "ru-in-s-400",
    "ru-ir-s-400",
    "ru-qa-s-400",
    "ru-tr-s-400",
    "ru-tr-s-400-second-batch",
}
# Deals without a contract value, in the table's usual order (recipient, then slug): the
# tail of the table whichever way it is sorted by value.
WITHOUT_VALUE = [
    "ru-by-military-products",
    "ru-by-s-300ps",
    "ru-by-s-400",
    "ru-cn-s-400",
    "ru-ir-s-400",
    "ru-qa-s-400",
    "ru-tr-military-products",
    "ru-tr-s-400-second-batch",
    "ru-tr-su-35",
    "us-tr-f-35",
    "us-tr-patriot",
]


# --- helpers ----------------------------------------------------------------------------


def html_of(response):
    return response.content.decode()


def deal_table(html):
    match = re.search(r'<table class="deals[^"]*">(.*?)</table>', html, re.DOTALL)
    assert match, "no deal table on the page"
    return match.group(1)


def listed_slugs(response):
    """The deals the table shows, in row order (each row links its deal once)."""
    html = html_of(response)
    if '<table class="deals' not in html:
        return []
    return re.findall(r'<a href="/deals/([\w-]+)/">', deal_table(html))


def between(html, start, end):
    """The part of the page from the element with id `start` to the one with id `end`."""
    begin = html.index(f'id="{start}"')
    return html[begin : html.index(f'id="{end}"', begin)]


class Controls(HTMLParser):
    """The ids of form controls and of the labels pointing at them."""

    def __init__(self):
        super().__init__()
        self.controls, self.labelled, self.ids = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") != "hidden":
            self.controls.append(attrs.get("id"))
        if tag == "label" and "for" in attrs:
            self.labelled.add(attrs["for"])


def assert_accessible_basics(html):
    """One h1, every control labelled, no duplicate ids, nothing inline for the CSP."""
    assert html.count("<h1") == 1
    parser = Controls()
    parser.feed(html)
    assert parser.controls and all(control in parser.labelled for control in parser.controls), parser.controls
    assert len(parser.ids) == len(set(parser.ids)), sorted(i for i in parser.ids if parser.ids.count(i) > 1)
    assert "style=" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None, "an inline script"
    assert re.search(r"<a [^>]*>\s*</a>", html) is None, "an empty link"


def add_deals(count, **fields):
    """Deals with a contract, a delivery, a statement and citations each, as a page would grow."""
    source = None
    for _ in range(count):
        deal = build_deal(**fields)
        contract = build_contract(deal=deal, date_words="in March 2020", date_edtf="2020-03",
                                  date_earliest="2020-03-01", date_latest="2020-03-31", date_basis="stated")
        delivery = build_delivery(contract=contract, date_words="in May 2020", date_edtf="2020-05",
                                  date_earliest="2020-05-01", date_latest="2020-05-31", date_basis="stated")
        statement = build_statement()
        statement.deals.add(deal)
        refreshed(statement)  # its deal's rows in the read model, as the services write them
        source = build_citation(deal=deal, source=source).source
        build_citation(contract=contract, source=source)
        build_citation(delivery=delivery, source=source)
        build_citation(statement=statement, source=source)


# --- the deals table --------------------------------------------------------------------


def test_list_shows_every_deal_with_its_terms_and_key_dates(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert set(listed_slugs(response)) == ALL_DEALS
    table = deal_table(html_of(response))
    assert "USD 2,500,000,000" in table and "“$2.5 billion”" in table
    assert "USD 5,430,000,000" in table and "$5.43 billion" in table
    assert "four divisions" in table and "(4 divisions)" in table
    assert "five regiments" in table and "(5 regiments)" in table
    assert re.search(
        r'<span class="status status-denied">Denied</span> <span class="as-of"[^>]*>as of [^<]+</span>'
        r' <span class="disputed">disputed</span>',
        table,
    )
    # Turkey's S-400: ordered in December 2017 (read as a month with the source's words after
    # it), its two deliveries in 2019 giving no number.
    turkey = re.search(r'<tr>(?:(?!</tr>).)*?/deals/ru-tr-s-400/"(?:(?!</tr>).)*</tr>', table, re.DOTALL).group(0)
    assert 'class="date date-month"' in turkey
    assert turkey.count('>Dec 2017<') == 1 and turkey.count('“in December 2017”</span>') == 1
    assert '<td data-label="Delivery years">2019</td>' in turkey
    # Each deal is linked by its name (`Deal.label`); with no system, nothing follows it.
    assert (
        '<a href="/deals/ru-tr-military-products/">RU → TR: modern Russian military products and the joint development '
        "of weapons</a></td>" in table
    )


def test_list_page_is_accessible_and_its_form_is_a_get_form(client):
    html = html_of(client.get(URL))

    assert_accessible_basics(html)
    assert '<form class="filters" method="get" action="/deals/#results"' in html
    assert "<caption>Deals (S-400 and related), by recipient</caption>" in html
    assert '<div class="table-wrap">' in html


def test_country_choices_list_only_countries_in_deals_with_counts(client):
    html = html_of(client.get(URL))

    recipients = facet(html, "recipient")
    assert list(recipients) == ["BY", "CN", "IN", "IR", "QA", "TR"]
    assert recipients["TR"] == "Turkey (7)"
    assert list(facet(html, "supplier")) == ["CN", "RU", "US"]
    # Checkboxes, not a Ctrl-click list.
    assert '<select name="recipient"' not in html and "Hold Ctrl" not in html


# --- facets: each filter's choices counted under the other filters -------------------------


def test_a_country_count_follows_the_status_chosen(client):
    """Turkey is the recipient of 7 deals, but of only those delivered under status=delivered."""
    delivered = Deal.objects.filter(status="delivered")
    turkey = delivered.filter(recipient="TR").count()
    assert turkey == 1 and Deal.objects.filter(recipient="TR").count() == 7

    html = html_of(client.get(URL, {"status": "delivered"}))

    recipients = facet(html, "recipient")
    assert recipients["TR"] == f"Turkey ({turkey})"
    assert recipients == {
        code: f"{Country.objects.get(pk=code).name} ({delivered.filter(recipient=code).count()})"
        for code in delivered.values_list("recipient", flat=True).distinct()
    }
    # A country none of whose deals is delivered is not offered.
    assert "BY" not in recipients
    assert facet(html, "supplier") == {"RU": f"Russia ({delivered.filter(supplier='RU').count()})"}


def test_the_status_counts_follow_the_country_chosen(client):
    html = html_of(client.get(URL, {"recipient": "TR"}))

    statuses = facet(html, "status")
    turkey = Deal.objects.filter(recipient="TR")
    assert statuses["negotiating"] == f"Negotiating ({turkey.filter(status='negotiating').count()})" == "Negotiating (2)"
    assert statuses["signed"] == "Signed (0)"  # every status is offered, counted or not
    assert sum(int(re.search(r"\((\d+)\)", label)[1]) for label in statuses.values()) == turkey.count()


def test_a_facets_own_choices_do_not_narrow_its_own_counts(client):
    """With Turkey chosen the other recipients keep their counts (what ticking them would
    add), and with two statuses ticked every status keeps its count over all deals."""
    unfiltered = html_of(client.get(URL))
    html = html_of(client.get(URL, {"recipient": "TR"}))
    assert facet(html, "recipient") == facet(unfiltered, "recipient")
    assert ticked(html, "recipient") == ["TR"]

    both = html_of(client.get(URL + "?status=delivered&status=signed"))
    assert facet(both, "status") == facet(unfiltered, "status")
    assert ticked(both, "status") == ["signed", "delivered"]
    # ... while the countries' counts are of the deals at either status.
    chosen = Deal.objects.filter(status__in=["delivered", "signed"])
    assert facet(both, "recipient")["TR"] == f"Turkey ({chosen.filter(recipient='TR').count()})"


def test_the_status_counts_as_of_a_day_count_each_deals_status_on_that_day(client):
    html = html_of(client.get(URL, {"as_of": "2019-12-31", "recipient": "TR"}))

    counted = Deal.objects.filter(recipient="TR").as_of(datetime.date(2019, 12, 31))
    statuses = facet(html, "status")
    for status, label in statuses.items():
        assert label.endswith(f"({sum(deal.status == status for deal in counted)})"), (status, label)
    assert any(not label.endswith("(0)") for label in statuses.values())


def test_the_facets_counts_are_kept_once_per_version_and_choice(client, django_assert_max_num_queries):
    client.get(URL, {"status": "delivered", "recipient": "TR"})
    with CaptureQueriesContext(connection) as first:
        html = html_of(client.get(URL, {"status": "delivered", "recipient": "IR"}))
    # Only the recipient changed: the recipient facet (counted under status=delivered) is
    # read from the cache; the supplier, status, disputed and system facets are counted afresh.
    grouped = [query["sql"] for query in first.captured_queries if "GROUP BY" in query["sql"]]
    assert len(grouped) == 4, grouped
    assert facet(html, "recipient")["TR"] == "Turkey (1)"


def test_the_filters_still_apply_without_script_on_show(client):
    """The form sends the ticked boxes as repeated parameters; "Show" is its submit button."""
    html = html_of(client.get(URL))
    assert '<button type="submit" class="show-button" id="show-filters">Show</button>' in html
    assert '<input type="checkbox" name="recipient" value="TR" id="id_recipient_TR">' in html
    response = client.get(URL + "?recipient=TR&recipient=IR&status=delivered")
    assert {deal.slug for deal in response.context["deals"]} == set(
        Deal.objects.filter(recipient__in=["TR", "IR"], status="delivered").values_list("slug", flat=True)
    )
    assert ticked(html_of(response), "recipient") == ["IR", "TR"]
    assert "(2 active)" not in html_of(response) and "(3 active)" in html_of(response)


def test_the_filter_panel_leads_past_itself_to_the_results(client):
    html = html_of(client.get(URL))
    assert html.index('<a class="skip-results" href="#results">Skip to results</a>') < html.index('<form class="filters"')
    assert '<tbody id="results" tabindex="-1">' in html
    empty = html_of(client.get(URL, {"q": "no deal says this"}))
    assert '<p class="empty" id="results" tabindex="-1">No deal matches these filters.</p>' in empty


def test_system_is_a_type_ahead_field_suggesting_systems_in_deals(client):
    html = html_of(client.get(URL))

    assert '<select name="system"' not in html
    assert re.search(r'<input [^>]*data-suggest="/choices/deals/system/"[^>]*name="system"', html)
    hits = client.get("/choices/deals/system/", {"q": ""}).json()["results"]
    assert [(hit["value"], hit["label"]) for hit in hits] == [
        ("f-35", "F-35"), ("patriot", "Patriot"), ("s-300", "S-300"), ("s-300ps", "S-300PS"),
        ("s-400", "S-400 Triumf"), ("su-35", "Su-35"),
    ]
    by_alias = client.get("/choices/deals/system/", {"q": "triumf"}).json()["results"]
    assert [hit["value"] for hit in by_alias] == ["s-400"]


def test_system_typed_by_name_or_alias_filters_as_by_slug(client):
    by_slug = listed_slugs(client.get(URL, {"system": "s-400"}))

    assert listed_slugs(client.get(URL, {"system": "S-400 Triumf"})) == by_slug
    assert listed_slugs(client.get(URL, {"system": "triumf"})) == by_slug
    assert len(by_slug) == 7


def test_system_typed_without_its_hyphen_or_in_part_filters_as_by_slug(client):
    """Without the script there are no suggestions: what is typed is read as a name in any
    spelling ("s300" is the S-300, not also the S-300PS), else as a part of one name."""
    assert listed_slugs(client.get(URL, {"system": "s400"})) == listed_slugs(client.get(URL, {"system": "s-400"}))
    assert listed_slugs(client.get(URL, {"system": "s300"})) == listed_slugs(client.get(URL, {"system": "s-300"}))
    assert listed_slugs(client.get(URL, {"system": "patri"})) == listed_slugs(client.get(URL, {"system": "patriot"}))
    several = client.get(URL, {"system": "s-3"})
    assert several.status_code == 400
    assert "Several weapon systems are named “s-3”: give the key of the one you mean (s-300, s-300ps)." in several.content.decode()


def test_status_is_a_group_of_checkboxes(client):
    html = html_of(client.get(URL, {"status": "signed"}))

    fieldset = re.search(r"<fieldset>\s*<legend>Status:</legend>(.*?)</fieldset>", html, re.DOTALL)
    assert fieldset, "status is not a labelled group"
    boxes = re.findall(r'<input type="checkbox" name="status" value="(\w+)"[^>]*?( checked)?>', fieldset.group(1))
    assert [value for value, _ in boxes] == [
        "offered", "reported", "negotiating", "signed", "delivering", "delivered", "suspended", "cancelled", "denied"
    ]
    assert [value for value, checked in boxes if checked] == ["signed"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("supplier=US", {"us-tr-f-35", "us-tr-patriot"}),
        ("supplier=us", {"us-tr-f-35", "us-tr-patriot"}),
        ("recipient=TR", TURKEY_AS_RECIPIENT),
        ("recipient=TR&recipient=IN", TURKEY_AS_RECIPIENT | {"ru-in-s-400"}),
        ("system=s-400", S400_DEALS),
        ("status=negotiating", {"ru-by-s-400", "ru-qa-s-400", "ru-tr-military-products", "ru-tr-s-400-second-batch"}),
        ("status=signed&status=delivered", {"ru-by-s-300ps", "ru-cn-s-400", "ru-in-s-400", "ru-ir-s-300", "ru-tr-s-400"}),
        (
            "year_from=2019&year_to=2019",
            {"ru-ir-s-400", "ru-qa-s-400", "ru-tr-s-400", "ru-tr-s-400-second-batch", "us-tr-f-35", "us-tr-patriot"},
        ),
        ("year_from=2021", {"ru-in-s-400", "ru-qa-s-400", "ru-tr-military-products", "ru-tr-s-400",
                            "ru-tr-s-400-second-batch", "us-tr-f-35"}),
        ("year_to=2007", {"ru-ir-s-300"}),
        ("q=Ankara", TURKEY_AS_RECIPIENT),
        ("q=Triumph", S400_DEALS),  # an alias of the S-400 Triumf
        ("disputed=true", {"ru-ir-s-400"}),
        ("disputed=false", ALL_DEALS - {"ru-ir-s-400"}),
        ("recipient=TR&status=negotiating", {"ru-tr-military-products", "ru-tr-s-400-second-batch"}),
    ],
)
def test_each_filter_shows_exactly_its_deals(client, query, expected):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    slugs = listed_slugs(response)
    assert set(slugs) == expected
    assert len(slugs) == len(expected)


def test_sorting_by_value_ascending_puts_deals_without_a_value_last(client):
    response = client.get(URL, {"sort": "value"})

    assert listed_slugs(response) == ["ru-ir-s-300", "ru-tr-s-400", "cn-tr-air-defence", "ru-in-s-400", *WITHOUT_VALUE]


def test_sorting_by_value_descending_still_puts_deals_without_a_value_last(client):
    response = client.get(URL, {"sort": "-value"})

    assert listed_slugs(response) == ["ru-in-s-400", "cn-tr-air-defence", "ru-tr-s-400", "ru-ir-s-300", *WITHOUT_VALUE]


def test_sorting_by_last_date_descending_puts_undated_deals_last(client):
    slugs = listed_slugs(client.get(URL, {"sort": "-last_date"}))

    assert slugs[-3:] == ["ru-cn-s-400", "cn-tr-air-defence", "ru-tr-su-35"]  # no dated milestone
    assert slugs[0] == "ru-in-s-400"  # planned for October–December 2021


def test_column_headings_toggle_the_sort_and_keep_the_other_filters(client):
    html = html_of(client.get(URL, {"status": "signed", "sort": "value_amount", "page": "1"}))

    value = re.search(r'<th scope="col" class="number" aria-sort="ascending"><a class="sort-link" href="([^"]+)">Value', html)
    assert value, "the Value heading is not marked as sorting ascending"
    assert value.group(1) == "?status=signed&amp;sort=-value_amount"
    assert '<a class="sort-link" href="?status=signed&amp;sort=recipient">Recipient' in html
    assert "<caption>Deals (S-400 and related), sorted by value (ascending; those without one last)</caption>" in html

    html = html_of(client.get(URL, {"status": "signed", "sort": "-value_amount"}))
    assert re.search(r'aria-sort="descending"><a class="sort-link" href="\?status=signed&amp;sort=value_amount">Value', html)


def sorted_csv(client, sort):
    response = client.get("/export/deals.csv", {"sort": sort})
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_the_register_columns_sort_under_their_field_names_and_the_headings_link_with_them(client):
    """The headings link `sort=` with the CSV's and the API's names for the columns, and the
    page and the download sort by them, those without a value last either way."""
    html = html_of(client.get(URL))
    links = {label: name for name, label in re.findall(r'<a class="sort-link" href="\?sort=([^"]+)">([^<]+)<', html)}
    assert {label: links.get(label) for label in ("Ordered", "Number ordered", "Number delivered", "Delivery years", "Value")} == {
        "Ordered": "ordered_date", "Number ordered": "ordered_quantity", "Number delivered": "delivered_quantity",
        "Delivery years": "delivery_years", "Value": "value_amount",
    }
    for name, column, kind in [
        ("ordered_quantity", "ordered_quantity", float), ("delivered_quantity", "delivered_quantity", float),
        ("value_amount", "value_amount", float), ("ordered_date", "ordered_date_earliest", str),
        ("delivery_years", "first_delivery_year", int),
    ]:
        for direction in ("", "-"):
            rows = sorted_csv(client, f"{direction}{name}")
            given = [row[column] for row in rows if row[column] != ""]
            # The curated deliveries state no number in one unit: no deal has a number delivered.
            assert len(given) >= (0 if name == "delivered_quantity" else 2), name
            assert given == sorted(given, key=kind, reverse=direction == "-"), (name, direction)
            assert all(row[column] == "" for row in rows[len(given):]), (name, direction)  # those without last
            page = client.get(URL, {"sort": f"{direction}{name}"})
            assert [deal.slug for deal in page.context["deals"]] == [row["slug"] for row in rows][:25]


@pytest.mark.parametrize("old, new", [("quantity", "ordered_quantity"), ("-delivered", "-delivered_quantity"), ("-value", "-value_amount")])
def test_the_old_sort_names_still_sort_as_the_new(client, old, new):
    """Links made before the sorts took the fields' names keep working, in the same order, on
    the page (its heading marked), in the API and in the download."""
    before, after = client.get(URL, {"sort": old}), client.get(URL, {"sort": new})
    assert before.status_code == after.status_code == 200
    assert [d.slug for d in before.context["deals"]] == [d.slug for d in after.context["deals"]]
    assert [c.state for c in before.context["columns"]] == [c.state for c in after.context["columns"]]
    assert any(c.state for c in before.context["columns"])
    api = [client.get("/api/deals/", {"sort": sort}).json()["results"] for sort in (old, new)]
    assert [row["slug"] for row in api[0]] == [row["slug"] for row in api[1]]
    assert sorted_csv(client, old) == sorted_csv(client, new)


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("status=bogus", "status"),
        ("supplier=ZZ", "supplier"),
        ("recipient=ZZ", "recipient"),
        ("recipient=TR&recipient=ZZ", "recipient"),
        ("system=no-such-system", "system"),
        ("year_from=abc", "year_from"),
        ("year_from=99999", "year_from"),
        ("year_to=1800", "year_to"),
        ("year_from=2020&year_to=2019", "year_to"),
        ("q=%00", "q"),
        ("q=" + "x" * 201, "q"),
        ("disputed=maybe", "disputed"),
        ("sort=bogus", "sort"),
    ],
)
def test_invalid_filter_value_shows_the_parameter_and_400(client, query, parameter):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 400
    html = html_of(response)
    problems = re.search(r'<div class="problems" role="alert">(.*?)</div>', html, re.DOTALL).group(1)
    assert f"<code>{parameter}</code>" in problems
    assert listed_slugs(response) == []
    assert '<form class="filters" method="get"' in html


def test_unknown_parameter_is_ignored(client):
    response = client.get(URL, {"colour": "red", "recipient": "IN"})

    assert response.status_code == 200
    assert listed_slugs(response) == ["ru-in-s-400"]
    html = html_of(response)
    assert re.findall(r'aria-label="Remove filter ([^"]+)"', html) == ["Recipient: India"]
    assert "problems" not in html


def test_each_active_filter_has_its_own_removal_link(client):
    response = client.get(URL, {"recipient": ["TR", "IN"], "status": "signed", "sort": "value"})

    html = html_of(response)
    active = re.search(r'<div class="active-filters">(.*?)</div>', html, re.DOTALL).group(1)
    links = dict(
        (label, href)
        for href, label in re.findall(r'<a href="\?([^"]*)" aria-label="Remove filter ([^"]+)">', active)
    )
    assert links == {
        "Recipient: Turkey": "recipient=IN&amp;status=signed&amp;sort=value",
        "Recipient: India": "recipient=TR&amp;status=signed&amp;sort=value",
        "Status: Signed": "recipient=TR&amp;recipient=IN&amp;sort=value",
    }
    following = client.get(f"{URL}?{links['Recipient: Turkey'].replace('&amp;', '&')}")
    assert listed_slugs(following) == ["ru-in-s-400"]
    assert '<a href="/deals/">Clear all</a>' in active


def test_removing_a_filter_goes_back_to_the_first_page(client):
    add_deals(30, recipient=Country.objects.get(code="IN"))
    html = html_of(client.get(URL, {"recipient": ["TR", "IN"], "page": "2"}))

    assert 'href="?recipient=IN" aria-label="Remove filter Recipient: Turkey"' in html


def test_disputed_active_filter_reads_yes(client):
    html = html_of(client.get(URL, {"disputed": "true"}))

    assert 'aria-label="Remove filter Disputed: Yes"' in html


def problems_of(response):
    """The (parameter, message) pairs the page's problem box lists."""
    box = re.search(r'<div class="problems" role="alert">(.*?)</div>', html_of(response), re.DOTALL)
    assert box, "no problem box on the page"
    return re.findall(r"<li>(?:<code>(\w+)</code>: )?(.*?)</li>", box.group(1))


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("system=bogus&system=s-400", "system"),
        ("system=s-400&system=f-35", "system"),
        ("disputed=true&disputed=false", "disputed"),
        ("year_from=abc&year_from=2019", "year_from"),
        ("year_to=2019&year_to=2019", "year_to"),
        ("q=Ankara&q=Delhi", "q"),
        ("sort=value&sort=-status", "sort"),
    ],
)
def test_single_valued_parameter_given_twice_is_400_naming_it(client, query, parameter):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 400
    assert problems_of(response) == [(parameter, f"Give {parameter} only once; it takes a single value.")]
    assert listed_slugs(response) == []
    assert "Remove filter" not in html_of(response)


def test_fractional_year_is_400_not_read_as_a_whole_year(client):
    response = client.get(URL, {"year_from": "2019.5"})

    assert response.status_code == 400
    assert problems_of(response) == [("year_from", "Enter a whole number.")]


def test_fractional_span_names_both_years_and_not_a_reversed_span(client):
    response = client.get(URL, {"year_from": "2019.9", "year_to": "2019.1"})

    assert response.status_code == 400
    assert problems_of(response) == [("year_from", "Enter a whole number."), ("year_to", "Enter a whole number.")]
    assert "before it starts" not in html_of(response)


@pytest.mark.parametrize(
    "query", ["recipient=", "supplier=", "status=", "system=", "disputed=", "year_from=", "q=", "recipient=&status="]
)
def test_empty_value_means_the_filter_is_not_given(client, query):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert set(listed_slugs(response)) == ALL_DEALS
    assert "Remove filter" not in html_of(response)


def test_empty_value_beside_a_real_one_is_ignored(client):
    response = client.get(URL, {"recipient": ["", "IN"], "status": ["signed", ""]})

    assert response.status_code == 200
    assert listed_slugs(response) == ["ru-in-s-400"]


def test_status_is_read_in_any_case(client):
    response = client.get(URL, {"status": ["Signed", "DELIVERED"]})

    assert response.status_code == 200
    assert set(listed_slugs(response)) == {"ru-by-s-300ps", "ru-cn-s-400", "ru-in-s-400", "ru-ir-s-300", "ru-tr-s-400"}
    assert re.findall(r'aria-label="Remove filter ([^"]+)"', html_of(response)) == [
        "Status: Signed", "Status: Delivered"
    ]
    assert re.findall(r'<input type="checkbox" name="status" value="(\w+)"[^>]*checked>', html_of(response)) == [
        "signed", "delivered"
    ]


def test_lower_case_country_code_shows_as_chosen(client):
    html = html_of(client.get(URL, {"recipient": "tr"}))

    assert ticked(html, "recipient") == ["TR"] and facet(html, "recipient")["TR"] == "Turkey (7)"


def test_unknown_status_message_lists_the_statuses_that_would_do(client):
    response = client.get(URL, {"status": "sold"})

    assert response.status_code == 400
    assert problems_of(response) == [
        (
            "status",
            "“sold” is not one of the values it takes: offered, reported, negotiating, signed, delivering, "
            "delivered, suspended, cancelled, denied.",
        )
    ]


def test_nul_byte_gives_one_clean_message(client):
    response = client.get(f"{URL}?status=%00&recipient=TR")

    assert response.status_code == 400
    assert problems_of(response) == [("status", "Contains a NUL character, which no value may contain.")]
    html = html_of(response)
    assert "\x00" not in html
    assert "Select a valid choice" not in html and "is not one of" not in html


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "%00", "999999999999999999999"])
def test_malformed_page_number_is_400_naming_page(client, page):
    response = client.get(f"{URL}?page={page}")

    assert response.status_code == 400
    (name, message), = problems_of(response)
    assert name == "page"
    assert listed_slugs(response) == []


def test_page_given_twice_is_400(client):
    response = client.get(URL, {"page": ["1", "2"]})

    assert response.status_code == 400
    assert problems_of(response) == [("page", "Give page only once; it takes a single value.")]


def test_page_past_the_end_is_404(client):
    assert client.get(URL, {"page": "1"}).status_code == 200
    assert client.get(URL, {"page": ""}).status_code == 200
    assert client.get(URL, {"page": "2"}).status_code == 404
    response = client.get(URL, {"page": "999"})
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in html_of(response)


def test_list_pages_by_25_and_keeps_filters_in_page_links(client):
    add_deals(20, recipient=Country.objects.get(code="IN"))

    first = client.get(URL, {"recipient": ["IN", "TR"]})
    second = client.get(URL, {"recipient": ["IN", "TR"], "page": "2"})
    # The next link goes on by cursor from the page's last row, keeping the filters.
    following = re.search(r'href="\?(recipient=IN&amp;recipient=TR&amp;after=[^"]+)" rel="next"', html_of(first))
    by_link = client.get(f"{URL}?{html.unescape(following.group(1))}")

    assert len(listed_slugs(first)) == 25
    assert len(listed_slugs(second)) == 3
    assert not set(listed_slugs(first)) & set(listed_slugs(second))
    assert listed_slugs(by_link) == listed_slugs(second)
    assert "Page 2 of 2 (28 in all)" in html_of(second)
    assert "28 in all" in html_of(by_link) and 'rel="next"' not in html_of(by_link)
    assert client.get(URL, {"recipient": ["IN", "TR"], "page": "3"}).status_code == 404


def test_country_counts_are_counted_again_once_the_knowledge_base_changes(client):
    """The filter's counts are kept per version of the knowledge base: a write moves it to a
    new version, and the next page shows the new counts."""
    assert facet(html_of(client.get(URL)), "recipient")["IN"] == "India (1)"
    assert facet(html_of(client.get(URL, {"supplier": "RU"})), "recipient")["IN"] == "India (1)"
    add_deals(2, recipient=Country.objects.get(code="IN"))
    data_changed(reason="test")

    assert facet(html_of(client.get(URL)), "recipient")["IN"] == "India (3)"
    # The counts under other filters too (the generated deals' supplier is Russia).
    assert facet(html_of(client.get(URL, {"supplier": "RU"})), "recipient")["IN"] == "India (3)"


def test_unfiltered_pages_follow_the_recipients_order_across_pages(client):
    """Unfiltered, the pages are read recipient by recipient (from the recipient counts): the
    pages together hold every deal once, in the list's order, page breaks falling inside a
    recipient's deals and between recipients alike."""
    for code, count in (("IN", 17), ("BY", 6), ("QA", 9)):
        add_deals(count, recipient=Country.objects.get(code=code))
    expected = [deal.slug for deal in Deal.objects.order_by("recipient__name", "slug")]

    pages = [client.get(URL, {"page": str(number)}) for number in (1, 2)]

    assert len(expected) == 47
    assert [slug for page in pages for slug in listed_slugs(page)] == expected
    assert "Page 2 of 2 (47 in all)" in html_of(pages[1])
    assert client.get(URL, {"page": "3"}).status_code == 404


def test_a_terms_pages_follow_the_lists_order_recipient_by_recipient(client, monkeypatch):
    """Searched by a term alone, the pages are read recipient by recipient from the matches
    counted per recipient: a recipient where most deals hold the term walked in slug order
    from the nearest bookmark (every tenth match here: page 2 starts at India's 24th), one
    where few do (Belarus: 2 of 33) read by its matches' keys. The page and the API give
    every match once, in the list's order (recipient's name, then slug), with the total."""
    monkeypatch.setattr("deals.filtersets.MATCHES_BETWEEN_BOOKMARKS", 10)
    add_deals(30, recipient=Country.objects.get(code="IN"), subject="Zephyrine radars")
    add_deals(28, recipient=Country.objects.get(code="BY"))
    add_deals(2, recipient=Country.objects.get(code="BY"), subject="Zephyrine spares")
    add_deals(3, recipient=Country.objects.get(code="QA"), summary="Talks on zephyrine parts.")
    expected = [
        deal.slug
        for deal in Deal.objects.filter(Q(subject__icontains="zephyr") | Q(summary__icontains="zephyr"))
        .order_by("recipient__name", "slug")
    ]

    pages = [client.get(URL, {"q": "zephyr", "page": str(number)}) for number in (1, 2)]
    api = [client.get("/api/deals/", {"q": "zephyr", "page": str(number)}).json() for number in (1, 2)]

    assert len(expected) == 35
    assert [slug for page in pages for slug in listed_slugs(page)] == expected
    assert "Page 2 of 2 (35 in all)" in html_of(pages[1])
    assert [row["slug"] for answer in api for row in answer["results"]] == expected
    assert api[0]["count"] == 35
    assert client.get(URL, {"q": "zephyr", "page": "3"}).status_code == 404
    filterset = DealFilterSet(QueryDict("q=zephyr"), queryset=Deal.objects.for_table())
    groups = {code: tuple(rest) for code, *rest in filterset.recipient_groups(filterset.qs)}
    if connection.features.supports_aggregate_order_by_clause:
        india = Deal.objects.filter(recipient="IN", subject__icontains="zephyr").order_by("slug")
        belarus = Deal.objects.filter(recipient="BY", subject__icontains="zephyr").order_by("slug")
        qatar = Deal.objects.filter(recipient="QA", summary__icontains="zephyr").order_by("slug")
        assert groups == {
            "BY": (2, [deal.pk for deal in belarus], 1),  # sparse: read by key
            "IN": (30, [deal.pk for deal in india[::10]], 10),  # walked from a bookmark
            "QA": (3, [qatar[0].pk], 10),
        }
    else:  # SQLite before 3.44 collects no keys in order: each recipient is walked from its first deal
        assert groups == {"BY": (2,), "IN": (30,), "QA": (3,)}


def test_one_recipients_deals_keep_the_lists_order_read_by_slug(client):
    """Filtered to one recipient, the list is read in slug order (the same order, as the
    recipient's name is the same on every row) along the (recipient, status, slug) index."""
    india = Country.objects.get(code="IN")
    add_deals(30, recipient=india)
    delivered = list(Deal.objects.filter(recipient=india).order_by("pk")[:27])
    Deal.objects.filter(pk__in=[deal.pk for deal in delivered]).update(status="delivered")
    refreshed(*delivered)  # their counts per status in the read model, as the services write them
    data_changed(reason="test")
    for query in ({"recipient": "IN"}, {"recipient": "IN", "status": "delivered"}):
        rows = Deal.objects.filter(recipient=india, **({"status": "delivered"} if "status" in query else {}))
        expected = [deal.slug for deal in rows.order_by("recipient__name", "slug")]
        listed = [slug for number in (1, 2) for slug in listed_slugs(client.get(URL, {**query, "page": number}))
                  if len(expected) > 25 or number == 1]
        assert listed == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_a_page_of_one_recipients_deals_at_one_status_is_read_in_order_from_the_index(client):
    from django.http import QueryDict

    from deals.filtersets import DealFilterSet

    filterset = DealFilterSet(QueryDict("recipient=IN&status=delivered"), queryset=Deal.objects.for_table())
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a small test table would be scanned whole
        sql, params = filterset.qs[:25].query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Along the (recipient, status, slug) index, or, where the table's statistics (left by an
    # earlier test's ANALYZE) say the recipient has one deal, along (recipient, slug) with the
    # status filtered: in order either way, never sorted.
    assert re.search(r"Index Scan using deal_recipient_(status_)?slug on deals_deal", plan), plan
    assert "Sort" not in plan


# Counted: the page's rows (their first contract's terms and their milestones' dates come
# with them, from the deals' summaries) and the two country choices of the filter form, with
# their counts (the system is a type-ahead field); unfiltered, the number of deals is the sum
# of the recipients' counts, so no COUNT. The status facet's counts: one GROUP BY (the
# country facets, with no other filter, are the country choices' counts).
DEAL_LIST_QUERIES = 3 + 1 + 1  # + the knowledge base version for the ETag (config/caching.py)
# Each facet counted under other filters than its own: one GROUP BY more for each of the two
# country facets (`lists.registry.Listing.facet_counts`).
FACETS_FOLLOWING = 2
# Disputed's choices and the leading systems, a GROUP BY each, whatever the filters (issue 14).
DEAL_LIST_QUERIES += 2
DEAL_LIST_QUERIES += 1  # + the sources' coverage the downloads line states (deals.totals.source_coverage, once per version)
DEAL_LIST_QUERIES += 1  # + the countries' other names, which narrow the country facets (lists.filters.CountedCountriesField, once per version)


def test_list_query_count_is_pinned(client, django_assert_num_queries):
    with django_assert_num_queries(DEAL_LIST_QUERIES):
        client.get(URL)


def test_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    add_deals(8)

    with django_assert_num_queries(DEAL_LIST_QUERIES):
        response = client.get(URL)
    assert len(listed_slugs(response)) == 23


def test_filtered_list_query_count_is_pinned(client, django_assert_num_queries):
    # The chosen countries are checked against the countries offered (counted for the form
    # anyway), and rows filtered by a supplier and a recipient at once are counted.
    with django_assert_num_queries(DEAL_LIST_QUERIES + 1 + FACETS_FOLLOWING):
        client.get(URL, {"recipient": ["TR", "IN"], "supplier": "RU", "status": "signed", "sort": "-value"})


def test_list_as_of_a_day_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    # As of a day: the rows joined to their status periods, counted (no stored count holds a
    # day's statuses), and the deals with no evidence by then counted.
    query = {"as_of": "2021-12-31"}
    cache.clear()  # the filter form's country counts, kept per knowledge-base version, read afresh each time
    with django_assert_num_queries(DEAL_LIST_QUERIES + 2 + FACETS_FOLLOWING):
        before = len(listed_slugs(client.get(URL, query)))
    add_deals(8)
    cache.clear()
    with django_assert_num_queries(DEAL_LIST_QUERIES + 2 + FACETS_FOLLOWING):
        after = len(listed_slugs(client.get(URL, query)))
    assert (before, after) == (15, 23)


def test_list_filtered_by_recipient_and_status_is_counted_from_the_read_model_once_per_version(
    client, django_assert_num_queries
):
    """Filtered by country and status alone, the total is summed from the deals' counts per
    country, role and status (no COUNT over the deals), and kept until the next write."""
    query = {"recipient": "TR", "status": ["negotiating", "delivered"]}
    with CaptureQueriesContext(connection) as first:
        assert "<p class=\"count\">3 in all</p>" in html_of(client.get(URL, query))
    # (The facets count their choices with a GROUP BY each, kept as the total is.)
    assert not [
        q["sql"] for q in first.captured_queries
        if "COUNT(" in q["sql"] and "deals_deal" in q["sql"] and "GROUP BY" not in q["sql"]
    ]
    # Again: the version, then the page's rows (the recipient is checked against the
    # recipients offered, counted and kept with the total).
    with django_assert_num_queries(2):
        assert "<p class=\"count\">3 in all</p>" in html_of(client.get(URL, query))
    add_deals(1, recipient=Country.objects.get(code="TR"), status="delivered")
    data_changed(reason="test")
    assert "<p class=\"count\">4 in all</p>" in html_of(client.get(URL, query))


def test_undisputed_deals_are_counted_as_such(client):
    """`disputed=false` is a filter (False is a value): not the whole list's count."""
    assert "<p class=\"count\">14 in all</p>" in html_of(client.get(URL, {"disputed": "false"}))
    assert client.get("/api/deals/", {"disputed": "false"}).json()["count"] == 14


# --- a deal's page ----------------------------------------------------------------------


def test_turkeys_s400_shows_its_terms_deliveries_and_sources(client):
    deal = Deal.objects.get(slug="ru-tr-s-400")
    contract = deal.contracts.get()
    response = client.get(deal.get_absolute_url())

    assert response.status_code == 200
    html = html_of(response)
    assert "<h1>RU → TR: four divisions of S-400 air defense systems</h1>" in html
    assert '<span class="status status-delivered">Delivered</span>' in html
    assert "Everything contracted has been delivered." in html
    terms = between(html, f"contract-{contract.pk}", "deliveries")
    assert "USD 2,500,000,000" in terms and "“$2.5 billion”" in terms
    assert "four divisions" in terms and "(4 divisions)" in terms
    assert re.search(r"<dt>Signed</dt><dd><span class=\"date date-month\"[^>]*>Dec 2017<.*?“in December 2017”", terms)
    assert "Moscow and Ankara finalized an agreement on the delivery of the S-400 in December 2017." in terms
    actual = between(html, "deliveries-actual", "deliveries-planned")
    assert re.search(r'class="date date-range"[^>]*>mid-Jun 2019<', actual) and "“in mid-June 2019”" in actual
    assert "On October 23, 2019" in actual
    assert "Deliveries of Russian S-400 air defense systems to Turkey began in mid-June 2019" in actual
    planned = between(html, "deliveries-planned", "deal-timeline")
    assert "between late 2019 and early 2020" in planned
    assert "mid-June 2019" not in planned
    for delivery in deal.deliveries.all():
        assert f'id="delivery-{delivery.pk}"' in html
        assert delivery.get_absolute_url().endswith(f"#delivery-{delivery.pk}")
    assert contract.get_absolute_url() == f"/deals/ru-tr-s-400/#contract-{contract.pk}"
    assert f'<time datetime="{deal.updated_at.isoformat()}">' in html
    assert_accessible_basics(html)


def test_contracts_and_deliveries_say_when_they_were_last_changed(client):
    deal = Deal.objects.get(slug="ru-tr-s-400")
    html = html_of(client.get(deal.get_absolute_url()))

    for contract in deal.contracts.all():
        article = re.search(rf'<article class="contract fact" id="contract-{contract.pk}">(.*?)</article>', html, re.DOTALL)
        assert f'Last changed <time datetime="{contract.updated_at.isoformat()}">' in article.group(1)
    for delivery in deal.deliveries.all():
        start = html.index(f'id="delivery-{delivery.pk}"')
        changed = html.index("Last changed <time", start)
        assert "id=\"delivery-" not in html[start + 1 : changed], "the delivery says nothing of its last change"
        assert html[changed:].startswith(f'Last changed <time datetime="{delivery.updated_at.isoformat()}">')


def test_deal_timeline_runs_in_date_order_and_links_down_the_page(client):
    deal = Deal.objects.get(slug="ru-tr-s-400")
    html = html_of(client.get(deal.get_absolute_url()))

    timeline = between(html, "deal-timeline", "statements")
    anchors = re.findall(r'<a href="#((?:contract|delivery|statement|event)-\d+)">', timeline)
    contract = deal.contracts.get()
    mid_june, october = deal.deliveries.get(date_words="in mid-June 2019"), deal.deliveries.get(date_edtf="2019-10-23")
    payment = Event.objects.get(kind="payment")
    order = [f"contract-{contract.pk}", f"delivery-{mid_june.pk}", f"delivery-{october.pk}", f"event-{payment.pk}"]
    assert [anchor for anchor in anchors if anchor in order] == order
    for anchor in anchors:
        assert f'id="{anchor}"' in html


def test_indias_s400_shows_value_quantity_and_planned_deliveries(client):
    html = html_of(client.get("/deals/ru-in-s-400/"))

    assert "$5.43 billion" in html and "USD 5,430,000,000" in html
    assert "five regiments" in html and "(5 regiments)" in html
    assert "In October 2018" in html
    planned = between(html, "deliveries-planned", "deal-timeline")
    assert "in October–December 2021" in planned and 'class="date date-range"' in planned
    assert "No delivery is recorded." in between(html, "deliveries-actual", "deliveries-planned")


def test_iran_s400_sets_bloombergs_claim_beside_the_russian_denials(client):
    deal = Deal.objects.get(slug="ru-ir-s-400")
    html = html_of(client.get(deal.get_absolute_url()))

    assert deal.disputed
    assert '<div class="sides">' in html
    asserted = between(html, "side-asserted", "side-denied")
    denied = html[html.index('id="side-denied"') : html.index('id="events"')]
    assert 'href="/organisations/bloomberg/">Bloomberg</a>' in asserted
    assert "Russia had rejected Iran’s request to buy S-400 missile defense systems" in asserted
    assert "on May 30" in asserted
    assert "In a report published on May 30, Bloomberg claimed" in asserted  # the excerpt
    assert "Borisov" not in asserted and "Peskov" not in asserted
    assert 'href="/people/yuri-borisov/">Yuri Borisov</a>' in denied
    assert "Russia’s Deputy Prime Minister" in denied
    assert "<p>“No”</p>" in denied
    assert 'href="/people/dmitry-peskov/">Dmitry Peskov</a>' in denied
    assert "“I do not have such information”" in denied
    assert "Kremlin spokesman" in denied and "Last month" in denied
    assert "Bloomberg claimed" not in denied
    for statement in Statement.objects.filter(deals=deal):
        assert html.count(f'id="statement-{statement.pk}"') == 1


def test_undisputed_deal_has_no_sides(client):
    html = html_of(client.get("/deals/ru-tr-s-400/"))

    assert '<div class="sides">' not in html
    assert "Recep Tayyip Erdogan" in html


def test_statement_shows_speaker_role_medium_and_quote(client):
    borisov = Statement.objects.get(speaker__slug="yuri-borisov", text="No")
    html = html_of(client.get("/deals/ru-ir-s-400/"))

    article = re.search(rf'<article class="statement says-denies" id="statement-{borisov.pk}">(.*?)</article>', html, re.DOTALL)
    assert article
    words = article.group(1)
    assert '<a href="/organisations/sputnik/">Sputnik</a>; told Sputnik, when asked' in words
    assert "on Friday" in words and 'class="date date-range"' in words
    assert '<span class="stance stance-denies">Denies</span>' in words


def test_unknown_deal_is_404(client):
    response = client.get("/deals/no-such-deal/")

    assert response.status_code == 404
    assert "<h1>Not found</h1>" in html_of(response)


# Counted: the deal and its citations; contracts and deliveries, each with their citations;
# the ids of its statements in date order (their number), a page of them with their
# citations; a page of events with their citations, counted; its status history's first
# milestones with their evidence, and which of them set its status.
DEAL_DETAIL_QUERIES = 14 + 1  # + the knowledge base version for the ETag (config/caching.py)


def test_detail_query_count_is_pinned(client, django_assert_num_queries):
    with django_assert_num_queries(DEAL_DETAIL_QUERIES):
        client.get("/deals/ru-tr-s-400/")


def test_detail_query_count_does_not_grow_with_facts(client, django_assert_num_queries):
    deal = Deal.objects.get(slug="ru-tr-s-400")
    source = build_citation(deal=deal).source
    for n in range(5):
        contract = build_contract(deal=deal, description=f"Extra contract {n}")
        delivery = build_delivery(contract=contract, kind="planned")
        statement = build_statement(organisation=build_organisation(), medium=build_organisation())
        statement.deals.add(deal)
        statement.countries.add(Country.objects.get(code="TR"))
        refreshed(statement)
        for fact in ({"contract": contract}, {"delivery": delivery}, {"statement": statement}):
            build_citation(source=source, **fact)

    with django_assert_num_queries(DEAL_DETAIL_QUERIES):
        response = client.get(deal.get_absolute_url())
    assert html_of(response).count('<article class="contract fact"') == 6


def test_deal_page_shows_its_first_fifty_citations_contracts_and_deliveries_and_links_to_the_rest(
    client, django_assert_num_queries
):
    from deals.views.deals import DEAL_FACTS_SHOWN

    deal = build_deal()
    contracts = [build_contract(deal=deal, description=f"Contract {n}") for n in range(DEAL_FACTS_SHOWN + 2)]
    for n in range(DEAL_FACTS_SHOWN + 1):
        build_delivery(contract=contracts[n], kind="actual" if n % 2 else "planned", description=f"Batch {n}")
    source = build_citation(deal=deal).source
    for n in range(DEAL_FACTS_SHOWN + 3 - 1):  # each its own words: the page quotes an excerpt once
        build_citation(deal=deal, source=source, excerpt=f"excerpt {n}")
    data_changed(reason="test")

    # The pinned page's queries, less the citations of statements and events (it has none),
    # plus a count for each of the three lists at the cap.
    with django_assert_num_queries(DEAL_DETAIL_QUERIES - 2 + 3):
        response = client.get(deal.get_absolute_url())
    page = html_of(response)
    assert page.count('<article class="contract fact"') == DEAL_FACTS_SHOWN
    assert len(re.findall(r'<li class="delivery delivery-\w+" id="delivery-\d+">', page)) == DEAL_FACTS_SHOWN
    summary = page.split('<h2 id="summary">')[1].split('<h2 id="contract-terms">')[0]
    assert summary.count("<blockquote") == DEAL_FACTS_SHOWN
    assert f"The first {DEAL_FACTS_SHOWN} of {DEAL_FACTS_SHOWN + 3} excerpts" in summary
    assert f'href="/api/deals/{deal.slug}/">the deal\'s record</a>' in summary
    assert f"The first {DEAL_FACTS_SHOWN} of {DEAL_FACTS_SHOWN + 2} contracts" in page
    assert f'href="/timeline/?deal={deal.slug}&amp;kind=contract">all of them on the timeline' in page
    assert f"The first {DEAL_FACTS_SHOWN} of {DEAL_FACTS_SHOWN + 1} deliveries" in page
    assert f'href="/timeline/?deal={deal.slug}&amp;kind=delivery">all of them on the timeline' in page
    # The contracts shown are the first in date order (undated ones, these, by number).
    assert f'id="contract-{contracts[0].pk}"' in page and f'id="contract-{contracts[-1].pk}"' not in page


def test_deal_page_shows_a_contracts_and_a_deliverys_first_fifty_citations_and_links_to_the_rest(
    client, django_assert_num_queries
):
    from deals.views.deals import DEAL_FACTS_SHOWN

    deal = build_deal()
    contract = build_contract(deal=deal, description="Much cited contract")
    delivery = build_delivery(contract=contract, description="Much cited batch")
    source = build_citation(deal=deal).source
    cited = {
        # Each its own words: the page quotes an excerpt once.
        "contract": [
            build_citation(contract=contract, source=source, excerpt=f"contract {n}").pk for n in range(DEAL_FACTS_SHOWN + 2)
        ],
        "delivery": [
            build_citation(delivery=delivery, source=source, excerpt=f"delivery {n}").pk for n in range(DEAL_FACTS_SHOWN + 1)
        ],
    }
    data_changed(reason="test")

    # The pinned page's queries, less the citations of statements and events (it has none):
    # no count of its own for a fact's citations.
    with django_assert_num_queries(DEAL_DETAIL_QUERIES - 2):
        response = client.get(deal.get_absolute_url())
    page = html_of(response)
    contract_html = page.split(f'id="contract-{contract.pk}"')[1].split("</article>")[0]
    delivery_html = page.split(f'id="delivery-{delivery.pk}"')[1].split("</li>\n</ul>")[0]
    record = f'href="/api/deals/{deal.slug}/">the deal\'s record</a> gives them all'
    for fact_html, kind, extra in ((contract_html, "contract", 2), (delivery_html, "delivery", 1)):
        shown = [int(pk) for pk in re.findall(r'#citation-(\d+)"', fact_html)]
        assert shown == cited[kind][:DEAL_FACTS_SHOWN]  # the first by number
        assert f"The first {DEAL_FACTS_SHOWN} of {DEAL_FACTS_SHOWN + extra} excerpts; <a {record}" in fact_html
    # The deal's own citation, alone, says nothing of more.
    summary = page.split('<h2 id="summary">')[1].split('<h2 id="contract-terms">')[0]
    assert summary.count("<blockquote") == 1 and "The first" not in summary


def test_deal_page_quotes_each_excerpt_once_and_links_to_it_elsewhere(client):
    deal = Deal.objects.get(slug="ru-tr-s-400")
    page = html_of(client.get(deal.get_absolute_url()))

    quotes = [html.unescape(quote) for quote in re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", page, re.S)]
    repeated = {quote for quote in quotes if quotes.count(quote) > 1}
    assert quotes and not repeated, f"quoted more than once: {repeated}"
    # Where the page cites an excerpt again (the status history's evidence), it links to the quote.
    history = page.split('<h2 id="status-history">')[1].split('<h2 id="summary">')[0]
    links = re.findall(r'<a href="#excerpt-(\d+)">The excerpt quoted on this page</a>', history)
    assert links and all(f'id="excerpt-{pk}"' in page for pk in links)
    # The contract's own excerpt is quoted with the contract.
    terms = page.split('<h2 id="contract-terms">')[1].split('<h2 id="deliveries">')[0]
    assert "Moscow and Ankara finalized an agreement on the delivery of the S-400 in December 2017." in terms


def test_an_excerpt_backing_two_facts_is_quoted_with_the_first_and_linked_from_the_other(client):
    deal = build_deal()
    contract = build_contract(deal=deal, description="The contract")
    source = build_source()
    at_contract = build_citation(contract=contract, source=source, excerpt="Ten  zqxv divisions were ordered.")
    at_deal = build_citation(deal=deal, source=source, excerpt="Ten zqxv divisions were ordered.")
    data_changed(reason="test")

    page = html_of(client.get(deal.get_absolute_url()))

    assert page.count("Ten zqxv divisions were ordered.") + page.count("Ten  zqxv divisions were ordered.") == 1
    terms = page.split('<h2 id="contract-terms">')[1]
    assert f'<li id="excerpt-{at_contract.pk}"><blockquote' in terms
    summary = page.split('<h2 id="summary">')[1].split('<h2 id="contract-terms">')[0]
    assert f'<a href="#excerpt-{at_contract.pk}">The excerpt quoted on this page</a>' in summary
    assert f"#citation-{at_deal.pk}" in summary  # still linked to where it stands in its source


def test_deal_page_has_a_contents_list_of_its_sections(client):
    page = html_of(client.get("/deals/ru-tr-s-400/"))

    contents = page.split('<nav class="contents"')[1].split("</nav>")[0]
    targets = re.findall(r'<a href="#([\w-]+)">', contents)
    assert targets == ["status-history", "summary", "contract-terms", "deliveries", "deal-timeline", "statements", "events"]
    assert all(f'<h2 id="{target}">' in page for target in targets)


def test_deal_page_with_few_facts_says_nothing_of_more(client):
    page = html_of(client.get("/deals/ru-tr-s-400/"))

    assert "The first 50 of" not in page and "all of them on the timeline" not in page


# --- home -------------------------------------------------------------------------------


def home_statuses(html, scope):
    """{status: count} as the home page's deals by status link them, in `scope`."""
    return dict(re.findall(
        rf'<a href="/deals/\?status=(\w+)&amp;scope={scope}"><span class="status status-\w+">\w+</span>\s+(\d+) '
        r'(?:S-400 )?deals?</a>', html,
    ))


def test_home_counts_s400_deals_by_status_each_linking_to_the_filtered_list(client):
    response = client.get("/")

    assert response.status_code == 200
    html = html_of(response)
    # The S-400's deals alone by default: Belarus, Qatar and Turkey's second batch negotiating,
    # China and India signed, Turkey's first delivered, Iran's denied.
    assert home_statuses(html, "s-400") == {"negotiating": "3", "signed": "2", "delivered": "1", "denied": "1"}
    assert '<h2 id="home-statuses">S-400 deals by status</h2>' in html
    assert "Not counted here: 8 related deals (other systems, or none named)." in html
    assert '<a href="?scope=all">Count them too</a>' in html
    assert '<a href="/deals/?scope=s-400">All S-400 deals in the table</a>' in html
    assert "It holds 7 S-400 deals and 8 related deals (for other systems the" in html
    assert "44 statements\n  and 20 events, drawn from 5 news articles" in html
    assert "through 123 verbatim excerpts" in html


def test_home_counts_every_deal_by_status_with_scope_all(client):
    html = html_of(client.get("/", {"scope": "all"}))

    assert home_statuses(html, "all") == {
        "offered": "1", "reported": "1", "negotiating": "4", "signed": "3", "delivering": "1",
        "delivered": "2", "suspended": "1", "cancelled": "1", "denied": "1",
    }
    assert '<h2 id="home-statuses">Deals by status, S-400 and related</h2>' in html
    assert "Counted here: 7 S-400 deals and 8 related." in html
    # The switch: two links, this page's own marked as current.
    assert '<a href="?scope=all" aria-current="true" class="current">S-400 and related deals</a>' in html
    assert '<a href="?scope=s-400">S-400 only</a>' in html


def test_home_rejects_an_unknown_scope_with_400_naming_it(client):
    response = client.get("/", {"scope": "s-300"})

    assert response.status_code == 400
    assert "<code>scope</code>: “s-300” is not one of the values it takes: s-400, all." in html_of(response)
    assert client.get("/", {"scope": ["all", "s-400"]}).status_code == 400
    assert client.get("/", {"scope": "S-400"}).status_code == 200  # any case, as the lists' words


def test_home_lists_recipients_with_links_to_their_pages_and_deals(client):
    html = html_of(client.get("/"))

    recipients = between(html, "home-recipients", "home-disputed")
    assert re.findall(r'<th scope="row"><a href="/countries/(\w+)/">', recipients) == ["BY", "CN", "IN", "IR", "QA", "TR"]
    assert "Countries receiving or seeking the S-400, with their S-400 deals by stage" in recipients
    assert '<a href="/deals/?recipient=TR&amp;scope=s-400">recipient of 2 S-400 deals</a>' in recipients
    assert '<a href="/deals/?recipient=TR&amp;scope=s-400&amp;status=negotiating">1 negotiating</a>' in recipients
    assert '<a href="/deals/?recipient=TR&amp;scope=all">7 with related</a>' in recipients
    assert '<a href="/countries/?scope=s-400">' in recipients

    every = between(html_of(client.get("/", {"scope": "all"})), "home-recipients", "home-disputed")
    assert '<a href="/deals/?recipient=TR&amp;scope=all">recipient of 7 deals, S-400 and related</a>' in every
    assert '<a href="/deals/?recipient=TR&amp;scope=all&amp;status=negotiating">2 negotiating</a>' in every


def test_home_answers_who_buys_the_s400_and_at_what_stage(client):
    html = html_of(client.get("/"))

    s400 = between(html, "home-s400", "home-statuses")
    turkey, india, qatar = (Deal.objects.get(slug=slug).label for slug in ("ru-tr-s-400", "ru-in-s-400", "ru-qa-s-400"))
    assert re.search(rf'<a href="/deals/ru-tr-s-400/">{turkey}</a>\s+<span class="status status-delivered">', s400)
    assert re.search(rf'<a href="/deals/ru-in-s-400/">{india}</a>\s+<span class="status status-signed">', s400)
    assert re.search(rf'<a href="/deals/ru-qa-s-400/">{qatar}</a>\s+<span class="status status-negotiating">', s400)
    assert '<a href="/deals/?scope=s-400">' in s400


def test_home_leads_to_the_disputed_iran_deal_and_to_2019(client):
    html = html_of(client.get("/"))

    assert '<a href="/deals/ru-ir-s-400/#conflicting-reports">RU → IR: S-400 missile defense systems</a>' in html
    assert re.search(r'<a href="/timeline/\?year_from=2019&amp;year_to=2019">What happened in 2019<span class="count"> \((\d+) items\)', html)
    for section in ("/deals/", "/countries/", "/timeline/", "/statements/", "/people/", "/systems/", "/sources/"):
        assert f'<li><a href="{section}">' in html


def test_home_shows_the_latest_timeline_items_newest_first(client):
    html = html_of(client.get("/"))

    latest = between(html, "home-latest", "home-years")
    rows = re.findall(r'<tr class="timeline-item kind-(\w+)">', latest)
    assert len(rows) == 6
    days = re.findall(r'title="[^"]*?([\d/-]+):', latest)
    assert days[0] == "2021-11-14"  # the FSMTC director's interview, "on Sunday"
    assert '>14 Nov 2021<span class="visually-hidden">' in latest  # "on Sunday" as a date, first
    assert "“on Sunday”" in latest
    assert '<a href="/deals/ru-in-s-400/#delivery-' in latest  # planned for October–December 2021
    assert_accessible_basics(html)


def test_home_lists_bounded_sections_each_leading_to_the_whole_list(client, monkeypatch):
    monkeypatch.setattr(home, "RECIPIENTS_SHOWN", 2)
    monkeypatch.setattr(home, "DISPUTED_SHOWN", 1)
    monkeypatch.setattr(home, "S400_SHOWN", 2)
    add_deals(4, recipient=Country.objects.get(code="EG"), disputed=True)

    html = html_of(client.get("/"))

    recipients = between(html, "home-recipients", "home-disputed")
    # Turkey has 7 deals as recipient, Egypt 4, no other as many: the two with most, by name.
    assert re.findall(r'<th scope="row"><a href="/countries/(\w+)/">', recipients) == ["EG", "TR"]
    assert "The 2 countries with the most S-400 deals as recipient" in recipients
    disputed = between(html, "home-disputed", "home-latest")
    assert len(re.findall(r"#conflicting-reports", disputed)) == 1
    assert "More disputed deals: all of them in the table" in disputed
    s400 = between(html, "home-s400", "home-statuses")
    assert len(re.findall(r'<a href="/deals/ru-', s400)) == 2
    assert "More S-400 deals: all of them" in s400


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimates are PostgreSQL's")
def test_home_gives_a_big_tables_size_as_an_estimate_said_to_be_approximate(client, monkeypatch):
    monkeypatch.setattr(totals, "EXACT_BELOW", 10)
    monkeypatch.setattr(totals, "ROUNDED_TO", 10)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE deals_statement, deals_event, deals_source, deals_citation")

    html = html_of(client.get("/"))

    # 44 statements and 123 excerpts (estimated exactly by ANALYZE on so few rows), rounded;
    # 5 sources, fewer than the bound, counted.
    assert "naming no system), about 40 statements" in html
    assert "drawn from 5 news articles" in html
    assert "through about 120 verbatim excerpts" in html


# Counted: deals per status; statements, events, sources and citations (one query);
# recipients and their deals per status; S-400 deals; disputed deals; the latest items,
# their links and their facts (one query per kind); the years.
HOME_QUERIES = 11 + 1  # + the knowledge base version for the ETag (config/caching.py)
HOME_QUERIES += 1  # + the sources' coverage the lede states (deals.totals.source_coverage, once per version)
HOME_QUERIES += 2  # + the map of recipients: the countries' stages, and where its years start (countries.world_map)
HOME_QUERIES += 2  # + the charts over time: contracts and deliveries, statements per year (stored counts, once per version)
HOME_QUERIES += 1  # + the map's recipients of disputed deals, marked as such (countries.world_map, once per version)
HOME_QUERIES += 1  # + the disputed deals' keys, read before their rows (deals.views.home.first_disputed)


def test_home_query_count_is_pinned(client, django_assert_num_queries):
    with django_assert_num_queries(HOME_QUERIES):
        client.get("/")


def test_home_query_count_does_not_grow_with_deals(client, django_assert_num_queries):
    add_deals(6, recipient=Country.objects.get(code="EG"))

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert '<a href="/countries/EG/">Egypt</a>' in html_of(response)


# --- a much-reported deal -----------------------------------------------------------------


def test_busy_deal_shows_its_statements_fifty_at_a_time_with_the_total(client):
    deal = build_deal(slug="busy-deal")
    for _ in range(55):
        statement = build_statement()
        statement.deals.add(deal)
        refreshed(statement)
    ordered = list(Statement.objects.filter(deals=deal).order_by("pk").values_list("pk", flat=True))

    first = client.get("/deals/busy-deal/").content.decode()
    shown = [int(pk) for pk in re.findall(r'<article class="statement [\w-]+" id="statement-(\d+)"', first)]
    assert shown == ordered[:50]
    assert "55 statements, 1–50 shown here in date order." in first
    assert 'href="?statements_page=2#statements" rel="next"' in first

    second = client.get("/deals/busy-deal/", {"statements_page": 2}).content.decode()
    shown = [int(pk) for pk in re.findall(r'<article class="statement [\w-]+" id="statement-(\d+)"', second)]
    assert shown == ordered[50:]  # the 51st statement opens the second page
    assert "statements 51–55 of 55" in second


def test_busy_deal_timeline_shows_its_first_milestones_and_links_to_the_rest(client):
    deal = build_deal(slug="busy-deal")
    for _ in range(55):
        statement = build_statement()
        statement.deals.add(deal)
        refreshed(statement)
    first_fifty = set(Statement.objects.filter(deals=deal).order_by("pk").values_list("pk", flat=True)[:50])

    html = client.get("/deals/busy-deal/", {"statements_page": 2}).content.decode()
    timeline = between(html, "deal-timeline", "statements")
    links = re.findall(r'<li>.*?<a href="([^"]+)">', timeline, re.DOTALL)
    assert len(links) == 30
    assert "The first 30 of 55 milestones." in timeline
    assert '<a href="/timeline/?deal=busy-deal">' in timeline
    # Milestones on another page of statements lead to the statement's own page.
    assert all(re.fullmatch(r"/statements/(\d+)/", link) and int(link.split("/")[2]) in first_fifty for link in links)


@pytest.mark.parametrize("parameter", ["statements_page", "events_page"])
def test_deal_page_numbers_are_checked_as_the_lists_check_them(client, parameter):
    assert client.get("/deals/ru-tr-s-400/", {parameter: 2}).status_code == 404
    for bad in ("abc", "0", "-1"):
        response = client.get("/deals/ru-tr-s-400/", {parameter: bad})
        assert response.status_code == 400
        assert "A page number is a whole number from 1 to" in response.content.decode()


def test_curated_deal_shows_no_pager_when_everything_fits(client):
    html = client.get("/deals/ru-tr-s-400/").content.decode()

    assert 'class="pagination"' not in html and "section-total" not in html


@pytest.mark.parametrize("per_page, orphans", [(1, 0), (2, 0), (3, 1), (7, 2)])
def test_pages_by_recipient_hold_the_rows_an_offset_over_the_whole_list_holds(per_page, orphans):
    """The unfiltered list's pages, taken group by group (a page may start inside one
    recipient's deals and run into the next ones), are the pages of the whole ordered list."""
    add_deals(4, recipient=Country.objects.get(code="IN"))
    rows = Deal.objects.order_by("recipient__name", "slug")
    sizes = {}
    for code in rows.values_list("recipient_id", flat=True):
        sizes[code] = sizes.get(code, 0) + 1
    grouped = GroupedPaginator(
        rows, per_page, orphans=orphans, groups=list(sizes.items()), grouped_by="recipient", within=["slug"]
    )
    whole = Paginator(rows, per_page, orphans=orphans)

    assert grouped.num_pages == whole.num_pages >= 3
    for number in whole.page_range:
        assert [deal.slug for deal in grouped.page(number)] == [deal.slug for deal in whole.page(number)]


# --- Disputed and System counted under the other filters (issue 14) ------------------------


def disputed_options(page):
    """{value: label} of the Disputed select's options."""
    select = re.search(r'<select name="disputed"[^>]*>(.*?)</select>', page, re.DOTALL)
    assert select, "no disputed select"
    return {value: html.unescape(label) for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))}


def test_disputed_choices_say_how_many_deals_each_keeps_under_the_other_filters(client):
    everywhere = disputed_options(html_of(client.get(URL)))
    assert everywhere == {
        "": "Any",
        "true": f"Yes ({Deal.objects.filter(disputed=True).count()})",
        "false": f"No ({Deal.objects.filter(disputed=False).count()})",
    }
    # Turkey's deals are none of them disputed: its "Yes" reads 0 where the whole list's does not.
    turkey = disputed_options(html_of(client.get(URL, {"recipient": "TR"})))
    assert turkey["true"] == "Yes (0)" != everywhere["true"]
    assert turkey["false"] == f"No ({Deal.objects.filter(recipient='TR').count()})"
    iran = disputed_options(html_of(client.get(URL, {"recipient": "IR"})))
    assert iran["true"] == f"Yes ({Deal.objects.filter(recipient='IR', disputed=True).count()})"
    assert iran["false"] == f"No ({Deal.objects.filter(recipient='IR', disputed=False).count()})" != everywhere["false"]
    # Its own choice narrows its counts no more than a facet's does: "No" still counts the others.
    chosen = html_of(client.get(URL, {"disputed": "true"}))
    assert disputed_options(chosen) == everywhere
    assert '<option value="true" selected>' in chosen


def test_a_bad_disputed_value_is_still_a_400(client):
    response = client.get(URL, {"disputed": "perhaps"})
    assert response.status_code == 400
    assert "Use true or false." in html_of(response)


def leading_links(page, name):
    """{system or deal's key: "Name (count)"} of the type-ahead `name`'s leading links."""
    field = re.search(rf'<input[^>]*name="{name}"[^>]*>.*?</div>', page, re.DOTALL)
    assert field, f"no {name} field"
    return {
        QueryDict(html.unescape(href).lstrip("?").split("#")[0]).get(name): f"{html.unescape(label)} {count}"
        for href, label, count in re.findall(r'<li><a href="([^"]*)"[^>]*>([^<]*)</a> <span class="count">(\([0-9]+\))</span></li>', field.group(0))
    }


def test_the_leading_systems_are_counted_under_the_other_filters(client):
    def expected(deals):
        rows = {}
        for deal in deals.exclude(system=None).select_related("system"):
            rows[deal.system.slug] = (deal.system.name, rows.get(deal.system.slug, (None, 0))[1] + 1)
        top = sorted(rows.items(), key=lambda item: (-item[1][1], item[1][0], item[0]))[:5]
        return {slug: f"{name} ({count})" for slug, (name, count) in top}

    everywhere = leading_links(html_of(client.get(URL)), "system")
    assert everywhere == expected(Deal.objects.all())
    turkey = leading_links(html_of(client.get(URL, {"recipient": "TR"})), "system")
    assert turkey == expected(Deal.objects.filter(recipient="TR"))
    assert turkey != everywhere
    # Each leads to the list with that system chosen, the other filters kept.
    page = html_of(client.get(URL, {"recipient": "TR", "page": "1"}))
    assert f'href="?recipient=TR&amp;system={next(iter(turkey))}#results"' in page


def test_the_chosen_system_says_its_count_under_the_other_filters(client):
    page = html_of(client.get(URL, {"recipient": "TR", "system": "s-400"}))
    count = Deal.objects.filter(recipient="TR", system__slug="s-400").count()
    assert re.search(rf'<span class="chosen-name">S-400[^<]* <span class="count">\({count}\)</span></span>', page)
    assert "s-400" not in leading_links(page, "system")  # chosen, so not offered again
    assert client.get(URL, {"system": "no-such-system"}).status_code == 400


@pytest.mark.parametrize(("address", "name", "code", "alias"), [
    ("/deals/", "recipient", "TR", "Ankara"), ("/deals/", "supplier", "RU", "Moscow"),
    ("/statements/", "country", "TR", "Türkiye"), ("/timeline/", "country", "IN", "New Delhi"),
])
def test_each_country_choice_carries_its_other_names_for_the_narrowing_box(client, address, name, code, alias):
    page = html_of(client.get(address))
    aliases = facet_aliases(page, name)

    assert alias in aliases[code]
    assert set(aliases) <= set(facet(page, name))  # the choices offered, no others
    for key, names in aliases.items():
        assert set(names) == set(Country.objects.get(code=key).aliases.values_list("name", flat=True))


def test_a_new_alias_reaches_the_narrowing_box_with_the_next_version(client):
    assert "Anatolia" not in facet_aliases(html_of(client.get("/deals/")), "recipient")["TR"]
    Country.objects.get(code="TR").aliases.create(name="Anatolia", kind="spelling")
    data_changed(reason="test")

    assert "Anatolia" in facet_aliases(html_of(client.get("/deals/")), "recipient")["TR"]
