"""Charts over time: what the home, country, system and timeline pages draw, and what their
CSV files (`deals.views.charts`) give, from one computation each so a chart, its data table
and its CSV cannot disagree.

- `activity_by_year`: contracts signed and actual deliveries per year;
- `statements_by_year`: statements per year by stance;
- `deal_lanes`: each deal a labelled lane of its stages over time (its status periods,
  `DealStatusPeriod`) with its milestones marked.

**Years and uncertainty.** A fact is counted under a year only when its whole date falls in
that year ("in December 2017", "mid-June 2019"): a date that may fall in either of two years
("in 2014-2015", "between 2007 and August 2016") is counted as *year uncertain*, and a fact
with no date as *undated*; the tables give both, the bars draw neither, and a note under
each chart says how many were left out. So no bar says more than its sources do.

**As of a day** (`as_of`, as the pages take it): a chart shows the knowledge base as a careful
reader of that day could know it. A fact counts only when its whole date falls on or before
the day (its latest day, the day a milestone counts from, is no later): the bars stop at the
day's year, and a fact with no date, which may be later, is not counted (the table and the
CSV have no "undated" row then). The lanes end at the day: a stage reached after it is not
drawn, one holding on the day runs to the right-hand edge, and the deals drawn are those with
a stage by then.

Each per-year count is read from the counts the write path keeps per series, slice and span
of years (`ChartYearCount`: a few hundred rows for every deal, a country or a system, where a
GROUP BY over the facts grew with them: 0.3 s for every statement at SIPRI's size), kept once
per knowledge-base version and choice (`once_per_version`); `scanned_activity` and
`scanned_statements` give the same from the facts, which the tests compare. As of a day, a
count depends on the day, not only its year: the facts are grouped then (`known_by`), once
per version and choice. Geometry is computed here, in percentages of the
chart's width (SVG `x` and `width` take them) and pixels of its height, so text keeps its
size at any width and no chart needs a script.
"""
import datetime
import html
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.dateformat import format as date_format
from django.utils.safestring import mark_safe

from countries.models import Country
from deals.approximate_dates import ApproximateDate, DateBasis, words_or_described
from deals.models import (
    ChartYearCount,
    Contract,
    Deal,
    DealMilestone,
    DealScope,
    DealStatus,
    DealStatusPeriod,
    Delivery,
    DeliveryKind,
    MilestoneKind,
    Stance,
    Statement,
    StatementCountry,
    StatementDeal,
    WeaponSystem,
    s400_family,
)
from deals.models.charts import EVERY_COUNTRY
from deals.stages import stages_drawn
from deals.templatetags.browsing import date_label
from lists.markup import number, quick_html
from lists.pages import PageNumberProblem, day_parameter
from lists.registry import once_per_version

# How many deals a lane chart draws: a country's first ones by name, and the deals of the
# timeline's page; a note says how many more there are, and the deal list has them all.
LANES_SHOWN = 30
YEAR_UNCERTAIN = "year uncertain"
UNDATED = "undated"

# Bars' geometry, in pixels of the chart's height (a compact chart's bars: COMPACT_PLOT_HEIGHT).
PLOT_HEIGHT = 150
COMPACT_PLOT_HEIGHT = 70
PLOT_TOP = 10
AXIS_SPACE = 22
# Year labels: at most this many on a wide chart, and on a phone (the others hidden by CSS).
WIDE_LABELS = 12  # two charts side by side share a wide screen
NARROW_LABELS = 7
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


