"""How many rows the knowledge base's big tables hold, for the home page's opening sentence,
at a cost that does not grow with them.

A table of fewer than `EXACT_BELOW` rows is counted exactly (the curated data's figures stay
exact); a bigger one is given as PostgreSQL's own estimate of its size (`pg_class.reltuples`,
kept by autovacuum and ANALYZE), rounded and said to be approximate, instead of a COUNT(*)
over hundreds of thousands of rows on every visit. Either way, one query for all the tables.
"""
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Q, Subquery

EXACT_BELOW = 10_000
ROUNDED_TO = 1_000


@dataclass(frozen=True)
class Total:
    value: int
    exact: bool

    def __str__(self):
        return str(self.value)


def table_totals(*models, using=None) -> list[Total]:
    """A `Total` for each model's table, in the order given, read where the router sends the
    first model's reads (a replica for a public page), as the rest of the page is."""
    connection = connections[using or router.db_for_read(models[0])]
    tables = [model._meta.db_table for model in models]
    if connection.vendor != "postgresql":
        exact = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)})" for table in tables)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {exact}")  # noqa: S608 - table names from the models
            return [Total(value, exact=True) for value in cursor.fetchone()]
    # Each table's estimate, and its exact count only where the estimate is small (or missing,
    # -1, before the table's first ANALYZE): PostgreSQL runs an uncorrelated subquery of a
    # CASE branch only when the branch is taken.
    columns = ", ".join(
        f"(SELECT CASE WHEN reltuples < {EXACT_BELOW} THEN (SELECT COUNT(*) FROM {connection.ops.quote_name(table)}) "
        f"ELSE -CAST(reltuples AS BIGINT) END FROM pg_class WHERE oid = %s::regclass)"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}", tables)  # noqa: S608 - table names from the models
        values = cursor.fetchone()
    # An estimate comes back negated, to tell it from a count.
    return [
        Total(value, exact=True) if value >= 0 else Total(round(-value / ROUNDED_TO) * ROUNDED_TO, exact=False)
        for value in values
    ]


@dataclass(frozen=True)
class Coverage:
    """The period the sources were published in: the publication date (bounds and EDTF) of
    the first source and of the last, so a page can say "sources published Feb 2007 – Nov
    2021" and a reader knows what no status can be newer than."""

    first: tuple  # (earliest, latest, edtf) of the source published first (by its earliest day)
    last: tuple  # … and of the one published last (by its latest day)

    @property
    def earliest(self):
        return self.first[0]

    @property
    def latest(self):
        return self.last[1]


def source_coverage(version=None) -> Coverage | None:
    """The sources' `Coverage`, None without a source: one query reading the two sources by
    their dates (each the first row of an index: `deals_source_date`, `deals_source_latest`),
    kept in the cache per knowledge-base version (`version`, the request's `data_version`;
    none: read each time), as the lists' counted choices are, since a page shows it at every
    visit."""
    from config.caching import release
    from deals.models import Source
    from lists.filters import cached_rows

    def read():
        first = Source.objects.order_by("date_earliest", "pk").values("pk")[:1]
        last = Source.objects.order_by("-date_latest", "-pk").values("pk")[:1]
        rows = list(
            # Each key a scalar subquery (`=`, not IN): PostgreSQL reads each by its index once,
            # where IN ... OR IN ... hashed both and scanned every source (50 ms at scale 10).
            Source.objects.filter(Q(pk=Subquery(first)) | Q(pk=Subquery(last)))
            .order_by()
            .values_list("date_earliest", "date_latest", "date_edtf")
        )
        if not rows:
            return None
        return Coverage(first=min(rows, key=lambda row: row[0]), last=max(rows, key=lambda row: row[1]))

    key = None if version is None else f"coverage:{release()}:{version.pk}"
    return cached_rows(key, read)
