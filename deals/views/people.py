"""People and organisations: /people/ (filtered), /people/<slug>/ and /organisations/<slug>/."""
from django.views.generic import DetailView

from deals.models import Organisation, Person, Source, Statement
from lists.pages import BoundedListsMixin, FullList, bounded_page
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
        person = self.object
        context["statements"] = bounded_page(
            Statement.objects.for_table().filter(speaker=person), self.request.GET,
            full_list=FullList.of("deals:statement_list", f"the statement list for {person}", speaker=person.slug),
        )
        return context


class OrganisationDetailView(BoundedListsMixin, DetailView):
    template_name = "deals/organisation_detail.html"

    def get_queryset(self):
        return Organisation.objects.for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statements = Statement.objects.for_table()
        # An outlet may carry thousands of statements: each list has its own page parameter.
        context["statements_made"] = bounded_page(
            statements.filter(organisation=self.object), self.request.GET, "statements_page"
        )
        context["statements_carried"] = bounded_page(
            statements.filter(medium=self.object), self.request.GET, "carried_page"
        )
        # A busy outlet published thousands of sources: both lists come a page at a time too,
        # read without the articles' texts, and counted with the organisation (`for_page`).
        organisation, sources = self.object, Source.objects.for_links()
        context["sources_published"] = bounded_page(
            sources.filter(outlet=organisation), self.request.GET, "published_page",
            anchor="published-sources", total=lambda: organisation.published_count,
        )
        context["sources_relaying"] = bounded_page(
            sources.filter(agencies=organisation), self.request.GET, "relayed_page",
            anchor="relayed-sources", total=lambda: organisation.relayed_count,
        )
        return context
