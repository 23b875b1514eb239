"""`manage.py restore FILE`: a backup loaded into an empty database, then the search index rebuilt."""
from pathlib import Path

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError

from deals.backups import RestoreRefused, restore_read


class Command(BaseCommand):
    help = (
        "Load a backup written by `manage.py backup` into an empty, migrated database, all or "
        "nothing, then rebuild the search index. A database that already holds records is refused "
        "and left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup (FILE.json or FILE.json.gz).")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"There is no file {file}; nothing was restored.")
        try:
            counts = restore_read(path=file)
        except RestoreRefused as refusal:
            raise CommandError(str(refusal)) from None
        except serializers.base.DeserializationError as error:
            raise CommandError(f"{file} holds a record this database cannot take; nothing was restored. ({error})") from None
        if options["verbosity"] >= 1:
            total = sum(counts.values())
            kinds = ", ".join(f"{n} {label}" for label, n in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Restored {total} records from {file}: {kinds}. Search index rebuilt."))
