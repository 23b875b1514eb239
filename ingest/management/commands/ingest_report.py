"""Measures the ingestion assistant on the curated sources and on the development and held-out corpora."""
from django.core.management.base import BaseCommand, CommandError

from deals.models import Source
from ingest.evaluation import (
    CHECK_DIR,
    CORPUS_ATTRIBUTES,
    CORPUS_DIR,
    CORPUS_KINDS,
    HELDOUT_DIR,
    KINDS,
    corpus_articles,
    corpus_report,
    extraction_report,
)

# (--corpus name, table title, directory) of the corpora of invented articles.
CORPORA = [
    ("dev", "Development corpus", CORPUS_DIR),
    ("check", "Check corpus", CHECK_DIR),
    ("heldout", "Held-out corpus", HELDOUT_DIR),
]
# The sets nobody tunes on.
EVALUATION = ("check", "heldout")


class Command(BaseCommand):
    help = (
        "Run the ingestion assistant on the curated sources (their texts are in the database "
        "after load_curated) and compare its drafts with the curated records: recall and "
        "precision per kind. A curated record counts as found when a draft of its kind "
        "overlaps one of its citation excerpts in the source text and agrees with it (money and "
        "quantities: where the excerpt states the figure): statements with the same speaker (person, or body when no person is named); money "
        "with the same amount and currency; quantities with the same number and unit; dates "
        "(each distinct date phrase the records rest on, inferred dates left out) with the same "
        "earliest and latest day. Countries, systems and deals compare, per source, the set the "
        "curated records involve with the set the drafts name. Precision is the share of drafts "
        "that match a curated record the same way. The bar: statements and dates 90%, money and "
        "quantities 100% recall; --check fails below it. The development corpus (ingest/tests/corpus, "
        "invented articles with hand-made expectations; its README gives the matching rules) is "
        "measured too, in a second table, with no bar: it is for development, never tuned on. The "
        "held-out corpus (ingest/tests/corpus_heldout, same format, written apart from the "
        "extractors and never tuned on) gives a third table: figures on unseen articles. The check set "
        "(ingest/tests/corpus_check) is written by the team before a round of work and never tuned on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", help="Only this source slug (repeatable).")
        parser.add_argument("--check", action="store_true", help="Exit with an error if a kind is below the bar (seed articles).")
        parser.add_argument(
            "--corpus", choices=["seed", "dev", "check", "heldout", "all"], default="all",
            help="seed: the curated sources; dev: the development corpus; check: the team's check set, "
            "never tuned on; heldout: the held-out corpus; all (default): the four, a table each.",
        )
        parser.add_argument("--article", action="append", help="Only this corpus article, e.g. 01_tr_second_batch_wire (repeatable).")

    def handle(self, *args, **options):
        corpora = [(name, title, directory) for name, title, directory in CORPORA if options["corpus"] in (name, "all")]
        if options["article"]:
            known = {name for _, _, directory in corpora for name, _, _ in corpus_articles(directory)}
            if missing := set(options["article"]) - known:
                raise CommandError(f"No corpus article named {', '.join(sorted(missing))}.")
        below = []
        if options["corpus"] in ("seed", "all") and not options["article"]:
            below = self._seed(options)
        if not options["source"]:
            for name, title, directory in corpora:
                if options["corpus"] == "all" and not options["article"]:
                    self.stdout.write("")
                self._corpus(options, name, title, directory)
        if options["check"] and below:
            raise CommandError(f"Below the bar: {', '.join(below)}.")

    def _seed(self, options) -> list[str]:
        sources = None
        if options["source"]:
            sources = list(Source.objects.filter(slug__in=options["source"]).order_by("slug"))
            missing = set(options["source"]) - {s.slug for s in sources}
            if missing:
                raise CommandError(f"No source with the slug {', '.join(sorted(missing))}.")
        scores = extraction_report(sources=sources)
        self.stdout.write("Seed articles (curated sources against curated records)")
        self.stdout.write(f"{'kind':<12}{'curated':>8}{'found':>7}{'recall':>8}{'drafts':>8}{'right':>7}{'precision':>10}  bar")
        for kind in KINDS:
            s = scores[kind]
            bar = f"{s.bar:.0%} {'ok' if s.meets_bar else 'BELOW'}" if s.bar is not None else "—"
            self.stdout.write(
                f"{kind:<12}{s.gold:>8}{s.found:>7}{s.recall:>8.0%}{s.drafts:>8}{s.correct:>7}{s.precision:>10.0%}  {bar}"
            )
        if options["verbosity"] >= 2:
            for kind in KINDS:
                for miss in scores[kind].misses:
                    self.stdout.write(f"  missed {kind}: {miss}")
                for wrong in scores[kind].wrong:
                    self.stdout.write(f"  unmatched {kind} draft: {wrong}")
        return [kind for kind in KINDS if not scores[kind].meets_bar]

    def _corpus(self, options, corpus, title, directory):
        names = {name for name, _, _ in corpus_articles(directory)}
        if options["article"] and not names & set(options["article"]):
            return  # the articles asked for are all in the other corpus
        scores = corpus_report(directory=directory, names=options["article"])
        articles = len(names & set(options["article"])) if options["article"] else len(names)
        self.stdout.write(f"{title} ({articles} articles against hand-made expectations)")
        self.stdout.write(f"{'kind':<16}{'expected':>9}{'found':>7}{'recall':>8}{'drafts':>8}{'right':>7}{'precision':>10}")
        for kind in CORPUS_KINDS + CORPUS_ATTRIBUTES:
            s = scores[kind]
            precision = f"{s.precision:>10.0%}" if s.drafts else f"{'—':>10}"
            self.stdout.write(f"{kind:<16}{s.gold:>9}{s.found:>7}{s.recall:>8.0%}{s.drafts:>8}{s.correct:>7}{precision}")
        if options["verbosity"] >= 2 and corpus in EVALUATION and options["corpus"] != corpus:
            # An evaluation set's misses are its sentences: listed only when it is asked for by
            # name, never in passing to whoever develops on the other corpora.
            self.stdout.write(f"  (its misses are listed with --corpus {corpus} only)")
        elif options["verbosity"] >= 2:
            for kind in CORPUS_KINDS + CORPUS_ATTRIBUTES:
                for miss in scores[kind].misses:
                    self.stdout.write(f"  missed {kind}: {miss}")
                for wrong in scores[kind].wrong:
                    self.stdout.write(f"  unmatched {kind} draft: {wrong}")
