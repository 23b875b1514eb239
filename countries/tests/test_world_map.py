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


def test_a_recipient_too_small_to_see_gets_a_dot_in_its_colour_inside_its_link(client):
    """Qatar's shape is a few pixels wide on a phone: a dot at its middle, in its stage's
    colour and inside its link, shows its stage and takes a tap; Turkey needs none."""
    html = client.get("/", {"as_of": "2019-12-31"}).content.decode()
    qatar = re.search(r'<a href="/countries/QA/"[^>]*>(.*?)</a>', html).group(1)
    turkey = re.search(r'<a href="/countries/TR/"[^>]*>(.*?)</a>', html).group(1)

    dot = re.search(r'<circle class="([^"]*)" cx="([\d.]+)" cy="([\d.]+)" r="5"/>', qatar)
    assert dot and "wm-stage-negotiating" in dot.group(1).split() and "wm-dot" in dot.group(1).split()
    assert (612 <= float(dot.group(2)) <= 615) and (158 <= float(dot.group(3)) <= 164)
    assert "<circle" not in turkey


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


# --- its colours, in both themes (static/css/site.css, static/css/world_map.css) -----------

STAGE_KEYS = ["reported", "negotiating", "signed", "delivering", "delivered"]
CSS_DIR = SHAPES_FILE.parents[2] / "static" / "css"


def map_themes():
    from tests.test_theme_contrast import DARK, custom_properties, themes

    css = (CSS_DIR / "world_map.css").read_text()
    light = custom_properties(css[css.index(":root {"):css.index("}", css.index(":root {"))])
    dark_root = css.index(":root {", css.index(DARK))
    dark = custom_properties(css[dark_root:css.index("}", dark_root)])
    site = themes()
    return {"light": {**site["light"], **light}, "dark": {**site["light"], **site["dark"], **dark}}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_outlines_stand_out_and_the_stages_darken_in_the_same_order_in_both_themes(theme):
    from tests.test_theme_contrast import contrast, luminance

    colours = map_themes()[theme]
    # The outlines (every country in a deal, the suppliers' dashes, the disputed dots, the
    # legend's swatches) are graphics a reader must see: 3:1 (WCAG 1.4.11) on the sea and on
    # land with no deal.
    assert contrast(colours["wm-outline"], colours["wm-sea"]) >= 3
    assert contrast(colours["wm-outline"], colours["wm-land"]) >= 3
    # So is the halo that picks out a country's own page.
    assert contrast(colours["wm-halo"], colours["wm-sea"]) >= 3
    assert contrast(colours["wm-halo"], colours["wm-land"]) >= 3
    # Each stage (the lanes' segments too) stands 3:1 from what it is drawn on, in this theme.
    for key in [*STAGE_KEYS, "stopped"]:
        for ground in ("wm-sea", "paper", "wash"):
            assert contrast(colours[f"stage-{key}"], colours[ground]) >= 3, f"{theme}: {key} on {ground}"
    # The further along, the darker, whichever the theme: the scale reads one way.
    darkness = [luminance(colours[f"stage-{key}"]) for key in STAGE_KEYS]
    assert darkness == sorted(darkness, reverse=True) and len(set(darkness)) == 5
    assert len({colours[f"stage-{key}"] for key in STAGE_KEYS} | {colours["wm-land"]}) == 6


