from django.views.generic import DetailView, ListView

from deals.models import Deal


class DealListView(ListView):
    model = Deal


class DealDetailView(DetailView):
    model = Deal
