"""The articles facts are drawn from, and the citations that tie each fact to its words."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from lists.addresses import address

from .base import NaturalKeyManager, Versioned
from .dates import ApproximatelyDated
from .querysets import CitationQuerySet, SourceQuerySet

SHORT_TITLE = 60


class Source(ApproximatelyDated, Versioned):
    """One news article, its full text kept so every excerpt can be checked and highlighted.

    Its date is the publication date; most articles do not print one, so `notes` says how
    it was established.
    """

    slug = models.SlugField(
        max_length=100, unique=True, help_text="Corpus identifier, e.g. 004_780518f76a4dacf2."
    )
    title = models.CharField(max_length=300)
    title_supplied = models.BooleanField(
        "title supplied by an editor",
        default=False,
        help_text="The article prints no headline; the title describes it.",
    )
    outlet = models.ForeignKey(
        "deals.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_sources",
        help_text="Leave empty when the text does not say who published it.",
    )
    agencies = models.ManyToManyField(
        "deals.Organisation",
        blank=True,
        related_name="relayed_in_sources",
        help_text="Agencies and outlets the article relays or credits (RIA Novosti, Sputnik…).",
    )
    url = models.URLField("URL", blank=True)
    language = models.CharField(max_length=8, default="en")
    text = models.TextField(help_text="The article's full text, exactly as published.")
    notes = models.TextField(
        blank=True, help_text="How the publication date and outlet were established."
    )

    date_required = True
    objects = NaturalKeyManager.from_queryset(SourceQuerySet)()

    class Meta:
        ordering = ["date_earliest", "slug"]
        indexes = [
            *ApproximatelyDated.Meta.indexes,
            # An outlet's page lists its sources in date order a page at a time: read along
            # this index, a page reads its rows, not the thousands a busy outlet published.
            models.Index(fields=["outlet", "date_earliest", "slug"], name="deals_source_outlet_date"),
            # The latest source (the coverage the pages state, `deals.totals.source_coverage`):
            # its first row read backwards, not every source scanned (98 ms at scale 10), which
            # the first request after each save paid.
            models.Index(fields=["date_latest", "id"], name="deals_source_latest"),
        ]
        constraints = [
            *ApproximatelyDated.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(date_edtf=""),
                name="source_has_publication_date",
                violation_error_message="A source needs its publication date, inferred if need be.",
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="source_text_not_empty",
                violation_error_message="A source needs its full text.",
            ),
            # The pages link this address; any other scheme (javascript:, data:) would run or
            # show something of the editor's choosing when a reader clicks "Original".
            models.CheckConstraint(
                condition=Q(url="") | Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="source_url_http_or_https",
                violation_error_message="A source's URL must start with http:// or https://.",
            ),
        ]

    def __str__(self):
        return f"[{self.title}]" if self.title_supplied else self.title

    @property
    def short_title(self) -> str:
        """The title as a breadcrumb or a citation's label shows it: whole up to 60 characters."""
        title = str(self)
        return title if len(title) <= SHORT_TITLE else title[: SHORT_TITLE - 1].rstrip() + "…"

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return address("deals:source_detail", self.slug)


CITATION_TARGETS = ("deal", "contract", "delivery", "statement", "event", "specification")


class Citation(Versioned):
    """A verbatim excerpt of a source on which exactly one fact rests."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    excerpt = models.TextField(help_text="Copied verbatim from the source's text.")
    deal = models.ForeignKey(
        "deals.Deal", on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    contract = models.ForeignKey(
        "deals.Contract", on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    delivery = models.ForeignKey(
        "deals.Delivery", on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    statement = models.ForeignKey(
        "deals.Statement", on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    event = models.ForeignKey(
        "deals.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    specification = models.ForeignKey(
        "deals.Specification",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["source", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    *[
                        Q(**{f"{target}__isnull": target != cited for target in CITATION_TARGETS})
                        for cited in CITATION_TARGETS
                    ],
                    _connector=Q.OR,
                ),
                name="citation_cites_exactly_one_fact",
                violation_error_message="A citation supports exactly one fact.",
            ),
            models.CheckConstraint(
                condition=~Q(excerpt=""),
                name="citation_excerpt_not_empty",
                violation_error_message="A citation needs an excerpt.",
            ),
        ]

    def __str__(self):
        excerpt = self.excerpt if len(self.excerpt) <= 60 else self.excerpt[:59] + "…"
        # Its source by title, not by corpus identifier: the admin's breadcrumbs show this.
        return f"“{excerpt}” ({self.source.short_title})"

    def get_absolute_url(self):
        """The excerpt, highlighted in its source's text."""
        return f"{self.source.get_absolute_url()}#citation-{self.pk}"

    @property
    def fact(self):
        return next(
            (getattr(self, t) for t in CITATION_TARGETS if getattr(self, f"{t}_id")), None
        )

    @property
    def start(self):
        """Where the excerpt begins in the source text (computed, never typed)."""
        return self.source.text.find(self.excerpt)

    @property
    def end(self):
        return self.start + len(self.excerpt)

    def clean(self):
        super().clean()
        if self.source_id is None or not self.excerpt:
            return
        check_excerpt(text=self.source.text, excerpt=self.excerpt)


def check_excerpt(*, text: str, excerpt: str, within: str = "source") -> None:
    """The one verbatim check: the excerpt occurs exactly once in the text, so it points at
    one place. ``within`` names the text for the editor ("source", or "article" while an
    ingested article is not a source yet)."""
    if not excerpt:
        raise ValidationError({"excerpt": "A citation needs an excerpt."})
    occurrences = text.count(excerpt)
    if occurrences == 0:
        raise ValidationError({"excerpt": f"This excerpt does not occur in the {within}'s text; copy it verbatim."})
    if occurrences > 1:
        raise ValidationError(
            {"excerpt": f"This excerpt occurs {occurrences} times in the {within}; lengthen it so it points at one place."}
        )
