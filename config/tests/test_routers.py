"""Reads from replicas, writes to the primary (config/routers.py), seen in each connection's
query log. The test settings give a second alias, replica_1, on the test database itself
(TEST MIRROR); these tests name it as a replica, which no other test does."""
import pytest
from django.db import connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from config.routers import PrimaryReplicaRouter
from deals.models import Deal

pytestmark = pytest.mark.django_db(databases=["default", "replica_1"])

with_replica = override_settings(DATABASE_REPLICAS=["replica_1"])


@pytest.fixture(autouse=True, scope="module")
def _replica_connection_closed():
    """The replica's connection is a second session on the test database: closed after these
    tests, so the test database can be dropped at the end of the run (PostgreSQL)."""
    yield
    connections["replica_1"].close()


def served_by(request):
    """How many queries each alias ran while answering `request()` (a streamed body read to
    its end)."""
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connections["replica_1"]) as replica:
        response = request()
        if response.streaming:
            b"".join(response.streaming_content)
    return response, len(primary.captured_queries), len(replica.captured_queries)


def served_by_primary_alone(request):
    """How many queries the primary ran for `request()`. The test's databases leave the
    replica out, so any query sent there fails the test ("queries to 'replica_1' are not
    allowed"): these tests write (an account, a session), which on SQLite would lock the
    replica's second connection out of the same tables."""
    with CaptureQueriesContext(connections["default"]) as primary:
        response = request()
    return response, len(primary.captured_queries)


@with_replica
@pytest.mark.parametrize("path", ["/deals/?recipient=TR", "/", "/statements/?country=TR", "/countries/TR/"])
def test_an_anonymous_page_reads_from_the_replica(client, path):
    response, primary, replica = served_by(lambda: client.get(path))
    assert response.status_code == 200 and "Turkey" in response.content.decode()
    assert (primary, replica > 0) == (0, True)


@with_replica
def test_a_streamed_download_reads_from_the_replica_to_its_end(client):
    response, primary, replica = served_by(lambda: client.get("/export/deals.csv"))
    assert response.status_code == 200
    assert primary == 0 and replica > 1


@with_replica
@pytest.mark.django_db(databases=["default"])
def test_the_admin_reads_from_the_primary(admin_client):
    response, primary = served_by_primary_alone(lambda: admin_client.get("/admin/deals/deal/"))
    assert response.status_code == 200 and primary > 0


@with_replica
@pytest.mark.django_db(databases=["default"])
def test_a_signed_in_editor_reads_public_pages_from_the_primary(admin_client):
    response, primary = served_by_primary_alone(lambda: admin_client.get("/deals/?recipient=TR"))
    assert response.status_code == 200 and "Turkey" in response.content.decode() and primary > 0


@with_replica
@pytest.mark.django_db(databases=["default"])
def test_a_post_reads_and_writes_on_the_primary(client):
    response, primary = served_by_primary_alone(
        lambda: client.post("/admin/login/", {"username": "nobody", "password": "a-wrong-password-1"})
    )
    assert response.status_code == 200 and "Please enter the correct username" in response.content.decode()
    assert primary > 0


@with_replica
@pytest.mark.django_db(databases=["default"])
def test_a_replica_read_in_these_tests_would_fail_them(client):
    """The guard the three tests above rely on."""
    with pytest.raises(AssertionError, match="replica_1"):
        client.get("/deals/")


def test_without_replicas_everything_reads_from_default(client):
    response, primary, replica = served_by(lambda: client.get("/deals/"))
    assert response.status_code == 200
    assert primary > 0 and replica == 0


@with_replica
def test_outside_a_request_reads_go_to_the_primary():
    with CaptureQueriesContext(connections["replica_1"]) as replica:
        Deal.objects.count()
    assert replica.captured_queries == []


def test_writes_go_to_the_primary_and_only_the_primary_is_migrated():
    router = PrimaryReplicaRouter()
    assert router.db_for_write(Deal) == "default"
    assert router.allow_migrate("default", "deals") is True
    assert router.allow_migrate("replica_1", "deals") is False
