"""The home page: what the knowledge base holds at a glance, and a way into each section."""
from collections import Counter

from django.db.models import Count, Prefetch
from django.db.models.functions import ExtractYear
from django.views.generic import TemplateView

from deals import selectors
from deals.filtersets import countries_in_deals
from deals.models import Citation, Deal, DealStatus, Event, Source, Statement, TimelineItem, TimelineLink

from .timeline import attach_facts

# The system the knowledge base is about; its deals get their own list on the home page.
S_400 = "s-400"
LATEST_ITEMS = 6


def latest_timeline_items(count=LATEST_ITEMS):
    """The newest dated items (latest start first), each with its fact, date and label."""
    links = TimelineLink.objects.select_related("deal__system", "country").order_by("pk")
    items = list(
        TimelineItem.objects.order_by("-date_earliest", "-date_latest", "-id").prefetch_related(
            Prefetch("links", queryset=links)
        )[:count]
    )
    attach_facts(items)
    return items


def timeline_years():
    """(year, number of items that may fall in it) for every year the timeline covers,
    counted as `year_from`/`year_to` on /timeline/ count: an item spanning years is in each."""
    spans = (
        TimelineItem.objects.annotate(first=ExtractYear("date_earliest"), last=ExtractYear("date_latest"))
        .values("first", "last")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_year = Counter()
    for span in spans:
        for year in range(span["first"], span["last"] + 1):
            per_year[year] += span["n"]
    return sorted(per_year.items())


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = selectors.status_counts()
        for row in statuses:
            row.meaning = DealStatus(row.status).meaning
        recipients = list(countries_in_deals("recipient"))
        counts = selectors.deal_counts("recipient", [country.code for country in recipients])
        for country in recipients:
            country.as_recipient = counts[country.code]
        context.update(
            statuses=statuses,
            deal_total=sum(row.count for row in statuses),
            statement_total=Statement.objects.count(),
            event_total=Event.objects.count(),
            source_total=Source.objects.count(),
            citation_total=Citation.objects.count(),
            recipients=recipients,
            s400_deals=Deal.objects.filter(system__slug=S_400).select_related("recipient", "system"),
            s400=S_400,
            disputed_deals=Deal.objects.filter(disputed=True).select_related("supplier", "recipient", "system"),
            latest_items=latest_timeline_items(),
            years=timeline_years(),
        )
        return context
