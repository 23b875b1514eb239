"""Dates read as dates in the lists a reader scans: on the deal list, the statement list and
the timeline, at phone and desktop width, the first text a reader meets in every date cell
is a normalised date ("14 Nov 2021", "mid-Jun 2019", "Oct–Dec 2021", "Dec 2015 – Dec 2016",
`date_label` in deals/templatetags/browsing.py), never the source's words ("on Wednesday",
"Last month"), or the one wording for a fact without a date. Each page is screenshot for
review (artifacts/screenshots/dates-<list>-<width>.png).

What is read is the cell's first non-blank text node that is shown (not the visually
hidden spoken form), from the DOM: nothing here depends on where the layout puts it.
"""
import re

import pytest

pytestmark = pytest.mark.browser

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
DAY = r"\d{1,2}"
YEAR = r"\d{4}"
# Every form `date_label` writes, with its optional "c." (approximate) and "?" (uncertain).
NORMALISED_DATE = re.compile(
    rf"^(?:c\. )?(?:"
    rf"{DAY} {MONTH} {YEAR}"  # 14 Nov 2021
    rf"|{YEAR}(?:–{YEAR})?"  # 2014, 2014–2015
    rf"|(?:early |mid-|late )?{MONTH} {YEAR}"  # Jun 2019, mid-Jun 2019
    rf"|{DAY}–{DAY} {MONTH} {YEAR}"  # 3–14 Jun 2019
    rf"|{MONTH}–{MONTH} {YEAR}"  # Oct–Dec 2021
    rf"|{MONTH} {YEAR} – {MONTH} {YEAR}"  # Dec 2015 – Dec 2016
    rf"|{DAY} {MONTH}(?: {YEAR})? – {DAY} {MONTH} {YEAR}"  # 28 Jun – 3 Jul 2019, 28 Dec 2019 – 3 Jan 2020
    rf")\??$"
)
# What a date cell says without a date: a fact the sources leave undated, or no fact to date
# (a deal without a contract, without a delivery).
UNDATED = {"undated", "—"}

# Each list, where it shows dates, and the labels of its date cells.
LISTS = {
    "deals": ("/deals/", ["Ordered", "Delivery years"]),
    "statements": ("/statements/", ["Date"]),
    "timeline": ("/timeline/", ["Date"]),
}

FIRST_TEXTS = """(labels) => [...document.querySelectorAll("td[data-label]")]
  .filter((cell) => labels.includes(cell.dataset.label))
  .map((cell) => {
    const shown = (node) => node.textContent.trim() && !node.parentElement.closest(".visually-hidden");
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (shown(node) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
    });
    const first = walker.nextNode();
    return [cell.dataset.label, first ? first.textContent.trim() : ""];
  })"""


def test_the_pattern_reads_every_form_of_a_normalised_date():
    for label in (
        "14 Nov 2021", "Jun 2019", "mid-Jun 2019", "early Jun 2019", "late Jun 2019", "3–14 Jun 2019",
        "Oct–Dec 2021", "2014", "2014–2015", "Dec 2015 – Dec 2016", "Dec 2015 – Dec 2016?", "c. 2007",
        "28 Jun – 3 Jul 2019", "28 Dec 2019 – 3 Jan 2020",
    ):
        assert NORMALISED_DATE.match(label), label
    for words in ("on Wednesday", "Last month", "at the time", "on May 30", "in December 2017", "2019-06"):
        assert not NORMALISED_DATE.match(words), words


@pytest.mark.parametrize("name", list(LISTS))
@pytest.mark.parametrize("width", [375, 1280])
def test_every_date_cell_leads_with_a_normalised_date(tabs, screenshots_dir, name, width):
    tab = tabs[width]
    path, labels = LISTS[name]
    tab.visit(path)
    tab.page.screenshot(path=screenshots_dir / f"dates-{name}-{width}.png", full_page=True)

    cells = tab.page.evaluate(FIRST_TEXTS, labels)

    assert cells, f"no date cells on {path}"
    wrong = [(label, text) for label, text in cells if text not in UNDATED and not NORMALISED_DATE.match(text)]
    assert not wrong, f"{path} at {width} px: date cells leading with something else: {wrong[:10]}"
    # Each kind of date cell shows dates, not only the undated wording (the curated deals
    # mostly have no contract, so no more is asked).
    for label in labels:
        assert any(text not in UNDATED for shown, text in cells if shown == label), (label, cells)
