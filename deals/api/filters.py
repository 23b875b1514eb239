"""The API's filter backend: a list's FilterSet and the input checks, both through its
declaration's `Listing.filter`, as on its page and its downloads."""
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError


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
        return filterset.qs
