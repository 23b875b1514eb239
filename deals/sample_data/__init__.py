"""Sample data at scale: an invented knowledge base of any size, for measuring the site.

``generate`` writes the base tables (the models' own rows, through bulk inserts) and then
calls ``refresh_derived_data``, the one place that rebuilds what is derived from them;
``remove`` deletes the generated records and refreshes the same way. The command is
``manage.py generate_sample_data``; ``generator`` says what is made, ``marking`` how it is
told apart from editors' work.
"""
import time

from django.core.management import call_command
from django.db import connection, transaction

from deals.read_model import read_model_rebuild

from .generator import GenerationError, Generator, Sizes
from .marking import PREFIX, edited_generated_records, editorial_records, generated_counts, remove_generated

__all__ = ["PREFIX", "GenerationError", "Sizes", "edited_generated_records", "editorial_records", "generate", "generated_counts", "refresh_derived_data", "remove"]


def refresh_derived_data(*, progress=None) -> None:
    """Rebuild everything derived from the base tables, after rows were written or deleted
    without the write services (which keep these current one record at a time).

    That is the read model (the timeline and the per-deal summaries the lists read), the
    search index (every searchable record's document, and a new version of the knowledge base,
    so no cached page or ETag from before is served), and on PostgreSQL the planner's
    statistics, so the first pages after a large load get sensible plans.
    """
    progress = progress or (lambda message: None)
    started = time.monotonic()
    read_model_rebuild()
    progress(f"timeline and deal summaries rebuilt in {time.monotonic() - started:.1f} s")
    started = time.monotonic()
    # Called by name: the knowledge base does not import the search app (it plugs in).
    call_command("rebuild_search_index", verbosity=0)
    progress(f"search index rebuilt in {time.monotonic() - started:.1f} s")
    if connection.vendor == "postgresql":
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        progress(f"statistics updated in {time.monotonic() - started:.1f} s")


def generate(*, scale: float, seed: int = 1, replace: bool = False, progress=None) -> dict[str, int]:
    """Write a generated knowledge base at ``scale`` (1: SIPRI-sized) from ``seed``, all or
    nothing, then refresh what is derived from it; ``replace`` removes the generated records
    already there first, in the same transaction. Returns the rows written per model."""
    with transaction.atomic():
        if replace:
            remove_generated()
        written = Generator(scale=scale, seed=seed, progress=progress).run()
        refresh_derived_data(progress=progress)
    vacuum(progress=progress)
    return written


def remove(*, progress=None) -> dict[str, int]:
    """Delete every generated record, all or nothing, then refresh what is derived."""
    with transaction.atomic():
        removed = remove_generated()
        refresh_derived_data(progress=progress)
    vacuum(progress=progress)
    return removed


def vacuum(*, progress=None) -> None:
    """On PostgreSQL, outside a transaction, VACUUM ANALYZE after a bulk write: until the
    tables' visibility maps are set, every count the pages read along an index also reads
    the rows (at scale 10, a person's statement counts took 178 ms before and 12 ms after).
    Autovacuum would get there, minutes later; inside a transaction (a test) it cannot run."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    (progress or (lambda message: None))(f"vacuumed in {time.monotonic() - started:.1f} s")
