"""Citing a record page: every record page's "Cite this page" block gives the page's permanent
address, the access date and the data version in plain text, BibTeX and CSL-JSON; the same
come as files from /cite/<kind>/<key>.<bib|json|txt>; a page cached yesterday does not give
yesterday's access date today; a printout names its address and the day."""
import datetime
import html
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from countries.models import Country
from deals.cite import PageReference, nested_quotes
from deals.models import Deal, Event, Organisation, Person, Source, Statement, WeaponSystem
from history.selectors import data_version

pytestmark = pytest.mark.django_db

page_cache_on = override_settings(PAGE_CACHE_SECONDS=600)

# kind → (model, how its key is read from a record) for a record of each kind with a page
KINDS = {
    "deal": (Deal, lambda r: r.slug),
    "statement": (Statement, lambda r: str(r.pk)),
    "person": (Person, lambda r: r.slug),
    "organisation": (Organisation, lambda r: r.slug),
    "source": (Source, lambda r: r.slug),
    "country": (Country, lambda r: r.code),
    "system": (WeaponSystem, lambda r: r.slug),
    "event": (Event, lambda r: str(r.pk)),
}


def a_record(kind):
    model, key = KINDS[kind]
    records = model.objects.order_by("pk")
    if kind == "country":
        records = records.filter(deals_as_recipient__isnull=False).distinct()
    record = records.first()
    assert record is not None, f"the curated data has no {kind}"
    return record, key(record)


def textarea(content: str, element_id: str) -> str:
    found = re.search(rf'<textarea id="{element_id}"[^>]*>(.*?)</textarea>', content, re.S)
    assert found, f"no #{element_id} on the page"
    return html.unescape(found.group(1))


