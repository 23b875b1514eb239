"""Cursor pages (`lists.keyset`): following a long list's next links from its first page
walks every row once, in the list's order (ties and undated rows included), filtered or
not, on the pages and in the API; previous links walk back; page numbers stay for the
first pages; a cursor that cannot be used is a 400 naming its parameter; and a cursor's
page costs the queries page 1 costs."""
import html
import re
from urllib.parse import unquote

import pytest
from django.core import signing
from django.core.cache import cache

from deals.models import Statement
from deals.views.deals import DealListView
from deals.views.people import PersonListView
from deals.views.sources import SourceListView
from deals.views.statements import StatementListView
from deals.views.timeline import TimelineView
from lists.api import Pagination
from lists.keyset import (
    BAD_CURSOR_MESSAGE,
    DEEP_PAGE_MESSAGE,
    MAX_NUMBERED_PAGE,
    NO_CURSOR_MESSAGE,
    OTHER_ORDER_MESSAGE,
)

pytestmark = pytest.mark.django_db

# Small pages, so the curated data (44 statements, 6 undated, several on one day) spans many.
VIEWS = {
    "/statements/": StatementListView, "/timeline/": TimelineView, "/people/": PersonListView,
    "/sources/": SourceListView, "/deals/": DealListView,
}
PAGES = [
    ("/statements/", ""), ("/statements/", "country=TR"), ("/statements/", "country=TR&country=IR"),
    ("/statements/", "mode=reported"), ("/timeline/", ""), ("/timeline/", "kind=statement&kind=event"),
    ("/people/", ""), ("/sources/", ""), ("/deals/", "q=S-400"), ("/deals/", "recipient=TR"),
]
API_LISTS = [
    ("/api/statements/", ""), ("/api/statements/", "country=TR"), ("/api/timeline/", "country=TR"),
    ("/api/citations/", ""), ("/api/people/", ""), ("/api/deals/", "status=delivered&status=signed&status=delivering"),
]


@pytest.fixture
def small_pages(monkeypatch):
    for view in VIEWS.values():
        monkeypatch.setattr(view, "paginate_by", 4)
    monkeypatch.setattr(Pagination, "page_size", 4)


def link(response, rel):
    found = re.search(rf'href="\?([^"]*)" rel="{rel}"', response.content.decode())
    return html.unescape(found.group(1)) if found else None


def rows_of(response):
    return [row.pk for row in response.context["object_list"]]


def walk(client, url, query, rel="next"):
    """The rows of each page met following the `rel` links from `url?query`, and the last response."""
    pages, address = [], f"{url}?{query}"
    while address:
        response = client.get(address)
        assert response.status_code == 200, address
        pages.append(rows_of(response))
        following = link(response, rel)
        address = f"{url}?{following}" if following else None
    return pages, response


def numbered(client, url, query):
    """The rows of each page read by number (page=1, 2, …, with an OFFSET) until the 404."""
    pages = []
    for number in range(1, MAX_NUMBERED_PAGE + 1):
        response = client.get(f"{url}?{query}&page={number}")
        if response.status_code == 404:
            return pages
        assert response.status_code == 200, query
        pages.append(rows_of(response))
    raise AssertionError("more pages than page numbers")


@pytest.mark.parametrize(("url", "query"), PAGES)
def test_next_links_walk_every_row_once_in_order_and_previous_links_walk_back(client, small_pages, url, query):
    by_number = numbered(client, url, query)
    forwards, last = walk(client, url, query)
    backwards, first = walk(client, url, link(last, "prev") or query, rel="prev") if len(forwards) > 1 else ([], None)

    assert len(by_number) > 1, "the list should span pages"
    assert forwards == by_number
    flat = [pk for page in forwards for pk in page]
    assert len(flat) == len(set(flat))
    assert backwards == by_number[-2::-1]
    assert f"Page 1 of {len(by_number)}" in first.content.decode()  # back at the start, numbered
    assert link(first, "prev") is None


def test_statements_walk_keeps_ties_in_id_order_and_undated_last(client, small_pages):
    forwards, last = walk(client, "/statements/", "")
    flat = [pk for page in forwards for pk in page]
    statements = Statement.objects.in_bulk(flat)
    dates = [(statements[pk].date_earliest, statements[pk].date_latest) for pk in flat]

    assert sorted(flat) == sorted(Statement.objects.values_list("pk", flat=True))
    undated = [pk for pk, date in zip(flat, dates, strict=True) if date[0] is None]
    assert len(undated) == 6 and flat[-6:] == undated and undated == sorted(undated)
    dated = [(date, pk) for pk, date in zip(flat, dates, strict=True) if date[0] is not None]
    assert dated == sorted(dated)
    assert len({date for date, _ in dated}) < len(dated)  # there are ties to break
    # A cursor page says how many rows the list holds, not which page it is.
    assert f"{len(flat)} in all" in last.content.decode() and "Page " not in last.content.decode()


