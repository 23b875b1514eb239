"""Generates an invented knowledge base of any size (``--scale 1`` is SIPRI-sized), to
measure the site at scale; ``--remove`` takes it out again. See deals/sample_data/."""
import math
import time

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from deals import sample_data

MAX_SCALE = 100


def scale_value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CommandError(f"--scale must be a number, such as 1 or 0.01, not “{text}”.") from None
    if not math.isfinite(value) or value <= 0 or value > MAX_SCALE:
        raise CommandError(f"--scale must be above 0 and at most {MAX_SCALE}, not {text}.")
    return value


class Command(BaseCommand):
    help = (
        "Generate invented sample data at a scale (1: 30,000 deals, 100,000 statements, about 300,000 "
        "citations; 0.01 for a quick look), marked as generated, then rebuild the search index. Refuses a "
        "database that holds editors' work or generated data already."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=str, help="How much: 1 is SIPRI-sized, 10 ten times that, 0.001 a few dozen deals.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same records (default 1).")
        parser.add_argument(
            "--allow-editorial-data", action="store_true",
            help="Generate even into a database that holds editors' work (the generated records stay marked).",
        )
        parser.add_argument(
            "--discard-edits", action="store_true",
            help="With --remove or --replace: remove generated records even where editors changed them.",
        )
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--replace", action="store_true", help="Remove the generated data already there first.")
        what.add_argument("--remove", action="store_true", help="Only remove the generated data, and rebuild the index.")

    def handle(self, *args, **options):
        # With DEBUG on (the development settings) Django keeps the text of the last 9,000
        # queries; a bulk load's inserts of long texts would keep hundreds of megabytes of it.
        with override_settings(DEBUG=False):
            self._handle(**options)

    def _handle(
        self, *, scale=None, seed=1, allow_editorial_data=False, replace=False, remove=False, discard_edits=False,
        **options,
    ):
        verbosity = options["verbosity"]

        def progress(message):
            if verbosity >= 2:
                self.stdout.write(f"  {message}")

        started = time.monotonic()
        if remove:
            if scale is not None:
                raise CommandError("--remove takes no --scale: it removes every generated record.")
            if not discard_edits:
                _refuse_edited("--remove")
            removed = sample_data.remove(progress=progress)
            if verbosity:
                self.stdout.write(self.style.SUCCESS(
                    f"Removed the generated sample data in {time.monotonic() - started:.1f} s: {_counts(removed)}."))
            return
        if scale is None:
            raise CommandError("Say how much to generate: --scale 1 is SIPRI-sized, --scale 0.01 a quick look.")
        value = scale_value(scale)
        existing = {name: n for name, n in sample_data.generated_counts().items() if n}
        if existing and not replace:
            raise CommandError(
                f"The database already holds generated sample data ({_counts(existing)}). Run with --replace to "
                "generate it anew, or --remove to take it out.")
        if existing and not discard_edits:
            _refuse_edited("--replace")
        reasons = sample_data.editorial_records()
        if reasons and not allow_editorial_data:
            raise CommandError(
                "The database holds editors' work, and generated records would be mixed with it: "
                + "; ".join(reasons) + ". Generate into a database holding only the curated data (a new database: "
                "migrate, then load_curated), or pass --allow-editorial-data to mix them knowingly (generated "
                "records stay marked, and --remove takes them out).")
        try:
            written = sample_data.generate(scale=value, seed=seed, replace=bool(existing), progress=progress)
        except sample_data.GenerationError as error:
            raise CommandError(str(error)) from None
        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"Generated sample data at scale {value:g} (seed {seed}) in {time.monotonic() - started:.1f} s: "
                f"{_counts(written)}."))


def _refuse_edited(option):
    """Generated data is never mixed silently with editorial data: an editor's change to a
    generated record is not deleted with it unless the command is told to."""
    edited = sample_data.edited_generated_records()
    if edited:
        raise CommandError(
            f"Editors have changed generated records ({_counts(edited)}): the change history shows their edits, "
            f"and {option} would delete them with the generated data. Copy what should stay into records of its "
            f"own (not generated ones), then run again with --discard-edits to remove the generated records, "
            "edited ones included.")


def _counts(counts: dict) -> str:
    return ", ".join(f"{n:,} {name}" for name, n in counts.items())
