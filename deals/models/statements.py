"""What officials, bodies and outlets said, in their words or reported, and about which deals."""
from django.db import models
from django.db.models import Q

from lists.addresses import address

from .base import Cited
from .dates import ApproximatelyDated
from .querysets import StatementQuerySet


class StatementMode(models.TextChoices):
    QUOTE = "quote", "Verbatim quote"
    REPORTED = "reported", "Reported speech"


def words_as_said(mode: str, text: str) -> str:
    """A statement's words in plain text, marked as its pages mark them: a verbatim quote in
    quotation marks, anything else as reported speech ("Reported: …"), never in quotation
    marks, so a paraphrase is not passed off as someone's own words (a feed, a record's name)."""
    return f"“{text}”" if mode == StatementMode.QUOTE else f"Reported: {text}"


class Stance(models.TextChoices):
    """What a statement does to the deals it concerns; conflicting stances make a deal disputed."""

    ASSERTS = "asserts", "Asserts or confirms"
    DENIES = "denies", "Denies"
    COMMENTS = "comments", "Comments"


class Statement(Cited, ApproximatelyDated):
    speaker = models.ForeignKey(
        "deals.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    organisation = models.ForeignKey(
        "deals.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text="The body that spoke, or the outlet whose report this is.",
    )
    speaker_role = models.CharField(
        "role at the time", max_length=200, blank=True, help_text="As the source gives it."
    )
    medium = models.ForeignKey(
        "deals.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements_carried",
        help_text="The outlet it was said to (“told Interfax”).",
    )
    setting = models.CharField(
        "where or to whom",
        max_length=200,
        blank=True,
        help_text="e.g. “at the Dubai Airshow-2021”, “told reporters in Moscow”.",
    )
    text = models.TextField("words", help_text="The quote verbatim, or the reported speech.")
    mode = models.CharField(max_length=8, choices=StatementMode.choices)
    stance = models.CharField(max_length=8, choices=Stance.choices, default=Stance.COMMENTS)
    deals = models.ManyToManyField("deals.Deal", blank=True, related_name="statements")
    countries = models.ManyToManyField(
        "countries.Country", blank=True, related_name="statements", help_text="Countries it concerns."
    )

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["date_earliest", "date_latest", "pk"]
        indexes = [
            *ApproximatelyDated.Meta.indexes,
            # A person's page reads their statements in date order a page at a time: from
            # this index, not by walking every statement's dates to reach a spokesman's.
            models.Index(fields=["speaker", "date_earliest", "date_latest", "id"], name="statement_speaker_date"),
        ]
        constraints = [
            *ApproximatelyDated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(speaker__isnull=False) | Q(organisation__isnull=False),
                name="statement_has_speaker",
                violation_error_message="A statement needs a speaker: a person, a body or an outlet.",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=StatementMode.values),
                name="statement_mode_valid",
                violation_error_message="A statement is either a verbatim quote or reported speech.",
            ),
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values),
                name="statement_stance_valid",
                violation_error_message="Unknown stance.",
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="statement_text_not_empty",
                violation_error_message="A statement needs its words.",
            ),
        ]

    def __str__(self):
        # Its mode marked as on its page: the name goes where the page does not (the admin,
        # the public recent changes and their feed).
        words = self.text if len(self.text) <= 70 else self.text[:69] + "…"
        return f"{self.attribution}: {words_as_said(self.mode, words)}"

    def get_absolute_url(self):
        return address("deals:statement_detail", self.pk)

    @property
    def attribution(self):
        if self.speaker_id and self.organisation_id:
            return f"{self.speaker.name} ({self.organisation.name})"
        return (self.speaker or self.organisation).name
