"""The API's filter backend: django-filter's, with the checks the FilterSets leave out
(a NUL byte in any parameter, a malformed page number)."""
import re

from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from rest_framework.exceptions import ValidationError

NUL_MESSAGE = "Contains a NUL character, which no value may contain."
PAGE_PARAMETER = "page"
# The largest page number a client may ask for: a signed 32-bit integer, as the schema says.
MAX_PAGE = 2**31 - 1
PAGE_NUMBER = re.compile(r"[0-9]+")
PAGE_MESSAGE = f"A page number is a whole number from 1 to {MAX_PAGE}."


def nul_problems(query):
    """{parameter: [message]} for every parameter (known or not) whose name or value holds NUL."""
    return {
        name.replace("\x00", "\\x00"): [NUL_MESSAGE]
        for name, values in query.lists()
        if "\x00" in name or any("\x00" in value for value in values)
    }


def page_problems(query):
    """{"page": [message]} when `page` is given but is no page number (`abc`, `0`, `-1`, one
    too long for any list) or is given twice; empty means the first page. A well-formed page
    past the last is not a problem of the input but of the list: the paginator's 404."""
    values = query.getlist(PAGE_PARAMETER)
    if len(values) > 1:
        return {PAGE_PARAMETER: [f"Give {PAGE_PARAMETER} only once; it takes a single value."]}
    if values and values[0] != "" and not (PAGE_NUMBER.fullmatch(values[0]) and 1 <= int(values[0]) <= MAX_PAGE):
        return {PAGE_PARAMETER: [PAGE_MESSAGE]}
    return {}


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
