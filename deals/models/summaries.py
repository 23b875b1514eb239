"""What a deal's rows in the lists show of its contracts and timeline, stored per deal: the
first contract's terms, the span of its dated milestones, what and when it was delivered,
and when its latest evidence was published, so the deal lists, the API and
the exports read and sort them from one indexed row instead of computing them per deal.

A separate table rather than columns on `Deal`: these values are derived, so they stay out
of the deal's version (an editor's lock), its change history, the admin's forms, the
fixtures and the backups, and the whole table can be rebuilt in one INSERT … SELECT.
Written only by `deals.read_model`, which the write path (`deals.services`) calls after
every change.
"""
from django.db import models

from .querysets import CountryDealCountQuerySet, RecordCountQuerySet

# A deal without a contract or a dated milestone has NULL numbers and dates, and empty
# words: its rows read the same either way (no first contract, "—").


class DealSummary(models.Model):
    # Derived, written only from the facts (no constraint in the database, as for the timeline's
    # tables); a deleted deal still takes its summary with it through Django's cascade.
    deal = models.OneToOneField(
        "deals.Deal", on_delete=models.CASCADE, primary_key=True, db_constraint=False, related_name="derived"
    )
    # The first contract (earliest dated first), NULL without one: its terms and its date as
    # the deal tables show them, so a page of deals needs no query for their contracts.
    contract_id = models.IntegerField(null=True)
    contract_value = models.DecimalField(max_digits=18, decimal_places=2, null=True)
    contract_currency = models.CharField(max_length=3, blank=True, default="")
    contract_value_words = models.CharField(max_length=200, blank=True, default="")
    contract_quantity = models.IntegerField(null=True)
    contract_unit = models.CharField(max_length=12, blank=True, default="")
    contract_quantity_words = models.CharField(max_length=200, blank=True, default="")
    signed_words = models.CharField(max_length=200, blank=True, default="")
    signed_edtf = models.CharField(max_length=64, blank=True, default="")
    signed_earliest = models.DateField(null=True)
    signed_latest = models.DateField(null=True)
    signed_basis = models.CharField(max_length=8, blank=True, default="")
    # The deal's dated milestones (timeline items linked to it): which items they are, and
    # each one's date (the earliest day of the first, the latest day of the last, the sort
    # keys, and the rest of its approximate date), so the tables need no query for them.
    first_date = models.DateField(null=True)
    last_date = models.DateField(null=True)
    first_milestone_id = models.CharField(max_length=32, blank=True, default="")
    last_milestone_id = models.CharField(max_length=32, blank=True, default="")
    first_words = models.CharField(max_length=200, blank=True, default="")
    first_edtf = models.CharField(max_length=64, blank=True, default="")
    first_latest = models.DateField(null=True)
    first_basis = models.CharField(max_length=8, blank=True, default="")
    last_words = models.CharField(max_length=200, blank=True, default="")
    last_edtf = models.CharField(max_length=64, blank=True, default="")
    last_earliest = models.DateField(null=True)
    last_basis = models.CharField(max_length=8, blank=True, default="")
    # What the register columns show of its actual deliveries (planned ones do not count):
    # `delivered_quantity` is the sum of the quantities they state, with `delivered_quantity_unit`,
    # only when every one stating a quantity states it in the same unit; NULL (and no unit)
    # when none states one or when their units differ (regiments and divisions are not
    # added up). `actual_deliveries` counts them all, `deliveries_without_quantity` those
    # stating none: when it is above zero the sum is a lower bound ("at least"), and a NULL
    # sum with fewer deliveries without a quantity than deliveries means the units differ.
    delivered_quantity = models.IntegerField(null=True)
    delivered_quantity_unit = models.CharField(max_length=12, blank=True, default="")
    actual_deliveries = models.PositiveIntegerField(default=0)
    deliveries_without_quantity = models.PositiveIntegerField(default=0)
    # The years of its dated actual deliveries: the year of the earliest day of the first,
    # the year of the latest day of the last (an undated delivery does not count); NULL
    # without a dated actual delivery.
    first_delivery_year = models.IntegerField(null=True)
    last_delivery_year = models.IntegerField(null=True)
    # When the latest source cited by its facts (its own citations, its contracts',
    # deliveries', statements' and events') was published, as bounds: the greatest earliest
    # day and the greatest latest day of their publication dates, so the latest publication
    # lies between the two whatever the sources' dates' uncertainty (equal when the latest
    # source is dated to the day); NULL without a cited source. What its status holds "as of".
    latest_evidence_earliest = models.DateField(null=True)
    latest_evidence_latest = models.DateField(null=True)
    # The deal's parties and status as its country counts (`CountryDealCount`) last counted
    # them: a refresh takes these off the counts and adds the deal's current ones.
    supplier_id = models.CharField(max_length=2, blank=True, default="")
    recipient_id = models.CharField(max_length=2, blank=True, default="")
    status = models.CharField(max_length=12, blank=True, default="")
    # Its weapon system as the systems' counts (`SystemDealCount`) last counted it (NULL: none),
    # and whether the country counts counted it among the S-400 family's deals (`s400_family`).
    system_id = models.BigIntegerField(null=True)
    s400 = models.BooleanField(default=False)

    class Meta:
        db_table = "deals_dealsummary"
        verbose_name_plural = "deal summaries"
        indexes = [
            # The deal list's sorts.
            models.Index(fields=["first_date"], name="dealsummary_first_date"),
            models.Index(fields=["last_date"], name="dealsummary_last_date"),
            models.Index(fields=["contract_value"], name="dealsummary_value"),
            models.Index(fields=["contract_quantity"], name="dealsummary_quantity"),
            # The register columns' sorts: ordered (signed) date, number delivered, delivery years.
            models.Index(fields=["signed_earliest"], name="dealsummary_signed"),
            models.Index(fields=["delivered_quantity"], name="dealsummary_delivered"),
            models.Index(fields=["first_delivery_year"], name="dealsummary_delivery_year"),
        ]

    def __str__(self):
        return f"Summary of deal #{self.deal_id}"


