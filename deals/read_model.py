"""The read model: the tables derived from the facts, which the lists read instead of
recomputing them per row.

- the timeline (`TimelineItem`, `TimelineLink`): every dated contract, delivery, statement
  and event, and which deals, countries and systems each concerns;
- the deal summaries (`DealSummary`): each deal's first contract's terms, the span of its
  dated milestones, its actual deliveries' quantity and years, and the publication date of
  the latest source its facts cite (so a citation, and a source's date, change it too);
- the countries of each statement (`StatementCountry`): those it names and its deals'
  parties, with its date, so a country's statements are paged along an index;
- the deals of each statement and event (`StatementDeal`, `EventDeal`), with its date, so a
  deal's statements and events are paged and counted along an index;
- each deal's status history (`DealMilestone`, `DealStatusPeriod`): its dated, cited
  milestones and the status each day falls in, folded from them (`deals.models.milestones`
  states the rules), so `as_of` reads a deal's status on a day along an index;
- the counts the pages show (`CountryDealCount`, `SystemDealCount`, `TimelineSpanCount`,
  `TimelineCountryCount`, `TimelineDealCount`, `TimelineSystemCount`, `StatementCountryCount`,
  `RecordCount`, `ChartYearCount`): deals per country, role and status; deals per weapon
  system; timeline items per kind and span of years, and per country, deal and system;
  statements per country; the citations and
  statements in all; the charts' contracts, actual deliveries and statements per series,
  slice (every deal, a country, a system, a country's of a system) and span of years, from
  their ledger (`ChartFact`). A refresh adjusts them by what it took away and put back, so a write
  never counts over a whole table.

The write path keeps them current: every service in `deals.services` that saves or deletes
a fact calls `records_refresh` with what it changed (reading `records_affected` before a
delete, while the relations can still be followed, and saying which records it created or
deletes, for the totals of `RecordCount`). `read_model_rebuild` rebuilds every
table in a few set-based statements (after a fixture load, a restore, a bulk insert); the
`refresh_read_model` command runs it.

The SQL is written once per table and reused by both: the full rebuild runs it unfiltered,
a refresh restricts each branch to the facts it names, so a write costs a few indexed
statements whatever the size of the knowledge base.
"""
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from django.db import IntegrityError, OperationalError, connections, router, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear

from .models import (
    S400_SYSTEMS_SQL,
    ChartFact,
    ChartYearCount,
    Citation,
    Contract,
    CountryDealCount,
    Deal,
    DealMilestone,
    DealStatus,
    DealStatusPeriod,
    DealSummary,
    Delivery,
    Event,
    EventDeal,
    RecordCount,
    Source,
    Statement,
    StatementCountry,
    StatementCountryCount,
    StatementDeal,
    SystemDealCount,
    TimelineCountryCount,
    TimelineDealCount,
    TimelineItem,
    TimelineLink,
    TimelineSpanCount,
    TimelineSystemCount,
    WeaponSystem,
    s400_family,
)
from .models.milestones import RANKS, MilestoneKind

# Each kind of timeline item: its table, and the columns giving its title and its detail.
KINDS = {
    "contract": ("deals_contract", "description", "''"),
    "delivery": ("deals_delivery", "description", "kind"),
    "statement": ("deals_statement", "text", "mode"),
    "event": ("deals_event", "title", "kind"),
}
ITEM_COLUMNS = "id, kind, object_id, detail, title, date_words, date_edtf, date_earliest, date_latest, date_basis"
# Ids per statement: a statement uses each up to twice, under SQLite's oldest limit of 999 parameters.
BATCH = 300
# Deals per statement of the deal summaries', which use each id nine times.
SUMMARY_BATCH = 100


@dataclass
class Affected:
    """What a change touches: timeline items (by id, "contract-7") and deals (by pk)."""

    items: set = field(default_factory=set)
    deals: set = field(default_factory=set)
    # The deals' parties, status, system and whether it is the S-400 family's, as their summaries
    # counted them before the change ({deal pk: (supplier, recipient, status, system, s400)}): a
    # deleted deal's summary goes with it in Django's cascade, before the refresh could take it
    # off the counts.
    counted: dict = field(default_factory=dict)
    # The statements' countries as their count (`StatementCountryCount`) counted them before
    # the change ({statement pk: [country code]}): a deleted statement's go in the cascade.
    statement_countries: dict = field(default_factory=dict)
    # What the change adds to each table's total in `RecordCount` ({(model label,): records},
    # negative for records deleted).
    records: Counter = field(default_factory=Counter)
    # The sources' publication dates as stored before the change ({source pk: (earliest,
    # latest)}): a source whose date moved moves the latest evidence of every deal it supports.
    source_dates: dict = field(default_factory=dict)

    def __or__(self, other):
        records = Counter(self.records)
        records.update(other.records)  # (`+` would drop the negative ones)
        return Affected(
            self.items | other.items, self.deals | other.deals, {**other.counted, **self.counted},
            {**other.statement_countries, **self.statement_countries}, records,
            {**other.source_dates, **self.source_dates},
        )


# The models whose records are counted in all (`RecordCount`): their unfiltered lists are long.
COUNTED_MODELS = (Citation, Statement)
RECORD_COUNTS = (RecordCount, ("label",), "records")


def records_counted(records, *, sign=1) -> Counter:
    """What creating (`sign` 1) or deleting (-1) these records changes in `RecordCount`."""
    counted = Counter()
    for record in records:
        if isinstance(record, COUNTED_MODELS):
            counted[(record._meta.label_lower,)] += sign
    return counted


def records_affected(records, *, using="default", deleting=False) -> Affected:
    """The timeline items and deal summaries that depend on these records, as stored now;
    `deleting`: the records are about to be deleted (they come off the totals)."""
    affected = Affected(records=records_counted(records, sign=-1) if deleting else Counter())
    for record in records:
        if isinstance(record, Deal):
            affected.deals.add(record.pk)
            affected.items |= _items_of_deal(record.pk, using)
            affected.counted.update(_counted_states(DealSummary.objects.using(using).filter(deal_id=record.pk)))
        elif isinstance(record, (Contract, Delivery)):
            affected.items.add(f"{record._meta.model_name}-{record.pk}")
            if record.deal_id:
                affected.deals.add(record.deal_id)
        elif isinstance(record, (Statement, Event)):
            # The deals it concerns, before and after, come from its links (only dated ones count).
            affected.items.add(f"{record._meta.model_name}-{record.pk}")
            # Dated or not, its citations are evidence of its deals (their latest evidence).
            name = record._meta.model_name
            through = type(record).deals.through.objects.using(using).filter(**{f"{name}_id": record.pk})
            affected.deals |= set(through.values_list("deal_id", flat=True))
            if isinstance(record, Statement):
                affected.statement_countries[record.pk] = list(
                    StatementCountry.objects.using(using).filter(statement_id=record.pk).values_list("country_id", flat=True)
                )
        elif isinstance(record, Source):
            affected.source_dates[record.pk] = (record.date_earliest, record.date_latest)
        elif isinstance(record, WeaponSystem):
            affected.deals |= _deals_leaving_or_joining_s400(record.pk, using)
    affected.deals |= _deals_of_citations([record for record in records if isinstance(record, Citation)], using)
    return affected


def _deals_leaving_or_joining_s400(system_id, using) -> set:
    """The deals of this system or of its variants whose summaries' `s400` no longer says
    whether their system is of the S-400 family (`s400_family`): a system renamed to or
    from the S-400's slug, or made or unmade a variant of it, moves its deals between the
    scopes' counts. Read along the deals' system index; none after any other edit."""
    deals = Deal.objects.using(using).filter(Q(system_id=system_id) | Q(system__variant_of_id=system_id))
    family = s400_family("system__")
    joining = deals.filter(family).exclude(derived__s400=True)
    leaving = deals.exclude(family).filter(derived__s400=True)
    return set(joining.values_list("pk", flat=True)) | set(leaving.values_list("pk", flat=True))


