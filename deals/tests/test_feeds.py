"""Atom feeds of the timeline: overall and per country, valid Atom (RFC 4287), newest first,
each entry published on its item's date, updated when its record changed, dated in words."""
import datetime
import xml.etree.ElementTree as ET

import pytest

from deals.models import Citation, Statement, TimelineItem, TimelineLink

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
    assert entries[0].findtext(f"{ATOM}title").startswith(f"{first.date_words or first.date_edtf}: ")
    assert first.date_latest.isoformat() in entries[0].findtext(f"{ATOM}summary")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/timeline/feed/"


def test_entries_are_published_on_their_items_day_so_readers_sort_them_newest_first(client):
    feed, entries = parse(client.get("/timeline/feed/"))
    items = {item.pk: item for item in TimelineItem.objects.all()}

    published = [timestamp(entry, "published") for entry in entries]
    for entry, when in zip(entries, published, strict=True):
        item = items[entry.findtext(f"{ATOM}id").rsplit(":", 1)[1]]
        assert when == midnight_utc(item.date_earliest), item.pk
    assert published == sorted(published, reverse=True)
    assert len(set(published)) > len(published) // 2, "the items are on many different days"


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

    published = [timestamp(entry, "published") for entry in entries]
    assert len(entries) > 1 and published == sorted(published, reverse=True)
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
        assert f": {statement.attribution}: “" in title, title
        assert entry.findtext(f"{ATOM}summary").startswith(f"Statement by {statement.attribution}, "), statement.pk
    # Other kinds keep their titles: "<date>: <what happened>".
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
