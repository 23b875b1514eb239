"""Rebuild the tables derived from the facts (the timeline, the deal summaries) in a few
set-based statements: after a bulk insert that bypassed the write path, or to check that
the write path kept them current (the rows come back the same)."""
import time

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from deals.read_model import read_model_rebuild


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to rebuild them in.")

    def handle(self, *args, database, **options):
        started = time.perf_counter()
        counts = read_model_rebuild(using=database)
        if options["verbosity"] >= 1:
            rows = ", ".join(f"{count} {label}" for label, count in counts.items())
            self.stdout.write(f"Read model rebuilt in {time.perf_counter() - started:.1f} s: {rows}.")
