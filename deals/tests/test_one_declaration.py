"""Each of the deals app's lists declares its fields once (`deals.columns`): the CSV header
and the API record's keys (and, for the deals and statements, the page's table headings) are
all that declaration's, and a declaration whose orders disagree with its fields is refused
when it is made."""
import csv
import io
import json
import re

import pytest

from deals.api.serializers import (
    DealSerializer,
    FullCitationSerializer,
    PersonSerializer,
    SourceSerializer,
    StatementSerializer,
    TimelineItemSerializer,
    WeaponSystemSerializer,
)
from deals.columns import (
    CITATION_FIELDS,
    DEAL_FIELDS,
    PERSON_FIELDS,
    SOURCE_FIELDS,
    STATEMENT_FIELDS,
    SYSTEM_FIELDS,
    TIMELINE_FIELDS,
)
from lists.columns import Column, Field, Fields
from lists.registry import LISTS

pytestmark = pytest.mark.django_db

LISTS_DECLARED = [
    ("deals", DEAL_FIELDS, DealSerializer, "/deals/", "deals"),
    ("statements", STATEMENT_FIELDS, StatementSerializer, "/statements/", "statements"),
]


# The lists whose pages still write their headings in their templates: their CSV header and
# API records are the declaration's.
DOWNLOADS_DECLARED = [
    ("timeline", TIMELINE_FIELDS, TimelineItemSerializer),
    ("people", PERSON_FIELDS, PersonSerializer),
    ("systems", SYSTEM_FIELDS, WeaponSystemSerializer),
    ("sources", SOURCE_FIELDS, SourceSerializer),
]


