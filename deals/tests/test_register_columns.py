"""A deal row answers what a register row does without a click — ordered when, how many,
how many delivered, delivered when, for how much — on the page, in the CSV and in the API
under the same names; every status shown says what it holds "as of"; the home page, the
downloads and the dataset say when the sources were published. Checked on the curated data,
against what its articles say."""
import csv
import datetime
import io
import re
from html import unescape
from types import SimpleNamespace

import pytest
from django.db import connection

from deals.columns import DEAL_FIELDS, REGISTER
from deals.models import DealSummary, Event, Statement
from deals.templatetags.browsing import deal_status, delivered

pytestmark = pytest.mark.django_db


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def row_of(html, slug):
    """The cells of a deal's row in a deal table, by their label: the first text of each."""
    row = re.search(rf'<tr>(?:(?!</tr>).)*?/deals/{slug}/"(?:(?!</tr>).)*</tr>', html, re.DOTALL).group(0)
    cells = re.findall(r'<td(?: class="number")? data-label="([^"]+)">(.*?)</td>', row, re.DOTALL)
    return {label: " ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for label, cell in cells}


def csv_rows(client, query=None):
    text = b"".join(client.get("/export/deals.csv", query or {}).streaming_content).decode()
    return {row["slug"]: row for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))}


def slugs_sorted(client, sort):
    html = html_of(client.get("/deals/", {"sort": sort}))
    return re.findall(r'<td data-label="System or subject"><a href="/deals/([^/]+)/">', html)


def test_turkeys_s400_row_answers_the_register_questions_without_a_click(client):
    """The articles: Turkey signed for four S-400 divisions, $2.5 billion, in December 2017;
    its deliveries came in 2019 (from mid-June; the sources give no number delivered)."""
    cells = row_of(html_of(client.get("/deals/")), "ru-tr-s-400")

    assert cells["Status"] == "Delivered as of 14 Nov 2021"
    assert cells["Ordered"].startswith("Dec 2017")
    assert cells["Number ordered"] == "four divisions (4 divisions)"
    assert cells["Number delivered"] == "2 deliveries (number not stated)"
    assert cells["Delivery years"] == "2019"
    assert cells["Value"] == "USD 2,500,000,000 “$2.5 billion”"


def test_other_curated_rows_read_as_their_articles_say(client):
    html = html_of(client.get("/deals/"))
    iran = row_of(html, "ru-ir-s-300")
    assert iran["Ordered"].startswith("2007") and iran["Delivery years"] == "2007–2016"
    assert iran["Value"] == "USD 800,000,000 “$800-million”"
    india = row_of(html, "ru-in-s-400")
    assert india["Ordered"].startswith("Oct 2018") and india["Number ordered"] == "five regiments (5 regiments)"
    assert india["Number delivered"] == "—" and india["Delivery years"] == "—"  # the Oct–Dec 2021 one is planned
    # Belarus's military products: two deliveries, neither dated nor counted.
    belarus = row_of(html, "ru-by-military-products")
    assert belarus["Number delivered"] == "2 deliveries (number not stated)" and belarus["Delivery years"] == "undated"


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("ordered_date", ["ru-ir-s-300", "ru-by-military-products", "ru-tr-s-400", "ru-in-s-400"]),
        ("-ordered_date", ["ru-in-s-400", "ru-tr-s-400", "ru-by-military-products", "ru-ir-s-300"]),
        ("delivery_years", ["ru-ir-s-300", "ru-tr-s-400"]),
        ("-delivery_years", ["ru-tr-s-400", "ru-ir-s-300"]),
        ("quantity", ["ru-tr-s-400", "ru-in-s-400"]),
        ("-value", ["ru-in-s-400", "cn-tr-air-defence", "ru-tr-s-400", "ru-ir-s-300"]),
    ],
)
def test_each_register_column_sorts_those_with_a_value_first_in_either_direction(client, sort, expected):
    slugs = slugs_sorted(client, sort)
    assert slugs[: len(expected)] == expected
    assert len(slugs) == 15  # the rest follow, none lost


def test_the_number_delivered_sorts_by_its_sum(client):
    """No curated delivery states a number: two deals are given one here, as the read model
    would store them."""
    DealSummary.objects.filter(deal__slug="ru-in-s-400").update(delivered_quantity=2, delivered_quantity_unit="regiments")
    DealSummary.objects.filter(deal__slug="ru-tr-s-400").update(delivered_quantity=4, delivered_quantity_unit="divisions")

    assert slugs_sorted(client, "delivered")[:2] == ["ru-in-s-400", "ru-tr-s-400"]
    assert slugs_sorted(client, "-delivered")[:2] == ["ru-tr-s-400", "ru-in-s-400"]


