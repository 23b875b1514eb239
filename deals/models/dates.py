"""The approximate date, one implementation shared by every dated record.

A dated record keeps the words its source used, their EDTF normal form, the earliest and
latest day they can mean (indexed, for sorting and filtering) and how the date was
established. Editors type the words or the EDTF; the bounds are always derived.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from deals import approximate_dates
from deals.approximate_dates import DateBasis

BASIS_CHOICES = [
    (DateBasis.STATED.value, "Stated in full by the source"),
    (DateBasis.RESOLVED.value, "Resolved from a relative or partial phrase"),
    (DateBasis.INFERRED.value, "Inferred by an editor"),
]


class ApproximatelyDated(models.Model):
    date_words = models.CharField(
        "date as written",
        max_length=200,
        blank=True,
        help_text="The source's words, e.g. “mid-June 2019”, “last month”.",
    )
    date_edtf = models.CharField(
        "date (EDTF)",
        max_length=64,
        blank=True,
        help_text="Normal form, e.g. 2019-06-11/2019-06-20. Leave empty to derive it from the words.",
    )
    date_earliest = models.DateField("earliest day", null=True, blank=True, editable=False)
    date_latest = models.DateField("latest day", null=True, blank=True, editable=False)
    date_basis = models.CharField(
        "date basis", max_length=8, choices=BASIS_CHOICES, blank=True
    )

    # Records that must always carry a date (a source's publication) set this to True.
    date_required = False

    class Meta:
        abstract = True
        indexes = [
            models.Index(
                fields=["date_earliest", "date_latest"], name="%(app_label)s_%(class)s_date"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_earliest__lte=F("date_latest")),
                name="%(app_label)s_%(class)s_date_bounds_in_order",
                violation_error_message="The date's earliest day must not be after its latest day.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(date_words="", date_edtf="", date_earliest__isnull=True, date_latest__isnull=True, date_basis="")
                    | (
                        ~Q(date_edtf="")
                        & Q(date_earliest__isnull=False, date_latest__isnull=False)
                        & Q(date_basis__in=[value for value, _ in BASIS_CHOICES])
                    )
                ),
                name="%(app_label)s_%(class)s_date_complete",
                violation_error_message=(
                    "A date needs its EDTF form, both bounds and a known basis, or none of them."
                ),
            ),
        ]

    @property
    def approximate_date(self):
        if not self.date_edtf:
            return None
        return approximate_dates.ApproximateDate(
            words=approximate_dates.words_or_described(self.date_words, self.date_edtf),
            edtf=self.date_edtf,
            earliest=self.date_earliest,
            latest=self.date_latest,
            basis=DateBasis(self.date_basis),
        )

    def date_reference(self):
        """The date relative phrases are resolved against; records with a source override it."""
        return None

    def clean_date(self):
        """Derive the EDTF form and bounds from what the editor typed, or explain why not."""
        # deals.services imports the models, so the one date resolver is imported here.
        from deals.services import resolve_date

        words, edtf = self.date_words.strip(), self.date_edtf.strip()
        if not words and not edtf:
            if self.date_required:
                raise ValidationError({"date_words": "This record needs a date."})
            self.date_earliest = self.date_latest = None
            self.date_basis = ""
            return
        # A basis stored without an EDTF form was set for other words: the words' own counts.
        parsed = resolve_date(words=words, edtf=edtf, basis=self.date_basis if edtf else "",
                              reference=None if edtf else self.date_reference())
        self.date_words = words
        self.date_edtf = parsed.edtf
        self.date_earliest = parsed.earliest
        self.date_latest = parsed.latest
        self.date_basis = parsed.basis.value

    def clean(self):
        super().clean()
        self.clean_date()
