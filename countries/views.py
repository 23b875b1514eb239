"""Browsing by country: /countries/ (the countries in deals, with their deals counted by role
and status) and /countries/<ISO code>/ (a country's deals, statements and timeline)."""
import re

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView

from deals import selectors
from deals.filtersets import CountryFilterSet, concerning_countries, countries_in_any_deal
from deals.models import TimelineItem, TimelineLink
from deals.views.base import FilteredListView
from deals.views.deals import DEAL_COLUMNS, attach_milestones
from deals.views.timeline import attach_facts

from .models import Country

ISO_CODE = re.compile(r"[A-Za-z]{2}")


class CountryListView(FilteredListView):
    filterset_class = CountryFilterSet
    template_name = "countries/country_list.html"

    def get_queryset(self):
        return countries_in_any_deal()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        countries = list(context["object_list"])
        codes = [country.code for country in countries]
        as_supplier = selectors.deal_counts("supplier", codes)
        as_recipient = selectors.deal_counts("recipient", codes)
        for country in countries:
            country.as_supplier = as_supplier[country.code]
            country.as_recipient = as_recipient[country.code]
        context["countries"] = countries
        return context


def country_timeline(country):
    """Timeline items linked to the country (what `country=` means on /timeline/), in date order."""
    links = TimelineLink.objects.select_related("deal__system", "country").order_by("pk")
    items = list(
        TimelineItem.objects.filter(Exists(TimelineLink.objects.filter(item=OuterRef("pk"), country=country)))
        .prefetch_related(Prefetch("links", queryset=links))
    )
    attach_facts(items)
    return items


class CountryDetailView(DetailView):
    template_name = "countries/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        code = self.kwargs["code"]
        if not ISO_CODE.fullmatch(code):
            raise Http404("not an ISO 3166-1 alpha-2 country code")
        return get_object_or_404(Country, code=code.upper())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs["code"] != self.object.code:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        country = self.object
        deals = attach_milestones(
            list(selectors.deal_rows().filter(Q(supplier=country) | Q(recipient=country)))
        )
        context.update(
            deals_as_recipient=[deal for deal in deals if deal.recipient_id == country.code],
            deals_as_supplier=[deal for deal in deals if deal.supplier_id == country.code],
            columns=DEAL_COLUMNS,
            statements=list(selectors.statement_rows().filter(concerning_countries([country])).distinct()),
            timeline=country_timeline(country),
        )
        return context
