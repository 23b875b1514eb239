"""The development settings show the site's own "Not found" page, as production does, not
Django's technical 404 (config/not_found.py)."""
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
