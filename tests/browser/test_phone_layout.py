"""At 375 px a person reads the wide tables without scrolling sideways: each row is a block
of cells, each cell labelled with its column's heading, all within the screen."""
import re

import pytest

from .geometry import SUBPIXEL

pytestmark = pytest.mark.browser

# For each cell of the first body row of the first list table in <main>: its label (the ::before
# text), whether it lies within the viewport horizontally, and its visible text.
FIRST_ROW_CELLS = """() => {
  // The list's own table (the timeline's charts, above it, have data tables of their own).
  const row = document.querySelector("main table:not(.chart-table) tbody tr");
  const viewport = document.documentElement.clientWidth;
  return [...row.querySelectorAll("td")].map((cell) => {
    const box = cell.getBoundingClientRect();
    return {
      label: getComputedStyle(cell, "::before").content.replace(/^"|"$/g, ""),
      // One pixel of sub-pixel rounding either side (tests/browser/geometry.py).
      inside: box.left >= -1 && box.right <= viewport + 1 && box.width > 0,
      text: cell.innerText.trim(),
    };
  });
}"""


@pytest.mark.parametrize(
    "path, labels",
    [
        ("/deals/", ["Supplier", "Recipient", "System or subject", "Status", "Ordered", "Number ordered",
                     "Number delivered", "Delivery years", "Value"]),
        ("/timeline/?year_from=2019&year_to=2019", ["Date", "Kind", "What", "Concerns"]),
        ("/statements/?country=IR", ["Date", "Speaker", "Role at the time", "Outlet or setting", "Words", "Stance",
                                     "Deals"]),
    ],
)
def test_every_cell_of_a_wide_table_is_on_screen_and_labelled(mobile_tab, path, labels):
    mobile_tab.visit(path)
    cells = mobile_tab.page.evaluate(FIRST_ROW_CELLS)

    assert [cell["label"] for cell in cells] == labels
    off_screen = [cell["label"] for cell in cells if not cell["inside"]]
    assert not off_screen, f"cells off-screen at 375 px on {path}: {off_screen}"
    table_wrap = mobile_tab.page.locator("main .table-wrap:has(table:not(.chart-table))").first
    assert table_wrap.evaluate("element => element.scrollWidth <= element.clientWidth"), "the table scrolls sideways"


def test_the_same_table_keeps_its_columns_on_a_desktop(tab):
    tab.visit("/deals/")
    cells = tab.page.evaluate(FIRST_ROW_CELLS)

    assert {cell["label"] for cell in cells} == {"none"}  # no labels: the headings stand above
    row_tops = tab.page.locator("main table tbody tr").first.locator("td").evaluate_all(
        "cells => cells.map((cell) => cell.getBoundingClientRect().top)"
    )
    assert max(row_tops) - min(row_tops) <= SUBPIXEL, f"the cells of a row are not side by side: {row_tops}"


def test_deals_can_still_be_sorted_on_a_phone(mobile_tab):
    page = mobile_tab.page
    mobile_tab.visit("/deals/")

    sort_by_value = page.get_by_role("link", name=re.compile(r"^Value\W+sort ascending$"))
    assert sort_by_value.is_visible()
    with page.expect_navigation():
        sort_by_value.click()
    assert page.url.endswith("?sort=value_amount")
    assert page.get_by_role("link", name=re.compile(r"^Value\W+sort descending")).is_visible()


def test_choosing_several_statuses_needs_no_ctrl_click(mobile_tab):
    page = mobile_tab.page
    mobile_tab.visit("/deals/")
    page.locator(".filter-disclosure > summary").click()  # folded on a phone
    statuses = page.get_by_role("group", name="Status:")

    statuses.get_by_role("checkbox", name=re.compile(r"^Signed \(")).check()
    page.wait_for_url("**status=signed**")
    statuses.get_by_role("checkbox", name=re.compile(r"^Delivered \(")).check()
    page.wait_for_url("**status=delivered**")
    assert "status=signed" in page.url and "status=delivered" in page.url
    page.get_by_role("link", name="Remove filter Status: Signed").wait_for()
    assert page.get_by_role("link", name="Remove filter Status: Signed").is_visible()
    hint = page.locator("#id_recipient_helptext")
    assert hint.is_visible() and "Tick as many as you like" in hint.inner_text()