def api_walk(client, address, rel="next"):
    pages = []
    while address:
        response = client.get(address)
        assert response.status_code == 200, address
        answer = response.json()
        pages.append([record.get("url") or record["id"] for record in answer["results"]])
        address = answer[rel]
    return pages, answer


@pytest.mark.parametrize(("url", "query"), API_LISTS)
def test_api_next_links_walk_every_record_once_in_order_and_previous_back(client, small_pages, url, query):
    by_number = []
    for number in range(1, MAX_NUMBERED_PAGE + 1):
        response = client.get(f"{url}?{query}&page={number}")
        if response.status_code == 404:
            break
        by_number.append([record.get("url") or record["id"] for record in response.json()["results"]])
    forwards, last = api_walk(client, f"{url}?{query}")
    backwards, _ = api_walk(client, last["previous"], rel="previous")

    assert len(by_number) > 1 and forwards == by_number
    assert "after=" in client.get(f"{url}?{query}").json()["next"]
    assert backwards == by_number[-2::-1]
    assert last["count"] == sum(len(page) for page in by_number)


def first_cursor(client, url, query=""):
    return re.search(r"after=([^&]+)", client.get(f"{url}?{query}").json()["next"]).group(1)


def problems_of(response):
    box = re.search(r'<div class="problems" role="alert">(.*?)</div>', response.content.decode(), re.DOTALL)
    assert box, "no problem box on the page"
    return re.findall(r"<li>(?:<code>(\w+)</code>: )?(.*?)</li>", box.group(1))


def bad_queries(client):
    """(query, parameter, message) for each cursor /statements/ cannot use."""
    cursor = unquote(first_cursor(client, "/api/statements/"))
    data, _, signature = cursor.rpartition(":")
    altered = data[:-2] + ("AA" if data[-2:] != "AA" else "BB") + ":" + signature
    other_list = unquote(first_cursor(client, "/api/people/"))
    forged = signing.Signer(salt="lists.keyset:statements").sign_object({"o": "", "k": ["x", "y", "z"]})
    return [
        ({"after": "garbled"}, "after", BAD_CURSOR_MESSAGE),
        ({"after": altered}, "after", BAD_CURSOR_MESSAGE),
        ({"before": other_list}, "before", BAD_CURSOR_MESSAGE),
        ({"after": forged}, "after", OTHER_ORDER_MESSAGE),
        ({"after": [cursor, cursor]}, "after", "Give after only once; it takes a single value."),
        ({"after": cursor, "before": cursor}, "before", "Give after or before, not both."),
        ({"after": cursor, "page": "2"}, "page", "Give page or after, not both."),
        ({"page": str(MAX_NUMBERED_PAGE + 1)}, "page", DEEP_PAGE_MESSAGE.format(MAX_NUMBERED_PAGE)),
    ]


def test_unusable_cursors_are_400_naming_the_parameter(client, small_pages):
    assert DEEP_PAGE_MESSAGE.format(MAX_NUMBERED_PAGE).startswith("Pages past 50 are not numbered")
    for query, parameter, message in bad_queries(client):
        page = client.get("/statements/", query)
        answer = client.get("/api/statements/", query)

        assert page.status_code == 400, query
        assert [(name, html.unescape(text)) for name, text in problems_of(page)] == [(parameter, message)], query
        assert answer.status_code == 400 and answer.json() == {parameter: [message]}, query


def test_a_cursor_of_another_order_or_of_a_sorted_list_is_400(client, small_pages):
    cursor = unquote(first_cursor(client, "/api/deals/", "recipient=TR"))  # in slug order
    two = client.get("/api/deals/", {"recipient": ["TR", "IN"], "after": cursor})
    sorted_deals = client.get("/api/deals/", {"recipient": "TR", "sort": "-value", "after": cursor})
    unfiltered = client.get("/deals/", {"after": cursor})

    assert two.status_code == 400 and two.json() == {"after": [OTHER_ORDER_MESSAGE]}
    assert sorted_deals.status_code == 400 and sorted_deals.json() == {"after": [NO_CURSOR_MESSAGE]}
    assert unfiltered.status_code == 400
    # Sorted or unfiltered, deals keep every page number (no bound).
    assert client.get("/api/deals/", {"recipient": "TR", "sort": "-value", "page": "60"}).status_code == 404
    assert client.get("/deals/", {"page": "60"}).status_code == 404


