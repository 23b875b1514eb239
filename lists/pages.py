"""Bounded pages of a detail page's long lists (a person's statements, an organisation's):
at most `DETAIL_PAGE_SIZE` rows, fetched with one row more to know whether a next page
exists, so a page costs the same query whether the list holds ten rows or ten thousand (no
COUNT of the whole list). Where a page shows how many rows its list holds, the caller counts
them with an indexed query of its own (`total`), never by counting the joined rows. The page number is checked as every list checks it
(`lists.parameters`): malformed is a 400 naming the parameter, past the end a 404."""
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q, Subquery
from django.http import Http404, QueryDict
from django.shortcuts import render

from .filters import AmongKeys
from .parameters import PAGE_MESSAGE, is_page_number

DETAIL_PAGE_SIZE = 50


class PageNumberProblem(ValueError):
    """A page parameter that is no page number: {parameter: [message]} in `problems`."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


@dataclass
class BoundedPage:
    rows: list
    number: int
    has_next: bool
    parameter: str
    query: str  # the page's other parameters, for its links
    total: int | None = None  # how many rows the whole list holds, when the caller counted them
    anchor: str = ""  # the id of the list's section, so its links land on it on a page of several lists

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


def bounded_page(rows, query: QueryDict, parameter: str = "page", total=None, anchor="") -> BoundedPage:
    """The page of `rows` (an ordered QuerySet) that `query`'s `parameter` asks for; `total`,
    if given, is a callable counting the whole list (run once the page number is known good)."""
    number = page_number(query, parameter)
    start = (number - 1) * DETAIL_PAGE_SIZE
    fetched = list(rows[start:start + DETAIL_PAGE_SIZE + 1])
    if number > 1 and not fetched:
        raise Http404(f"There is no page {number} of this list.")
    others = query.copy()
    others.pop(parameter, None)
    return BoundedPage(
        rows=fetched[:DETAIL_PAGE_SIZE], number=number, has_next=len(fetched) > DETAIL_PAGE_SIZE, parameter=parameter,
        query=others.urlencode(), total=total() if total else None,
        anchor=anchor,
    )


class BoundedListsMixin:
    """For a detail view whose context holds bounded pages: a malformed page number is
    answered with a 400 naming the parameter, as the lists answer it."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)  # builds the context, so reads the page numbers
        except PageNumberProblem as problem:
            return render(request, "400.html", {"problems": problem.problems}, status=400)


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