def _deals_of_citations(citations, using) -> set:
    """The deals whose facts these citations support (as stored now): a deal's own, its
    contracts', deliveries', and its statements' and events' (a specification's support a
    system, no deal). One query per kind of fact cited, whatever the number of citations."""
    deals = {citation.deal_id for citation in citations if citation.deal_id}
    for model, column in ((Contract, "contract_id"), (Delivery, "delivery_id")):
        ids = {getattr(citation, column) for citation in citations} - {None}
        if ids:
            deals |= set(model.objects.using(using).filter(pk__in=ids).values_list("deal_id", flat=True))
    for model, column in ((Statement, "statement_id"), (Event, "event_id")):
        ids = {getattr(citation, column) for citation in citations} - {None}
        if ids:
            through = model.deals.through.objects.using(using).filter(**{f"{column}__in": ids})
            deals |= set(through.values_list("deal_id", flat=True))
    return deals


def _deals_citing(source_ids, using) -> set:
    """The deals whose facts cite these sources (their latest evidence depends on their dates)."""
    return _deals_of_citations(
        list(Citation.objects.using(using).filter(source_id__in=source_ids).only(
            "deal_id", "contract_id", "delivery_id", "statement_id", "event_id"
        )),
        using,
    )


def _items_of_deal(deal_id, using) -> set:
    """Every item that concerns the deal, dated or not (dating one adds it), stored or not."""
    items = set(TimelineLink.objects.using(using).filter(deal_id=deal_id).values_list("item_id", flat=True))
    items |= {f"contract-{pk}" for pk in Contract.objects.using(using).filter(deal_id=deal_id).values_list("pk", flat=True)}
    items |= {f"delivery-{pk}" for pk in Delivery.objects.using(using).filter(deal_id=deal_id).values_list("pk", flat=True)}
    for model in (Statement, Event):
        through = model.deals.through.objects.using(using).filter(deal_id=deal_id)
        name = model._meta.model_name
        items |= {f"{name}-{pk}" for pk in through.values_list(f"{name}_id", flat=True)}
    return items


def records_refresh(records=(), *, affected: Affected | None = None, using=None, created=False) -> None:
    """Bring the read model up to date with these saved records (and with what a change
    touched before it was made, `affected`, for deletes and moves); `created`: the records
    are new (they count in the totals)."""
    using = using or (router.db_for_write(type(records[0])) if records else "default")
    affected = (affected or Affected()) | records_affected(records, using=using)
    if created:
        affected.records.update(records_counted(records))
    moved = [
        record.pk for record in records if isinstance(record, Source)
        and affected.source_dates.get(record.pk) != (record.date_earliest, record.date_latest)
    ]
    if moved:  # a source's publication date changed: the deals it is evidence of
        affected.deals |= _deals_citing(moved, using)
    if not affected.items and not affected.deals and not any(affected.records.values()):
        return  # a person, a source whose date stayed, a specification's citation: nothing derived depends on it
    for attempt in range(1, RACE_ATTEMPTS + 1):
        try:
            with transaction.atomic(using=using):  # a savepoint: a lost race undoes only this
                deals = timeline_refresh(affected.items, using=using)
                chart_facts_refresh(affected.items, using=using)
                statement_countries_refresh(
                    _statements_of(affected.items), using=using, counted=affected.statement_countries
                )
                for kind in DEAL_ROWS:
                    deal_rows_refresh(kind, _facts_of(kind, affected.items), using=using)
                deal_summaries_refresh(affected.deals | deals, using=using, counted=affected.counted)
                status_history_refresh(affected.deals | deals, using=using)
                _counts_adjust(*RECORD_COUNTS, affected.records, Counter(), using)
            return
        except (IntegrityError, OperationalError) as error:
            if attempt == RACE_ATTEMPTS or getattr(error.__cause__, "pgcode", None) not in RACE_CODES:
                raise
            # Another writer refreshed the same rows and has committed meanwhile (PostgreSQL
            # made this one wait for it): delete and insert again, now over its rows.


# Two editors' saves touching one deal write its derived rows at once: on PostgreSQL the
# second insert waits for the first transaction, then fails as a duplicate (or, rarely, the
# two wait on each other); the refresh is then run again. SQLite runs one writer at a time.
RACE_CODES = {"23505", "40P01"}  # unique_violation, deadlock_detected
RACE_ATTEMPTS = 5


def deal_summary_refresh(deal: Deal) -> None:
    """Recompute one deal's summary, and its timeline items, from what is stored now."""
    records_refresh([deal])


# --- The timeline --------------------------------------------------------------------------


def _in(column, ids):
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def _among(ids, params):
    """For a statement refreshing some rows or all: a function writing the condition that
    keeps a column's rows among `ids` (every row when `ids` is None), adding its values to
    `params` in the order the conditions are written."""

    def only(column):
        if ids is None:
            return "1 = 1"
        condition, values = _in(column, ids)
        params.extend(values)
        return condition

    return only


def _items_sql(ids_by_kind=None):
    parts, params = [], []
    for kind, (table, title, detail) in KINDS.items():
        where = ""
        if ids_by_kind is not None:
            if not ids_by_kind.get(kind):
                continue
            condition, values = _in("id", ids_by_kind[kind])
            where, params = f" AND {condition}", params + values
        parts.append(
            f"SELECT '{kind}-' || id, '{kind}', id, {detail}, {title}, date_words, date_edtf, date_earliest, "
            f"date_latest, date_basis FROM {table} WHERE date_earliest IS NOT NULL{where}"
        )
    return f"INSERT INTO deals_timelineitem ({ITEM_COLUMNS}) " + " UNION ALL ".join(parts), params


def _links_sql(ids_by_kind=None):
    """What each item concerns: the deals it belongs to (a contract's, a delivery's, those a
    statement or event names), their suppliers, recipients and systems, and the countries a
    statement or event names."""
    params = []
    # For a refresh of a few items, a deal's parties and system, and whether an item is
    # dated, are read by key in scalar subqueries, so it never scans the deals or the
    # timeline (a join would be planned blind, its rows coming through a UNION); the full
    # rebuild joins, which reads each table once.
    keyed = ids_by_kind is not None

    def of_deal(column):
        if keyed:
            return f"(SELECT {column} FROM deals_deal WHERE deals_deal.id = item_deal.deal_id)"
        return f"deals_deal.{column}"

    deals = "" if keyed else "JOIN deals_deal ON deals_deal.id = item_deal.deal_id"
    dated = (
        "(SELECT 1 FROM deals_timelineitem WHERE deals_timelineitem.id = link.item_id) IS NOT NULL"
        if keyed else "item_id IN (SELECT id FROM deals_timelineitem)"
    )

    def only(kind, column):
        nonlocal params
        if ids_by_kind is None:
            return "1 = 1"
        if not ids_by_kind.get(kind):
            return "1 = 0"
        condition, values = _in(column, ids_by_kind[kind])
        params += values
        return condition

    sql = f"""
WITH item_deal (item_id, deal_id) AS (
    SELECT 'contract-' || id, deal_id FROM deals_contract WHERE {only("contract", "id")}
    UNION SELECT 'delivery-' || id, deal_id FROM deals_delivery WHERE {only("delivery", "id")}
    UNION SELECT 'statement-' || statement_id, deal_id FROM deals_statement_deals
           WHERE {only("statement", "statement_id")}
    UNION SELECT 'event-' || event_id, deal_id FROM deals_event_deals WHERE {only("event", "event_id")}
),
item_country (item_id, country_id) AS (
    SELECT item_id, {of_deal("supplier_id")} FROM item_deal {deals}
    UNION SELECT item_id, {of_deal("recipient_id")} FROM item_deal {deals}
    UNION SELECT 'statement-' || statement_id, country_id FROM deals_statement_countries
           WHERE {only("statement", "statement_id")}
    UNION SELECT 'event-' || event_id, country_id FROM deals_event_countries WHERE {only("event", "event_id")}
),
item_system (item_id, system_id) AS (
    SELECT DISTINCT item_id, system_id FROM (
        SELECT item_id, {of_deal("system_id")} AS system_id FROM item_deal {deals}
    ) with_system WHERE system_id IS NOT NULL
),
link (item_id, deal_id, country_id, system_id) AS (
    SELECT item_id, deal_id, CAST(NULL AS VARCHAR(2)), CAST(NULL AS BIGINT) FROM item_deal
    UNION ALL
    SELECT item_id, CAST(NULL AS BIGINT), country_id, CAST(NULL AS BIGINT) FROM item_country
    UNION ALL
    SELECT item_id, CAST(NULL AS BIGINT), CAST(NULL AS VARCHAR(2)), system_id FROM item_system
)
INSERT INTO deals_timelinelink (item_id, deal_id, country_id, system_id)
-- Undated facts are not on the timeline, so neither are their links.
SELECT item_id, deal_id, country_id, system_id FROM link
 WHERE {dated}
"""
    return sql, params


