"""People and organisations: /people/ (filtered), /people/<slug>/ and /organisations/<slug>/."""
from django.views.generic import DetailView

from deals.models import Organisation, Person, Statement
from lists.pages import BoundedListsMixin, bounded_page
from lists.views import FilteredListView


class PersonListView(FilteredListView):
    listing = "people"
    template_name = "deals/person_list.html"
    paginate_by = 50


class PersonDetailView(BoundedListsMixin, DetailView):
    template_name = "deals/person_detail.html"

    def get_queryset(self):
        return Person.objects.for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A spokesman may have thousands of statements: the page shows them a bounded page at a time.
        context["statements"] = bounded_page(Statement.objects.for_table().filter(speaker=self.object), self.request.GET)
        return context


class OrganisationDetailView(DetailView):
    template_name = "deals/organisation_detail.html"
    def get_queryset(self):
        return Organisation.objects.for_page()
