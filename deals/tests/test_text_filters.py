"""The lists' free-text filters (`?q=`) and the type-ahead suggestions for what is typed.

They match what they always matched: the term as a substring in any case, however short,
in the record's own columns or in the names of its system, parties, speaker or organisation.
On PostgreSQL they are answered from trigram indexes
(deals/migrations/0016_text_filter_trigram_indexes.py) instead of by reading whole tables."""
import importlib
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from countries.models import CountryAlias
from deals.filtersets import DealFilterSet, StatementFilterSet
from deals.models import Deal, Statement, WeaponSystemAlias
from history.models import DataVersion
from history.selectors import data_version
from lists.registry import LISTS, whole_count

pytestmark = pytest.mark.django_db

TRIGRAM_INDEXES = importlib.import_module("deals.migrations.0016_text_filter_trigram_indexes").TRIGRAM_INDEXES


def joined_deal_text(term):
    """What `?q=` matches on the deals, written as a join of each related name (the way the
    filter was first written, which PostgreSQL could only answer by reading every deal)."""
    return (
        Q(subject__icontains=term)
        | Q(summary__icontains=term)
        | Q(slug__icontains=term)
        | Q(system__name__icontains=term)
        | Q(supplier__name__icontains=term)
        | Q(recipient__name__icontains=term)
        | Exists(WeaponSystemAlias.objects.filter(system=OuterRef("system"), name__icontains=term))
        | Exists(CountryAlias.objects.filter(country=OuterRef("recipient"), name__icontains=term))
        | Exists(CountryAlias.objects.filter(country=OuterRef("supplier"), name__icontains=term))
    )


def joined_statement_text(term):
    """What `?q=` matches on the statements, written as a join of the speaker's and the
    organisation's names."""
    return (
        Q(text__icontains=term)
        | Q(speaker__name__icontains=term)
        | Q(organisation__name__icontains=term)
        | Q(speaker_role__icontains=term)
        | Q(setting__icontains=term)
    )


def keys(filterset_class, term, queryset):
    filterset = filterset_class(QueryDict(urlencode({"q": term})), queryset=queryset)
    assert filterset.is_valid(), filterset.errors
    return [row.pk for row in filterset.qs]


# Terms in any case, names found only on a related record (a country's alias, a system's
# alias, a supplier), one and two letters, and a term nothing holds.
DEAL_TERMS = ["S-400", "tRiUmPh", "ankara", "qaTAR", "RUSSIA", "s-3", "ab", "a", "zqxv"]


@pytest.mark.parametrize("term", DEAL_TERMS)
def test_deal_q_matches_what_the_joined_names_match(term):
    expected = list(Deal.objects.for_table().filter(joined_deal_text(term)).values_list("pk", flat=True))

    assert keys(DealFilterSet, term, Deal.objects.for_table()) == expected
    assert bool(expected) == (term != "zqxv")


def test_deal_q_finds_deals_by_their_recipients_other_name():
    """Ankara is one of Turkey's other names, in no deal's own text: every deal with Turkey
    as recipient is found by it, and only those."""
    turkish = set(Deal.objects.filter(recipient="TR").values_list("pk", flat=True))

    assert set(keys(DealFilterSet, "ANKARA", Deal.objects.all())) == turkish


STATEMENT_TERMS = ["Peskov", "tass", "MINISTER", "Erdo", "s-400", "ab", "a", "zqxv"]


@pytest.mark.parametrize("term", STATEMENT_TERMS)
def test_statement_q_matches_what_the_joined_names_match(term):
    expected = list(Statement.objects.for_table().filter(joined_statement_text(term)).values_list("pk", flat=True))

    assert keys(StatementFilterSet, term, Statement.objects.for_table()) == expected
    assert bool(expected) == (term != "zqxv")


@pytest.mark.parametrize("term", ["ankara", "Peskov", "tass", "a"])
def test_q_matches_the_same_when_many_related_records_hold_the_term(monkeypatch, term):
    """A term held by many systems, countries, people or organisations names them by a
    subquery rather than by their keys written out: the rows matched are the same."""
    monkeypatch.setattr("lists.filters.KEYS_WRITTEN_OUT", 0)

    assert keys(DealFilterSet, term, Deal.objects.for_table()) == list(
        Deal.objects.for_table().filter(joined_deal_text(term)).values_list("pk", flat=True)
    )
    assert keys(StatementFilterSet, term, Statement.objects.for_table()) == list(
        Statement.objects.for_table().filter(joined_statement_text(term)).values_list("pk", flat=True)
    )


