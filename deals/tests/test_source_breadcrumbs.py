"""A source is named by its title wherever a trail leads to it, never by its corpus identifier."""
import re

import pytest

from deals.models import Citation
from deals.tests.builders import SOURCE_TEXT, build_source

pytestmark = pytest.mark.django_db


def breadcrumb(page: str) -> str:
    [trail] = re.findall(r'<p class="breadcrumb">(.*?)</p>', page, re.S)
    return re.sub(r"<[^>]+>", "", trail)


def test_the_source_page_breadcrumb_shows_the_title_not_the_identifier(client):
    source = build_source(slug="902_3883c2c760ea2280", title="Turkey takes delivery of the first S-400 parts")
    page = client.get(source.get_absolute_url()).content.decode()
    assert breadcrumb(page) == "Sources › Turkey takes delivery of the first S-400 parts"
    assert "<dt>Corpus identifier</dt><dd><code>902_3883c2c760ea2280</code></dd>" in page


def test_a_long_title_is_shortened_in_the_breadcrumb_and_whole_in_the_heading(client):
    title = "India and Russia sign the contract for five S-400 regiments at the annual summit in New Delhi"
    source = build_source(title=title)
    page = client.get(source.get_absolute_url()).content.decode()
    shown = breadcrumb(page).removeprefix("Sources › ")
    assert shown == "India and Russia sign the contract for five S-400 regiments…"
    assert len(shown) == 60
    assert f"<h1>{title}</h1>" in page


def test_a_supplied_title_keeps_its_brackets_in_the_breadcrumb(client):
    source = build_source(title="Briefing on deliveries", title_supplied=True)
    assert breadcrumb(client.get(source.get_absolute_url()).content.decode()) == "Sources › [Briefing on deliveries]"


def test_a_citation_is_labelled_with_its_source_title_as_the_admin_breadcrumbs_show_it():
    source = build_source(slug="904_780518f76a4dacf2", title="Short headline")
    citation = Citation(source=source, excerpt=SOURCE_TEXT[:20])
    assert str(citation) == f"“{SOURCE_TEXT[:20]}” (Short headline)"
