"""The system scope of the pages that are no filtered list (the home page, a country's page):
`scope=s-400` for the deals of the S-400 and its variants alone, `scope=all` for every deal,
the related ones included (`DealScope`). The deal list and the countries list read the same
parameter through their FilterSets; all of them show the switch as two links that keep the
page's other parameters (`scope_switch`)."""
from django.shortcuts import render

from lists.pages import day_not_taken

from .models import DealScope

SCOPE_PARAMETER = "scope"
SCOPE_WORDS = ", ".join(DealScope.values)


# What a page that does not take `as_of` answers when given one: which do.
AS_OF_TAKEN_BY = (
    "takes no as_of. A status on a day is shown by the deal list (/deals/?as_of=YYYY-MM-DD, and "
    "/api/deals/ and /export/deals.csv or .json with the same parameter), the home page (/?as_of=…), "
    "a country's page (/countries/TR/?as_of=…) and the world map (/map/?as_of=…)."
)


def as_of_not_taken(what: str, instead: str = ""):
    """For a page, list or download (`what`: "The countries list") that does not take
    `as_of`: a function of a query giving {"as_of": [message]} when it is given one
    (`lists.pages.day_not_taken`), the message saying which do, and what this one offers
    `instead` if anything."""
    message = f"{what} {AS_OF_TAKEN_BY}" + (f" {instead}" if instead else "")
    return lambda query: day_not_taken(query, message)


class ScopeProblem(ValueError):
    """A `scope` parameter that names no scope: {parameter: [message]} in `problems`."""

    def __init__(self, message):
        super().__init__(message)
        self.problems = {SCOPE_PARAMETER: [message]}


def requested_scope(query, *, default: str) -> str:
    """The scope a page's query asks for (any case), `default` when it names none; a
    `ScopeProblem` when it names another word, or gives the parameter twice."""
    values = [value for value in query.getlist(SCOPE_PARAMETER) if value != ""]
    if not values:
        return default
    if len(values) > 1:
        raise ScopeProblem(f"Give {SCOPE_PARAMETER} only once; it takes a single value.")
    word = values[0].lower()
    if word not in DealScope.values:
        shown = values[0].replace("\x00", "\\x00")
        raise ScopeProblem(f"“{shown}” is not one of the values it takes: {SCOPE_WORDS}.")
    return DealScope(word)


def scope_switch(query, current: str) -> list[dict]:
    """The switch's two links: this page's query with each scope, leaving its other
    parameters as they are but its page numbers (a page of one scope is no page of the
    other), and which of them is the page's own (`current`)."""
    links = []
    for scope in DealScope:
        chosen = query.copy()
        for name in list(chosen):
            if name in ("page", "after", "before") or name.endswith("_page"):
                del chosen[name]
        chosen[SCOPE_PARAMETER] = scope.value
        links.append({"label": scope.label, "query": chosen.urlencode(), "current": scope == current})
    return links


class ScopedPageMixin:
    """For a page reading `scope` outside a FilterSet: a bad value is answered with a 400
    naming the parameter, as the lists answer theirs."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)  # builds the context, so reads the scope
        except ScopeProblem as problem:
            return render(request, "400.html", {"problems": problem.problems}, status=400)