# count, page, their deals, and the filter form's countries (as on page 1: see
# test_views_statements.LIST_QUERIES) + the knowledge base version for the ETag
STATEMENT_PAGE_QUERIES = 4 + 1 + 1  # + the sources' coverage the downloads line states
STATEMENT_PAGE_QUERIES += 3  # + the facets: the leading speakers, the modes and the stances, grouped
STATEMENT_PAGE_QUERIES += 1  # + the countries' other names, which narrow the country facet (once per version)
# the version, the count, the page, and each page's deals, countries and citations
STATEMENT_API_QUERIES = 6


def test_a_cursor_page_costs_the_queries_of_the_first(client, small_pages, django_assert_num_queries):
    """Each page read afresh (the total and the country counts are kept per knowledge-base
    version: emptying the cache makes each page count them, as the first did)."""
    with django_assert_num_queries(STATEMENT_PAGE_QUERIES):
        first = client.get("/statements/")
    cache.clear()
    with django_assert_num_queries(STATEMENT_PAGE_QUERIES):
        second = client.get(f"/statements/?{link(first, 'next')}")
    cache.clear()
    with django_assert_num_queries(STATEMENT_PAGE_QUERIES):
        client.get(f"/statements/?{link(second, 'prev')}")
    cache.clear()
    with django_assert_num_queries(STATEMENT_API_QUERIES):
        answer = client.get("/api/statements/").json()
    cache.clear()
    with django_assert_num_queries(STATEMENT_API_QUERIES):
        client.get(answer["next"])


def test_a_sort_or_filter_change_from_a_cursor_page_starts_again_without_the_cursor(client, small_pages):
    first = client.get("/deals/", {"q": "S-400"})
    second = client.get(f"/deals/?{link(first, 'next')}")
    page = second.content.decode()
    sort_links = [html.unescape(href) for href in re.findall(r'class="sort-link" href="\?([^"]*)"', page)]
    removals = [html.unescape(href) for href in re.findall(r'<a href="\?([^"]*)" aria-label="Remove filter', page)]

    assert "after=" in link(first, "next")
    assert sort_links and all("after=" not in href and "before=" not in href for href in sort_links)
    assert removals and all("after=" not in href for href in removals)
    assert client.get(f"/deals/?{sort_links[0]}").status_code == 200


def test_a_cursor_past_every_row_is_an_empty_page_leading_back_to_the_last(client, small_pages):
    """Rows removed after a link was made can leave nothing after its position: the page is
    empty, not an error, and its previous link leads back from the same position."""
    from deals.models import Person
    from lists.keyset import Keyset

    keyset = Keyset(Person.objects.for_export(), listing="people")
    past_the_end = keyset.cursor(keyset.rows.last())  # as if the rows after the last were removed

    answer = client.get("/api/people/", {"after": past_the_end}).json()
    back = client.get(answer["previous"]).json()

    assert answer["results"] == [] and answer["next"] is None
    last_names = list(Person.objects.order_by("-name", "-slug").values_list("name", flat=True)[:5])[::-1]
    assert [person["name"] for person in back["results"]] == last_names[:4]  # the four before the last
    assert back["next"] is not None


# Terms held by more rows than a page: with `MATCHES_SORTED` at 1 each is a common one, whose
# pages are read along the list's order (`lists.filters.InOrder`); otherwise its matches are
# read by key (`lists.filters.AmongKeys`); with `KEYS_WRITTEN_OUT` at 1, the records of other
# tables holding it are named by a subquery (`lists.filters.Among`).
COMMON_TERMS = [("/statements/", "q=S-400"), ("/deals/", "q=S-400"), ("/sources/", "q=a"), ("/people/", "q=a")]


@pytest.mark.parametrize("sorted_up_to", [1, 5000], ids=["in order", "among the matches"])
@pytest.mark.parametrize(("url", "query"), COMMON_TERMS)
def test_a_common_terms_pages_hold_the_rows_they_hold_when_read_by_key(
    client, small_pages, monkeypatch, url, query, sorted_up_to
):
    by_key = numbered(client, url, query), walk(client, url, query)[0]
    monkeypatch.setattr("lists.filters.KEYS_WRITTEN_OUT", 1)
    monkeypatch.setattr("lists.filters.MATCHES_SORTED", sorted_up_to)
    cache.clear()
    in_order = numbered(client, url, query), walk(client, url, query)[0]

    assert len(by_key[0]) > 1, "the term should span pages"
    assert in_order == by_key
