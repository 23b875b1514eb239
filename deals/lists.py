"""The deals app's lists, each declared once (`lists.registry.Listing`): its rows for the
page and for the API and downloads, its FilterSet, its JSON serializer, and its fields: the CSV
columns and API keys of each (and the deals' and statements' table headings) are declared
in `deals.columns`, which the serializers' `Meta.fields` read too."""
from collections import defaultdict

from lists.parameters import MAX_PAGE
from lists.registry import Listing, register

from . import filtersets
from .api import serializers
from .columns import (
    CITATION_FIELDS,
    DEAL_FIELDS,
    PERSON_FIELDS,
    SOURCE_FIELDS,
    STATEMENT_FIELDS,
    SYSTEM_FIELDS,
    TIMELINE_FIELDS,
)
from .models import (
    Citation,
    Deal,
    DealScope,
    Person,
    Source,
    Statement,
    TimelineItem,
    WeaponSystem,
)
from .models.querysets import SOURCE_TEXTS
from .provenance import with_origins
from .scopes import as_of_not_taken
from .timeline import attach_extras


def always(chosen):
    return True


def deals_by_cursor(chosen):
    """Filtered deals in their own order go by cursor past their first pages. Unfiltered, they
    are paged recipient by recipient (`lists.pages.GroupedPaginator`), fast at any depth
    already. Sorted by a column (`sort=`), they keep page numbers: every sort key (a country's
    or system's name, a figure of the deal's summary) lives in another table, so no index
    gives that order and even page 1 sorts every filtered deal; a cursor page would sort them
    once per part of its position (`lists.keyset.after_parts`) instead of once. Every page
    number stays (`max_numbered_page`), filtered or not, as the unfiltered and sorted lists
    answer them: a filtered list is at most all the deals, which a sort reads anyway."""
    filtering = any(value for name, value in chosen.items() if name not in ("sort", "scope"))
    # `scope=all` is every deal, paged as without it; `scope=s-400` narrows the list.
    return (filtering or chosen.get("scope") == DealScope.S_400) and not chosen.get("sort")


# --- the deals' table, on /deals/ and a country's page: its headings, from the declaration


DEAL_TABLE = DEAL_FIELDS.headings()
# What the timeline offers a reader who asks for it up to a day.
TIMELINE_UP_TO_A_YEAR = "The timeline's items up to the end of a year are given by year_to=YYYY."


def sorted_columns(sort):
    """The columns, the one the table is sorted by (the first `sort` value) marked so."""
    return DEAL_FIELDS.headings(sort)


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
    citations = with_origins(Citation.objects.filter(statement_id__in=ids).select_related("source").defer(*SOURCE_TEXTS))
    for citation in citations.order_by("pk"):
        cited[citation.statement_id].append(citation)
    for statement in statements:
        statement.deal_slugs = deals[statement.pk]
        statement.country_codes = countries[statement.pk]
        statement.cited = cited[statement.pk]
    return statements


DECLARED = [
    register(Listing(
        "deals", filtersets.DealFilterSet, rows=lambda: Deal.objects.for_table(), records=lambda: Deal.objects.for_export(),
        csv_records=lambda: Deal.objects.for_export(history=False),
        serializer_class=serializers.DealSerializer, fields=DEAL_FIELDS,
        cursor_pages=deals_by_cursor, max_numbered_page=MAX_PAGE,
    )),
    register(Listing(
        "statements", filtersets.StatementFilterSet,
        rows=lambda: Statement.objects.for_table(), records=lambda: Statement.objects.for_export(),
        serializer_class=serializers.StatementSerializer, fields=STATEMENT_FIELDS, prepare=attach_statement_relations,
        cursor_pages=always, query_checks=(as_of_not_taken("The statement list"),),
    )),
    register(Listing(
        "timeline", filtersets.TimelineFilterSet,
        rows=lambda: TimelineItem.objects.all(), records=lambda: TimelineItem.objects.all(),
        serializer_class=serializers.TimelineItemSerializer, fields=TIMELINE_FIELDS, prepare=attach_extras,
        cursor_pages=always,
        # Its items are every dated fact as the sources report them, with no status on a day
        # to show: a day given is refused, with where to ask instead, rather than ignored
        # under an address that reads as dated.
        # The same check answers its feeds (`deals.feeds`).
        query_checks=(as_of_not_taken("The timeline", TIMELINE_UP_TO_A_YEAR),),
    )),
    register(Listing(
        "people", filtersets.PersonFilterSet,
        rows=lambda: Person.objects.for_table(), records=lambda: Person.objects.for_export(),
        serializer_class=serializers.PersonSerializer, fields=PERSON_FIELDS, cursor_pages=always,
        query_checks=(as_of_not_taken("The list of people"),),
    )),
    register(Listing(
        "systems", filtersets.WeaponSystemFilterSet,
        rows=lambda: WeaponSystem.objects.for_table(), records=lambda: WeaponSystem.objects.for_export(),
        serializer_class=serializers.WeaponSystemSerializer, fields=SYSTEM_FIELDS,
        query_checks=(as_of_not_taken("The systems list"),),
    )),
    register(Listing(
        "sources", filtersets.SourceFilterSet,
        rows=lambda: Source.objects.for_table(), records=lambda: Source.objects.for_export(),
        serializer_class=serializers.SourceSerializer, fields=SOURCE_FIELDS, cursor_pages=always,
        query_checks=(as_of_not_taken("The sources list"),),
    )),
    # The citations have no page of their own (each is highlighted on its source's page)
    # and no download: only the API lists them.
    register(Listing(
        "citations", filtersets.CitationFilterSet,
        rows=lambda: Citation.objects.with_facts(), records=lambda: Citation.objects.for_export(),
        serializer_class=serializers.FullCitationSerializer, fields=CITATION_FIELDS, downloads=False,
        cursor_pages=always, query_checks=(as_of_not_taken("The citations list"),),
    )),
]
