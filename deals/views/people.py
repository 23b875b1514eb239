"""People and organisations: /people/ (filtered), /people/<slug>/ and /organisations/<slug>/."""
from django.db.models import Count, Prefetch
from django.views.generic import DetailView

from deals.filtersets import PersonFilterSet
from deals.models import Organisation, Person, Source
from deals.selectors import statement_rows

from .base import FilteredListView


class PersonListView(FilteredListView):
    filterset_class = PersonFilterSet
    template_name = "deals/person_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Person.objects.select_related("country")
            .annotate(statement_count=Count("statements", distinct=True))
            .order_by("name", "slug")
        )


class PersonDetailView(DetailView):
    template_name = "deals/person_detail.html"

    def get_queryset(self):
        return Person.objects.select_related("country").prefetch_related(
            Prefetch("statements", queryset=statement_rows())
        )


class OrganisationDetailView(DetailView):
    template_name = "deals/organisation_detail.html"

    def get_queryset(self):
        sources = Source.objects.select_related("outlet")
        return Organisation.objects.select_related("country").prefetch_related(
            Prefetch("statements", queryset=statement_rows()),
            Prefetch("statements_carried", queryset=statement_rows()),
            Prefetch("published_sources", queryset=sources),
            Prefetch("relayed_in_sources", queryset=sources),
        )
