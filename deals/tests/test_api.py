"""The read-only API (/api/): same rows as the HTML lists, 400s naming the parameter,
nested and cited records, constant query counts, and an accurate OpenAPI schema."""
import datetime
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch
from drf_spectacular.validation import validate_schema

from deals import approximate_dates
from deals.api.serializers import LISTED_CITATIONS
from deals.models import Contract, Source, Statement, WeaponSystem
from deals.tests.builders import (
    build_citation,
    build_contract,
    build_deal,
    build_delivery,
    build_source,
    build_statement,
)
from history.services import data_changed
from lists.keyset import MAX_NUMBERED_PAGE

pytestmark = pytest.mark.django_db


def date_fields(words):
    """The date columns of a record dated `words`, as the models derive them."""
    date = approximate_dates.parse(words)
    return {
        "date_words": words, "date_edtf": date.edtf, "date_earliest": date.earliest,
        "date_latest": date.latest, "date_basis": date.basis.value,
    }


def api_rows(client, url, params, key):
    """Every row of every page of an API list, as `key` values, following `next`."""
    rows, response = [], client.get(url, params)
    assert response.status_code == 200, response.content
    while True:
        data = response.json()
        rows += [row[key] for row in data["results"]]
        if not data["next"]:
            return rows, data["count"]
        response = client.get(data["next"])


def html_rows(client, url, params, key):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return [getattr(row, key) for row in response.context["paginator"].object_list]


SAME_ROWS = [
    ("/deals/", "/api/deals/", "slug", query)
    for query in [
        {},
        {"recipient": "TR"},
        {"recipient": "tr"},
        {"recipient": ["TR", "IN"]},
        {"supplier": "US"},
        {"system": "s-400"},
        {"status": "delivered"},
        {"status": ["signed", "negotiating"]},
        {"recipient": "TR", "status": "delivered"},
        {"disputed": "true"},
        {"scope": "s-400"},
        {"scope": "all"},
        {"scope": "s-400", "recipient": "TR", "sort": "-value"},
        {"year_from": "2019"},
        {"year_to": "2017"},
        {"year_from": "2018", "year_to": "2019"},
        {"q": "Triumph"},
        {"q": "Ankara"},
        {"sort": "-value"},
        {"sort": "first_date"},
        {"sort": "-recipient"},
        {"bogus": "ignored"},
    ]
] + [
    ("/statements/", "/api/statements/", "id", query)
    for query in [
        {},
        {"speaker": "dmitry-peskov"},
        {"speaker": ["dmitry-peskov", "yuri-borisov"]},
        {"country": "TR"},
        {"deal": "ru-tr-s-400"},
        {"mode": "quote"},
        {"stance": "denies"},
        {"year_from": "2019", "year_to": "2019"},
        {"q": "fake"},
    ]
] + [
    ("/timeline/", "/api/timeline/", "pk", query)
    for query in [
        {},
        {"country": "TR"},
        {"country": ["IN", "TR"]},
        {"system": "s-400"},
        {"deal": "ru-in-s-400"},
        {"kind": ["contract", "delivery"]},
        {"year_from": "2019", "year_to": "2019"},
    ]
] + [
    ("/countries/", "/api/countries/", "code", query)
    for query in [
        {},
        {"region": "asia"},
        {"region": "europe"},
        {"q": "Ankara"},
        {"q": "tr"},
        {"q": "russia"},
        {"region": "asia", "q": "a"},
    ]
] + [
    ("/people/", "/api/people/", "slug", query)
    for query in [
        {},
        {"country": "RU"},
        {"country": "ru"},
        {"country": ["TR", "QA"]},
        {"q": "Peskov"},
        {"q": "minister"},
        {"country": "RU", "q": "minister"},
    ]
] + [
    ("/systems/", "/api/systems/", "slug", query)
    for query in [
        {},
        {"category": "air_defence"},
        {"category": "fighter"},
        {"maker_country": "US"},
        {"maker_country": ["RU", "US"]},
        {"q": "Triumf"},
        {"q": "S-3"},
        {"category": "air_defence", "maker_country": "US"},
    ]
] + [
    ("/sources/", "/api/sources/", "slug", query)
    for query in [
        {},
        {"year_from": "2019"},
        {"year_to": "2018"},
        {"year_from": "2019", "year_to": "2019"},
        {"q": "Erdogan"},
        {"q": "Qatar"},
        {"year_from": "2019", "q": "Erdogan"},
    ]
]


@pytest.mark.parametrize("page_url, api_url, key, query", SAME_ROWS)
def test_api_returns_the_rows_of_the_html_list_in_its_order(client, page_url, api_url, key, query):
    expected = html_rows(client, page_url, query, key)
    rows, count = api_rows(client, api_url, query, "id" if key in ("pk", "id") else key)

    assert rows == expected
    assert count == len(expected)


