"""The world map of recipients (the home page, each country's page, /map/): each recipient
coloured by the most advanced stage its deals had reached on a day, suppliers outlined, each
country in a deal a link to its page, with a legend and the same facts as a table.

The stages, from the register's statuses (`deals.models.DealStatus`): offered or reported,
negotiating, signed, delivering, delivered, in that order; a country is at the most advanced
stage any of its deals had reached. Suspended, cancelled and denied deals stop (`stops_progress`):
they colour a country only when none of its deals is live ("stopped"), so India's signed deal
is not hidden by a cancelled one, and Iran's denied S-400 still shows on the map.

Where the facts come from: without a day, the deals' statuses as curated, from the count rows
the read model keeps per country, role and status (`deals.CountryDealCount`, a few rows); with
a day (`as_of`), the status periods covering it (`deals.DealStatusPeriod`), grouped by
recipient, supplier and status in one query, kept once per knowledge-base version, day and
scope (`lists.registry.once_per_version`). The shapes (countries/data/world_shapes.json,
built by tools/build_world_shapes.py from Natural Earth) are read once per process.
"""
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from django.db.models import Min
from django.urls import reverse
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

from deals.models import CountryDealCount, Deal, DealScope, DealStatus, DealStatusPeriod
from lists.registry import once_per_version

SHAPES_FILE = Path(__file__).resolve().parent / "data" / "world_shapes.json"


@dataclass(frozen=True)
class Stage:
    key: str  # the CSS class's suffix: wm-stage-<key>
    label: str
    meaning: str


STAGES = [
    Stage("reported", "Offered or reported", "Offered, or interest or talks reported; nothing confirmed."),
    Stage("negotiating", "Negotiating", "The parties said they were negotiating."),
    Stage("signed", "Signed", "A contract or agreement was concluded."),
    Stage("delivering", "Delivering", "Deliveries had begun."),
    Stage("delivered", "Delivered", "Everything contracted had been delivered."),
    Stage("stopped", "Suspended, cancelled or denied", "Every deal it had was suspended, cancelled or denied."),
]
STAGE_BY_KEY = {stage.key: stage for stage in STAGES}
# A status's stage, and the order in which a country's stages give way: a live stage, the
# further along the better, over any stopped one.
STAGE_OF_STATUS = {
    DealStatus.OFFERED: "reported", DealStatus.REPORTED: "reported", DealStatus.NEGOTIATING: "negotiating",
    DealStatus.SIGNED: "signed", DealStatus.DELIVERING: "delivering", DealStatus.DELIVERED: "delivered",
    DealStatus.SUSPENDED: "stopped", DealStatus.CANCELLED: "stopped", DealStatus.DENIED: "stopped",
}
STAGE_RANK = {"stopped": -1, "reported": 0, "negotiating": 1, "signed": 2, "delivering": 3, "delivered": 4}


def most_advanced(statuses) -> str | None:
    """The stage key of the most advanced of `statuses` (see the module's docstring)."""
    stages = {STAGE_OF_STATUS[status] for status in statuses}
    return max(stages, key=STAGE_RANK.__getitem__) if stages else None


@dataclass
class MapCountry:
    code: str
    name: str
    statuses: set = field(default_factory=set)  # its deals' statuses as recipient
    supplier: bool = False
    stage: Stage | None = None

    @property
    def url(self) -> str:
        return country_url(self.code)

    @property
    def role(self) -> str:
        roles = [word for word, held in (("recipient", self.stage), ("supplier", self.supplier)) if held]
        return " and ".join(roles)

    @property
    def described(self) -> str:
        """What its link says: "Turkey: recipient, delivered; supplier"."""
        parts = [f"recipient, {self.stage.label.lower()}"] if self.stage else []
        if self.supplier:
            parts.append("supplier")
        return f"{self.name}: {'; '.join(parts)}"


@cache
def country_url(code: str) -> str:
    return reverse("countries:country_detail", args=[code])


@cache
def shapes() -> dict:
    """The shipped shapes, read once per process."""
    return json.loads(SHAPES_FILE.read_text())


def deal_rows(day: date | None, scope: str) -> list[tuple[str, str, str, str]]:
    """(code, name, role, status) of every country in a deal of `scope`, per role and status its
    deals have: as curated without `day`, else as they stood on it. One query."""
    if day is None:
        rows = (
            CountryDealCount.objects.in_scope(scope).filter(deals__gt=0)
            .values_list("country_id", "country__name", "role", "status").distinct().order_by()
        )
        return list(rows)
    periods = DealStatusPeriod.objects.covering(day)
    if scope == DealScope.S_400:
        periods = periods.filter(deal__in=Deal.objects.in_scope(scope).values("pk"))
    grouped = periods.values_list(
        "deal__recipient_id", "deal__recipient__name", "deal__supplier_id", "deal__supplier__name", "status"
    ).distinct().order_by()
    rows = set()
    for recipient, recipient_name, supplier, supplier_name, status in grouped:
        rows.add((recipient, recipient_name, "recipient", status))
        rows.add((supplier, supplier_name, "supplier", status))
    return sorted(rows)


