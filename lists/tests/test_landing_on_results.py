"""Without the script, "Show" loads the list's page afresh: every list's filter form sends it
to the page's results ("#results" after its address), and each page, whatever it finds, has
the element that address lands on, so the visitor is not returned to the top of the page."""
import re

import pytest

pytestmark = pytest.mark.django_db

LISTS = ["/deals/", "/statements/", "/timeline/", "/countries/", "/people/", "/systems/", "/sources/"]


def form_action(html):
    found = re.search(r'<form class="filters" method="get" action="([^"]*)"', html)
    assert found, "no filter form"
    return found[1]


@pytest.mark.parametrize("path", LISTS)
def test_the_filter_form_lands_on_the_results(client, path):
    html = client.get(path).content.decode()

    assert form_action(html) == f"{path}#results"
    assert html.count('id="results"') == 1
    # The results follow the form.
    assert html.index('id="results"') > html.index('<form class="filters"')


@pytest.mark.parametrize("path", LISTS)
def test_a_choice_that_finds_nothing_still_lands_on_what_says_so(client, path):
    html = client.get(path, {"q": "no such words anywhere"} if path != "/timeline/" else {"year_from": 1901, "year_to": 1901}).content.decode()

    assert form_action(html) == f"{path}#results"
    landed = re.search(r'<[^>]* id="results"[^>]*>([^<]*)', html)
    assert landed and "matches these filters" in landed[1]