# For each deal card (a row of a stacked deal table): the "System or subject" cell's box, its
# label's height (the floated ::before, two lines at 375 px) and the "Status" cell's box.
SYSTEM_AND_STATUS = """() => [...document.querySelectorAll("main table.deals.stack tbody tr")].map((row) => {
  const system = row.querySelector('td[data-label="System or subject"]');
  const status = row.querySelector('td[data-label="Status"]');
  const a = system.getBoundingClientRect(), b = status.getBoundingClientRect();
  return {system: system.innerText.trim(), systemTop: a.top, systemBottom: a.bottom, statusTop: b.top,
          label: parseFloat(getComputedStyle(system, "::before").height)};
})"""


@pytest.mark.parametrize("path", ["/deals/", "/countries/TR/"])
def test_system_or_subject_never_runs_into_status_on_a_phone(mobile_tab, path):
    mobile_tab.visit(path)
    cards = mobile_tab.page.evaluate(SYSTEM_AND_STATUS)

    assert cards, f"no deal cards on {path}"
    # The label wraps ("System or / subject") and its cell grows to hold it, so the Status
    # cell starts below both; SUBPIXEL allows the layout's rounding, not a line's overlap.
    assert all(card["label"] > 30 for card in cards), "the label no longer wraps; this test checks nothing"
    overlapping = [
        card["system"] for card in cards
        if card["systemBottom"] - card["systemTop"] + SUBPIXEL < card["label"]
        or card["statusTop"] + SUBPIXEL < card["systemBottom"]
    ]
    assert not overlapping, f"'System or subject' runs into 'Status' at 375 px on {path}: {overlapping}"


@pytest.mark.parametrize("path", ["/deals/?scope=s-400&as_of=2018-12-31", "/countries/BY/?as_of=2018-12-31"])
def test_a_status_as_of_a_day_wraps_within_its_card_on_a_phone(mobile_tab, path):
    """"as of 31 Dec 2018, since Dec 2015 – Dec 2016?" is longer than a card is wide at 375 px:
    it wraps inside the cell rather than running past the card's edge."""
    mobile_tab.visit(path)
    overflowing = mobile_tab.page.evaluate("""() => [...document.querySelectorAll("main td .as-of")].filter((span) => {
      const cell = span.closest("td").getBoundingClientRect();
      return span.getBoundingClientRect().right > cell.right + 1;
    }).map((span) => span.textContent)""")
    assert mobile_tab.page.locator("main td .as-of").count() >= 1
    assert overflowing == []


@pytest.mark.parametrize("path, row", [("/deals/", "main table.deals tbody tr"), ("/statements/", "main table tbody tr")])
def test_the_first_row_is_on_a_phones_first_screen_with_nothing_hidden(mobile_tab, path, row):
    """At 375 × 812 the list's first row starts on the first screen: the lede is short, the
    filters are folded, and the downloads (and, on the deal list, how to use it) follow the
    results rather than being hidden."""
    page = mobile_tab.page
    mobile_tab.visit(path)
    first = page.locator(row).first.bounding_box()
    assert first["y"] < 812, f"the first row starts at {first['y']} px, below the first screen"
    downloads = page.locator("#results-region .downloads")
    assert downloads.is_visible() and downloads.bounding_box()["y"] > first["y"]
    assert page.get_by_role("link", name="Download CSV").is_visible()
    if path == "/deals/":
        assert page.locator(".scope-switch").is_visible() and page.locator(".list-help").is_visible()
        assert page.get_by_role("link", name=re.compile(r"^Value\W+sort ascending$")).is_visible()
