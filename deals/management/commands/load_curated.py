"""Loads the curated data into a database that does not hold the knowledge base yet.

A database that already holds it is left alone, so `make run` can run this every time
without undoing editors' work; `--replace` loads the fixtures over it on purpose. Either
way the load is all or nothing, and loading the same fixtures again changes nothing.

Both record what they write in the change history, as an editor's save is recorded but by
no account (`via` "load_curated", the history's import): a first load each curated record
it adds, so the public "Recent changes" of a fresh install lists them; a reload each record
it changes back or adds again, and nothing when nothing changed.
"""
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from deals.integrity import integrity_problems
from deals.models import Source, is_editorial
from deals.read_model import read_model_rebuild
from history.services import CURATED_LOAD, data_changed, recording_changes

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
            # A change record for each record the load adds, or a reload changes or adds again,
            # as the admin and the services write one (a first load's countries excepted).
            with recording_changes(_curated_models(countries=bool(sources)), via=CURATED_LOAD):
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
            # A new version even when no change was recorded, so no page cached before the
            # load is served after it.
            data_changed(reason=CURATED_LOAD)
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


def _curated_models(*, countries=True):
    """The models the fixtures fill (the derived tables excepted), without the countries and
    their aliases unless `countries` (a first load's ISO list of every country is where the
    knowledge base starts, not news of it), in the reverse of their apps' order: recorded in
    that order, the deals are the newest changes, so "Recent changes" opens on them."""
    labels = ("countries", "deals") if countries else ("deals",)
    models = [model for app in labels for model in apps.get_app_config(app).get_models() if is_editorial(model)]
    return models[::-1]
