"""Deals (one prospective or actual transfer), their contracts and their deliveries."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Sum

from deals.currencies import ISO_4217_CODES
from lists.addresses import address

from .base import Cited, NaturalKeyManager
from .dates import ApproximatelyDated
from .querysets import ContractQuerySet, DealQuerySet, DeliveryQuerySet


class DealStatus(models.TextChoices):
    """Where a deal stands; one vocabulary for the whole knowledge base.

    A deal moves along `stage` (offered or reported, negotiating, signed, delivering,
    delivered); suspended, cancelled and denied stop it (`stops_progress`). It is over
    (not `is_active`) once delivered, cancelled or denied; a suspended deal may resume.
    """

    OFFERED = "offered", "Offered"
    REPORTED = "reported", "Reported"
    NEGOTIATING = "negotiating", "Negotiating"
    SIGNED = "signed", "Signed"
    DELIVERING = "delivering", "Delivering"
    DELIVERED = "delivered", "Delivered"
    SUSPENDED = "suspended", "Suspended"
    CANCELLED = "cancelled", "Cancelled"
    DENIED = "denied", "Denied"

    @property
    def meaning(self) -> str:
        """What the status says about the deal, in a sentence (the home and deal pages)."""
        return _STATUS_MEANINGS[self]

    @property
    def stage(self) -> int | None:
        """How far along its path the deal is, from 0 (offered, or only reported) to 4
        (delivered); None for a status that stops the deal."""
        return _STAGES.get(self)

    @property
    def stops_progress(self) -> bool:
        """Suspended, cancelled or denied: the deal no longer moves along its stages."""
        return self.stage is None

    @property
    def is_active(self) -> bool:
        """The deal is not over: anything but delivered, cancelled or denied."""
        return self not in (DealStatus.DELIVERED, DealStatus.CANCELLED, DealStatus.DENIED)

    def step_from(self, current: str) -> str:
        """What a report of this status says about a deal now at ``current``: "same"; "none"
        (only reported: no status cue); "history" (an earlier stage: "Turkey bought S-400s"
        of a delivered deal); "forward" (a later stage, or an open deal closing); "conflict"
        (a closed deal reported as alive again)."""
        current = DealStatus(current)
        if self == current:
            return "same"
        if self == DealStatus.REPORTED:
            return "none"
        if self.stops_progress:
            return "forward" if current.is_active else "history"
        if current.stops_progress:
            # Only a suspended deal can resume; a cancelled or denied one reported alive is a conflict.
            return "forward" if current.is_active else "conflict"
        return "forward" if self.stage > current.stage else "history"


_STATUS_MEANINGS = {
    DealStatus.OFFERED: "The supplier offered it.",
    DealStatus.REPORTED: "Interest or talks were reported; nothing is confirmed.",
    DealStatus.NEGOTIATING: "The parties say they are negotiating.",
    DealStatus.SIGNED: "A contract or agreement was concluded.",
    DealStatus.DELIVERING: "Deliveries have begun.",
    DealStatus.DELIVERED: "Everything contracted has been delivered.",
    DealStatus.SUSPENDED: "Deliveries or activities were suspended.",
    DealStatus.CANCELLED: "The deal was abandoned or turned down.",
    DealStatus.DENIED: "A party officially denied it.",
}
_STAGES = {
    DealStatus.OFFERED: 0, DealStatus.REPORTED: 0, DealStatus.NEGOTIATING: 1,
    DealStatus.SIGNED: 2, DealStatus.DELIVERING: 3, DealStatus.DELIVERED: 4,
}


class DealScope(models.TextChoices):
    """Which deals a list or a count covers: those of the S-400 family (the system and its
    variants, `querysets.s400_family`) alone, or every deal the sources mention, the
    related ones included (other systems' deals given as context, deals with no system)."""

    S_400 = "s-400", "S-400 only"
    ALL = "all", "S-400 and related deals"


class QuantityUnit(models.TextChoices):
    REGIMENTS = "regiments", "regiments"
    DIVISIONS = "divisions", "divisions"
    BATTALIONS = "battalions", "battalions"
    BATTERIES = "batteries", "batteries"
    SYSTEMS = "systems", "systems"
    LAUNCHERS = "launchers", "launchers"
    AIRCRAFT = "aircraft", "aircraft"
    CONTRACTS = "contracts", "contracts"


def unit_as_counted(number, unit: str) -> str:
    """A unit (stored plural) as a count reads it: "1 regiment", "1 battery", "2 regiments", "1 aircraft"."""
    if number != 1:
        return unit
    return unit[:-3] + "y" if unit.endswith("ies") else unit[:-1] if unit.endswith("s") else unit


class ValueCertainty(models.TextChoices):
    """How sure the sources are of a deal's value when no signed contract states it."""

    REPORTED = "reported", "Reported"  # from unnamed sources, reports, estimates
    EXPECTED = "expected", "Expected"  # hedged or future: "could reach", "would be worth"


class Deal(Cited):
    slug = models.SlugField(max_length=100, unique=True)
    supplier = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, related_name="deals_as_supplier"
    )
    recipient = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, related_name="deals_as_recipient"
    )
    system = models.ForeignKey(
        "deals.WeaponSystem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deals",
        help_text="Leave empty when the source does not name the system.",
    )
    subject = models.CharField(
        max_length=200, help_text="What is transferred, in the sources' terms."
    )
    status = models.CharField(max_length=12, choices=DealStatus.choices)
    disputed = models.BooleanField(
        default=False, help_text="Sources contradict each other about this deal."
    )
    summary = models.TextField()
    # A value only reported or expected is the deal's, not a signed contract's: a contract's
    # value is what was signed, and the lists and the API read it as such.
    reported_value_amount = models.DecimalField(
        "reported value", max_digits=18, decimal_places=2, null=True, blank=True,
        help_text="A value reported or expected before (or without) a signed contract stating it.",
    )
    reported_value_currency = models.CharField("reported value currency", max_length=3, blank=True)
    reported_value_words = models.CharField("reported value as written", max_length=200, blank=True)
    reported_value_certainty = models.CharField(
        "certainty of the reported value", max_length=8, choices=ValueCertainty.choices, blank=True
    )

    objects = NaturalKeyManager.from_queryset(DealQuerySet)()

    class Meta:
        ordering = ["recipient__name", "slug"]
        indexes = [
            # A page of the deal list in its default order, and a country's deals as recipient,
            # read one recipient's deals by slug from here (`lists.pages.GroupedPaginator`), the
            # offset counted in the index alone (the id in it too, so the heap is not read).
            models.Index(fields=["recipient", "slug", "id"], name="deal_recipient_slug"),
            # One recipient's deals at one status, in the lists' order (the filtered deal list).
            models.Index(fields=["recipient", "status", "slug"], name="deal_recipient_status_slug"),
            # A supplier's deals in the lists' order: by recipient, then slug.
            models.Index(fields=["supplier", "recipient", "slug"], name="deal_supplier_recipient_slug"),
            # The disputed deals in the lists' order (the home page's first ten): read along the
            # recipients' names here, not filtered out of every deal of the busiest recipients
            # (20 ms at scale 10, where some 6% of deals are disputed).
            models.Index(fields=["recipient", "slug"], condition=Q(disputed=True), name="deal_disputed_recipient_slug"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DealStatus.values),
                name="deal_status_valid",
                violation_error_message="Unknown deal status.",
            ),
            models.CheckConstraint(
                condition=~Q(supplier=F("recipient")),
                name="deal_supplier_is_not_recipient",
                violation_error_message="A country cannot supply itself.",
            ),
            models.CheckConstraint(
                condition=Q(reported_value_amount__isnull=True, reported_value_currency="", reported_value_certainty="")
                | Q(reported_value_amount__gte=0, reported_value_currency__regex=r"^[A-Z]{3}$",
                    reported_value_certainty__in=ValueCertainty.values),
                name="deal_reported_value_complete",
                violation_error_message="A reported value needs a non-negative amount, an ISO 4217 currency and its certainty.",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The deal's one name, on its page, in lists and pickers, in search and in the
        admin: its parties' codes and what the sources say is transferred, so two deals of
        one pair for one system (Turkey's first and second S-400 batches) read differently.
        Built from the row alone, so naming a list of deals reads no other table."""
        return f"{self.supplier_id} → {self.recipient_id}: {self.subject}"

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return address("deals:deal_detail", self.slug)

    def clean(self):
        super().clean()
        if self.reported_value_currency and self.reported_value_currency not in ISO_4217_CODES:
            raise ValidationError({"reported_value_currency": "Not an ISO 4217 currency code."})


class Quantified(models.Model):
    """How many of what, as a number, a unit and the source's words."""

    quantity = models.IntegerField(null=True, blank=True)
    quantity_unit = models.CharField(max_length=12, choices=QuantityUnit.choices, blank=True)
    quantity_words = models.CharField(
        "quantity as written", max_length=200, blank=True, help_text="e.g. “five regiments”."
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0) | Q(quantity__isnull=True),
                name="%(app_label)s_%(class)s_quantity_non_negative",
                violation_error_message="A quantity cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True, quantity_unit="")
                | Q(quantity__isnull=False, quantity_unit__in=QuantityUnit.values),
                name="%(app_label)s_%(class)s_quantity_has_unit",
                violation_error_message="A quantity needs a unit, and a unit needs a quantity.",
            ),
        ]