class ChartProblem(Exception):
    """A chart's parameters cannot be used: {parameter: [messages]}, answered with a 400."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


@dataclass(frozen=True)
class ChartChoice:
    """What a chart counts: the deals (and their facts) of one country as recipient or
    supplier, of one weapon system, and of a system scope; statements about the country, or
    about the system's deals (statements are not scoped by system: they concern countries)."""

    country: Country | None = None
    system: WeaponSystem | None = None
    scope: str = DealScope.ALL
    as_of: datetime.date | None = None  # what could be known on that day (see the module's docstring)

    @property
    def key(self):
        """The choice as `once_per_version` keys it."""
        return {
            "country": self.country.code if self.country else "",
            "system": self.system.slug if self.system else "",
            "scope": self.scope,
            "as_of": self.as_of.isoformat() if self.as_of else "",
        }

    @property
    def query(self):
        """The choice as a CSV address's query string ("country=TR&scope=s-400"), or ""."""
        parts = []
        if self.country:
            parts.append(f"country={self.country.code}")
        if self.system:
            parts.append(f"system={self.system.slug}")
        if self.scope != DealScope.ALL:
            parts.append(f"scope={self.scope}")
        if self.as_of:
            parts.append(f"as_of={self.as_of.isoformat()}")
        return "&".join(parts)

    @property
    def described(self):
        """What the chart covers, in words: "Turkey's deals (S-400 only)"."""
        scope = " (S-400 only)" if self.scope == DealScope.S_400 else ""
        if self.country and self.system:
            return f"the {self.system.name} deals of {self.country.name}{scope}"
        if self.country:
            return f"the deals of {self.country.name} as recipient or supplier{scope}"
        if self.system:
            return f"the {self.system.name} deals"
        return "every S-400 deal" if scope else "every deal in the knowledge base"

    @property
    def narrowed(self):
        """Whether it counts fewer deals than every one."""
        return bool(self.country or self.system or self.scope != DealScope.ALL)

    def deals(self):
        deals = Deal.objects.in_scope(self.scope)
        if self.country:
            deals = deals.filter(Q(recipient=self.country) | Q(supplier=self.country))
        if self.system:
            deals = deals.filter(system=self.system)
        return deals


def chart_choice(query, *, scope_default=DealScope.ALL) -> ChartChoice:
    """The ChartChoice a query string gives (`country`: an ISO code, `system`: a system's
    slug, `scope`: `s-400` or `all`, `as_of`: a day, YYYY-MM-DD); raises ChartProblem naming
    each parameter that is repeated, unknown or malformed. Other parameters are ignored, as
    the lists ignore them."""
    problems, values = {}, {}
    day = None
    try:
        day = day_parameter(query)
    except PageNumberProblem as problem:
        problems.update(problem.problems)
    for name in ("country", "system", "scope"):
        given = [value.strip() for value in query.getlist(name)]
        if len(given) > 1:
            problems[name] = [f"Give {name} only once; it takes a single value."]
        elif given and given[0]:
            values[name] = given[0]
    country = system = None
    scope = scope_default
    if "country" in values:
        code = values["country"].upper()
        country = Country.objects.filter(code=code).first() if len(code) == 2 and code.isalpha() else None
        if country is None:
            problems["country"] = [f"No country has the ISO code {values['country']!r}."]
    if "system" in values:
        system = WeaponSystem.objects.filter(slug=values["system"].lower()).first()
        if system is None:
            problems["system"] = [f"No weapon system is known as {values['system']!r}."]
    if "scope" in values:
        scope = values["scope"].lower()
        if scope not in DealScope.values:
            problems["scope"] = [f"Choose scope from {', '.join(DealScope.values)}."]
    if problems:
        raise ChartProblem(problems)
    return ChartChoice(country=country, system=system, scope=scope, as_of=day)


# --- Counts per year ------------------------------------------------------------------------