def source_page_citations(client, slug):
    """The citations a reader finds highlighted on a source's page."""
    response = client.get(f"/sources/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    citations = list(response.context["object"].citations.all())
    assert all(f'id="citation-{citation.pk}"' in html for citation in citations)
    return citations


@pytest.mark.parametrize("query", [
    {},
    {"source": "004_780518f76a4dacf2"},
    {"source": "000_d991f9e5e247daee"},
    {"q": "S-400"},
    {"q": "regiments"},
    {"q": "s-400", "source": "004_780518f76a4dacf2"},
])
def test_api_citations_are_the_excerpts_highlighted_on_the_source_pages(client, query):
    """Citations have no list page: each is highlighted on its source's page, so the API
    must return exactly those of the chosen source(s) whose excerpt holds the text."""
    slugs = [query["source"]] if "source" in query else list(Source.objects.values_list("slug", flat=True))
    expected = [
        citation.pk
        for slug in slugs
        for citation in source_page_citations(client, slug)
        if query.get("q", "").lower() in citation.excerpt.lower()
    ]

    rows, count = api_rows(client, "/api/citations/", query, "id")

    assert sorted(rows) == sorted(expected) and count == len(expected) > 0
    sources = [client.get(f"/api/citations/{pk}/").json()["source"]["slug"] for pk in rows[:3]]
    assert all(slug in slugs for slug in sources)


def test_filtered_deal_list_is_turkeys_delivered_deal(client):
    data = client.get("/api/deals/", {"recipient": "TR", "status": "delivered"}).json()

    assert [deal["slug"] for deal in data["results"]] == ["ru-tr-s-400"]
    assert data["count"] == 1 and data["next"] is None and data["previous"] is None


INVALID = [
    ("/api/deals/", "recipient", "ZZ"),
    ("/api/deals/", "supplier", "ZZ"),
    ("/api/deals/", "system", "no-such-system"),
    ("/api/deals/", "status", "sold"),
    ("/api/deals/", "disputed", "perhaps"),
    ("/api/deals/", "year_from", "last year"),
    ("/api/deals/", "year_from", "2019.5"),
    ("/api/deals/", "year_to", "1800"),
    ("/api/deals/", "q", "x" * 201),
    ("/api/deals/", "sort", "price"),
    ("/api/statements/", "speaker", "nobody"),
    ("/api/statements/", "country", "ZZ"),
    ("/api/statements/", "deal", "no-such-deal"),
    ("/api/statements/", "mode", "sung"),
    ("/api/statements/", "stance", "shrugs"),
    ("/api/statements/", "year_from", "3000"),
    ("/api/timeline/", "country", "ZZ"),
    ("/api/timeline/", "system", "no-such-system"),
    ("/api/timeline/", "deal", "no-such-deal"),
    ("/api/timeline/", "kind", "rumour"),
    ("/api/timeline/", "year_to", "soon"),
    ("/api/countries/", "region", "atlantis"),
    ("/api/people/", "country", "ZZ"),
    ("/api/systems/", "category", "tank"),
    ("/api/systems/", "maker_country", "ZZ"),
    ("/api/sources/", "year_from", "1899"),
    ("/api/citations/", "source", "no-such-source"),
]


@pytest.mark.parametrize("url, name, value", INVALID)
def test_invalid_filter_value_is_400_json_naming_the_parameter(client, url, name, value):
    response = client.get(url, {name: value})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [name]
    assert response.json()[name] and all(isinstance(message, str) for message in response.json()[name])


def test_a_country_is_chosen_only_in_a_role_it_has_in_some_deal(client):
    """The chosen countries are checked against those the list offers, as the form offers
    them: the United States supply deals but receive none, and a code is read in any case."""
    assert client.get("/api/deals/", {"supplier": "us"}).json()["count"] == 2
    response = client.get("/api/deals/", {"recipient": ["tr", "US"]})
    assert response.status_code == 400
    assert response.json() == {"recipient": ["Select a valid choice. US is not one of the available choices."]}


@pytest.mark.parametrize("url, name, values", [
    ("/api/deals/", "system", ["bogus", "s-400"]),
    ("/api/deals/", "disputed", ["true", "false"]),
    ("/api/statements/", "stance", ["denies", "asserts"]),
    ("/api/timeline/", "year_from", ["abc", "2019"]),
])
def test_a_single_valued_filter_given_twice_is_400_json_naming_it(client, url, name, values):
    response = client.get(url, {name: values})

    assert response.status_code == 400
    assert response.json() == {name: [f"Give {name} only once; it takes a single value."]}


def test_empty_and_differently_cased_values_are_read_as_the_page_reads_them(client):
    everything = client.get("/api/deals/").json()["count"]
    assert client.get("/api/deals/", {"status": "", "recipient": ""}).json()["count"] == everything
    signed = client.get("/api/deals/", {"status": "signed"}).json()
    assert signed["count"] > 0
    assert client.get("/api/deals/", {"status": "Signed"}).json() == signed


def test_invalid_country_message_says_which_value(client):
    response = client.get("/api/deals/", {"recipient": "ZZ"})

    assert response.json() == {"recipient": ["Select a valid choice. ZZ is not one of the available choices."]}


def test_reversed_year_span_is_400_naming_year_to(client):
    response = client.get("/api/deals/", {"year_from": "2020", "year_to": "2018"})

    assert response.status_code == 400
    assert "year_to" in response.json()


ENDPOINTS = [
    "/api/deals/", "/api/statements/", "/api/timeline/", "/api/countries/", "/api/people/",
    "/api/systems/", "/api/sources/", "/api/citations/",
]


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("name", ["q", "recipient", "country", "unknown_parameter"])
def test_nul_byte_in_any_parameter_is_400_naming_it(client, url, name):
    response = client.get(url, {name: "T\x00R"})

    assert response.status_code == 400
    assert response.json() == {name: ["Contains a NUL character, which no value may contain."]}


def test_nul_byte_on_a_record_is_400_too(client):
    assert client.get("/api/countries/TR/", {"q": "\x00"}).status_code == 400


@pytest.mark.parametrize("url", ENDPOINTS)
def test_unknown_parameters_are_ignored(client, url):
    plain = client.get(url).json()
    with_unknown = client.get(url, {"colour": "blue", "format": "xml"}).json()

    assert with_unknown["results"] == plain["results"]
    assert with_unknown["count"] == plain["count"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_page_past_the_end_is_404_json(client, url):
    response = client.get(url, {"page": MAX_NUMBERED_PAGE})

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("url", [*ENDPOINTS, "/api/search/"])
@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999999999999999999", "2147483648", "1.5", " 1", "last"])
def test_malformed_page_number_is_400_json_naming_page(client, url, page):
    response = client.get(url, {"page": page, **({"q": "S-400"} if "search" in url else {})})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"page": ["A page number is a whole number from 1 to 2147483647."]}


def test_page_given_twice_is_400_and_empty_page_is_the_first(client):
    assert client.get("/api/deals/?page=1&page=2").json() == {"page": ["Give page only once; it takes a single value."]}
    assert client.get("/api/deals/", {"page": ""}).json() == client.get("/api/deals/").json()
    assert client.get("/api/deals/", {"page": "2147483647"}).status_code == 404


def test_malformed_page_and_filter_are_named_in_one_400(client):
    response = client.get("/api/deals/", {"page": "abc", "recipient": "ZZ"})

    assert response.status_code == 400
    assert set(response.json()) == {"page", "recipient"}


def test_page_parameter_is_ignored_on_a_record(client):
    assert client.get("/api/deals/ru-tr-s-400/", {"page": "abc"}).json()["slug"] == "ru-tr-s-400"


def test_unknown_record_and_unknown_address_are_404_json(client):
    for url in ["/api/deals/no-such-deal/", "/api/countries/ZZ/", "/api/statements/99999999999999999999/",
                "/api/no-such-list/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()


def test_api_is_read_only(client):
    assert client.post("/api/deals/", {}).status_code == 405
    assert client.delete("/api/deals/ru-tr-s-400/").status_code == 405


def test_country_is_identified_by_iso_code_with_aliases(client):
    data = client.get("/api/countries/TR/").json()

    assert data["code"] == "TR" and data["name"] == "Turkey"
    assert "Ankara" in data["aliases"]
    assert data["url"] == "http://testserver/countries/TR/"


@pytest.mark.parametrize("code, name", [("SY", "Syria"), ("AF", "Afghanistan"), ("FR", "France")])
def test_any_iso_country_has_its_record_though_the_list_has_the_countries_in_deals(client, code, name):
    listed = [country["code"] for country in client.get("/api/countries/").json()["results"]]

    response = client.get(f"/api/countries/{code}/")

    assert response.status_code == 200
    assert (response.json()["code"], response.json()["name"]) == (code, name)
    assert response.json()["url"] == f"http://testserver/countries/{code}/"
    assert client.get(f"/countries/{code}/").status_code == 200
    assert code not in listed and "TR" in listed


def test_every_country_the_api_names_has_its_record(client):
    named = set()
    for url in ["/api/timeline/", "/api/statements/"]:
        for page in range(1, 1 + -(-client.get(url).json()["count"] // 25)):
            for row in client.get(url, {"page": page}).json()["results"]:
                named.update(row["links"]["countries"] if "links" in row else row["countries"])

    assert {"SY", "FR", "SA"} <= named
    assert {code for code in named if client.get(f"/api/countries/{code}/").status_code != 200} == set()


def test_lowercase_country_code_gives_the_same_record(client):
    lower, upper = client.get("/api/countries/tr/"), client.get("/api/countries/TR/")

    assert lower.status_code == 200
    assert lower.json() == upper.json()
    assert lower.json()["code"] == "TR"
    assert client.get("/api/countries/zz/").status_code == 404
    assert client.get("/api/countries/t1/").status_code == 404


def test_deal_nests_contracts_deliveries_money_dates_and_citations(client):
    deal = build_deal(slug="test-api-deal")
    contract = build_contract(
        deal=deal, value_amount="2500000000.00", value_currency="USD", value_words="$2.5 billion",
        **date_fields("mid-June 2019"),
    )
    build_delivery(contract=contract, description="First regiment")
    source = build_source()
    citation = build_citation(source=source, deal=deal)

    data = client.get("/api/deals/test-api-deal/").json()

    assert data["url"] == "http://testserver/deals/test-api-deal/"
    assert data["recipient"] == {"code": "TR", "name": "Turkey", "url": "http://testserver/countries/TR/"}
    [nested] = data["contracts"]
    assert nested["value"] == {"amount": "2500000000.00", "currency": "USD", "words": "$2.5 billion"}
    assert nested["date"] == {
        "words": "mid-June 2019", "edtf": "2019-06-11/2019-06-20", "earliest": "2019-06-11",
        "latest": "2019-06-20", "basis": "stated",
    }
    assert data["first_contract"]["value"] == nested["value"]
    assert [delivery["description"] for delivery in data["deliveries"]] == ["First regiment"]
    assert data["deliveries"][0]["date"] is None
    assert data["citations"] == [
        {
            "id": citation.pk,
            "source": {"slug": source.slug, "title": source.title, "url": f"http://testserver/sources/{source.slug}/"},
            "excerpt": "five S-400 regiments",
            "url": f"http://testserver/sources/{source.slug}/#citation-{citation.pk}",
        }
    ]


def test_timeline_item_links_its_page_deals_countries_and_citations(client):
    contract = Contract.objects.filter(deal__slug="ru-in-s-400").order_by("pk").first()

    data = client.get(f"/api/timeline/contract-{contract.pk}/").json()

    assert data["url"] == f"http://testserver/deals/ru-in-s-400/#contract-{contract.pk}"
    assert data["links"]["deals"] == ["ru-in-s-400"]
    assert set(data["links"]["countries"]) >= {"IN", "RU"}
    assert data["date"]["edtf"] == contract.date_edtf
    assert len(data["citations"]) == contract.citations.count() > 0


def test_source_carries_its_text_and_the_facts_cited_from_it(client):
    source = Source.objects.order_by("slug").first()

    data = client.get(f"/api/sources/{source.slug}/").json()

    assert data["text"] == source.text
    assert data["date"]["edtf"] == source.date_edtf
    assert len(data["citations"]) == source.citations.count()
    assert {citation["fact"]["kind"] for citation in data["citations"]} <= {
        "deal", "contract", "delivery", "statement", "event", "specification"
    }


def test_statement_names_speaker_deals_countries_and_citations(client):
    statement = Statement.objects.get(pk=20)

    data = client.get("/api/statements/20/").json()

    assert data["speaker"]["slug"] == "yuri-borisov"
    assert data["text"] == statement.text
    assert data["citations"][0]["excerpt"] in statement.citations.get().source.text


# --- a deal's citations in the list: a bounded number, a count and the record ------------


@pytest.fixture
def much_cited_deal():
    """A deal of its own recipient (Belarus has no other delivered deal) with eight
    citations of its own, each from another source."""
    deal = build_deal(recipient_id="BY", status="delivered", slug="ru-by-much-cited")
    return deal, [build_citation(deal=deal, excerpt="five S-400 regiments").pk for _ in range(8)]


def test_a_deal_in_the_list_nests_its_first_citations_and_says_how_many_it_has(client, much_cited_deal):
    deal, cited = much_cited_deal
    [row] = client.get("/api/deals/", {"recipient": "BY", "status": "delivered"}).json()["results"]

    assert LISTED_CITATIONS == 5
    assert [citation["id"] for citation in row["citations"]] == cited[:5]
    assert row["citation_count"] == 8
    assert row["record"] == "http://testserver/api/deals/ru-by-much-cited/"

    record = client.get(row["record"]).json()
    assert [citation["id"] for citation in record["citations"]] == cited
    assert record["citation_count"] == 8 and record["record"] == row["record"]
    # The record's citations are the list's, and the list's the record's first ones, key for key.
    assert record["citations"][:5] == row["citations"]
    # And the rest is the same, but the status history, which only the record gives.
    assert "status_history" not in row
    assert {key: value for key, value in record.items() if key not in ("citations", "status_history")} == {
        key: value for key, value in row.items() if key != "citations"
    }


def test_the_downloads_keep_every_citation_of_a_deal(client, much_cited_deal):
    deal, cited = much_cited_deal
    download = json.loads(b"".join(client.get("/export/deals.json", {"recipient": "BY"}).streaming_content))
    [row] = [row for row in download["results"] if row["slug"] == deal.slug]
    assert [citation["id"] for citation in row["citations"]] == cited
    assert row["citation_count"] == 8
    text = b"".join(client.get("/export/deals.csv", {"recipient": "BY"}).streaming_content).decode()
    assert len(next(line for line in text.splitlines() if deal.slug in line).split("; ")) == 8  # its 8 sources


def test_every_deal_in_the_list_nests_its_records_contracts_and_deliveries_with_all_their_citations(client):
    rows = client.get("/api/deals/").json()["results"]
    nested = [(row, client.get(row["record"]).json()) for row in rows]

    assert sum(len(row["contracts"]) + len(row["deliveries"]) for row in rows) > 10
    assert sum(len(fact["citations"]) for row in rows for fact in row["contracts"] + row["deliveries"]) > 10
    for row, record in nested:
        assert row["citations"] == record["citations"][:LISTED_CITATIONS]
        assert {key: value for key, value in row.items() if key != "citations"} == {
            key: value for key, value in record.items() if key not in ("citations", "status_history")
        }


def test_every_system_in_the_list_is_its_record(client):
    rows = client.get("/api/systems/").json()["results"]
    assert any(spec["citations"] for row in rows for spec in row["specifications"])
    assert any(row["aliases"] for row in rows)
    for row in rows:
        assert row == client.get(f"/api/systems/{row['slug']}/").json()


def test_a_deal_with_few_citations_lists_them_all(client):
    row = next(row for row in client.get("/api/deals/").json()["results"] if row["slug"] == "ru-tr-s-400")
    record = client.get("/api/deals/ru-tr-s-400/").json()
    assert 0 < row["citation_count"] == len(row["citations"]) <= LISTED_CITATIONS
    assert row["citations"] == record["citations"]


def test_a_page_of_deals_costs_as_many_queries_however_many_citations_a_deal_has(client, much_cited_deal):
    deal, _ = much_cited_deal
    query = {"recipient": "BY"}
    with CaptureQueriesContext(connection) as few:
        client.get("/api/deals/", query)
    for _ in range(20):
        build_citation(deal=deal)
    data_changed(reason="more citations")
    with CaptureQueriesContext(connection) as many:
        row = next(row for row in client.get("/api/deals/", query).json()["results"] if row["slug"] == deal.slug)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert (len(row["citations"]), row["citation_count"]) == (5, 28)


# --- a source's citations in the list: the same bound, count and record as a deal's --------


@pytest.fixture
def much_cited_source():
    """A source dated apart from every other (so filtered to its year it is alone) with
    eight citations, each of another deal."""
    source = build_source(
        slug="much-cited-source", date_words="1990", date_edtf="1990", date_earliest="1990-01-01",
        date_latest="1990-12-31", date_basis="stated",
    )
    return source, [build_citation(source=source).pk for _ in range(8)]


def test_a_source_in_the_list_nests_its_first_citations_and_says_how_many_it_has(client, much_cited_source):
    source, cited = much_cited_source
    [row] = client.get("/api/sources/", {"year_from": "1990", "year_to": "1990"}).json()["results"]

    assert [citation["id"] for citation in row["citations"]] == cited[:LISTED_CITATIONS]
    assert row["citation_count"] == 8
    assert row["record"] == "http://testserver/api/sources/much-cited-source/"

    record = client.get(row["record"]).json()
    assert [citation["id"] for citation in record["citations"]] == cited
    assert record["citation_count"] == 8 and record["record"] == row["record"]
    assert record["citations"][:LISTED_CITATIONS] == row["citations"]
    # The article's text is the record's alone; the rest is the same.
    assert "text" not in row and record["text"] == source.text
    assert {key: value for key, value in record.items() if key not in ("citations", "text")} == {
        key: value for key, value in row.items() if key != "citations"
    }


def test_the_downloads_keep_every_citation_of_a_source(client, much_cited_source):
    source, cited = much_cited_source
    download = json.loads(b"".join(client.get("/export/sources.json", {"year_to": "1990"}).streaming_content))
    [row] = download["results"]
    assert [citation["id"] for citation in row["citations"]] == cited
    assert row["citation_count"] == 8


def test_a_source_with_few_citations_lists_them_all(client):
    source = build_source()  # every curated source is cited more than five times
    for _ in range(3):
        build_citation(source=source)
    [row] = [row for row in client.get("/api/sources/", {"q": source.title}).json()["results"] if row["slug"] == source.slug]
    record = client.get(row["record"]).json()
    assert 0 < row["citation_count"] == len(row["citations"]) <= LISTED_CITATIONS
    assert row["citations"] == record["citations"]


def test_a_page_of_sources_costs_as_many_queries_however_many_citations_a_source_has(client, much_cited_source):
    source, _ = much_cited_source
    query = {"year_to": "1990"}
    with CaptureQueriesContext(connection) as few:
        client.get("/api/sources/", query)
    for _ in range(20):
        build_citation(source=source)
    data_changed(reason="more citations")
    with CaptureQueriesContext(connection) as many:
        [row] = client.get("/api/sources/", query).json()["results"]
    assert len(many.captured_queries) == len(few.captured_queries)
    assert (len(row["citations"]), row["citation_count"]) == (LISTED_CITATIONS, 28)


# --- query counts --------------------------------------------------------------------------


def more_turkish_deals(n):
    for _ in range(n):
        deal = build_deal()
        build_delivery(contract=build_contract(deal=deal))
        build_citation(deal=deal)


def more_statements(n):
    for _ in range(n):
        statement = build_statement(text="Zqxv deliveries are on schedule.", **date_fields("2019"))
        statement.countries.add("TR")
        build_citation(statement=statement)


def more_dated_contracts(n):
    for _ in range(n):
        contract = build_contract(**date_fields("2030"))
        build_citation(contract=contract)


def more_systems(n):
    for i in range(WeaponSystem.objects.count(), WeaponSystem.objects.count() + n):
        system = WeaponSystem.objects.create(
            slug=f"test-system-{i}", name=f"Test system {i}", category="air_defence", maker_country_id="RU"
        )
        system.aliases.create(name=f"Test alias {i}")


def more_sources(n):
    for _ in range(n):
        build_citation(source=build_source())


QUERY_COUNTS = [
    ("/api/deals/", {"recipient": "TR"}, more_turkish_deals),
    ("/api/statements/", {"q": "zqxv"}, more_statements),
    ("/api/timeline/", {"year_from": "2030"}, more_dated_contracts),
    ("/api/systems/", {}, more_systems),
    ("/api/sources/", {}, more_sources),
    ("/api/citations/", {"q": "five S-400 regiments"}, more_sources),
    ("/api/countries/", {}, more_turkish_deals),
    ("/api/people/", {}, more_statements),
]


@pytest.mark.parametrize("url, query, add_rows", QUERY_COUNTS)
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, url, query, add_rows):
    add_rows(2)
    with CaptureQueriesContext(connection) as few:
        before = client.get(url, query).json()["count"]
    add_rows(5)
    data_changed(reason="more rows")  # as every write does: what was counted is counted again

    with django_assert_num_queries(len(few.captured_queries)):
        after = client.get(url, query).json()["count"]
    assert after > before or url in ("/api/countries/", "/api/people/")


# --- the schema ----------------------------------------------------------------------------


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3(schema):
    validate_schema(schema)  # raises if the schema breaks the OpenAPI 3 specification

    assert schema["openapi"].startswith("3.")
    assert {"/api/deals/", "/api/deals/{slug}/", "/api/countries/{code}/", "/api/timeline/",
            "/api/statements/", "/api/people/", "/api/systems/", "/api/sources/", "/api/citations/",
            "/api/search/"} <= set(schema["paths"])


def parameters(schema, path):
    return {parameter["name"]: parameter for parameter in schema["paths"][path]["get"]["parameters"]}


# The lists read by cursor past their first pages (lists.keyset).
CURSOR_LISTS = {"/api/deals/", "/api/statements/", "/api/timeline/", "/api/people/", "/api/sources/", "/api/citations/"}
LIST_FILTERSETS = {
    "/api/deals/": "deals.filtersets.DealFilterSet", "/api/statements/": "deals.filtersets.StatementFilterSet",
    "/api/timeline/": "deals.filtersets.TimelineFilterSet", "/api/countries/": "countries.filtersets.CountryFilterSet",
    "/api/people/": "deals.filtersets.PersonFilterSet", "/api/systems/": "deals.filtersets.WeaponSystemFilterSet",
    "/api/sources/": "deals.filtersets.SourceFilterSet", "/api/citations/": "deals.filtersets.CitationFilterSet",
}


def test_schema_documents_every_filter_with_its_type(schema):
    from django.utils.module_loading import import_string

    assert set(LIST_FILTERSETS) == set(ENDPOINTS)
    for path, name in LIST_FILTERSETS.items():
        filterset = import_string(name)
        documented = parameters(schema, path)
        cursors = {"after", "before"} if path in CURSOR_LISTS else set()
        assert set(filterset.base_filters) | {"page"} | cursors == set(documented), path
        for parameter in documented.values():
            assert parameter["in"] == "query" and parameter["allowEmptyValue"] is True, (path, parameter["name"])
            if parameter["name"] == "q":
                assert parameter["schema"] == {"type": "string", "maxLength": 200, "pattern": "^[^\\u0000]*$"}, path
            if parameter["name"] in ("year_from", "year_to"):
                assert parameter["schema"] == {"type": "integer", "minimum": 1900, "maximum": 2100}, path

    deals = parameters(schema, "/api/deals/")
    assert deals["recipient"]["schema"]["type"] == "array"
    assert "TR" in deals["recipient"]["schema"]["items"]["enum"]
    assert (deals["recipient"]["style"], deals["recipient"]["explode"]) == ("form", True)
    assert set(deals["status"]["schema"]["items"]["enum"]) == {
        "offered", "reported", "negotiating", "signed", "delivering", "delivered", "suspended", "cancelled", "denied"
    }
    assert deals["disputed"]["schema"] == {"type": "boolean"}
    assert "-value_amount" in deals["sort"]["schema"]["items"]["enum"]
    assert parameters(schema, "/api/statements/")["speaker"]["schema"]["items"]["enum"][0] == "ahmed-bin-nasser-al-thani"
    # Several regions may be given, as the page's checkboxes send them.
    region = parameters(schema, "/api/countries/")["region"]
    assert region["schema"]["type"] == "array" and region["schema"]["items"]["enum"][:2] == ["africa", "americas"]
    assert parameters(schema, "/api/systems/")["category"]["schema"]["items"]["enum"] == ["air_defence", "fighter"]
    assert parameters(schema, "/api/systems/")["maker_country"]["schema"]["items"]["enum"] == ["RU", "US"]
    assert "004_780518f76a4dacf2" in parameters(schema, "/api/citations/")["source"]["schema"]["enum"]


def test_docs_describe_every_parameter_of_every_operation(schema):
    from deals.filtersets import DealFilterSet

    labels = {str(f.label) for f in DealFilterSet.base_filters.values() if f.label} | {"Text", "From year", "To year"}
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                description = parameter.get("description", "").strip()
                assert len(description) > 20, (path, parameter["name"], description)
                assert description not in labels and not description.startswith("* `"), (path, parameter["name"])


@pytest.mark.parametrize("path, name, words", [
    ("/api/deals/", "q", ["subject", "summary", "slug", "system", "aliases", "supplier", "recipient"]),
    ("/api/statements/", "q", ["what was said", "speaker", "organisation", "role", "setting"]),
    ("/api/countries/", "q", ["name", "aliases", "ISO code"]),
    ("/api/people/", "q", ["name", "description"]),
    ("/api/systems/", "q", ["name", "aliases"]),
    ("/api/sources/", "q", ["title", "full text"]),
    ("/api/citations/", "q", ["excerpt"]),
    ("/api/deals/", "year_from", ["any dated milestone", "in or after this year", "uncertain"]),
    ("/api/deals/", "year_to", ["any dated milestone", "in or before this year"]),
    ("/api/timeline/", "year_from", ["in or after this year"]),
    ("/api/sources/", "year_to", ["published in or before this year"]),
    ("/api/deals/", "disputed", ["true", "false", "conflicting reports"]),
    ("/api/deals/", "status", ["Repeatable", "400", "`delivered` - Delivered"]),
    ("/api/deals/", "recipient", ["recipient", "ISO 3166-1 alpha-2", "any case", "repeatable", "400"]),
    ("/api/deals/{slug}/", "slug", ["slug", "ru-tr-s-400"]),
    ("/api/countries/{code}/", "code", ["ISO 3166-1 alpha-2", "any case", "Every ISO country"]),
    ("/api/statements/{id}/", "id", ["20"]),
    ("/api/timeline/{id}/", "id", ["contract-3", "statement-20"]),
    ("/api/citations/{id}/", "id", ["#citation-"]),
    ("/api/search/", "q", ["deals, statements, people, weapon systems, countries and sources", "names",
                           "comes first", "accents", '"the"']),
])
def test_docs_say_what_a_parameter_selects(schema, path, name, words):
    description = parameters(schema, path)[name]["description"]

    assert [word for word in words if word not in description] == [], description


def test_schema_says_what_page_numbers_are_accepted(schema):
    for path in [*ENDPOINTS, "/api/search/"]:
        page = parameters(schema, path)["page"]
        deepest = MAX_NUMBERED_PAGE if path in CURSOR_LISTS and path != "/api/deals/" else 2147483647
        assert page["schema"] == {"type": "integer", "format": "int32", "minimum": 1, "maximum": deepest}, path
        assert "400" in page["description"] and "404" in page["description"]
        assert page["allowEmptyValue"] is True


def test_schema_documents_the_400_body_and_404(schema):
    responses = schema["paths"]["/api/deals/"]["get"]["responses"]

    assert responses["400"]["content"]["application/json"]["schema"]["additionalProperties"] == {
        "type": "array", "items": {"type": "string"}
    }
    assert "404" in responses
    ok = responses["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][ok]["properties"]) == {"count", "next", "previous", "results"}


@pytest.mark.parametrize("records", ["deals", "sources"])
def test_schema_says_a_listed_deal_or_source_nests_some_citations_and_its_record_all(schema, records):
    def deal_schema(path):
        ref = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        component = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
        if "results" in component["properties"]:
            component = schema["components"]["schemas"][component["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[1]]
        return component["properties"]

    listed, record = deal_schema(f"/api/{records}/"), deal_schema(f"/api/{records}/{{slug}}/")
    assert f"first {LISTED_CITATIONS}" in listed["citations"]["description"]
    if records == "sources":  # the article's text is the record's alone
        assert "text" not in listed and record["text"]["type"] == "string"
    assert "first" not in record["citations"].get("description", "")
    for deal in (listed, record):
        assert deal["citation_count"]["type"] == "integer"
        assert deal["record"]["format"] == "uri"


def test_docs_page_loads_its_assets_from_this_site_under_the_csp(client):
    response = client.get("/api/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "<script>" not in html and "<style>" not in html and "style=" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "http://" not in html and "https://" not in html
    script = client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert '"/api/schema/"' in script.content.decode()


def test_a_date_no_source_worded_is_given_in_words_not_as_edtf(client):
    statement = build_statement(
        date_edtf="2007/2016-08", date_earliest=datetime.date(2007, 1, 1),
        date_latest=datetime.date(2016, 8, 31), date_basis="inferred",
    )
    build_citation(statement=statement)
    date = client.get(f"/api/statements/{statement.pk}/").json()["date"]
    assert date["words"] == "between 2007 and August 2016"
    assert (date["edtf"], date["earliest"], date["latest"]) == ("2007/2016-08", "2007-01-01", "2016-08-31")
    items = client.get("/api/timeline/", {"kind": "statement", "year_to": "2007"}).json()["results"]
    item = next(item for item in items if item["id"] == f"statement-{statement.pk}")
    assert item["date"]["words"] == "between 2007 and August 2016"


# --- the nested records written out directly, the same as the declared fields give ---------


ANSWERS = [
    "/api/deals/", "/api/deals/?recipient=TR&status=delivered", "/api/deals/?sort=-value", "/api/deals/ru-tr-s-400/",
    "/api/systems/", "/api/systems/s-400/", "/api/statements/", "/api/statements/?country=TR", "/api/sources/", "/api/citations/", "/api/timeline/",
]


def every_page(client, url):
    """The bytes of every page of an answer, following `next`, and the queries they took."""
    pages = []
    with CaptureQueriesContext(connection) as queries:
        while url:
            response = client.get(url)
            assert response.status_code == 200, response.content[:300]
            pages.append(response.content)
            url = response.json().get("next") if "results" in response.json() else None
    return pages, len(queries.captured_queries)


def test_answers_are_byte_for_byte_what_the_declared_fields_give(client, monkeypatch):
    """The deals, systems, specifications, citations, contracts, deliveries, countries, named
    records and page addresses written out directly give the very bytes DRF's fields give for them over the
    curated data, in as many queries (no deferred column read)."""
    from rest_framework import serializers as drf

    from deals.api import serializers
    from lists.serializers import PageUrlField, absolute

    direct = {url: every_page(client, url) for url in ANSWERS}
    cache.clear()  # the second reading counts the lists' totals again, as the first did
    for serializer in (
        serializers.CitationSerializer, serializers.ContractSerializer, serializers.DeliverySerializer,
        serializers.DealSerializer, serializers.CountryRefSerializer, serializers.NamedRefSerializer,
        serializers.WeaponSystemSerializer, serializers.SpecificationSerializer,
    ):
        monkeypatch.setattr(serializer, "to_representation", drf.Serializer.to_representation)

    def first_contract(field, deal):  # as it was: DRF's fields, when the deal has a first contract
        if deal.contract_quantity is None and deal.contract_value is None:
            return None
        return drf.Serializer.to_representation(field, deal)

    monkeypatch.setattr(serializers.FirstContractSerializer, "to_representation", first_contract)
    monkeypatch.setattr(
        PageUrlField, "to_representation",
        lambda field, record: absolute(field.context.get("request"), record.get_absolute_url()),
    )
    declared = {url: every_page(client, url) for url in ANSWERS}

    assert direct == declared
    deal = client.get("/api/deals/ru-tr-s-400/").json()
    assert deal["url"] == "http://testserver/deals/ru-tr-s-400/"
    assert deal["system"]["url"] == "http://testserver/systems/s-400/"
    contract = deal["contracts"][0]
    assert contract["url"] == f"http://testserver/deals/ru-tr-s-400/#contract-{contract['id']}"
    citation = deal["citations"][0]
    assert citation["url"] == f"{citation['source']['url']}#citation-{citation['id']}"


def test_a_key_the_address_would_quote_goes_through_reverse():
    from lists.serializers import PageUrls

    urls = PageUrls(None)
    assert urls("deals:source_detail", "004_abc") == "/sources/004_abc/"
    assert urls("deals:statement_detail", 12, "#citation-3") == "/statements/12/#citation-3"
    with pytest.raises(NoReverseMatch):
        urls("deals:source_detail", "a b")


def test_an_unfiltered_lists_total_is_counted_once_per_version_and_again_after_a_write(client):
    before = client.get("/api/statements/").json()["count"]
    with CaptureQueriesContext(connection) as again:
        assert client.get("/api/statements/", {"page": "1"}).json()["count"] == before
    assert not [query for query in again.captured_queries if "COUNT(" in query["sql"]]

    build_statement()
    data_changed(reason="a statement")

    assert client.get("/api/statements/").json()["count"] == before + 1
    html = client.get("/statements/").content.decode()
    assert f"{before + 1} in all" in html