def timeline_refresh(item_ids, *, using="default") -> set:
    """Rewrite these timeline items and their links from the facts as stored now (an item
    whose fact is gone or undated disappears). Returns the deals they concerned before or
    concern now, whose summaries depend on them."""
    deals = set()
    item_ids = sorted(item_ids)
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for start in range(0, len(item_ids), BATCH):
            batch = item_ids[start:start + BATCH]
            links = TimelineLink.objects.using(using).filter(item_id__in=batch, deal_id__isnull=False)
            deals |= set(links.values_list("deal_id", flat=True))
            ids_by_kind = {}
            for item_id in batch:
                kind, _, pk = item_id.partition("-")
                if kind in KINDS and pk.isdigit():
                    ids_by_kind.setdefault(kind, []).append(int(pk))
            counts = _timeline_counts(batch, using)
            condition, params = _in("item_id", batch)
            cursor.execute(f"DELETE FROM deals_timelinelink WHERE {condition}", params)
            condition, params = _in("id", batch)
            cursor.execute(f"DELETE FROM deals_timelineitem WHERE {condition}", params)
            if ids_by_kind:
                cursor.execute(*_items_sql(ids_by_kind))
                cursor.execute(*_links_sql(ids_by_kind))
                deals |= set(links.values_list("deal_id", flat=True))
            now = _timeline_counts(batch, using) if ids_by_kind else tuple(Counter() for _ in TIMELINE_COUNTS)
            for (model, key, column), before, after in zip(TIMELINE_COUNTS, counts, now, strict=True):
                _counts_adjust(model, key, column, after, before, using)
    return deals


# --- The countries of each statement ---------------------------------------------------------


def _facts_of(kind, item_ids) -> list:
    """The facts of a kind among these items ("statement-20"), dated or not, by pk."""
    prefix = f"{kind}-"
    return sorted({int(item[len(prefix):]) for item in item_ids if item.startswith(prefix) and item[len(prefix):].isdigit()})


def _statements_of(item_ids) -> list:
    """The statements among these items ("statement-20"), dated or not, by pk."""
    return _facts_of("statement", item_ids)


def _statement_countries_sql(statement_ids=None):
    """Each statement's countries (of these statements, or of all) with its date, each
    pairing once: the countries it names, and the suppliers and recipients of its deals."""
    params = []
    only = _among(statement_ids, params)

    sql = f"""
INSERT INTO deals_statementcountry (statement_id, country_id, date_earliest, date_latest)
SELECT statement.id, concerned.country_id, statement.date_earliest, statement.date_latest
  FROM (
    SELECT statement_id, country_id FROM deals_statement_countries WHERE {only("statement_id")}
    UNION SELECT link.statement_id, deal.supplier_id FROM deals_statement_deals link
          JOIN deals_deal deal ON deal.id = link.deal_id WHERE {only("link.statement_id")}
    UNION SELECT link.statement_id, deal.recipient_id FROM deals_statement_deals link
          JOIN deals_deal deal ON deal.id = link.deal_id WHERE {only("link.statement_id")}
  ) concerned
  JOIN deals_statement statement ON statement.id = concerned.statement_id
"""
    return sql, params


def statement_countries_refresh(statement_ids, *, using="default", counted=None) -> None:
    """Rewrite these statements' countries from the facts as stored now (a deleted
    statement's go), and adjust the countries' statement counts by what changed. `counted`
    gives the countries of statements as counted before a delete took their rows."""
    counted = counted or {}
    ids = sorted(statement_ids)
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for batch in [ids[start:start + BATCH] for start in range(0, len(ids), BATCH)]:
            rows = StatementCountry.objects.using(using).filter(statement_id__in=batch)
            stored = list(rows.values_list("statement_id", "country_id"))
            before = Counter((country,) for _, country in stored)
            present = {statement for statement, _ in stored}
            for statement in set(batch) - present:
                before.update((country,) for country in counted.get(statement, ()))
            condition, params = _in("statement_id", batch)
            cursor.execute(f"DELETE FROM deals_statementcountry WHERE {condition}", params)
            cursor.execute(*_statement_countries_sql(batch))
            _counts_adjust(*STATEMENT_COUNTS, _statement_country_counts(rows), before, using)


def statement_countries_rebuild(*, using="default") -> None:
    """Every statement's countries from the facts (the migration adding the table fills it so)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("DELETE FROM deals_statementcountry")
        cursor.execute(*_statement_countries_sql())
        if StatementCountryCount._meta.db_table in connections[using].introspection.table_names(cursor):
            _statement_counts_rebuild(using)  # (the migration adding the count table fills it)
        if connections[using].vendor == "postgresql":
            cursor.execute("ANALYZE deals_statementcountry")


# --- The deals of each statement and event --------------------------------------------------

# Each kind of fact with its deals: its read-model table, and its table and many-to-many table.
DEAL_ROWS = {
    "statement": (StatementDeal, "deals_statement", "deals_statement_deals"),
    "event": (EventDeal, "deals_event", "deals_event_deals"),
}


def _deal_rows_sql(kind, ids=None):
    """Each statement's (or event's) deals with its date, of these facts or of all."""
    model, table, through = DEAL_ROWS[kind]
    condition, params = ("1 = 1", []) if ids is None else _in(f"link.{kind}_id", ids)
    sql = f"""
INSERT INTO {model._meta.db_table} ({kind}_id, deal_id, date_earliest, date_latest)
SELECT fact.id, link.deal_id, fact.date_earliest, fact.date_latest
  FROM {through} link JOIN {table} fact ON fact.id = link.{kind}_id
 WHERE {condition}
"""
    return sql, params


def deal_rows_refresh(kind, ids, *, using="default") -> None:
    """Rewrite these statements' (or events') deals from the facts as stored now (a deleted
    fact's go)."""
    table = DEAL_ROWS[kind][0]._meta.db_table
    ids = sorted(ids)
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for batch in [ids[start:start + BATCH] for start in range(0, len(ids), BATCH)]:
            condition, params = _in(f"{kind}_id", batch)
            cursor.execute(f"DELETE FROM {table} WHERE {condition}", params)
            cursor.execute(*_deal_rows_sql(kind, batch))


def deal_rows_rebuild(*, using="default") -> None:
    """Every statement's and event's deals from the facts (the migration adding the tables
    fills them so)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for kind, (model, _, _) in DEAL_ROWS.items():
            cursor.execute(f"DELETE FROM {model._meta.db_table}")
            cursor.execute(*_deal_rows_sql(kind))
            if connections[using].vendor == "postgresql":
                cursor.execute(f"ANALYZE {model._meta.db_table}")


# --- The charts' ledger --------------------------------------------------------------------

# The kinds of timeline item the charts count (an event is in none), and how many a refresh
# rewrites per statement: a statement's id is used five times, under SQLite's oldest limit
# of 999 parameters.
CHARTED = ("contract", "delivery", "statement")
CHART_BATCH = 150


def _chart_facts_sql(ids_by_kind=None, *, vendor="sqlite"):
    """Each contract's, actual delivery's and statement's rows of the charts' ledger (of these
    facts, by kind, or of all), one per slice it counts in (`deals.models.charts`): a
    contract or delivery in every deal's, its system's, its supplier's and recipient's, and
    theirs of its system; a statement in every statement's, each country it concerns (named
    in it or a party to its deals, as `StatementCountry` pairs them) and each system of its
    deals. Undated facts have the years 0."""
    params = []
    year = YEAR_OF.get(vendor, YEAR_OF["postgresql"]).format
    years = f"COALESCE({year('fact.date_earliest')}, 0), COALESCE({year('fact.date_latest')}, 0)"

    def only(kind, column):
        if ids_by_kind is None:
            return "1 = 1"
        if not ids_by_kind.get(kind):
            return "1 = 0"
        condition, values = _in(column, ids_by_kind[kind])
        params.extend(values)
        return condition

    sql = f"""
