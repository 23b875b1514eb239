"""Atom feeds of the timeline: everything (/timeline/feed/) and per country
(/countries/<ISO>/feed/), newest first by the item's date (its earliest possible day, then
its latest), the reverse of the timeline page's order. A statement's entry names its speaker
in its title and summary ("Sergey Lavrov (Ministry of Foreign Affairs): “…”").

Each entry is `published` on its item's earliest possible day, so a reader that sorts by
date keeps that order, and `updated` when its record or one of its citations last changed
(RFC 4287 §4.2.15: the last significant change); the feed names its author, which
RFC 4287 §4.1.1 requires when the entries do not."""
import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from countries.models import Country
from deals.approximate_dates import words_or_described
from deals.models import TimelineItem
from deals.timeline import newest_items


def midnight_utc(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


class TimelineFeed(Feed):
    feed_type = Atom1Feed
    title = "S-400 deals: timeline"
    subtitle = "Contracts, deliveries, statements and events, newest first, each cited."
    author_name = "S-400 deals knowledge base editors"

    def link(self):
        return reverse("deals:timeline")

    def feed_url(self):
        return reverse("deals:timeline_feed")

    def items(self):
        return newest_items(TimelineItem.objects.all())

    def item_title(self, item):
        title = item.title if len(item.title) <= 120 else item.title[:119] + "…"
        if item.speaker:  # a statement: who said it comes first, as on its page
            title = f"{item.speaker}: “{title}”"
        return f"{words_or_described(item.date_words, item.date_edtf)}: {title}"

    def item_description(self, item):
        sources = ", ".join(dict.fromkeys(str(citation.source) for citation in item.cited))
        when = words_or_described(item.date_words, item.date_edtf)
        span = (
            item.date_earliest.isoformat()
            if item.date_earliest == item.date_latest
            else f"between {item.date_earliest.isoformat()} and {item.date_latest.isoformat()}"
        )
        what = f"{item.get_kind_display()} by {item.speaker}" if item.speaker else item.get_kind_display()
        return f"{what}, {when} ({span}): {item.title}" + (f" Sources: {sources}." if sources else "")

    def item_link(self, item):
        return item.page_url

    def item_guid(self, item):
        return f"tag:s400kb,2024:timeline:{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def feed_guid(self):
        return "tag:s400kb,2024:timeline"

    def item_updateddate(self, item):
        """When the record last changed: a correction is news to a reader of the feed."""
        return item.updated_at if item.updated_at is not None else self.item_pubdate(item)

    def item_pubdate(self, item):
        """The earliest day the item's date can mean, so readers sort entries by when they happened."""
        return midnight_utc(item.date_earliest)

    def item_categories(self, item):
        return [item.kind, *item.link_summary["countries"]]


class CountryTimelineFeed(TimelineFeed):
    def get_object(self, request, code):
        return get_object_or_404(Country, code=code.upper())

    def title(self, country):
        return f"S-400 deals: timeline of {country.name}"

    def link(self, country):
        return country.get_absolute_url()

    def feed_url(self, country):
        return reverse("deals:country_feed", args=[country.code])

    def feed_guid(self, country):
        return f"tag:s400kb,2024:timeline/country/{country.code}"

    def items(self, country):
        return newest_items(TimelineItem.objects.for_country(country))
