from django.views.generic import DetailView, ListView

from deals.models import Statement


class StatementListView(ListView):
    model = Statement


class StatementDetailView(DetailView):
    model = Statement
