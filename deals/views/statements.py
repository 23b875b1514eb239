"""Statements: /statements/ (filtered) and /statements/<pk>/ (one statement with its sources)."""
from django.views.generic import DetailView

from deals.filtersets import StatementFilterSet
from deals.models import Statement
from deals.selectors import citations_prefetch, deals_prefetch, statement_rows

from .base import FilteredListView


class StatementListView(FilteredListView):
    filterset_class = StatementFilterSet
    template_name = "deals/statement_list.html"
    paginate_by = 50

    def get_queryset(self):
        return statement_rows()


class StatementDetailView(DetailView):
    template_name = "deals/statement_detail.html"

    def get_queryset(self):
        return Statement.objects.select_related("speaker", "organisation", "medium").prefetch_related(
            citations_prefetch(), deals_prefetch(), "countries"
        )
