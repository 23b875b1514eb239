"""The world map of recipients (`countries.world_map`, /map/, the home and country pages) on
the curated data: each recipient at the most advanced stage its deals had reached on the day,
suppliers marked, a link per country in a deal, the table saying the same, bad input a 400."""
import re
from datetime import date

import pytest

from countries.world_map import SHAPES_FILE, countries_on_map, deal_rows, most_advanced, shapes
from deals.models import DealScope

pytestmark = pytest.mark.django_db


def stages(day, scope=DealScope.S_400):
    return {
        code: country.stage.key if country.stage else None
        for code, country in countries_on_map(deal_rows(day, scope)).items()
    }


def links(html):
    """{code: its shape's classes} for each country link on the map."""
    return dict(re.findall(r'<a href="/countries/(\w\w)/" class="wm-link"[^>]*><title>[^<]*</title><\w+ class="([^"]*)"', html))


def table_rows(html):
    return re.findall(r'<tr data-code="(\w\w)">\s*<th scope="row"><a href="/countries/\1/">([^<]*)</a></th>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>', html)


def test_a_live_stage_outranks_a_stopped_one_and_further_outranks_nearer():
    assert most_advanced(["reported", "delivered", "signed"]) == "delivered"
    assert most_advanced(["cancelled", "reported"]) == "reported"
    assert most_advanced(["denied", "suspended"]) == "stopped"
    assert most_advanced([]) is None


def test_at_the_end_of_2019_turkey_had_its_s400s_india_had_signed_and_china_was_reported():
    found = stages(date(2019, 12, 31))
    assert found == {
        "TR": "delivered", "IN": "signed", "CN": "reported", "QA": "negotiating", "BY": "negotiating",
        "IR": "stopped",  # its S-400 deal denied, and no other
        "RU": None,  # the supplier
    }


def test_at_the_end_of_2018_no_s400_had_been_delivered():
    found = stages(date(2018, 12, 31))
    assert "delivered" not in found.values() and "delivering" not in found.values()
    assert found["TR"] == "signed" and found["IN"] == "signed"
    assert "CN" not in found  # reported from its first source, April 2019


def test_every_deal_counts_the_related_ones_too():
    found = stages(date(2018, 12, 31), DealScope.ALL)
    assert found["IR"] == "delivered"  # its S-300s
    assert found["BY"] == "delivering"


def test_without_a_day_the_statuses_as_curated_give_the_stages():
    found = stages(None)
    assert found["TR"] == "delivered" and found["RU"] is None
    assert countries_on_map(deal_rows(None, DealScope.S_400))["RU"].supplier


def test_each_recipient_has_a_link_and_a_shape_or_a_dot():
    drawn = set(shapes()["shapes"]) | set(shapes()["points"])
    assert {"TR", "IN", "CN", "QA", "BY", "IR", "RU", "BH", "SG"} <= drawn
    assert "AQ" not in drawn


def test_the_home_page_as_of_a_day_draws_each_recipient_in_its_stage_with_a_link(client):
    html = client.get("/", {"as_of": "2019-12-31"}).content.decode()
    drawn = links(html)
    assert "wm-stage-delivered" in drawn["TR"].split()
    assert "wm-stage-signed" in drawn["IN"].split()
    assert "wm-stage-stopped" in drawn["IR"].split()
    assert "wm-supplier" in drawn["RU"].split() and "wm-supplier" not in drawn["TR"].split()
    assert "31 Dec 2019" in html[html.index('id="world-map-title"'):][:400]
    # The table says the same, in words.
    rows = {code: (name, role, stage) for code, name, role, stage in table_rows(html)}
    assert rows["TR"] == ("Turkey", "Recipient", "Delivered")
    assert rows["IN"] == ("India", "Recipient", "Signed")
    assert rows["RU"] == ("Russia", "Supplier", "—")
    assert set(rows) == set(drawn)


def test_the_map_works_without_javascript(client):
    """The map, its links and the date form are in the HTML; the script only adds the slider."""
    html = client.get("/").content.decode()
    assert '<svg class="wm-svg"' in html and links(html)
    form = html[html.index('<form class="wm-date"'):]
    form = form[:form.index("</form>")]
    assert 'method="get" action="/"' in form and 'name="as_of"' in form and ">Show</button>" in form
    assert 'id="wm-year"' not in html


def test_a_countrys_page_outlines_it_on_the_map(client):
    html = client.get("/countries/IN/", {"as_of": "2018-06-30"}).content.decode()
    assert "IN" not in links(html)  # no evidence of its deal by then
    assert html.count('class="wm-focus-halo"') == 1
    assert "India outlined" in html
    html = client.get("/countries/TR/").content.decode()
    assert "wm-stage-delivered" in links(html)["TR"]


@pytest.mark.parametrize("address", ["/", "/countries/TR/", "/map/"])
@pytest.mark.parametrize("value", ["2019-13-01", "garbage"])
def test_a_bad_day_is_a_400_naming_as_of(client, address, value):
    response = client.get(address, {"as_of": value})
    assert response.status_code == 400
    assert "<code>as_of</code>" in response.content.decode()


@pytest.mark.parametrize("value", ["ZZ", "Turkey", "<b>"])
def test_the_map_page_refuses_an_unknown_country(client, value):
    response = client.get("/map/", {"country": value})
    assert response.status_code == 400
    assert "<code>country</code>" in response.content.decode()


def test_the_map_page_answers_a_day_for_the_slider(client):
    html = client.get("/map/", {"as_of": "2018-12-31", "country": "TR", "scope": "s-400"}).content.decode()
    assert 'id="world-map-view"' in html
    assert "wm-stage-signed" in links(html)["TR"]
    assert 'name="country" value="TR"' in html


# --- its colours, in both themes (static/css/world_map.css) ----------------------------------

def map_themes():
    from tests.test_theme_contrast import DARK, custom_properties

    css = (SHAPES_FILE.parents[2] / "static" / "css" / "world_map.css").read_text()
    light = custom_properties(css[css.index(":root {"):css.index("}", css.index(":root {"))])
    dark_root = css.index(":root {", css.index(DARK))
    dark = custom_properties(css[dark_root:css.index("}", dark_root)])
    return {"light": light, "dark": dark}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_outlines_stand_out_and_each_stage_stands_further_from_the_sea_than_the_one_before(theme):
    from tests.test_theme_contrast import contrast

    colours = map_themes()[theme]
    # The outlines (every country in a deal, the suppliers' dashes, the legend's swatches) are
    # graphics a reader must see: 3:1 (WCAG 1.4.11) on the sea and on land with no deal.
    assert contrast(colours["wm-outline"], colours["wm-sea"]) >= 3
    assert contrast(colours["wm-outline"], colours["wm-land"]) >= 3
    # So is the halo that picks out a country's own page.
    assert contrast(colours["wm-halo"], colours["wm-sea"]) >= 3
    assert contrast(colours["wm-halo"], colours["wm-land"]) >= 3
    steps = ["wm-reported", "wm-negotiating", "wm-signed", "wm-delivering", "wm-delivered"]
    away = [contrast(colours[step], colours["wm-sea"]) for step in steps]
    assert away == sorted(away), f"{theme}: the stages do not run away from the sea in order: {away}"
    assert len({colours[step] for step in steps} | {colours["wm-land"]}) == 6
