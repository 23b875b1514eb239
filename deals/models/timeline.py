"""The timeline: every dated contract, delivery, statement and event as one table, with
what each concerns, so pages and the API filter, sort and paginate it in SQL on indexes.

Both tables are derived from the facts and written only by `deals.read_model`, which the
write path (`deals.services`) calls after every change.
"""
from django.db import models

from deals.approximate_dates import words_or_described

from .dates import BASIS_CHOICES
from .querysets import TimelineItemQuerySet, TimelineSpanCountQuerySet


class TimelineKind(models.TextChoices):
    CONTRACT = "contract", "Contract"
    DELIVERY = "delivery", "Delivery"
    STATEMENT = "statement", "Statement"
    EVENT = "event", "Event"


class TimelineItem(models.Model):
    id = models.CharField(max_length=32, primary_key=True)  # "<kind>-<pk>"
    kind = models.CharField(max_length=12, choices=TimelineKind.choices)
    object_id = models.BigIntegerField()
    detail = models.CharField(
        max_length=16, help_text="Delivery: planned/actual; statement: mode; event: its kind."
    )
    title = models.TextField()
    date_words = models.CharField(max_length=200)
    date_edtf = models.CharField(max_length=64)
    date_earliest = models.DateField()
    date_latest = models.DateField()
    date_basis = models.CharField(max_length=8, choices=BASIS_CHOICES)

    objects = TimelineItemQuerySet.as_manager()

    class Meta:
        db_table = "deals_timelineitem"
        ordering = ["date_earliest", "date_latest", "kind", "object_id"]
        indexes = [
            # The timeline's order (read forwards, and backwards for the newest first).
            models.Index(fields=["date_earliest", "date_latest", "kind", "object_id"], name="timelineitem_order"),
            # year_to: items starting before a year's end; year_from: ending after its start.
            models.Index(fields=["date_latest"], name="timelineitem_latest"),
            models.Index(fields=["kind", "object_id"], name="timelineitem_fact"),
        ]

    def __str__(self):
        return f"{words_or_described(self.date_words, self.date_edtf)}: {self.title}"


class TimelineLink(models.Model):
    """Which deals, countries and systems a timeline item concerns (one row per pairing)."""

    id = models.BigAutoField(primary_key=True)
    # Derived rows, written only from the facts, in bulk: no constraint in the database and
    # no index beyond those the reads use; a deleted deal, country or system still takes its
    # pairings with it through Django's cascade.
    item = models.ForeignKey(
        TimelineItem, on_delete=models.CASCADE, db_index=False, db_constraint=False, related_name="links"
    )
    deal = models.ForeignKey(
        "deals.Deal", on_delete=models.CASCADE, null=True, db_index=False, db_constraint=False, related_name="+"
    )
    country = models.ForeignKey(
        "countries.Country", on_delete=models.CASCADE, null=True, db_index=False, db_constraint=False, related_name="+"
    )
    system = models.ForeignKey(
        "deals.WeaponSystem", on_delete=models.CASCADE, null=True, db_index=False, db_constraint=False, related_name="+"
    )

    class Meta:
        db_table = "deals_timelinelink"
        indexes = [
            # From a deal, country or system to its items (filters, choices, a deal's milestones).
            models.Index(fields=["item"], name="timelinelink_item"),
            models.Index(fields=["deal", "item"], name="timelinelink_deal"),
            models.Index(fields=["country", "item"], name="timelinelink_country"),
            models.Index(fields=["system", "item"], name="timelinelink_system"),
        ]

    def __str__(self):
        # The pairing: "delivery-7 country TR", "statement-3 deal 12".
        for name in ("deal", "country", "system"):
            value = getattr(self, f"{name}_id")
            if value is not None:
                return f"{self.item_id} {name} {value}"
        return self.item_id


class TimelineSpanCount(models.Model):
    """How many items of a kind start in one year and end in another (or the same): the
    year counts on the home page, and the timeline's total for a span of years, summed from
    these few hundred rows instead of counted over every item."""

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=12, choices=TimelineKind.choices)
    first_year = models.IntegerField()
    last_year = models.IntegerField()
    items = models.PositiveIntegerField()

    objects = TimelineSpanCountQuerySet.as_manager()

    class Meta:
        db_table = "deals_timelinespancount"
        constraints = [
            models.UniqueConstraint(fields=["kind", "first_year", "last_year"], name="timelinespancount_key"),
        ]

    def __str__(self):
        return f"{self.kind} {self.first_year}–{self.last_year}: {self.items}"


class TimelineCountryCount(models.Model):
    """How many timeline items concern a country: the timeline's country choices, counted."""

    id = models.BigAutoField(primary_key=True)
    country = models.ForeignKey(
        "countries.Country", on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="+"
    )
    items = models.PositiveIntegerField()

    class Meta:
        db_table = "deals_timelinecountrycount"
        constraints = [models.UniqueConstraint(fields=["country"], name="timelinecountrycount_key")]

    def __str__(self):
        return f"{self.country_id}: {self.items}"