WITH activity (item_id, series, supplier_id, recipient_id, system_id, first_year, last_year) AS (
    SELECT 'contract-' || fact.id, 'contracts', deal.supplier_id, deal.recipient_id, COALESCE(deal.system_id, 0),
           {years}
      FROM deals_contract fact JOIN deals_deal deal ON deal.id = fact.deal_id
     WHERE {only("contract", "fact.id")}
    UNION ALL
    SELECT 'delivery-' || fact.id, 'deliveries', deal.supplier_id, deal.recipient_id, COALESCE(deal.system_id, 0),
           {years}
      FROM deals_delivery fact JOIN deals_deal deal ON deal.id = fact.deal_id
     WHERE fact.kind = 'actual' AND {only("delivery", "fact.id")}
),
said (item_id, statement_id, series, first_year, last_year) AS (
    SELECT 'statement-' || fact.id, fact.id, fact.stance, {years}
      FROM deals_statement fact WHERE {only("statement", "fact.id")}
),
concerned (statement_id, country_id) AS (
    SELECT statement_id, country_id FROM deals_statement_countries WHERE {only("statement", "statement_id")}
    UNION SELECT link.statement_id, deal.supplier_id FROM deals_statement_deals link
          JOIN deals_deal deal ON deal.id = link.deal_id WHERE {only("statement", "link.statement_id")}
    UNION SELECT link.statement_id, deal.recipient_id FROM deals_statement_deals link
          JOIN deals_deal deal ON deal.id = link.deal_id WHERE {only("statement", "link.statement_id")}
),
about (statement_id, system_id) AS (
    SELECT DISTINCT link.statement_id, deal.system_id FROM deals_statement_deals link
      JOIN deals_deal deal ON deal.id = link.deal_id
     WHERE deal.system_id IS NOT NULL AND {only("statement", "link.statement_id")}
)
INSERT INTO deals_chartfact (item_id, series, country_id, system_id, first_year, last_year)
SELECT item_id, series, '', 0, first_year, last_year FROM activity
UNION ALL SELECT item_id, series, '', system_id, first_year, last_year FROM activity WHERE system_id <> 0
UNION ALL SELECT item_id, series, supplier_id, 0, first_year, last_year FROM activity
UNION ALL SELECT item_id, series, recipient_id, 0, first_year, last_year FROM activity
UNION ALL SELECT item_id, series, supplier_id, system_id, first_year, last_year FROM activity WHERE system_id <> 0
UNION ALL SELECT item_id, series, recipient_id, system_id, first_year, last_year FROM activity WHERE system_id <> 0
UNION ALL SELECT item_id, series, '', 0, first_year, last_year FROM said
UNION ALL SELECT said.item_id, said.series, concerned.country_id, 0, said.first_year, said.last_year
            FROM said JOIN concerned ON concerned.statement_id = said.statement_id
UNION ALL SELECT said.item_id, said.series, '', about.system_id, said.first_year, said.last_year
            FROM said JOIN about ON about.statement_id = said.statement_id
