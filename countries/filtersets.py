"""The countries list's FilterSet (/countries/, /api/countries/, /export/countries.*)."""
import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef, Q

from deals.models import CountryDealCount, DealScope
from lists.filters import FilterForm, WordFilter, WordsFilter, contains_any, text_filter

from .models import Country, CountryAlias


class CountryFilterSet(django_filters.FilterSet):
    # A handful of words, offered as checkboxes with their counts; several may be ticked.
    region = WordsFilter(choices=Country._meta.get_field("region").choices, distinct=False)
    # The system scope, as on the deal list: `s-400` keeps the countries in deals of the S-400
    # and its variants (and the page counts those deals alone); `all` (and no value) every
    # country in any deal. Switched by two links on the page, carried hidden in the form.
    scope = WordFilter(
        label="Systems", choices=DealScope.choices, method="filter_scope", widget=forms.HiddenInput,
    )
    q = text_filter("Name or alias")

    # The filters whose choices are counted under the other filters (Datasette's facets).
    facets = {"region": lambda rows, others: rows.values_list("region").annotate(rows=Count("pk"))}

    class Meta:
        model = Country
        fields = ["region", "scope", "q"]
        form = FilterForm

    def filter_scope(self, queryset, name, value):
        if value != DealScope.S_400:
            return queryset
        return queryset.filter(Exists(CountryDealCount.objects.filter(country=OuterRef("pk"), s400=True)))

    def filter_text(self, queryset, name, value):
        # Its other names through EXISTS, not a join: each country stays one row, so the region
        # facet's GROUP BY counts it once however many of its names hold the term.
        aliased = CountryAlias.objects.filter(contains_any("name", value), country=OuterRef("pk"))
        return queryset.filter(contains_any("name", value) | Q(code__iexact=value) | Exists(aliased))
