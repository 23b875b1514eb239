"""Atom feeds of the timeline: overall and per country, valid Atom (RFC 4287), newest first,
each entry titled by its date as the pages label it, published on its item's day only when
that is one certain day, updated when its record changed; reported speech never in
quotation marks."""
import datetime
import xml.etree.ElementTree as ET

import pytest

from deals.feeds import TimelineFeed
from deals.models import Citation, Statement, TimelineItem, TimelineLink
from deals.templatetags.browsing import date_label
from deals.timeline import item_date

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def timestamp(element, name):
    """An RFC 3339 date-time child (RFC 4287 §3.3), which must carry its offset."""
    value = datetime.datetime.fromisoformat(element.findtext(f"{ATOM}{name}"))
    assert value.tzinfo is not None, f"{name} {value} has no time zone"
    return value


def parse(response):
    """The feed and its entries, after checking the elements RFC 4287 requires: the feed's
    id, title, updated and author (§4.1.1: required unless every entry has one), and each
    entry's id, title, updated and an alternate link (required when it has no content)."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), required
    timestamp(feed, "updated")
    assert (feed.findtext(f"{ATOM}author/{ATOM}name") or "").strip(), "the feed has no author"
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        timestamp(entry, "updated")
        if entry.find(f"{ATOM}published") is not None:  # only on an item of one certain day
            timestamp(entry, "published")
        assert entry.find(f"{ATOM}content") is None
        [link] = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        assert link.get("href").startswith("http://testserver/")
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries), "entry ids are unique"
    return feed, entries


def newest_first(items):
    """The reverse of the timeline page's order: by earliest possible day, then latest."""
    return sorted(items, key=lambda i: (i.date_earliest, i.date_latest, i.kind, i.object_id), reverse=True)


def midnight_utc(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def test_timeline_feed_lists_the_newest_items_first(client):
    feed, entries = parse(client.get("/timeline/feed/"))

    expected = newest_first(TimelineItem.objects.all())[: len(entries)]
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        f"tag:s400kb,2024:timeline:{item.pk}" for item in expected
    ]
    assert len(entries) == min(50, TimelineItem.objects.count())
    first = expected[0]
    assert entries[0].findtext(f"{ATOM}title").startswith(f"{date_label(item_date(first))} — ")
    assert first.date_latest.isoformat() in entries[0].findtext(f"{ATOM}summary")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/timeline/feed/"


def test_entries_are_published_on_their_items_day_so_readers_sort_them_newest_first(client):
    feed, entries = parse(client.get("/timeline/feed/"))
    items = {item.pk: item for item in TimelineItem.objects.all()}

    published = []
    for entry in entries:
        item = items[entry.findtext(f"{ATOM}id").rsplit(":", 1)[1]]
        if item.date_earliest == item.date_latest:
            published.append(timestamp(entry, "published"))
            assert published[-1] == midnight_utc(item.date_earliest), item.pk
    assert published == sorted(published, reverse=True)
    assert len(set(published)) > 5, "the items are on many different days"


def test_an_entry_claims_no_day_its_date_does_not_give(client):
    """"in July 2019" is no day of July: the entry has no `published` rather than the 1st."""
    _, entries = parse(client.get("/timeline/feed/"))
    by_id = {entry.findtext(f"{ATOM}id").rsplit(":", 1)[1]: entry for entry in entries}

    july = by_id["statement-14"]  # Shugaev "in July 2019"
    assert july.findtext(f"{ATOM}title").startswith("Jul 2019 — Dmitry Shugaev")
    assert july.find(f"{ATOM}published") is None
    assert "between 2019-07-01 and 2019-07-31" in july.findtext(f"{ATOM}summary")
    wednesday = by_id["statement-37"]  # Çavuşoğlu "on Wednesday", resolved to a day
    assert timestamp(wednesday, "published") == midnight_utc(datetime.date(2019, 4, 3))
    # A day the source gives as uncertain ("?") or approximate ("~") is no certain day either.
    feed = TimelineFeed()
    day = datetime.date(2019, 4, 7)
    for edtf, published in (("2019-04-07", midnight_utc(day)), ("2019-04-07?", None), ("2019-04-07~", None)):
        item = TimelineItem(date_earliest=day, date_latest=day, date_edtf=edtf)
        assert feed.item_pubdate(item) == published, edtf


