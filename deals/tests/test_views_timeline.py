"""The timeline (/timeline/): order, filters, year headings, lanes, bad input, query counts;
and an event's page (/events/<pk>/)."""
import datetime
import gc
import html
import re
import weakref

import pytest
from django.core.cache import cache
from django.http import QueryDict

from countries.models import Country
from deals import timeline as timeline_views
from deals.models import Deal, Delivery, Event, Statement, TimelineItem, TimelineLink
from deals.tests.builders import (
    build_citation,
    build_contract,
    build_deal,
    build_delivery,
    build_statement,
    refreshed,
)
from deals.views.timeline import TimelineView
from lists.keyset import MAX_NUMBERED_PAGE
from lists.testing import facet

pytestmark = pytest.mark.django_db

URL = "/timeline/"


def item_ids(response):
    return [item.id for item in response.context["items"]]


def row(html, item_id):
    """The table row of one timeline item."""
    match = re.search(rf'<tr id="{item_id}"[^>]*>(.*?)</tr>', html, re.DOTALL)
    assert match, f"no row for {item_id}"
    return match.group(1)


def assert_no_inline_style_or_script(html):
    assert "style=" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None, "an inline script"


def dated(**fields):
    """Date fields for a record known to the day."""
    day = fields.pop("day", datetime.date(2019, 6, 1))
    return {
        "date_words": day.strftime("%B %-d, %Y"),
        "date_edtf": day.isoformat(),
        "date_earliest": day,
        "date_latest": day,
        "date_basis": "stated",
        **fields,
    }


# --- The 2019 story, in order ---------------------------------------------------------


def test_2019_lists_the_turkish_story_in_date_order(client):
    suspension = Event.objects.get(title__startswith="US suspends F-35")
    cavusoglu = Statement.objects.filter(speaker__slug="mevlut-cavusoglu", date_earliest=datetime.date(2019, 4, 3))
    deliveries = Delivery.objects.get(date_words="in mid-June 2019")
    announcement = Statement.objects.get(organisation__slug="rosoboronexport", date_words="On October 23, 2019")

    response = client.get(URL, {"year_from": 2019, "year_to": 2019})

    assert response.status_code == 200
    ids = item_ids(response)
    expected = [f"event-{suspension.pk}", f"statement-{cavusoglu.first().pk}", f"delivery-{deliveries.pk}",
                f"statement-{announcement.pk}"]
    positions = [ids.index(item_id) for item_id in expected]
    assert positions == sorted(positions)
    assert all(f"statement-{s.pk}" in ids for s in cavusoglu)
    html = response.content.decode()
    for words in ("on April 1", "If the US does not want to sell Patriot to us", "in mid-June 2019", "On October 23, 2019"):
        assert words in html


def test_year_span_keeps_only_items_that_can_fall_in_it(client):
    response = client.get(URL, {"year_from": 2019, "year_to": 2019})

    items = response.context["items"]
    assert items
    assert all(item.date_latest >= datetime.date(2019, 1, 1) for item in items)
    assert all(item.date_earliest <= datetime.date(2019, 12, 31) for item in items)
    expected = TimelineItem.objects.filter(date_latest__gte="2019-01-01", date_earliest__lte="2019-12-31").count()
    assert len(items) == expected
    assert "in 2007" not in response.content.decode()


def test_items_are_ordered_by_earliest_then_latest_day(client):
    items = client.get(URL).context["items"]

    keys = [(item.date_earliest, item.date_latest) for item in items]
    assert keys == sorted(keys)
    assert len(items) == TimelineItem.objects.count()


# --- Filters, one by one ----------------------------------------------------------------


def test_country_filter_lists_only_that_countrys_items(client):
    response = client.get(URL, {"country": "QA"})

    qatar = set(TimelineLink.objects.filter(country="QA").values_list("item_id", flat=True))
    assert set(item_ids(response)) == qatar
    assert all(any(c.code == "QA" for c in item.countries) for item in response.context["items"])
    assert "Saudi authorities threaten Qatar" in response.content.decode()
    assert "Deliveries of S-400 systems to Turkey began" not in response.content.decode()


