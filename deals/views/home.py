"""The home page: what the knowledge base holds at a glance, and a way into each section."""
from django.views.generic import TemplateView

from countries.models import Country
from deals.models import Citation, Deal, DealStatus, Event, Source, Statement, TimelineItem
from deals.timeline import latest_timeline_items

# The system the knowledge base is about; its deals get their own list on the home page.
S_400 = "s-400"


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = Deal.objects.status_counts()
        for row in statuses:
            row.meaning = DealStatus(row.status).meaning
        recipients = list(Country.objects.in_deals("recipient"))
        counts = Deal.objects.counts_by_country("recipient", [country.code for country in recipients])
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
            s400_deals=Deal.objects.of_system(S_400),
            s400=S_400,
            disputed_deals=Deal.objects.disputed(),
            latest_items=latest_timeline_items(),
            years=TimelineItem.objects.year_counts(),
        )
        return context
