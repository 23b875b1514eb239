"""The read-only API: one viewset per list, each filtered by the FilterSet its HTML page uses.

Bad input is answered with status 400 and a JSON object naming each parameter that could
not be used; a page past the end, or an unknown record, with 404 and `{"detail": ...}`.
"""
from django.http import JsonResponse
from django.urls import reverse
from django.views.defaults import page_not_found
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.pagination import PageNumberPagination
from rest_framework.routers import APIRootView
from rest_framework.viewsets import ReadOnlyModelViewSet

import deals.lists  # noqa: F401  (declares the lists the viewsets below serve)
from lists.parameters import MAX_PAGE, PAGE_PARAMETER
from lists.registry import LISTS

from . import (
    schema,  # noqa: F401  (registers the FilterSets' schema extension)
    serializers,
)
from .filters import FilterBackend

# The API's lists by name, in the order the root lists them; apps add theirs (`register_api`).
VIEWSETS = {}


def register_api(name, viewset, basename):
    VIEWSETS[name] = (viewset, basename)
    return viewset


class RootView(APIRootView):
    """/api/: every list, then the search, the schema, its docs and the full dataset download."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        for key, url_name in [
            ("search", "search:api"), ("schema", "api:schema"), ("docs", "api:docs"), ("dataset", "deals:export_dataset"),
        ]:
            response.data[key] = request.build_absolute_uri(reverse(url_name))
        return response


class Pagination(PageNumberPagination):
    """25 rows a page; a page past the last is a 404. A malformed page number is a 400 naming
    `page`, checked before this paginates (with a list's filters, by `FilterBackend`)."""

    page_size = 25
    last_page_strings = ()  # `page=last` is not a page number; the schema says integer

    def get_schema_operation_parameters(self, view):
        return [PAGE_SCHEMA]


PAGE_SCHEMA = {
    "name": PAGE_PARAMETER,
    "in": "query",
    "required": False,
    "description": (
        f"Which page of {Pagination.page_size} rows, from 1; empty means the first. A page past "
        "the last is a 404; anything but a whole number from 1 up is a 400."
    ),
    "schema": {"type": "integer", "format": "int32", "minimum": 1, "maximum": MAX_PAGE},
}


FILTER_ERRORS = OpenApiResponse(
    response={
        "type": "object",
        "description": "Each parameter that could not be used, with what is wrong with its value.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "example": {"recipient": ["Select a valid choice. ZZ is not one of the available choices."]},
    },
    description="A parameter's value cannot be used; the body names each such parameter.",
)
NOT_FOUND = OpenApiResponse(
    response={
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
        "example": {"detail": "Invalid page."},
    },
    description="No such record, or a page past the last one.",
)


def documented(serializer_class, description, *, record):
    """Describe a viewset's list and record operations; `record` says what the record's path
    parameter (its `lookup_field`, `id` for a primary key) holds."""

    def decorate(viewset):
        lookup = OpenApiParameter(
            "id" if viewset.lookup_field == "pk" else viewset.lookup_field,
            {"type": "string", "pattern": f"^{viewset.lookup_value_regex}$"},
            OpenApiParameter.PATH,
            description=record,
        )
        return extend_schema_view(
            list=extend_schema(
                description=description,
                responses={200: serializer_class, 400: FILTER_ERRORS, 404: NOT_FOUND},
            ),
            retrieve=extend_schema(
                parameters=[lookup], responses={200: serializer_class, 400: FILTER_ERRORS, 404: NOT_FOUND}
            ),
        )(viewset)

    return decorate


class DatasetViewSet(ReadOnlyModelViewSet):
    """A list and its records, as declared in `lists.registry.LISTS` (by `dataset`)."""

    dataset = None
    filter_backends = [FilterBackend]
    pagination_class = Pagination

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.dataset:
            cls.listing = LISTS[cls.dataset]
            cls.filterset_class = cls.listing.filterset_class
            cls.serializer_class = cls.listing.serializer_class

    def get_queryset(self):
        return self.listing.records()

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return self.listing.prepare(page) if page is not None else None

    def get_object(self):
        obj = super().get_object()
        return self.listing.prepare([obj])[0]


@documented(
    serializers.DealSerializer, "Deals with their contracts, deliveries and citations; filters as on /deals/.",
    record="The deal's slug, as in its page's address: ru-tr-s-400.",
)
class DealViewSet(DatasetViewSet):
    dataset = "deals"
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


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
    dataset = "systems"
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


@documented(
    serializers.SourceSerializer,
    "Sources (news articles) with their full text and the excerpts cited from them; filters as on /sources/.",
    record="The source's slug, as in its page's address: 004_780518f76a4dacf2.",
)
class SourceViewSet(DatasetViewSet):
    dataset = "sources"
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"


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
    return page_not_found(request, exception)