def test_country_filter_is_repeatable(client):
    response = client.get(URL, {"country": ["QA", "IN"]})

    expected = set(TimelineLink.objects.filter(country__in=["QA", "IN"]).values_list("item_id", flat=True))
    assert set(item_ids(response)) == expected
    assert {"QA", "IN"} <= {c.code for item in response.context["items"] for c in item.countries}


def test_kind_filter_is_repeatable(client):
    response = client.get(URL, {"kind": ["statement", "event"]})

    kinds = {item.kind for item in response.context["items"]}
    assert kinds == {"statement", "event"}
    expected = Statement.objects.filter(date_earliest__isnull=False).count() + Event.objects.filter(
        date_earliest__isnull=False
    ).count()
    assert len(response.context["items"]) == expected


def test_system_filter_lists_items_about_deals_for_that_system(client):
    response = client.get(URL, {"system": "s-400"})

    ids = set(item_ids(response))
    expected = set(TimelineLink.objects.filter(system__slug="s-400").values_list("item_id", flat=True))
    assert ids == expected
    assert f"delivery-{Delivery.objects.get(date_words='in mid-June 2019').pk}" in ids
    suspension = Event.objects.get(title__startswith="US suspends F-35")
    assert f"event-{suspension.pk}" not in ids  # about the F-35 deal only


def test_deal_filter_lists_that_deals_items(client):
    response = client.get(URL, {"deal": "ru-qa-s-400"})

    expected = set(TimelineLink.objects.filter(deal__slug="ru-qa-s-400").values_list("item_id", flat=True))
    assert set(item_ids(response)) == expected
    assert all(any(deal.slug == "ru-qa-s-400" for deal in item.deals) for item in response.context["items"])


def test_unknown_parameters_are_ignored(client):
    response = client.get(URL, {"colour": "blue"})

    assert response.status_code == 200
    assert len(response.context["items"]) == TimelineItem.objects.count()


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"kind": "bogus"}, "kind"),
        ({"year_from": "abc"}, "year_from"),
        ({"year_to": "abc"}, "year_to"),
        ({"year_from": "99999"}, "year_from"),
        ({"country": "ZZ"}, "country"),
        ({"system": "no-such-system"}, "system"),
        ({"deal": "no-such-deal"}, "deal"),
        ({"year_from": "2020", "year_to": "2019"}, "year_to"),
        ({"kind": "event\x00"}, "kind"),
    ],
)
def test_invalid_filter_shows_the_page_with_a_message_naming_it_and_400(client, query, parameter):
    response = client.get(URL, query)

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Timeline</h1>" in html
    assert f"<code>{parameter}</code>" in html
    assert response.context["items"] == []


def test_page_past_the_end_is_404(client):
    assert client.get(URL, {"page": MAX_NUMBERED_PAGE}).status_code == 404


@pytest.mark.parametrize("query", ["page=abc", "page=0", "page=-1", "page=1&page=2"])
def test_malformed_page_number_is_400_naming_page(client, query):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 400
    assert "<li><code>page</code>: " in response.content.decode()


@pytest.mark.parametrize(
    "parameter, values",
    [("year_from", ["abc", "2019"]), ("year_to", ["2019", "2019"]), ("system", ["s-400", "f-35"]), ("deal", ["ru-tr-s-400", "x"])],
)
def test_single_valued_parameter_given_twice_is_400_naming_it(client, parameter, values):
    response = client.get(URL, {parameter: values})

    assert response.status_code == 400
    html = response.content.decode()
    assert f"<li><code>{parameter}</code>: Give {parameter} only once; it takes a single value.</li>" in html
    assert response.context["items"] == []


def test_fractional_year_is_400(client):
    response = client.get(URL, {"year_from": "2018.5"})

    assert response.status_code == 400
    assert "<li><code>year_from</code>: Enter a whole number.</li>" in response.content.decode()


def test_empty_kind_and_country_mean_any(client):
    response = client.get(f"{URL}?kind=&country=&system=&deal=")

    assert response.status_code == 200
    assert len(response.context["items"]) == TimelineItem.objects.count()


