"""The home page: what the knowledge base holds at a glance, and a way into each section.

Each section is bounded, whatever the size of the knowledge base: counts come from the read
model's count tables (`deals.read_model`) and the totals from `deals.totals`, and the lists
show their first rows with a link to the whole list.

It answers "who is getting the S-400": its deals by status and its recipients count the deals
of the S-400 and its variants alone, saying how many related deals (other systems' that the
sources mention, or none named) there are besides; `scope=all` counts those too."""
from django.shortcuts import render
from django.views.generic import TemplateView

from countries.models import Country
from countries.world_map import whole_world_parameter
from deals.models import (
    S_400,
    Citation,
    CountryDealCount,
    Deal,
    DealScope,
    DealStatus,
    DealStatusPeriod,
    Event,
    Source,
    Statement,
    TimelineSpanCount,
)
from deals.scopes import ScopedPageMixin, requested_scope, scope_switch
from deals.timeline import latest_timeline_items
from deals.totals import table_totals
from lists.pages import PageNumberProblem, day_parameter
from lists.registry import once_per_version

# How many rows each list shows before it leads to the whole list.
S400_SHOWN = 20
RECIPIENTS_SHOWN = 12
DISPUTED_SHOWN = 10


def first_rows(queryset, count):
    """The first `count` rows, and whether there are more."""
    rows = list(queryset[:count + 1])
    return rows[:count], len(rows) > count


def first_disputed(count):
    """The first `count` disputed deals in the lists' order, and whether there are more: their
    keys read first along the disputed deals' index (`deal_disputed_recipient_slug`), then
    those rows with their parties, system and evidence. Read in one query, the joins ran for
    every disputed deal of the first recipients before the limit (18 ms at scale 10, 5 ms so)."""
    keys = list(
        Deal.objects.filter(disputed=True).order_by("recipient__name", "slug").values_list("pk", flat=True)[:count + 1]
    )
    rows = Deal.objects.disputed().order_by().in_bulk(keys)
    return [rows[key] for key in keys[:count]], len(keys) > count


class HomeView(ScopedPageMixin, TemplateView):
    template_name = "home.html"

    def get(self, request, *args, **kwargs):
        try:
            self.as_of = day_parameter(request.GET)
            self.whole_world = whole_world_parameter(request.GET)
        except PageNumberProblem as problem:
            return render(request, "400.html", {"problems": problem.problems}, status=400)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = requested_scope(self.request.GET, default=DealScope.S_400)
        statuses, s400_total, related_total = CountryDealCount.objects.scoped_status_counts(scope)
        # With `as_of`, the statuses and the S-400 deals as they stood on that day, from the
        # deals' status periods (a deal with no evidence by then is in neither); the totals
        # stay those of every deal held.
        day = self.as_of
        if day:
            statuses = DealStatusPeriod.objects.status_counts(day, scope)
        for row in statuses:
            row.meaning = DealStatus(row.status).meaning
        # The countries with the most deals (in the scope), listed by name.
        recipients, more_recipients = first_rows(
            Country.objects.in_deals("recipient", s400_only=scope == DealScope.S_400).order_by("-row_count", "name"),
            RECIPIENTS_SHOWN,
        )
        recipients.sort(key=lambda country: country.name)
        counts = CountryDealCount.objects.by_country("recipient", [country.code for country in recipients], scope)
        for country in recipients:
            country.as_recipient = counts[country.code]
        s400 = Deal.objects.in_scope(DealScope.S_400).select_related("recipient", "system").with_evidence()
        # With `as_of`, the disputed deals as they stood on that day too: a denial of 2019 is no
        # answer to "as of 2018", and a deal with no evidence by then is not listed.
        disputed = Deal.objects.disputed()
        if day:
            # Each list on the day kept once per version and day: the recipients' order walks
            # their deals, each joined to its period on the day, to find the first (56 ms for
            # the disputed ones at scale 10).
            chosen = {"as_of": day}
            s400_deals, more_s400 = once_per_version(
                self.request, "home:s400", chosen, lambda: first_rows(s400.as_of(day), S400_SHOWN)
            )
            disputed_deals, more_disputed = once_per_version(
                self.request, "home:disputed", chosen, lambda: first_rows(disputed.as_of(day), DISPUTED_SHOWN)
            )
        else:
            s400_deals, more_s400 = first_rows(s400, S400_SHOWN)
            disputed_deals, more_disputed = first_disputed(DISPUTED_SHOWN)
        statement_total, event_total, source_total, citation_total = table_totals(Statement, Event, Source, Citation)
        context.update(
            statuses=statuses,
            scope=scope,
            scope_links=scope_switch(self.request.GET, scope),
            s400_only=scope == DealScope.S_400,
            s400_total=s400_total,
            related_total=related_total,
            deal_total=s400_total + related_total,
            statement_total=statement_total,
            event_total=event_total,
            source_total=source_total,
            citation_total=citation_total,
            recipients=recipients,
            more_recipients=more_recipients,
            s400_deals=s400_deals,
            more_s400=more_s400,
            s400=S_400,
            as_of=day,
            map_whole_world=self.whole_world,
            disputed_deals=disputed_deals,
            more_disputed=more_disputed,
            latest_items=latest_timeline_items(),
            years=TimelineSpanCount.objects.year_counts(),
        )
        return context
