"""What the home page reads afresh after each save (the sources' coverage, kept per version)
and on every visit (its first disputed deals) is read along indexes, not by scanning tables
that grow with the data: PostgreSQL's plans, with sequential scans turned off, since a small
test table would be scanned whole where at scale 10 the scan cost 98 ms and 18 ms."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deals.models import Deal, Source
from deals.totals import source_coverage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan and its indexes are PostgreSQL's"),
]


def plan_of(queryset):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_latest_source_is_read_backwards_along_its_index():
    plan = plan_of(Source.objects.order_by("-date_latest", "-pk").values("pk")[:1])
    assert "Index Only Scan Backward using deals_source_latest" in plan, plan


def test_the_coverage_reads_its_two_sources_by_key():
    """Each by its key (`id = (subquery)`), not every source filtered against two hashed lists."""
    with CaptureQueriesContext(connection) as queries:
        coverage = source_coverage()
    assert (str(coverage.earliest), str(coverage.latest)) == ("2016-01-01", "2021-11-14")
    (query,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {query['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "hashed SubPlan" not in plan and "deals_source_pkey" in plan, plan


def test_the_first_disputed_deals_are_read_along_their_index():
    plan = plan_of(Deal.objects.filter(disputed=True).order_by("recipient__name", "slug").values_list("pk")[:11])
    assert "deal_disputed_recipient_slug" in plan, plan
