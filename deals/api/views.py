"""The read-only API of the deals app: one viewset per list, each filtered by the FilterSet
its HTML page uses (the shared machinery, `DatasetViewSet` and its 400s and 404s, is
`lists/api.py`), and the API's root."""
from django.http import JsonResponse
from django.urls import reverse
from rest_framework.routers import APIRootView

import deals.lists  # noqa: F401  (declares the lists the viewsets below serve)
from config.not_found import not_found_page
from deals.models import Deal, Source, WeaponSystem
from deals.models.querysets import attach_listed_citations, attach_nested_citations
from lists.api import DatasetViewSet, documented, register_api

from . import (
    schema,  # noqa: F401  (registers the FilterSets' schema extension)
    serializers,
)


class RootView(APIRootView):
    """/api/: every list, then the search, the schema, its docs and the full dataset download."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        for key, url_name in [
            ("search", "search:api"), ("schema", "api:schema"), ("docs", "api:docs"), ("dataset", "deals:export_dataset"),
        ]:
            response.data[key] = request.build_absolute_uri(reverse(url_name))
        return response


@documented(
    serializers.DealSerializer,
    f"Deals with their contracts, deliveries and citations; filters as on /deals/. Each deal of a page "
    f"nests its first {serializers.LISTED_CITATIONS} citations and says how many it has (`citation_count`); "
    "its record (`record`) gives them all.",
    record="The deal's slug, as in its page's address: ru-tr-s-400.",
    listed=serializers.DealListSerializer,
)
class DealViewSet(DatasetViewSet):
    """A page of deals nests a bounded number of each deal's citations (`DealListSerializer`),
    so its size does not grow with the evidence gathered; a deal's record nests them all, as
    the downloads do."""

    dataset = "deals"
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        if self.action == "list":
            return Deal.objects.for_api_list()
        return super().get_queryset()

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.action == "list":
            attach_nested_citations(page, serializers.LISTED_CITATIONS)
        return page

    def get_serializer_class(self):
        return serializers.DealListSerializer if self.action == "list" else serializers.DealSerializer

    def grouped_pages(self):
        """In the default order (by recipient's name), unfiltered, with a free-text term
        alone or as of a day, recipient by recipient as /deals/ pages them, from the same counts per
        recipient (kept per knowledge-base version): no COUNT, and no sort of every deal
        before a page (`DealFilterSet.recipient_groups`)."""
        groups = self.filterset.recipient_groups(self.filterset.qs)
        if groups is None:
            return None
        return {
            "groups": groups, "grouped_by": "recipient", "within": ["slug"], "narrowed": self.filterset.narrows_groups,
        }


@documented(
    serializers.StatementSerializer, "Statements; filters as on /statements/.",
    record="The statement's number, as in its page's address: 20 for /statements/20/.",
)
class StatementViewSet(DatasetViewSet):
    dataset = "statements"
    lookup_value_regex = "[0-9]+"


@documented(
    serializers.TimelineItemSerializer,
    "Every dated contract, delivery, statement and event, in date order; filters as on /timeline/.",
    record="The kind of record and its number: contract-3, delivery-4, statement-20, event-1.",
)
class TimelineViewSet(DatasetViewSet):
    dataset = "timeline"
    lookup_value_regex = "(contract|delivery|statement|event)-[0-9]+"


@documented(
    serializers.PersonSerializer, "People who made statements; filters as on /people/.",
    record="The person's slug, as in their page's address: dmitry-peskov.",
)
class PersonViewSet(DatasetViewSet):
    dataset = "people"
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


@documented(
    serializers.WeaponSystemSerializer,
    "Weapon systems with their aliases and cited specifications; filters as on /systems/.",
    record="The system's slug, as in its page's address: s-400.",
)
class WeaponSystemViewSet(DatasetViewSet):
    # (No docstring: the schema would describe the record's answer with it.) A page of systems
    # is written as their records are (`WeaponSystemListSerializer`), from the lists its
    # queryset reads their nested rows into.
    dataset = "systems"
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        if self.action == "list":
            return WeaponSystem.objects.for_api_list()
        return super().get_queryset()

    def get_serializer_class(self):
        return serializers.WeaponSystemListSerializer if self.action == "list" else serializers.WeaponSystemSerializer


@documented(
    serializers.SourceSerializer,
    "Sources (news articles) and the excerpts cited from them; filters as on /sources/. "
    f"Each source of a page nests its first {serializers.LISTED_CITATIONS} citations and says how many it has "
    "(`citation_count`), without the article's text; its record (`record`) gives the text and every citation.",
    record="The source's slug, as in its page's address: 004_780518f76a4dacf2.",
    listed=serializers.SourceListSerializer,
)
class SourceViewSet(DatasetViewSet):
    """A page of sources nests a bounded number of each source's citations
    (`SourceListSerializer`), as a page of deals does; a source's record nests them all, as
    the downloads do."""

    dataset = "sources"
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        if self.action == "list":
            return Source.objects.for_api_list()
        return super().get_queryset()

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.action == "list":
            attach_listed_citations(page, serializers.LISTED_CITATIONS)
        return page

    def get_serializer_class(self):
        return serializers.SourceListSerializer if self.action == "list" else serializers.SourceSerializer


@documented(
    serializers.FullCitationSerializer,
    "Citations: each excerpt, its source and the fact it supports; each is highlighted on its source's page.",
    record="The citation's number, as in the anchor of its excerpt on its source's page (#citation-12).",
)
class CitationViewSet(DatasetViewSet):
    dataset = "citations"
    lookup_value_regex = "[0-9]+"


register_api("deals", DealViewSet, "deal")
register_api("statements", StatementViewSet, "statement")
register_api("timeline", TimelineViewSet, "timeline")
register_api("people", PersonViewSet, "person")
register_api("systems", WeaponSystemViewSet, "system")
register_api("sources", SourceViewSet, "source")
register_api("citations", CitationViewSet, "citation")


def api_not_found(request, exception=None):
    """JSON 404 for addresses under /api/ that match no route; the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return not_found_page(request, exception)
