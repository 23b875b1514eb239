"""Statements: /statements/ (filtered) and /statements/<pk>/ (one statement with its sources)."""
from django.views.generic import DetailView

from deals.models import Statement
from lists.views import FilteredListView


class StatementListView(FilteredListView):
    listing = "statements"
    template_name = "deals/statement_list.html"
    paginate_by = 50


class StatementDetailView(DetailView):
    template_name = "deals/statement_detail.html"

    def get_queryset(self):
        return Statement.objects.for_page()