def test_kind_is_a_group_of_checkboxes_read_in_any_case(client):
    response = client.get(URL, {"kind": "Event"})

    assert response.status_code == 200
    assert {item.kind for item in response.context["items"]} == {"event"}
    html = response.content.decode()
    assert re.search(r'<input type="checkbox" name="kind" value="event"[^>]*checked', html)


def choices(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.DOTALL)
    assert select, f"no {name} select"
    return re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select.group(0))


def suggested(client, parameter, term=""):
    return [hit["value"] for hit in client.get(f"/choices/timeline/{parameter}/", {"q": term}).json()["results"]]


def test_system_and_deal_are_type_ahead_fields_suggesting_those_on_the_timeline(client):
    html = client.get(URL).content.decode()

    assert '<select name="system"' not in html and '<select name="deal"' not in html
    assert 'data-suggest="/choices/timeline/deal/"' in html
    on_timeline = set(TimelineLink.objects.filter(system__isnull=False).values_list("system__slug", flat=True))
    assert set(suggested(client, "system")) == on_timeline and "su-35" not in on_timeline  # offered, never dated
    deals = set(TimelineLink.objects.filter(deal__isnull=False).values_list("deal__slug", flat=True))
    assert set(suggested(client, "deal")) == deals
    assert suggested(client, "deal", "four divisions of S-400") == ["ru-tr-s-400"]


def test_country_choices_are_counted_as_the_timeline_filters(client):
    html = client.get(URL).content.decode()

    offered = facet(html, "country")
    for code in ("TR", "IN", "US"):
        count = client.get(URL, {"country": code}).context["paginator"].count
        assert offered[code].endswith(f" ({count})"), (code, offered[code], count)


def test_the_timeline_facets_follow_the_other_filters(client):
    """Under kind=delivery a country counts its deliveries, and the kinds count Turkey's items."""
    deliveries = facet(client.get(URL, {"kind": "delivery"}).content.decode(), "country")
    for code, label in deliveries.items():
        count = client.get(URL, {"kind": "delivery", "country": code}).context["paginator"].count
        assert label.endswith(f" ({count})") and count > 0, (code, label, count)
    assert len(deliveries) < len(facet(client.get(URL).content.decode(), "country"))
    kinds = facet(client.get(URL, {"country": "TR"}).content.decode(), "kind")
    turkey = client.get(URL, {"country": "TR", "kind": "statement"}).context["paginator"].count
    assert kinds["statement"] == f"Statement ({turkey})"


@pytest.mark.parametrize("query", [
    {}, {"year_from": 2019, "year_to": 2019}, {"year_from": 2020}, {"year_to": 2018}, {"kind": ["statement", "event"]},
    {"kind": "delivery", "year_from": 2019, "year_to": 2021}, {"country": "TR"}, {"country": "IN"},
])
def test_the_total_of_kinds_and_years_read_from_the_counts_is_the_number_of_rows(client, query):
    response = client.get(URL, query)
    paginator = response.context["paginator"]

    assert paginator.count == paginator.object_list.count() > 0
    assert f"{paginator.count} in all" in response.content.decode()


def test_a_deal_typed_as_its_label_filters_as_by_slug(client):
    by_label = client.get(URL, {"deal": "RU → TR: four divisions of S-400 air defense systems"})

    assert by_label.status_code == 200
    assert by_label.context["paginator"].count == client.get(URL, {"deal": "ru-tr-s-400"}).context["paginator"].count


# --- What each item shows ---------------------------------------------------------------


def test_dates_look_different_by_precision_and_keep_the_sources_words(client):
    html = client.get(URL, {"year_from": 2019, "year_to": 2019}).content.decode()
    deliveries = Delivery.objects.get(date_words="in mid-June 2019")
    announcement = Statement.objects.get(organisation__slug="rosoboronexport", date_words="On October 23, 2019")
    february = Event.objects.get(date_words="In February 2019")

    # The normalised reading leads, its class saying how precise it is; the source's words follow.
    assert re.search(r'class="date date-range"[^>]*>mid-Jun 2019<.*“in mid-June 2019”', row(html, f"delivery-{deliveries.pk}"))
    assert re.search(r'class="date date-day"[^>]*>23 Oct 2019<.*“On October 23, 2019”', row(html, f"statement-{announcement.pk}"))
    assert re.search(r'class="date date-month"[^>]*>Feb 2019<.*“In February 2019”', row(html, f"event-{february.pk}"))


