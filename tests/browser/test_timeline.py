"""The timeline shows how certain each date is: a range looks different from an exact day."""
import pytest

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

    mid_june = main.locator(".date", has_text="mid-June 2019").first
    october_23 = main.locator(".date", has_text="October 23, 2019").first
    assert mid_june.is_visible() and october_23.is_visible()
    assert "date-range" in mid_june.get_attribute("class").split()
    assert "date-day" in october_23.get_attribute("class").split()

    range_style = mid_june.evaluate(DATE_STYLE)
    day_style = october_23.evaluate(DATE_STYLE)
    shape = ("fontStyle", "decorationLine", "decorationStyle")
    assert [range_style[key] for key in shape] != [day_style[key] for key in shape], (
        f"a range and an exact day are drawn alike: {range_style} vs {day_style}"
    )


def test_timeline_has_the_lane_view(tab):
    page = tab.page
    tab.visit("/timeline/?year_from=2019&year_to=2019")
    lanes = page.locator("main svg.lanes")
    assert lanes.count() == 1
    lanes.scroll_into_view_if_needed()
    assert lanes.is_visible()
    assert lanes.locator("rect.bar").count() > 0, "the lanes draw no item"
    assert lanes.get_attribute("role") == "img" and (lanes.locator("title").first.text_content() or "").strip()