@pytest.mark.parametrize("term", ["turk", "S-400", "tr", "i"])
def test_deal_suggestions_match_the_subject_key_or_recipients_name(client, term):
    """The deal type-ahead offers the deals whose subject, key or recipient's name holds the term."""
    field = LISTS["statements"].filterset_class(QueryDict()).form.fields["deal"]
    holding = field.queryset.filter(
        Q(subject__icontains=term) | Q(slug__icontains=term) | Q(recipient__name__icontains=term)
    )
    expected = [deal.slug for deal in holding.order_by(*field.order)[:20]]

    answer = client.get("/choices/statements/deal/", {"q": term})

    assert answer.status_code == 200
    assert [hit["value"] for hit in answer.json()["results"]] == expected
    assert expected


def counted(query):
    """How many statements the list says `query` selects, and the queries that took."""
    declared = LISTS["statements"]
    filterset = declared.filterset_class(QueryDict(query), queryset=declared.rows())
    assert filterset.is_valid(), filterset.errors
    rows = filterset.qs
    request = SimpleNamespace(data_version=data_version())
    with CaptureQueriesContext(connection) as queries:
        count = whole_count("statements", filterset, request, rows)
    return count, len(queries.captured_queries)


def test_a_terms_count_is_kept_until_the_knowledge_base_changes():
    """A list narrowed by a term is counted once per knowledge-base version and choice of
    filters (a common term's count reads all its matches): asked again, the count is read
    from the cache; after a write, which is a new version, it is counted afresh."""
    holding = Statement.objects.filter(joined_statement_text("S-400"))
    since_2019 = holding.filter(date_latest__gte="2019-01-01").count()

    assert counted("q=S-400") == (holding.count(), 1)
    assert counted("q=S-400") == (holding.count(), 0)
    assert counted("q=S-400&year_from=2019") == (since_2019, 1)
    assert counted("q=S-400:year_from=2019")[0] == 0  # a term, not the filter it spells
    assert 0 < since_2019 < holding.count()

    changed = holding.filter(text__icontains="S-400").first().pk
    Statement.objects.filter(pk=changed).update(text="Changed by hand.", speaker_role="spokesman", setting="briefing")
    assert counted("q=S-400")[0] == holding.count() + 1  # no write recorded: the version's count
    DataVersion.objects.create(at=timezone.now(), reason="test")
    assert counted("q=S-400") == (holding.count(), 1)


def found(listing, query):
    """The keys of the rows the list `listing` selects for `query`, as its page reads them
    (with the knowledge base's version, as the middleware gives it), and the queries taken."""
    declared = LISTS[listing]
    request = SimpleNamespace(data_version=data_version())
    with CaptureQueriesContext(connection) as queries:
        filterset, problems = declared.filter(QueryDict(query), queryset=declared.rows(), request=request)
        assert not problems, problems
        keys = [row.pk for row in filterset.qs]
    return keys, len(queries.captured_queries)


@pytest.mark.parametrize("common", [False, True])
def test_what_a_term_found_is_kept_until_the_knowledge_base_changes(monkeypatch, common):
    """The rows holding a term are looked up once per knowledge-base version and choice of
    filters (on the page, the API and the downloads alike): asked again, the list reads its
    rows without that lookup; a write, which is a new version, has it look again and find
    what the write changed. A term held by up to MATCHES_SORTED rows keeps their keys; a
    common one only that it is common, its rows read by the condition."""
    if common:
        monkeypatch.setattr("lists.filters.MATCHES_SORTED", 1)
    expected = list(Statement.objects.for_table().filter(joined_statement_text("S-400")).values_list("pk", flat=True))
    assert len(expected) > 1

    first, looked_up = found("statements", "q=S-400")
    again, read = found("statements", "q=S-400")
    other, _ = found("deals", "q=S-400")

    assert first == again == expected
    assert read < looked_up
    assert other == keys(DealFilterSet, "S-400", Deal.objects.for_table())  # each list its own

    changed = Statement.objects.exclude(pk__in=expected).first().pk
    Statement.objects.filter(pk=changed).update(text="An S-400 battery, added by hand.")
    if not common:
        assert found("statements", "q=S-400")[0] == expected  # no write recorded: the version's rows
    DataVersion.objects.create(at=timezone.now(), reason="test")
    assert found("statements", "q=S-400") == (
        list(Statement.objects.for_table().filter(joined_statement_text("S-400")).values_list("pk", flat=True)),
        looked_up,
    )
    assert changed in found("statements", "q=S-400")[0]


# --- PostgreSQL: the indexes, and the plans that read them -------------------------------

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")


