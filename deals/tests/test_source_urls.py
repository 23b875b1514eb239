"""A source's address is a link only when it is http(s): the database refuses any other
scheme, and a page given one anyway (a row written around the model) shows it as text."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from deals.models import Source
from deals.templatetags.links import is_web_url
from deals.tests.builders import build_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
                                 "ftp://example.org/a", "//example.org/a", "example.org"])
def test_the_database_refuses_a_url_that_is_not_http_or_https(url):
    with pytest.raises(IntegrityError, match="source_url_http_or_https"), transaction.atomic():
        build_source(url=url)


@pytest.mark.parametrize("url", ["", "http://example.org/a", "https://example.org/a", "HTTPS://EXAMPLE.ORG/A"])
def test_the_database_accepts_empty_and_http_and_https_urls_in_any_case(url):
    assert build_source(url=url).url == url


def test_the_constraint_message_says_what_is_allowed():
    source = build_source(url="https://example.org/")
    source.url = "javascript:alert(1)"
    with pytest.raises(ValidationError) as error:
        source.validate_constraints()
    assert error.value.messages == ["A source's URL must start with http:// or https://."]


def force_url(source, url):
    """Write `url` past the constraint, as an old backup or a hand-edited database could."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = ON")
            try:
                Source.objects.filter(pk=source.pk).update(url=url)
            finally:
                cursor.execute("PRAGMA ignore_check_constraints = OFF")
        else:  # PostgreSQL: dropped inside the test's transaction, so it is back afterwards
            # The source's deferred foreign-key checks run first: ALTER TABLE refuses to run
            # while a table has checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE deals_source DROP CONSTRAINT source_url_http_or_https")
            Source.objects.filter(pk=source.pk).update(url=url)
    assert Source.objects.get(pk=source.pk).url == url


def test_a_javascript_url_in_the_database_is_shown_as_text_not_as_a_link(client):
    source = build_source(url="https://example.org/")
    force_url(source, "javascript:alert(document.cookie)")
    page = client.get(source.get_absolute_url()).content.decode()
    assert "javascript:alert(document.cookie) (not linked: not an http or https address)" in page
    assert 'href="javascript:' not in page.lower()


def test_an_https_url_is_a_link(client):
    source = build_source(url="https://example.org/article?id=1&lang=en")
    page = client.get(source.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/article?id=1&amp;lang=en" rel="noopener noreferrer">' in page


@pytest.mark.parametrize("value, linked", [
    ("https://example.org/", True), ("HTTP://EXAMPLE.ORG/", True), ("javascript:alert(1)", False),
    (" javascript:alert(1)", False), ("java\tscript:alert(1)", False), ("https:\t//example.org", False),
    ("http:example.org", False), ("https:///path-only", False), ("data:text/html,x", False), ("", False), (None, False),
])
def test_is_web_url(value, linked):
    assert is_web_url(value) is linked


def test_the_sources_list_links_each_original_and_not_a_bad_address(client):
    linked = build_source(title="Linked article", url="https://example.org/s400?a=1&b=2")
    unlinked = build_source(title="Forced article", url="https://example.org/")
    force_url(unlinked, "javascript:alert(1)")
    page = client.get("/sources/").content.decode()
    assert '<a class="original" href="https://example.org/s400?a=1&amp;b=2" rel="noopener noreferrer">' in page
    assert 'href="javascript:' not in page.lower()
    assert linked.title in page and unlinked.title in page


def test_the_sources_downloads_and_api_carry_the_original_address(client):
    import csv
    import io
    import json

    source = build_source(url="https://example.org/article-1")
    blank = build_source(url="")
    response = client.get("/export/sources.csv")
    text = b"".join(response.streaming_content).decode("utf-8")[1:]
    by_slug = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert by_slug[source.slug]["original_url"] == "https://example.org/article-1"
    assert by_slug[blank.slug]["original_url"] == ""
    exported = json.loads(b"".join(client.get("/export/sources.json").streaming_content))["results"]
    assert {item["slug"]: item["original_url"] for item in exported}[source.slug] == "https://example.org/article-1"
    assert client.get(f"/api/sources/{source.slug}/").json()["original_url"] == "https://example.org/article-1"
