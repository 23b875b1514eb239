"""The API's filter backend: django-filter's, with the checks the FilterSets leave out."""
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

NUL_MESSAGE = "Contains a NUL character, which no value may contain."


def nul_problems(query):
    """{parameter: [message]} for every parameter (known or not) whose name or value holds NUL."""
    return {
        name.replace("\x00", "\\x00"): [NUL_MESSAGE]
        for name, values in query.lists()
        if "\x00" in name or any("\x00" in value for value in values)
    }


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, and a NUL byte in any parameter (known or not) is a 400:
    no value may hold one, and PostgreSQL would fail on it rather than say so."""

    def filter_queryset(self, request, queryset, view):
        problems = nul_problems(request.query_params)
        if problems:
            raise ValidationError(problems)
        return super().filter_queryset(request, queryset, view)
