"""The timeline: every dated contract, delivery, statement and event as one read-only
table (a database view), so pages and the API filter, sort and paginate it in SQL.

The views are created by migration 0003; the models below only read them.
"""
from django.db import models

from deals.approximate_dates import words_or_described

from .dates import BASIS_CHOICES
from .querysets import TimelineItemQuerySet


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
        managed = False
        db_table = "deals_timelineitem"
        ordering = ["date_earliest", "date_latest", "kind", "object_id"]

    def __str__(self):
        return f"{words_or_described(self.date_words, self.date_edtf)}: {self.title}"


class TimelineLink(models.Model):
    """Which deals, countries and systems a timeline item concerns (one row per pairing)."""

    id = models.CharField(max_length=80, primary_key=True)
    item = models.ForeignKey(TimelineItem, on_delete=models.DO_NOTHING, related_name="links")
    deal = models.ForeignKey("deals.Deal", on_delete=models.DO_NOTHING, null=True, related_name="+")
    country = models.ForeignKey(
        "countries.Country", on_delete=models.DO_NOTHING, null=True, related_name="+"
    )
    system = models.ForeignKey(
        "deals.WeaponSystem", on_delete=models.DO_NOTHING, null=True, related_name="+"
    )

    class Meta:
        managed = False
        db_table = "deals_timelinelink"

    def __str__(self):
        # The view's id already reads as the pairing: "delivery-7 country TR".
        return self.id


# The views are dropped before migrations run and created after, so that schema changes to
# the tables beneath them (which SQLite makes by rebuilding a table) never trip over them.
_ITEM_SQL = """
CREATE VIEW deals_timelineitem AS
SELECT 'contract-' || id AS id, 'contract' AS kind, id AS object_id, '' AS detail,
       description AS title, date_words, date_edtf, date_earliest, date_latest, date_basis
  FROM deals_contract WHERE date_earliest IS NOT NULL
UNION ALL
SELECT 'delivery-' || id, 'delivery', id, kind, description,
       date_words, date_edtf, date_earliest, date_latest, date_basis
  FROM deals_delivery WHERE date_earliest IS NOT NULL
UNION ALL
SELECT 'statement-' || id, 'statement', id, mode, text,
       date_words, date_edtf, date_earliest, date_latest, date_basis
  FROM deals_statement WHERE date_earliest IS NOT NULL
UNION ALL
SELECT 'event-' || id, 'event', id, kind, title,
       date_words, date_edtf, date_earliest, date_latest, date_basis
  FROM deals_event WHERE date_earliest IS NOT NULL
"""

_LINK_SQL = """
CREATE VIEW deals_timelinelink AS
WITH item_deal (item_id, deal_id) AS (
    SELECT 'contract-' || id, deal_id FROM deals_contract
    UNION SELECT 'delivery-' || id, deal_id FROM deals_delivery
    UNION SELECT 'statement-' || statement_id, deal_id FROM deals_statement_deals
    UNION SELECT 'event-' || event_id, deal_id FROM deals_event_deals
),
item_country (item_id, country_id) AS (
    SELECT item_id, supplier_id FROM item_deal JOIN deals_deal ON deals_deal.id = item_deal.deal_id
    UNION SELECT item_id, recipient_id FROM item_deal JOIN deals_deal ON deals_deal.id = item_deal.deal_id
    UNION SELECT 'statement-' || statement_id, country_id FROM deals_statement_countries
    UNION SELECT 'event-' || event_id, country_id FROM deals_event_countries
),
item_system (item_id, system_id) AS (
    SELECT DISTINCT item_id, system_id FROM item_deal
      JOIN deals_deal ON deals_deal.id = item_deal.deal_id WHERE system_id IS NOT NULL
),
link (id, item_id, deal_id, country_id, system_id) AS (
    SELECT item_id || ' deal ' || deal_id, item_id, deal_id,
           CAST(NULL AS VARCHAR(2)), CAST(NULL AS BIGINT)
      FROM item_deal
    UNION ALL
    SELECT item_id || ' country ' || country_id, item_id, CAST(NULL AS BIGINT), country_id,
           CAST(NULL AS BIGINT)
      FROM item_country
    UNION ALL
    SELECT item_id || ' system ' || system_id, item_id, CAST(NULL AS BIGINT),
           CAST(NULL AS VARCHAR(2)), system_id
      FROM item_system
)
-- Undated facts are not on the timeline, so neither are their links.
SELECT * FROM link WHERE item_id IN (SELECT id FROM deals_timelineitem)
"""


def drop_timeline_views(using, **kwargs):
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute("DROP VIEW IF EXISTS deals_timelinelink")
        cursor.execute("DROP VIEW IF EXISTS deals_timelineitem")


def create_timeline_views(using, **kwargs):
    from django.db import connections

    drop_timeline_views(using)
    with connections[using].cursor() as cursor:
        cursor.execute(_ITEM_SQL)
        cursor.execute(_LINK_SQL)
