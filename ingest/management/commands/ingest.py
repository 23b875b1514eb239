"""Ingest an article from the command line: the same checks and drafts as the admin form."""
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ingest.documents import MAX_WORDS, UnreadableArticle, check_words, read_upload
from ingest.models import DraftKind
from ingest.output import article_as_json
from ingest.selectors import organisation_matching, organisations_like
from ingest.services import article_ingest


class Command(BaseCommand):
    help = (
        "Ingest an article (.txt or .html, at most 1 MB and, unless told otherwise, 10,000 words): store it with the assistant's drafts "
        "for review in the admin, and print what was found (counts per kind and each draft with "
        "its evidence span). Nothing reaches the knowledge base until an editor accepts a draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of a .txt or .html file.")
        parser.add_argument(
            "--outlet", required=True,
            help="The publishing organisation's name, alias or slug; a name the base does not know is created as a news outlet.",
        )
        parser.add_argument(
            "--new-outlet", action="store_true",
            help="Create the --outlet named even though the base has one written almost the same way.",
        )
        parser.add_argument("--url", default="", help="The article's http:// or https:// address, linked from its source page.")
        parser.add_argument("--published", required=True, help="Publication date as words: “June 9, 2021”, “June 2021”.")
        parser.add_argument("--title", default="", help="Title; defaults to the HTML <title> or the first line.")
        parser.add_argument(
            "--no-word-limit", action="store_true",
            help=f"Read an article longer than {MAX_WORDS:,} words (the admin form's limit) all the same; "
                 "100,000 words take minutes and a few gigabytes of memory.",
        )
        parser.add_argument(
            "--json", action="store_true",
            help="Print one JSON object instead: the article (id, title, published_edtf) and its drafts, "
                 "each with kind, start, end, evidence, words, summary and its kind's fields (null when unknown).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        outlet = organisation_matching(options["outlet"])
        if outlet is None and not options["new_outlet"] and (like := organisations_like(options["outlet"])):
            # A slip ("Reuter") would otherwise become a second outlet beside the known one.
            raise CommandError(
                f"The base has no outlet called “{options['outlet']}”; did you mean "
                f"{' or '.join(f'“{name}”' for name in like)}? Give that name, or pass --new-outlet to create "
                f"“{options['outlet']}” as a new news outlet."
            )
        try:
            text, html_title = read_upload(data=data, filename=path.name)
            if not options["no_word_limit"]:
                check_words(text, command=True)
            article = article_ingest(
                text=text, outlet=outlet, published_words=options["published"],
                title=options["title"] or html_title, filename=path.name,
                outlet_name="" if outlet else options["outlet"], url=options["url"].strip(),
            )
        except UnreadableArticle as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if outlet is None:
            # With --json, said on stderr so that the output stays one JSON object.
            (self.stderr if options["json"] else self.stdout).write(f"New outlet created: {article.outlet.name} (news outlet, /admin/deals/organisation/{article.outlet.pk}/change/).")
        if options["json"]:
            self.stdout.write(json.dumps(article_as_json(article), ensure_ascii=False, indent=2))
            return
        drafts = list(article.drafts.all())
        self.stdout.write(self.style.SUCCESS(
            f"Ingested “{article.title}” (article #{article.pk}, published {article.date_edtf}): {len(drafts)} drafts."
        ))
        for kind in DraftKind:
            of_kind = [d for d in drafts if d.kind == kind]
            self.stdout.write(f"\n{kind.label}: {len(of_kind)}")
            for draft in of_kind:
                evidence = " ".join(draft.evidence.split())
                evidence = evidence if len(evidence) <= 160 else evidence[:159] + "…"
                self.stdout.write(f"  [{draft.start}–{draft.end}] {draft.summary}\n      “{evidence}”")
        self.stdout.write(f"\nReview them in the admin: /admin/ingest/article/{article.pk}/review/")
