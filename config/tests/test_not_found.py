"""The development settings show the site's own "Not found" page, as production does, not
Django's technical 404 (config/not_found.py)."""
import re

import pytest
from django.test import override_settings

from config.settings import base, dev

pytestmark = pytest.mark.django_db


@pytest.fixture
def development():
    with override_settings(DEBUG=True, MIDDLEWARE=dev.MIDDLEWARE):
        yield


def assert_site_page(response, path):
    html = response.content.decode()
    assert response.status_code == 404
    assert f"There is no page at <code>{path}</code>" in html
    assert "DEBUG = True" not in html


def test_development_settings_use_the_site_page():
    assert dev.MIDDLEWARE == [*base.MIDDLEWARE, "config.not_found.SiteNotFoundMiddleware"]


def test_an_address_with_no_route_gets_the_site_page(client, development):
    assert_site_page(client.get("/no-such-page/"), "/no-such-page/")


def test_a_record_that_does_not_exist_gets_the_site_page(client, development):
    assert_site_page(client.get("/countries/ZZ/"), "/countries/ZZ/")


def test_an_unknown_api_address_still_gets_json(client, development):
    response = client.get("/api/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_address_missing_its_slash_still_redirects(client, development):
    response = client.get("/deals")

    assert response.status_code == 301
    assert response["Location"] == "/deals/"


def test_without_it_debug_shows_the_technical_page(client):
    with override_settings(DEBUG=True, MIDDLEWARE=base.MIDDLEWARE):
        response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "DEBUG = True" in response.content.decode()


@pytest.fixture(params=["development", "production"])
def either_settings(request):
    """The development settings (DEBUG, the middleware) and production's (no DEBUG, Django's
    own call of handler404)."""
    if request.param == "development":
        with override_settings(DEBUG=True, MIDDLEWARE=dev.MIDDLEWARE):
            yield
    else:
        with override_settings(DEBUG=False, MIDDLEWARE=base.MIDDLEWARE):
            yield


def reason_given(response) -> str:
    assert response.status_code == 404
    return re.search(r"<p>There is no page at .*?</p>", response.content.decode(), flags=re.S).group(0)


@pytest.mark.parametrize("path, reason", [
    ("/nowhere/", "<p>There is no page at <code>/nowhere/</code>.</p>"),
    ("/countries/ZZ/", "<p>There is no page at <code>/countries/ZZ/</code>. No country has this address.</p>"),
    ("/charts/nope.csv", "<p>There is no page at <code>/charts/nope.csv</code>. There is no chart called “nope”.</p>"),
    ("/deals/no-such-deal/", "<p>There is no page at <code>/deals/no-such-deal/</code>. No deal has this address.</p>"),
    ("/systems/no-such-system/", "<p>There is no page at <code>/systems/no-such-system/</code>. No weapon system has this address.</p>"),
])
def test_a_404_says_why_in_plain_sentences(client, either_settings, path, reason):
    said = reason_given(client.get(path))

    assert said == reason
    assert "Resolver404" not in said and ".." not in said and "query" not in said
