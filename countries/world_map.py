"""The world map of recipients (the home page, each country's page, /map/): each recipient
coloured by the most advanced stage its deals had reached on a day, suppliers outlined, each
country in a deal a link to its page, with a legend and the same facts as a table.

The stages, from the register's statuses (`deals.stages`, the lane charts' too, in the same
colours): offered or reported, negotiating, signed, delivering, delivered, in that order; a
country is at the most advanced stage any of its deals had reached. Suspended, cancelled and
denied deals stop (`stops_progress`): they colour a country only when none of its deals is
live ("stopped"), so India's signed deal is not hidden by a cancelled one, and Iran's denied
S-400 still shows on the map. A recipient with a deal its sources contradict each other about
(`Deal.disputed`: a report and a denial) is marked disputed, in its link's name, the legend
and the table: the map never shows such a deal's stage as settled.

The frame: the map shows the region holding the countries in its deals (and the page's own
country), each whole, with a margin (`frame_around`); `frame=world` shows the whole world.

Where the facts come from: without a day, the deals' statuses as curated, from the count rows
the read model keeps per country, role and status (`deals.CountryDealCount`, a few rows), and
the recipients of disputed deals (one query), kept once per version and scope; with
a day (`as_of`), the status periods covering it (`deals.DealStatusPeriod`), grouped by
recipient, supplier, status and dispute in one query, kept once per knowledge-base version,
day and scope (`lists.registry.once_per_version`). The shapes (countries/data/world_shapes.json,
built by tools/build_world_shapes.py from Natural Earth) are read once per process.
"""
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from html import escape
from pathlib import Path

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from deals.models import CountryDealCount, Deal, DealScope, DealStatusPeriod
from deals.stages import STAGE_BY_KEY, STAGES, Stage, most_advanced
from lists.markup import quick_html
from lists.pages import PageNumberProblem
from lists.registry import once_per_version

SHAPES_FILE = Path(__file__).resolve().parent / "data" / "world_shapes.json"


@dataclass
class MapCountry:
    code: str
    name: str
    statuses: set = field(default_factory=set)  # its deals' statuses as recipient
    supplier: bool = False
    stage: Stage | None = None
    disputed: bool = False  # a deal it receives is one its sources contradict each other about

    @property
    def url(self) -> str:
        return country_url(self.code)

    @property
    def role(self) -> str:
        roles = [word for word, held in (("recipient", self.stage), ("supplier", self.supplier)) if held]
        return " and ".join(roles)

    @property
    def stage_words(self) -> str:
        """Its stage as the table says it: "Delivered", or "Suspended, cancelled or denied
        (disputed: …)" for a recipient of a disputed deal."""
        if self.stage is None:
            return "—"
        return f"{self.stage.label}{DISPUTED_WORDS if self.disputed else ''}"

    @property
    def described(self) -> str:
        """What its link says: "Turkey: recipient, delivered; supplier"."""
        parts = [f"recipient, {self.stage_words[0].lower()}{self.stage_words[1:]}"] if self.stage else []
        if self.supplier:
            parts.append("supplier")
        return f"{self.name}: {'; '.join(parts)}"


# What a disputed recipient's stage is followed by, wherever it is said.
DISPUTED_WORDS = " (disputed: its sources contradict each other about a deal)"


@cache
def country_url(code: str) -> str:
    return reverse("countries:country_detail", args=[code])


@cache
def shapes() -> dict:
    """The shipped shapes, read once per process."""
    return json.loads(SHAPES_FILE.read_text())


def deal_rows(day: date | None, scope: str) -> list[tuple[str, str, str, str, bool]]:
    """(code, name, role, status, disputed) of every country in a deal of `scope`, per role,
    status and dispute its deals have: as curated without `day` (two queries: the counts, and
    the recipients of disputed deals), else as they stood on it (one query)."""
    if day is None:
        disputed = set(
            Deal.objects.in_scope(scope).filter(disputed=True).values_list("recipient_id", flat=True).distinct().order_by()
        )
        rows = (
            CountryDealCount.objects.in_scope(scope).filter(deals__gt=0)
            .values_list("country_id", "country__name", "role", "status").distinct().order_by()
        )
        return sorted(
            (code, name, role, status, role == "recipient" and code in disputed) for code, name, role, status in rows
        )
    periods = DealStatusPeriod.objects.covering(day)
    if scope == DealScope.S_400:
        periods = periods.filter(deal__in=Deal.objects.in_scope(scope).values("pk"))
    grouped = periods.values_list(
        "deal__recipient_id", "deal__recipient__name", "deal__supplier_id", "deal__supplier__name", "status",
        "deal__disputed",
    ).distinct().order_by()
    rows = set()
    for recipient, recipient_name, supplier, supplier_name, status, disputed in grouped:
        rows.add((recipient, recipient_name, "recipient", status, disputed))
        rows.add((supplier, supplier_name, "supplier", status, False))
    return sorted(rows)


