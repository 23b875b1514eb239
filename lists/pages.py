"""Bounded pages of a detail page's long lists (a person's statements, an organisation's):
at most `DETAIL_PAGE_SIZE` rows, fetched with one row more to know whether a next page
exists, so a page costs the same query whether the list holds ten rows or ten thousand (no
COUNT of the whole list). Where a page shows how many rows its list holds, the caller counts
them with an indexed query of its own (`total`), never by counting the joined rows. The page number is checked as every list checks it
(`lists.parameters`): malformed is a 400 naming the parameter, past the end a 404.

Pages are read with an OFFSET, which makes the database read and drop every row before the
page: page 4,000 of a country's statements took 1.4 s at scale 10. So a section answers its
first `MAX_DETAIL_PAGE` pages (the deepest page number the long lists answer too), links no
further, and answers a deeper one with a 400 naming its parameter and the full list
(`full_list`: the site's list filtered to the same records, paged by cursor at any depth)."""
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q, Subquery
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from .filters import AmongKeys, DayField
from .parameters import PAGE_MESSAGE, is_page_number

DETAIL_PAGE_SIZE = 50
# The deepest page a detail page's section answers: the lists' `lists.keyset.MAX_NUMBERED_PAGE`.
MAX_DETAIL_PAGE = 50


class PageNumberProblem(ValueError):
    """A page parameter that is no page number: {parameter: [message]} in `problems`."""

    def __init__(self, problems, *, link=None):
        super().__init__(problems)
        self.problems = problems
        self.link = link  # a FullList to offer instead, if any


@dataclass(frozen=True)
class FullList:
    """The site's list holding a section's records (filtered to them), paged by cursor at any depth."""

    url: str
    label: str  # what it is: "the statement list for India"

    @classmethod
    def of(cls, url_name, label, **filters):
        """The list at `url_name` filtered by `filters` (its query parameters)."""
        return cls(f"{reverse(url_name)}?{urlencode(filters)}", label)


def deep_page_message(number, full_list):
    where = (
        f"the rest are in {full_list.label} ({full_list.url}), whose next links lead on at any depth"
        if full_list else "narrow what you look for with the site's lists and their filters"
    )
    return (
        f"This section shows its first {MAX_DETAIL_PAGE} pages ({MAX_DETAIL_PAGE * DETAIL_PAGE_SIZE:,} rows), "
        f"not page {number}: {where}."
    )


@dataclass
class BoundedPage:
    rows: list
    number: int
    has_next: bool
    parameter: str
    query: str  # the page's other parameters, for its links
    total: int | None = None  # how many rows the whole list holds, when the caller counted them
    anchor: str = ""  # the id of the list's section, so its links land on it on a page of several lists
    full_list: FullList | None = None  # the site's list holding every row of it, past the last page offered
    more: bool = False  # rows follow the last page offered (`MAX_DETAIL_PAGE`): the full list holds them

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def is_paginated(self):
        return self.has_next or self.has_previous

    @property
    def first_index(self):
        """The position of its first row in the whole list (1-based)."""
        return (self.number - 1) * DETAIL_PAGE_SIZE + 1

    @property
    def last_index(self):
        return self.first_index + len(self.rows) - 1

    def link(self, number, anchor=None):
        """The address of page `number`, landing on the list's section or on `anchor` in it."""
        anchor = anchor or self.anchor
        fragment = f"#{anchor}" if anchor else ""
        if self.query:
            return f"?{self.query}&{self.parameter}={number}{fragment}"
        return f"?{self.parameter}={number}{fragment}"

    @property
    def previous_link(self):
        return self.link(self.number - 1)

    @property
    def next_link(self):
        return self.link(self.number + 1)


def page_number(query: QueryDict, parameter: str = "page") -> int:
    """The page asked for (1 when none); raises PageNumberProblem for a malformed or repeated one."""
    values = query.getlist(parameter)
    if len(values) > 1:
        raise PageNumberProblem({parameter: [f"Give {parameter} only once; it takes a single value."]})
    if not values or values[0] == "":
        return 1
    if not is_page_number(values[0]):
        raise PageNumberProblem({parameter: [PAGE_MESSAGE]})
    return int(values[0])


def day_parameter(query: QueryDict, parameter: str = "as_of"):
    """The day `query`'s `parameter` gives (YYYY-MM-DD, as the lists' `as_of` takes it), None
    without one; raises PageNumberProblem (a 400 naming it) for a malformed or repeated one."""
    values = query.getlist(parameter)
    if len(values) > 1:
        raise PageNumberProblem({parameter: [f"Give {parameter} only once; it takes a single value."]})
    if not values or not values[0].strip():
        return None
    try:
        return DayField().clean(values[0])
    except ValidationError as error:
        raise PageNumberProblem({parameter: error.messages}) from None


