"""What every list of the API shares, whichever app owns it: the registry of viewsets
(`register_api`), the viewset over a list's declaration (`DatasetViewSet`), its filter
backend (the list's FilterSet and the input checks, through `Listing.filter`), its
pagination (by number, and by cursor past a long list's first pages), and the schema's shared answers (`documented`, `FILTER_ERRORS`, `NOT_FOUND`).

Bad input is answered with status 400 and a JSON object naming each parameter that could
not be used; a page past the end, or an unknown record, with 404 and `{"detail": ...}`.
"""
from functools import partial

from django.core.paginator import Paginator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.viewsets import ReadOnlyModelViewSet

from .keyset import AFTER, BEFORE, CURSOR_PARAMETERS
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
    unfiltered list's total is counted once per knowledge-base version (`whole_count`).

    A long list (`Listing.cursor_pages`) is read past its first pages by cursor, as its
    HTML page is (`lists.keyset`): `next` and `previous` carry `after=`/`before=`, and a
    cursor's page costs what the first page costs. A cursor page's answer has the same keys
    (`count` too); only its number is gone."""

    page_size = 25
    last_page_strings = ()  # `page=last` is not a page number; the schema says integer

    def get_schema_operation_parameters(self, view):
        listing = getattr(view, "listing", None)
        if getattr(listing, "cursor_pages", None) is None:
            return [PAGE_SCHEMA]
        page = {**PAGE_SCHEMA, "schema": {**PAGE_SCHEMA["schema"], "maximum": listing.max_numbered_page}}
        if listing.max_numbered_page < MAX_PAGE:
            page["description"] += f" Pages past {listing.max_numbered_page} are reached through `next` (after=)."
        return [page, *CURSOR_SCHEMAS]

    def paginate_queryset(self, queryset, request, view=None):
        filterset = getattr(view, "filterset", None)
        self.keyset = getattr(filterset, "keyset", None)
        if self.keyset is not None:
            queryset = self.keyset.rows  # the same rows, with their sort keys for the cursors
        grouped = view.grouped_pages() if view is not None and filterset is not None else None
        if grouped:
            self.django_paginator_class = partial(GroupedPaginator, **grouped)
        else:
            count = whole_count(f"api:{view.dataset}", filterset, request, queryset) if filterset else None
            self.django_paginator_class = partial(CountedPaginator, count=count)
        position = getattr(filterset, "position", None)
        if position is None:
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        self.page = self.keyset.page(position, self.page_size)
        self.page.paginator = self.django_paginator_class(queryset, self.page_size)  # for `count`
        return list(self.page.object_list)

    def get_next_link(self):
        if self.keyset is None:
            return super().get_next_link()
        rows = list(self.page.object_list)
        if not self.page.has_next() or not rows:
            return None
        return self.cursor_link(AFTER, self.keyset.cursor(rows[-1]))

    def get_previous_link(self):
        if self.keyset is None:
            return super().get_previous_link()
        if not self.page.has_previous():
            return None
        rows = list(self.page.object_list)
        # An empty page (its rows removed since) leads back from its own position.
        return self.cursor_link(BEFORE, self.keyset.cursor(rows[0]) if rows else self.keyset.cursor_of(self.page.position.values))

    def cursor_link(self, name, cursor):
        url = self.request.build_absolute_uri()
        for parameter in (PAGE_PARAMETER, *CURSOR_PARAMETERS):
            url = remove_query_param(url, parameter)
        return replace_query_param(url, name, cursor)


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
CURSOR_SCHEMAS = [
    {
        "name": name,
        "in": "query",
        "required": False,
        "description": (
            f"The page of rows {'following' if name == AFTER else 'preceding'} a position, as the `"
            f"{'next' if name == AFTER else 'previous'}` link of an answer gives it: an opaque cursor, "
            "signed, for this list in this order. Not with `page`, nor with the other of `after` and "
            "`before`. A garbled or altered cursor, or one of another order, is a 400."
        ),
        "schema": {"type": "string"},
        "allowEmptyValue": True,  # empty means not given, as for every parameter here
    }
    for name in CURSOR_PARAMETERS
]


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


def documented(serializer_class, description, *, record, listed=None):
    """Describe a viewset's list and record operations; `record` says what the record's path
    parameter (its `lookup_field`, `id` for a primary key) holds, and `listed` how a row of
    the list looks when it is not the record (the viewset's `get_serializer_class` says so)."""

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
                responses={200: listed or serializer_class, 400: FILTER_ERRORS, 404: NOT_FOUND},
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
