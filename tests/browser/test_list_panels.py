"""The people, systems, countries and sources lists' filter panels as a person uses them
(the deal list's panel: templates/includes/filter_panel.html, static/lists/facets.js):
ticking a box updates the results and the other filter's counts without loading a page or
pressing "Show", the count is announced, and "Skip to results" leads past the filters.

The figures are the curated data's: 6 systems, 2 of them fighters (one Russian, one
American); 8 countries in deals, 2 of them in Europe (Belarus and Russia)."""
import pytest

from .keyboard import presses_to_first_result

pytestmark = pytest.mark.browser

FOCUSED_ID = "() => document.activeElement && document.activeElement.id"


def label_of(page, box_id):
    """The words of a checkbox's label, as a person reads them ("Russia (4)")."""
    return " ".join(page.locator(f"label[for='{box_id}']").inner_text().split())


def test_ticking_a_category_updates_the_systems_and_the_maker_counts_without_show(tab):
    page = tab.page
    tab.visit("/systems/")
    page.evaluate("() => { window.__samePage = true; }")
    assert label_of(page, "id_maker_country_RU") == "Russia (4)"
    assert page.locator("#results tbody tr").count() == 6

    page.locator("#id_category_fighter").check()
    page.wait_for_url("**/systems/?category=fighter")
    page.wait_for_function(
        "() => document.querySelector(\"label[for='id_maker_country_RU']\").textContent.includes('(1)')", timeout=5000
    )

    assert page.evaluate("() => window.__samePage === true"), "the page was loaded again"
    assert page.locator("#results tbody tr").count() == 2
    assert label_of(page, "id_maker_country_US") == "United States (1)"
    # The category facet's own counts do not narrow: air defence still counts its 4.
    assert label_of(page, "id_category_air_defence") == "Air-defence system (4)"
    assert page.locator("#results-status").inner_text() == "2 weapon systems match these filters."
    assert page.evaluate(FOCUSED_ID) == "id_category_fighter", "focus left the box just ticked"
    assert "(1 active)" in page.locator(".filter-disclosure > summary").inner_text()
    tab.assert_no_problems()


def test_ticking_a_region_updates_the_countries_without_show(tab):
    page = tab.page
    tab.visit("/countries/")
    page.evaluate("() => { window.__samePage = true; }")
    assert label_of(page, "id_region_europe") == "Europe (2)"

    page.locator("#id_region_europe").check()
    page.wait_for_url("**/countries/?region=europe")
    page.wait_for_function("() => document.querySelectorAll('#results tbody tr').length === 2", timeout=5000)

    assert page.evaluate("() => window.__samePage === true"), "the page was loaded again"
    assert page.locator("#results tbody th a").all_inner_texts() == ["Belarus", "Russia"]
    assert page.locator("#results-status").inner_text() == "2 countries match these filters."
    tab.assert_no_problems()


@pytest.mark.parametrize("path", ["/people/", "/systems/", "/countries/", "/sources/"])
def test_the_first_result_is_at_most_five_key_presses_past_the_heading(tabs, path):
    """From the page's heading, Tab reaches "Skip to results" (after the scope switch's links
    on /countries/); Enter on it and one more Tab reach the first row's link."""
    for width in (1280, 375):
        tab = tabs[width]
        page = tab.page
        tab.visit(path)
        page.evaluate("() => { const h1 = document.querySelector('h1'); h1.tabIndex = -1; h1.focus(); }")
        first_result = page.locator("#results tbody a").first.get_attribute("href")
        presses = presses_to_first_result(page, first_result, "#results")
        focused_href = page.evaluate("() => document.activeElement.getAttribute('href')")
        assert focused_href == first_result, f"after {presses} presses at {width} px, focus is on {focused_href}"
        tab.assert_no_problems()