"""
    return sql, params


def _chart_counts(rows) -> Counter:
    """What these rows of the charts' ledger add to each of the charts' counts."""
    key = CHART_COUNTS[1]
    counted = rows.values(*key).annotate(n=Count("id")).order_by().values_list(*key, "n")
    return Counter({tuple(row[:-1]): row[-1] for row in counted})


def chart_facts_refresh(item_ids, *, using="default") -> None:
    """Rewrite these facts' rows of the charts' ledger (of the timeline's item ids given,
    dated or not, those the charts count) from the facts as stored now (a deleted fact's, or
    a delivery's no longer actual, go), and adjust the charts' counts by what changed."""
    ids = sorted(item for item in item_ids if item.partition("-")[0] in CHARTED)
    vendor = connections[using].vendor
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for batch in [ids[start:start + CHART_BATCH] for start in range(0, len(ids), CHART_BATCH)]:
            rows = ChartFact.objects.using(using).filter(item_id__in=batch)
            before = _chart_counts(rows)
            condition, params = _in("item_id", batch)
            cursor.execute(f"DELETE FROM deals_chartfact WHERE {condition}", params)
            ids_by_kind = {kind: _facts_of(kind, batch) for kind in CHARTED}
            cursor.execute(*_chart_facts_sql(ids_by_kind, vendor=vendor))
            _counts_adjust(*CHART_COUNTS, _chart_counts(rows), before, using)


def _chart_counts_fill(cursor) -> None:
    """The charts' counts from their whole ledger, in one INSERT … SELECT."""
    columns = ", ".join(CHART_COUNTS[1])
    cursor.execute(f"DELETE FROM {ChartYearCount._meta.db_table}")
    cursor.execute(
        f"INSERT INTO {ChartYearCount._meta.db_table} ({columns}, facts) "
        f"SELECT {columns}, COUNT(*) FROM {ChartFact._meta.db_table} GROUP BY {columns}"
    )


def chart_counts_rebuild(*, using="default") -> None:
    """The charts' ledger and counts from every fact (the migration adding them fills them so;
    `read_model_rebuild` fills them within its own rebuild)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {ChartFact._meta.db_table}")
        cursor.execute(*_chart_facts_sql(vendor=connections[using].vendor))
        _chart_counts_fill(cursor)


# --- The counts --------------------------------------------------------------------------------

# Each count table: its model, the columns of its key, and its count column.
DEAL_COUNTS = (CountryDealCount, ("country_id", "role", "status", "s400"), "deals")
SYSTEM_COUNTS = (SystemDealCount, ("system_id",), "deals")
TIMELINE_COUNTS = (
    (TimelineSpanCount, ("kind", "first_year", "last_year"), "items"),
    (TimelineCountryCount, ("country_id",), "items"),
    (TimelineDealCount, ("deal_id",), "items"),
    (TimelineSystemCount, ("system_id",), "items"),
)

STATEMENT_COUNTS = (StatementCountryCount, ("country_id",), "statements")
CHART_COUNTS = (ChartYearCount, ("country_id", "system_id", "series", "first_year", "last_year"), "facts")


def _statement_country_counts(rows) -> Counter:
    """What these rows of the statements' countries add to each country's statement count."""
    counted = rows.values("country_id").annotate(n=Count("id")).order_by().values_list("country_id", "n")
    return Counter({(country,): n for country, n in counted})


def _statement_counts_rebuild(using) -> None:
    _counts_replace(STATEMENT_COUNTS, _statement_country_counts(StatementCountry.objects.using(using)), using)


def _counts_replace(table, counts: Counter, using) -> None:
    """A count table emptied and written afresh from `counts` ({key values: count})."""
    model, key, column = table
    model.objects.using(using).all().delete()
    rows = [model(**dict(zip(key, values, strict=True)), **{column: n}) for values, n in sorted(counts.items()) if n]
    model.objects.using(using).bulk_create(rows, batch_size=1000)


def _span_counts(items) -> Counter:
    rows = (
        items.annotate(first=ExtractYear("date_earliest"), last=ExtractYear("date_latest"))
        .values("kind", "first", "last").annotate(n=Count("id")).order_by()
        .values_list("kind", "first", "last", "n")
    )
    return Counter({(kind, first, last): n for kind, first, last, n in rows})


def _link_counts(links, column) -> Counter:
    """Items per country, deal or system (`column`): a link per item and record."""
    rows = links.filter(**{f"{column}__isnull": False}).values(column).annotate(n=Count("id")).order_by()
    return Counter({(row[column],): row["n"] for row in rows})


def _country_counts(links) -> Counter:
    return _link_counts(links, "country_id")


def _timeline_counts(item_ids, using):
    """What these items add to each timeline count (`TIMELINE_COUNTS`), as stored now."""
    links = TimelineLink.objects.using(using).filter(item_id__in=item_ids)
    return (
        _span_counts(TimelineItem.objects.using(using).filter(id__in=item_ids)),
        _country_counts(links), _link_counts(links, "deal_id"), _link_counts(links, "system_id"),
    )


def _counted_states(summaries) -> dict:
    """{deal pk: (supplier, recipient, status, system, s400)} as these summaries counted them."""
    return {pk: (supplier, recipient, status, system, s400) for pk, supplier, recipient, status, system, s400 in
            summaries.values_list("deal_id", "supplier_id", "recipient_id", "status", "system_id", "s400")}


def _deal_counts(states) -> Counter:
    """What deals in these states ((supplier, recipient, status, system, s400), or with how
    many deals share it: (supplier, recipient, status, system, s400, deals)) add to each
    country's counts."""
    counts = Counter()
    for supplier, recipient, status, _system, s400, *deals in states:
        number = deals[0] if deals else 1
        counts[supplier, "supplier", status, bool(s400)] += number
        counts[recipient, "recipient", status, bool(s400)] += number
    return counts


def _system_counts(states) -> Counter:
    """What deals in these states (as `_deal_counts` reads them) add to each system's count
    (a deal without a system counts for none)."""
    counts = Counter()
    for _supplier, _recipient, _status, system, _s400, *deals in states:
        if system is not None:
            counts[(system,)] += deals[0] if deals else 1
    return counts


def _counts_adjust(model, key, column, after: Counter, before: Counter, using) -> None:
    """Add to each row of a count table what a refresh changed (a row per new key; a row
    falling to nothing goes)."""
    change = Counter(after)
    change.subtract(before)
    rows = model.objects.using(using)
    emptied = False
    for values, difference in sorted(change.items()):
        if not difference:
            continue
        where = dict(zip(key, values, strict=True))
        if not rows.filter(**where).update(**{column: F(column) + difference}):
            rows.create(**where, **{column: difference})
        emptied = emptied or difference < 0
    if emptied:
        rows.filter(**{column: 0}).delete()


def record_counts_rebuild(*, using="default") -> None:
    """Count every table of `COUNTED_MODELS` afresh (after a bulk write; the migration adding
    `RecordCount` fills it so)."""
    model, key, column = RECORD_COUNTS
    model.objects.using(using).all().delete()
    model.objects.using(using).bulk_create([
        model(**{key[0]: counted._meta.label_lower, column: counted._base_manager.using(using).count()})
        for counted in COUNTED_MODELS
    ])


def _counts_rebuild(using) -> None:
    """Every count table from the timeline and the deals' summaries (rebuilt just before)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        # A migration older than the systems' counts, or than the country counts' scope (each
        # of which fills its own), counts the rest.
        by_system = (
            SystemDealCount._meta.db_table in connection.introspection.table_names(cursor)
            and _has_every_column(connection, cursor, DealSummary)
        )
        scoped = by_system and _has_every_column(connection, cursor, CountryDealCount)
        # A migration older than the timeline's counts per deal and system (which fills them).
        records_counted = TimelineDealCount._meta.db_table in connection.introspection.table_names(cursor)
    state = ("supplier_id", "recipient_id", "status", *(("system_id", "s400") if by_system else ()))
    states = [
        (*row[:3], *(row[3:5] if by_system else (None, False)), row[-1]) for row in
        DealSummary.objects.using(using).values(*state).annotate(n=Count("pk")).order_by().values_list(*state, "n")
    ]
    links = TimelineLink.objects.using(using)
    counted = [
        (TIMELINE_COUNTS[0], _span_counts(TimelineItem.objects.using(using))),
        (TIMELINE_COUNTS[1], _country_counts(links)),
    ]
    if records_counted:
        counted += [(TIMELINE_COUNTS[2], _link_counts(links, "deal_id")), (TIMELINE_COUNTS[3], _link_counts(links, "system_id"))]
    if scoped:
        counted.append((DEAL_COUNTS, _deal_counts(states)))
    if by_system:
        counted.append((SYSTEM_COUNTS, _system_counts(states)))
    for table, counts in counted:
        _counts_replace(table, counts, using)


# --- Deal summaries --------------------------------------------------------------------------


SUMMARY_COLUMNS = (
    "deal_id, contract_id, contract_value, contract_currency, contract_value_words, contract_quantity, "
    "contract_unit, contract_quantity_words, signed_words, signed_edtf, signed_earliest, signed_latest, "
    "signed_basis, first_date, last_date, first_milestone_id, last_milestone_id, first_words, first_edtf, "
    "first_latest, first_basis, last_words, last_edtf, last_earliest, last_basis, supplier_id, recipient_id, status, "
    "delivered_quantity, delivered_quantity_unit, actual_deliveries, deliveries_without_quantity, "
    "first_delivery_year, last_delivery_year, latest_evidence_earliest, latest_evidence_latest, system_id, s400"
)

# Whether a deal's system is of the S-400 family (`s400_family`: the system and its variants),
# as the summaries store it for the country counts; read by key from the small systems table.
S400_OF_DEAL = f"COALESCE(deal.system_id IN ({S400_SYSTEMS_SQL}), FALSE)"

# The year of a date column, as each database writes it. SQLite stores a date as its ISO text:
# its first four characters (no `strftime('%Y', …)`: a statement with parameters is also
# formatted with them for the debug log, where that `%` breaks it).
YEAR_OF = {
    "postgresql": "CAST(EXTRACT(YEAR FROM {}) AS integer)",
    "sqlite": "CAST(substr({}, 1, 4) AS integer)",
}


def _summaries_sql(deal_ids=None, *, vendor="sqlite"):
    """Each deal's summary (of these deals, or of all), as one INSERT … SELECT: its first
    contract (earliest dated, then first entered, in the database's own order for undated
    ones, as `Contract.Meta.ordering` reads) with its terms and date, and its first and last
    dated milestones (by earliest day, by latest day) with their dates, each picked with a
    window over the deal's rows; what its actual deliveries add up to and the years they
    span; and the bounds of its latest cited source's publication date (`DealSummary` says
    what each value means when the sources are incomplete or disagree on units)."""
    params = []
    year = YEAR_OF.get(vendor, YEAR_OF["postgresql"]).format
    only = _among(deal_ids, params)

    sql = f"""
WITH contract AS (
    SELECT deal_id, id, value_amount, value_currency, value_words, quantity, quantity_unit, quantity_words,
           date_words, date_edtf, date_earliest, date_latest, date_basis,
           ROW_NUMBER() OVER (PARTITION BY deal_id ORDER BY date_earliest, id) AS n
      FROM deals_contract WHERE {only("deal_id")}
),
milestone AS (
    SELECT link.deal_id, item.id, item.date_words, item.date_edtf, item.date_earliest, item.date_latest,
           item.date_basis,
           ROW_NUMBER() OVER (
               PARTITION BY link.deal_id ORDER BY item.date_earliest, item.date_latest, item.id
           ) AS first_n,
           ROW_NUMBER() OVER (
               PARTITION BY link.deal_id ORDER BY item.date_latest DESC, item.date_earliest DESC, item.id
           ) AS last_n
      FROM deals_timelinelink link JOIN deals_timelineitem item ON item.id = link.item_id
     WHERE link.deal_id IS NOT NULL AND {only("link.deal_id")}
),
delivered AS (
    SELECT deal_id, COUNT(*) AS deliveries, COUNT(*) - COUNT(quantity) AS without_quantity,
           SUM(quantity) AS quantity,
           MIN(CASE WHEN quantity IS NOT NULL THEN quantity_unit END) AS unit,
           MAX(CASE WHEN quantity IS NOT NULL THEN quantity_unit END) AS other_unit,
           MIN(date_earliest) AS first_day, MAX(date_latest) AS last_day
      FROM deals_delivery WHERE kind = 'actual' AND {only("deal_id")}
     GROUP BY deal_id
),
cited AS (
    SELECT deal_id, source_id FROM deals_citation WHERE deal_id IS NOT NULL AND {only("deal_id")}
    UNION ALL SELECT fact.deal_id, citation.source_id
      FROM deals_contract fact JOIN deals_citation citation ON citation.contract_id = fact.id
     WHERE {only("fact.deal_id")}
    UNION ALL SELECT fact.deal_id, citation.source_id
      FROM deals_delivery fact JOIN deals_citation citation ON citation.delivery_id = fact.id
     WHERE {only("fact.deal_id")}
    UNION ALL SELECT link.deal_id, citation.source_id
      FROM deals_statement_deals link JOIN deals_citation citation ON citation.statement_id = link.statement_id
     WHERE {only("link.deal_id")}
    UNION ALL SELECT link.deal_id, citation.source_id
      FROM deals_event_deals link JOIN deals_citation citation ON citation.event_id = link.event_id
     WHERE {only("link.deal_id")}
),
evidence AS (
    SELECT cited.deal_id, MAX(source.date_earliest) AS earliest, MAX(source.date_latest) AS latest
      FROM cited JOIN deals_source source ON source.id = cited.source_id
     GROUP BY cited.deal_id
)
INSERT INTO deals_dealsummary ({SUMMARY_COLUMNS})
SELECT deal.id, contract.id, contract.value_amount, COALESCE(contract.value_currency, ''),
       COALESCE(contract.value_words, ''), contract.quantity, COALESCE(contract.quantity_unit, ''),
       COALESCE(contract.quantity_words, ''), COALESCE(contract.date_words, ''), COALESCE(contract.date_edtf, ''),
       contract.date_earliest, contract.date_latest, COALESCE(contract.date_basis, ''),
       first_milestone.date_earliest, last_milestone.date_latest,
       COALESCE(first_milestone.id, ''), COALESCE(last_milestone.id, ''),
       COALESCE(first_milestone.date_words, ''), COALESCE(first_milestone.date_edtf, ''),
       first_milestone.date_latest, COALESCE(first_milestone.date_basis, ''),
       COALESCE(last_milestone.date_words, ''), COALESCE(last_milestone.date_edtf, ''),
       last_milestone.date_earliest, COALESCE(last_milestone.date_basis, ''),
       deal.supplier_id, deal.recipient_id, deal.status,
       CASE WHEN delivered.unit = delivered.other_unit THEN delivered.quantity END,
       CASE WHEN delivered.unit = delivered.other_unit THEN delivered.unit ELSE '' END,
       COALESCE(delivered.deliveries, 0), COALESCE(delivered.without_quantity, 0),
       {year("delivered.first_day")}, {year("delivered.last_day")},
       evidence.earliest, evidence.latest, deal.system_id, {S400_OF_DEAL}
  FROM deals_deal deal
  LEFT JOIN contract ON contract.deal_id = deal.id AND contract.n = 1
  LEFT JOIN milestone first_milestone ON first_milestone.deal_id = deal.id AND first_milestone.first_n = 1
  LEFT JOIN milestone last_milestone ON last_milestone.deal_id = deal.id AND last_milestone.last_n = 1
  LEFT JOIN delivered ON delivered.deal_id = deal.id
  LEFT JOIN evidence ON evidence.deal_id = deal.id
 WHERE {only("deal.id")}
