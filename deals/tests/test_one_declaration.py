"""Each of the deals' and statements' lists declares its fields once (`deals.columns`): the
page's table headings, the CSV header and the API record's keys are all that declaration's,
and a declaration whose orders disagree with its fields is refused when it is made."""
import csv
import io
import re

import pytest

from deals.api.serializers import DealSerializer, StatementSerializer
from deals.columns import DEAL_FIELDS, STATEMENT_FIELDS
from lists.columns import Column, Field, Fields
from lists.registry import LISTS

pytestmark = pytest.mark.django_db

LISTS_DECLARED = [
    ("deals", DEAL_FIELDS, DealSerializer, "/deals/", "deals"),
    ("statements", STATEMENT_FIELDS, StatementSerializer, "/statements/", "statements"),
]


def headings(html, table_class):
    table = re.search(rf'<table class="{table_class}[^"]*">(.*?)</thead>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>.*", "", re.sub(r"^<a [^>]+>", "", th)).strip() for th in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table, re.S)]


@pytest.mark.parametrize("name, fields, serializer, page, table_class", LISTS_DECLARED)
def test_csv_api_and_page_all_come_from_the_one_declaration(client, name, fields, serializer, page, table_class):
    text = b"".join(client.get(f"/export/{name}.csv").streaming_content).decode()
    header = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert header == [column.header for column in fields.csv_columns] + ["url"]
    assert LISTS[name].columns == fields.csv_columns

    record = client.get(f"/api/{name}/").json()["results"][0]
    assert list(record) == fields.api_fields
    assert serializer.Meta.fields == fields.api_fields

    assert headings(client.get(page).content.decode(), table_class) == [h.label for h in fields.headings()]


def test_the_declarations_hold_what_the_site_has_always_shown():
    """The values a reader of the page, the download and the API sees, spelled out once here."""
    assert [h.label for h in DEAL_FIELDS.headings()] == [
        "Supplier", "Recipient", "System or subject", "Status", "Quantity", "Value", "First dated", "Last dated", "Signed",
    ]
    assert [(h.sort, h.numeric) for h in DEAL_FIELDS.headings()][4:] == [
        ("quantity", True), ("value", True), ("first_date", False), ("last_date", False), ("", False),
    ]
    assert [c.header for c in DEAL_FIELDS.csv_columns][:10] == [
        "slug", "supplier", "supplier_name", "recipient", "recipient_name", "system", "subject", "status", "disputed", "quantity",
    ]
    assert [h.label for h in STATEMENT_FIELDS.headings(without=["speaker"])] == [
        "Date", "Role at the time", "Outlet or setting", "Words", "Stance", "Deals",
    ]


def test_a_persons_page_leaves_out_the_speaker_heading_and_cells(client):
    html = client.get("/people/dmitry-peskov/").content.decode()
    assert headings(html, "statements") == [h.label for h in STATEMENT_FIELDS.headings(without=["speaker"])]
    assert 'data-label="Speaker"' not in html and 'data-label="Words"' in html


def test_the_sorted_heading_is_marked_from_the_declaration(client):
    response = client.get("/deals/", {"sort": "-value"})
    [by] = [column for column in response.context["columns"] if column.state]
    assert (by.label, by.state, by.next_sort) == ("Value", "descending", "value")


def test_an_order_that_leaves_out_or_invents_a_field_is_refused():
    fields = [Field("slug", csv=[Column("slug", str)]), Field("name", "Name", csv=[Column("name", str)])]
    assert Fields(*fields).api_fields == ["slug", "name"]
    with pytest.raises(ValueError, match="'slug'"):
        Fields(*fields, api=("name",))
    with pytest.raises(ValueError, match="'title'"):
        Fields(*fields, page=("name", "title"))
    with pytest.raises(ValueError, match="same name"):
        Fields(*fields, Field("name"))
