"""The deals app's lists, each declared once (`lists.registry.Listing`): its rows for the
page and for the API and downloads, its FilterSet, its CSV columns, its JSON serializer. The
deals' table headings are declared here too, beside the deals' CSV columns."""
from collections import defaultdict
from dataclasses import dataclass, replace

from lists.registry import Column, Listing, register

from . import filtersets
from .api import serializers
from .models import (
    Citation,
    Deal,
    Person,
    Source,
    Statement,
    TimelineItem,
    WeaponSystem,
)
from .timeline import attach_extras

# --- the deals' table, on /deals/ and a country's page -----------------------------------


@dataclass(frozen=True)
class TableColumn:
    """A column of the deal table (the page's, and a country's page's); `sort` is its value of the `sort` parameter, if it sorts."""

    label: str
    sort: str = ""
    numeric: bool = False
    state: str = ""  # "ascending" or "descending" when the table is sorted by this column

    @property
    def next_sort(self):
        """What its heading links to: the other direction if sorted by it, else ascending."""
        return f"-{self.sort}" if self.state == "ascending" else self.sort

    @property
    def next_direction(self):
        return "descending" if self.state == "ascending" else "ascending"


DEAL_TABLE = [
    TableColumn("Supplier", "supplier"),
    TableColumn("Recipient", "recipient"),
    TableColumn("System or subject", "system"),
    TableColumn("Status", "status"),
    TableColumn("Quantity", "quantity", numeric=True),
    TableColumn("Value", "value", numeric=True),
    TableColumn("First dated", "first_date"),
    TableColumn("Last dated", "last_date"),
    TableColumn("Signed"),
]


def sorted_columns(sort):
    """The columns, the one the table is sorted by (the first `sort` value) marked so."""
    first = sort[0] if sort else ""
    return [
        replace(column, state="descending" if first.startswith("-") else "ascending")
        if column.sort and first.removeprefix("-") == column.sort
        else column
        for column in DEAL_TABLE
    ]


# --- downloads: the CSV columns ------------------------------------------------------------


def joined(values):
    return "; ".join(str(value) for value in values)


def date_columns(prefix="date", attribute="date"):
    """The approximate date as words and as bounds, so a spreadsheet can sort and filter it."""
    return [
        Column(f"{prefix}_words", lambda r: getattr(r, f"{attribute}_words") or getattr(r, f"{attribute}_edtf") or ""),
        Column(f"{prefix}_edtf", lambda r: getattr(r, f"{attribute}_edtf") or ""),
        Column(f"{prefix}_earliest", lambda r: getattr(r, f"{attribute}_earliest") or ""),
        Column(f"{prefix}_latest", lambda r: getattr(r, f"{attribute}_latest") or ""),
    ]


def citation_columns(citations=lambda r: r.citations.all()):
    return [Column("sources", lambda r: joined(dict.fromkeys(c.source.slug for c in citations(r))))]


DEAL_COLUMNS = [
    Column("slug", lambda d: d.slug),
    Column("supplier", lambda d: d.supplier_id),
    Column("supplier_name", lambda d: d.supplier.name),
    Column("recipient", lambda d: d.recipient_id),
    Column("recipient_name", lambda d: d.recipient.name),
    Column("system", lambda d: d.system.name if d.system else ""),
    Column("subject", lambda d: d.subject),
    Column("status", lambda d: d.status),
    Column("disputed", lambda d: "yes" if d.disputed else "no"),
    Column("quantity", lambda d: d.contract_quantity if d.contract_quantity is not None else ""),
    Column("quantity_unit", lambda d: d.contract_unit or ""),
    Column("value_amount", lambda d: f"{d.contract_value:.2f}" if d.contract_value is not None else ""),
    Column("value_currency", lambda d: d.contract_currency or ""),
    Column("value_words", lambda d: d.contract_value_words or ""),
    *date_columns("signed", "signed"),
    Column("first_date", lambda d: d.first_date or ""),
    Column("last_date", lambda d: d.last_date or ""),
    Column("contracts", lambda d: len(d.contracts.all())),
    Column("deliveries", lambda d: len(d.deliveries.all())),
    Column("summary", lambda d: d.summary),
    *citation_columns(),
]

STATEMENT_COLUMNS = [
    Column("id", lambda s: s.pk),
    *date_columns(),
    Column("speaker", lambda s: s.speaker.name if s.speaker else ""),
    Column("organisation", lambda s: s.organisation.name if s.organisation else ""),
    Column("speaker_role", lambda s: s.speaker_role),
    Column("medium", lambda s: s.medium.name if s.medium else ""),
    Column("setting", lambda s: s.setting),
    Column("mode", lambda s: s.mode),
    Column("stance", lambda s: s.stance),
    Column("text", lambda s: s.text),
    Column("deals", lambda s: joined(s.deal_slugs)),
    Column("countries", lambda s: joined(s.country_codes)),
    *citation_columns(lambda s: s.cited),
]

