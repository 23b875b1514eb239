"""The timeline shows how certain each date is: a range looks different from an exact day."""
import pytest

from .geometry import SUBPIXEL, assert_in_view

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


def test_timeline_has_the_lane_view(tab):
    page = tab.page
    tab.visit("/timeline/?year_from=2019&year_to=2019")
    lanes = page.locator("main svg.lanes")
    assert lanes.count() == 1
    lanes.scroll_into_view_if_needed()
    assert lanes.is_visible()
    assert lanes.locator("rect.bar").count() > 0, "the lanes draw no item"
    assert lanes.get_attribute("role") == "group" and (lanes.locator("title").first.text_content() or "").strip()


def test_a_lane_bar_is_a_link_reached_by_keyboard_that_leads_to_its_item(tab):
    page = tab.page
    tab.visit("/timeline/?year_from=2019&year_to=2019")
    first_bar = page.locator("main svg.lanes a.bar-link").first
    target = first_bar.get_attribute("href")
    assert target and target.startswith("#")

    # Tab from the element just before the lanes' first bar (the scrolling region holding them).
    page.locator(".lanes-wrap").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == target
    assert (first_bar.get_attribute("href") or "") == target
    name = page.evaluate("() => document.activeElement.querySelector('title').textContent")
    assert name.strip(), "the focused bar has no accessible name"

    page.keyboard.press("Enter")
    page.wait_for_function("hash => location.hash === hash", arg=target)
    row = page.locator(f"tr{target}")
    assert row.evaluate("element => element.matches(':target')")
    assert_in_view(row, "the item's row")