def test_each_stage_has_one_colour_defined_once_for_the_map_and_the_lanes():
    site = (CSS_DIR / "site.css").read_text()
    world = (CSS_DIR / "world_map.css").read_text()
    from tests.test_theme_contrast import DARK

    # Defined in the light root alone: no theme and no drawing gives a stage another colour.
    for key in [*STAGE_KEYS, "stopped"]:
        assert site.count(f"--stage-{key}:") == 1 and site.index(f"--stage-{key}:") < site.index(DARK)
        assert f"--stage-{key}:" not in world
    for key in STAGE_KEYS:
        assert re.search(rf"\.wm-stage-{key} {{ fill: var\(--stage-{key}\); }}", world)
    for status, key in [("offered", "reported"), ("reported", "reported"), ("negotiating", "negotiating"),
                        ("signed", "signed"), ("delivering", "delivering"), ("delivered", "delivered"),
                        ("suspended", "stopped"), ("cancelled", "stopped"), ("denied", "stopped")]:
        rule = re.search(rf"[^}}]*\.seg-{status}\b[^{{]*{{([^}}]*)}}", site)
        assert rule and f"fill: var(--stage-{key})" in rule.group(1), status
        # The status badges' borders too.
        badge = re.search(rf"[^}}]*\.status-{status}\b[^{{]*{{ border-color: ([^;]*);", site)
        assert badge and badge.group(1) == f"var(--stage-{key})", status
    assert not re.search(r"\.status-\w+[^{]*{[^}]*border-color: #", site)
    assert ".wm-hatch-line { fill: var(--stage-stopped); }" in world
    # No colour of a segment elsewhere, in either theme.
    assert not re.search(r"\.seg-\w+[^{]*{ fill: #", site)


# --- its frame ----------------------------------------------------------------------------

def view_box(html):
    return tuple(int(number) for number in re.search(r'<svg class="wm-svg" viewBox="([-\d ]+)"', html).group(1).split())


def test_the_map_frames_the_countries_in_deals_whole_with_a_margin(client):
    from countries.world_map import boxes

    html = client.get("/").content.decode()
    x, y, width, height = view_box(html)
    world = shapes()["width"], shapes()["height"]
    assert width <= world[0] / 2  # zoomed in: Turkey at least twice as wide as on the whole world
    for code in links(html):
        left, top, right, bottom = boxes()[code]
        # A margin of 10 or more, where the world's edge leaves room for it (Russia's Arctic islands do not).
        assert x <= max(left - 10, 0) and x + width >= min(right + 10, world[0]), code
        assert y <= max(top - 10, 0) and y + height >= min(bottom + 10, world[1]), code
    # Russia's far east is in the frame, the tip beyond the antimeridian (drawn at the west edge) is not.
    assert boxes()["RU"][2] > 860 and boxes()["RU"][0] > 450
    assert 1.25 <= width / height <= 2.2


def test_a_countrys_page_frames_it_even_with_no_deal_by_then(client):
    from countries.world_map import frame_around

    html = client.get("/countries/IN/", {"as_of": "2018-06-30", "scope": "s-400"}).content.decode()
    assert view_box(html) == frame_around([*links(html), "IN"])
    assert view_box(html) != frame_around(links(html))


def test_the_whole_world_is_a_link_away_without_javascript(client):
    html = client.get("/", {"as_of": "2019-12-31", "scope": "all"}).content.decode()
    link = re.search(r'<a class="wm-frame-link" href="([^"]+)">Whole world</a>', html).group(1)
    assert link.startswith("/?") and "frame=world" in link and "as_of=2019-12-31" in link and "scope=all" in link
    whole = client.get(link.replace("&amp;", "&").split("#")[0]).content.decode()
    assert view_box(whole) == (0, 0, shapes()["width"], shapes()["height"])
    assert links(whole) == links(html)
    # The way back, and the date form keeps the frame.
    assert re.search(r'<a class="wm-frame-link" href="/\?[^"]*">Zoom to the countries in deals</a>', whole)
    assert '<input type="hidden" name="frame" value="world">' in whole
    assert "frame=world" not in re.search(r'class="wm-frame-link" href="([^"]+)"', whole).group(1)


@pytest.mark.parametrize("address", ["/", "/countries/TR/", "/map/"])
@pytest.mark.parametrize("value", ["everything", "WORLD"])
def test_a_bad_frame_is_a_400_naming_it(client, address, value):
    response = client.get(address, {"frame": value})
    assert response.status_code == 400
    assert "<code>frame</code>" in response.content.decode()