class CountryDealCount(models.Model):
    """How many deals a country has in one role ("supplier" or "recipient") at one status,
    of the S-400 family (`s400`) or not: the countries list, the home page's recipients and
    its deals by status read these few rows instead of grouping every deal, the S-400's
    alone or every deal's (`DealScope`). Kept from the deals' summaries (which record each
    deal's parties and status as last counted) by `deals.read_model`."""

    id = models.BigAutoField(primary_key=True)
    country = models.ForeignKey(
        "countries.Country", on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="+"
    )
    role = models.CharField(max_length=9)  # "supplier" or "recipient"
    status = models.CharField(max_length=12)
    s400 = models.BooleanField(default=False)  # the deals' system is the S-400 or a variant
    deals = models.PositiveIntegerField()

    objects = CountryDealCountQuerySet.as_manager()

    class Meta:
        db_table = "deals_countrydealcount"
        constraints = [
            models.UniqueConstraint(fields=["country", "role", "status", "s400"], name="countrydealcount_key"),
        ]

    def __str__(self):
        return f"{self.country_id} as {self.role}, {self.status}{' (S-400)' if self.s400 else ''}: {self.deals}"


class SystemDealCount(models.Model):
    """How many deals a weapon system has: the systems list reads its page's systems' rows
    (a system without a row has none) instead of counting the deals of each, thousands for
    the busiest. Kept from the deals' summaries (which record each deal's system as last
    counted) by `deals.read_model`."""

    id = models.BigAutoField(primary_key=True)
    system = models.ForeignKey(
        "deals.WeaponSystem", on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="+"
    )
    deals = models.PositiveIntegerField()

    class Meta:
        db_table = "deals_systemdealcount"
        constraints = [models.UniqueConstraint(fields=["system"], name="systemdealcount_key")]

    def __str__(self):
        return f"System #{self.system_id}: {self.deals}"


class RecordCount(models.Model):
    """How many records a table of the knowledge base holds, for the tables whose unfiltered
    lists are long (citations, statements: `deals.read_model.COUNTED_MODELS`): the lists'
    and the API's totals read this one row instead of a COUNT over the whole table on the
    first request after every save. Kept by `deals.read_model`: the write path adds each
    record a service creates and takes off each one it deletes, its cascade included."""

    id = models.BigAutoField(primary_key=True)
    label = models.CharField(max_length=100)  # the counted model's label, "deals.citation"
    records = models.PositiveBigIntegerField()

    objects = RecordCountQuerySet.as_manager()

    class Meta:
        db_table = "deals_recordcount"
        constraints = [models.UniqueConstraint(fields=["label"], name="recordcount_key")]

    def __str__(self):
        return f"{self.label}: {self.records}"