def countries_on_map(rows) -> dict[str, MapCountry]:
    """Each country of `rows` (as `deal_rows` gives them) with its stage and roles."""
    countries: dict[str, MapCountry] = {}
    for code, name, role, status, disputed in rows:
        country = countries.get(code)
        if country is None:
            country = countries[code] = MapCountry(code, name)
        if role == "recipient":
            country.statuses.add(status)
            country.disputed = country.disputed or disputed
        else:
            country.supplier = True
    for country in countries.values():
        key = most_advanced(country.statuses)
        country.stage = STAGE_BY_KEY[key] if key else None
    return countries


def this_year() -> int:
    """The current year, read at each request (a page cached across New Year is keyed by the
    day, `config.caching`): where the year slider ends."""
    return timezone.localdate().year


def first_year(request) -> int:
    """The year of the earliest status any deal holds (where the date control starts)."""
    def compute():
        earliest = DealStatusPeriod.objects.aggregate(first=Min("since"))["first"]
        return earliest.year if earliest else None
    return once_per_version(request, "world-map:first-year", {}, compute) or this_year()


@dataclass
class WorldMap:
    as_of: date | None
    scope: str
    focus: object  # the Country the page is about, or None
    countries: list[MapCountry]
    svg: str
    legend: list[dict]
    years: list[int]  # the date field's: from the data's first year, or the day's if earlier, to this year
    whole_world: bool = False
    disputed_count: int = 0
    # The year slider's (static/js/world_map.js) first and last stops: the data's first year
    # and this one, whose stop shows the statuses as curated.
    slider: tuple[int, int] = (0, 0)

    @property
    def table_rows(self) -> str:
        """The table's rows, one per country, written here rather than looped over in the
        template: at scale every deal's map names some 200 countries."""
        # Safe: quick_html escapes the names; the rest are codes and fixed labels.
        return mark_safe("\n".join(
            quick_html(
                '<tr data-code="{}"><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td></tr>',
                country.code, country.url, country.name, country.role.capitalize(), country.stage_words,
            )
            for country in self.countries
        ))


def world_map(request, *, day: date | None, scope: str, focus=None, whole_world: bool = False) -> WorldMap:
    """The map's facts and its SVG for a page: as of `day` (None: as curated), of `scope`'s
    deals, `focus` (a Country) emphasised, framed on the countries in its deals (the whole
    world with `whole_world`)."""
    rows = once_per_version(request, "world-map", {"as_of": day or "", "scope": scope}, lambda: deal_rows(day, scope))
    countries = countries_on_map(rows)
    listed = sorted(countries.values(), key=lambda country: country.name)
    legend = [
        {"stage": stage, "count": sum(1 for country in listed if country.stage is stage)} for stage in STAGES
    ]
    current = this_year()
    earliest = first_year(request)
    start = min(earliest, day.year) if day else earliest
    years = list(range(start, current + 1))
    if whole_world:
        view_box = (0, 0, shapes()["width"], shapes()["height"])
    else:
        view_box = frame_around([*countries, *([focus.code] if focus else [])])
    svg = render_svg(countries, focus, view_box)
    disputed = sum(1 for country in listed if country.disputed)
    return WorldMap(day, scope, focus, listed, svg, legend, years, whole_world, disputed, slider=(earliest, current))


def whole_world_parameter(query) -> bool:
    """Whether `query` asks for the whole world (`frame=world`) rather than the region of the
    deals (`frame=deals`, the default); raises PageNumberProblem (a 400 naming it) otherwise."""
    values = query.getlist("frame")
    if len(values) > 1 or (values and values[0] not in ("", "deals", "world")):
        raise PageNumberProblem({"frame": ["Give frame=world for the whole world, or frame=deals for the deals' region."]})
    return bool(values) and values[0] == "world"


# The frame's margin around the countries in deals, in the shapes' units (the world is 1,000
# wide), and its narrowest and widest proportions, so a phone shows neither a sliver nor a
# tower. A country's rings further than FAR from its largest one (Chukotka's tip beyond the
# antimeridian, drawn at the world's western edge) are not framed: framing them would frame
# the whole world whenever Russia supplies.
MARGIN = 20
NARROWEST, WIDEST = 1.25, 2.2
FAR = 250


@cache
def boxes() -> dict[str, tuple[int, int, int, int]]:
    """(left, top, right, bottom) of each shipped country, from its path or its dot."""
    found = {}
    for code, path in shapes()["shapes"].items():
        rings = []
        for ring in re.findall(r"M([^z]*)z", path):
            numbers = [int(number) for number in re.findall(r"-?\d+", ring)]
            x, y = numbers[0], numbers[1]
            xs, ys = [x], [y]
            for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
                x, y = x + dx, y + dy
                xs.append(x)
                ys.append(y)
            rings.append((min(xs), min(ys), max(xs), max(ys)))
        largest = max(rings, key=lambda box: (box[2] - box[0]) * (box[3] - box[1]))
        near = [box for box in rings if box[0] - largest[2] <= FAR and largest[0] - box[2] <= FAR]
        found[code] = (min(b[0] for b in near), min(b[1] for b in near), max(b[2] for b in near), max(b[3] for b in near))
    for code, (x, y) in shapes()["points"].items():
        found[code] = (x - 5, y - 5, x + 5, y + 5)
    return found


