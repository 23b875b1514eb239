"""Each list of the site declared once: its rows, its FilterSet, its JSON serializer, and its
fields (`lists.columns`), which its CSV columns and its serializer's fields come from (and,
for the deals and statements, its table's headings too). The HTML page, the API list and the
CSV/JSON download of a list all take these from its declaration, so they cannot drift, and
all check their query string through `Listing.filter` (`lists.parameters.query_problems`).

Apps declare their lists in their own `lists` module (`deals.lists`, `countries.lists`),
imported when the app is ready; `LISTS` holds them by name (the name in /export/<name>.csv).
"""
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import Count, QuerySet
from django.forms.utils import ErrorDict

from config.caching import release

from .columns import Column, Fields
from .filters import CountedCountriesField, cached_rows, chosen_values
from .keyset import CURSOR_PARAMETERS, MAX_NUMBERED_PAGE, NO_CURSOR_MESSAGE, CursorProblem, Keyset
from .parameters import query_problems, usable_query

__all__ = ["LISTS", "Column", "Leading", "Listing", "register"]

LISTS = {}

@dataclass(frozen=True)
class Listing:
    name: str
    filterset_class: type
    # The page's rows (with what its table shows), and the API's and downloads' rows (with
    # what their JSON nests); the filters apply to both alike.
    rows: Callable
    records: Callable
    serializer_class: type
    # The declaration its CSV columns and its serializer's fields come from (`lists.columns`).
    fields: Fields
    # The CSV's rows, where its columns need less than the JSON nests (None: `records`).
    csv_records: Callable | None = None
    # Called on each batch of records before it is serialised (timeline items need extras).
    prepare: Callable = field(default=lambda batch: batch)
    downloads: bool = True
    # Whether the list, filtered as chosen (the FilterSet's cleaned data), is paged by cursor
    # (`lists.keyset`) past its first pages; None: always by page number (short lists).
    cursor_pages: Callable | None = None
    # The deepest page number it answers where it has cursors (`lists.keyset`).
    max_numbered_page: int = MAX_NUMBERED_PAGE
    # Checks of parameters no filter of its own reads but a reader may bring from another list
    # (`as_of`, which the countries list does not take): each a function of the query giving
    # {parameter: [message]}, answered as a filter's errors are.
    query_checks: tuple = ()

    @property
    def columns(self) -> list[Column]:
        return self.fields.csv_columns

    def filter(self, query, *, queryset, request=None, paginated=False, nul_alone=False):
        """(filterset, problems): the FilterSet over `queryset` for `query`, and {parameter:
        [message]} for every value that cannot be used as given, in this order: NUL bytes
        (any parameter, known or not: PostgreSQL would fail on one rather than say so), the
        filters' errors (`__all__` for those of no one parameter), and, on a paginated list,
        a malformed `page`. With `nul_alone` (the API and downloads), a NUL byte is reported
        on its own. A value holding NUL never reaches the FilterSet, so it is not echoed
        back in a second, garbled message."""
        filterset = self.filterset_class(usable_query(query), queryset=queryset, request=request)
        version = getattr(request, "data_version", None)  # set by config.caching's middleware
        self.key_counted_choices(filterset, version)
        problems = query_problems(query, form=filterset, paginated=paginated, nul_alone=nul_alone)
        if not (problems and nul_alone):
            usable = usable_query(query)
            for check in self.query_checks:
                for name, messages in check(usable).items():
                    problems.setdefault(name, []).extend(messages)
        filterset.keyset = filterset.position = None
        filterset.text_cache_key = None
        if version is not None and not problems:
            chosen = chosen_values(filterset.form)
            chosen.pop("sort", None)  # the order changes no match
            filterset.text_cache_key = self.text_cache_key(version, chosen)
        if paginated and not problems and self.cursor_pages is not None:
            problems = self.read_position(query, filterset)
        return filterset, problems

    def text_cache_key(self, version, chosen):
        """Where what a free-text filter found (`lists.filters.holding`) is kept, once per
        version and choice of filters (`chosen`, without the order): the page, its facets,
        the API and the downloads of the list alike. None without a term or a version."""
        if version is None or not chosen.get("q"):
            return None
        return f"holding:{release()}:{version.pk}:{self.name}{choice_key(chosen)}"

    def key_counted_choices(self, filterset, version):
        """Name the cache key of each counted country filter of `filterset`: its choices are
        then counted once per knowledge-base version, whatever the filters chosen, and the
        chosen countries checked against them (`cache_variant`: what else the counts depend
        on, such as the system scope). Nothing without a version."""
        if version is None:
            return
        for name, counted in filterset.form.fields.items():
            if isinstance(counted, CountedCountriesField):
                counted.cache_key = f"choices:{release()}:{version.pk}:{self.name}:{name}{counted.cache_variant}"
                # The records' other names are the same for every list and choice of filters.
                counted.aliases_key = f"choice-aliases:{release()}:{version.pk}:{counted.queryset.model._meta.label_lower}"

    def facet_counts(self, filterset, *, request=None):
        """{filter: {choice's key: rows}} for each facet the FilterSet declares (its `facets`,
        {filter: count(rows, others)} giving (key, rows) pairs from one GROUP BY, or a
        `Leading` for a type-ahead filter, whose counts are [(key, name, rows)]), counted as
        Datasette counts its facets: the rows the *other* filters keep, grouped by the
        facet's own choices, so a choice's count is what ticking it would add, and a facet's
        own choices never narrow its own counts.
        Each facet's counts are kept once per knowledge-base version and choice of the
        other filters (`once_per_version`); a country facet whose other filters are none, or
        only those of its FilterSet's `counted_alone` (the system scope), reads its counted
        choices instead (one cache read: the counts the list offered before facets followed
        the filters)."""
        declared = getattr(filterset, "facets", None) or {}
        chosen = chosen_values(filterset.form)
        if not declared or chosen is None:
            return {}
        chosen.pop("sort", None)
        counted_alone = getattr(filterset, "counted_alone", frozenset())
        version = getattr(request, "data_version", None)
        counts = {}
        for name, count in declared.items():
            others = {key: value for key, value in chosen.items() if key != name}
            field = filterset.form.fields[name]
            if isinstance(field, CountedCountriesField) and others.keys() <= counted_alone:
                counts[name] = {code: rows for code, _, rows in field.counted_rows()}
                continue

            def rows_of(name=name, others=others):
                return self.without(filterset, name, text_cache_key=self.text_cache_key(version, others))

            if isinstance(count, Leading):
                records = chosen.get(name) or ()
                records = records if isinstance(records, (list, tuple, QuerySet)) else [records]
                counts[name] = self.leading_counts(request, name, count, rows_of, others, records)
                continue

            def compute(count=count, others=others, rows_of=rows_of):
                return {str(key): rows for key, rows in count(rows_of(), others) if key is not None}

            counts[name] = once_per_version(request, f"{self.name}:facet:{name}", others, compute)
        return counts

    def leading_counts(self, request, name, facet, rows_of, others, records):
        """A type-ahead filter's facet (`Leading`): [(key, name, rows)] of the chosen
        `records` (in their order, each with its rows under the other filters, 0 for none),
        then of the records leading under the other filters that are not chosen. The leaders
        are one GROUP BY kept once per version and choice of the other filters, whatever
        records are chosen; the chosen ones that are not among them are counted on their own
        (one GROUP BY over their rows alone, along their key's index), kept per choice too."""
        # No other filter: every row, whose count per record a read model may keep.
        stored = facet.stored is not None and not others
        leaders = once_per_version(
            request, f"{self.name}:facet:{name}", others,
            facet.stored_leaders if stored else lambda: facet.leaders(rows_of()),
        )
        counted = {key: rows for key, _, rows in leaders}
        keys = [str(getattr(record, facet.key)) for record in records]
        missing = [record for record, key in zip(records, keys, strict=True) if key not in counted]
        if missing:
            chosen = {**others, name: missing}
            counted.update(once_per_version(
                request, f"{self.name}:facet:{name}:chosen", chosen,
                (lambda: facet.stored_chosen(missing)) if stored else lambda: facet.chosen(rows_of(), missing),
            ))
        return [
            *((key, str(record), counted.get(key, 0)) for record, key in zip(records, keys, strict=True)),
            *(row for row in leaders if row[0] not in keys),
        ]

    def without(self, filterset, name, *, text_cache_key=None):
        """The rows `filterset` (checked) selects with its filter `name` left empty, unordered:
        a FilterSet over the list's rows given the checked values as they are (so no chosen
        record is looked up again), but none for `name`; what its free-text term finds kept
        under `text_cache_key` (the page of that choice of filters keeps it there too)."""
        other = self.filterset_class(filterset.data, queryset=self.rows(), request=filterset.request)
        other.text_cache_key = text_cache_key
        field = other.form.fields[name]
        multiple = getattr(field.widget, "allow_multiple_selected", False)
        other.form.cleaned_data = {**filterset.form.cleaned_data, name: [] if multiple else None}
        other.form._errors = ErrorDict()  # checked already, as `filterset`
        return other.qs.order_by()

    def read_position(self, query, filterset):
        """Set the filtered list's `Keyset` and the position `query` asks for on `filterset`
        (`keyset`, `position`); {parameter: [message]} for a cursor or page number it cannot
        use. A list ordered where cursors do not apply (`cursor_pages` says) refuses a cursor."""
        chosen = filterset.form.cleaned_data
        if not self.cursor_pages(chosen):
            given = [name for name in CURSOR_PARAMETERS if any(query.getlist(name))]
            return {name: [NO_CURSOR_MESSAGE] for name in given}
        filterset.keyset = Keyset(
            filterset.qs, listing=self.name, sort=",".join(chosen.get("sort") or ()), max_page=self.max_numbered_page
        )
        try:
            filterset.position = filterset.keyset.read(query)
        except CursorProblem as problem:
            return problem.problems
        return {}


