"""Loads the curated data into the database; running it again changes nothing."""
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from deals.integrity import integrity_problems

FIXTURES = ["countries.json", "curated.json"]


class Command(BaseCommand):
    help = "Load every ISO country and the facts curated from the articles (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            call_command("loaddata", *FIXTURES, verbosity=0)
            problems = integrity_problems()
            if problems:
                # Raising inside the transaction leaves the database as it was.
                raise CommandError(
                    "The curated data is inconsistent; nothing was loaded:\n  " + "\n  ".join(problems)
                )
        # loaddata's raw saves bypass the search index's signals, so rebuild it once here.
        call_command("rebuild_search_index", verbosity=options["verbosity"], stdout=self.stdout)
        if options["verbosity"] < 1:
            return
        counts = ", ".join(
            f"{model._default_manager.count()} {model._meta.verbose_name_plural}"
            for app in ("countries", "deals")
            for model in apps.get_app_config(app).get_models()
        )
        self.stdout.write(self.style.SUCCESS(f"Curated data loaded: {counts}."))
