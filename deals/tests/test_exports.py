"""Downloads: CSV and JSON of exactly a list's filtered rows, streamed; the full dataset."""
import csv
import gc
import io
import json
import tracemalloc

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Exists, Max, OuterRef, Prefetch
from django.test.utils import CaptureQueriesContext

from deals.models import (
    Citation,
    Contract,
    Deal,
    DealMilestone,
    DealStatusPeriod,
    Delivery,
    Event,
    Person,
    Source,
    Specification,
    Statement,
)
from deals.tests.builders import build_deal
from history.models import Change
from history.services import change_record, snapshot

pytestmark = pytest.mark.django_db


def content(response):
    assert response.streaming, "exports are streamed"
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response):
    text = content(response)
    assert text.startswith("\ufeff"), "a byte-order mark tells spreadsheets it is UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_deals_csv_for_turkey_has_exactly_turkeys_deals(client):
    response = client.get("/export/deals.csv", {"recipient": "TR"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="s400kb-deals-')
    rows = csv_rows(response)
    assert sorted(row["slug"] for row in rows) == sorted(Deal.objects.filter(recipient="TR").values_list("slug", flat=True))
    assert len(rows) == 7
    assert {row["recipient"] for row in rows} == {"TR"}
    assert list(rows[0])[:4] == ["slug", "supplier", "supplier_name", "recipient"]
    assert rows[0]["url"].startswith("http://testserver/deals/")


def test_csv_dates_come_as_words_and_bounds(client):
    contract = Contract.objects.filter(deal__slug="ru-in-s-400").order_by("date_earliest", "pk").first()

    [row] = csv_rows(client.get("/export/deals.csv", {"recipient": "IN"}))

    assert (row["ordered_date_words"], row["ordered_date_edtf"], row["ordered_date_earliest"], row["ordered_date_latest"]) == (
        contract.date_words, contract.date_edtf, contract.date_earliest.isoformat(), contract.date_latest.isoformat()
    )
    statement = Statement.objects.get(pk=20)
    [row] = csv_rows(client.get("/export/statements.csv", {"q": "fake news"}))
    assert row["date_words"] == "on Friday"
    assert (row["date_edtf"], row["date_earliest"], row["date_latest"]) == (
        statement.date_edtf, statement.date_earliest.isoformat(), statement.date_latest.isoformat()
    )


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_csv_cells_cannot_run_as_formulas(client, dangerous):
    build_deal(slug="test-formula", subject=dangerous, recipient_id="QA")

    rows = csv_rows(client.get("/export/deals.csv", {"q": "test-formula"}))

    assert [row["subject"] for row in rows] == ["'" + dangerous]


def test_json_export_has_the_api_shape_of_the_filtered_rows(client):
    response = client.get("/export/deals.json", {"recipient": "TR", "status": "delivered"})

    assert response["Content-Type"] == "application/json"
    data = json.loads(content(response))
    assert data["dataset"] == "deals" and data["query"] == "recipient=TR&status=delivered"
    api = client.get("/api/deals/", {"recipient": "TR", "status": "delivered"}).json()
    # A row of the API's list, and the status history its record gives (as the download does).
    assert [{key: value for key, value in row.items() if key != "status_history"} for row in data["results"]] == (
        api["results"]
    )
    assert [row["status_history"] for row in data["results"]] == [
        client.get(row["record"]).json()["status_history"] for row in api["results"]
    ]
    assert data["results"] and all(row["status_history"] for row in data["results"])


EXPORTS = [
    ("deals", "/deals/", "slug", "slug", {"status": ["signed", "delivered"], "sort": "-value"}),
    ("statements", "/statements/", "id", "pk", {"country": "TR"}),
    ("timeline", "/timeline/", "id", "pk", {"kind": "statement", "year_from": "2019"}),
    ("countries", "/countries/", "code", "code", {"region": "asia"}),
    ("people", "/people/", "slug", "slug", {"country": "RU"}),
    ("systems", "/systems/", "slug", "slug", {"category": "air_defence"}),
    ("sources", "/sources/", "slug", "slug", {"q": "Turkey"}),
]


@pytest.mark.parametrize("dataset, page, column, attribute, query", EXPORTS)
def test_every_list_exports_exactly_its_filtered_rows_on_all_pages(client, dataset, page, column, attribute, query):
    html = client.get(page, query)
    assert html.status_code == 200
    expected = [str(getattr(row, attribute)) for row in html.context["paginator"].object_list]

    rows = csv_rows(client.get(f"/export/{dataset}.csv", query))
    items = json.loads(content(client.get(f"/export/{dataset}.json", query)))["results"]

    assert [row[column] for row in rows] == expected
    assert [str(item["slug" if column == "slug" else column]) for item in items] == expected
    assert expected, "the query should select something"


@pytest.mark.parametrize("page, dataset", [(page, dataset) for dataset, page, *_ in EXPORTS])
def test_every_list_page_links_its_downloads_with_its_filters(client, page, dataset):
    html = client.get(page, {"q": "S-400", "page": "1"} if dataset != "timeline" else {"kind": "event"}).content.decode()

    query = "q=S-400" if dataset != "timeline" else "kind=event"
    assert f'href="/export/{dataset}.csv?{query}" download>Download CSV</a>' in html
    assert f'href="/export/{dataset}.json?{query}" download>Download JSON</a>' in html


@pytest.mark.parametrize("dataset, name, value", [
    ("deals", "recipient", "ZZ"), ("statements", "speaker", "nobody"), ("timeline", "kind", "rumour"),
    ("countries", "region", "atlantis"), ("people", "country", "ZZ"), ("systems", "category", "tank"),
    ("sources", "year_from", "soon"), ("deals", "q", "a\x00b"), ("deals", "anything", "\x00"),
])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_invalid_filter_is_400_naming_the_parameter(client, dataset, name, value, fmt):
    response = client.get(f"/export/{dataset}.{fmt}", {name: value})

    assert response.status_code == 400
    assert list(response.json()) == [name]


def test_unknown_dataset_is_404(client):
    assert client.get("/export/weapons.csv").status_code == 404
    assert client.get("/export/dataset.csv").status_code == 404


def test_full_dataset_has_every_record_with_citations_and_a_version_stamp(client):
    response = client.get("/export/dataset.json")

    assert response["Content-Disposition"].startswith('attachment; filename="s400kb-dataset-')
    data = json.loads(content(response))
    counts = data["version"]["counts"]
    assert counts["deals"] == Deal.objects.count() == len(data["deals"])
    assert counts["statements"] == Statement.objects.count() == len(data["statements"])
    assert counts["countries"] == 249 == len(data["countries"])
    for key in ["organisations", "people", "systems", "sources", "contracts", "deliveries", "events",
                "specifications", "citations"]:
        assert counts[key] == len(data[key]), key
    last = max(
        *(model.objects.aggregate(last=Max("updated_at"))["last"]
          for model in (Source, Citation, Deal, Contract, Delivery, Statement, Event, Specification)),
        Change.objects.aggregate(last=Max("at"))["last"],  # what the curated load recorded
    )
    assert data["version"]["last_modified"] == last.isoformat()
    cited = sum(len(deal["citations"]) for deal in data["deals"])
    assert cited == sum(deal.citations.count() for deal in Deal.objects.all()) > 0
    assert all(statement["citations"] for statement in data["statements"])


def stamp(client):
    return json.loads(content(client.get("/export/dataset.json")))["version"]


def test_correcting_a_citation_or_a_source_moves_the_version_stamp(client):
    before = stamp(client)
    citation = Citation.objects.order_by("pk").first()
    citation.excerpt = citation.excerpt[:-1]
    citation.save()

    after_citation = stamp(client)

    assert after_citation["last_modified"] == Citation.objects.get(pk=citation.pk).updated_at.isoformat()
    assert after_citation["last_modified"] > before["last_modified"]
    assert after_citation["counts"] == before["counts"]
    source = Source.objects.order_by("slug").last()
    source.text += " (Corrected.)"
    source.save()
    assert stamp(client)["last_modified"] == Source.objects.get(pk=source.pk).updated_at.isoformat()
    assert stamp(client)["last_modified"] > after_citation["last_modified"]


def test_a_recorded_change_to_a_person_moves_the_version_stamp(client):
    """People, systems and countries keep no change time; the change history does."""
    before = stamp(client)
    person = Person.objects.get(slug="dmitry-peskov")
    old = snapshot(person)
    person.description = "Kremlin spokesman."
    person.save()

    change = change_record(obj=person, action="changed", before=old, via="admin")

    assert stamp(client)["last_modified"] == change.at.isoformat() > before["last_modified"]


def test_sources_and_citations_loaded_from_the_fixture_have_a_change_time():
    assert not Source.objects.filter(updated_at__isnull=True).exists()
    assert not Citation.objects.filter(updated_at__isnull=True).exists()


def test_api_root_and_docs_lead_to_the_full_dataset(client):
    root = client.get("/api/").json()
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    assert root["dataset"] == "http://testserver/export/dataset.json"
    assert root["deals"] == "http://testserver/api/deals/" and root["docs"] == "http://testserver/api/docs/"
    assert "[/export/dataset.json](/export/dataset.json)" in schema["info"]["description"]
    assert client.get(root["dataset"]).status_code == 200


def peak_memory_of_export(client, url):
    """Lines and peak Python memory of a streamed export. The cycle collector is off while it
    runs, so rows kept alive by reference cycles count however the collector happens to be
    timed: an export must free each chunk by reference counting alone."""
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        response = client.get(url)
        lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        gc.enable()
    return lines, peak


def add_statements(count):
    speaker = Person.objects.get(slug="yuri-borisov")
    Statement.objects.bulk_create(
        Statement(speaker=speaker, text=f"Bulk statement number {n} about deliveries.", mode="reported")
        for n in range(count)
    )


@pytest.mark.parametrize("fmt, extra_lines", [("csv", 1), ("json", 0)])  # CSV has a header line
def test_large_export_is_streamed_in_bounded_memory(client, fmt, extra_lines):
    """Four times the rows, about the same peak: rows are read, written and dropped a chunk
    (500) at a time. (tools/bench_export.py prints the figures for larger lists.)"""
    url = f"/export/statements.{fmt}"
    add_statements(1000 - Statement.objects.count())
    lines, small_peak = peak_memory_of_export(client, url)
    assert lines == 1000 + extra_lines
    add_statements(3000)

    lines, large_peak = peak_memory_of_export(client, url)

    assert lines == 4000 + extra_lines
    assert large_peak < 1.3 * small_peak, f"{small_peak / 1e6:.1f} MB for 1,000 rows, {large_peak / 1e6:.1f} MB for 4,000"
    assert large_peak < 40 * 1024 * 1024


def as_json(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def test_full_dataset_reads_only_what_it_shows_and_shows_the_same(client, rf):
    """The export reads the facts' citations without their sources' texts, and a source's
    citations without the facts' texts: what it writes is what the serializers make of the
    records read whole."""
    from deals.api import serializers

    data = json.loads(content(client.get("/export/dataset.json")))
    context = {"request": rf.get("/export/dataset.json")}
    whole_citations = Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("pk"))

    def rendered(serializer_class, records):
        return as_json(serializer_class(records, many=True, context=context).data)

    sources = Source.objects.prefetch_related(
        "agencies", Prefetch("citations", queryset=Citation.objects.with_facts().order_by("pk"))
    ).order_by("date_earliest", "slug")
    assert data["sources"] == rendered(serializers.SourceSerializer, sources)
    assert data["citations"] == rendered(serializers.FullCitationSerializer, Citation.objects.with_facts())
    # A milestone sets the status when a status period begins with it.
    setting = DealStatusPeriod.objects.filter(milestone=OuterRef("pk"))
    milestones = DealMilestone.objects.select_related("citation__source").annotate(sets_status=Exists(setting))
    deals = Deal.objects.for_export().prefetch_related(None).prefetch_related(
        Prefetch("contracts", queryset=Contract.objects.order_by("date_earliest", "pk")),
        whole_citations, "contracts__citations__source", "deliveries__citations__source",
        Prefetch("milestones", queryset=milestones.order_by("date_latest", "rank", "date_earliest", "id")),
    )
    assert data["deals"] == rendered(serializers.DealSerializer, deals)
    events = Event.objects.prefetch_related("deals", "countries", whole_citations)
    assert data["events"] == rendered(serializers.EventSerializer, events)
    assert sum(len(source["citations"]) for source in data["sources"]) == Citation.objects.count() > 0


def test_full_dataset_costs_the_same_queries_however_many_citations(client):
    """Each chunk of records is read in a fixed number of queries: no query per citation
    for its source or its fact."""
    with CaptureQueriesContext(connection) as before:
        content(client.get("/export/dataset.json"))
    statement = Statement.objects.first()
    source = Source.objects.first()
    for n in range(40):
        excerpt = source.text[n:n + 20]
        Citation.objects.create(source=source, statement=statement, excerpt=excerpt)
    with CaptureQueriesContext(connection) as after:
        content(client.get("/export/dataset.json"))

    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_deals_csv_reads_no_status_history_its_columns_do_not_give(client):
    """The status history is in the deals' JSON, not in their CSV: the CSV does not read it."""
    with CaptureQueriesContext(connection) as csv_queries:
        content(client.get("/export/deals.csv"))
    with CaptureQueriesContext(connection) as json_queries:
        content(client.get("/export/deals.json"))
    assert not any("deals_dealmilestone" in query["sql"] for query in csv_queries.captured_queries)
    assert any("deals_dealmilestone" in query["sql"] for query in json_queries.captured_queries)