@dataclass(frozen=True)
class Leading:
    """The facet of a type-ahead filter, whose records come by the thousand (the statements'
    speakers): no box per record, but the `shown` records with the most rows under the other
    filters, and the chosen records, each with its count (`Listing.leading_counts`). `field`
    is the rows' foreign key to the records, `key` the records' key in the parameter (their
    slug) and `name` what they are called."""

    field: str
    key: str = "slug"
    # The records' name column; None where a record's name is built from its row (a deal's
    # label): the leaders are then read by key and named by `str()` (one query more).
    name: str | None = "name"
    shown: int = 5
    # Where the rows reach the records through a table of links (a timeline item's systems
    # and deals): a function of the rows giving their links, and the links' column naming
    # the row, each row counted once per record however many links join them.
    through: Callable | None = None
    counted: str = "pk"
    # Where a read model keeps the rows per record (a table with the foreign key `field` and
    # a column `rows_column`), a function giving its rows: read instead of a GROUP BY over every
    # row when no other filter is chosen (at scale 10, five seconds for the timeline's deals).
    stored: Callable | None = None
    rows_column: str = "items"

    def linked(self, rows):
        return self.through(rows) if self.through is not None else rows

    def count(self):
        return Count(self.counted, distinct=self.through is not None)

    def leaders(self, rows):
        """[(key, name, rows)] of the `shown` records with the most of `rows` (ties by name): one GROUP BY."""
        linked = self.linked(rows).filter(**{f"{self.field}__isnull": False})
        return self._top(lambda *columns: linked.values_list(*columns).annotate(rows=self.count()), "rows", linked.model)

    def stored_leaders(self):
        """`leaders` of every row, from the stored counts: the `shown`-th largest count read
        from the count's index, then the records counting at least as many, ordered as
        `leaders` orders them (so not every record is sorted by name)."""
        counts = self.stored().filter(**{f"{self.rows_column}__gt": 0})
        least = counts.order_by(f"-{self.rows_column}").values_list(self.rows_column, flat=True)[self.shown - 1 : self.shown]
        among = counts.filter(**{f"{self.rows_column}__gte": least[0]}) if least else counts
        return self._top(lambda *columns: among.values_list(*columns, self.rows_column), self.rows_column, counts.model)

    def _top(self, counted, rows, model):
        """[(key, name, rows)] of the `shown` records first by their rows, then name, then
        key: `counted` gives, for value columns, those columns and the column `rows` of a
        queryset over `model`."""
        key = f"{self.field}__{self.key}"
        if self.name is None:
            top = list(counted(key).order_by(f"-{rows}", key)[: self.shown])
            records = model._meta.get_field(self.field).related_model
            named = {str(getattr(record, self.key)): str(record) for record in records.objects.filter(**{f"{self.key}__in": [k for k, _ in top]})}
            return [(str(k), named.get(str(k), str(k)), n) for k, n in top]
        name = f"{self.field}__{self.name}"
        return [tuple(row) for row in counted(key, name).order_by(f"-{rows}", name, key)[: self.shown]]

    def stored_chosen(self, records):
        """`chosen` over every row, from the stored counts."""
        counts = self.stored().filter(**{f"{self.field}__in": records})
        return {str(key): rows for key, rows in counts.values_list(f"{self.field}__{self.key}", self.rows_column)}

    def chosen(self, rows, records):
        """{key: rows} of `records` among `rows`, read along the foreign key's index."""
        grouped = self.linked(rows).filter(**{f"{self.field}__in": records}).values_list(
            f"{self.field}__{self.key}"
        ).annotate(rows=self.count())
        return {str(key): count for key, count in grouped.order_by()}