def test_sorted_by_a_register_column_its_heading_says_so(client):
    html = html_of(client.get("/deals/", {"sort": "-delivery_years"}))
    assert re.search(r'aria-sort="descending"><a class="sort-link" href="\?sort=delivery_years">Delivery years', html)


def test_the_number_delivered_says_at_least_or_that_units_differ():
    def deal(quantity, unit, count, without):
        return SimpleNamespace(
            delivered_quantity=quantity, delivered_quantity_unit=unit, actual_deliveries=count,
            deliveries_without_quantity=without,
        )

    def text(value):
        return unescape(re.sub(r"<[^>]+>", "", str(value)))

    assert text(delivered(deal(None, "", 0, 0))) == "—"
    assert text(delivered(deal(4, "divisions", 2, 0))) == "4 divisions (2 deliveries)"
    assert text(delivered(deal(2, "divisions", 3, 1))) == "at least 2 divisions (3 deliveries)"
    assert text(delivered(deal(None, "", 1, 1))) == "1 delivery (number not stated)"
    assert text(delivered(deal(None, "", 3, 0))) == "3 deliveries (in different units)"


def test_the_csv_and_the_api_give_the_register_columns_under_the_same_names(client):
    rows = csv_rows(client)
    records = {record["slug"]: record for record in client.get("/api/deals/").json()["results"]}
    page = 2
    while len(records) < len(rows):  # every page of the list
        records |= {r["slug"]: r for r in client.get("/api/deals/", {"page": page}).json()["results"]}
        page += 1
    names = [*REGISTER, "latest_evidence_earliest", "latest_evidence_latest"]
    header = [column.header for column in DEAL_FIELDS.csv_columns]
    assert set(names) <= set(header) and set(names) <= set(DEAL_FIELDS.api_fields)
    for slug, row in rows.items():
        assert {name: row[name] for name in names} == {
            name: "" if records[slug][name] is None else str(records[slug][name]) for name in names
        }, slug
    turkey = client.get("/api/deals/ru-tr-s-400/").json()
    assert {name: turkey[name] for name in REGISTER} == {
        "ordered_date_words": "in December 2017", "ordered_date_edtf": "2017-12",
        "ordered_date_earliest": "2017-12-01", "ordered_date_latest": "2017-12-31",
        "ordered_quantity": 4, "ordered_unit": "divisions", "ordered_quantity_words": "four divisions",
        "delivered_quantity": None, "delivered_unit": "", "actual_deliveries": 2, "deliveries_without_quantity": 2,
        "delivery_years": "2019", "first_delivery_year": 2019, "last_delivery_year": 2019,
        "value_amount": "2500000000.00", "value_currency": "USD", "value_words": "$2.5 billion",
    }
    # The nested first contract stays for the clients that read it.
    assert turkey["first_contract"]["quantity"] == 4


# --- "as of" beside every status ----------------------------------------------------------

STATUS = re.compile(r'<span class="status status-[a-z]+">[^<]+</span>( <span class="as-of"[^>]*>as of ([^<]+)</span>)?')


def statuses_shown(html):
    return [(match[0] != "", match[1]) for match in STATUS.finditer(html)]


def test_every_deal_status_shown_says_what_it_holds_as_of(client):
    statement = Statement.objects.filter(deals__slug="ru-tr-s-400").first()
    event = Event.objects.filter(deals__isnull=False).first()
    for address in (
        "/deals/", "/countries/TR/", "/countries/RU/", "/deals/ru-tr-s-400/", "/systems/s-400/",
        statement.get_absolute_url(), event.get_absolute_url(),
    ):
        shown = statuses_shown(html_of(client.get(address)))
        assert shown and all(with_date for with_date, _ in shown), address
    # The home page's deals (its counts by status are counts, not a deal's status).
    home = html_of(client.get("/")).split('id="home-statuses"')[0]
    assert statuses_shown(home) and all(with_date for with_date, _ in statuses_shown(home))


