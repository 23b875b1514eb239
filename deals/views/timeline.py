"""The timeline page (/timeline/): every dated contract, delivery, statement and event in
date order, grouped by year, with the page's deals drawn as lanes of their stages and the
counts per year (`deals.charts`, from the template's includes); and an event's
page. What the page computes from its rows is in `deals/timeline.py`."""
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.views.generic import DetailView

from deals.models import Event, TimelineItem, TimelineSpanCount
from deals.timeline import attach_facts, heading_year, page_links, year_groups
from lists.views import FilteredListView


class TimelineView(FilteredListView):
    listing = "timeline"
    template_name = "deals/timeline.html"
    # Large enough that the curated timeline fits on one page; the year headings and the
    # deals' lanes are computed per page, so their cost is bounded too.
    paginate_by = 100

    def get_paginator(self, queryset, per_page, **kwargs):
        """Pages whose total, when only kinds and years are chosen, is summed from the items
        counted per kind and span of years (`TimelineSpanCount`) instead of counted over
        the timeline, and one country's alone from its stored count; other choices of
        countries, systems or deals count their own items."""
        chosen = self.filterset.form.cleaned_data
        countries = chosen.get("country") or ()
        if len(countries) == 1 and not any(
            chosen.get(name) for name in ("system", "deal", "kind", "year_from", "year_to")
        ):
            # One country alone: its items as counted per country (`TimelineCountryCount`).
            count = TimelineItem.objects.count_for_country(countries[0])
            return CountedPaginator(queryset, per_page, count=count, **kwargs)
        if any(chosen.get(name) for name in ("country", "system", "deal")):
            return super().get_paginator(queryset, per_page, **kwargs)
        count = TimelineSpanCount.objects.total(
            kinds=chosen.get("kind") or (), year_from=chosen.get("year_from"), year_to=chosen.get("year_to")
        )
        return CountedPaginator(queryset, per_page, count=count, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(context["object_list"])
        attach_facts(items, links=page_links(items))
        context["items"] = items
        first_year = getattr(self.filterset.form, "cleaned_data", {}).get("year_from")
        context["years"] = year_groups(
            items, first_year=first_year, continued_year=self.previous_page_year(context["page_obj"], first_year)
        )
        return context

    def previous_page_year(self, page, first_year):
        """The heading year of the last item on the previous page, so a year split across
        pages says so: on a cursor's page, from the keys of the row before it (the timeline's
        first key is the earliest day), which the page knows without a query."""
        if page is None or not page.has_previous():
            return None
        if page.number is None:
            return heading_year(page.before_first[0], first_year) if page.before_first else None
        before_first = page.start_index() - 2
        earliest = self.object_list.prefetch_related(None).values_list("date_earliest", flat=True)
        return heading_year(earliest[before_first], first_year)


class CountedPaginator(Paginator):
    """A paginator told its total, which it would otherwise count."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


class EventDetailView(DetailView):
    template_name = "deals/event_detail.html"
    def get_queryset(self):
        return Event.objects.for_page()