def frame_around(codes) -> tuple[int, int, int, int]:
    """The viewBox (x, y, width, height) holding every country of `codes` whole, with a margin,
    widened or heightened to a readable proportion, within the world; the whole world when
    none is drawn."""
    width, height = shapes()["width"], shapes()["height"]
    drawn = [boxes()[code] for code in codes if code in boxes()]
    if not drawn:
        return (0, 0, width, height)
    left = min(box[0] for box in drawn) - MARGIN
    top = min(box[1] for box in drawn) - MARGIN
    right = max(box[2] for box in drawn) + MARGIN
    bottom = max(box[3] for box in drawn) + MARGIN
    if (right - left) < NARROWEST * (bottom - top):
        grow = NARROWEST * (bottom - top) - (right - left)
        left, right = left - grow / 2, right + grow / 2
    elif (right - left) > WIDEST * (bottom - top):
        grow = (right - left) / WIDEST - (bottom - top)
        top, bottom = top - grow / 2, bottom + grow / 2
    # Within the world: a frame past an edge slides back (never narrower than what it holds).
    frame_width, frame_height = min(right - left, width), min(bottom - top, height)
    left = min(max(left, 0), width - frame_width)
    top = min(max(top, 0), height - frame_height)
    return (round(left), round(top), round(frame_width), round(frame_height))


def render_svg(countries: dict[str, MapCountry], focus=None, view_box=None) -> str:
    """The map as inline SVG: the land no deal concerns (hidden from assistive technology, as
    it says nothing), then each country in a deal as a link named by its stage and roles, the
    page's own country last so its outline is on top."""
    data = shapes()
    focus_code = getattr(focus, "code", None)
    plain, linked, on_top = [], [], []
    geometries = [(code, "path", f'd="{path}"') for code, path in data["shapes"].items()]
    geometries += [(code, "circle", f'cx="{x}" cy="{y}" r="{DOT_RADIUS}"') for code, (x, y) in data["points"].items()]
    for code, element, geometry in geometries:
        country = countries.get(code)
        dot = small_shape_dot(code) if element == "path" and country is not None else ""
        if code == focus_code:
            # Its halo under it, over its neighbours: the page's country stands out whatever its stage.
            on_top.append(f'<{element} class="wm-focus-halo" aria-hidden="true" {geometry}/>')
            on_top.append(
                _linked(country, geometry, element, dot) if country
                else f'<{element} class="wm-land wm-focus" aria-hidden="true" {geometry}/>'
            )
        elif country is not None:
            linked.append(_linked(country, geometry, element, dot))
        elif element == "path":
            plain.append(f'<path class="wm-land" {geometry}/>')
    plain.extend(f'<path class="wm-land" d="{path}"/>' for path in data["other"])
    x, y, width, height = view_box or (0, 0, data["width"], data["height"])
    # Safe: the paths, points and frame are numbers, the names are escaped in `_linked`.
    return mark_safe(
        f'<svg class="wm-svg" viewBox="{x} {y} {width} {height}" role="group" aria-labelledby="world-map-title" '
        f'focusable="false">{HATCH}<g aria-hidden="true">{"".join(plain)}</g>{"".join(linked)}{"".join(on_top)}</svg>'
    )


# The stopped stage's stripes (its colours in the stylesheet), so it reads apart from the
# sequential stages without relying on hue.
HATCH = (
    '<defs><pattern id="wm-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect class="wm-hatch-ground" width="6" height="6"/><rect class="wm-hatch-line" width="2.5" height="6"/>'
    "</pattern></defs>"
)


# The radius of the dot drawn for a country too small to see (in the map's units, 1,000 wide).
DOT_RADIUS = 5


def small_shape_dot(code: str) -> str:
    """The dot's geometry for a country in a deal whose shape is narrower and shorter than a dot
    (Qatar, Bahrain, Kuwait, Lebanon: a few pixels on a phone, too small to see its colour or
    to tap), at the middle of its box; "" for a larger one."""
    left, top, right, bottom = boxes()[code]
    if right - left >= 2 * DOT_RADIUS or bottom - top >= 2 * DOT_RADIUS:
        return ""
    return f'cx="{(left + right) / 2:g}" cy="{(top + bottom) / 2:g}" r="{DOT_RADIUS}"'


def _linked(country: MapCountry, geometry: str, element: str, dot: str = "") -> str:
    classes = ["wm-country", f"wm-stage-{country.stage.key}" if country.stage else "wm-land"]
    if country.supplier:
        classes.append("wm-supplier")
    if country.disputed:
        classes.append("wm-disputed")
    return (
        f'<a href="{country.url}" class="wm-link" data-code="{country.code}" data-stage="{country.stage.key if country.stage else ""}">'
        f"<title>{escape(country.described)}</title>"
        f'<{element} class="{" ".join(classes)}" {geometry}/>'
        + (f'<circle class="{" ".join(classes)} wm-dot" {dot}/>' if dot else "")
        + "</a>"
    )
