"""The timeline, read: everything the timeline page, the home page, a country's page, the
feeds and the API add to the rows of `TimelineItem` (the database view over every dated
contract, delivery, statement and event, in `deals/models/timeline.py`; its QuerySet, its
FilterSet and its declaration as a list are in `deals/models/querysets.py`,
`deals/filtersets.py` and `deals/lists.py`).

- `attach_facts`: each item's fact, label, date, deals and countries (the HTML pages);
- `attach_extras`: each item's link summary, citations and page (the API, exports, feeds);
- `year_groups`: the timeline page's year headings (its lanes of deals are `deals.charts`);
- `latest_timeline_items`, `newest_items`: the timeline as the home page and the feeds
  show it (a country's page reads it a page at a time, with `attach_facts`).
"""
from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple

from django.db.models import Q
from django.urls import reverse

from countries.models import Country
from deals.approximate_dates import ApproximateDate, DateBasis, words_or_described
from deals.models import (
    Citation,
    Contract,
    Deal,
    Delivery,
    Event,
    EventKind,
    Statement,
    StatementMode,
    TimelineItem,
    TimelineKind,
    TimelineLink,
)

LATEST_ITEMS = 6
FEED_LENGTH = 50
UPDATED_MODELS = {"contract": Contract, "delivery": Delivery, "statement": Statement, "event": Event}

# What each kind of item is fetched with, so its label and link cost no further query:
# only the columns they need (`timeline_item_title` in deals/templatetags/browsing.py), as
# a page fetches a hundred facts.
KIND_QUERYSETS = {
    TimelineKind.CONTRACT: lambda: Contract.objects.select_related("deal").only("deal__slug"),
    TimelineKind.DELIVERY: lambda: Delivery.objects.select_related("deal").only("deal__slug"),
    TimelineKind.STATEMENT: lambda: Statement.objects.select_related("speaker", "organisation").only(
        "mode", "text", "speaker__name", "organisation__name"
    ),
    TimelineKind.EVENT: lambda: Event.objects.only("pk"),
}
DELIVERY_LABELS = {"planned": "Delivery (planned)", "actual": "Delivery (actual)"}
STATEMENT_LABELS = {StatementMode.QUOTE: "Statement (quote)", StatementMode.REPORTED: "Statement (reported)"}
EVENT_LABELS = dict(EventKind.choices)



def item_date(item):
    return ApproximateDate(
        words=words_or_described(item.date_words, item.date_edtf),
        edtf=item.date_edtf,
        earliest=item.date_earliest,
        latest=item.date_latest,
        basis=DateBasis(item.date_basis),
    )


def attach_facts(items, *, links=None):
    """Give each timeline item its underlying fact, label, date, deals and countries: the
    latter from `links` (item id to its links, as `page_links` reads them) or else from the
    links prefetched on each item (`with_links`).

    The facts are fetched with one query per kind present, whatever the number of items.
    """
    by_kind = {kind: [item.object_id for item in items if item.kind == kind] for kind in KIND_QUERYSETS}
    # Read by key and unordered: their models' orders would only sort the page's facts.
    facts = {
        kind: KIND_QUERYSETS[kind]().order_by().in_bulk(ids) if ids else {} for kind, ids in by_kind.items()
    }
    for item in items:
        item.fact = facts[item.kind].get(item.object_id)
        item.approximate_date = item_date(item)
        item.kind_label = kind_label(item)
        item.spans_years = item.date_latest.year > item.date_earliest.year
        item_links = links.get(item.pk, ()) if links is not None else item.links.all()
        # Each once, told apart by key (a record's own hash costs several calls per link).
        item.deals = sorted({link.deal_id: link.deal for link in item_links if link.deal_id}.values(), key=deal_slug)
        item.countries = sorted(
            {link.country_id: link.country for link in item_links if link.country_id}.values(), key=country_name
        )


def deal_slug(deal):
    return deal.slug


def country_name(country):
    return country.name


