"""Browsing by country: /countries/ (the countries in deals, with their deals counted by role
and status), /countries/<ISO code>/ (a country's deals, statements and timeline) and /map/
(the world map of recipients, `countries.world_map`)."""
import re

from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import DetailView, TemplateView

from deals.lists import DEAL_TABLE
from deals.models import S400_SYSTEMS_SQL, CountryDealCount, Deal, DealScope, Statement, TimelineItem
from deals.scopes import ScopedPageMixin, requested_scope, scope_switch
from deals.timeline import attach_facts, attach_milestones
from lists.pages import BoundedListsMixin, FullList, PageNumberProblem, bounded_page, day_parameter
from lists.views import FilteredListView

from .models import Country
from .world_map import whole_world_parameter

ISO_CODE = re.compile(r"[A-Za-z]{2}")


class CountryListView(FilteredListView):
    listing = "countries"
    template_name = "countries/country_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        countries = list(context["object_list"])
        codes = [country.code for country in countries]
        scope = getattr(self.filterset.form, "cleaned_data", {}).get("scope") or DealScope.ALL
        as_supplier = CountryDealCount.objects.by_country("supplier", codes, scope)
        as_recipient = CountryDealCount.objects.by_country("recipient", codes, scope)
        for country in countries:
            country.as_supplier = as_supplier[country.code]
            country.as_recipient = as_recipient[country.code]
        # The switch keeps the other filters, not an `as_of` the list refuses (its links would
        # be refused too).
        query = self.request.GET.copy()
        query.pop("as_of", None)
        context.update(countries=countries, s400_only=scope == DealScope.S_400, scope_links=scope_switch(query, scope))
        return context


# A supplier's deals (of the S-400 family alone where `{scoped}` says so) from `start` to `stop`
# in the lists' order (recipient's name, then slug):
# the recipients by name, each one's deals by slug along `deal_supplier_recipient_slug`, at
# most `stop` of each, their slugs read from the index alone. Joined and sorted by name as
# Django writes it, the database read every deal of the first recipients in name order to
# sort them by slug (4,966 for Russia's page 1 at scale 10, 77 ms); so page N reads at most
# N pages' worth of index entries (page 1: 0.1 ms, page 50: 1.3 ms), whatever it supplies.
SUPPLIED_PAGE = """
    SELECT supplied.slug FROM countries_country recipient
    CROSS JOIN LATERAL (
        SELECT deal.slug FROM deals_deal deal
        WHERE deal.supplier_id = %s AND deal.recipient_id = recipient.code{scoped}{on_day}
        ORDER BY deal.slug LIMIT %s
    ) supplied
    ORDER BY recipient.name, supplied.slug LIMIT %s OFFSET %s
"""
# With `as_of`: only the deals with a status on the day (a status period covering it).
STATUS_ON_DAY = """
          AND EXISTS (
              SELECT 1 FROM deals_dealstatusperiod period WHERE period.deal_id = deal.id
                 AND period.since <= %s AND (period.until IS NULL OR period.until > %s)
          )"""


def supplied_deals(country, scope=DealScope.ALL, day=None):
    """The deals `country` supplies (in a system scope), in the lists' order, as
    `bounded_page` reads them (with `day`, those with a status on it, each at that status):
    on PostgreSQL a page's keys come from `SUPPLIED_PAGE` (no other database has LATERAL;
    the curated data and the tests' are small), then the page's rows in one query."""
    deals = Deal.objects.for_table().filter(supplier=country).in_scope(scope)
    if day:
        deals = deals.as_of(day)
    if connection.vendor != "postgresql":
        return deals
    scoped = f" AND deal.system_id IN ({S400_SYSTEMS_SQL})" if scope == DealScope.S_400 else ""

    def rows(start, stop):
        on_day, days = (STATUS_ON_DAY, [day, day]) if day else ("", [])
        page = RawSQL(
            SUPPLIED_PAGE.format(scoped=scoped, on_day=on_day), [country.code, *days, stop, stop - start, start]
        )
        return deals.filter(slug__in=page)

    return rows


