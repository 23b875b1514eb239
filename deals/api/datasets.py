"""Every list as a dataset: its FilterSet, its base queryset, its JSON shape and its CSV
columns, declared once for the API (`deals.api.views`) and the exports
(`deals.views.exports`), so both return exactly the rows the HTML list shows."""
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from django.db.models import OuterRef, Prefetch, Subquery

from countries.models import Country
from deals import filtersets, selectors
from deals.models import (
    Citation,
    Contract,
    Delivery,
    Person,
    Source,
    Specification,
    Statement,
    TimelineItem,
    WeaponSystem,
)
from deals.selectors import citations_prefetch

from . import serializers
from .timeline import attach_extras


def deal_rows():
    """The deals page's rows and order (`selectors.deal_rows`) with what a deal's JSON nests."""
    first_contract = Contract.objects.filter(deal=OuterRef("pk")).order_by("date_earliest", "pk")
    return selectors.deal_rows().annotate(
        signed_words=Subquery(first_contract.values("date_words")[:1]),
        signed_edtf=Subquery(first_contract.values("date_edtf")[:1]),
        signed_earliest=Subquery(first_contract.values("date_earliest")[:1]),
        signed_latest=Subquery(first_contract.values("date_latest")[:1]),
    ).prefetch_related(
        citations_prefetch(),
        citations_prefetch("contracts__citations"),
        Prefetch("deliveries", queryset=Delivery.objects.prefetch_related(citations_prefetch())),
    )


def statement_rows():
    """The statements page's rows and order (`selectors.statement_rows`); their deals,
    countries and citations come from `attach_statement_relations`, batch by batch."""
    return selectors.statement_rows().prefetch_related(None)


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


def timeline_rows():
    return TimelineItem.objects.all()


def country_rows():
    """The countries page lists the countries in deals, by name."""
    return filtersets.countries_in_any_deal().prefetch_related("aliases")


def all_country_rows():
    """Every ISO country, for the full dataset."""
    return Country.objects.prefetch_related("aliases")


def person_rows():
    return Person.objects.select_related("country").order_by("name", "slug")


def system_rows():
    return (
        WeaponSystem.objects.select_related("maker_country", "maker", "variant_of")
        .prefetch_related(
            "aliases",
            Prefetch("specifications", queryset=Specification.objects.prefetch_related(citations_prefetch())),
        )
        .order_by("name")
    )


def cited_fact_related():
    return ["source", "deal", "contract__deal", "delivery__deal", "statement", "event", "specification__system"]


def source_rows():
    return (
        Source.objects.select_related("outlet")
        .prefetch_related(
            "agencies",
            Prefetch("citations", queryset=Citation.objects.select_related(*cited_fact_related()).order_by("pk")),
        )
        .order_by("date_earliest", "slug")
    )


def citation_rows():
    return Citation.objects.select_related(*cited_fact_related())


# --- CSV columns: (header, value of a record) ----------------------------------------------


def joined(values):
    return "; ".join(str(value) for value in values)


def date_columns(prefix="date", attribute="date"):
    """The approximate date as words and as bounds, so a spreadsheet can sort and filter it."""
    return [
        (f"{prefix}_words", lambda r: getattr(r, f"{attribute}_words") or getattr(r, f"{attribute}_edtf") or ""),
        (f"{prefix}_edtf", lambda r: getattr(r, f"{attribute}_edtf") or ""),
        (f"{prefix}_earliest", lambda r: getattr(r, f"{attribute}_earliest") or ""),
        (f"{prefix}_latest", lambda r: getattr(r, f"{attribute}_latest") or ""),
    ]


def citation_columns(citations=lambda r: r.citations.all()):
    return [("sources", lambda r: joined(dict.fromkeys(c.source.slug for c in citations(r))))]


DEAL_COLUMNS = [
    ("slug", lambda d: d.slug),
    ("supplier", lambda d: d.supplier_id),
    ("supplier_name", lambda d: d.supplier.name),
    ("recipient", lambda d: d.recipient_id),
    ("recipient_name", lambda d: d.recipient.name),
    ("system", lambda d: d.system.name if d.system else ""),
    ("subject", lambda d: d.subject),
    ("status", lambda d: d.status),
    ("disputed", lambda d: "yes" if d.disputed else "no"),
    ("quantity", lambda d: d.contract_quantity if d.contract_quantity is not None else ""),
    ("quantity_unit", lambda d: d.contract_unit or ""),
    ("value_amount", lambda d: f"{d.contract_value:.2f}" if d.contract_value is not None else ""),
    ("value_currency", lambda d: d.contract_currency or ""),
    ("value_words", lambda d: d.contract_value_words or ""),
    *date_columns("signed", "signed"),
    ("first_date", lambda d: d.first_date or ""),
    ("last_date", lambda d: d.last_date or ""),
    ("contracts", lambda d: len(d.contracts.all())),
    ("deliveries", lambda d: len(d.deliveries.all())),
    ("summary", lambda d: d.summary),
    *citation_columns(),
]

