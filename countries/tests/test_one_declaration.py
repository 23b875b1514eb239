"""The countries list declares its fields once (`countries.columns`): the CSV header and the
API record's keys are that declaration's, as are `CountrySerializer.Meta.fields`."""
import csv
import io
import json

import pytest

from countries.columns import COUNTRY_FIELDS
from countries.serializers import CountrySerializer
from lists.registry import LISTS

pytestmark = pytest.mark.django_db


def test_the_countries_csv_and_api_come_from_the_one_declaration(client):
    text = b"".join(client.get("/export/countries.csv").streaming_content).decode()
    header = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert header == [column.header for column in COUNTRY_FIELDS.csv_columns] + ["url"]
    assert LISTS["countries"].columns == COUNTRY_FIELDS.csv_columns

    [record, *_] = client.get("/api/countries/").json()["results"]
    assert list(record) == COUNTRY_FIELDS.api_fields == CountrySerializer.Meta.fields
    download = json.loads(b"".join(client.get("/export/countries.json").streaming_content))
    assert list(download["results"][0]) == COUNTRY_FIELDS.api_fields


def test_the_declaration_holds_what_the_downloads_have_always_carried(client):
    assert [column.header for column in COUNTRY_FIELDS.csv_columns] == ["code", "name", "region", "subregion", "aliases"]
    assert COUNTRY_FIELDS.api_fields == ["code", "name", "region", "subregion", "aliases", "url"]
    rows = list(csv.DictReader(io.StringIO(
        b"".join(client.get("/export/countries.csv").streaming_content).decode().removeprefix("\ufeff")
    )))
    india = next(row for row in rows if row["code"] == "IN")
    assert india["name"] == "India" and india["url"].endswith("/countries/IN/")