@dataclass
class YearCounts:
    """Counts per year of several series (`series`: (key, label) pairs), the years from the
    first to the last with a count (gaps as zeros), and the facts whose year is uncertain or
    that are undated, per series."""

    name: str
    series: list
    years: list  # [(year, [count per series])]
    uncertain: list
    undated: list
    as_of: datetime.date | None = None  # counted as of that day: the undated are not counted

    @property
    def header(self):
        return ["year", *(key for key, _ in self.series)]

    @property
    def rows(self):
        """The table's rows, as the CSV gives them: each year, then the uncertain and (unless
        counted as of a day, when they are not counted) the undated."""
        return [
            *([str(year), *counts] for year, counts in self.years),
            [YEAR_UNCERTAIN, *self.uncertain],
            *([] if self.as_of else [[UNDATED, *self.undated]]),
        ]

    def left_out(self, nouns):
        """What the bars do not draw, in words ("1 contract signed and 1 delivery whose year
        is uncertain; 2 deliveries undated"), or "" when everything is drawn."""

        def listed(counts):
            named = [
                f"{count} {nouns.get(key, (key, key))[0 if count == 1 else 1]}"
                for (key, _), count in zip(self.series, counts, strict=True) if count
            ]
            return ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1] if named else ""

        parts = []
        if listed(self.uncertain):
            parts.append(f"{listed(self.uncertain)} whose date may fall in more than one year (year uncertain)")
        if listed(self.undated):
            parts.append(f"{listed(self.undated)} with no date")
        return "; ".join(parts)

    @property
    def total(self):
        return sum(sum(counts) for _, counts in self.years) + sum(self.uncertain) + sum(self.undated)

    @property
    def table_body(self):
        """The data table's rows under a chart, written in Python: a template loop per cell,
        over seventy-odd years of the generated data, cost more than the bars above them."""
        def cells(counts):
            return "".join(f'<td class="number">{number(count)}</td>' for count in counts)

        rows = [f'<tr><th scope="row">{year}</th>{cells(counts)}</tr>\n' for year, counts in self.years]
        rows.append(f'<tr class="uncertain"><th scope="row">Year uncertain</th>{cells(self.uncertain)}</tr>')
        if not self.as_of:
            rows.append(f'<tr class="undated"><th scope="row">Undated</th>{cells(self.undated)}</tr>')
        return mark_safe("".join(rows))


def by_year(rows, series_keys):
    """Fold grouped rows (series key, first year, last year, count) into YearCounts' parts."""
    index = {key: position for position, key in enumerate(series_keys)}
    years = defaultdict(lambda: [0] * len(series_keys))
    uncertain, undated = [0] * len(series_keys), [0] * len(series_keys)
    for key, first, last, count in rows:
        if key not in index:
            continue
        if first is None:
            undated[index[key]] += count
        elif first == last:
            years[first][index[key]] += count
        else:
            uncertain[index[key]] += count
    if years:
        span = range(min(years), max(years) + 1)
        filled = [(year, list(years[year]) if year in years else [0] * len(series_keys)) for year in span]
    else:
        filled = []
    return filled, uncertain, undated


def grouped_years(queryset, *, series=None):
    """One GROUP BY of `queryset` by the years of its rows' earliest and latest days (and the
    column `series`, if given): [(series value or None, first year, last year, count)]."""
    columns = {"first": ExtractYear("date_earliest"), "last": ExtractYear("date_latest")}
    names = [series] if series else []
    rows = queryset.order_by().values(*names, **columns).annotate(n=Count("pk"))
    return [(row[series] if series else None, row["first"], row["last"], row["n"]) for row in rows]


def known_by(facts, day):
    """The dated `facts` whose whole date falls on or before `day` (all of them without a day)."""
    return facts.filter(date_latest__lte=day) if day else facts


ACTIVITY_SERIES = [("contracts", "Contracts signed"), ("deliveries", "Deliveries (actual)")]
STANCE_SERIES = [(stance.value, stance.label) for stance in Stance]


def scanned_activity(choice: ChartChoice) -> list:
    """Contracts and actual deliveries of the deals `choice` selects, grouped by the years of
    their days, straight from the facts: [(series, first year, last year, count)]. What the
    stored counts (`stored_spans`) stand for; the tests hold one to the other."""
    contracts, deliveries = Contract.objects.all(), Delivery.objects.filter(kind=DeliveryKind.ACTUAL)
    contracts, deliveries = known_by(contracts, choice.as_of), known_by(deliveries, choice.as_of)
    if choice.narrowed:
        # Otherwise every contract and delivery: no join to the deals (143 ms against 60 at scale 1).
        deals = choice.deals().values("pk")
        contracts, deliveries = contracts.filter(deal__in=deals), deliveries.filter(deal__in=deals)
    return [("contracts", *row[1:]) for row in grouped_years(contracts)] + [
        ("deliveries", *row[1:]) for row in grouped_years(deliveries)
    ]