def plans_of(make_queryset):
    """PostgreSQL's plans for the queries that building a queryset runs (a filter looking up
    the related records that hold the term) and for the rows it then selects (their keys,
    unordered, unless the lookups found none), with the table read through the indexes its conditions can use: the test
    tables are small enough to be read whole, or along their primary key, otherwise."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        # Nor a nested loop, which could reach a table's few test rows by key from another's
        # (the deals offered for statements from the statements' links): which the planner
        # picks depends on the statistics and sizes earlier tests leave, and at scale it is
        # the term's index that finds them.
        cursor.execute("SET LOCAL enable_nestloop = off")
        with CaptureQueriesContext(connection) as lookups:
            queryset = make_queryset()
        statements = [(query["sql"], None) for query in lookups.captured_queries]
        try:
            statements.append(queryset.order_by().values("pk").query.sql_with_params())
        except EmptyResultSet:
            pass  # the lookups found no row that holds the term: there is nothing more to read
        plans = []
        for statement, arguments in statements:
            cursor.execute(f"EXPLAIN {statement}", arguments)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return "\n".join(plans)


@postgresql_only
def test_every_searched_column_has_its_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        defined = dict(cursor.fetchall())
    for table, column in TRIGRAM_INDEXES:
        definition = defined[f"{table}_{column}_trgm"]
        assert f"ON public.{table} USING gin (upper(" in definition
        assert "gin_trgm_ops" in definition


@postgresql_only
@pytest.mark.parametrize(
    "listing, indexes",
    [
        ("deals", ["deals_deal_subject_trgm", "deals_deal_summary_trgm", "deals_deal_slug_trgm"]),
        (
            "statements",
            [
                "deals_statement_text_trgm",
                "deals_statement_speaker_role_trgm",
                "deals_statement_setting_trgm",
                "deals_person_name_trgm",
                "deals_organisation_name_trgm",
            ],
        ),
        ("people", ["deals_person_name_trgm", "deals_person_description_trgm"]),
        ("sources", ["deals_source_title_trgm", "deals_source_text_trgm"]),
        ("citations", ["deals_citation_excerpt_trgm"]),
    ],
)
def test_a_lists_q_is_answered_from_the_trigram_indexes(listing, indexes):
    declared = LISTS[listing]
    filterset = declared.filterset_class(QueryDict("q=Triumph"), queryset=declared.rows())
    assert filterset.is_valid(), filterset.errors

    plan = plans_of(lambda: filterset.qs)

    for index in indexes:
        assert index in plan
    assert f"Seq Scan on {declared.filterset_class._meta.model._meta.db_table} " not in plan


@postgresql_only
@pytest.mark.parametrize(
    "listing, parameter, indexes",
    [
        ("statements", "deal", ["deals_deal_subject_trgm", "deals_deal_slug_trgm"]),
        ("statements", "speaker", ["deals_person_name_trgm", "deals_person_slug_trgm"]),
        ("citations", "source", ["deals_source_title_trgm", "deals_source_slug_trgm"]),
    ],
)
def test_type_ahead_suggestions_are_found_from_the_trigram_indexes(listing, parameter, indexes):
    field = LISTS[listing].filterset_class(QueryDict()).form.fields[parameter]

    plan = plans_of(lambda: field.queryset.filter(field.matching("Triumph")))

    for index in indexes:
        assert index in plan


def explained(cursor, queryset):
    statement, arguments = queryset.query.sql_with_params()
    cursor.execute(f"EXPLAIN {statement}", arguments)
    return "\n".join(row[0] for row in cursor.fetchall())


@postgresql_only
@pytest.mark.parametrize("listing, term", [("statements", "S-400"), ("deals", "S-400"), ("sources", "a")])
def test_a_common_terms_page_is_read_along_the_lists_order(monkeypatch, listing, term):
    """A page of a term held by many rows is read along the list's order, each row tested
    until the page is full, rather than by reading every match from the trigram indexes and
    sorting them; the list's count (no LIMIT) still reads its matches from those indexes."""
    monkeypatch.setattr("lists.filters.KEYS_WRITTEN_OUT", 1)
    monkeypatch.setattr("lists.filters.MATCHES_SORTED", 1)
    declared = LISTS[listing]
    filterset = declared.filterset_class(QueryDict(urlencode({"q": term})), queryset=declared.rows())
    assert filterset.is_valid(), filterset.errors
    rows = filterset.qs
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test tables are small enough to read whole
        page, matches = (explained(cursor, queryset) for queryset in (rows[:25], rows.order_by().values("pk")))

    assert "Filter: COALESCE(" in page
    assert "_trgm " not in page
    assert "_trgm" in matches
