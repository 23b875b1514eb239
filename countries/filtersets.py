"""The countries list's FilterSet (/countries/, /api/countries/, /export/countries.*)."""
import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from deals.models import CountryDealCount, DealScope
from lists.filters import FilterForm, WordFilter, contains_any, text_filter

from .models import Country


class CountryFilterSet(django_filters.FilterSet):
    region = WordFilter(choices=Country._meta.get_field("region").choices)
    # The system scope, as on the deal list: `s-400` keeps the countries in deals of the S-400
    # and its variants (and the page counts those deals alone); `all` (and no value) every
    # country in any deal. Switched by two links on the page, carried hidden in the form.
    scope = WordFilter(
        label="Systems", choices=DealScope.choices, method="filter_scope", widget=forms.HiddenInput,
    )
    q = text_filter("Name or alias")

    class Meta:
        model = Country
        fields = ["region", "scope", "q"]
        form = FilterForm

    def filter_scope(self, queryset, name, value):
        if value != DealScope.S_400:
            return queryset
        return queryset.filter(Exists(CountryDealCount.objects.filter(country=OuterRef("pk"), s400=True)))

    def filter_text(self, queryset, name, value):
        return queryset.filter(contains_any("name", value) | Q(code__iexact=value) | contains_any("aliases__name", value)).distinct()