def scanned_statements(choice: ChartChoice) -> list:
    """Statements about what `choice` selects, grouped by stance and the years of their days,
    straight from the facts (`scanned_activity` says why)."""
    if choice.country and not choice.system:
        rows = (
            known_by(StatementCountry.objects.filter(country=choice.country), choice.as_of)
            .order_by()
            .values("statement__stance", first=ExtractYear("date_earliest"), last=ExtractYear("date_latest"))
            .annotate(n=Count("pk"))
        )
        return [(row["statement__stance"], row["first"], row["last"], row["n"]) for row in rows]
    statements = known_by(Statement.objects.all(), choice.as_of)
    if choice.system or choice.country:
        statements = statements.filter(
            pk__in=StatementDeal.objects.filter(deal__in=choice.deals().values("pk")).values("statement_id")
        )
    return grouped_years(statements, series="stance")


def stored_spans(series, choice: ChartChoice) -> list:
    """The stored counts (`ChartYearCount`) of these series for what `choice` selects, as
    `scanned_activity` gives them: the slice of its country, or of every country, and of its
    system, or of every system, or summed over the S-400 family's systems for that scope.
    One query."""
    family = WeaponSystem.objects.filter(s400_family()).values("pk") if choice.scope == DealScope.S_400 else None
    return ChartYearCount.objects.spans(
        series, country=choice.country.code if choice.country else EVERY_COUNTRY,
        system=choice.system.pk if choice.system else None, systems=family,
    )


def activity_by_year(request, choice: ChartChoice) -> YearCounts:
    """Contracts signed and actual deliveries per year (planned deliveries are intentions, not
    events), for the deals `choice` selects: read from the stored counts, once per version
    and choice."""
    keys = [key for key, _ in ACTIVITY_SERIES]

    def compute():
        if choice.as_of:
            return by_year(scanned_activity(choice), keys)
        return by_year(stored_spans(keys, choice), keys)

    years, uncertain, undated = once_per_version(request, "charts:activity", choice.key, compute)
    return YearCounts("activity", ACTIVITY_SERIES, years, uncertain, undated, as_of=choice.as_of)


def statements_by_year(request, choice: ChartChoice) -> YearCounts:
    """Statements per year by stance: about the country (named in them, or on its deals:
    `StatementCountry`, whatever the scope), about the system's deals, or all (whatever the
    scope), read from the stored counts; about one country's deals of one system (the
    timeline's, with both chosen), a GROUP BY over them, as no count is stored per pair for
    statements. Once per version and choice."""
    keys = [key for key, _ in STANCE_SERIES]

    def compute():
        if choice.as_of or (choice.country and choice.system):
            return by_year(scanned_statements(choice), keys)
        # A country's statements, and every statement, are counted whatever the scope.
        unscoped = choice if choice.system else ChartChoice(country=choice.country)
        return by_year(stored_spans(keys, unscoped), keys)

    years, uncertain, undated = once_per_version(request, "charts:statements", choice.key, compute)
    return YearCounts("statements", STANCE_SERIES, years, uncertain, undated, as_of=choice.as_of)


# --- Bars -------------------------------------------------------------------------------


@dataclass
class BarShape:
    series: str
    x: str  # percent of the plot's width, written for SVG ("12.5%")
    width: str
    y: float
    height: float
    title: str


@dataclass
class YearSlot:
    year: int
    label_x: str
    labelled: str  # "always", "wide" (hidden on phones) or ""
    bars: list = field(default_factory=list)


@dataclass
class Gridline:
    value: int
    y: float