class Contract(Cited, ApproximatelyDated, Quantified):
    """The signed terms of a deal. Its date is the signing date."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="contracts")
    description = models.CharField(max_length=300)
    value_amount = models.DecimalField(
        "value", max_digits=18, decimal_places=2, null=True, blank=True
    )
    value_currency = models.CharField(
        "currency", max_length=3, blank=True, help_text="ISO 4217 code, e.g. USD."
    )
    value_words = models.CharField(
        "value as written", max_length=200, blank=True, help_text="e.g. “$5.43 billion”."
    )

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["date_earliest", "pk"]
        indexes = ApproximatelyDated.Meta.indexes
        constraints = [
            *ApproximatelyDated.Meta.constraints,
            *Quantified.Meta.constraints,
            models.CheckConstraint(
                condition=Q(value_amount__gte=0) | Q(value_amount__isnull=True),
                name="contract_value_non_negative",
                violation_error_message="A contract's value cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(value_amount__isnull=True, value_currency="")
                | Q(value_amount__isnull=False, value_currency__regex=r"^[A-Z]{3}$"),
                name="contract_value_has_currency",
                violation_error_message="A value needs an ISO 4217 currency, and a currency a value.",
            ),
        ]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return f"{address('deals:deal_detail', self.deal.slug)}#contract-{self.pk}"

    def clean(self):
        super().clean()
        if self.value_currency and self.value_currency not in ISO_4217_CODES:
            raise ValidationError({"value_currency": "Not an ISO 4217 currency code."})
        if self.pk and self.quantity is not None:
            for kind, delivered in delivered_totals(self).items():
                if delivered > self.quantity:
                    raise ValidationError(
                        {
                            "quantity": f"Its {kind} deliveries already add up to {delivered} "
                            f"{self.quantity_unit}, more than {self.quantity}."
                        }
                    )


class DeliveryKind(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTUAL = "actual", "Actual"


class Delivery(Cited, ApproximatelyDated, Quantified):
    """Something handed over (actual) or scheduled to be (planned) under a deal."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="deliveries")
    contract = models.ForeignKey(
        Contract,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    kind = models.CharField(max_length=8, choices=DeliveryKind.choices)
    description = models.CharField(max_length=300, help_text="What was or is to be delivered.")

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["date_earliest", "pk"]
        verbose_name_plural = "deliveries"
        indexes = ApproximatelyDated.Meta.indexes
        constraints = [
            *ApproximatelyDated.Meta.constraints,
            *Quantified.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=DeliveryKind.values),
                name="delivery_kind_valid",
                violation_error_message="A delivery is either planned or actual.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"

    def get_absolute_url(self):
        return f"{address('deals:deal_detail', self.deal.slug)}#delivery-{self.pk}"

    def clean(self):
        super().clean()
        contract = self.contract
        if contract is None:
            return
        if self.deal_id and contract.deal_id != self.deal_id:
            raise ValidationError({"contract": "This contract belongs to another deal."})
        if self.quantity is None or contract.quantity is None:
            return
        if self.quantity_unit != contract.quantity_unit:
            raise ValidationError(
                {"quantity_unit": f"The contract counts in {contract.quantity_unit}."}
            )
        others = delivered_totals(contract, exclude=self.pk).get(self.kind, 0)
        if others + self.quantity > contract.quantity:
            raise ValidationError(
                {
                    "quantity": f"The contract covers {contract.quantity} {contract.quantity_unit}; "
                    f"with this one its {self.kind} deliveries would add up to "
                    f"{others + self.quantity}."
                }
            )


def delivered_totals(contract, *, exclude=None):
    """Quantities delivered (and planned) under a contract, per kind, in the contract's unit."""
    deliveries = contract.deliveries.filter(quantity_unit=contract.quantity_unit)
    if exclude is not None:
        deliveries = deliveries.exclude(pk=exclude)
    rows = deliveries.values("kind").annotate(total=Sum("quantity"))
    return {row["kind"]: row["total"] or 0 for row in rows}
