"""What the charts over time count, kept by the write path (`deals.read_model`) so a chart
reads a few hundred stored counts instead of grouping every contract, delivery and
statement by year after each save.

- `ChartFact`: each contract, actual delivery and statement once per slice of the charts it
  counts in (every deal; a country's deals, as recipient or supplier, or the statements
  concerning it; a system's deals, or the statements about them; a country's deals of a
  system), with the years of its earliest and latest day: the ledger a refresh reads what
  it takes off the counts from, as the timeline's links are for its counts;
- `ChartYearCount`: those rows counted per series, slice and span of years.

A slice is a country code ("" for every country) and a system's key (0 for every system).
No key column is NULL: the unique key two writers' adjustments meet on would let NULLs
repeat, so an undated fact's years are 0 too.
"""
from django.db import models
from django.db.models import Sum

# The values standing for "every country", "every system" and "no year" in a slice's key.
EVERY_COUNTRY = ""
EVERY_SYSTEM = 0
UNDATED_YEAR = 0


class ChartFact(models.Model):
    """A fact (its timeline id, "contract-7", dated or not) in one slice of one series:
    "contracts", "deliveries" (actual ones), or a statement's stance."""

    id = models.BigAutoField(primary_key=True)
    # Derived rows, rewritten from the facts per item: keyed by the item's id, not a foreign
    # key, so a deleted fact's rows stay until the refresh has taken them off the counts.
    item_id = models.CharField(max_length=32)
    series = models.CharField(max_length=12)
    country_id = models.CharField(max_length=2, blank=True, default=EVERY_COUNTRY)
    system_id = models.BigIntegerField(default=EVERY_SYSTEM)
    first_year = models.IntegerField(default=UNDATED_YEAR)
    last_year = models.IntegerField(default=UNDATED_YEAR)

    class Meta:
        db_table = "deals_chartfact"
        indexes = [models.Index(fields=["item_id"], name="chartfact_item")]

    def __str__(self):
        return f"{self.item_id} {self.series} {self.country_id or '*'}/{self.system_id or '*'} {self.first_year}–{self.last_year}"


class ChartYearCountQuerySet(models.QuerySet):
    def spans(self, series, *, country="", system=None, systems=None):
        """[(series, first year or None, last year or None, facts)] of these series in one
        slice: `country` (a code, "" for every one), `system` (a pk, None for every one),
        and `systems` (a subquery of system pks, summed over: a system scope), in one query."""
        rows = self.filter(series__in=series, country_id=country)
        if systems is not None:
            rows = rows.filter(system_id__in=systems)
        if system is not None:
            rows = rows.filter(system_id=system)
        elif systems is None:
            rows = rows.filter(system_id=EVERY_SYSTEM)
        found = rows.values("series", "first_year", "last_year").annotate(n=Sum("facts")).order_by()
        return [
            (row["series"], row["first_year"] or None, row["last_year"] or None, row["n"]) for row in found
        ]


class ChartYearCount(models.Model):
    """How many facts of a series, in one slice, start in one year and end in another (or
    the same; 0 and 0: undated)."""

    id = models.BigAutoField(primary_key=True)
    series = models.CharField(max_length=12)
    country_id = models.CharField(max_length=2, blank=True, default=EVERY_COUNTRY)
    system_id = models.BigIntegerField(default=EVERY_SYSTEM)
    first_year = models.IntegerField(default=UNDATED_YEAR)
    last_year = models.IntegerField(default=UNDATED_YEAR)
    facts = models.PositiveIntegerField()

    objects = ChartYearCountQuerySet.as_manager()

    class Meta:
        db_table = "deals_chartyearcount"
        constraints = [
            models.UniqueConstraint(
                fields=["country_id", "system_id", "series", "first_year", "last_year"], name="chartyearcount_key"
            ),
        ]

    def __str__(self):
        return f"{self.series} {self.country_id or '*'}/{self.system_id or '*'} {self.first_year}–{self.last_year}: {self.facts}"