def test_a_planned_delivery_says_so_in_its_title_and_one_made_does_not(client):
    _, entries = parse(client.get("/timeline/feed/"))
    titles = {entry.findtext(f"{ATOM}id").rsplit(":", 1)[1]: entry.findtext(f"{ATOM}title") for entry in entries}
    deliveries = TimelineItem.objects.filter(kind="delivery", pk__in=list(titles))
    planned = [item.pk for item in deliveries if item.detail == "planned"]

    assert planned and all(" — Planned: " in titles[key] for key in planned)
    assert all("Planned" not in titles[item.pk] for item in deliveries if item.detail == "actual")


def test_entries_are_titled_by_the_date_not_the_sources_relative_words(client):
    """"on Sunday", "Last month" say nothing out of their article: the title gives the date
    they were read as, as the pages label it, then who spoke."""
    _, entries = parse(client.get("/timeline/feed/"))
    by_id = {entry.findtext(f"{ATOM}id").rsplit(":", 1)[1]: entry for entry in entries}
    titles = {key: entry.findtext(f"{ATOM}title") for key, entry in by_id.items()}

    assert titles["statement-37"].startswith("3 Apr 2019 — Mevlut Cavusoglu (Ministry of Foreign Affairs of Turkey) (reported): ")
    assert titles["statement-22"].startswith("30–31 May 2019 — Dmitry Peskov")  # "Last month"
    assert titles["statement-21"].startswith("31 May – 28 Jun 2019 — Yuri Borisov: ")  # "on Friday"
    assert titles["delivery-1"].startswith("mid-Jun 2019 — Deliveries of S-400 systems to Turkey began")
    items = TimelineItem.objects.filter(pk__in=list(by_id))
    for item in items:
        assert titles[item.pk].startswith(f"{date_label(item_date(item))} — "), item.pk
        if item.date_words and item.date_words[0].islower():  # "on Sunday", "in mid-June 2019"
            assert item.date_words not in titles[item.pk].split(" — ")[0], item.pk
    # The source's words are kept in the summary, quoted as written, after the date read from them.
    assert "(2019-04-03; the source: “on Wednesday”)" in by_id["statement-37"].findtext(f"{ATOM}summary")


def test_reported_speech_is_never_in_quotation_marks(client):
    """Çavuşoğlu's paraphrase (statement 37) is marked "reported" as on its page, while a
    verbatim quote keeps its quotation marks, in the timeline's feed and a country's."""
    for address in ("/timeline/feed/", "/countries/TR/feed/"):
        _, entries = parse(client.get(address))
        by_id = {entry.findtext(f"{ATOM}id").rsplit(":", 1)[1]: entry for entry in entries}
        reported = by_id["statement-37"]
        title, summary = reported.findtext(f"{ATOM}title"), reported.findtext(f"{ATOM}summary")
        assert "“pointed to" not in title and "“" not in title, title
        assert "(reported): pointed to US threats to cancel a deal for" in title
        assert "Statement (reported) by Mevlut Cavusoglu" in summary
        assert ": Reported: pointed to US threats" in summary and "“pointed to" not in summary, summary

    _, entries = parse(client.get("/timeline/feed/"))
    modes = dict(Statement.objects.values_list("pk", "mode"))
    checked = set()
    for entry in entries:
        key = entry.findtext(f"{ATOM}id").rsplit(":", 1)[1]
        if not key.startswith("statement-"):
            continue
        statement = Statement.objects.get(pk=int(key.split("-")[1]))
        title, summary = entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary")
        words = statement.text if len(statement.text) <= 120 else statement.text[:119]
        if modes[statement.pk] == "quote":
            assert f"{statement.attribution}: “{words}" in title, title
            assert f": “{statement.text}”" in summary, summary
        else:
            assert f"{statement.attribution} (reported): {words}" in title, title
            assert f"“{statement.text[:30]}" not in title + summary, statement.pk
            assert f": Reported: {statement.text}" in summary, summary
        checked.add(modes[statement.pk])
    assert checked == {"quote", "reported"}, "the feed holds statements of both forms"