def test_each_item_shows_its_kind_deals_countries_and_links_to_its_page(client):
    html = client.get(URL).content.decode()
    deliveries = Delivery.objects.get(date_words="in mid-June 2019")
    suspension = Event.objects.get(title__startswith="US suspends F-35")
    words = Statement.objects.get(text__startswith="Let them [media outlets]")
    contract = deliveries.deal.contracts.get()

    delivery_row = row(html, f"delivery-{deliveries.pk}")
    assert "Delivery (actual)" in delivery_row
    assert f'href="/deals/ru-tr-s-400/#delivery-{deliveries.pk}"' in delivery_row
    assert 'href="/deals/ru-tr-s-400/"' in delivery_row
    assert 'href="/countries/TR/">Turkey</a>' in delivery_row
    assert 'href="/countries/RU/">Russia</a>' in delivery_row
    assert f'href="/deals/ru-tr-s-400/#contract-{contract.pk}"' in row(html, f"contract-{contract.pk}")
    event_row = row(html, f"event-{suspension.pk}")
    assert "Event: Suspension" in event_row
    assert f'href="/events/{suspension.pk}/"' in event_row
    statement_row = row(html, f"statement-{words.pk}")
    assert "Statement (quote)" in statement_row
    assert f'href="/statements/{words.pk}/"' in statement_row
    assert "“Let them [media outlets] continue spreading fake news”" in statement_row
    assert "Yuri Borisov" in statement_row


def test_each_items_deals_and_countries_are_those_its_links_name(client):
    items = client.get(URL).context["items"]
    assert len(items) > 20
    for item in items:
        links = TimelineLink.objects.filter(item_id=item.id)
        assert [deal.slug for deal in item.deals] == sorted(
            {slug for slug in links.values_list("deal__slug", flat=True) if slug}
        ), item.id
        assert [country.code for country in item.countries] == [
            code for code, _ in sorted({pair for pair in links.values_list("country__code", "country__name") if pair[0]},
                                       key=lambda pair: pair[1])
        ], item.id
    assert any(len(item.countries) > 1 for item in items) and any(item.deals for item in items)


def test_a_page_of_items_is_freed_as_soon_as_it_is_dropped():
    """Without the cycle collector: a page whose items and links referred to each other
    stayed in memory until a full collection, which walks the whole process."""
    items = list(TimelineItem.objects.order_by("date_earliest", "id")[:40])
    timeline_views.attach_facts(items, links=timeline_views.page_links(items))
    assert any(item.deals for item in items) and any(item.countries for item in items)
    dropped = [weakref.ref(item) for item in items] + [weakref.ref(item.countries[0]) for item in items if item.countries]
    gc.disable()
    try:
        del items
        assert [ref for ref in dropped if ref() is not None] == []
    finally:
        gc.enable()


def test_items_are_grouped_under_the_year_they_start_in(client):
    response = client.get(URL)
    html = response.content.decode()
    sanctions = Event.objects.get(title__startswith="US reimposes a host of sanctions")  # 2018 to mid-2019

    groups = response.context["years"]
    assert [group.year for group in groups] == sorted({item.date_earliest.year for item in response.context["items"]})
    assert all(item.date_earliest.year == group.year for group in groups for item in group.items)
    assert html.count('<h2 id="year-2019">2019</h2>') == 1
    section_2018 = html.split('<h2 id="year-2018">')[1].split('<h2 id="year-2019">')[0]
    assert f'id="event-{sanctions.pk}"' in section_2018
    assert "spans 2018–2019" in row(html, f"event-{sanctions.pk}")