class TimelineDealCount(models.Model):
    """How many timeline items concern a deal (its links): the timeline's deal facet, under no
    other filter, leads with the deals counted here rather than grouping every link."""

    id = models.BigAutoField(primary_key=True)
    deal = models.ForeignKey(
        "deals.Deal", on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="+"
    )
    items = models.PositiveIntegerField()

    class Meta:
        db_table = "deals_timelinedealcount"
        constraints = [models.UniqueConstraint(fields=["deal"], name="timelinedealcount_key")]
        # The leaders: the largest counts first, read from the index's end.
        indexes = [models.Index(fields=["items"], name="timelinedealcount_items")]

    def __str__(self):
        return f"{self.deal_id}: {self.items}"


class TimelineSystemCount(models.Model):
    """How many timeline items concern a weapon system: the timeline's system facet's
    leaders under no other filter, as `TimelineDealCount` is the deal facet's."""

    id = models.BigAutoField(primary_key=True)
    system = models.ForeignKey(
        "deals.WeaponSystem", on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="+"
    )
    items = models.PositiveIntegerField()

    class Meta:
        db_table = "deals_timelinesystemcount"
        constraints = [models.UniqueConstraint(fields=["system"], name="timelinesystemcount_key")]
        indexes = [models.Index(fields=["items"], name="timelinesystemcount_items")]

    def __str__(self):
        return f"{self.system_id}: {self.items}"


class StatementCountryCount(models.Model):
    """How many statements concern a country (its rows of `StatementCountry`): a country's
    page shows the total of its statements from this row instead of counting them."""

    id = models.BigAutoField(primary_key=True)
    country = models.ForeignKey(
        "countries.Country", on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="+"
    )
    statements = models.PositiveIntegerField()

    class Meta:
        db_table = "deals_statementcountrycount"
        constraints = [models.UniqueConstraint(fields=["country"], name="statementcountrycount_key")]

    def __str__(self):
        return f"{self.country_id}: {self.statements}"


class StatementCountry(models.Model):
    """Each country a statement concerns (named in it, or a party to a deal it is about),
    with the statement's date: a country's statements are read a page at a time, in date
    order, along one index, instead of finding and sorting every one of them. Dated or not
    (undated statements come last, as in every statement list)."""

    id = models.BigAutoField(primary_key=True)
    statement = models.ForeignKey(
        "deals.Statement", on_delete=models.CASCADE, db_index=False, db_constraint=False, related_name="country_rows"
    )
    country = models.ForeignKey(
        "countries.Country", on_delete=models.CASCADE, db_index=False, db_constraint=False, related_name="+"
    )
    date_earliest = models.DateField(null=True)
    date_latest = models.DateField(null=True)

    class Meta:
        db_table = "deals_statementcountry"
        verbose_name_plural = "statement countries"
        indexes = [
            # A country's statements in the lists' order (ascending puts the undated last).
            models.Index(fields=["country", "date_earliest", "date_latest", "statement"], name="statementcountry_order"),
            models.Index(fields=["statement"], name="statementcountry_statement"),
        ]

    def __str__(self):
        return f"statement-{self.statement_id} country {self.country_id}"


class DealRow(models.Model):
    """A fact of a deal (a statement or an event it concerns) with the fact's date: a deal's
    statements and events are read a page at a time, in date order, along one index, and
    counted on it, instead of finding and sorting every one of them. Dated or not (undated
    facts come last)."""

    id = models.BigAutoField(primary_key=True)
    deal = models.ForeignKey("deals.Deal", on_delete=models.CASCADE, db_index=False, db_constraint=False, related_name="+")
    date_earliest = models.DateField(null=True)
    date_latest = models.DateField(null=True)

    class Meta:
        abstract = True


class StatementDeal(DealRow):
    statement = models.ForeignKey(
        "deals.Statement", on_delete=models.CASCADE, db_index=False, db_constraint=False, related_name="deal_rows"
    )

    class Meta:
        db_table = "deals_statementdeal"
        indexes = [
            # A deal's statements in the lists' order (ascending puts the undated last).
            models.Index(fields=["deal", "date_earliest", "date_latest", "statement"], name="statementdeal_order"),
            models.Index(fields=["statement"], name="statementdeal_statement"),
        ]

    def __str__(self):
        return f"statement-{self.statement_id} deal {self.deal_id}"


class EventDeal(DealRow):
    event = models.ForeignKey(
        "deals.Event", on_delete=models.CASCADE, db_index=False, db_constraint=False, related_name="deal_rows"
    )

    class Meta:
        db_table = "deals_eventdeal"
        indexes = [
            models.Index(fields=["deal", "date_earliest", "date_latest", "event"], name="eventdeal_order"),
            models.Index(fields=["event"], name="eventdeal_event"),
        ]

    def __str__(self):
        return f"event-{self.event_id} deal {self.deal_id}"
