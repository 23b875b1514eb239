"""The charts' numbers as CSV (/charts/<name>.csv): the same computation the pages draw and
tabulate (`deals.charts`), so a chart, its data table and its file give the same numbers.

- `/charts/activity.csv`: contracts signed and actual deliveries per year;
- `/charts/statements.csv`: statements per year by stance;
- `/charts/lanes.csv`: each deal's status periods (a country's deals, or named deals).

`country` (ISO code), `system` (slug) and `scope` (`s-400`, `all`) choose what is counted;
the lanes take `country` or `deal` (slugs, up to `LANES_SHOWN`). `as_of` (a day, YYYY-MM-DD)
gives each as known on that day, as the pages that take it draw them (`deals.charts`): the
facts dated on or before it, the lanes ending with it. A parameter that cannot be used is a
400 naming it, as the lists' downloads answer.
"""
import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from deals.charts import (
    LANES_SHOWN,
    ChartProblem,
    activity_by_year,
    chart_choice,
    country_lane_deals,
    deal_lanes,
    lane_rows,
    statements_by_year,
)
from deals.models import Deal
from deals.views.exports import _Echo, neutralise


def lane_deals(request, choice):
    """The deals `lanes.csv` draws: the country's (as its page draws them) or those named."""
    slugs = [slug.strip().lower() for slug in request.GET.getlist("deal") if slug.strip()]
    if slugs and choice.country:
        raise ChartProblem({"deal": ["Give either country or deal, not both."]})
    if slugs:
        if len(slugs) > LANES_SHOWN:
            raise ChartProblem({"deal": [f"Give at most {LANES_SHOWN} deals."]})
        deals = list(Deal.objects.filter(slug__in=slugs).only("slug", "supplier_id", "recipient_id", "subject"))
        unknown = sorted(set(slugs) - {deal.slug for deal in deals})
        if unknown:
            raise ChartProblem({"deal": [f"No deal is known as {', '.join(unknown)}."]})
        return deals, False
    if choice.country is None:
        raise ChartProblem({"country": ["The lanes are drawn per country: give country (an ISO code) or deal."]})
    return country_lane_deals(choice.country, choice.scope, choice.as_of)


@require_GET
def chart_csv(request, name):
    if name not in ("activity", "statements", "lanes"):
        raise Http404(f"There is no chart called “{name}”.")
    try:
        choice = chart_choice(request.GET)
        if name == "lanes":
            deals, more = lane_deals(request, choice)
            header, rows = lane_rows(deal_lanes(deals, more=more, as_of=choice.as_of))
        else:
            counts = (activity_by_year if name == "activity" else statements_by_year)(request, choice)
            header, rows = counts.header, counts.rows
    except ChartProblem as problem:
        return JsonResponse(problem.problems, status=400)
    writer = csv.writer(_Echo())
    lines = [writer.writerow(header), *(writer.writerow([neutralise(value) for value in row]) for row in rows)]
    response = HttpResponse("\ufeff" + "".join(lines), content_type="text/csv; charset=utf-8")
    suffix = f"-{choice.query.replace('&', '-').replace('=', '-')}" if choice.query else ""
    response["Content-Disposition"] = f'attachment; filename="s400kb-chart-{name}{suffix}.csv"'
    return response