class CountryDetailView(ScopedPageMixin, BoundedListsMixin, DetailView):
    template_name = "countries/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object  # read once, to check its address
        code = self.kwargs["code"]
        if not ISO_CODE.fullmatch(code):
            raise Http404("not an ISO 3166-1 alpha-2 country code")
        return get_object_or_404(Country, code=code.upper())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs["code"] != self.object.code:
            return redirect(self.object, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        country = self.object
        query = self.request.GET
        # The busiest countries take part in thousands of deals and are concerned by tens of
        # thousands of statements and dated items: each list comes a bounded page at a time,
        # with its own page parameter, and is counted on its own index.
        # The deals in the lists' order (recipient's name, then slug), along the deals' indexes
        # of country and slug: as recipient the name is one, so the slug alone orders them. The
        # totals are the deal counts the read model keeps per country and role.
        # Its deals in the system scope asked for (`scope`, every deal by default), counted
        # with how many are the S-400's and how many in all, so the page says both. With
        # `as_of`, each table lists the deals with a status on that day, at that status (the
        # totals stay those of all the country's deals in the scope, as the read model counts them).
        scope = requested_scope(query, default=DealScope.ALL)
        counts = {role: CountryDealCount.objects.by_country(role, [country.code], scope)[country.code]
                  for role in ("recipient", "supplier")}
        day = day_parameter(query)
        whole_world = whole_world_parameter(query)
        received = Deal.objects.for_table().filter(recipient=country).in_scope(scope)
        as_recipient = bounded_page(
            (received.as_of(day) if day else received).order_by("slug"),
            query, "recipient_page", anchor="as-recipient",
            full_list=FullList.of(
                "deals:deal_list", f"the deal list for {country.name} as recipient", recipient=country.code, scope=scope
            ),
            total=lambda: counts["recipient"].total,
        )
        as_supplier = bounded_page(
            supplied_deals(country, scope, day), query, "supplier_page",
            anchor="as-supplier", total=lambda: counts["supplier"].total,
            full_list=FullList.of(
                "deals:deal_list", f"the deal list for {country.name} as supplier", supplier=country.code, scope=scope
            ),
        )
        attach_milestones([*as_recipient.rows, *as_supplier.rows])
        statements = bounded_page(
            Statement.objects.for_table().of_country(country), query, "statements_page",
            anchor="country-statements", total=lambda: Statement.objects.count_for_country(country),
            full_list=FullList.of("deals:statement_list", f"the statement list for {country.name}", country=country.code),
        )
        timeline = bounded_page(
            TimelineItem.objects.for_country(country).with_links("deal__system", "country"), query, "timeline_page",
            anchor="country-timeline", total=lambda: TimelineItem.objects.count_for_country(country),
            full_list=FullList.of("deals:timeline", f"the timeline of {country.name}", country=country.code),
        )
        attach_facts(timeline.rows)
        context.update(
            scope=scope,
            s400_only=scope == DealScope.S_400,
            scope_links=scope_switch(query, scope),
            recipient_counts=counts["recipient"],
            supplier_counts=counts["supplier"],
            deals_as_recipient=as_recipient,
            deals_as_supplier=as_supplier,
            as_of=day,
            map_whole_world=whole_world,
            columns=DEAL_TABLE,
            statements=statements,
            timeline=timeline,
        )
        return context


class WorldMapView(ScopedPageMixin, TemplateView):
    """/map/: the world map of recipients on its own (`countries.world_map`), as of `as_of`,
    in `scope` (the S-400's deals by default, as the home page), `country` outlined. The
    map's date control fetches it to redraw the map for another day."""

    template_name = "countries/world_map.html"

    def get(self, request, *args, **kwargs):
        try:
            self.as_of = day_parameter(request.GET)
            self.focus = self.focus_country(request.GET)
            self.whole_world = whole_world_parameter(request.GET)
        except PageNumberProblem as problem:
            return render(request, "400.html", {"problems": problem.problems}, status=400)
        return super().get(request, *args, **kwargs)

    @staticmethod
    def focus_country(query):
        values = [value for value in query.getlist("country") if value != ""]
        if not values:
            return None
        if len(values) > 1 or not ISO_CODE.fullmatch(values[0]):
            raise PageNumberProblem({"country": ["Give one country by its ISO 3166-1 alpha-2 code, e.g. TR."]})
        country = Country.objects.filter(code=values[0].upper()).first()
        if country is None:
            raise PageNumberProblem({"country": [f"No country has the code {values[0].upper()}."]})
        return country

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = requested_scope(self.request.GET, default=DealScope.S_400)
        context.update(as_of=self.as_of, scope=scope, focus=self.focus, map_page=True, map_whole_world=self.whole_world,
                       scope_links=scope_switch(self.request.GET, scope))
        return context
