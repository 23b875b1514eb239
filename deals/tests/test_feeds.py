"""Atom feeds of the timeline: overall and per country, newest first, each entry dated in words."""
import xml.etree.ElementTree as ET

import pytest

from deals.models import TimelineItem, TimelineLink

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), required
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")
    return feed, entries


def newest_first(items):
    return sorted(items, key=lambda i: (i.date_latest, i.date_earliest, i.kind, i.object_id), reverse=True)


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