def test_entry_is_updated_when_its_record_changes_and_the_feed_with_it(client):
    _, entries = parse(client.get("/timeline/feed/"))
    before = {entry.findtext(f"{ATOM}id"): timestamp(entry, "updated") for entry in entries}
    statement = Statement.objects.get(pk=20)
    statement.setting = "a press conference"
    statement.save()

    feed, entries = parse(client.get("/timeline/feed/"))

    after = {entry.findtext(f"{ATOM}id"): timestamp(entry, "updated") for entry in entries}
    changed = "tag:s400kb,2024:timeline:statement-20"
    assert after[changed] == Statement.objects.get(pk=20).updated_at > before[changed]
    assert {key: value for key, value in after.items() if key != changed} == {
        key: value for key, value in before.items() if key != changed
    }
    assert timestamp(feed, "updated") == after[changed]


def test_entry_is_updated_when_an_excerpt_it_rests_on_is_corrected(client):
    citation = Statement.objects.get(pk=20).citations.get()
    citation.excerpt = citation.excerpt[1:]
    citation.save()

    _, entries = parse(client.get("/timeline/feed/"))

    [entry] = [entry for entry in entries if entry.findtext(f"{ATOM}id") == "tag:s400kb,2024:timeline:statement-20"]
    assert timestamp(entry, "updated") == Citation.objects.get(pk=citation.pk).updated_at


def test_feed_entries_link_the_pages_of_their_records(client):
    _, entries = parse(client.get("/timeline/feed/"))
    by_id = {entry.findtext(f"{ATOM}id").rsplit(":", 1)[1]: entry for entry in entries}

    for item in TimelineItem.objects.filter(pk__in=list(by_id)):
        href = by_id[item.pk].find(f"{ATOM}link").get("href")
        if item.kind == "statement":
            assert href == f"http://testserver/statements/{item.object_id}/"
        elif item.kind == "event":
            assert href == f"http://testserver/events/{item.object_id}/"
        else:
            assert href.startswith("http://testserver/deals/") and href.endswith(f"#{item.pk}")


def test_country_feed_lists_only_that_countrys_items_newest_first(client):
    feed, entries = parse(client.get("/countries/IN/feed/"))

    linked = TimelineItem.objects.filter(pk__in=TimelineLink.objects.filter(country="IN").values("item"))
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        f"tag:s400kb,2024:timeline:{item.pk}" for item in newest_first(linked)[:50]
    ]
    assert entries, "India has dated items"
    assert "India" in feed.findtext(f"{ATOM}title")


def test_country_feed_is_valid_atom_and_newest_first(client):
    feed, entries = parse(client.get("/countries/TR/feed/"))

    published = [timestamp(entry, "published") for entry in entries if entry.find(f"{ATOM}published") is not None]
    assert len(published) > 1 and published == sorted(published, reverse=True)
    assert feed.findtext(f"{ATOM}id") == "tag:s400kb,2024:timeline/country/TR"


def test_country_feed_accepts_lowercase_and_404s_unknown_country(client):
    assert client.get("/countries/in/feed/").status_code == 200
    assert client.get("/countries/ZZ/feed/").status_code == 404


def test_country_page_and_timeline_link_their_feeds(client):
    country = client.get("/countries/TR/").content.decode()
    timeline = client.get("/timeline/").content.decode()

    assert '<link rel="alternate" type="application/atom+xml"' in country
    assert 'href="/countries/TR/feed/"' in country and "(Atom feed)</a>" in country
    assert '<link rel="alternate" type="application/atom+xml"' in timeline
    assert 'href="/timeline/feed/"' in timeline and "(Atom feed)</a>" in timeline


