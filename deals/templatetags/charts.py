"""The charts over time on the home, country, system and timeline pages
(`templates/includes/charts/`): each tag reads what its chart draws through `deals.charts`,
so the pages' views need not know about the charts, and each page adds one include."""
from django import template
from django.db.models import QuerySet
from django.urls import reverse

from deals.charts import (
    ACTIVITY_NOUNS,
    COMPACT_PLOT_HEIGHT,
    LANES_SHOWN,
    PLOT_HEIGHT,
    STANCE_NOUNS,
    ChartChoice,
    activity_by_year,
    bar_chart,
    country_lane_deals,
    deal_lanes,
    statements_by_year,
)
from deals.models import DealScope, DealStatus
from lists.filters import chosen_values

register = template.Library()


def csv_address(name, query):
    return reverse("deals:chart_csv", args=[name]) + (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def charts_over_time(context, country=None, system=None, scope=DealScope.ALL, filterset=None, as_of=None, compact=False):
    """{"choice", "activity", "statements", "narrowed"}: the per-year bar charts of the deals
    chosen (each a BarChart, or None with nothing dated to draw, and its counts and CSV
    address), as known on the day `as_of` if given (its CSV addresses carry it too). With the
    timeline's `filterset`, of its one country and one system where it chooses them
    (`narrowed`: other choices, which the charts do not follow). `compact`: shorter bars, for
    charts at the top of a page."""
    request = context["request"]
    narrowed = []
    if filterset:
        country, system, narrowed = timeline_choice(filterset)
    choice = ChartChoice(country=country or None, system=system or None, scope=scope or DealScope.ALL, as_of=as_of or None)
    activity = activity_by_year(request, choice)
    statements = statements_by_year(request, choice)
    height = COMPACT_PLOT_HEIGHT if compact else PLOT_HEIGHT
    return {
        "choice": choice,
        "narrowed": narrowed,
        "activity": {
            "name": "activity", "counts": activity, "chart": bar_chart(activity, stacked=False, noun=ACTIVITY_NOUNS, plot_height=height),
            "left_out": activity.left_out(ACTIVITY_NOUNS),
            "csv": csv_address("activity", choice.query),
        },
        "statements": {
            "name": "statements", "counts": statements,
            # Statements about the system's deals, or the country's: not scoped (see ChartChoice).
            "chart": bar_chart(statements, stacked=True, noun=STANCE_NOUNS, plot_height=height),
            "left_out": statements.left_out(STANCE_NOUNS),
            "csv": csv_address(
                "statements", ChartChoice(country=choice.country, system=choice.system, as_of=choice.as_of).query
            ),
        },
    }


def as_list(value):
    """A filter's value as a list: none, a record, or several."""
    if not value:
        return []
    return list(value) if isinstance(value, (list, tuple, QuerySet)) else [value]


def timeline_choice(filterset):
    """(country, system, the other filters chosen) of the timeline's filters: the charts
    count one country's or one system's deals, as the CSV does; the kinds, years, several
    countries or deals chosen are not theirs to follow (the counts are per kind and year)."""
    # The filters given a value (an empty choice of countries is an empty QuerySet: none).
    chosen = chosen_values(filterset.form) or {}
    countries, systems = as_list(chosen.get("country")), as_list(chosen.get("system"))
    country = countries[0] if len(countries) == 1 else None
    system = systems[0] if len(systems) == 1 else None
    others = [
        filterset.form.fields[name].label or name for name in chosen
        if not (name == "country" and country) and not (name == "system" and system) and name in filterset.form.fields
    ]
    return country, system, others


@register.simple_tag
def country_lanes(country, scope=DealScope.ALL, as_of=None):
    """{"chart", "csv"}: the lanes of a country's deals (`country_lane_deals`), as known on
    the day `as_of` if given."""
    scope = scope or DealScope.ALL
    deals, more = country_lane_deals(country, scope, as_of or None)
    choice = ChartChoice(country=country, scope=scope, as_of=as_of or None)
    return {"chart": deal_lanes(deals, more=more, as_of=as_of or None), "csv": csv_address("lanes", choice.query)}


@register.simple_tag
def page_lanes(items):
    """{"chart", "csv"}: the lanes of the deals the timeline's page of items concerns (each
    item's deals, as `attach_facts` gave them), the first LANES_SHOWN by label."""
    deals = {}
    for item in items:
        for deal in item.deals:
            deals.setdefault(deal.pk, deal)
    chosen = sorted(deals.values(), key=lambda deal: deal.label)
    shown = chosen[:LANES_SHOWN]
    query = "&".join(f"deal={deal.slug}" for deal in shown)
    return {"chart": deal_lanes(shown, more=len(chosen) > len(shown)), "csv": csv_address("lanes", query)}


@register.simple_tag
def lane_statuses():
    """The statuses a lane colours, in the vocabulary's order, for the legend."""
    return DealStatus.choices
