"""`manage.py backup FILE`: everything editors made, as a JSON fixture (gzip if FILE ends in .gz)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from deals.backups import backup_write


class Command(BaseCommand):
    help = (
        "Write everything editors made — countries and aliases, sources, citations, people, "
        "organisations, systems, deals and their facts, the change history, ingested articles and "
        "drafts — to FILE as JSON (gzip-compressed if FILE ends in .gz). The search index and the "
        "timeline are left out: restore rebuilds them. Restore it with: manage.py restore FILE"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write the backup (FILE.json or FILE.json.gz).")
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="Include the user accounts (with their password hashes) and groups. Without it, "
            "records name their editor by username only.",
        )

    def handle(self, *args, file: Path, with_users=False, **options):
        if not file.parent.is_dir():
            raise CommandError(f"The folder {file.parent} does not exist; nothing was written.")
        counts = backup_write(path=file, with_users=with_users)
        if options["verbosity"] >= 1:
            total = sum(counts.values())
            kinds = ", ".join(f"{n} {label}" for label, n in counts.items() if n)
            self.stdout.write(self.style.SUCCESS(f"Backed up {total} records to {file}: {kinds}."))