def test_as_of_is_the_latest_evidence_or_the_day_a_view_asked_about(client):
    html = html_of(client.get("/deals/", {"recipient": ["TR", "CN"]}))
    assert "as of 14 Nov 2021" in row_of(html, "ru-tr-s-400")["Status"]
    assert "as of Jun 2021" in row_of(html, "ru-cn-s-400")["Status"]  # June 2021, the day not known
    deal = SimpleNamespace(
        status="signed", get_status_display=lambda: "Signed",
        latest_evidence_earliest=datetime.date(2021, 6, 1), latest_evidence_latest=datetime.date(2021, 6, 30),
    )
    assert ">as of Jun 2021<" in deal_status(deal)
    deal.as_of = datetime.date(2018, 12, 31)
    assert ">as of 31 Dec 2018<" in deal_status(deal)
    deal.status_since_earliest, deal.status_since_latest = datetime.date(2016, 1, 1), datetime.date(2016, 12, 31)
    assert ">as of 31 Dec 2018, since 2016<" in deal_status(deal)
    del deal.status_since_earliest, deal.status_since_latest
    del deal.latest_evidence_earliest, deal.as_of
    assert deal_status(deal) == '<span class="status status-signed">Signed</span>'


# --- the period the sources cover ---------------------------------------------------------


def test_the_home_page_the_downloads_and_the_dataset_say_when_the_sources_were_published(client):
    """The curated sources: the earliest dated only to 2016 (uncertain), the latest 14 Nov 2021."""
    assert "Coverage: sources published 2016? – Nov 2021." in html_of(client.get("/"))
    for address in ("/deals/", "/statements/", "/timeline/", "/countries/"):
        assert '<span class="coverage">(sources published 2016? – Nov 2021)</span>' in html_of(client.get(address))
    text = b"".join(client.get("/export/dataset.json").streaming_content).decode()
    assert '"coverage": {"sources_published_earliest": "2016-01-01", "sources_published_latest": "2021-11-14", ' in text


def test_sorted_by_a_register_column_every_deal_stays_joined_to_its_summary(client):
    """Sorted by a summary column, the list joins each deal's summary as one it has (so
    PostgreSQL can read the page along that column's index): no deal is lost for it."""
    from django.http import QueryDict

    from deals.filtersets import DealFilterSet
    from deals.models import Deal

    for sort in ("-delivered", "value", "first_date"):
        rows = DealFilterSet(QueryDict(f"sort={sort}"), queryset=Deal.objects.for_table()).qs
        assert 'INNER JOIN "deals_dealsummary"' in str(rows.query)
        assert rows.count() == Deal.objects.count() == 15
    by_name = DealFilterSet(QueryDict("sort=recipient"), queryset=Deal.objects.for_table()).qs
    assert 'LEFT OUTER JOIN "deals_dealsummary"' in str(by_name.query)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan and its indexes are PostgreSQL's")
@pytest.mark.parametrize("sort, index", [
    ("-delivered", "dealsummary_delivered_desc"), ("delivered", "dealsummary_delivered"),
    ("-value", "dealsummary_value_desc"), ("-ordered_date", "dealsummary_signed_desc"),
])
def test_a_page_sorted_by_a_register_column_is_read_along_its_index(sort, index):
    """In either direction (without a value last): a descending sort reads its own index
    (migration 0026), where reading the ascending one backwards puts those without first."""
    from django.http import QueryDict

    from deals.filtersets import DealFilterSet
    from deals.models import Deal

    rows = DealFilterSet(QueryDict(f"sort={sort}"), queryset=Deal.objects.for_table()).qs[:25]
    with connection.cursor() as cursor:
        # A small test table would be scanned whole and sorted: as at scale, sorting all is costly.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        sql, params = rows.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert re.search(rf"Index Scan using {index} on deals_dealsummary", plan), plan


def test_the_summaries_refresh_with_the_debug_log_on():
    """Under DEBUG (`make run`) every statement is also formatted with its parameters for the
    log: a refresh of some deals' summaries (an editor's save) must survive it."""
    from django.test.utils import CaptureQueriesContext

    from deals.models import Deal
    from deals.read_model import deal_summaries_refresh

    deal = Deal.objects.get(slug="ru-tr-s-400")
    DealSummary.objects.filter(deal=deal).update(first_delivery_year=None)
    with CaptureQueriesContext(connection):  # the debug cursor, as DEBUG uses
        deal_summaries_refresh([deal.pk])
    assert DealSummary.objects.get(deal=deal).first_delivery_year == 2019


def test_the_sort_menu_offers_the_columns_under_their_headings(client):
    """The "Sort by" menu names each column as its heading does, not by its field's name."""
    html = html_of(client.get("/deals/"))
    offered = re.findall(r'<option value="([a-z_]+)"[^>]*>([^<]*)</option>', html)  # ascending
    labels = dict(offered)
    assert labels["ordered_date"] == "Ordered" and labels["ordered_quantity"] == "Number ordered"
    assert labels["delivered_quantity"] == "Number delivered" and labels["value_amount"] == "Value"
    assert labels["system"] == "System or subject" and labels["delivery_years"] == "Delivery years"
