"""The countries list's FilterSet (/countries/, /api/countries/, /export/countries.*)."""
import django_filters
from django.db.models import Q

from lists.filters import FilterForm, WordFilter, text_filter

from .models import Country


class CountryFilterSet(django_filters.FilterSet):
    region = WordFilter(choices=Country._meta.get_field("region").choices)
    q = text_filter("Name or alias")

    class Meta:
        model = Country
        fields = ["region", "q"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value) | Q(aliases__name__icontains=value)).distinct()