"""
    return sql, params


def deal_summaries_refresh(deal_ids=None, *, using="default", counted=None) -> None:
    """Recompute the summaries of these deals (of every deal when None) from the contracts
    and the timeline as stored now, and the country counts with them; a deleted deal's
    summary goes with it (`counted`: how summaries already gone counted their deals)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        vendor = connections[using].vendor
        if deal_ids is None:
            if not _has_every_column(connections[using], cursor, DealSummary):
                return  # a migration older than the table's newest columns: the one adding them fills it
            cursor.execute("DELETE FROM deals_dealsummary")
            cursor.execute(*_summaries_sql(vendor=vendor))
            _counts_rebuild(using)
            return
        ids = sorted(deal_ids)
        for batch in [ids[start:start + SUMMARY_BATCH] for start in range(0, len(ids), SUMMARY_BATCH)]:
            summaries = DealSummary.objects.using(using).filter(deal_id__in=batch)
            before = {pk: (counted or {})[pk] for pk in batch if pk in (counted or {})} | _counted_states(summaries)
            condition, params = _in("deal_id", batch)
            cursor.execute(f"DELETE FROM deals_dealsummary WHERE {condition}", params)
            cursor.execute(*_summaries_sql(batch, vendor=vendor))
            after = _counted_states(summaries)
            _counts_adjust(*DEAL_COUNTS, _deal_counts(after.values()), _deal_counts(before.values()), using)
            _counts_adjust(*SYSTEM_COUNTS, _system_counts(after.values()), _system_counts(before.values()), using)


# --- Everything at once ----------------------------------------------------------------------


@contextmanager
def _indexes_built_after(connection, models):
    """On PostgreSQL, drop the tables' secondary indexes for a bulk insert and build them
    afterwards: one sorted build each, instead of hundreds of thousands of insertions."""
    if connection.vendor != "postgresql":
        yield
        return
    editor = connection.schema_editor()  # only to write the statements (never entered)
    editor.deferred_sql = []
    indexes = [(model, index) for model in models for index in model._meta.indexes]
    with connection.cursor() as cursor:
        for model, index in indexes:
            cursor.execute(str(index.remove_sql(model, editor)))
        yield
        for model, index in indexes:
            cursor.execute(str(index.create_sql(model, editor)))


def _has_every_column(connection, cursor, model) -> bool:
    stored = {column.name for column in connection.introspection.get_table_description(cursor, model._meta.db_table)}
    return {field.column for field in model._meta.concrete_fields} <= stored


def read_model_rebuild(*, using="default", drop_indexes=True) -> dict:
    """Rebuild every derived table from the facts, each in one set-based statement; returns
    how many rows each holds. `drop_indexes=False` where the indexes do not exist yet (the
    migration creating the tables builds them once it has run)."""
    connection = connections[using]
    derived = (
        TimelineItem, TimelineLink, DealSummary, StatementCountry, StatementDeal, EventDeal, DealMilestone,
        DealStatusPeriod, ChartFact,
    )
    counts = (CountryDealCount, TimelineSpanCount, TimelineCountryCount)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # A migration older than a table's own (or than its newest columns) rebuilds the
        # tables it knows (the one adding the table or the columns fills it).
        present = set(connection.introspection.table_names(cursor))
        derived = tuple(
            model for model in derived
            if model._meta.db_table in present and _has_every_column(connection, cursor, model)
        )
        counts = tuple(
            model for model in (
                *counts, SystemDealCount, StatementCountryCount, RecordCount, ChartYearCount, TimelineDealCount,
                TimelineSystemCount,
            )
            if model._meta.db_table in present
        )
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(model._meta.db_table for model in derived)}")
        else:
            for model in reversed(derived):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")
        with _indexes_built_after(connection, derived) if drop_indexes else nullcontext():
            cursor.execute(*_items_sql())
            cursor.execute(*_links_sql())
            if DealSummary in derived:
                cursor.execute(*_summaries_sql(vendor=connection.vendor))
            if StatementCountry in derived:
                cursor.execute(*_statement_countries_sql())
            for kind, (model, _, _) in DEAL_ROWS.items():
                if model in derived:
                    cursor.execute(*_deal_rows_sql(kind))
            if DealStatusPeriod in derived:
                _status_history_fill(cursor, using)
            if ChartFact in derived:
                cursor.execute(*_chart_facts_sql(vendor=connection.vendor))
        _counts_rebuild(using)
        if StatementCountryCount in counts:
            _statement_counts_rebuild(using)
        if RecordCount in counts:
            record_counts_rebuild(using=using)
        if ChartYearCount in counts and ChartFact in derived:
            _chart_counts_fill(cursor)
    if connection.vendor == "postgresql":
        # Fresh statistics, so the planner knows the tables' new sizes at once.
        with connection.cursor() as cursor:
            tables = ", ".join(model._meta.db_table for model in (*derived, *counts))
            cursor.execute(f"ANALYZE {tables}")
    return {model._meta.label: model.objects.using(using).count() for model in (*derived, *counts)}


# --- Status history ----------------------------------------------------------------------------

MILESTONE_COLUMNS = (
    "deal_id, status, kind, rank, fact_kind, fact_id, citation_id, date_words, date_edtf, date_earliest, "
    "date_latest, date_basis"
)
# Deals per statement of the milestones', which use each id twelve times (SQLite's oldest
# limit of parameters a statement takes is 999).
MILESTONE_BATCH = 80
# Periods written per INSERT (and milestones read per round trip) by a rebuild.
PERIOD_BATCH = 5000


# The tables the milestones are derived from.
MILESTONE_SOURCES = (
    "deals_deal", "deals_dealsummary", "deals_contract", "deals_delivery", "deals_statement",
    "deals_statement_deals", "deals_event", "deals_event_deals", "deals_citation", "deals_source",
)


# A day after every date, standing for "none" where the smallest of several dates is taken
# (PostgreSQL's LEAST skips NULLs, SQLite's MIN(a, b, …) gives NULL if any is).
NO_DAY = "'9999-12-31'"


