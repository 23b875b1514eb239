"""Static files as production serves them: whitenoise's compressed manifest storage (the base
settings') gives the stylesheet a content-hashed name, the pages link that name, and
whitenoise serves it with a far-future cache lifetime.

The test settings use plain StaticFilesStorage (no collectstatic before each run); this test
switches to the production storage with a temporary STATIC_ROOT, collecting only this
project's own files so it stays fast.
"""
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from config.settings import base

pytestmark = pytest.mark.django_db

PROJECT_FILES_ONLY = ["django.contrib.staticfiles.finders.FileSystemFinder"]


@pytest.fixture
def production_static(tmp_path):
    assert base.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    storages = {**settings.STORAGES, "staticfiles": base.STORAGES["staticfiles"]}
    with override_settings(
        STORAGES=storages, STATIC_ROOT=tmp_path, STATICFILES_FINDERS=PROJECT_FILES_ONLY, WHITENOISE_AUTOREFRESH=False
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield tmp_path


def test_collectstatic_gives_the_stylesheet_a_hashed_name_and_pages_link_it(production_static):
    hashed = sorted(path.name for path in (production_static / "css").glob("site.*.css"))
    assert len(hashed) == 1 and re.fullmatch(r"site\.[0-9a-f]{12}\.css", hashed[0]), hashed
    assert (production_static / "css" / f"{hashed[0]}.gz").exists()  # compressed beside it

    client = Client()  # a new client, so whitenoise starts with the collected files
    html = client.get("/deals/").content.decode()
    assert f'<link rel="stylesheet" href="/static/css/{hashed[0]}">' in html

    response = client.get(f"/static/css/{hashed[0]}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]
    content = b"".join(response.streaming_content)
    assert content == (settings.BASE_DIR / "static" / "css" / "site.css").read_bytes()


def test_other_tests_keep_the_plain_storage(client):
    """Runs after the test above: leaving it restores the test settings' storage."""
    assert '<link rel="stylesheet" href="/static/css/site.css">' in client.get("/deals/").content.decode()
