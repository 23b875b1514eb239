"""What the phone layout stands on: every wide table (class `stack`) labels each cell with its
column's heading (`data-label`), which the stylesheet shows when a row becomes a block."""
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db


class StackedTables(HTMLParser):
    """For each table of class `stack`: its column headings, and each body row's cells as
    (data-label, is a row heading) pairs."""

    def __init__(self):
        super().__init__()
        self.tables = []
        self.section = None
        self.heading = None  # the text of the <th> being read in <thead>
        self.hidden_depth = 0  # inside a .visually-hidden span or an aria-hidden arrow

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "table":
            self.tables.append({"stack": "stack" in classes, "headings": [], "rows": []})
        elif not self.tables:
            return
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr" and self.section == "tbody":
            self.tables[-1]["rows"].append([])
        elif tag == "th" and self.section == "thead":
            self.heading = ""
        elif tag in ("td", "th") and self.section == "tbody":
            self.tables[-1]["rows"][-1].append((attrs.get("data-label"), tag == "th"))
        elif tag == "span" and (self.hidden_depth or "visually-hidden" in classes or attrs.get("aria-hidden")):
            self.hidden_depth += 1

    def handle_endtag(self, tag):
        if tag == "span" and self.hidden_depth:
            self.hidden_depth -= 1
        elif tag == "th" and self.heading is not None:
            self.tables[-1]["headings"].append(self.heading.strip())
            self.heading = None
        elif tag in ("thead", "tbody"):
            self.section = None

    def handle_data(self, data):
        if self.heading is not None and not self.hidden_depth:
            self.heading += data


def stacked_tables(html):
    parser = StackedTables()
    parser.feed(html)
    return [table for table in parser.tables if table["stack"]]


@pytest.mark.parametrize(
    "url, tables",
    [
        ("/deals/", 1),
        ("/deals/?recipient=TR", 1),
        ("/timeline/?year_from=2019&year_to=2019", 1),
        ("/statements/?country=IR", 1),
        ("/sources/", 1),
        ("/people/", 1),
        ("/systems/", 1),
        ("/countries/TR/", 3),  # deals as recipient (Turkey supplies none), statements, timeline
        ("/", 1),
    ],
)
def test_every_cell_of_a_stacked_table_is_labelled_with_its_column_heading(client, url, tables):
    html = client.get(url).content.decode()

    found = stacked_tables(html)
    assert len(found) >= tables, f"{url} has {len(found)} stacked tables"
    for table in found:
        assert table["rows"], f"an empty stacked table on {url}"
        for cells in table["rows"]:
            assert len(cells) == len(table["headings"])
            for (label, row_heading), heading in zip(cells, table["headings"], strict=True):
                # A row's own heading cell heads its block and needs no label.
                assert label == (None if row_heading else heading), (url, heading, label)


def test_the_deal_tables_heading_links_stay_usable_as_sort_links(client):
    html = client.get("/deals/").content.decode()

    assert '<table class="deals stack sortable">' in html
    assert html.count('<a class="sort-link"') == 9  # every column sorts