@dataclass
class BarChart:
    counts: YearCounts
    stacked: bool
    slots: list
    gridlines: list
    height: int
    axis_y: float
    summary: str

    @property
    def year_groups(self):
        """A group per year, its bars and label, written in Python: seventy-odd years of three
        series, a template loop per bar, took longer than the rest of a country's page. What
        they hold is ours (years, counts, series keys, coordinates), so only titles are escaped."""
        parts = []
        for slot in self.slots:
            parts.append(f'<g class="year" data-year="{slot.year}">')
            parts.extend(
                f'<rect class="bar bar-{bar.series}" data-series="{bar.series}" x="{bar.x}" y="{bar.y}" '
                f'width="{bar.width}" height="{bar.height}"><title>{html.escape(bar.title)}</title></rect>'
                for bar in slot.bars
            )
            if slot.labelled:
                parts.append(
                    f'<text class="year-label{" wide-only" if slot.labelled == "wide" else ""}" x="{slot.label_x}" '
                    f'y="{self.axis_y}" text-anchor="middle">{slot.year}</text>'
                )
            parts.append("</g>\n")
        return mark_safe("".join(parts))


def percent(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "%"


def label_step(count: int, most: int) -> int:
    """The smallest nice step of years (1, 2, 5, 10…) that labels at most `most` of `count`."""
    return next((step for step in NICE_STEPS if math.ceil(count / step) <= most), NICE_STEPS[-1])


def nice_gridlines(top: int) -> list[int]:
    """Values for at most four gridlines from 0 up to at least `top`."""
    step = next((step for step in NICE_STEPS if top / step <= 4), max(1, 10 ** len(str(top)) // 4))
    return list(range(0, top + step, step)) if top else [0, 1]


def bar_chart(counts: YearCounts, *, stacked: bool, noun: dict, plot_height: int = PLOT_HEIGHT) -> BarChart | None:
    """The bars of `counts`, grouped side by side per year or stacked; None without a dated
    count to draw. `noun` names a series' unit in titles ({"contracts": ("contract", "contracts")});
    `plot_height` is the bars' height in pixels (less for a compact chart at the top of a page)."""
    if not counts.years or not any(sum(row) for _, row in counts.years):
        return None
    totals = [sum(row) if stacked else max(row) for _, row in counts.years]
    values = nice_gridlines(max(totals))
    top = values[-1]

    def y_of(value):
        return round(PLOT_TOP + plot_height * (1 - value / top), 2)

    n = len(counts.years)
    slot = 100 / n
    wide, narrow = label_step(n, WIDE_LABELS), label_step(n, NARROW_LABELS)
    slots = []
    for index, (year, row) in enumerate(counts.years):
        labelled = "always" if year % narrow == 0 or n <= NARROW_LABELS else ("wide" if year % wide == 0 or n <= WIDE_LABELS else "")
        entry = YearSlot(year, label_x=percent(slot * (index + 0.5)), labelled=labelled)
        base = 0
        for position, ((key, _), count) in enumerate(zip(counts.series, row, strict=True)):
            if not count:
                continue
            singular, plural = noun.get(key, (key, key))
            title = f"{year}: {count} {singular if count == 1 else plural}"
            if stacked:
                x, width = slot * (index + 0.15), slot * 0.7
                y, height = y_of(base + count), y_of(base) - y_of(base + count)
                base += count
            else:
                share = 0.8 / len(counts.series)
                x, width = slot * (index + 0.1 + share * position), slot * share
                y, height = y_of(count), y_of(0) - y_of(count)
            entry.bars.append(BarShape(key, percent(x), percent(width), y, round(height, 2), title))
        slots.append(entry)
    summary = (
        f"{', '.join(label for _, label in counts.series)} per year, {counts.years[0][0]}"
        f"{'' if n == 1 else f' to {counts.years[-1][0]}'}; highest {max(totals)} in a year."
    )
    return BarChart(
        counts=counts, stacked=stacked, slots=slots,
        gridlines=[Gridline(value, y_of(value)) for value in values],
        height=PLOT_TOP + plot_height + AXIS_SPACE, axis_y=PLOT_TOP + plot_height + 16, summary=summary,
    )


ACTIVITY_NOUNS = {"contracts": ("contract signed", "contracts signed"), "deliveries": ("delivery", "deliveries")}
STANCE_NOUNS = {
    "asserts": ("statement asserting or confirming", "statements asserting or confirming"),
    "denies": ("statement denying", "statements denying"),
    "comments": ("comment", "comments"),
}


# --- Lanes --------------------------------------------------------------------------------

LANE_HEIGHT = 18
SEGMENT_Y, SEGMENT_HEIGHT = 3, 12


@dataclass
class Segment:
    status: str
    label: str
    x: str
    width: str
    open: bool
    since: datetime.date
    until: datetime.date | None
    since_label: str
    until_label: str


@dataclass
class Mark:
    kind: str
    x: str
    title: str


@dataclass
class DealLane:
    deal: Deal
    segments: list
    marks: list
    described: str


@dataclass
class Tick:
    year: int
    x: str  # where the year begins
    label_x: str  # its middle
    labelled: str  # "always", "wide" (hidden on phones) or ""


@dataclass
class LaneChart:
    lanes: list
    ticks: list

    @property
    def tick_lines(self):
        """The year lines every lane repeats, written once: with decades of years and dozens of
        lanes, a template loop per lane cost more than the rest of a country's page. A line for
        each labelled year only: a line for every year, in each of thirty lanes, made a third
        of the busiest country's page and no year easier to read."""
        return mark_safe("".join(
            f'<line class="tick" x1="{tick.x}" x2="{tick.x}" y1="0" y2="18"/>' for tick in self.ticks if tick.labelled
        ))

    stages: list  # the stages (`deals.stages.Stage`) drawn, in their order: the legend
    more: bool  # there are more deals than those drawn
    summary: str
    start: datetime.date
    end: datetime.date
    as_of: datetime.date | None = None  # drawn as known on that day: the axis ends with it

    # The lanes and their data table are written in Python, as the bars are: a template loop
    # per segment and mark, in thirty lanes, cost more than the query that found them.

    def still_holds(self, *, short):
        """How a period holding to the axis's end is described: in a segment's title, or
        (short) in the data table."""
        if self.as_of:
            day = date_format(self.as_of, "j M Y")
            return f"still, on {day}" if short else f", still so on {day}"
        return "still, as of its latest source" if short else ", still so as of its latest source"

    @property
    def axis_labels(self):
        """The years labelled above the lanes (those a phone has no room for, `wide-only`)."""
        return mark_safe("".join(
            f'<text class="tick-label{" wide-only" if tick.labelled == "wide" else ""}" x="{tick.label_x}" y="13" '
            f'text-anchor="middle">{tick.year}</text>'
            for tick in self.ticks if tick.labelled
        ))

    @property
    def lane_items(self):
        """Each lane as an item of the chart's list: its deal's label (a link) over its
        segments and milestone marks."""
        tick_lines, still = self.tick_lines, self.still_holds(short=False)
        parts = []
        for lane in self.lanes:
            parts.append(quick_html(
                '<li class="deal-lane" data-deal="{}">\n<a class="lane-label" href="{}">{}</a>\n'
                '<svg class="lane-svg" role="img" aria-label="{}" width="100%" height="18" '
                'xmlns="http://www.w3.org/2000/svg">\n<rect class="lane-band" x="0" y="0" width="100%" height="18"/>',
                lane.deal.slug, lane.deal.get_absolute_url(), lane.deal.label, lane.described,
            ))
            parts.append(tick_lines)
            for segment in lane.segments:
                parts.append(quick_html(
                    '<rect class="seg seg-{}{}" data-status="{}" x="{}" y="3" width="{}" height="12">'
                    '<title>{} from {}{}</title></rect>',
                    segment.status, " seg-open" if segment.open else "", segment.status, segment.x, segment.width,
                    segment.label, segment.since_label, still if segment.open else f" until {segment.until_label}",
                ))
            for mark in lane.marks:
                parts.append(quick_html(
                    '<circle class="mark mark-{}" cx="{}" cy="9" r="3"><title>{}</title></circle>',
                    mark.kind, mark.x, mark.title,
                ))
            parts.append("\n</svg>\n</li>\n")
        return mark_safe("".join(parts))

    @property
    def table_body(self):
        """The data table's rows: each deal's periods, from and until."""
        still = self.still_holds(short=True)
        rows = []
        for lane in self.lanes:
            deal = quick_html('<a href="{}">{}</a>', lane.deal.get_absolute_url(), lane.deal.label)
            if not lane.segments:
                rows.append(f'<tr><th scope="row">{deal}</th><td colspan="3">No dated stage</td></tr>\n')
            for position, segment in enumerate(lane.segments):
                heading = f'<th scope="rowgroup" rowspan="{len(lane.segments)}">{deal}</th>' if position == 0 else ""
                rows.append(quick_html(
                    "<tr>{}<td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    mark_safe(heading), segment.label, segment.since_label,
                    still if segment.open else segment.until_label,
                ))
        return mark_safe("".join(rows))


def milestone_date(milestone) -> ApproximateDate:
    return ApproximateDate(
        words=words_or_described(milestone.date_words, milestone.date_edtf), edtf=milestone.date_edtf,
        earliest=milestone.date_earliest, latest=milestone.date_latest, basis=DateBasis(milestone.date_basis),
    )


# A country's first deals in each role, in the order of its index (`deal_recipient_slug`,
# `deal_supplier_recipient_slug`): the busiest supplier's first 31 are read from the index, not
# sorted out of the hundreds of thousands it supplies at scale.
LANE_ORDER = {"recipient": ("slug",), "supplier": ("recipient_id", "slug")}


def country_lane_deals(country, scope=DealScope.ALL, as_of=None):
    """A country's deals for its lanes, those it receives first, then those it supplies, at
    most LANES_SHOWN, and whether it has more: two queries, whatever it takes part in, each
    reading the first deals along an index of country and slug (a query per role, not one
    joined by OR, which the planner could read along the slugs of every deal). With `as_of`,
    the deals that had reached a stage by that day (as the country's tables list them)."""
    found, more = [], False
    staged = Exists(DealStatusPeriod.objects.filter(deal=OuterRef("pk"), since__lte=as_of)) if as_of else Q()
    for role in ("recipient", "supplier"):
        deals = list(
            Deal.objects.in_scope(scope).filter(staged, **{role: country})
            .only("slug", "supplier_id", "recipient_id", "subject").order_by(*LANE_ORDER[role])[:LANES_SHOWN + 1]
        )
        more = more or len(deals) > LANES_SHOWN
        found.extend(deals)
    return found[:LANES_SHOWN], more or len(found) > LANES_SHOWN


def deal_lanes(deals, *, more=False, as_of=None) -> LaneChart | None:
    """A lane for each of `deals` (each with its slug, parties and subject): its status periods
    as coloured segments from the day each began to the day the next did (the last, still
    holding, to the axis's end, marked open), and its milestones as marks at the latest day
    each can mean (the day it counts from). Two queries, whatever the number of deals.
    With `as_of`, as known on that day: the axis ends with the day, what began after it is
    not drawn, and a stage holding on the day runs to the edge (open)."""
    if not deals:
        return None
    ids = [deal.pk for deal in deals]
    periods = defaultdict(list)
    for period in known_periods(DealStatusPeriod.objects.filter(deal_id__in=ids), as_of).order_by("deal_id", "since"):
        if as_of and period.until and period.until > as_of:
            period.until = None  # still holding on the day
        periods[period.deal_id].append(period)
    milestones = defaultdict(list)
    labels = {}  # each milestone's date label, written once for its segments and its mark
    for milestone in known_by(DealMilestone.objects.filter(deal_id__in=ids), as_of).order_by("deal_id", "date_latest", "rank", "id"):
        milestones[milestone.deal_id].append(milestone)
        labels[milestone.pk] = date_label(milestone_date(milestone))
    days = [period.since for rows in periods.values() for period in rows]
    days += [milestone.date_latest for rows in milestones.values() for milestone in rows]
    if not days:
        return None
    start = datetime.date(min(days).year, 1, 1)
    # The axis ends with the day (its whole width: the day after it begins), or with the year of the last fact.
    end = as_of + datetime.timedelta(days=1) if as_of else datetime.date(max(days).year + 1, 1, 1)
    total = (end - start).days

    def x_of(day):
        return (day - start).days / total * 100

    lanes = []
    for deal in sorted(deals, key=lambda deal: (periods[deal.pk][0].since if periods[deal.pk] else end, deal.label)):
        segments = []
        rows = periods[deal.pk]
        for position, period in enumerate(rows):
            since_label = labels.get(period.milestone_id, str(period.since))
            following = rows[position + 1] if position + 1 < len(rows) else None
            until_label = labels.get(following.milestone_id, str(period.until)) if following else ""
            left = x_of(period.since)
            right = x_of(period.until) if period.until else 100
            segments.append(Segment(
                status=period.status, label=DealStatus(period.status).label, x=percent(left),
                width=percent(max(right - left, 0.4)), open=period.until is None, since=period.since,
                until=period.until, since_label=since_label, until_label=until_label,
            ))
        marks = [
            Mark(
                kind=milestone.kind, x=percent(x_of(milestone.date_latest)),
                title=f"{MilestoneKind(milestone.kind).label}: {labels[milestone.pk]}",
            )
            for milestone in milestones[deal.pk]
        ]
        if segments:
            described = "; ".join(
                f"{segment.label.lower()} from {segment.since_label}" for segment in segments
            ) + "."
        else:
            described = "no dated stage."
        lanes.append(DealLane(deal=deal, segments=segments, marks=marks, described=f"{deal.label}: {described}"))
    last_year = as_of.year if as_of else end.year - 1
    years = list(range(start.year, last_year + 1))
    wide, narrow = label_step(len(years), 16), label_step(len(years), 5)
    ticks = [
        Tick(
            year, x=percent(x_of(datetime.date(year, 1, 1))),
            # The middle of the year's part of the axis (the last year's ends with `as_of`).
            label_x=percent((x_of(datetime.date(year, 1, 1)) + x_of(min(datetime.date(year + 1, 1, 1), end))) / 2),
            labelled="always" if year % narrow == 0 or len(years) <= 5 else ("wide" if year % wide == 0 else ""),
        )
        for year in years
    ]
    # A day the reader chose, certain: written as the lanes' template writes it ("1 Jul 2019").
    until = f"to {date_format(as_of, 'j M Y')}" if as_of else f"to {last_year}"
    summary = (
        f"{len(lanes)} deal{'s' if len(lanes) != 1 else ''}, from {start.year} {until}"
        + ("; more deals than these are not drawn" if more else "") + "."
    )
    stages = stages_drawn({segment.status for lane in lanes for segment in lane.segments})
    return LaneChart(
        lanes=lanes, ticks=ticks, stages=stages, more=more, summary=summary, start=start, end=end, as_of=as_of,
    )


def known_periods(periods, day):
    """The status periods begun on or before `day` (all of them without a day)."""
    return periods.filter(since__lte=day) if day else periods


def lane_rows(chart: LaneChart):
    """The lanes' table, as the CSV gives it: a row per status period of each deal."""
    header = ["deal", "deal_label", "status", "since", "since_day", "until", "until_day", "still_holds"]
    rows = []
    for lane in chart.lanes if chart else ():
        for segment in lane.segments:
            rows.append([
                lane.deal.slug, lane.deal.label, segment.status, segment.since_label, segment.since.isoformat(),
                segment.until_label, segment.until.isoformat() if segment.until else "",
                "yes" if segment.open else "no",
            ])
    return header, rows
