"""The charts over time as a person sees them, at phone and desktop width: the home page's
bars and Turkey's lanes drawn, every deal's label shown in full above its lane (not clipped,
not run past the screen), year labels that do not collide, and each chart's data table one
click away. Screenshots of the charts go to artifacts/screenshots/charts-*.png."""
import pytest

pytestmark = pytest.mark.browser

BOXES = """selector => [...document.querySelectorAll(selector)]
  .filter(element => getComputedStyle(element).display !== "none")
  .map(element => { const box = element.getBoundingClientRect();
    return {text: element.textContent.trim(), left: box.left, right: box.right, top: box.top, bottom: box.bottom,
            width: box.width, height: box.height, scrollWidth: element.scrollWidth, clientWidth: element.clientWidth}; })"""
SLACK = 2  # px: text is laid out in fractions of a pixel


def boxes(page, selector):
    return page.evaluate(BOXES, selector)


def assert_apart(labels, what):
    """Labels on one line, in order, none running into the next."""
    for left, right in zip(labels, labels[1:], strict=False):
        assert left["right"] <= right["left"] + SLACK, f"{what}: {left['text']} runs into {right['text']}"


@pytest.mark.parametrize("width", [375, 1280])
def test_home_page_draws_the_bars_with_readable_year_labels(tabs, screenshots_dir, width):
    tab = tabs[width]
    tab.visit("/")
    page = tab.page
    section = page.locator("#charts")
    section.scroll_into_view_if_needed()
    section.screenshot(path=screenshots_dir / f"charts-home-{width}.png")

    viewport = page.evaluate("() => document.documentElement.clientWidth")
    for name in ("activity", "statements"):
        figure = page.locator(f"#chart-{name}")
        assert figure.locator("svg.chart-svg rect.bar").count() > 0, f"the {name} chart draws no bar"
        labels = boxes(page, f"#chart-{name} .year-label")
        assert len(labels) >= 2
        assert_apart(labels, f"{name} at {width} px")
        assert all(label["left"] >= -SLACK and label["right"] <= viewport + SLACK for label in labels)
        # The data table is one click away, and gives the years the bars draw.
        figure.locator("summary").click()
        table = figure.locator("table.chart-table")
        assert table.is_visible()
        years = [label["text"] for label in labels]
        rows = table.locator("tbody th").all_inner_texts()
        assert set(years) <= set(rows) and "Year uncertain" in rows


@pytest.mark.parametrize("width", [375, 1280])
def test_turkeys_page_labels_every_deal_above_its_lane(tabs, screenshots_dir, width):
    tab = tabs[width]
    tab.visit("/countries/TR/")
    page = tab.page
    lanes = page.locator("#lanes")
    lanes.scroll_into_view_if_needed()
    lanes.screenshot(path=screenshots_dir / f"charts-turkey-lanes-{width}.png")

    viewport = page.evaluate("() => document.documentElement.clientWidth")
    rows = page.locator("#lanes li.deal-lane")
    assert rows.count() == 7  # Turkey's seven deals
    texts = rows.locator(".lane-label").all_inner_texts()
    assert "RU → TR: four divisions of S-400 air defense systems" in texts
    for index in range(rows.count()):
        row = rows.nth(index)
        label, lane = row.locator(".lane-label"), row.locator("svg.lane-svg")
        assert label.is_visible() and lane.is_visible()
        box, drawn = label.bounding_box(), lane.bounding_box()
        # In full: within the screen, nothing cut off, and above its lane, not over it.
        assert box["x"] >= -SLACK and box["x"] + box["width"] <= viewport + SLACK
        assert label.evaluate("element => element.scrollWidth <= element.clientWidth + 1")
        assert box["y"] + box["height"] <= drawn["y"] + SLACK
        assert drawn["x"] + drawn["width"] <= viewport + SLACK
        assert row.locator("rect.seg").count() >= 1
    ticks = boxes(page, "#lanes .tick-label")
    assert len(ticks) >= 2
    assert_apart(ticks, f"lane years at {width} px")


def test_a_lane_label_leads_to_its_deal(tab):
    tab.visit("/countries/TR/")
    page = tab.page
    label = page.locator('#lanes li[data-deal="ru-tr-s-400"] .lane-label')
    label.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/deals/ru-tr-s-400/")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_charts_data_tables_opened_keep_axe_clean(tabs, width):
    """A data table wider than a phone scrolls in its own box, which a keyboard must reach."""
    from .test_accessibility import axe_violations, describe

    page = tabs[width].page
    tabs[width].visit("/countries/TR/")
    for summary in page.locator(".chart-data > summary").all():
        summary.click()
    assert page.locator(".chart-data[open]").count() == 3  # contracts and deliveries, statements, lanes
    violations = axe_violations(page)
    assert not violations, describe(violations)