def test_a_statements_entry_names_its_speaker(client):
    """"Lavrov: “…”", not the words alone: a reader of the feed sees who said it."""
    feed, entries = parse(client.get("/timeline/feed/"))
    by_id = {entry.findtext(f"{ATOM}id").rsplit(":", 1)[1]: entry for entry in entries}
    statements = Statement.objects.select_related("speaker", "organisation").filter(
        pk__in=[int(key.split("-")[1]) for key in by_id if key.startswith("statement-")]
    )
    assert statements, "the feed has no statement to check"
    for statement in statements:
        entry = by_id[f"statement-{statement.pk}"]
        title = entry.findtext(f"{ATOM}title")
        assert f" — {statement.attribution}" in title, title
        label = "quote" if statement.mode == "quote" else "reported"
        assert entry.findtext(f"{ATOM}summary").startswith(f"Statement ({label}) by {statement.attribution}, "), statement.pk
    # Other kinds keep their titles: "<date> — <what happened>".
    other = next(entry for key, entry in by_id.items() if not key.startswith("statement-"))
    assert " by " not in other.findtext(f"{ATOM}summary").split(",")[0]


def test_the_feed_reads_the_speakers_without_a_query_per_entry(client, django_assert_num_queries):
    """The speakers come in the query that reads the statements' update times: the version,
    the items, their links, their citations, and one query per kind of fact (4), for 50
    entries as for one."""
    with django_assert_num_queries(8) as captured:
        client.get("/timeline/feed/")
    speaker_queries = [q["sql"] for q in captured.captured_queries if "deals_person" in q["sql"]]
    assert len(speaker_queries) == 1, speaker_queries


@pytest.mark.parametrize("address", ["/timeline/feed/", "/countries/TR/feed/"])
@pytest.mark.parametrize(("query", "expected"), [
    ({"as_of": "2019-02-30"}, "as_of: “2019-02-30” is not a real date: February 2019 has 28 days.\n"),
    ({"as_of": "yesterday"}, "as_of: Give a day as YYYY-MM-DD, e.g. 2018-12-31.\n"),
    ({"year_to": "abc"}, "year_to: Enter a whole number.\n"),
    ({"kind": "rumour"}, None),
])
def test_a_feed_answers_a_bad_value_as_the_timeline_does_in_plain_text(client, address, query, expected):
    """Never the whole timeline under an address that asks for less: the page's 400, as text."""
    response = client.get(address, query)
    page = client.get("/timeline/", query)
    assert response.status_code == page.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    [name] = query
    if expected is not None:
        assert response.content.decode() == expected
    assert response.content.decode().startswith(f"{name}: ")


@pytest.mark.parametrize("address", ["/timeline/feed/", "/countries/TR/feed/"])
def test_a_feed_given_a_day_refuses_it_as_the_timeline_does_and_says_how_to_end_at_a_year(client, address):
    """The timeline takes no as_of (it shows no status on a day); its feeds neither, rather
    than ignoring it under an address that reads as dated."""
    response = client.get(address, {"as_of": "2019-06-30"})
    assert response.status_code == 400
    message = response.content.decode()
    assert message.startswith("as_of: The timeline takes no as_of.")
    assert "year_to=YYYY" in message


def test_the_feed_keeps_the_entries_the_timelines_filters_choose(client):
    _, entries = parse(client.get("/timeline/feed/", {"year_to": "2018", "kind": "contract"}))
    chosen = TimelineItem.objects.filter(kind="contract", date_earliest__year__lte=2018)
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        f"tag:s400kb,2024:timeline:{item.pk}" for item in newest_first(chosen)[:50]
    ]
    assert entries


def test_a_countrys_feed_keeps_its_country_under_the_timelines_filters(client):
    _, entries = parse(client.get("/countries/IN/feed/", {"kind": "delivery"}))
    linked = TimelineItem.objects.filter(kind="delivery", pk__in=TimelineLink.objects.filter(country="IN").values("item"))
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        f"tag:s400kb,2024:timeline:{item.pk}" for item in newest_first(linked)[:50]
    ]
    assert entries
