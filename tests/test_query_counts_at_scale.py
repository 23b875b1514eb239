"""A page runs the same number of SQL queries whatever the size of the knowledge base: each
page family is counted on the curated data, then again after generate_sample_data has added
a few hundred records (the hot spots included), and both counts equal the pin below.

The figures are pinned per page, as tools/bench_scale.py prints them at scale; a page whose
count grows with the data (a query per row, per choice, per citation) fails here at once.
"""
import html
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from deals.models import Deal, Event, Organisation, Person, Source, Statement, WeaponSystem
from deals.sample_data.marking import PREFIX, generated

pytestmark = pytest.mark.django_db

# A search reads its candidates and their facets in one query, then one page of ranked hits
# (PostgreSQL); SQLite reads the matching documents, then those titled as the query. On
# PostgreSQL the candidates are read in a transaction of their own that first turns table
# scans off (search.services._through_indexes: BEGIN, that setting, COMMIT; in a test, a
# savepoint and its release), so a search takes the same sample each time.
SEARCH = 6 if connection.vendor == "postgresql" else 3

# Each public page family, on a curated record where it has one; the counts include the one
# query for the knowledge base's version (config/caching.py).
# A list with country facets reads the countries' other names once per version, which narrow
# its checkboxes ("Ankara" keeps Turkey: lists.filters.CountedCountriesField).
ALIASES = 1
PAGES = {
    # The home page and every list with downloads read the period the sources cover, once per
    # version (deals.totals.source_coverage; counted here with the cache emptied).
    # The map of recipients adds two (countries.world_map): the countries' stages from the stored
    # counts per country and status (as of a day, from the periods covering it, once per version
    # and day), and the year its date control starts, once per version; without a day, one more:
    # the recipients of disputed deals, marked as such (with a day, the periods' query says it).
    # The charts over time: contracts and deliveries per year, and statements per year (deals.charts,
    # each one read of the stored counts, `ChartYearCount`, once per version) on the home, country, system and timeline pages; a country's
    # lanes read its first deals as recipient and as supplier, and their status periods and
    # milestones; the timeline's, the periods and milestones of its page's deals. The disputed
    # deals' keys are read before their rows (`deals.views.home.first_disputed`): one more.
    "/": 13 + 2 + 1 + 2 + 1,
    # As of a day: the statuses counted over the status periods holding then, and the S-400
    # deals joined to theirs (deals.models.querysets.DealQuerySet.as_of).
    # Its charts, as of a day, group the facts known by then (contracts, deliveries, statements:
    # three GROUP BYs once per version and day), as the stored counts are per year, not per day.
    "/?as_of=2018-12-31": 14 + 2 + 3,
    # The list's facets (`lists.registry.Listing.facet_counts`): each filter's choices counted
    # under the other filters, one GROUP BY per facet, kept once per version and choice; with
    # no other filter, a country facet reads the country choices' own counts (no query).
    # Disputed and System too (issue 14): the disputed and not, and the leading systems (the
    # chosen one among them), a GROUP BY each.
    "/deals/": 5 + 1 + 2 + ALIASES,
    "/deals/?recipient=TR&status=delivered": 6 + 3 + 2 + ALIASES,
    # The S-400's alone: counted from the stored counts, its country choices with their
    # S-400 deals counted (one query per role, as every deal's), and the family's systems
    # looked up to be named by key, once per request (`deals.filtersets.s400_family_condition`);
    # the status, disputed and system facets' rows in scope, a GROUP BY each (the family's
    # systems no longer looked up again for each: 3 queries fewer).
    "/deals/?scope=s-400": 7 + 2 + 1 + ALIASES,
    # As of a day: counted per recipient (no stored count holds a day's statuses; the list
    # is paged recipient by recipient, `DealFilterSet.recipient_groups`), and the deals the
    # other filters keep with no evidence by then counted once more (`left_out_count`), and,
    # when some are, the first of them read to be named (`left_out_first`); each count kept
    # once per version and choice.
    "/deals/?as_of=2019-12-31": 8 + 3 + 2 + ALIASES,
    "/deals/?status=signed&as_of=2018-12-31": 8 + 3 + 2 + ALIASES,
    "/deals/?system=s-400&as_of=2018-12-31": 9 + 3 + 2 + ALIASES,
    # Its status history: its first milestones with their citations' sources, and which of
    # them set its status (its periods' milestones).
    "/deals/ru-tr-s-400/": 15,
    # Its region facet: the countries counted per region under the other filters (a GROUP BY).
    "/countries/": 6 + 1,
    # The map of recipients adds two queries (three without a day), as on the home page, the charts six.
    "/countries/TR/": 16 + 2 + 1 + 6,
    # The biggest supplier: its deals as supplier (by recipient, `countries.views.supplied_deals`).
    "/countries/RU/": 16 + 2 + 1 + 6,
    # As of a day, each table's page joins its deals' status periods: no query more; its charts
    # group the facts known by then, one query more than the stored counts (as on the home page).
    "/countries/TR/?as_of=2018-12-31": 16 + 2 + 7,
    "/countries/RU/?as_of=2018-12-31": 16 + 2 + 7,
    # Its charts (four), and its facets: the kinds counted (a GROUP BY); under a span of years,
    # the countries too, each facet grouped and its rows' first year looked up.
    # The leading systems and deals: under no filter from the items counted per system and deal
    # (the fifth largest count, then those counting as many: two each), under a span of years
    # through the items' links (a GROUP BY each, and each facet's rows look up their first
    # year too); and the leading deals read to be named (a deal's name is built from its row).
    "/timeline/": 11 + 4 + 1 + 5 + ALIASES,
    "/timeline/?year_from=2019&year_to=2019": 11 + 4 + 4 + 5 + ALIASES,
    # The statements' facets: the leading speakers, the modes and the stances, a GROUP BY each
    # (the countries, under no other filter, are their choices' own counts).
    "/statements/": 6 + 3 + ALIASES,
    "/statements/?country=TR": 6 + 3 + ALIASES,
    # Its country facet: under no other filter, its choices' own counts (the query that listed
    # them before); under another, one GROUP BY more.
    "/people/": 5 + ALIASES,
    "/people/dmitry-peskov/": 4,
    # The organisation with its sources counted, a page of statements made and carried (each
    # with their deals), a page of sources published and one relaying it.
    "/organisations/sputnik/": 8,
    # Its facets: the categories, a GROUP BY; the maker countries, under no other filter, their
    # choices' own counts (the query that listed them before).
    "/systems/": 6 + 1 + ALIASES,
    # Its outlet facet: the leading outlets under the other filters (a GROUP BY).
    "/sources/": 5 + 1,
    "/sources/002_3883c2c760ea2280/": 5,
    # Deals found by Turkey's other name say whose it is (`search.services.highlight`, from
    # `deals.search.DealIndex.also_known_as`): those deals, their countries' aliases and their
    # systems', once for the page's hits, rather than their keywords shown as a row of names.
    "/search/?q=Ankara": SEARCH + 3,
    "/search/?q=delivered": SEARCH,
    # Each deal nests its first citations and counts the rest; its contracts and deliveries
    # nest all of theirs: the first ones' numbers chosen by deal (one windowed query), then
    # every citation the page nests read in one more (deals.models.querysets.attach_nested_citations).
    "/api/deals/": 7,
    "/api/deals/?recipient=TR&status=delivered": 8,
    # A deal's record adds its status history: its milestones with their citations' sources
    # (and whether each set its status), one query (`milestones_prefetch`).
    "/api/deals/ru-tr-s-400/": 8,
    # As of a day, paged recipient by recipient as /deals/ pages it: the deals on the day
    # counted per recipient, and every deal per recipient (which of them to read by key).
    "/api/deals/?as_of=2019-12-31": 8,
    "/api/statements/": 6,
    # Each source nests its first citations (their numbers chosen by source, then read with
    # their facts: two queries for the page) and counts the rest.
    "/api/sources/": 6,
    # A list's free-text filter first looks up the related records that hold the term (the
    # deals' systems and parties, the statements' speakers and organisations), one query per
    # table (lists.filters.among), then counts and reads the rows.
    "/deals/?q=Ankara": 9 + 5 + ALIASES,  # its five facets grouped, the term's matches read from the cache
    "/statements/?q=Ankara": 9 + 4 + ALIASES,  # its four facets grouped, the term's matches read from the cache
    "/sources/?q=Ankara": 6 + 1,  # its outlet facet grouped
    "/people/?q=Peskov": 6 + 1 + ALIASES,  # its country facet grouped
    "/choices/statements/deal/?q=Ankara": 3,
    # The API's other lists.
    "/api/timeline/": 5,
    "/api/people/": 3,
    "/api/citations/": 3,
    "/api/countries/": 4,
    "/api/systems/": 6,
}