class PageLink(NamedTuple):
    """What a timeline page shows of one of an item's links: its deal or its country."""

    deal_id: int | None
    deal: Deal | None
    country_id: str | None
    country: Country | None


def page_links(items):
    """The links of a page of items, by item id, with their countries, and their deals read
    by key in a query of their own (joined, the planner would hash every deal for a few
    hundred links): two queries, whatever the number of items.

    Read flat rather than prefetched per item: a prefetch builds a QuerySet for each item and
    ties each link back to its item, a reference cycle that outlives the request until the
    garbage collector's full pass, which then walks the whole process. A hundred items left
    some 5,000 such objects per page, and every dozenth page paid for a pass of ~100 ms.
    Read as plain rows, not as records: a page of a hundred items has some four hundred
    links naming a few dozen countries, and each country is built once for the page."""
    found = defaultdict(list)
    rows = list(
        TimelineLink.objects.filter(item_id__in=[item.pk for item in items])
        .order_by("pk")
        .values_list("item_id", "deal_id", "country_id", "country__name")
    )
    # What a row shows of a deal: its label and its link.
    deals = Deal.objects.only("slug", "supplier_id", "recipient_id", "subject").order_by().in_bulk(
        {deal_id for _, deal_id, _, _ in rows if deal_id}
    )
    countries = {}
    for item_id, deal_id, code, name in rows:
        country = None
        if code:
            country = countries.get(code) or countries.setdefault(code, Country(code=code, name=name))
        found[item_id].append(PageLink(deal_id, deals[deal_id] if deal_id else None, code, country))
    return found


def kind_label(item):
    if item.kind == TimelineKind.DELIVERY:
        return DELIVERY_LABELS.get(item.detail, "Delivery")
    if item.kind == TimelineKind.STATEMENT:
        return STATEMENT_LABELS.get(item.detail, "Statement")
    if item.kind == TimelineKind.EVENT:
        return f"Event: {EVENT_LABELS.get(item.detail, item.detail)}"
    return TimelineKind(item.kind).label


@dataclass
class YearGroup:
    year: int
    continued: bool
    items: list

    @property
    def begun_earlier(self):
        """Whether some of its items began before its year (and run into it)."""
        return any(item.date_earliest.year < self.year for item in self.items)


def heading_year(earliest, first_year=None):
    """The year an item starting on `earliest` is listed under: the year it starts in, but
    never before the first year asked for (`year_from`), so /timeline/?year_from=2019 does
    not open with a 2018 heading for an item that began then and ran into 2019."""
    return max(earliest.year, first_year) if first_year else earliest.year


def year_groups(items, *, first_year=None, continued_year=None):
    """Items grouped under their heading year (they arrive sorted by earliest day)."""
    return [
        YearGroup(year, continued=(index == 0 and year == continued_year), items=list(group))
        for index, (year, group) in enumerate(groupby(items, key=lambda item: heading_year(item.date_earliest, first_year)))
    ]


def attach_milestones(deals):
    """Give each deal (from `Deal.objects.for_table()`) its first contract (`first_contract`,
    None without one) and the approximate dates of its first and last dated milestones
    (`first_milestone_date`, `last_milestone_date`, None without), from what its stored
    summary holds: no query."""
    for deal in deals:
        deal.first_contract = None if deal.first_contract_id is None else Contract(
            pk=deal.first_contract_id, deal_id=deal.pk, quantity=deal.contract_quantity, quantity_unit=deal.contract_unit,
            quantity_words=deal.contract_quantity_words, value_amount=deal.contract_value,
            value_currency=deal.contract_currency, value_words=deal.contract_value_words,
            date_words=deal.signed_words, date_edtf=deal.signed_edtf, date_earliest=deal.signed_earliest,
            date_latest=deal.signed_latest, date_basis=deal.signed_basis,
        )
        deal.first_milestone_date = stored_date(
            deal.first_words, deal.first_edtf, deal.first_date, deal.first_latest, deal.first_basis
        )
        deal.last_milestone_date = stored_date(
            deal.last_words, deal.last_edtf, deal.last_earliest, deal.last_date, deal.last_basis
        )
    return deals