def test_items_begun_before_the_first_year_asked_for_sit_under_that_year(client):
    response = client.get(URL, {"year_from": 2019, "year_to": 2019})
    html = response.content.decode()
    sanctions = Event.objects.get(title__startswith="US reimposes a host of sanctions")  # 2018 to mid-2019

    assert [group.year for group in response.context["years"]] == [2019]
    assert '<h2 id="year-2018">' not in html
    assert '<h2 id="year-2019">2019 <span class="continued">(with what began earlier and ran into it)</span></h2>' in html
    assert item_ids(response)[0] == f"event-{sanctions.pk}"
    assert "spans 2018–2019" in row(html, f"event-{sanctions.pk}")


def test_a_year_heading_says_nothing_began_earlier_when_nothing_did(client):
    html = client.get(URL, {"year_from": 2021}).content.decode()

    assert "<h2 id=\"year-2021\">2021</h2>" in html


def test_a_year_split_across_pages_is_headed_as_continued(client, monkeypatch):
    monkeypatch.setattr(TimelineView, "paginate_by", 5)
    items = list(TimelineItem.objects.all())
    assert items[4].date_earliest.year == items[5].date_earliest.year  # the curated data splits a year here

    response = client.get(URL, {"page": 2})

    first = response.context["years"][0]
    assert first.year == items[5].date_earliest.year and first.continued
    assert "(continued from the previous page)" in response.content.decode()
    assert not client.get(URL).context["years"][0].continued


# --- Lanes of the page's deals (deals.charts.deal_lanes; tests in deals/tests/test_charts.py) ---


def page_lanes(html):
    """{deal slug: the lane's HTML} of the timeline's lane chart."""
    section = re.search(r'<section id="lanes".*?</section>', html, re.S)
    return dict(re.findall(r'<li class="deal-lane" data-deal="([^"]+)">(.*?)</li>', section.group(0), re.S)) if section else {}


def test_lanes_draw_each_deal_the_pages_items_concern_with_its_label(client):
    response = client.get(URL, {"country": "QA"})
    items = response.context["items"]
    html = response.content.decode()

    deals = {deal.slug: deal for item in items for deal in item.deals}
    lanes = page_lanes(html)
    assert deals and set(lanes) == set(deals)
    for slug, lane in lanes.items():
        assert f'<a class="lane-label" href="{deals[slug].get_absolute_url()}">' in lane
        assert 'role="img" aria-label="' in lane
    assert_no_inline_style_or_script(html)


def test_no_lanes_when_nothing_matches(client):
    response = client.get(URL, {"country": "QA", "year_from": 1990, "year_to": 1991})

    assert response.status_code == 200
    assert page_lanes(response.content.decode()) == {}
    assert "No dated item matches these filters." in response.content.decode()


# --- Queries --------------------------------------------------------------------------------

# count (summed from the items counted per kind and span of years), page of items, their
# links (with countries), the links' deals by key, one query per kind on the page, and the
# filter form's countries with their counts (system and deal are type-ahead fields: nothing
# is read for them).
TIMELINE_QUERIES = 9 + 1  # + the knowledge base version for the ETag (config/caching.py)
# + the lanes of the page's deals (their status periods, their milestones) and the charts over
# time (contracts and deliveries per year, statements per year, each from the stored counts;
# deals.charts, once per version).
TIMELINE_QUERIES += 2 + 2
TIMELINE_QUERIES += 1  # + the sources' coverage the downloads line states (deals.totals.source_coverage, once per version)
TIMELINE_QUERIES += 1  # + the kind facet's counts, one GROUP BY (lists.registry.Listing.facet_counts)
TIMELINE_QUERIES += 1  # + the countries' other names, which narrow the country facets (lists.filters.CountedCountriesField, once per version)
# + the leading systems and deals from the items counted per system and deal (the fifth
# largest count read from its index, then the records counting at least as many: two each; a
# GROUP BY over every link took five seconds at scale 10), and the leading deals read to be
# named (a deal's name is built from its row: `lists.registry.Leading`).
TIMELINE_QUERIES += 5


