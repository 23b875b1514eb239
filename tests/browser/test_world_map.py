"""The world map of recipients as a person sees it: a country's colour is its legend's
colour for the stage it had reached on the day (read from the browser's computed styles, not
from pixels), the year slider redraws the map for another year, and axe finds nothing at
either width once it has; a stage is one colour on the map and in the lanes, in both themes;
the map frames the deals with the whole world a link away; a disputed deal is said so; the
slider's day is in the address. Screenshots of the map go to artifacts/screenshots/."""
import datetime

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


FILL_OF_LANE = """stage => {
  const segment = document.querySelector(`.deal-lanes .seg[data-status="${stage}"]`);
  return segment ? getComputedStyle(segment).fill : null;
}"""
WIDTH_OF_COUNTRY = """code => document.querySelector(`#world-map-view a[data-code="${code}"] .wm-country`).getBoundingClientRect().width"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_a_stage_has_the_same_colour_on_the_map_and_in_the_lanes_in_both_themes(tabs, screenshots_dir, scheme, width):
    """Turkey's page: its country on the map and its deal's delivered segment in the lanes are
    one colour, in either theme, and the map and lanes pass axe there."""
    tab = tabs[width]
    tab.page.emulate_media(color_scheme=scheme)
    try:
        tab.visit("/countries/TR/?scope=s-400")
        map_fill, lane_fill = fill(tab, "TR"), tab.page.evaluate(FILL_OF_LANE, "delivered")
        signed_key, signed_lane = key(tab, "signed"), tab.page.evaluate(FILL_OF_LANE, "signed")
        lane_key = tab.page.evaluate(
            "() => getComputedStyle(document.querySelector('.chart-legend .swatch-stage-delivered')).backgroundColor"
        )
        tab.page.locator("#world-map").screenshot(path=screenshots_dir / f"map-TR-{scheme}-{width}.png")
        violations = axe_violations(tab.page)
    finally:
        tab.page.emulate_media(color_scheme="light")
    assert map_fill == lane_fill == lane_key == "rgb(128, 79, 211)"  # --stage-delivered, both themes
    assert signed_key == signed_lane
    assert not violations, describe(violations)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_map_zooms_to_the_deals_and_shows_the_whole_world_on_a_link(tabs, screenshots_dir, width):
    tab = tabs[width]
    tab.visit("/?as_of=2019-12-31")
    zoomed = tab.page.evaluate(WIDTH_OF_COUNTRY, "TR")
    framed = tab.page.locator(".wm-svg").get_attribute("viewBox")
    tab.page.locator("#world-map").screenshot(path=screenshots_dir / f"map-home-framed-{width}.png")
    tab.page.get_by_role("link", name="Whole world").click()
    tab.page.wait_for_url("**frame=world**")
    assert "as_of=2019-12-31" in tab.page.url
    whole = tab.page.evaluate(WIDTH_OF_COUNTRY, "TR")
    tab.page.locator("#world-map").screenshot(path=screenshots_dir / f"map-home-world-{width}.png")
    # Framed on the deals, Turkey is drawn at least twice as wide as on the whole world.
    assert zoomed >= 2 * whole
    assert fill(tab, "TR") == key(tab, "delivered")
    tab.page.get_by_role("link", name="Zoom to the countries in deals").click()
    tab.page.wait_for_function("() => !location.search.includes('frame=world')")
    assert tab.page.locator(".wm-svg").get_attribute("viewBox") == framed


def test_irans_disputed_deal_is_said_on_its_link_and_in_the_legend(tab):
    tab.visit("/?as_of=2019-12-31")
    iran = tab.page.locator('#world-map-view a[data-code="IR"]')
    assert "disputed" in iran.locator("title").text_content()
    assert tab.page.locator(".wm-legend").get_by_text("Disputed: its sources contradict each other").count() == 1
    assert tab.page.evaluate(
        """() => getComputedStyle(document.querySelector('#world-map-view a[data-code="IR"] .wm-country')).strokeDasharray"""
    ) != "none"


def test_the_slider_writes_the_day_into_the_address_and_a_reload_shows_it(tab):
    tab.visit("/map/?scope=s-400")
    slider = tab.page.locator("#wm-year")
    slider.focus()
    latest = int(slider.get_attribute("max"))
    for _ in range(latest - 2018):
        tab.page.keyboard.press("ArrowLeft")
    tab.page.wait_for_function("() => new URL(location.href).searchParams.get('as_of') === '2018-12-31'")
    assert "scope=s-400" in tab.page.url
    assert "as_of=2018-12-31" in tab.page.get_by_role("link", name="Whole world").get_attribute("href")
    tab.page.reload()
    assert "31 Dec 2018" in tab.page.locator("#world-map-title").text_content()
    assert fill(tab, "TR") == key(tab, "signed")
    assert tab.page.locator("#wm-year + output").text_content() == "End of 2018"
    # Back to the latest statuses: the day leaves the address.
    tab.page.locator("#wm-year").focus()
    tab.page.keyboard.press("End")
    tab.page.wait_for_function("() => !new URL(location.href).searchParams.has('as_of')")


def test_the_home_page_opens_the_map_on_its_own_page_in_the_same_state(tab):
    tab.visit("/?as_of=2019-12-31&scope=all")
    tab.page.get_by_role("link", name="Open the map on its own page").click()
    tab.page.wait_for_url("**/map/?scope=all&as_of=2019-12-31")
    assert "31 Dec 2019" in tab.page.locator("#world-map-title").text_content()
    assert fill(tab, "IR") == key(tab, "delivered")  # its S-300s, in every deal's scope


def test_on_the_home_page_the_slider_moves_the_map_alone_and_offers_the_whole_page_on_that_day(tab):
    """The home page's other sections (the deals, their counts, the charts) stay as loaded when
    the slider redraws the map: the address stays too, so a reload shows what was loaded, and
    a note says only the map moved, with a link to the whole page on that day."""
    tab.visit("/?scope=all")
    note = tab.page.locator(".wm-page-note")
    assert note.is_hidden()
    slider = tab.page.locator("#wm-year")
    slider.focus()
    for _ in range(int(slider.get_attribute("max")) - 2019):
        tab.page.keyboard.press("ArrowLeft")
    tab.page.wait_for_function("() => document.querySelector('#world-map-title').textContent.includes('31 Dec 2019')")
    assert "as_of" not in tab.page.url
    assert note.is_visible()
    link = note.get_by_role("link", name="Show the whole page on that day")
    assert "as_of=2019-12-31" in link.get_attribute("href") and "scope=all" in link.get_attribute("href")
    link.click()
    tab.page.wait_for_url("**/?scope=all&as_of=2019-12-31")
    assert "31 Dec 2019" in tab.page.locator("#world-map-title").text_content()
    assert tab.page.locator(".wm-page-note").is_hidden()
    tab.assert_no_problems()


@pytest.mark.parametrize("address", ["/", "/countries/TR/", "/map/"])
def test_the_year_slider_ends_at_this_year_and_starts_at_the_datas_first(tab, address):
    """Its last stop is the current year, showing the statuses as curated, not a year to come;
    its first the year of the earliest status curated (a deal's status since 2007)."""
    tab.visit(address)
    slider = tab.page.locator("#wm-year")
    this_year = datetime.datetime.now(datetime.UTC).year  # the site's time zone
    assert (int(slider.get_attribute("min")), int(slider.get_attribute("max"))) == (2007, this_year)
    assert slider.input_value() == str(this_year)
    assert tab.page.locator("#wm-year + output").text_content() == f"Latest, as curated ({this_year})"
