"""People and organisations: /people/ (filtered), /people/<slug>/ and /organisations/<slug>/."""
from django.views.generic import DetailView

from deals.models import Organisation, Person
from lists.views import FilteredListView


class PersonListView(FilteredListView):
    listing = "people"
    template_name = "deals/person_list.html"
    paginate_by = 50


class PersonDetailView(DetailView):
    template_name = "deals/person_detail.html"
    def get_queryset(self):
        return Person.objects.for_page()


class OrganisationDetailView(DetailView):
    template_name = "deals/organisation_detail.html"
    def get_queryset(self):
        return Organisation.objects.for_page()