def countries_on_map(rows) -> dict[str, MapCountry]:
    """Each country of `rows` (as `deal_rows` gives them) with its stage and roles."""
    countries: dict[str, MapCountry] = {}
    for code, name, role, status in rows:
        country = countries.get(code)
        if country is None:
            country = countries[code] = MapCountry(code, name)
        if role == "recipient":
            country.statuses.add(status)
        else:
            country.supplier = True
    for country in countries.values():
        key = most_advanced(country.statuses)
        country.stage = STAGE_BY_KEY[key] if key else None
    return countries


def first_year(request) -> int:
    """The year of the earliest status any deal holds (where the date control starts)."""
    def compute():
        earliest = DealStatusPeriod.objects.aggregate(first=Min("since"))["first"]
        return earliest.year if earliest else date.today().year
    return once_per_version(request, "world-map:first-year", {}, compute)


@dataclass
class WorldMap:
    as_of: date | None
    scope: str
    focus: object  # the Country the page is about, or None
    countries: list[MapCountry]
    svg: str
    legend: list[dict]
    years: list[int]

    @property
    def table_rows(self) -> str:
        """The table's rows, one per country, written here rather than looped over in the
        template: at scale every deal's map names some 200 countries."""
        # Safe: format_html escapes the names; the rest are codes and fixed labels.
        return format_html_join(
            "\n", '<tr data-code="{}"><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td></tr>',
            (
                (country.code, country.url, country.name, country.role.capitalize(),
                 country.stage.label if country.stage else "—")
                for country in self.countries
            ),
        )


def world_map(request, *, day: date | None, scope: str, focus=None) -> WorldMap:
    """The map's facts and its SVG for a page: as of `day` (None: as curated), of `scope`'s
    deals, `focus` (a Country) emphasised."""
    if day is None:
        rows = deal_rows(None, scope)
    else:
        rows = once_per_version(request, "world-map", {"as_of": day, "scope": scope}, lambda: deal_rows(day, scope))
    countries = countries_on_map(rows)
    listed = sorted(countries.values(), key=lambda country: country.name)
    legend = [
        {"stage": stage, "count": sum(1 for country in listed if country.stage is stage)} for stage in STAGES
    ]
    start = min(first_year(request), (day or date.today()).year)
    years = list(range(start, date.today().year + 1))
    return WorldMap(day, scope, focus, listed, render_svg(countries, focus), legend, years)


def render_svg(countries: dict[str, MapCountry], focus=None) -> str:
    """The map as inline SVG: the land no deal concerns (hidden from assistive technology, as
    it says nothing), then each country in a deal as a link named by its stage and roles, the
    page's own country last so its outline is on top."""
    data = shapes()
    focus_code = getattr(focus, "code", None)
    plain, linked, on_top = [], [], []
    geometries = [(code, "path", f'd="{path}"') for code, path in data["shapes"].items()]
    geometries += [(code, "circle", f'cx="{x}" cy="{y}" r="5"') for code, (x, y) in data["points"].items()]
    for code, element, geometry in geometries:
        country = countries.get(code)
        if code == focus_code:
            # Its halo under it, over its neighbours: the page's country stands out whatever its stage.
            on_top.append(f'<{element} class="wm-focus-halo" aria-hidden="true" {geometry}/>')
            on_top.append(
                _linked(country, geometry, element) if country
                else f'<{element} class="wm-land wm-focus" aria-hidden="true" {geometry}/>'
            )
        elif country is not None:
            linked.append(_linked(country, geometry, element))
        elif element == "path":
            plain.append(f'<path class="wm-land" {geometry}/>')
    plain.extend(f'<path class="wm-land" d="{path}"/>' for path in data["other"])
    width, height = data["width"], data["height"]
    # Safe: the paths and points are numbers from the shipped file, the names are escaped in `_linked`.
    return mark_safe(
        f'<svg class="wm-svg" viewBox="0 0 {width} {height}" role="group" aria-labelledby="world-map-title" '
        f'focusable="false">{HATCH}<g aria-hidden="true">{"".join(plain)}</g>{"".join(linked)}{"".join(on_top)}</svg>'
    )


# The stopped stage's stripes (its colours in the stylesheet), so it reads apart from the
# sequential stages without relying on hue.
HATCH = (
    '<defs><pattern id="wm-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect class="wm-hatch-ground" width="6" height="6"/><rect class="wm-hatch-line" width="2.5" height="6"/>'
    "</pattern></defs>"
)


def _linked(country: MapCountry, geometry: str, element: str) -> str:
    classes = ["wm-country", f"wm-stage-{country.stage.key}" if country.stage else "wm-land"]
    if country.supplier:
        classes.append("wm-supplier")
    return (
        f'<a href="{country.url}" class="wm-link" data-code="{country.code}" data-stage="{country.stage.key if country.stage else ""}">'
        f"<title>{escape(country.described)}</title>"
        f'<{element} class="{" ".join(classes)}" {geometry}/></a>'
    )