def register(listing):
    LISTS[listing.name] = listing
    return listing


# The filters whose lists are costly to count and asked for again and again: with one of
# them chosen, a list's count is kept once per knowledge-base version and choice of filters.
# A common term's matches (80,000 statements hold "negotiations" at scale 10: 266 ms to count);
# the deals as of a day, each joined to the status period covering it (47 ms at scale 1).
COUNTED_ONCE = frozenset({"q", "as_of"})


def whole_count(listing, filterset, request, queryset):
    """How many rows `queryset` holds, when that can be known without counting the rows on
    every request, kept in the cache once per knowledge-base version (every write moves the
    version, so it stays exact): where the FilterSet counts the choice from a read model's
    count table (its `stored_count`, if it has one; no filter at all included), that count;
    with no filter otherwise, counted once per version; with one of COUNTED_ONCE, counted
    once per version and choice of filters. None when other filters narrow the list (the
    paginator counts), or before the filters are checked. Without a version to key it by
    (the middleware sets one), nothing is kept."""
    chosen = chosen_values(filterset.form)
    if chosen is None:
        return None
    chosen.pop("sort", None)  # the order changes no count
    stored_count = getattr(filterset, "stored_count", None)
    compute = stored_count(chosen) if stored_count is not None else None
    if compute is None:
        if chosen and not COUNTED_ONCE & chosen.keys():
            return None
        # A COUNT over the list, paid by the first request after each save (the citations,
        # 280,000 at scale 1, took 93 ms so, before their count table).
        compute = queryset.count
    return once_per_version(request, listing, chosen, compute)