def add_dated_rows():
    deal = build_deal(recipient=Country.objects.get(code="IN"))
    contract = build_contract(deal=deal, **dated(day=datetime.date(2019, 3, 1)))
    build_delivery(contract=contract, **dated(day=datetime.date(2019, 7, 1)))
    for day in (2, 3, 4):
        statement = build_statement(**dated(day=datetime.date(2019, 5, day)))
        statement.deals.add(deal)
        statement.countries.add("IN", "QA")
        refreshed(statement)
    event = Event.objects.create(kind="payment", title="A payment", **dated(day=datetime.date(2019, 8, 1)))
    event.deals.add(deal)
    event.countries.add("IN")
    refreshed(event, deal)


def test_timeline_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    with django_assert_num_queries(TIMELINE_QUERIES):
        before = client.get(URL)
    add_dated_rows()
    # The builders write no new knowledge-base version, as the site's writes do: the country
    # counts kept for the old one are dropped by hand, so they are counted again.
    cache.clear()
    with django_assert_num_queries(TIMELINE_QUERIES):
        after = client.get(URL)

    assert len(after.context["items"]) == len(before.context["items"]) + 6


# Validating the filters looks up the system and the deal (2 more queries; the country is
# checked against the countries offered, counted for the form anyway); a first year reads the
# earliest start of the items reaching it (one more); the items of this deal since 2019 are
# deliveries, statements and events (one query fewer).
# Each facet (country, kind) counted under the other filters: a GROUP BY (the kind's is in
# TIMELINE_QUERIES already), and the first year's lookup again for its rows
# (`lists.registry.Listing.facet_counts`).
FILTERED_TIMELINE_QUERIES = TIMELINE_QUERIES + 2 + 1 - 1 + 2 * 2 - 1
# The system and deal facets' rows look up their first year too (two more). Under other
# filters their leaders are a GROUP BY over the links those keep, one query each, not two.
FILTERED_TIMELINE_QUERIES += 2 - 2


def test_filtered_timeline_query_count_is_fixed(client, django_assert_num_queries):
    query = {"country": "TR", "system": "s-400", "deal": "ru-tr-s-400", "year_from": 2019}
    with django_assert_num_queries(FILTERED_TIMELINE_QUERIES):
        before = client.get(URL, query)
    add_dated_rows()
    deal = Deal.objects.get(slug="ru-tr-s-400")
    for day in (5, 6):
        statement = build_statement(**dated(day=datetime.date(2020, 1, day)))
        statement.deals.add(deal)
        refreshed(statement)
    cache.clear()  # the builders write no new version: see test_timeline_query_count_does_not_grow_with_rows
    with django_assert_num_queries(FILTERED_TIMELINE_QUERIES):
        after = client.get(URL, query)
    assert {item.kind for item in before.context["items"]} == {"delivery", "statement", "event"}
    assert len(after.context["items"]) == len(before.context["items"]) + 2


# --- An event's page ------------------------------------------------------------------------


