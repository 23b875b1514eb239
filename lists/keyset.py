"""Keyset ("cursor") pages of a long list: a next or previous page is read from where the
last one ended, along the list's order, instead of past an OFFSET. With OFFSET the database
reads and throws away every row before the page (statement 500,000 took 2.7 s to reach at
scale 10); from a position it reads the page's rows only, so page 20,000 costs what page 1
costs.

A position is the sort-key values of a row (its `Key`s, ending with a unique one, the
primary key when the order does not end with a unique field). It travels in the page's
links as an opaque cursor: `after=` (the rows following it) or `before=` (those preceding
it), signed with the site's secret (`django.core.signing`), so a garbled or altered cursor,
or one made for another order of the list, is a 400 naming its parameter, never a query on
values of a client's choosing. Cursors hold values, not offsets: rows added or removed
meanwhile neither repeat nor skip a row of a walk.

Page numbers (`page=N`) stay for shallow pages, which people share: up to
`MAX_NUMBERED_PAGE` they are read with an OFFSET (cheap that close to the start), and their
next and previous links are cursors; a deeper page number is a 400 saying to follow the
links instead. The total ("N in all") is counted as before; a cursor page has no number.

Sort keys may be NULL (undated statements, sorted last), which a row comparison
(`(a, b) > (x, y)`) cannot handle. So "after a position" is split into the disjoint parts
of the lexicographic order, each one an equality on the first keys and a range, or IS
NULL, on the next (`after_parts`); each part reads a page's worth of rows along the index
with its own LIMIT, and the page is the first rows of their union (one query, a few index
probes: on PostgreSQL the ids are read first, `InArray`).

Why not DRF's `CursorPagination`: it positions on the first ordering field alone and skips
ties with an offset (a list with thousands of statements on one day reads them all), cannot
place NULLs, answers a bad cursor with a 404, its cursors are not signed, and it has no
page numbers or totals; the HTML pages need the same pages as the API besides.
"""
import datetime
import decimal
from dataclasses import dataclass, replace
from functools import reduce
from operator import or_

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import BooleanField, F, Func, Q, Subquery
from django.db.models.expressions import Col, OrderBy
from django.db.models.sql.constants import LOUTER

from .pages import PageNumberProblem

AFTER, BEFORE = "after", "before"
CURSOR_PARAMETERS = (AFTER, BEFORE)
# Deeper than this, a page number would make the database skip thousands of rows; the
# links (cursors) lead on from here at the cost of the first page.
MAX_NUMBERED_PAGE = 50
DEEP_PAGE_MESSAGE = (
    "Pages past {} are not numbered: follow the list's next links (after=) from a page before it, "
    "or narrow the list with its filters."
)
BAD_CURSOR_MESSAGE = "This cursor is garbled or was altered; follow the list's own links to page through it."
OTHER_ORDER_MESSAGE = "This cursor was made for another order or other filters of the list; start again from its first page."
NO_CURSOR_MESSAGE = "This list is paged by number (page=) in the order chosen; it takes no cursor."


@dataclass(frozen=True)
class Key:
    """One sort key of a list: its expression, `alias` (the annotation it is read from),
    its direction and where its NULLs go (`nulls_last`: after every value)."""

    alias: str
    expression: object
    descending: bool
    nulls_last: bool
    nullable: bool = True

    def order(self, *, backwards=False):
        """The key's ORDER BY term (reversed, NULLs included, when reading backwards), with
        the NULLs placed explicitly, so SQLite and PostgreSQL agree."""
        descending, nulls_last = self.descending != backwards, self.nulls_last != backwards
        return OrderBy(F(self.alias), descending=descending, nulls_last=nulls_last or None, nulls_first=not nulls_last or None)


def keys_of(queryset):
    """The `Key`s of `queryset`'s order, ending with a unique one (the primary key appended
    when the order does not end with the primary key or a unique field of the model)."""
    query = queryset.query
    ordering = query.order_by or (queryset.model._meta.ordering if query.default_ordering else ())
    keys = []
    for term in ordering:
        if isinstance(term, str):
            descending = term.startswith("-")
            term = OrderBy(F(term.removeprefix("-")), descending=descending)
        elif not isinstance(term, OrderBy):
            term = term.asc()
        # Unplaced NULLs go where PostgreSQL puts them (last ascending, first descending).
        nulls_last = bool(term.nulls_last) or (not term.nulls_first and not term.descending)
        keys.append(Key(f"keyset_{len(keys)}", term.expression, term.descending, nulls_last))
    if not keys or not _unique(queryset.model, keys[-1].expression):
        keys.append(Key(f"keyset_{len(keys)}", F("pk"), False, True))
    return keys