def once_per_version(request, listing, chosen, compute):
    """compute() (a count of `listing` under the filters' values `chosen`, or a few of its
    rows), kept in the cache once per knowledge-base version and choice; computed each time
    without a version to key it by (the middleware sets one)."""
    version = getattr(request, "data_version", None)
    key = f"count:{release()}:{version.pk}:{listing}{choice_key(chosen)}" if version is not None else None
    return cached_rows(key, compute)


# Longer than this, a cache key's choice is written as its digest (memcached takes keys of
# up to 250 characters).
CHOICE_KEY_LENGTH = 120


def choice_key(chosen):
    """The filters' values as part of a cache key: each filter's name and its values' keys,
    sorted (records by primary key), so the same choice always reads the same key. Values
    are quoted (a term may hold `:`, `=`, `,` or spaces: `q=a:year_from=1` is not the term
    `a` from 1 onwards), and a long choice is written as its SHA-256 digest."""

    def keys(value):
        values = value if isinstance(value, (list, tuple, QuerySet)) else [value]
        return ",".join(sorted(quote(str(getattr(item, "pk", item)), safe="") for item in values))

    written = "".join(f":{name}={keys(value)}" for name, value in sorted(chosen.items()))
    if len(written) > CHOICE_KEY_LENGTH:
        return ":" + hashlib.sha256(written.encode()).hexdigest()
    return written
