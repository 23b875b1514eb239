"""Rebuilds the search index from every record (safe to run at any time)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from history.services import data_changed
from search.services import rebuild_search_index


class Command(BaseCommand):
    help = "Rebuild the site search index from the database."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rebuild_search_index()
            # What search answers may have changed: no search page cached before outlives it.
            data_changed(reason="search index rebuilt")
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} documents."))