def freeze_day(monkeypatch, day):
    """Today, for the pages, the citations and the page cache's key alike."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)


def in_words(day):
    return f"{day.day} {day:%B} {day.year}"


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_record_page_offers_its_citation_in_three_formats(client, monkeypatch, kind):
    record, key = a_record(kind)
    freeze_day(monkeypatch, datetime.date(2026, 11, 30))
    version = data_version()
    page = client.get(record.get_absolute_url())
    assert page.status_code == 200
    content = page.content.decode()
    assert "<summary>Cite this page</summary>" in content
    url = f"http://testserver{record.get_absolute_url()}"

    plain = textarea(content, "cite-plain")
    assert url in plain
    assert "(accessed 30 November 2026)" in plain
    assert f"data version {version.pk} of {in_words(version.at.date())}" in plain

    bibtex = textarea(content, "cite-bibtex")
    assert bibtex.startswith(f"@misc{{s400kb-{kind}-{key.lower().replace('_', '-')},")
    assert f"url = {{{url}}}" in bibtex
    assert "urldate = {2026-11-30}" in bibtex
    assert f"version = {{{version.pk}}}" in bibtex

    [item] = json.loads(textarea(content, "cite-csl"))
    assert item["URL"] == url
    assert item["type"] == "webpage"
    assert item["accessed"] == {"date-parts": [[2026, 11, 30]]}
    assert item["version"] == str(version.pk)
    assert item["title"] and nested_quotes(item["title"]) in plain

    # The same citation as a file, linked from the block.
    for fmt in ("bib", "json", "txt"):
        assert f'href="/cite/{kind}/{key}.{fmt}"' in content


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_record_page_has_a_one_click_copy_citation_outside_the_folded_block(client, kind):
    """"Copy citation" sits before "Cite this page", not inside it: one click, not two. It is
    hidden until cite.js shows it (it copies through the script), so without JavaScript no
    dead button is offered and the text stays to select in the block."""
    record, _ = a_record(kind)
    content = client.get(record.get_absolute_url()).content.decode()

    button = re.search(r'<p class="cite-quick"( hidden)?><button type="button" class="cite-quick-copy"[^>]*>([^<]*)</button>', content)
    assert button, "no Copy citation button on the page"
    assert button.group(2) == "Copy citation"
    assert button.group(1) == " hidden", "shown only where the script that copies runs"
    details = content.index('<details class="cite-this"')
    assert button.start() < details and "</details>" not in content[button.start():details], "outside the folded block"
    assert '<span class="cite-quick-status" role="status"></span>' in content[button.start():details]
    assert re.search(r'<script src="/static/js/cite\.js[^"]*" defer></script>', content)
    # What it copies: the plain-text citation, with the address, the day and the data version.
    plain = textarea(content, "cite-plain")
    assert f"http://testserver{record.get_absolute_url()}" in plain and "(accessed " in plain and "data version " in plain


def test_a_deal_is_cited_by_the_title_its_page_shows(client):
    deal = Deal.objects.select_related("supplier", "recipient", "system").get(slug="ru-tr-s-400")
    plain = textarea(client.get(deal.get_absolute_url()).content.decode(), "cite-plain")
    assert f"“{deal.label}”" in plain and "“RU → TR: " in plain, plain


def cited_title(client, statement) -> str:
    return json.loads(client.get(f"/cite/statement/{statement.pk}.json").content)[0]["title"]


def test_statements_of_one_speaker_are_cited_by_their_date_and_first_words(client):
    said = Statement.objects.filter(speaker__name="Sheikh Ahmed bin Nasser Al Thani").order_by("pk")
    titles = [cited_title(client, statement) for statement in said]

    assert titles[:2] == [
        "Statement by Sheikh Ahmed bin Nasser Al Thani, 9 Jun 2021: “Qatar and Russia are exchanging military delegations for…”",
        "Statement by Sheikh Ahmed bin Nasser Al Thani, 9 Jun 2021: “military cooperation between the states remains”",
    ]
    assert len(set(titles)) == len(titles) == 4  # four statements of one day, four titles
    plain = textarea(client.get(said[0].get_absolute_url()).content.decode(), "cite-plain")
    # In the plain citation the title is quoted, so the words it quotes take single quotes.
    assert "“Statement by Sheikh Ahmed bin Nasser Al Thani, 9 Jun 2021: ‘Qatar and Russia are exchanging military delegations for…’”." in plain


def test_a_statements_citation_keeps_the_uncertainty_of_its_date(client):
    statement = Statement.objects.filter(speaker__name="Sheikh Ahmed bin Nasser Al Thani").order_by("pk").first()
    Statement.objects.filter(pk=statement.pk).update(
        date_edtf="2021-06~", date_earliest=datetime.date(2021, 6, 1), date_latest=datetime.date(2021, 6, 30)
    )

    assert cited_title(client, statement).startswith("Statement by Sheikh Ahmed bin Nasser Al Thani, c. Jun 2021: “")


@override_settings(SITE_URL="https://s400.example.org/")
def test_the_configured_site_address_is_the_permanent_one(client):
    deal, _ = a_record("deal")
    content = client.get(deal.get_absolute_url(), HTTP_HOST="127.0.0.1").content.decode()
    assert f"https://s400.example.org{deal.get_absolute_url()}" in textarea(content, "cite-plain")
    assert "127.0.0.1" not in textarea(content, "cite-bibtex")


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("bib", "application/x-bibtex"), ("json", "application/vnd.citationstyles.csl+json"), ("txt", "text/plain")],
)
def test_citation_files(client, monkeypatch, fmt, content_type):
    freeze_day(monkeypatch, datetime.date(2026, 11, 30))
    deal, slug = a_record("deal")
    response = client.get(f"/cite/deal/{slug}.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    body = response.content.decode()
    assert f"http://testserver/deals/{slug}/" in body
    assert {"bib": "urldate = {2026-11-30}", "json": '"date-parts"', "txt": "accessed 30 November 2026"}[fmt] in body
    assert f'filename="s400kb-deal-{slug}.{fmt}"' in response["Content-Disposition"]


def test_a_country_is_cited_by_its_code_in_either_case(client):
    response = client.get("/cite/country/tr.json")
    assert response.status_code == 200
    assert json.loads(response.content)[0]["URL"] == "http://testserver/countries/TR/"


@pytest.mark.parametrize(
    "address",
    [
        "/cite/deal/no-such-deal.bib",
        "/cite/statement/not-a-number.json",
        "/cite/statement/99999999.json",
        "/cite/country/XYZ.txt",
        "/cite/citation/1.bib",  # an excerpt has no page of its own to cite
        "/cite/deal/ru-tr-s-400.pdf",
    ],
)
def test_a_citation_address_naming_nothing_is_404(client, address):
    response = client.get(address)
    assert response.status_code == 404


def test_bibtex_escapes_what_latex_reads_as_commands():
    reference = PageReference(
        kind="source", key="x", title="R&D: 100% of $5 bn_plan {draft} #1 ~ ^ \\",
        url="https://example.org/sources/x/", accessed=datetime.date(2026, 1, 2),
    )
    bibtex = reference.bibtex()
    assert r"title = {{R\&D: 100\% of \$5 bn\_plan \{draft\} \#1 \~{} \^{} \textbackslash{}}}" in bibtex
    assert "version" not in bibtex  # before the first write there is no version to give
    assert reference.plain() == (
        "S-400 deals knowledge base editors. “R&D: 100% of $5 bn_plan {draft} #1 ~ ^ \\”. "
        "S-400 deals knowledge base. https://example.org/sources/x/ (accessed 2 January 2026)."
    )


@page_cache_on
def test_a_page_cached_yesterday_gives_todays_access_date(client, monkeypatch):
    deal, _ = a_record("deal")
    # Days after the version was written, so each day's start is later than the version.
    freeze_day(monkeypatch, datetime.date(2099, 6, 1))
    yesterday = client.get(deal.get_absolute_url())
    assert "accessed 1 June 2099" in textarea(yesterday.content.decode(), "cite-plain")
    # The same version, the next day: neither the page cache nor a conditional GET answers with it.
    freeze_day(monkeypatch, datetime.date(2099, 6, 2))
    assert client.get(deal.get_absolute_url(), HTTP_IF_NONE_MATCH=yesterday["ETag"]).status_code == 200
    assert client.get(deal.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=yesterday["Last-Modified"]).status_code == 200
    today = client.get(deal.get_absolute_url())
    assert today["ETag"] != yesterday["ETag"]
    assert "accessed 2 June 2099" in textarea(today.content.decode(), "cite-plain")
    # Within the day, the cached page and its ETag still answer.
    assert client.get(deal.get_absolute_url(), HTTP_IF_NONE_MATCH=today["ETag"]).status_code == 304


def test_an_editor_sees_the_data_version_too(client):
    """Signed-in pages are not cached, and the page asks for the version itself."""
    user = get_user_model().objects.create_user("editor", password="a-long-right-password-42", is_staff=True)
    client.force_login(user)
    deal, _ = a_record("deal")
    plain = textarea(client.get(deal.get_absolute_url()).content.decode(), "cite-plain")
    assert f"data version {data_version().pk} " in plain


def test_a_printed_page_names_its_address_and_the_day(client, monkeypatch):
    freeze_day(monkeypatch, datetime.date(2026, 11, 30))
    content = client.get("/deals/?status=delivered").content.decode()
    assert (
        '<p class="printed-from">Printed from http://testserver/deals/?status=delivered on 30 November 2026.</p>'
        in content
    )
