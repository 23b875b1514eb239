from django.views.generic import DetailView, ListView

from deals.models import Person


class PersonListView(ListView):
    model = Person


class PersonDetailView(DetailView):
    model = Person


class OrganisationDetailView(DetailView):
    from deals.models import Organisation as model
