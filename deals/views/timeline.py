"""The timeline (/timeline/): every dated contract, delivery, statement and event in date
order, grouped by year, with lanes per country drawn as inline SVG; and an event's page."""
import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.views.generic import DetailView

from deals.approximate_dates import ApproximateDate, DateBasis, words_or_described
from deals.filtersets import TimelineFilterSet
from deals.models import (
    Contract,
    Delivery,
    Event,
    EventKind,
    Statement,
    StatementMode,
    TimelineItem,
    TimelineKind,
    TimelineLink,
)
from deals.selectors import citations_prefetch, deals_prefetch

from .base import FilteredListView

# What each kind of item is fetched with, so its label and link cost no further query.
KIND_QUERYSETS = {
    TimelineKind.CONTRACT: lambda: Contract.objects.select_related("deal"),
    TimelineKind.DELIVERY: lambda: Delivery.objects.select_related("deal"),
    TimelineKind.STATEMENT: lambda: Statement.objects.select_related("speaker", "organisation"),
    TimelineKind.EVENT: lambda: Event.objects.all(),
}
DELIVERY_LABELS = {"planned": "Delivery (planned)", "actual": "Delivery (actual)"}
STATEMENT_LABELS = {StatementMode.QUOTE: "Statement (quote)", StatementMode.REPORTED: "Statement (reported)"}
EVENT_LABELS = dict(EventKind.choices)


class TimelineView(FilteredListView):
    filterset_class = TimelineFilterSet
    template_name = "deals/timeline.html"
    # Large enough that the curated timeline fits on one page; the year headings and the
    # lanes are computed per page, so their cost is bounded too.
    paginate_by = 100

    def get_queryset(self):
        links = TimelineLink.objects.select_related("deal", "country").order_by("pk")
        return TimelineItem.objects.prefetch_related(Prefetch("links", queryset=links))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(context["object_list"])
        attach_facts(items)
        context["items"] = items
        first_year = getattr(self.filterset.form, "cleaned_data", {}).get("year_from")
        context["years"] = year_groups(
            items, first_year=first_year, continued_year=self.previous_page_year(context["page_obj"], first_year)
        )
        context["lanes"] = lane_chart(items)
        return context

    def previous_page_year(self, page, first_year):
        """The heading year of the last item on the previous page, so a year split across
        pages says so."""
        if page is None or not page.has_previous():
            return None
        before_first = page.start_index() - 2
        earliest = self.object_list.prefetch_related(None).values_list("date_earliest", flat=True)
        return heading_year(earliest[before_first], first_year)


def item_date(item):
    return ApproximateDate(
        words=words_or_described(item.date_words, item.date_edtf),
        edtf=item.date_edtf,
        earliest=item.date_earliest,
        latest=item.date_latest,
        basis=DateBasis(item.date_basis),
    )


def attach_facts(items):
    """Give each timeline item its underlying fact, label, date, deals and countries.

    The facts are fetched with one query per kind present, whatever the number of items.
    """
    by_kind = {kind: [item.object_id for item in items if item.kind == kind] for kind in KIND_QUERYSETS}
    facts = {
        kind: KIND_QUERYSETS[kind]().in_bulk(ids) if ids else {} for kind, ids in by_kind.items()
    }
    for item in items:
        item.fact = facts[item.kind].get(item.object_id)
        item.approximate_date = item_date(item)
        item.kind_label = kind_label(item)
        item.spans_years = item.date_latest.year > item.date_earliest.year
        links = list(item.links.all())
        item.deals = sorted({link.deal for link in links if link.deal_id}, key=lambda deal: deal.slug)
        item.countries = sorted({link.country for link in links if link.country_id}, key=lambda c: c.name)


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


# --- Lanes ------------------------------------------------------------------------------
# Every item drawn as a bar from its earliest to its latest day, one lane per country, on a
# shared axis. Positions are computed here in viewBox units; the SVG scales to its box.

CHART_WIDTH = 1000
LABEL_WIDTH = 170
RIGHT_MARGIN = 12
AXIS_HEIGHT = 28
TRACK_HEIGHT = 11
BAR_HEIGHT = 8
LANE_PADDING = 5
MIN_BAR_WIDTH = 3  # a day-precise item is a narrow mark, still visible
NO_COUNTRY = "No country named"