# Words by which a statement or an event says talks on a deal are under way (LIKE patterns,
# on the lower-cased text).
TALK_WORDS = ("%negotiat%", "%talks%", "%discuss%")


def _milestones_sql(deal_ids=None, *, vendor="sqlite"):
    """Each deal's milestones (of these deals, or of all), as one INSERT … SELECT, by the rules
    `deals.models.milestones` states: a fact's milestone cites the fact's first citation, the
    curated status the citation of the latest source among all its facts' (the greatest latest
    day of its publication, then the greatest earliest day, then the first citation), the
    first source's the first citation of the earliest (the smallest latest day of publication),
    taken in the same order of branches."""
    params = []
    only = _among(deal_ids, params)
    least = "LEAST" if vendor == "postgresql" else "MIN"
    # Worked out once per deal, then its citation read by key: inlined, PostgreSQL joined the
    # lookups' result to every citation by hashing.
    materialized = "MATERIALIZED " if vendor == "postgresql" else ""

    date = "fact.date_words, fact.date_edtf, fact.date_earliest, fact.date_latest, fact.date_basis"

    def of_talks(*columns):
        # Whether the fact's words say talks are under way (TALK_WORDS), as 1 or 0; the patterns
        # are parameters, in the order the statement reads them.
        words = " || ' ' || ".join(f"LOWER({column})" for column in columns)
        params.extend(TALK_WORDS)
        return f"CASE WHEN {' OR '.join([f'{words} LIKE %s'] * len(TALK_WORDS))} THEN 1 ELSE 0 END"

    def first_citation(kind):
        # `+ 0`: read along the fact's index, never the primary key's (PostgreSQL would walk the
        # citations in id order until one of the fact's turns up: the whole table, per fact).
        return f"(SELECT MIN(citation.id + 0) FROM deals_citation citation WHERE citation.{kind}_id = fact.id)"

    def cited(column, condition):
        # Each branch of what a deal's facts cite, as `curated` reads them: `column` of the
        # citations of its own, its contracts', deliveries', statements' and events' whose
        # source meets `condition`.
        return [
            f"""(SELECT {column} FROM deals_citation citation JOIN deals_source source ON source.id = citation.source_id
              WHERE citation.deal_id = first.deal_id AND {condition})""",
            f"""(SELECT {column} FROM deals_contract fact JOIN deals_citation citation ON citation.contract_id = fact.id
               JOIN deals_source source ON source.id = citation.source_id
              WHERE fact.deal_id = first.deal_id AND {condition})""",
            f"""(SELECT {column} FROM deals_delivery fact JOIN deals_citation citation ON citation.delivery_id = fact.id
               JOIN deals_source source ON source.id = citation.source_id
              WHERE fact.deal_id = first.deal_id AND {condition})""",
            f"""(SELECT {column} FROM deals_statement_deals link
               JOIN deals_citation citation ON citation.statement_id = link.statement_id
               JOIN deals_source source ON source.id = citation.source_id
              WHERE link.deal_id = first.deal_id AND {condition})""",
            f"""(SELECT {column} FROM deals_event_deals link
               JOIN deals_citation citation ON citation.event_id = link.event_id
               JOIN deals_source source ON source.id = citation.source_id
              WHERE link.deal_id = first.deal_id AND {condition})""",
        ]

    earliest = ",\n        ".join(
        f"COALESCE({branch}, {NO_DAY})" for branch in cited("MIN(source.date_latest)", "1 = 1")
    )
    first_citation_of_earliest = ",\n        ".join(cited("MIN(citation.id)", "source.date_latest = first.latest"))
    ranks = {kind.value: rank for kind, rank in RANKS.items()}
    sql = f"""
WITH first_cited AS (
    -- When the earliest source its facts cite was published (the smallest latest day), if
    -- before its latest source (the curated status's day): a source published then shows
    -- the deal was reported by then, whatever its facts' dates.
    SELECT first.deal_id, first.latest FROM (
        SELECT first.deal_id, first.latest_evidence_latest, {least}(
        {earliest}
        ) AS latest
          FROM deals_dealsummary first
         WHERE first.latest_evidence_latest IS NOT NULL AND {only("first.deal_id")}
    ) first
     WHERE first.latest < first.latest_evidence_latest
),
first_source AS {materialized}(
    SELECT first.deal_id, COALESCE(
        {first_citation_of_earliest}
    ) AS citation_id
      FROM first_cited first
),
fact AS (
    SELECT fact.deal_id, 'contract' AS fact_kind, fact.id, '' AS detail, CAST(NULL AS BIGINT) AS citation_id,
           0 AS talks, {date}
      FROM deals_contract fact WHERE fact.date_earliest IS NOT NULL AND {only("fact.deal_id")}
    UNION ALL SELECT fact.deal_id, 'delivery', fact.id, '', NULL, 0, {date}
      FROM deals_delivery fact WHERE fact.kind = 'actual' AND fact.date_earliest IS NOT NULL AND {only("fact.deal_id")}
    UNION ALL SELECT link.deal_id, 'statement', fact.id, fact.stance, NULL, {of_talks("fact.text")}, {date}
      FROM deals_statement_deals link JOIN deals_statement fact ON fact.id = link.statement_id
     WHERE fact.date_earliest IS NOT NULL AND {only("link.deal_id")}
    UNION ALL SELECT link.deal_id, 'event', fact.id, fact.kind, NULL, {of_talks("fact.title", "fact.description")}, {date}
      FROM deals_event_deals link JOIN deals_event fact ON fact.id = link.event_id
     WHERE fact.date_earliest IS NOT NULL AND {only("link.deal_id")}
    -- The earliest source, as a fact of its own (a milestone only when before every fact).
    UNION ALL SELECT first.deal_id, 'source', fact.id, '', first.citation_id, 0, {date}
      FROM first_source first JOIN deals_citation citation ON citation.id = first.citation_id
      JOIN deals_source fact ON fact.id = citation.source_id
),
ordered AS (
    SELECT fact.*,
           ROW_NUMBER() OVER (
               PARTITION BY deal_id, CASE WHEN fact_kind = 'source' THEN 1 ELSE 0 END
               ORDER BY date_latest, date_earliest, fact_kind, id
           ) AS first_n,
           MIN(CASE WHEN fact_kind = 'source' THEN NULL ELSE date_latest END) OVER (
               PARTITION BY deal_id
           ) AS first_fact_latest,
           ROW_NUMBER() OVER (
               PARTITION BY deal_id, fact_kind ORDER BY date_latest, date_earliest, id
           ) AS first_of_kind,
           ROW_NUMBER() OVER (
               PARTITION BY deal_id, fact_kind ORDER BY date_latest DESC, date_earliest DESC, id DESC
           ) AS last_of_kind
      FROM fact
),
curated AS (
    -- A citation of its latest source (the greatest latest day of publication, as its summary,
    -- refreshed just before, holds it): the deal's own first, then its contracts', deliveries',
    -- statements', events'; each branch read along the deal's indexes (a join of every
    -- citation to every deal of its statement is millions of rows at scale).
    SELECT deal.id AS deal_id, deal.status, COALESCE(
        (SELECT MIN(citation.id) FROM deals_citation citation JOIN deals_source source ON source.id = citation.source_id
          WHERE citation.deal_id = deal.id AND source.date_latest = summary.latest_evidence_latest),
        (SELECT MIN(citation.id) FROM deals_contract fact JOIN deals_citation citation ON citation.contract_id = fact.id
           JOIN deals_source source ON source.id = citation.source_id
          WHERE fact.deal_id = deal.id AND source.date_latest = summary.latest_evidence_latest),
        (SELECT MIN(citation.id) FROM deals_delivery fact JOIN deals_citation citation ON citation.delivery_id = fact.id
           JOIN deals_source source ON source.id = citation.source_id
          WHERE fact.deal_id = deal.id AND source.date_latest = summary.latest_evidence_latest),
        (SELECT MIN(citation.id) FROM deals_statement_deals link
           JOIN deals_citation citation ON citation.statement_id = link.statement_id
           JOIN deals_source source ON source.id = citation.source_id
          WHERE link.deal_id = deal.id AND source.date_latest = summary.latest_evidence_latest),
        (SELECT MIN(citation.id) FROM deals_event_deals link
           JOIN deals_citation citation ON citation.event_id = link.event_id
           JOIN deals_source source ON source.id = citation.source_id
          WHERE link.deal_id = deal.id AND source.date_latest = summary.latest_evidence_latest)
    ) AS citation_id
      FROM deals_deal deal JOIN deals_dealsummary summary ON summary.deal_id = deal.id
     WHERE summary.latest_evidence_latest IS NOT NULL AND {only("deal.id")}
)
INSERT INTO deals_dealmilestone ({MILESTONE_COLUMNS})
SELECT fact.deal_id, milestone.status, milestone.kind, milestone.rank, fact.fact_kind, fact.id,
       CASE fact.fact_kind
           WHEN 'contract' THEN {first_citation("contract")}
           WHEN 'delivery' THEN {first_citation("delivery")}
           WHEN 'statement' THEN {first_citation("statement")}
           WHEN 'event' THEN {first_citation("event")}
           ELSE fact.citation_id
       END,
       {date}
  FROM ordered fact
  JOIN deals_deal deal ON deal.id = fact.deal_id
  JOIN (
      SELECT 'reported' AS status, 'first_fact' AS kind, {ranks["first_fact"]} AS rank
      UNION ALL SELECT 'reported', 'first_source', {ranks["first_source"]}
      UNION ALL SELECT 'reported', 'report', {ranks["report"]}
      UNION ALL SELECT 'negotiating', 'talks', {ranks["talks"]}
      UNION ALL SELECT 'signed', 'signature', {ranks["signature"]}
      UNION ALL SELECT 'delivering', 'first_delivery', {ranks["first_delivery"]}
      UNION ALL SELECT 'delivered', 'last_delivery', {ranks["last_delivery"]}
      UNION ALL SELECT 'suspended', 'suspension', {ranks["suspension"]}
      UNION ALL SELECT 'denied', 'denial', {ranks["denial"]}
  ) milestone ON (
      (milestone.kind = 'first_fact' AND fact.first_n = 1 AND fact.fact_kind <> 'source')
      OR (milestone.kind = 'first_source' AND fact.fact_kind = 'source'
          AND (fact.first_fact_latest IS NULL OR fact.date_latest < fact.first_fact_latest))
      OR (milestone.kind = 'report' AND fact.fact_kind = 'event' AND fact.detail = 'report')
      OR (milestone.kind = 'talks' AND fact.talks = 1 AND (
          (fact.fact_kind = 'statement' AND fact.detail <> 'denies')
          OR (fact.fact_kind = 'event' AND fact.detail NOT IN ('threat', 'sanctions', 'suspension'))))
      OR (milestone.kind = 'suspension' AND fact.fact_kind = 'event' AND fact.detail = 'suspension')
      OR (milestone.kind = 'signature' AND fact.fact_kind = 'contract')
      OR (milestone.kind = 'first_delivery' AND fact.fact_kind = 'delivery' AND fact.first_of_kind = 1)
      OR (milestone.kind = 'last_delivery' AND fact.fact_kind = 'delivery' AND fact.last_of_kind = 1
          AND deal.status = 'delivered')
      OR (milestone.kind = 'denial' AND fact.fact_kind = 'statement' AND fact.detail = 'denies'
          AND deal.status = 'denied')
  )
UNION ALL
SELECT curated.deal_id, curated.status, 'curated', {ranks["curated"]}, 'source', source.id, curated.citation_id,
       source.date_words, source.date_edtf, source.date_earliest, source.date_latest, source.date_basis
  FROM curated JOIN deals_citation citation ON citation.id = curated.citation_id
  JOIN deals_source source ON source.id = citation.source_id
"""
    return sql, params