def test_event_page_shows_what_when_where_and_its_sources(client):
    event = Event.objects.get(title__startswith="US suspends F-35")

    response = client.get(f"/events/{event.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert f"<h1>{event.title}</h1>" in html
    assert "Suspension" in html
    assert event.description[:40] in html
    assert re.search(r'class="date date-day"[^>]*>1 Apr 2019<.*?“on April 1”', html)
    assert 'href="/countries/TR/">Turkey</a>' in html
    assert 'href="/deals/us-tr-f-35/"' in html
    for citation in event.citations.all():
        assert f'href="{citation.get_absolute_url()}"' in html
    assert "Last changed" in html and f'datetime="{event.updated_at.isoformat()}"' in html
    assert_no_inline_style_or_script(html)


def test_unknown_event_is_404(client):
    assert client.get("/events/999999/").status_code == 404


# event, its citations (with sources), its deals, its countries
EVENT_QUERIES = 4 + 1  # + the knowledge base version for the ETag (config/caching.py)


def test_event_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    event = Event.objects.get(title__startswith="US suspends F-35")
    with django_assert_num_queries(EVENT_QUERIES):
        client.get(f"/events/{event.pk}/")
    for _ in range(3):
        event.deals.add(build_deal())
        build_citation(event=event)
    event.countries.add("QA", "IN")
    with django_assert_num_queries(EVENT_QUERIES):
        response = client.get(f"/events/{event.pk}/")
    assert response.content.decode().count('class="citations"') == 1


def test_a_timeline_link_reads_as_its_item_and_what_it_links_to():
    delivery = build_delivery(date_words="in 2020", date_edtf="2020", date_earliest="2020-01-01",
                              date_latest="2020-12-31", date_basis="stated")
    link = TimelineLink.objects.get(item=f"delivery-{delivery.pk}", country="TR")
    assert str(link) == f"delivery-{delivery.pk} country TR"


# --- System and Deal counted under the other filters (issue 14) ----------------------------


def leading_links(page, name):
    """{key: "Name (count)"} of the type-ahead `name`'s leading links, each to the list with it chosen."""
    field = re.search(rf'<input[^>]*name="{name}"[^>]*>.*?</div>', page, re.DOTALL)
    assert field, f"no {name} field"
    return {
        QueryDict(html.unescape(href).lstrip("?").split("#")[0]).get(name): f"{html.unescape(label)} {count}"
        for href, label, count in re.findall(
            r'<li><a href="([^"]*)"[^>]*>([^<]*)</a> <span class="count">(\([0-9]+\))</span></li>', field.group(0)
        )
    }


def linked_items(links, key, name):
    """{key: "Name (items)"} of the five records linked to the most of `links`' items."""
    items = {}
    for link in links.exclude(**{key: None}).select_related(key):
        record = getattr(link, key)
        items.setdefault(record.slug, (name(record), set()))[1].add(link.item_id)
    top = sorted(items.items(), key=lambda row: (-len(row[1][1]), row[1][0] if key == "system" else "", row[0]))[:5]
    return {slug: f"{label} ({len(ids)})" for slug, (label, ids) in top}


def test_the_leading_systems_and_deals_follow_the_other_filters(client):
    everywhere = client.get(URL).content.decode()
    assert leading_links(everywhere, "system") == linked_items(TimelineLink.objects.all(), "system", lambda s: s.name)
    assert leading_links(everywhere, "deal") == linked_items(TimelineLink.objects.all(), "deal", str)
    turkey = client.get(URL, {"country": "TR"}).content.decode()
    of_turkey = TimelineLink.objects.filter(item__in=TimelineLink.objects.filter(country="TR").values("item"))
    assert leading_links(turkey, "deal") == linked_items(of_turkey, "deal", str)
    assert leading_links(turkey, "deal") != leading_links(everywhere, "deal")
    assert leading_links(turkey, "system") == linked_items(of_turkey, "system", lambda s: s.name)


def test_the_leaders_under_no_filter_come_from_the_stored_counts_and_follow_a_write(client):
    """Under no other filter the leaders are read from the items counted per deal and system
    (`TimelineDealCount`, `TimelineSystemCount`), which the write path keeps: a new deal with
    six dated items leads the deals at once, as counting the links says."""
    add_dated_rows()  # a deal with a contract, a delivery, three statements and an event
    cache.clear()  # the builders write no new version (see above)
    page = client.get(URL).content.decode()
    leaders = leading_links(page, "deal")
    assert leaders == linked_items(TimelineLink.objects.all(), "deal", str)
    newest = Deal.objects.latest("pk")
    assert leaders[newest.slug] == f"{newest} (6)"
    assert leading_links(page, "system") == linked_items(TimelineLink.objects.all(), "system", lambda s: s.name)


def test_the_chosen_deal_says_its_items_under_the_other_filters(client):
    page = client.get(URL, {"deal": "ru-tr-s-400", "kind": "statement"}).content.decode()
    items = TimelineItem.objects.filter(kind="statement", links__deal__slug="ru-tr-s-400").distinct().count()
    assert re.search(rf'<span class="chosen-name">[^<]+ <span class="count">\({items}\)</span></span>', page)
    assert client.get(URL, {"deal": "no-such-deal"}).status_code == 400