def _unique(model, expression):
    name = getattr(expression, "name", None)
    if name is None or "__" in name:
        return False
    if name == "pk":
        return True
    field = model._meta.get_field(name)
    return field.primary_key or field.unique


class CursorProblem(PageNumberProblem):
    """A cursor parameter that cannot be used: {parameter: [message]} in `problems`."""


@dataclass
class Position:
    """Where a cursor page starts: after (or, `backwards`, before) the row whose keys are `values`."""

    values: tuple
    backwards: bool


class Keyset:
    """A list's order as keys, for `queryset` (filtered, in its order): its rows annotated
    with their keys (`rows`), its cursors (`cursor`, `read`) and its cursor pages (`page`).
    `listing` and `sort` (the order chosen, "" for the list's own) are signed into each
    cursor, so a cursor of one list or order is refused by another."""

    def __init__(self, queryset, *, listing, sort="", max_page=MAX_NUMBERED_PAGE):
        self.max_page = max_page
        self.keys = keys_of(queryset)
        self.salt = f"lists.keyset:{listing}"
        self.sort = sort
        annotated = queryset.annotate(**{key.alias: key.expression for key in self.keys})
        self.fields = [annotated.query.annotations[key.alias].output_field for key in self.keys]
        self.keys = [
            replace(key, nullable=_nullable(annotated.query, annotated.query.annotations[key.alias], field))
            for key, field in zip(self.keys, self.fields, strict=True)
        ]
        self.rows = annotated.order_by(*(key.order() for key in self.keys))

    def cursor(self, row):
        """The cursor of `row` (a row of `rows`)."""
        return self.cursor_of([getattr(row, key.alias) for key in self.keys])

    def cursor_of(self, values):
        """The cursor of the position whose keys are `values`."""
        # Without a timestamp (unlike `signing.dumps`): a page's links are the same bytes
        # each time it is served, as its ETag says.
        payload = {"o": self.sort, "k": [_plain(value) for value in values]}
        return signing.Signer(salt=self.salt).sign_object(payload, compress=True)

    def read(self, query):
        """The position `query` asks for (None for a numbered page); raises CursorProblem for
        a repeated, garbled, altered or foreign cursor, both directions at once, a cursor
        with a page number, or a page number past `max_page` (by default `MAX_NUMBERED_PAGE`)."""
        given = {name: [value for value in query.getlist(name) if value != ""] for name in CURSOR_PARAMETERS}
        for name, values in given.items():
            if len(values) > 1:
                raise CursorProblem({name: [f"Give {name} only once; it takes a single value."]})
        chosen = [(name, values[0]) for name, values in given.items() if values]
        page = query.get("page", "")
        if not chosen:
            if page and int(page) > self.max_page:  # a well-formed number: checked before
                raise CursorProblem({"page": [DEEP_PAGE_MESSAGE.format(self.max_page)]})
            return None
        if len(chosen) > 1:
            raise CursorProblem({BEFORE: ["Give after or before, not both."]})
        name, cursor = chosen[0]
        if page:
            raise CursorProblem({"page": [f"Give page or {name}, not both."]})
        try:
            payload = signing.Signer(salt=self.salt).unsign_object(cursor)
        except signing.BadSignature:
            raise CursorProblem({name: [BAD_CURSOR_MESSAGE]}) from None
        if not isinstance(payload, dict) or payload.get("o") != self.sort:
            raise CursorProblem({name: [OTHER_ORDER_MESSAGE]})
        values = payload.get("k")
        if not isinstance(values, list) or len(values) != len(self.keys):
            raise CursorProblem({name: [OTHER_ORDER_MESSAGE]})
        try:
            read = tuple(None if value is None else field.to_python(value) for field, value in zip(self.fields, values, strict=True))
        except (ValidationError, TypeError, ValueError):
            raise CursorProblem({name: [OTHER_ORDER_MESSAGE]}) from None
        return Position(read, backwards=name == BEFORE)

    def page(self, position, per_page):
        """The `KeysetPage` of `per_page` rows after (or before) `position`: one query for
        the rows (a union of index reads, `after_parts`), whatever the depth."""
        wanted = per_page + 1  # one more, to know whether there is a page beyond
        order = [key.order(backwards=position.backwards) for key in self.keys]
        parts = [
            self.rows.filter(part).order_by(*order).values("pk")[:wanted]
            for part in after_parts(self.keys, position.values, backwards=position.backwards)
        ]
        if not parts:
            chosen = Q(pk__in=[])
        elif connections[self.rows.db].vendor == "postgresql":
            ids = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
            chosen = InArray(F("pk"), Subquery(ids))
        else:  # SQLite: no LIMIT inside a UNION's parts, but inside IN (...) it is fine
            chosen = reduce(or_, (Q(pk__in=part) for part in parts))
        fetched = list(self.rows.filter(chosen).order_by(*order)[:wanted])
        more = len(fetched) > per_page
        rows = fetched[:per_page]
        if position.backwards:
            rows.reverse()
            before_first = tuple(getattr(fetched[per_page], key.alias) for key in self.keys) if more else None
        else:
            before_first = position.values
        return KeysetPage(rows, position, more=more, before_first=before_first)


