"""The world map of recipients as a person sees it: a country's colour is its legend's
colour for the stage it had reached on the day (read from the browser's computed styles, not
from pixels), the year slider redraws the map for another year, and axe finds nothing at
either width once it has. Screenshots of the map go to artifacts/screenshots/."""
import pytest

from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

FILL_OF_COUNTRY = """code => {
  const shape = document.querySelector(`#world-map-view a[data-code="${code}"] .wm-country`);
  return shape ? getComputedStyle(shape).fill : null;
}"""
FILL_OF_KEY = """stage => getComputedStyle(document.querySelector(`.wm-legend .wm-stage-${stage}`)).fill"""


def fill(tab, code):
    return tab.page.evaluate(FILL_OF_COUNTRY, code)


def key(tab, stage):
    return tab.page.evaluate(FILL_OF_KEY, stage)


@pytest.mark.parametrize("width", [375, 1280])
def test_each_recipients_colour_is_its_stage_on_the_day_in_the_legend(tabs, screenshots_dir, width):
    tab = tabs[width]
    tab.visit("/?as_of=2019-12-31")
    # End of 2019: Turkey had its S-400s, India had signed, Qatar was talking, China only reported.
    expected = {"TR": "delivered", "IN": "signed", "QA": "negotiating", "CN": "reported"}
    for code, stage in expected.items():
        assert fill(tab, code) == key(tab, stage), f"{code} is not coloured as {stage}"
    # The stages' colours differ from each other and from land with no deal.
    colours = {key(tab, stage) for stage in ("reported", "negotiating", "signed", "delivering", "delivered")}
    land = tab.page.evaluate("() => getComputedStyle(document.querySelector('.wm-legend .wm-land')).fill")
    assert len(colours) == 5 and land not in colours
    tab.page.locator("#world-map").screenshot(path=screenshots_dir / f"map-home-2019-{width}.png")
    violations = axe_violations(tab.page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_year_slider_redraws_the_map_for_another_year(tabs, screenshots_dir, width):
    tab = tabs[width]
    tab.visit("/")
    assert fill(tab, "TR") == key(tab, "delivered")
    slider = tab.page.locator("#wm-year")
    slider.focus()
    # From "latest" back to the end of 2018: Turkey had signed, no S-400 was delivered yet.
    latest = int(slider.get_attribute("max"))
    for _ in range(latest - 2018):
        tab.page.keyboard.press("ArrowLeft")
    tab.page.wait_for_function("() => document.querySelector('#wm-as-of').value === '2018-12-31'")
    assert tab.page.locator("#wm-year + output").text_content() == "End of 2018"
    assert "31 Dec 2018" in tab.page.locator("#world-map-title").text_content()
    assert fill(tab, "TR") == key(tab, "signed")
    assert tab.page.locator("#world-map-view .wm-stage-delivered.wm-country").count() == 0
    assert tab.page.locator(".wm-status").text_content() == "Map redrawn: end of 2018."
    tab.page.locator("#world-map").screenshot(path=screenshots_dir / f"map-home-2018-{width}.png")
    violations = axe_violations(tab.page)
    assert not violations, describe(violations)
    tab.assert_same_origin_requests()
    tab.assert_no_problems()


def test_the_date_field_and_show_work_without_the_slider(tab):
    tab.visit("/countries/IN/")
    tab.page.fill("#wm-as-of", "2018-06-30")
    tab.page.click(".wm-date button[type=submit]")
    tab.page.wait_for_url("**as_of=2018-06-30**")
    # India's first evidence is its signature of October 2018: by mid-2018 it is in no deal, so
    # not a link, but still outlined as the page's country.
    assert "30 Jun 2018" in tab.page.locator("#world-map-title").text_content()
    assert fill(tab, "IN") is None
    assert tab.page.locator("#world-map-view .wm-land.wm-focus").count() == 1
    assert fill(tab, "TR") == key(tab, "signed")
