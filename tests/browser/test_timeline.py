"""The timeline shows how certain each date is: a range looks different from an exact day."""
import pytest

from .geometry import SUBPIXEL
from .keyboard import presses_to_first_result

pytestmark = pytest.mark.browser

DATE_STYLE = """element => {
  const style = getComputedStyle(element);
  return {
    fontStyle: style.fontStyle,
    fontWeight: style.fontWeight,
    decorationLine: style.textDecorationLine,
    decorationStyle: style.textDecorationStyle,
  };
}"""


def test_uncertain_dates_look_different_from_exact_days(tab):
    page = tab.page
    tab.visit("/timeline/?year_from=2019&year_to=2019")
    main = page.locator("main")

    mid_june = main.locator(".date", has_text="mid-Jun 2019").first
    october_23 = main.locator(".date", has_text="23 Oct 2019").first
    assert mid_june.is_visible() and october_23.is_visible()
    assert "date-range" in mid_june.get_attribute("class").split()
    assert "date-day" in october_23.get_attribute("class").split()

    range_style = mid_june.evaluate(DATE_STYLE)
    day_style = october_23.evaluate(DATE_STYLE)
    shape = ("fontStyle", "decorationLine", "decorationStyle")
    assert [range_style[key] for key in shape] != [day_style[key] for key in shape], (
        f"a range and an exact day are drawn alike: {range_style} vs {day_style}"
    )


def test_a_month_looks_different_from_an_exact_day(tab):
    page = tab.page
    tab.visit("/timeline/?year_from=2019&year_to=2019")
    main = page.locator("main")

    february = main.locator(".date", has_text="Feb 2019").first
    october_23 = main.locator(".date", has_text="23 Oct 2019").first
    assert february.is_visible() and october_23.is_visible()
    assert "date-month" in february.get_attribute("class").split()
    assert "date-day" in october_23.get_attribute("class").split()

    month_style = february.evaluate(DATE_STYLE)
    day_style = october_23.evaluate(DATE_STYLE)
    assert month_style != day_style, f"a month and an exact day are drawn alike: {month_style}"
    assert month_style["decorationLine"] == "underline" and month_style["decorationStyle"] == "dotted"
    assert day_style["decorationLine"] == "none"


def test_relative_dates_lead_with_the_date_and_keep_the_words_after_it(tab):
    page = tab.page
    tab.visit("/timeline/?year_from=2019&year_to=2019")

    wednesday = page.locator("main td", has=page.locator(".date-words", has_text="on Wednesday")).first
    date, words = wednesday.locator(".date"), wednesday.locator(".date-words")
    assert date.is_visible() and words.is_visible()
    # Its first line is the reading; screen readers hear the bounds after it.
    assert date.inner_text().strip().splitlines()[0] == "3 Apr 2019"
    assert words.inner_text().strip() == "“on Wednesday”"
    first_box = "element => { const box = element.getClientRects()[0]; return {x: box.x, y: box.y, bottom: box.bottom}; }"
    shown, after = date.evaluate(first_box), words.evaluate(first_box)
    # The words after the date in reading order: further along its line, or on a line below.
    assert after["y"] >= shown["bottom"] - SUBPIXEL or after["x"] > shown["x"], (shown, after)




@pytest.mark.parametrize("width", [375, 1280])
def test_the_timelines_charts_are_near_the_top_and_the_first_item_five_presses_from_the_filters(tabs, screenshots_dir, width):
    """The counts per year come before the filter panel, their top on the first screen (on a
    phone folded under their summary, so the first item is on the first screen too); from the
    panel's start (focus on the charts' last control, just before it), "Skip to results",
    Enter, and Tab past the jump to the lanes reach the first item's link."""
    tab = tabs[width]
    page = tab.page
    tab.visit("/timeline/")
    page.screenshot(path=screenshots_dir / f"timeline-top-{width}.png")
    height = page.evaluate("() => window.innerHeight")
    assert page.locator("#charts").bounding_box()["y"] < page.locator(".filter-panel").bounding_box()["y"]
    disclosure = page.locator("#charts details.charts-disclosure")
    if width == 375:
        assert not disclosure.evaluate("details => details.open")
        assert page.locator("#charts .charts-disclosure > summary").bounding_box()["y"] < height
        assert page.locator(".timeline-year tbody tr").first.bounding_box()["y"] < height
        page.locator("#charts .charts-disclosure > summary").focus()
    else:
        assert disclosure.evaluate("details => details.open")
        assert page.locator("#chart-activity svg.chart-svg").bounding_box()["y"] < height
        page.locator("#charts a").last.focus()

    first_item = page.locator(".timeline-year tbody a").first.get_attribute("href")
    presses = presses_to_first_result(page, first_item, ".timeline-year")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == first_item, presses
    assert presses <= 5
    tab.assert_no_problems()


def test_on_a_phone_the_charts_open_on_request_and_stay_open_as_filters_change(tabs):
    """Folded charts are one tap away; once open, a live filter update (which replaces the
    charts with the new counts) leaves them open, and the filter panel as the reader left it."""
    page = tabs[375].page
    tabs[375].visit("/timeline/")
    page.locator("#charts .charts-disclosure > summary").click()
    assert page.locator("#chart-activity svg.chart-svg").is_visible()
    before = page.locator("#chart-activity").inner_text()

    page.locator(".filter-disclosure > summary").click()
    with page.expect_response(lambda response: "/timeline/?" in response.url):
        page.locator("#id_country_TR").check()
    page.wait_for_function("() => new URL(location.href).searchParams.get('country') === 'TR'")

    assert page.locator("#charts details.charts-disclosure").evaluate("details => details.open")
    assert page.locator("#chart-activity svg.chart-svg").is_visible()
    assert page.locator("#chart-activity").inner_text() != before
    assert page.locator(".filter-disclosure").evaluate("details => details.open")
    tabs[375].assert_no_problems()