@dataclass
class _Period:
    deal_id: int
    status: str
    since: object
    milestone_id: int
    until: object = None


def _milestones_insert(cursor, deal_ids=None) -> None:
    """Run `_milestones_sql` without PostgreSQL's JIT compilation: its correlated lookups make
    the planner's estimate look expensive when the statistics are stale (after a bulk load),
    and compiling then took 5 s for a statement that runs in a tenth of one."""
    postgresql = cursor.db.vendor == "postgresql"
    if postgresql:
        cursor.execute("SET LOCAL jit = off")
    cursor.execute(*_milestones_sql(deal_ids, vendor=cursor.db.vendor))
    if postgresql:
        cursor.execute("SET LOCAL jit TO DEFAULT")


def status_periods(milestones) -> list:
    """One deal's status periods from its milestones in the fold's order (`DealMilestone`'s
    ordering), by the rules `deals.models.milestones` states. A day on which several
    milestones are reached holds the status the last of them leaves (no period of no days)."""
    periods, status, settled = [], None, False
    for milestone in milestones:
        if settled:
            break  # the curated status is the last word
        if milestone.kind == MilestoneKind.CURATED:
            new, settled = milestone.status, True
        elif status is None or DealStatus(milestone.status).step_from(status) == "forward":
            new = milestone.status
        else:
            continue
        if new == status:
            continue
        day = milestone.date_latest
        if periods and periods[-1].since == day:
            periods.pop()  # reached the same day as the one before: the day ends at this one
            if periods and periods[-1].status == new:
                periods[-1].until = None
                status = new
                continue
        if periods:
            periods[-1].until = day
        periods.append(_Period(milestone.deal_id, new, day, milestone.id))
        status = new
    return periods


def _periods_write(periods, using) -> None:
    DealStatusPeriod.objects.using(using).bulk_create(
        [
            DealStatusPeriod(
                deal_id=period.deal_id, status=period.status, since=period.since, until=period.until,
                milestone_id=period.milestone_id,
            )
            for period in periods
        ],
        batch_size=PERIOD_BATCH,
    )


def _periods_from(milestones, using) -> None:
    """Fold milestones read in the fold's order, deal after deal, into periods written a
    batch at a time."""
    periods, deal, own = [], None, []
    for milestone in milestones:
        if milestone.deal_id != deal:
            periods += status_periods(own)
            deal, own = milestone.deal_id, []
            if len(periods) >= PERIOD_BATCH:
                _periods_write(periods, using)
                periods = []
        own.append(milestone)
    periods += status_periods(own)
    _periods_write(periods, using)


def _folded(milestones):
    """What the fold reads of each milestone, as named tuples in the fold's order (a rebuild
    reads millions: no model instance each)."""
    return milestones.order_by("deal_id", "date_latest", "rank", "date_earliest", "id").values_list(
        "id", "deal_id", "status", "kind", "date_latest", named=True
    )


def status_history_refresh(deal_ids, *, using="default") -> None:
    """Rewrite these deals' milestones and status periods from the facts as stored now (a
    deleted deal's go)."""
    ids = sorted(deal_ids)
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for batch in [ids[start:start + MILESTONE_BATCH] for start in range(0, len(ids), MILESTONE_BATCH)]:
            for table in ("deals_dealstatusperiod", "deals_dealmilestone"):
                condition, params = _in("deal_id", batch)
                cursor.execute(f"DELETE FROM {table} WHERE {condition}", params)
            _milestones_insert(cursor, batch)
            _periods_from(_folded(DealMilestone.objects.using(using).filter(deal_id__in=batch)), using)


def status_history_rebuild(*, using="default") -> None:
    """Every deal's milestones in one INSERT … SELECT, and their periods folded from one
    ordered read of them, written a batch at a time (the migration adding the tables fills
    them so; `read_model_rebuild` fills them the same way within its own rebuild)."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("DELETE FROM deals_dealstatusperiod")
        cursor.execute("DELETE FROM deals_dealmilestone")
        _status_history_fill(cursor, using)


def _status_history_fill(cursor, using) -> None:
    """Every deal's milestones and periods, into their emptied tables. On PostgreSQL the
    tables they come from are sampled first: after a bulk load in the same transaction
    (generated data, a restore) the statistics still describe the tables before it, and
    planned for a few rows the milestones' correlated lookups scanned whole tables per fact
    (over 14 minutes at scale 1, unfinished when stopped)."""
    if cursor.db.vendor == "postgresql":
        cursor.execute(f"ANALYZE {', '.join(MILESTONE_SOURCES)}")
    _milestones_insert(cursor)
    _periods_from(_folded(DealMilestone.objects.using(using)).iterator(chunk_size=PERIOD_BATCH), using)