@dataclass
class Bar:
    item_id: str
    kind: str
    precision: str
    x: float
    width: float
    y: float = 0
    height: int = BAR_HEIGHT
    track: int = 0
    title: str = ""


@dataclass
class Lane:
    name: str
    code: str
    y: float = 0
    height: float = 0
    label_y: float = 0
    bars: list = field(default_factory=list)


@dataclass
class Tick:
    year: int
    x: float
    label_x: float
    labelled: bool


@dataclass
class LaneChart:
    width: int
    height: float
    plot_left: int
    plot_right: int
    start: datetime.date
    end: datetime.date
    lanes: list
    ticks: list
    summary: str


def lane_chart(items):
    """The lanes for these items, or None if there are none."""
    if not items:
        return None
    start = datetime.date(min(item.date_earliest for item in items).year, 1, 1)
    end = datetime.date(max(item.date_latest for item in items).year + 1, 1, 1)
    total_days = (end - start).days
    plot_width = CHART_WIDTH - LABEL_WIDTH - RIGHT_MARGIN

    def x_of(day):
        return LABEL_WIDTH + (day - start).days / total_days * plot_width

    lanes = {}
    for item in items:
        for country in item.countries or [None]:
            key = country.code if country else ""
            lane = lanes.setdefault(key, Lane(name=country.name if country else NO_COUNTRY, code=key))
            x = x_of(item.date_earliest)
            width = max(x_of(item.date_latest + datetime.timedelta(days=1)) - x, MIN_BAR_WIDTH)
            lane.bars.append(
                Bar(
                    item_id=item.id,
                    kind=item.kind,
                    precision=item.approximate_date.precision,
                    x=round(x, 2),
                    width=round(width, 2),
                    title=bar_title(item),
                )
            )
    ordered = sorted(lanes.values(), key=lambda lane: (lane.code == "", lane.name))
    y = AXIS_HEIGHT
    for lane in ordered:
        tracks = stack(lane.bars)
        lane.y = y
        lane.height = tracks * TRACK_HEIGHT + 2 * LANE_PADDING
        lane.label_y = y + lane.height / 2
        for bar in lane.bars:
            bar.y = y + LANE_PADDING + bar.track * TRACK_HEIGHT + (TRACK_HEIGHT - BAR_HEIGHT) / 2
        y += lane.height
    years = range(start.year, end.year + 1)
    step = 1 if len(years) <= 20 else 5
    ticks = [
        Tick(
            year,
            x=round(x_of(datetime.date(year, 1, 1)), 2),
            label_x=round((x_of(datetime.date(year, 1, 1)) + x_of(datetime.date(year + 1, 1, 1))) / 2, 2),
            labelled=year < end.year and year % step == 0,
        )
        for year in years
    ]
    summary = (
        f"{len(items)} item{'s' if len(items) != 1 else ''} in {len(ordered)} "
        f"lane{'s' if len(ordered) != 1 else ''}, from {start.year} to {end.year - 1}."
    )
    return LaneChart(
        width=CHART_WIDTH,
        height=y + 4,
        plot_left=LABEL_WIDTH,
        plot_right=CHART_WIDTH - RIGHT_MARGIN,
        start=start,
        end=end,
        lanes=ordered,
        ticks=ticks,
        summary=summary,
    )


def stack(bars):
    """Put overlapping bars on separate tracks of their lane (greedy, in date order); sets each
    bar's track and returns how many tracks the lane needs."""
    track_ends = []
    for bar in sorted(bars, key=lambda bar: (bar.x, bar.width)):
        for track, track_end in enumerate(track_ends):
            if bar.x >= track_end + 1:
                break
        else:
            track = len(track_ends)
            track_ends.append(0)
        track_ends[track] = bar.x + bar.width
        bar.track = track
    return max(len(track_ends), 1)


def bar_title(item):
    earliest, latest = (date_format(day, "j M Y") for day in (item.date_earliest, item.date_latest))
    bounds = earliest if earliest == latest else f"{earliest} – {latest}"
    title = item.title if len(item.title) <= 90 else item.title[:89] + "…"
    when = f"{item.date_words} ({bounds})" if item.date_words else bounds
    return f"{item.kind_label}, {when}: {title}"


class EventDetailView(DetailView):
    template_name = "deals/event_detail.html"

    def get_queryset(self):
        return Event.objects.prefetch_related(citations_prefetch(), deals_prefetch(), "countries")