# --- disputed deals -------------------------------------------------------------------------

def titles(html):
    return dict(re.findall(r'<a href="/countries/(\w\w)/" class="wm-link"[^>]*><title>([^<]*)</title>', html))


@pytest.mark.parametrize("query", [{}, {"as_of": "2019-12-31"}])
def test_a_recipient_of_a_disputed_deal_is_marked_disputed_in_its_name_the_legend_and_the_table(client, query):
    html = client.get("/", query).content.decode()
    # Iran's S-400: Bloomberg reported a refused request, Russian officials denied any.
    assert "wm-disputed" in links(html)["IR"].split()
    assert titles(html)["IR"] == (
        "Iran: recipient, suspended, cancelled or denied (disputed: its sources contradict each other about a deal)"
    )
    assert "wm-disputed" not in links(html)["TR"].split() and "disputed" not in titles(html)["TR"]
    rows = {code: stage for code, _, _, stage in table_rows(html)}
    assert rows["IR"] == "Suspended, cancelled or denied (disputed: its sources contradict each other about a deal)"
    assert rows["TR"] == "Delivered"
    legend = html[html.index('class="wm-legend"'):html.index("</ul>", html.index('class="wm-legend"'))]
    assert re.search(r'wm-disputed"[^>]*/></svg>Disputed: its sources contradict each other about a deal '
                     r'\(dotted outline\) <span class="wm-count">\(1\)</span>', legend)


def test_no_disputed_deal_by_then_no_disputed_mark(client):
    html = client.get("/", {"as_of": "2018-12-31"}).content.decode()
    assert "IR" not in links(html) or "disputed" not in titles(html)["IR"]
    assert "Disputed: its sources" not in html


# --- the home page leads to the map's own page -----------------------------------------------

def test_the_home_page_links_to_the_map_page_in_its_scope_and_day(client):
    html = client.get("/", {"as_of": "2019-12-31", "scope": "all"}).content.decode()
    link = re.search(r'<a class="wm-own-page" href="([^"]+)">Open the map on its own page</a>', html).group(1)
    assert link == "/map/?scope=all&amp;as_of=2019-12-31"
    page = client.get("/map/", {"scope": "all", "as_of": "2019-12-31"}).content.decode()
    assert links(page) == links(html) and "31 Dec 2019" in page
    assert re.search(r'<a class="wm-own-page" href="/map/\?scope=s-400">', client.get("/").content.decode())
    assert "wm-own-page" not in page  # the map's page does not link to itself


@pytest.mark.parametrize("address", ["/", "/countries/TR/", "/map/"])
def test_the_year_slider_runs_from_the_datas_first_year_to_this_year_read_at_each_request(client, monkeypatch, address):
    """Not a year fixed in the code, nor one past this year: the slider's last stop is the
    current year (static/js/world_map.js reads data-last-year as its maximum)."""
    from countries import world_map
    from deals.models import DealStatusPeriod

    earliest = min(DealStatusPeriod.objects.values_list("since", flat=True)).year
    monkeypatch.setattr(world_map, "this_year", lambda: 2031)
    html = client.get(address).content.decode()
    assert f'data-first-year="{earliest}" data-last-year="2031"' in html
    assert f'min="{earliest}-01-01" max="2031-12-31"' in html  # the date field's span alike
    monkeypatch.setattr(world_map, "this_year", lambda: 2032)
    html = client.get(address, {"scope": "all"}).content.decode()  # another address: no page cached
    assert f'data-first-year="{earliest}" data-last-year="2032"' in html


def test_a_day_before_the_data_widens_the_date_field_not_the_slider(client):
    from deals.models import DealStatusPeriod

    earliest = min(DealStatusPeriod.objects.values_list("since", flat=True)).year
    html = client.get("/map/", {"as_of": "2001-06-30"}).content.decode()
    assert f'data-first-year="{earliest}" data-last-year="{date.today().year}"' in html
    assert 'min="2001-01-01"' in html