STATEMENT_COLUMNS = [
    ("id", lambda s: s.pk),
    *date_columns(),
    ("speaker", lambda s: s.speaker.name if s.speaker else ""),
    ("organisation", lambda s: s.organisation.name if s.organisation else ""),
    ("speaker_role", lambda s: s.speaker_role),
    ("medium", lambda s: s.medium.name if s.medium else ""),
    ("setting", lambda s: s.setting),
    ("mode", lambda s: s.mode),
    ("stance", lambda s: s.stance),
    ("text", lambda s: s.text),
    ("deals", lambda s: joined(s.deal_slugs)),
    ("countries", lambda s: joined(s.country_codes)),
    *citation_columns(lambda s: s.cited),
]

TIMELINE_COLUMNS = [
    ("id", lambda i: i.pk),
    ("kind", lambda i: i.kind),
    ("detail", lambda i: i.detail),
    *date_columns(),
    ("title", lambda i: i.title),
    ("deals", lambda i: joined(i.link_summary["deals"])),
    ("countries", lambda i: joined(i.link_summary["countries"])),
    ("systems", lambda i: joined(i.link_summary["systems"])),
    *citation_columns(lambda i: i.cited),
]

COUNTRY_COLUMNS = [
    ("code", lambda c: c.code),
    ("name", lambda c: c.name),
    ("region", lambda c: c.region),
    ("subregion", lambda c: c.subregion),
    ("aliases", lambda c: joined(alias.name for alias in c.aliases.all())),
]

PERSON_COLUMNS = [
    ("slug", lambda p: p.slug),
    ("name", lambda p: p.name),
    ("country", lambda p: p.country_id or ""),
    ("description", lambda p: p.description),
]

SYSTEM_COLUMNS = [
    ("slug", lambda s: s.slug),
    ("name", lambda s: s.name),
    ("category", lambda s: s.category),
    ("maker_country", lambda s: s.maker_country_id),
    ("maker", lambda s: s.maker.name if s.maker else ""),
    ("variant_of", lambda s: s.variant_of.name if s.variant_of else ""),
    ("aliases", lambda s: joined(alias.name for alias in s.aliases.all())),
    ("description", lambda s: s.description),
]

SOURCE_COLUMNS = [
    ("slug", lambda s: s.slug),
    ("title", lambda s: str(s)),
    ("outlet", lambda s: s.outlet.name if s.outlet else ""),
    ("original_url", lambda s: s.url),
    ("language", lambda s: s.language),
    *date_columns(),
    ("notes", lambda s: s.notes),
    ("citations", lambda s: len(s.citations.all())),
    ("text", lambda s: s.text),
]


@dataclass(frozen=True)
class Dataset:
    name: str
    filterset_class: type
    rows: Callable
    serializer_class: type
    columns: list
    # Called on each batch of rows before it is serialised (timeline items need extras).
    prepare: Callable = field(default=lambda batch: batch)


DATASETS = {
    dataset.name: dataset
    for dataset in [
        Dataset("deals", filtersets.DealFilterSet, deal_rows, serializers.DealSerializer, DEAL_COLUMNS),
        Dataset(
            "statements", filtersets.StatementFilterSet, statement_rows, serializers.StatementSerializer,
            STATEMENT_COLUMNS, attach_statement_relations,
        ),
        Dataset(
            "timeline", filtersets.TimelineFilterSet, timeline_rows, serializers.TimelineItemSerializer,
            TIMELINE_COLUMNS, attach_extras,
        ),
        Dataset("countries", filtersets.CountryFilterSet, country_rows, serializers.CountrySerializer, COUNTRY_COLUMNS),
        Dataset("people", filtersets.PersonFilterSet, person_rows, serializers.PersonSerializer, PERSON_COLUMNS),
        Dataset(
            "systems", filtersets.WeaponSystemFilterSet, system_rows, serializers.WeaponSystemSerializer,
            SYSTEM_COLUMNS,
        ),
        Dataset("sources", filtersets.SourceFilterSet, source_rows, serializers.SourceSerializer, SOURCE_COLUMNS),
    ]
}