def stored_date(words, edtf, earliest, latest, basis):
    """A timeline item's approximate date as a deal's summary stores it, as `item_date`
    gives it; None where the summary holds none."""
    if not edtf:
        return None
    return ApproximateDate(
        words=words_or_described(words, edtf), edtf=edtf, earliest=earliest, latest=latest, basis=DateBasis(basis)
    )


def attach_extras(items):
    """Set `link_summary`, `cited` and `page_url` on each item of `items`; returns `items`."""
    items = list(items)
    if not items:
        return items
    links = defaultdict(lambda: {"deals": [], "countries": [], "systems": []})
    for link in (
        TimelineLink.objects.filter(item_id__in=[item.pk for item in items])
        .select_related("deal", "system")
        .order_by("id")
    ):
        summary = links[link.item_id]
        if link.deal_id:
            summary["deals"].append(link.deal.slug)
        if link.country_id:
            summary["countries"].append(link.country_id)
        if link.system_id:
            summary["systems"].append(link.system.slug)

    ids = defaultdict(list)
    for item in items:
        ids[item.kind].append(item.object_id)
    condition = Q(pk__in=[])
    for kind, object_ids in ids.items():
        condition |= Q(**{f"{kind}_id__in": object_ids})
    cited = defaultdict(list)
    for citation in Citation.objects.filter(condition).select_related("source").order_by("pk"):
        for kind in ids:
            object_id = getattr(citation, f"{kind}_id")
            if object_id is not None:
                cited[f"{kind}-{object_id}"].append(citation)

    for item in items:
        summary = links[item.pk]
        item.link_summary = {key: sorted(set(values)) for key, values in summary.items()}
        item.cited = cited[item.pk]
        item.page_url = page_url(item, summary["deals"])
    return items


def page_url(item, deal_slugs):
    """The HTML page of the record behind a timeline item."""
    if item.kind in ("contract", "delivery"):
        # A contract or delivery belongs to exactly one deal; it is shown on that deal's page.
        deal_url = reverse("deals:deal_detail", args=[deal_slugs[0]]) if deal_slugs else ""
        return f"{deal_url}#{item.kind}-{item.object_id}"
    if item.kind == "statement":
        return reverse("deals:statement_detail", args=[item.object_id])
    return reverse("deals:event_detail", args=[item.object_id])


def latest_timeline_items(count=LATEST_ITEMS):
    """The newest dated items (latest start first), each with its fact, date and label."""
    items = list(
        TimelineItem.objects.order_by("-date_earliest", "-date_latest", "-id").with_links("deal__system", "country")[
            :count
        ]
    )
    attach_facts(items)
    return items


def newest_items(queryset):
    """The newest items, with their pages, citations, when their records (or the
    citations they rest on) last changed, and a statement's speaker (`speaker`, as its
    page attributes it; "" on other kinds)."""
    items = attach_extras(queryset.newest_first()[:FEED_LENGTH])
    ids = {}
    for item in items:
        ids.setdefault(item.kind, []).append(item.object_id)
    changed, speakers = {}, {}
    for kind, pks in ids.items():
        # A statement's row also names who spoke (in the same query): a feed entry says who.
        columns = ("speaker__name", "organisation__name") if kind == TimelineKind.STATEMENT else ()
        for pk, updated, *names in UPDATED_MODELS[kind].objects.filter(pk__in=pks).values_list("pk", "updated_at", *columns):
            changed[kind, pk] = updated
            if names:
                person, body = names
                speakers[pk] = f"{person} ({body})" if person and body else (person or body or "")
    for item in items:
        item.speaker = speakers.get(item.object_id, "") if item.kind == TimelineKind.STATEMENT else ""
        # A corrected excerpt changes what the entry rests on, so it counts as the item's change.
        stamps = [changed.get((item.kind, item.object_id)), *(citation.updated_at for citation in item.cited)]
        item.updated_at = max((stamp for stamp in stamps if stamp is not None), default=None)
    return items
