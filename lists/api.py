"""What every list of the API shares, whichever app owns it: the registry of viewsets
(`register_api`), the viewset over a list's declaration (`DatasetViewSet`), its filter
backend (the list's FilterSet and the input checks, through `Listing.filter`), its
pagination, and the schema's shared answers (`documented`, `FILTER_ERRORS`, `NOT_FOUND`).

Bad input is answered with status 400 and a JSON object naming each parameter that could
not be used; a page past the end, or an unknown record, with 404 and `{"detail": ...}`.
"""
from functools import partial

from django.core.paginator import Paginator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.viewsets import ReadOnlyModelViewSet

from .pages import GroupedPaginator
from .parameters import MAX_PAGE, PAGE_PARAMETER
from .registry import LISTS, whole_count

# The API's lists by name, in the order the root lists them; apps add theirs (`register_api`).
VIEWSETS = {}


def register_api(name, viewset, basename):
    VIEWSETS[name] = (viewset, basename)
    return viewset


class CountedPaginator(Paginator):
    """A paginator told how many rows its list holds (`count`), when that is known already."""

    def __init__(self, object_list, per_page, *, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.count = count  # the paginator's cached property, given


class Pagination(PageNumberPagination):
    """25 rows a page; a page past the last is a 404. A malformed page number is a 400 naming
    `page`, checked before this paginates (with a list's filters, by `FilterBackend`). An
    unfiltered list's total is counted once per knowledge-base version (`whole_count`)."""

    page_size = 25
    last_page_strings = ()  # `page=last` is not a page number; the schema says integer

    def get_schema_operation_parameters(self, view):
        return [PAGE_SCHEMA]

    def paginate_queryset(self, queryset, request, view=None):
        grouped = view.grouped_pages() if view is not None and hasattr(view, "filterset") else None
        if grouped:
            self.django_paginator_class = partial(GroupedPaginator, **grouped)
        else:
            filterset = getattr(view, "filterset", None)
            count = whole_count(f"api:{view.dataset}", filterset, request, queryset) if filterset else None
            self.django_paginator_class = partial(CountedPaginator, count=count)
        return super().paginate_queryset(queryset, request, view)


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


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend over `view.listing`: a NUL byte in any parameter (known or
    not) is a 400 of its own; otherwise the filters' problems and, on a list, a malformed
    page number are reported together, in one 400."""

    def filter_queryset(self, request, queryset, view):
        filterset, problems = view.listing.filter(
            request.query_params,
            queryset=queryset,
            request=request,
            paginated=getattr(view, "action", None) == "list",
            nul_alone=True,
        )
        if problems:
            raise ValidationError(problems)
        view.filterset = filterset  # for the pagination: a list unfiltered is counted once per version
        return filterset.qs


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

    def grouped_pages(self):
        """GroupedPaginator's groups for this list as filtered (`self.filterset`), if it pages
        group by group; None pages it with an offset."""
        return None

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return self.listing.prepare(page) if page is not None else None

    def get_object(self):
        obj = super().get_object()
        return self.listing.prepare([obj])[0]
