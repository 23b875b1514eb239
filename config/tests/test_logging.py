"""Logging: one line per record on standard error, each with its request's id; errors with
their tracebacks; refused edits and failed sign-ins as warnings."""
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.urls import reverse

from config.request_id import NO_REQUEST, current_request_id, request_id_for
from deals.models import Deal
from ingest.tests.helpers import form_values

ROOT = Path(__file__).resolve().parents[2]

# A request to a failing view, made in a process running the production settings.
FAILING_REQUEST = textwrap.dedent("""
    import django
    django.setup()
    from django.test import Client, override_settings
    with override_settings(ROOT_URLCONF="config.tests.failing_urls"):
        response = Client(raise_request_exception=False).get(
            "/fail/", secure=True, HTTP_HOST="s400.example.org", HTTP_X_REQUEST_ID="req-from-the-proxy-42"
        )
    print(response.status_code, response["X-Request-ID"])
""")


def test_an_error_under_production_settings_logs_its_traceback_with_the_request_id(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "SENTRY_"))}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "s400.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run([sys.executable, "-c", FAILING_REQUEST], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["500", "req-from-the-proxy-42"]
    error_lines = [line for line in result.stderr.splitlines() if " ERROR django.request " in line]
    assert error_lines and "[request req-from-the-proxy-42] Internal Server Error: /fail/" in error_lines[0], result.stderr
    traceback = result.stderr[result.stderr.index(error_lines[0]):]
    assert "Traceback (most recent call last)" in traceback
    assert 'raise RuntimeError("the view failed on purpose")' in traceback
    assert "RuntimeError: the view failed on purpose" in traceback


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_a_sane_incoming_one_is_kept(client):
    kept = client.get("/", HTTP_X_REQUEST_ID="abc-123.DEF_9")
    assert kept["X-Request-ID"] == "abc-123.DEF_9"
    made = client.get("/")
    assert len(made["X-Request-ID"]) == 32 and made["X-Request-ID"] != client.get("/")["X-Request-ID"]


@pytest.mark.parametrize("incoming", ["", "two words", "x" * 65, "line\nbreak", "quote\"s", "ünïcode"])
def test_an_insane_incoming_request_id_is_replaced(incoming):
    replaced = request_id_for(incoming)
    assert replaced != incoming and len(replaced) == 32 and replaced.isalnum()


@pytest.mark.django_db
def test_a_404_logged_after_the_middleware_still_carries_the_request_id(client, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    # The configured stderr handler carries the filter that writes the id on each line.
    assert any(type(f).__name__ == "RequestIdFilter" for h in logging.getLogger().handlers for f in h.filters)
    seen = []
    caplog.handler.addFilter(lambda record: seen.append(current_request_id()) or True)
    client.get("/deals/no-such-deal/", HTTP_X_REQUEST_ID="the-404")
    assert "the-404" in seen
    assert current_request_id() == NO_REQUEST  # forgotten once the response was closed


@pytest.mark.django_db
def test_a_refused_edit_is_logged_as_a_warning(admin_client, caplog):
    deal = Deal.objects.get(slug="ru-in-s-400")
    url = reverse("admin:deals_deal_change", args=[deal.pk])
    data = form_values(admin_client.get(url).content.decode(), "deal_form")
    Deal.objects.filter(pk=deal.pk).update(version=deal.version + 1)  # another editor saved meanwhile
    with caplog.at_level(logging.WARNING, logger="history.locking"):
        response = admin_client.post(url, data | {"status": "delivered", "_save": "Save"})
    assert "Someone else saved this deal" in response.content.decode()
    assert [r.getMessage() for r in caplog.records if r.name == "history.locking"] == [
        f"Edit refused: deals.Deal {deal.pk} loaded at version {deal.version}, now at {deal.version + 1}"
    ]
