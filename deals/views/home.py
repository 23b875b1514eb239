"""The home page: what the knowledge base holds at a glance, and a way into each section.

Each section is bounded, whatever the size of the knowledge base: counts come from the read
model's count tables (`deals.read_model`) and the totals from `deals.totals`, and the lists
show their first rows with a link to the whole list."""
from django.views.generic import TemplateView

from countries.models import Country
from deals.models import Citation, CountryDealCount, Deal, DealStatus, Event, Source, Statement, TimelineSpanCount
from deals.timeline import latest_timeline_items
from deals.totals import table_totals

# The system the knowledge base is about; its deals get their own list on the home page.
S_400 = "s-400"
# How many rows each list shows before it leads to the whole list.
S400_SHOWN = 20
RECIPIENTS_SHOWN = 12
DISPUTED_SHOWN = 10


def first_rows(queryset, count):
    """The first `count` rows, and whether there are more."""
    rows = list(queryset[:count + 1])
    return rows[:count], len(rows) > count


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = CountryDealCount.objects.status_counts()
        for row in statuses:
            row.meaning = DealStatus(row.status).meaning
        # The countries with the most deals, listed by name.
        recipients, more_recipients = first_rows(
            Country.objects.in_deals("recipient").order_by("-row_count", "name"), RECIPIENTS_SHOWN
        )
        recipients.sort(key=lambda country: country.name)
        counts = CountryDealCount.objects.by_country("recipient", [country.code for country in recipients])
        for country in recipients:
            country.as_recipient = counts[country.code]
        s400_deals, more_s400 = first_rows(Deal.objects.of_system(S_400), S400_SHOWN)
        disputed_deals, more_disputed = first_rows(Deal.objects.disputed(), DISPUTED_SHOWN)
        statement_total, event_total, source_total, citation_total = table_totals(Statement, Event, Source, Citation)
        context.update(
            statuses=statuses,
            deal_total=sum(row.count for row in statuses),
            statement_total=statement_total,
            event_total=event_total,
            source_total=source_total,
            citation_total=citation_total,
            recipients=recipients,
            more_recipients=more_recipients,
            s400_deals=s400_deals,
            more_s400=more_s400,
            s400=S_400,
            disputed_deals=disputed_deals,
            more_disputed=more_disputed,
            latest_items=latest_timeline_items(),
            years=TimelineSpanCount.objects.year_counts(),
        )
        return context