def day_not_taken(query: QueryDict, where: str, parameter: str = "as_of") -> dict:
    """{parameter: [message]} when `query` gives `parameter` (a day) to a page, list or
    download that does not take it (`where` says which do): a malformed or repeated value gets
    the message the pages taking it give (`day_parameter`), a good one `where`, so a reader
    is never shown a page that looks dated but is not. Empty when it is not given."""
    try:
        day = day_parameter(query, parameter)
    except PageNumberProblem as problem:
        return problem.problems
    return {} if day is None else {parameter: [where]}


def bounded_page(rows, query: QueryDict, parameter: str = "page", total=None, anchor="", full_list=None,
                 every_page=False) -> BoundedPage:
    """The page of `rows` (an ordered QuerySet, or a callable giving the rows from `start` to
    `stop` in order) that `query`'s `parameter` asks for; `total`, if given, is a callable
    counting the whole list (run once the page number is known good). Past `MAX_DETAIL_PAGE`
    is a 400 pointing to `full_list`, unless `every_page` (a list already in memory)."""
    number = page_number(query, parameter)
    if not every_page and number > MAX_DETAIL_PAGE:
        raise PageNumberProblem({parameter: [deep_page_message(number, full_list)]}, link=full_list)
    start = (number - 1) * DETAIL_PAGE_SIZE
    stop = start + DETAIL_PAGE_SIZE + 1
    fetched = list(rows(start, stop) if callable(rows) else rows[start:stop])
    if number > 1 and not fetched:
        raise Http404(f"There is no page {number} of this list.")
    others = query.copy()
    others.pop(parameter, None)
    following = len(fetched) > DETAIL_PAGE_SIZE
    at_end = not every_page and number >= MAX_DETAIL_PAGE
    return BoundedPage(
        rows=fetched[:DETAIL_PAGE_SIZE], number=number, has_next=following and not at_end, parameter=parameter,
        query=others.urlencode(), total=total() if total else None,
        anchor=anchor, full_list=full_list, more=following and at_end,
    )


class BoundedListsMixin:
    """For a detail view whose context holds bounded pages: a malformed page number is
    answered with a 400 naming the parameter, as the lists answer it."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)  # builds the context, so reads the page numbers
        except PageNumberProblem as problem:
            context = {"problems": problem.problems, "full_list": getattr(problem, "link", None)}
            return render(request, "400.html", context, status=400)


class GroupedPaginator(Paginator):
    """Pages of rows sorted first by a group (deals by recipient, the groups in the rows'
    order) whose sizes are known without counting the rows: `groups` is [(key, rows in
    it)] in that order, `grouped_by` the lookup that selects a group's rows and `within`
    their order inside a group (unique, with an index on the group and it). A page takes
    from each group it falls in only its own rows, in the index's order and from an offset
    within the first of them, then fetches those rows: page 6,000 costs what page 1 costs (an
    OFFSET over the whole list, or over one group sorted by a joined column, sorts every row
    before the page), and the total is the sum of the sizes (no COUNT). With `narrowed`, the
    sizes count the rows of `object_list` as filtered (a free-text term's matches), and a
    group's rows are read with its filter, along the same index. A group given as (key,
    size, keys, step) names every `step`-th of its rows by primary key, in its order: with a
    step of 1 its rows are read by their keys; otherwise the nearest named row before the
    page is a bookmark, from which the group is walked (`within` then is one unique column)."""

    def __init__(self, object_list, per_page, *, groups, grouped_by, within, narrowed=False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.groups, self.grouped_by, self.within, self.narrowed = groups, grouped_by, within, narrowed
        self.count = sum(size for _, size, *_ in groups)  # the paginator's cached property, given

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        before, parts, wanted = 0, [], top - bottom
        for key, size, *named in self.groups:
            if wanted <= 0:
                break
            if not parts and before + size <= bottom:
                before += size  # a whole group before the page
                continue
            start = bottom - before if not parts else 0
            taken = min(size - start, wanted)
            wanted -= taken
            model = self.object_list.model
            keys, step = named or (None, None)
            if step == 1:
                parts.append(model._base_manager.filter(AmongKeys(keys[start:start + taken])).values("pk"))
                continue
            rows = self.object_list.order_by() if self.narrowed else model._base_manager
            group = rows.filter(**{self.grouped_by: key})
            if step:
                (column,) = self.within
                bookmark = model._base_manager.filter(pk=keys[start // step]).values(column)
                group, start = group.filter(**{f"{column}__gte": Subquery(bookmark)}), start % step
            parts.append(group.order_by(*self.within).values("pk")[start:start + taken])
        if not parts:
            return self._get_page(self.object_list.none(), number, self)
        if len(parts) == 1:
            chosen = Q(pk__in=parts[0])
        elif connections[self.object_list.db].features.supports_slicing_ordering_in_compound:
            chosen = Q(pk__in=parts[0].union(*parts[1:], all=True))  # a join on the key, not a scan
        else:
            chosen = reduce(or_, (Q(pk__in=part) for part in parts))
        return self._get_page(self.object_list.filter(chosen), number, self)
