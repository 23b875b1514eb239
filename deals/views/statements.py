"""Statements: /statements/ (filtered) and /statements/<pk>/ (one statement with its sources)."""
from django.views.generic import DetailView

from deals.models import Statement
from lists.views import FilteredListView


class StatementListView(FilteredListView):
    listing = "statements"
    template_name = "deals/statement_list.html"
    paginate_by = 50

    def get_paginator(self, queryset, per_page, **kwargs):
        """Filtered by country alone, the statements are counted on an index, not by reading
        every statement to match them: one country's from the statements counted per
        country (`StatementCountryCount`), several countries' from the ids of their links."""
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        chosen = self.filterset.form.cleaned_data
        countries = chosen.get("country")
        if countries and not any(value for name, value in chosen.items() if name != "country"):
            if len(countries) == 1:
                paginator.count = Statement.objects.count_for_country(countries[0])
            else:
                paginator.count = Statement.objects.ids_concerning(countries).count()
        return paginator


class StatementDetailView(DetailView):
    template_name = "deals/statement_detail.html"

    def get_queryset(self):
        return Statement.objects.for_page()
