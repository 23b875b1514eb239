"""Checks on query parameters that no FilterSet makes (a NUL byte in any parameter, a
malformed `page`), behind one call, `query_problems`, that every list (its page, its API
list and its downloads, through `Listing.filter`), the search page, the search API and the
whole-dataset download make. So each answers a bad value with the same 400 and message."""
import re

from django.http import QueryDict

NUL_MESSAGE = "Contains a NUL character, which no value may contain."
PAGE_PARAMETER = "page"
# The largest page number a client may ask for: a signed 32-bit integer, as the schema says.
MAX_PAGE = 2**31 - 1
PAGE_NUMBER = re.compile(r"[0-9]+")
# Python's int() reads at most this many digits (its default limit); Django's paginator
# reads the page number with int() too, so a longer one, even if mostly leading zeros, is refused.
MAX_DIGITS = 4300
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
    values = [value for value in query.getlist(PAGE_PARAMETER) if "\x00" not in value]
    if len(values) > 1:
        return {PAGE_PARAMETER: [f"Give {PAGE_PARAMETER} only once; it takes a single value."]}
    if values and values[0] != "" and not is_page_number(values[0]):
        return {PAGE_PARAMETER: [PAGE_MESSAGE]}
    return {}


def is_page_number(value):
    """Whether `value` is a whole number from 1 to MAX_PAGE. Its length is checked before
    int() reads it: int() refuses a string of more than MAX_DIGITS digits with an error."""
    return bool(PAGE_NUMBER.fullmatch(value)) and len(value) <= MAX_DIGITS and 1 <= int(value) <= MAX_PAGE


def usable_query(query):
    """`query` without the parameters whose name or a value holds NUL: what a form or FilterSet
    may read (PostgreSQL would fail on a NUL rather than say so, and a value holding one is
    not echoed back in a second, garbled message)."""
    usable = QueryDict(mutable=True)
    for name, values in query.lists():
        if "\x00" not in name and not any("\x00" in value for value in values):
            usable.setlist(name, values)
    return usable


def problems_as_text(problems: dict) -> str:
    """{parameter: [message]} as plain text, one "parameter: message" a line: a 400 for a
    client that shows no HTML page (a feed reader)."""
    return "".join(
        f"{name}: {message}\n" if name and name != "__all__" else f"{message}\n"
        for name, messages in problems.items()
        for message in messages
    )


def query_problems(query, *, form=None, paginated=False, nul_alone=False):
    """{parameter: [message]} for every value of `query` that cannot be used as given, in this
    order: NUL bytes (any parameter, known or not), the errors of `form` (a bound Form or
    FilterSet; `__all__` last, for those of no one parameter), and, when `paginated`, a
    malformed `page`. With `nul_alone`, a NUL byte is reported on its own and `form` is not
    validated. Empty means the query can be used."""
    problems = nul_problems(query)
    if problems and nul_alone:
        return problems
    if form is not None and not form.is_valid():
        errors = form.errors
        problems.update((name, list(messages)) for name, messages in errors.items() if name != "__all__")
        if "__all__" in errors:
            problems["__all__"] = list(errors["__all__"])
    if paginated:
        for name, messages in page_problems(query).items():
            problems.setdefault(name, []).extend(messages)
    return problems
