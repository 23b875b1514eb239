"""The API's filter backend: django-filter's, with the checks the FilterSets leave out
(a NUL byte in any parameter, a malformed page number)."""
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from rest_framework.exceptions import ValidationError

from deals.parameters import nul_problems, page_problems


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, and a NUL byte in any parameter (known or not) is a 400:
    no value may hold one, and PostgreSQL would fail on it rather than say so. On a list,
    a malformed page number is reported with the filters' problems, in one 400."""

    def filter_queryset(self, request, queryset, view):
        problems = nul_problems(request.query_params)
        if problems:
            raise ValidationError(problems)
        if getattr(view, "action", None) == "list":
            problems = page_problems(request.query_params)
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None and not filterset.is_valid():
            problems = {**translate_validation(filterset.errors).detail, **problems}
        if problems:
            raise ValidationError(problems)
        return filterset.qs if filterset is not None else queryset
