"""Rebuilds the search index from every record (safe to run at any time)."""
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from history.services import data_changed
from search.models import SearchDocument
from search.services import rebuild_search_index


class Command(BaseCommand):
    help = "Rebuild the site search index from the database."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rebuild_search_index()
            # What search answers may have changed: no search page cached before outlives it.
            data_changed(reason="search index rebuilt")
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # The replaced documents are dead rows that every scan of the indexes would step
            # over until autovacuum came by (it made a common word's search several times
            # slower); VACUUM cannot run inside a transaction, so only when called outside one.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(SearchDocument._meta.db_table)}")
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} documents."))