# The detail pages of the records `busiest` picks, on the curated data: the system in the most
# deals, the outlet of the most sources, the statement and the event with the most citations.
# A page reads what its rows nest (an outlet's statements' deals) in one query per list, which
# Django skips for an empty list: the outlet picked on the curated data (ties go to the last by
# key) carries statements, as the generated one does, so both run the same queries.
DETAILS = {"system": 7 + 2, "organisation": 7, "statement": 5, "event": 5}

# The lists long enough at this scale to have a next page, read by cursor (the timeline's
# deep page as tools/bench_scale.py reads it).
CURSOR_PAGES = ["/statements/", "/api/statements/", "/timeline/"]

# Timeline items are read one query per kind shown (statement, contract, delivery, event,
# report): a bounded number, but a page showing a kind the curated page lacks reads it too.
# With generated data the home page's latest items and 2019's timeline hold more kinds.
# (The timeline's span of years: its charts, and its four facets, each grouped and its rows' first
# year looked up, and its leading deals read to be named.)
WITH_MORE_KINDS = {"/": 15 + 2 + 1 + 2 + 1, "/?as_of=2018-12-31": 16 + 2 + 3, "/timeline/?year_from=2019&year_to=2019": 12 + 4 + 4 + 5 + ALIASES}


def counted(client, url):
    cache.clear()  # a cached page would hide what rendering it costs
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def busiest(model, related, ties):
    """The record of `model` with the most `related` rows (ties: the first in the order
    `ties`), as tools/bench_scale.py picks the page families' records on the database it
    measures."""
    return model.objects.annotate(n=Count(related)).order_by("-n", ties).first()


