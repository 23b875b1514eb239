"""Atom feeds of the timeline: everything (/timeline/feed/) and per country
(/countries/<ISO>/feed/), newest first by the item's date (its earliest possible day, then
its latest), the reverse of the timeline page's order.

An entry is titled by its date as the pages label it (`date_label`: "14 Nov 2021",
"Jun 2019", "2014–2015", with "c." and "?" kept), never by the source's relative words
("on Sunday" says nothing out of its article), and a statement's by who spoke: "14 Nov 2021
— Dmitry Shugaev (Rosoboronexport): “…”" for a verbatim quote, "… (reported): …" for
reported speech, which never appears in quotation marks (`words_as_said`), as on its page.

Each entry is `published` on its item's day only when its date is one certain day: Atom's
timestamps have no way to say "some day in June 2019", and midnight of the first would
claim a day the sources do not give; a reader then sorts it by `updated`, when its record
or one of its citations last changed (RFC 4287 §4.2.15: the last significant change). The
feed names its author, which RFC 4287 §4.1.1 requires when the entries do not.

A feed reads its query as /timeline/ does, through the timeline's declaration
(`deals.lists`): its filters (`?country=TR&kind=delivery`, `?year_to=2019`) choose the
entries, and what the page refuses (a bad value, `as_of`, which the timeline does not take)
is a plain-text 400 saying why, never the whole timeline under an address that asks for
less."""
import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from countries.models import Country
from deals.models import StatementMode, TimelineItem, TimelineKind, words_as_said
from deals.templatetags.browsing import date_label
from deals.timeline import item_date, kind_label, newest_items
from lists.parameters import problems_as_text
from lists.registry import LISTS

TITLE_WORDS = 120  # characters of an item's words in its entry's title


def midnight_utc(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


class FeedQueryProblem(ValueError):
    """A feed's query the timeline cannot use: {parameter: [message]} in `problems`."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


@dataclass
class FeedChoice:
    """What a feed's request chose: the timeline's items its filters keep, and the country
    of a country's feed."""

    items: QuerySet
    country: Country | None = None


def chosen_items(request, items) -> QuerySet:
    """`items` filtered as /timeline/ filters them for `request`'s query; FeedQueryProblem
    for a query it answers with a 400."""
    filterset, problems = LISTS["timeline"].filter(request.GET, queryset=items, request=request, nul_alone=True)
    if problems:
        raise FeedQueryProblem(problems)
    return filterset.qs


class TimelineFeed(Feed):
    feed_type = Atom1Feed
    title = "S-400 deals: timeline"
    subtitle = "Contracts, deliveries, statements and events, newest first, each cited."
    author_name = "S-400 deals knowledge base editors"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except FeedQueryProblem as problem:
            return HttpResponse(problems_as_text(problem.problems), status=400, content_type="text/plain; charset=utf-8")

    def get_object(self, request, *args, **kwargs):
        return FeedChoice(chosen_items(request, TimelineItem.objects.all()))

    def link(self):
        return reverse("deals:timeline")

    def feed_url(self):
        return reverse("deals:timeline_feed")

    def items(self, choice):
        return newest_items(choice.items)

    def item_title(self, item):
        words = item.title if len(item.title) <= TITLE_WORDS else item.title[: TITLE_WORDS - 1] + "…"
        if item.kind == TimelineKind.STATEMENT:  # who said it comes first, as on its page
            if item.detail == StatementMode.QUOTE:
                words = f"{item.speaker}: “{words}”"
            else:
                words = f"{item.speaker} (reported): {words}"
        elif item.kind == TimelineKind.DELIVERY and item.detail == "planned":
            # A reader of titles alone must not take a delivery still to come for one made.
            words = f"Planned: {words}"
        return f"{date_label(item_date(item))} — {words}"

    def item_description(self, item):
        sources = ", ".join(dict.fromkeys(str(citation.source) for citation in item.cited))
        span = (
            item.date_earliest.isoformat()
            if item.date_earliest == item.date_latest
            else f"between {item.date_earliest.isoformat()} and {item.date_latest.isoformat()}"
        )
        # The source's own words for the date, quoted as written ("on Sunday"), after the
        # date they were read as; an editor's inferred date has none.
        written = f"; the source: “{item.date_words}”" if item.date_words else ""
        what = kind_label(item)
        words = item.title
        if item.kind == TimelineKind.STATEMENT:
            what, words = f"{what} by {item.speaker}", words_as_said(item.detail, item.title)
        return f"{what}, {date_label(item_date(item))} ({span}{written}): {words}" + (
            f" Sources: {sources}." if sources else ""
        )

    def item_link(self, item):
        return item.page_url

    def item_guid(self, item):
        return f"tag:s400kb,2024:timeline:{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def feed_guid(self):
        return "tag:s400kb,2024:timeline"

    def item_updateddate(self, item):
        """When the record last changed: a correction is news to a reader of the feed. (A
        record removed while the feed was read has no such time: the feed's own moment is
        the latest it can have changed.)"""
        return item.updated_at if item.updated_at is not None else timezone.now()

    def item_pubdate(self, item):
        """The item's day, so readers sort entries by when they happened; None (no
        `published`) unless the date is one day without "about" or "?": a timestamp cannot
        say "June 2019", and any day of it would be more precise than the sources."""
        if item.date_earliest != item.date_latest or any(mark in item.date_edtf for mark in "?~%"):
            return None
        return midnight_utc(item.date_earliest)

    def item_categories(self, item):
        return [item.kind, *item.link_summary["countries"]]


class CountryTimelineFeed(TimelineFeed):
    def get_object(self, request, code):
        country = get_object_or_404(Country, code=code.upper())
        return FeedChoice(chosen_items(request, TimelineItem.objects.for_country(country)), country)

    def title(self, choice):
        return f"S-400 deals: timeline of {choice.country.name}"

    def link(self, choice):
        return choice.country.get_absolute_url()

    def feed_url(self, choice):
        return reverse("deals:country_feed", args=[choice.country.code])

    def feed_guid(self, choice):
        return f"tag:s400kb,2024:timeline/country/{choice.country.code}"