def csv_header(client, name):
    text = b"".join(client.get(f"/export/{name}.csv").streaming_content).decode()
    return next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def headings(html, table_class):
    table = re.search(rf'<table class="{table_class}[^"]*">(.*?)</thead>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>.*", "", re.sub(r"^<a [^>]+>", "", th)).strip() for th in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table, re.S)]


@pytest.mark.parametrize("name, fields, serializer, page, table_class", LISTS_DECLARED)
def test_csv_api_and_page_all_come_from_the_one_declaration(client, name, fields, serializer, page, table_class):
    assert csv_header(client, name) == [column.header for column in fields.csv_columns] + ["url"]
    assert LISTS[name].columns == fields.csv_columns

    record = client.get(f"/api/{name}/").json()["results"][0]
    assert list(record) == fields.api_list_fields  # a row of the list (a deal's without its status history)
    if fields.record_only:  # its record and the download give them
        assert list(client.get(record["url"].replace("/deals/", "/api/deals/")).json()) == fields.api_fields
        download = json.loads(b"".join(client.get(f"/export/{name}.json").streaming_content))
        assert list(download["results"][0]) == fields.api_fields
    assert serializer.Meta.fields == fields.api_fields

    assert headings(client.get(page).content.decode(), table_class) == [h.label for h in fields.headings()]


@pytest.mark.parametrize("name, fields, serializer", DOWNLOADS_DECLARED)
def test_the_other_lists_csv_and_api_come_from_their_declaration(client, name, fields, serializer):
    assert csv_header(client, name) == [column.header for column in fields.csv_columns] + ["url"]
    assert LISTS[name].columns == fields.csv_columns
    [record, *_] = client.get(f"/api/{name}/").json()["results"]
    assert list(record) == fields.api_list_fields  # a row of the list (a source's without its text)
    if fields.record_only:  # its record gives them
        assert list(client.get(record["record"]).json()) == fields.api_fields
    assert serializer.Meta.fields == fields.api_fields
    download = json.loads(b"".join(client.get(f"/export/{name}.json").streaming_content))
    assert list(download["results"][0]) == fields.api_fields


def test_the_citations_api_comes_from_its_declaration_and_has_no_download(client):
    [record, *_] = client.get("/api/citations/").json()["results"]
    assert list(record) == CITATION_FIELDS.api_fields == FullCitationSerializer.Meta.fields
    assert LISTS["citations"].columns == [] and not LISTS["citations"].downloads
    assert client.get("/export/citations.csv").status_code == 404


def test_the_other_declarations_hold_what_the_downloads_have_always_carried():
    """The CSV headers and API keys a reader of the other lists sees, spelled out once here."""
    assert [c.header for c in TIMELINE_FIELDS.csv_columns] == [
        "id", "kind", "detail", "date_words", "date_edtf", "date_earliest", "date_latest", "title",
        "deals", "countries", "systems", "sources",
    ]
    assert TIMELINE_FIELDS.api_fields == ["id", "kind", "object_id", "detail", "title", "date", "url", "links", "citations"]
    assert [c.header for c in PERSON_FIELDS.csv_columns] == ["slug", "name", "country", "description"]
    assert PERSON_FIELDS.api_fields == ["slug", "name", "country", "description", "url"]
    assert [c.header for c in SYSTEM_FIELDS.csv_columns] == [
        "slug", "name", "category", "maker_country", "maker", "variant_of", "aliases", "description",
    ]
    assert SYSTEM_FIELDS.api_fields[-2:] == ["specifications", "url"]
    assert [c.header for c in SOURCE_FIELDS.csv_columns] == [
        "slug", "title", "outlet", "original_url", "language", "date_words", "date_edtf", "date_earliest",
        "date_latest", "notes", "citations", "text",
    ]
    # A page of the API's sources nests some of each one's citations: it counts them and links its record.
    assert SOURCE_FIELDS.api_fields == [
        "slug", "title", "title_supplied", "url", "record", "original_url", "outlet", "agencies", "language", "date",
        "notes", "text", "citations", "citation_count",
    ]


def test_the_declarations_hold_what_the_site_has_always_shown():
    """The values a reader of the page, the download and the API sees, spelled out once here."""
    assert [h.label for h in DEAL_FIELDS.headings()] == [
        "Supplier", "Recipient", "System or subject", "Status", "Ordered", "Number ordered", "Number delivered",
        "Delivery years", "Value",
    ]
    assert [(h.sort, h.numeric) for h in DEAL_FIELDS.headings()][4:] == [
        ("ordered_date", False), ("ordered_quantity", True), ("delivered_quantity", True), ("delivery_years", False),
        ("value_amount", True),
    ]
    # Each sorts under the name of its field in the CSV and the API (the ordered date's four
    # fields under one, `ordered_date`).
    register = {column.header for column in DEAL_FIELDS.csv_columns}
    assert all(h.sort in register or f"{h.sort}_earliest" in register for h in DEAL_FIELDS.headings()[4:])
    # The status with what it holds as of: its latest evidence, and with `as_of` the day and
    # since when it has held that status.
    assert [c.header for c in DEAL_FIELDS.csv_columns][:15] == [
        "slug", "supplier", "supplier_name", "recipient", "recipient_name", "system", "subject", "label", "status",
        "latest_evidence_earliest", "latest_evidence_latest", "as_of", "status_since_earliest", "status_since_latest",
        "disputed",
    ]
    assert [h.label for h in STATEMENT_FIELDS.headings(without=["speaker"])] == [
        "Date", "Role at the time", "Outlet or setting", "Words", "Stance", "Deals",
    ]


def test_a_persons_page_leaves_out_the_speaker_heading_and_cells(client):
    html = client.get("/people/dmitry-peskov/").content.decode()
    assert headings(html, "statements") == [h.label for h in STATEMENT_FIELDS.headings(without=["speaker"])]
    assert 'data-label="Speaker"' not in html and 'data-label="Words"' in html


def test_the_sorted_heading_is_marked_from_the_declaration(client):
    response = client.get("/deals/", {"sort": "-value_amount"})
    [by] = [column for column in response.context["columns"] if column.state]
    assert (by.label, by.state, by.next_sort) == ("Value", "descending", "value_amount")


def test_an_order_that_leaves_out_or_invents_a_field_is_refused():
    fields = [Field("slug", csv=[Column("slug", str)]), Field("name", "Name", csv=[Column("name", str)])]
    assert Fields(*fields).api_fields == ["slug", "name"]
    with pytest.raises(ValueError, match="'slug'"):
        Fields(*fields, api=("name",))
    with pytest.raises(ValueError, match="'title'"):
        Fields(*fields, page=("name", "title"))
    with pytest.raises(ValueError, match="same name"):
        Fields(*fields, Field("name"))