def busiest_details():
    """{family: address} of the detail pages in DETAILS, on the data loaded now; where
    several tie, the last by key (a generated record rather than a curated one)."""
    return {
        "system": busiest(WeaponSystem, "deals", "-slug").get_absolute_url(),
        "organisation": busiest(Organisation, "published_sources", "-slug").get_absolute_url(),
        "statement": busiest(Statement, "citations", "-pk").get_absolute_url(),
        "event": busiest(Event, "citations", "-pk").get_absolute_url(),
    }


def busiest_pages():
    """The generated hot spots: the deal with the most statements, the person who said most,
    the most cited source, the country supplying the most deals; and a page of deals past the
    first (the curated data fit on one)."""
    deal = busiest(Deal, "statements", "slug")
    supplier = Deal.objects.values("supplier").annotate(n=Count("pk")).order_by("-n", "supplier")[0]["supplier"]
    person = busiest(Person, "statements", "slug")
    source = busiest(Source, "citations", "slug")
    return {
        deal.get_absolute_url(): PAGES["/deals/ru-tr-s-400/"],
        person.get_absolute_url(): PAGES["/people/dmitry-peskov/"],
        source.get_absolute_url(): PAGES["/sources/002_3883c2c760ea2280/"],
        "/deals/?page=3": PAGES["/deals/"],
        f"/countries/{supplier}/": PAGES["/countries/RU/"],
    }


def next_page(client, url):
    """The address of the page after `url`'s first (by cursor, `lists.keyset`)."""
    response = client.get(url)
    if url.startswith("/api/"):
        return response.json()["next"]
    return url.split("?")[0] + "?" + html.unescape(re.search(r'href="\?([^"]*)" rel="next"', response.content.decode())[1])


def test_each_page_runs_as_many_queries_with_generated_data_as_without(client):
    curated = {url: counted(client, url) for url in PAGES}
    curated_details = {family: counted(client, url) for family, url in busiest_details().items()}
    call_command("generate_sample_data", scale="0.003", seed=1, verbosity=0)
    generated = {url: counted(client, url) for url in PAGES}
    hot_spots = busiest_pages()
    assert sum("sample--" in url for url in hot_spots) == 3, hot_spots
    at_hot_spots = {url: counted(client, url) for url in hot_spots}
    details = busiest_details()
    assert all(generated_record(url) for url in details.values()), details
    generated_details = {family: counted(client, url) for family, url in details.items()}
    # A page reached by cursor costs what the first page costs.
    following = {url: counted(client, next_page(client, url)) for url in CURSOR_PAGES}

    assert (curated, curated_details) == (PAGES, DETAILS)
    assert (generated, generated_details) == (PAGES | WITH_MORE_KINDS, DETAILS)
    assert at_hot_spots == hot_spots
    assert following == {url: PAGES[url] for url in CURSOR_PAGES}


def generated_record(url):
    """Whether the detail page at `url` shows a generated record (a slug, or for statements
    and events, citing generated sources: deals.sample_data.marking)."""
    if "/statements/" in url or "/events/" in url:
        model = Statement if "/statements/" in url else Event
        return model.objects.filter(generated(model), pk=int(url.rstrip("/").rsplit("/", 1)[1])).exists()
    return PREFIX in url