class InArray(Func):
    """`lhs = ANY(ARRAY(subquery))` on PostgreSQL: the subquery (a page's ids) is read once,
    first, and the rows fetched by their ids. `lhs IN (subquery)` lets the planner join the
    ids last, after hash-joining every row of a list with its many related tables (the
    citations': 1.0 s at scale 1, against 0.1 ms for the ids)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        lhs, subquery = self.get_source_expressions()
        lhs_sql, lhs_params = compiler.compile(lhs)
        subquery_sql, subquery_params = compiler.compile(subquery)  # parenthesised
        return f"{lhs_sql} = ANY(ARRAY{subquery_sql})", (*lhs_params, *subquery_params)


def after_parts(keys, values, *, backwards=False):
    """Disjoint conditions whose union is "after the row whose keys are `values`" in the
    order of `keys` (reversed: "before it"): for each key, the earlier keys equal to the
    row's and this one past it, a range; where this key's NULLs come after its values, the
    earlier keys equal and this one NULL. Each is read along an index on its own."""
    parts = []
    for i, (key, value) in enumerate(zip(keys, values, strict=True)):
        descending, nulls_last = key.descending != backwards, key.nulls_last != backwards
        equal = Q(*(_equal(earlier.alias, v) for earlier, v in zip(keys[:i], values[:i], strict=True)))
        if value is None:
            if not nulls_last:  # NULLs first: every value comes after a NULL
                parts.append(equal & Q(**{f"{key.alias}__isnull": False}))
            continue
        parts.append(equal & Q(**{f"{key.alias}__{'lt' if descending else 'gt'}": value}))
        if nulls_last and key.nullable:
            parts.append(equal & Q(**{f"{key.alias}__isnull": True}))
    return parts


def _nullable(query, expression, field):
    """Whether a key may be NULL: its field allows it, or it is read through an outer join
    (a deal's system, say), or it is computed (no column to say)."""
    if not isinstance(expression, Col):
        return True
    join = query.alias_map.get(expression.alias)
    return field.null or getattr(join, "join_type", None) == LOUTER


def _equal(alias, value):
    return Q(**{f"{alias}__isnull": True}) if value is None else Q(**{alias: value})


def _plain(value):
    """A key's value as JSON holds it; `Keyset.read` reads it back with the key's field."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


@dataclass
class KeysetPage:
    """A page read from a position; `has_next`/`has_previous` as Django's `Page` says them."""

    object_list: list
    position: Position
    more: bool
    # The keys of the row just before the first (None at the list's start): when reading
    # forwards, the cursor's own; backwards, the extra row read to know there are more.
    before_first: tuple | None

    @property
    def number(self):
        """1 for the list's first page reached backwards; a cursor page has no number otherwise."""
        return 1 if self.position.backwards and not self.more else None

    def has_next(self):
        return self.position.backwards or self.more

    def has_previous(self):
        return not self.position.backwards or self.more

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)
