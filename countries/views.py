"""Browsing by country: /countries/ (the countries in deals, with their deals counted by role
and status) and /countries/<ISO code>/ (a country's deals, statements and timeline)."""
import re

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView

from deals.lists import DEAL_TABLE
from deals.models import CountryDealCount, Deal, Statement
from deals.timeline import attach_milestones, country_timeline
from lists.views import FilteredListView

from .models import Country

ISO_CODE = re.compile(r"[A-Za-z]{2}")


class CountryListView(FilteredListView):
    listing = "countries"
    template_name = "countries/country_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        countries = list(context["object_list"])
        codes = [country.code for country in countries]
        as_supplier = CountryDealCount.objects.by_country("supplier", codes)
        as_recipient = CountryDealCount.objects.by_country("recipient", codes)
        for country in countries:
            country.as_supplier = as_supplier[country.code]
            country.as_recipient = as_recipient[country.code]
        context["countries"] = countries
        return context


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
        deals = attach_milestones(list(Deal.objects.for_table().involving(country)))
        context.update(
            deals_as_recipient=[deal for deal in deals if deal.recipient_id == country.code],
            deals_as_supplier=[deal for deal in deals if deal.supplier_id == country.code],
            columns=DEAL_TABLE,
            statements=list(Statement.objects.for_table().concerning([country])),
            timeline=country_timeline(country),
        )
        return context