TIMELINE_COLUMNS = [
    Column("id", lambda i: i.pk),
    Column("kind", lambda i: i.kind),
    Column("detail", lambda i: i.detail),
    *date_columns(),
    Column("title", lambda i: i.title),
    Column("deals", lambda i: joined(i.link_summary["deals"])),
    Column("countries", lambda i: joined(i.link_summary["countries"])),
    Column("systems", lambda i: joined(i.link_summary["systems"])),
    *citation_columns(lambda i: i.cited),
]

PERSON_COLUMNS = [
    Column("slug", lambda p: p.slug),
    Column("name", lambda p: p.name),
    Column("country", lambda p: p.country_id or ""),
    Column("description", lambda p: p.description),
]

SYSTEM_COLUMNS = [
    Column("slug", lambda s: s.slug),
    Column("name", lambda s: s.name),
    Column("category", lambda s: s.category),
    Column("maker_country", lambda s: s.maker_country_id),
    Column("maker", lambda s: s.maker.name if s.maker else ""),
    Column("variant_of", lambda s: s.variant_of.name if s.variant_of else ""),
    Column("aliases", lambda s: joined(alias.name for alias in s.aliases.all())),
    Column("description", lambda s: s.description),
]

SOURCE_COLUMNS = [
    Column("slug", lambda s: s.slug),
    Column("title", lambda s: str(s)),
    Column("outlet", lambda s: s.outlet.name if s.outlet else ""),
    Column("original_url", lambda s: s.url),
    Column("language", lambda s: s.language),
    *date_columns(),
    Column("notes", lambda s: s.notes),
    Column("citations", lambda s: len(s.citations.all())),
    Column("text", lambda s: s.text),
]


def attach_statement_relations(statements):
    """Set `deal_slugs`, `country_codes` and `cited` on a batch of statements in three
    queries. Statements are the long list (exports of tens of thousands): fetching plain
    values costs a fraction of prefetch_related, which clones a queryset per statement."""
    ids = [statement.pk for statement in statements]
    deals, countries, cited = defaultdict(list), defaultdict(list), defaultdict(list)
    through = Statement.deals.through.objects.filter(statement_id__in=ids)
    for statement_id, slug in through.order_by("deal__slug").values_list("statement_id", "deal__slug"):
        deals[statement_id].append(slug)
    through = Statement.countries.through.objects.filter(statement_id__in=ids)
    for statement_id, code in through.order_by("country_id").values_list("statement_id", "country_id"):
        countries[statement_id].append(code)
    for citation in Citation.objects.filter(statement_id__in=ids).select_related("source").order_by("pk"):
        cited[citation.statement_id].append(citation)
    for statement in statements:
        statement.deal_slugs = deals[statement.pk]
        statement.country_codes = countries[statement.pk]
        statement.cited = cited[statement.pk]
    return statements


DECLARED = [
    register(Listing(
        "deals", filtersets.DealFilterSet, rows=lambda: Deal.objects.for_table(), records=lambda: Deal.objects.for_export(),
        serializer_class=serializers.DealSerializer, columns=DEAL_COLUMNS,
    )),
    register(Listing(
        "statements", filtersets.StatementFilterSet,
        rows=lambda: Statement.objects.for_table(), records=lambda: Statement.objects.for_export(),
        serializer_class=serializers.StatementSerializer, columns=STATEMENT_COLUMNS, prepare=attach_statement_relations,
    )),
    register(Listing(
        "timeline", filtersets.TimelineFilterSet,
        rows=lambda: TimelineItem.objects.with_links(), records=lambda: TimelineItem.objects.all(),
        serializer_class=serializers.TimelineItemSerializer, columns=TIMELINE_COLUMNS, prepare=attach_extras,
    )),
    register(Listing(
        "people", filtersets.PersonFilterSet,
        rows=lambda: Person.objects.for_table(), records=lambda: Person.objects.for_export(),
        serializer_class=serializers.PersonSerializer, columns=PERSON_COLUMNS,
    )),
    register(Listing(
        "systems", filtersets.WeaponSystemFilterSet,
        rows=lambda: WeaponSystem.objects.for_table(), records=lambda: WeaponSystem.objects.for_export(),
        serializer_class=serializers.WeaponSystemSerializer, columns=SYSTEM_COLUMNS,
    )),
    register(Listing(
        "sources", filtersets.SourceFilterSet,
        rows=lambda: Source.objects.for_table(), records=lambda: Source.objects.for_export(),
        serializer_class=serializers.SourceSerializer, columns=SOURCE_COLUMNS,
    )),
    # The citations have no page of their own (each is highlighted on its source's page)
    # and no download: only the API lists them.
    register(Listing(
        "citations", filtersets.CitationFilterSet,
        rows=lambda: Citation.objects.with_facts(), records=lambda: Citation.objects.with_facts(),
        serializer_class=serializers.FullCitationSerializer, downloads=False,
    )),
]
