"""An article an editor brings in, and the drafts the assistant read from it.

Drafts live only here: nothing reaches the knowledge base (and its public pages) until an
editor accepts a draft, which creates or links the record and its citation in one
transaction (``ingest.accepting``).
"""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from deals.models.dates import ApproximatelyDated
from deals.models.deals import unit_as_counted
from deals.models.people import OrganisationKind

from .extract import Kind

MAX_ARTICLE_BYTES = 1_000_000


class Article(ApproximatelyDated):
    """The text as ingested, with its outlet and publication date (typed as words)."""

    title = models.CharField(max_length=300)
    outlet = models.ForeignKey(
        "deals.Organisation", on_delete=models.PROTECT, related_name="ingested_articles"
    )
    text = models.TextField(help_text="The article's text, reduced from HTML when it was uploaded as HTML.")
    fingerprint = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the normalised text: the same article twice is refused."
    )
    filename = models.CharField("uploaded file", max_length=255, blank=True)
    url = models.URLField(
        "URL", blank=True,
        help_text="Where the article was published (http or https); carried to its Source on the first accept.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    source = models.OneToOneField(
        "deals.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ingested_article",
        help_text="Created when the first draft is accepted.",
    )

    date_required = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = ApproximatelyDated.Meta.indexes
        constraints = [
            *ApproximatelyDated.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(text=""), name="ingest_article_text_not_empty",
                violation_error_message="An article needs its text.",
            ),
            models.CheckConstraint(
                condition=Q(url="") | Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="ingest_article_url_http_or_https",
                violation_error_message="The article's address must start with http:// or https://.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("admin:ingest_article_review", args=[self.pk])


class DraftStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class DraftKind(models.TextChoices):
    STATEMENT = Kind.STATEMENT, "Statement"
    DEAL = Kind.DEAL, "Deal"
    DELIVERY = Kind.DELIVERY, "Delivery"
    MONEY = Kind.MONEY, "Money"
    QUANTITY = Kind.QUANTITY, "Quantity"
    DATE = Kind.DATE, "Date"
    COUNTRY = Kind.COUNTRY, "Country"
    SYSTEM = Kind.SYSTEM, "Weapon system"
    ORGANISATION = Kind.ORGANISATION, "Organisation"



def _unit(value: dict, upper: str = "") -> str:
    """The drafted unit (stored plural) as the count reads: "1 regiment", "2 regiments"."""
    unit = value.get("unit") or ""
    return unit if upper else unit_as_counted(value.get("quantity"), unit)

class Draft(models.Model):
    """One thing the assistant found, with the offsets of its evidence in the article text."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="drafts")
    kind = models.CharField(max_length=12, choices=DraftKind.choices)
    start = models.PositiveIntegerField(help_text="Where the evidence (what a citation quotes) starts.")
    end = models.PositiveIntegerField()
    words_start = models.PositiveIntegerField(help_text="Where the words the value was read from start.")
    words_end = models.PositiveIntegerField()
    value = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=DraftStatus.choices, default=DraftStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(
        max_length=300, blank=True, help_text="What accepting it created or linked."
    )
    result_url = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["article", "start", "words_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")) & Q(words_start__lt=F("words_end")),
                name="ingest_draft_spans_not_empty",
                violation_error_message="A draft's evidence and words cannot be empty.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DraftKind.values),
                name="ingest_draft_kind_valid",
                violation_error_message="Unknown kind of draft.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=DraftStatus.values),
                name="ingest_draft_status_valid",
                violation_error_message="Unknown draft status.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary}"

    @property
    def evidence(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def words(self) -> str:
        return self.article.text[self.words_start : self.words_end]

    @property
    def summary(self) -> str:
        """The value in a line, as the review page and the ingest command print it."""
        v = self.value
        if self.kind == Kind.STATEMENT:
            who = v.get("speaker") or "?"
            role = f" ({v['role']})" if v.get("role") else ""
            if v.get("unnamed"):
                who, role = f"unnamed {v.get('role') or 'speaker'}", f", for {v['speaker']}" if v.get("speaker") else ""
            medium = f", to {v['medium']}" if v.get("medium") else ""
            date = f", {v['date']['words']}" if v.get("date") else ""
            return f"{who}{role}{medium}{date} — {v.get('mode')}, {v.get('stance')}"
        if self.kind == Kind.DEAL:
            return f"{v.get('supplier')} → {v.get('recipient')}: {v.get('system_name')} ({v.get('status')}{', “' + v['cue'] + '”' if v.get('cue') else ''})"
        if self.kind == Kind.MONEY:
            certainty = f" ({v['certainty']})" if v.get("certainty") not in (None, "", "stated") else ""
            also = "".join(f" = {a['qualifier'] + ' ' if a.get('qualifier') else ''}{a['amount']} {a['currency']}" for a in v.get("also", []))
            return f"{v.get('qualifier', '') + ' ' if v.get('qualifier') else ''}{v.get('amount')} {v.get('currency')}{also}{certainty}"
        if self.kind == Kind.QUANTITY:
            upper = f" to {v['upper']}" if v.get("upper") else ""  # a range: "24 to 36 aircraft"
            return f"{v.get('qualifier', '') + ' ' if v.get('qualifier') else ''}{v.get('quantity')}{upper} {_unit(v, upper)}"
        if self.kind == Kind.DATE:
            against = f", resolved against the {v['resolved_against']}" if v.get("resolved_against") else ""
            return f"{v.get('words')} → {v.get('edtf')} ({v.get('earliest')} to {v.get('latest')}{against})"
        if self.kind == Kind.DELIVERY:
            deal = v.get("deal") or {}
            count = f", {v['quantity']} {_unit(v)}" if v.get("quantity") is not None else ""
            date = f", {v['date']['words']}" if v.get("date") else ""
            return (f"{'planned' if v.get('planned') else 'actual'} delivery: {deal.get('supplier')} → "
                    f"{deal.get('recipient')}: {deal.get('system')}{count}{date}")
        if self.kind == Kind.ORGANISATION:
            country = f", {v['country']}" if v.get("country") else ""
            kind = dict(OrganisationKind.choices).get(v.get("kind"), "body").lower()
            return f"{v.get('name')} ({kind}{country}) — not in the base yet"
        if self.kind == Kind.SYSTEM and not v.get("slug"):
            return f"{v.get('name')} — not in the base yet"
        written = f", as “{v['alias']}”" if v.get("alias") and v.get("alias") != v.get("name") else ""
        if self.kind == Kind.COUNTRY:
            return f"{v.get('name')} ({v.get('code')}{written})"
        return f"{v.get('name')}{' (as “' + v['alias'] + '”)' if written else ''}"
