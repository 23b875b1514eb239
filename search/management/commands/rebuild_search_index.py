"""Rebuilds the search index from every record (safe to run at any time)."""
from django.core.management.base import BaseCommand

from search.services import rebuild_search_index


class Command(BaseCommand):
    help = "Rebuild the site search index from the database."

    def handle(self, *args, **options):
        count = rebuild_search_index()
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} documents."))
