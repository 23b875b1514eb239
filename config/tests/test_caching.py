"""HTTP and application caching (config/caching.py): ETags and 304s for unchanged public
answers, public caching for anonymous visitors only, and a save visible on the next request."""
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.utils.http import http_date, parse_http_date

from deals import services
from deals.models import Deal
from history.selectors import data_version

pytestmark = pytest.mark.django_db

page_cache_on = override_settings(PAGE_CACHE_SECONDS=600)


@pytest.fixture
def deal():
    return Deal.objects.order_by("pk").first()


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", password="a-long-right-password-42", is_staff=True)


def test_repeat_with_the_etag_is_304_after_one_query(client, django_assert_num_queries):
    first = client.get("/deals/")
    assert first.status_code == 200 and first["ETag"].startswith('"')
    with django_assert_num_queries(1):  # the knowledge base's version; the view does not run
        repeat = client.get("/deals/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert repeat.status_code == 304
    assert repeat.content == b""
    assert repeat["ETag"] == first["ETag"]
    assert "public" in repeat["Cache-Control"]


def test_repeat_with_last_modified_is_304(client, deal, editor):
    services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", summary="Reworded.")
    first = client.get("/deals/")
    assert first["Last-Modified"] == http_date(int(data_version().at.timestamp()))
    assert client.get("/deals/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_each_address_has_its_own_etag(client):
    etags = {client.get(url)["ETag"] for url in ("/deals/", "/deals/?recipient=TR", "/deals/?recipient=IN", "/api/deals/")}
    assert len(etags) == 4
    # Another page's ETag does not make this one 304.
    other = client.get("/deals/?recipient=TR")["ETag"]
    assert client.get("/deals/", HTTP_IF_NONE_MATCH=other).status_code == 200


def test_a_save_gives_a_new_etag_and_the_new_value_at_once(client, deal, editor):
    with page_cache_on:
        before = client.get(deal.get_absolute_url())
        assert before.status_code == 200 and "Reworded by an editor." not in before.content.decode()
        services.deal_update(
            deal=deal, loaded_version=deal.version, user=editor, via="test", summary="Reworded by an editor."
        )
        after = client.get(deal.get_absolute_url(), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert '<p class="summary">Reworded by an editor.</p>' in after.content.decode()


def test_an_anonymous_page_is_answered_from_the_cache_with_one_query(client, django_assert_num_queries):
    with page_cache_on:
        first = client.get("/deals/?recipient=TR")
        with django_assert_num_queries(1):
            second = client.get("/deals/?recipient=TR")
    assert second.status_code == 200
    assert second.content == first.content and "Turkey" in second.content.decode()
    assert second["ETag"] == first["ETag"]
    # Headers of the request itself are not frozen in the cache.
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]


def test_a_bulk_load_moves_the_version(client):
    before = client.get("/search/?q=Ankara")["ETag"]
    call_command("rebuild_search_index", verbosity=0)
    assert client.get("/search/?q=Ankara")["ETag"] != before


@pytest.mark.parametrize("url", ["/", "/deals/", "/api/deals/?recipient=TR", "/export/deals.csv", "/timeline/feed/"])
def test_anonymous_answers_are_public_for_a_minute_and_vary_on_cookie(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert sorted(response["Cache-Control"].split(", ")) == ["max-age=60", "public"]
    assert "Cookie" in response["Vary"]
    assert response.has_header("ETag") and response.has_header("Last-Modified")


def test_a_signed_in_editor_is_never_cached_and_sees_the_save(client, deal, editor):
    with page_cache_on:
        client.get(deal.get_absolute_url())  # an anonymous copy, cached
        client.force_login(editor)
        signed_in = client.get(deal.get_absolute_url())
        assert "private" in signed_in["Cache-Control"] and "no-store" in signed_in["Cache-Control"]
        assert "public" not in signed_in["Cache-Control"]
        assert not signed_in.has_header("ETag")
        services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", summary="Seen at once.")
        assert "Seen at once." in client.get(deal.get_absolute_url()).content.decode()


@pytest.mark.parametrize("url", ["/admin/", "/admin/login/", "/admin/ingest/article/ingest/"])
def test_the_admin_and_sign_in_are_never_cacheable(client, admin_client, url):
    for response in (client.get(url), admin_client.get(url)):
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
        assert not response.has_header("ETag")


def test_a_post_is_never_cacheable(client):
    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong-password-1"})
    assert "no-store" in response["Cache-Control"]
    refused = client.post("/deals/")
    assert refused.status_code == 405 and "no-store" in refused["Cache-Control"]


def test_errors_are_not_kept(client):
    response = client.get("/deals/?status=nonsense")
    assert response.status_code == 400
    assert "no-cache" in response["Cache-Control"] and not response.has_header("ETag")
    assert client.get("/deals/no-such-deal/")["Cache-Control"] == "no-cache"


# --- the Redis backend --------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_cache():
    """Django's Redis cache on the Redis server of these machines, under a key prefix of its
    own (removed afterwards, so nobody else's keys are touched). Skipped when no server
    answers, except under CI, where that is a failure."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"No Redis server at {REDIS_URL}, which CI needs.")
        pytest.skip(f"No Redis server at {REDIS_URL}")
    prefix = f"s400kb-test-{uuid.uuid4().hex}"
    caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    try:
        with override_settings(CACHES=caches, PAGE_CACHE_SECONDS=600):
            yield client, prefix
    finally:
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
        client.close()


def test_pages_are_cached_in_redis_and_a_save_is_seen_at_once(client, redis_cache, deal, editor, django_assert_num_queries):
    redis_client, prefix = redis_cache
    from django.core.cache import cache

    assert type(cache._cache).__module__ == "django.core.cache.backends.redis"
    first = client.get(deal.get_absolute_url())
    assert list(redis_client.scan_iter(match=f"{prefix}:*page:*")), "the page was not stored in Redis"
    with django_assert_num_queries(1):
        assert client.get(deal.get_absolute_url()).content == first.content
    services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", summary="Saved through Redis.")
    assert "Saved through Redis." in client.get(deal.get_absolute_url()).content.decode()


def cache_settings(**env):
    """The cache backend and location the development settings choose in this environment."""
    environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "c = settings.CACHES['default']; print(c['BACKEND'], c.get('LOCATION'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True,
        env=environment | {"DJANGO_SETTINGS_MODULE": "config.settings.dev", **env}, check=True,
    )
    return result.stdout.split()


def test_redis_is_the_cache_when_redis_url_is_set_and_memory_otherwise():
    assert cache_settings(REDIS_URL="redis://cache.internal:6379/2") == [
        "django.core.cache.backends.redis.RedisCache", "redis://cache.internal:6379/2",
    ]
    assert cache_settings()[0] == "django.core.cache.backends.locmem.LocMemCache"


def test_when_the_version_cannot_be_read_the_page_is_answered_uncached(client, monkeypatch, caplog):
    from django.db import OperationalError

    def unreadable():
        raise OperationalError("no such table: history_dataversion")

    monkeypatch.setattr("config.caching.data_version", unreadable)
    response = client.get("/deals/?recipient=TR")
    assert response.status_code == 200 and "Turkey" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and not response.has_header("ETag")
    assert "Knowledge base version unavailable" in caplog.text


def test_a_new_release_gives_new_etags(client, monkeypatch):
    before = client.get("/deals/")["ETag"]
    monkeypatch.setenv("APP_RELEASE", "a1b2c3d")
    after = client.get("/deals/")
    assert after["ETag"] != before
    assert client.get("/deals/", HTTP_IF_NONE_MATCH=before).status_code == 200


def test_a_new_release_is_not_answered_not_modified_to_if_modified_since_alone(client, monkeypatch):
    """A client or CDN revalidating by date only, holding a page of the last release, gets the
    new release's page."""
    before = client.get("/deals/")["Last-Modified"]
    assert client.get("/deals/", HTTP_IF_MODIFIED_SINCE=before).status_code == 304
    monkeypatch.setenv("APP_RELEASE", uuid.uuid4().hex)  # a release no other test has answered
    deployed_at = parse_http_date(before) + 3600  # the new release first answers an hour on
    monkeypatch.setattr("config.caching.time.time", lambda: deployed_at)
    after = client.get("/deals/", HTTP_IF_MODIFIED_SINCE=before)
    assert after.status_code == 200
    assert parse_http_date(after["Last-Modified"]) == deployed_at
    assert client.get("/deals/", HTTP_IF_MODIFIED_SINCE=after["Last-Modified"]).status_code == 304


def test_under_debug_an_edited_template_gives_new_etags(client, settings, tmp_path):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    template = tmp_path / "page.html"
    template.write_text("one")
    before = client.get("/deals/")["ETag"]
    assert client.get("/deals/")["ETag"] == before
    template.write_text("two")
    os.utime(template, ns=(0, 1_000_000_000))
    assert client.get("/deals/")["ETag"] != before


def test_a_save_in_the_admin_is_on_the_public_page_at_once(client, admin_client):
    from django.urls import reverse

    from ingest.tests.helpers import form_values

    deal = Deal.objects.get(slug="ru-in-s-400")
    with page_cache_on:
        before = client.get(deal.get_absolute_url())  # cached for anonymous visitors
        url = reverse("admin:deals_deal_change", args=[deal.pk])
        data = form_values(admin_client.get(url).content.decode(), "deal_form")
        saved = admin_client.post(url, data | {"summary": "An editor's new summary.", "_save": "Save"})
        assert saved.status_code == 302, saved.content.decode()[:2000]
        after = client.get(deal.get_absolute_url(), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert '<p class="summary">An editor&#x27;s new summary.</p>' in after.content.decode()


def test_api_answers_vary_on_accept_as_their_format_does(client):
    """A shared cache keys the API's answers on Accept too (the browsable HTML and the JSON
    share an address); the pages' answers do not negotiate a format."""
    api = client.get("/api/deals/?recipient=TR", HTTP_ACCEPT="application/json")
    assert {"Accept", "Cookie"} <= {part.strip() for part in api["Vary"].split(",")}
    assert "Accept" not in {part.strip() for part in client.get("/deals/")["Vary"].split(",")}
    revalidated = client.get("/api/deals/?recipient=TR", HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=api["ETag"])
    assert revalidated.status_code == 304 and "Accept" in revalidated["Vary"]
