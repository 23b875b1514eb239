"""Loads the curated data into a database that does not hold the knowledge base yet.

A database that already holds it is left alone, so `make run` can run this every time
without undoing editors' work; `--replace` loads the fixtures over it on purpose. Either
way the load is all or nothing, and loading the same fixtures again changes nothing.
"""
from contextlib import nullcontext

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from deals.integrity import integrity_problems
from deals.models import Source, is_editorial
from deals.read_model import read_model_rebuild
from history.services import data_changed, recording_changes

FIXTURES = ["countries.json", "curated.json"]


class Command(BaseCommand):
    help = (
        "Load every ISO country and the facts curated from the articles into a database that "
        "does not hold the knowledge base yet (a database that does is left as it is)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Load the fixtures even if the knowledge base is already there: every curated record "
            "gets its fixture values back, undoing editors' changes to it (records editors added stay).",
        )

    def handle(self, *args, replace=False, **options):
        verbosity = options["verbosity"]
        sources = Source.objects.count()
        if sources and not replace:
            if verbosity >= 1:
                self.stdout.write(
                    f"The knowledge base is already loaded ({sources} sources); nothing was changed, so "
                    "editors' changes are kept. To load the curated fixtures over it (undoing editors' "
                    "changes to curated records), run: python manage.py load_curated --replace"
                )
            return
        with transaction.atomic():
            # Reloading over editors' work writes a change record for each record it changes
            # or adds, as the admin and the services do; a first load into an empty base has
            # nothing to record against.
            with recording_changes(_curated_models(), via="load_curated") if sources else nullcontext():
                call_command("loaddata", *FIXTURES, verbosity=0)
            # loaddata's raw saves bypass the write path: derive the timeline and the deal
            # summaries from what was loaded, in the same transaction.
            read_model_rebuild()
            problems = integrity_problems()
            if problems:
                # Raising inside the transaction leaves the database as it was.
                raise CommandError(
                    "The curated data is inconsistent; nothing was loaded:\n  " + "\n  ".join(problems)
                )
            # loaddata records no change on a first load: a new version all the same, so no
            # page cached before it is served after it.
            data_changed(reason="load_curated")
        # loaddata's raw saves bypass the search index's signals, so rebuild it once here.
        call_command("rebuild_search_index", verbosity=verbosity, stdout=self.stdout)
        if verbosity < 1:
            return
        counts = ", ".join(
            f"{model._default_manager.count()} {model._meta.verbose_name_plural}"
            for app in ("countries", "deals")
            for model in apps.get_app_config(app).get_models()
        )
        self.stdout.write(self.style.SUCCESS(f"Curated data {'reloaded' if sources else 'loaded'}: {counts}."))


def _curated_models():
    """The models the fixtures fill (the derived tables excepted)."""
    return [model for app in ("countries", "deals") for model in apps.get_app_config(app).get_models() if is_editorial(model)]
