"""Everything works from the keyboard: the skip link comes first, then the navigation, and a
filter form submits without a mouse."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from .geometry import SUBPIXEL

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const element = document.activeElement;
  return {
    tag: element.tagName.toLowerCase(),
    text: element.textContent.trim(),
    href: element.getAttribute("href"),
    inHeader: Boolean(element.closest("header")),
    inNav: Boolean(element.closest("nav[aria-label='Sections']")),
    type: element.getAttribute("type"),
  };
}"""


def press_tab_until(page, predicate, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if predicate(focused):
            return focused
    pytest.fail(f"{limit} presses of Tab never reached the element")


def test_tab_reaches_the_skip_link_first_then_the_navigation(tab):
    page = tab.page
    tab.visit("/deals/")
    nav_links = page.locator("header nav[aria-label='Sections'] a").evaluate_all(
        "links => links.map((a) => a.getAttribute('href'))"
    )
    assert nav_links, "the page has no Sections navigation"

    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["text"] == "Skip to content" and first["href"] == "#main", first
    skip_box = page.locator(".skip-link").bounding_box()
    assert skip_box and skip_box["x"] >= -SUBPIXEL and skip_box["y"] >= -SUBPIXEL, "the focused skip link is off screen"

    reached = []
    for _ in range(len(nav_links) + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["inHeader"], f"focus left the header before the navigation ended: {focused}"
        if focused["inNav"]:
            reached.append(focused["href"])
        if len(reached) == len(nav_links):
            break
    assert reached == nav_links, "Tab does not walk the navigation in order"


def test_skip_link_moves_focus_to_the_main_content(tab):
    page = tab.page
    tab.visit("/deals/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    # Following an in-page link moves focus after the key press returns; wait for it.
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'", timeout=3000)
    assert urlsplit(page.url).fragment == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => Boolean(document.activeElement.closest('main'))"), "Tab after skipping leaves main"


def test_filter_form_submits_from_the_keyboard(tab):
    page = tab.page
    tab.visit("/deals/")
    form = page.get_by_role("form", name="Filter the deals")
    # Reach the form's text field by keyboard, type, then Tab on to its button and press Enter.
    text_field = form.get_by_label(re.compile(r"^Text:?$"))
    text_field_id = text_field.get_attribute("id")
    # Every facet's checkbox is a stop on the way (a keyboard user wanting the results takes
    # "Skip to results": tests/browser/test_facets.py).
    press_tab_until(page, lambda focused: page.evaluate("() => document.activeElement.id") == text_field_id, limit=80)
    page.keyboard.type("Ankara")
    press_tab_until(page, lambda focused: focused["tag"] == "button" and focused["text"] == "Show")
    # The script applies the filters in place (static/lists/facets.js) and keeps the address.
    page.keyboard.press("Enter")
    page.wait_for_url("**q=Ankara**")
    page.wait_for_function("() => document.querySelector('.active-filters') !== null")
    assert parse_qs(urlsplit(page.url).query).get("q") == ["Ankara"], page.url
    assert page.locator(".active-filters").inner_text().count("Ankara") >= 1
    assert page.locator("main table tbody tr").count() > 0, "searching the deals for Ankara finds none"
