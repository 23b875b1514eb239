"""Charts over time (`deals.charts`, `/charts/<name>.csv`, the includes under
templates/includes/charts/): per-year counts as the curated articles give them, the year
uncertain and the undated kept apart, the CSV equal to the data table, bad parameters a 400,
and each country's deals drawn as labelled lanes coloured by their status history."""
import csv
import io
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deals.charts import LaneChart, Tick
from deals.models import DealStatusPeriod

pytestmark = pytest.mark.django_db


def csv_rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def by_year(rows):
    """{first column: the rest, as numbers} of a per-year CSV."""
    return {row[0]: [int(value) for value in row[1:]] for row in rows[1:]}


def figure(html, name):
    """The HTML of one chart's <figure>."""
    match = re.search(rf'<figure class="chart chart-bars" id="chart-{name}">(.*?)</figure>', html, re.S)
    assert match, f"no {name} chart"
    return match.group(1)


def table_rows(fragment):
    """[[header cell, cells…]] of the data table's body in `fragment`, as text."""
    body = re.search(r"<tbody>(.*?)</tbody>", fragment, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells])
    return rows


def test_contracts_and_deliveries_per_year_match_the_articles(client):
    rows = by_year(csv_rows(client.get("/charts/activity.csv")))

    assert rows["2017"] == [1, 0]  # Turkey's S-400 contract, December 2017
    assert rows["2018"] == [1, 0]  # India's, October 2018
    assert rows["2007"] == [1, 0]  # Iran's S-300, 2007
    assert rows["2019"] == [0, 2]  # Turkey's deliveries: mid-June and 23 October 2019
    # Belarus's contract "in 2014-2015" and Iran's deliveries "between 2007 and August 2016"
    # fall in no single year; the Belarus deliveries and a Turkish contract are undated.
    assert rows["year uncertain"] == [1, 1]
    assert rows["undated"] == [1, 2]
    # Years run without gaps from the first to the last; planned deliveries are not counted.
    assert list(rows)[:13] == [str(year) for year in range(2007, 2020)]
    assert sum(sum(counts) for counts in rows.values()) == 5 + 5


def test_a_countrys_counts_are_its_deals_alone(client):
    turkey = by_year(csv_rows(client.get("/charts/activity.csv?country=tr")))
    india = by_year(csv_rows(client.get("/charts/activity.csv?country=IN")))

    assert turkey == {"2017": [1, 0], "2018": [0, 0], "2019": [0, 2], "year uncertain": [0, 0], "undated": [1, 0]}
    assert india == {"2018": [1, 0], "year uncertain": [0, 0], "undated": [0, 0]}


def test_statements_per_year_by_stance_match_the_curated_statements(client):
    rows = csv_rows(client.get("/charts/statements.csv"))

    assert rows[0] == ["year", "asserts", "denies", "comments"]
    counted = by_year(rows)
    assert counted["2018"] == [3, 0, 0]
    assert counted["2019"] == [7, 4, 5]
    assert counted["2020"] == [1, 0, 0]
    assert counted["2021"] == [3, 0, 6]
    assert counted["year uncertain"] == [6, 0, 3]
    assert counted["undated"] == [0, 0, 6]


def test_the_data_table_gives_what_the_csv_gives(client):
    html = client.get("/countries/TR/").content.decode()

    for name in ("activity", "statements"):
        table = table_rows(figure(html, name))
        rows = csv_rows(client.get(f"/charts/{name}.csv?country=TR"))[1:]
        assert [[cell.lower() for cell in row] for row in table] == [[cell.lower() for cell in row] for row in rows]
        assert f'href="/charts/{name}.csv?country=TR"' in figure(html, name)


def test_the_bars_draw_each_dated_year_and_leave_out_the_uncertain(client):
    html = client.get("/?scope=all").content.decode()
    activity = figure(html, "activity")

    bars = re.findall(r'<g class="year" data-year="(\d+)">(.*?)</g>', activity, re.S)
    drawn = {year: re.findall(r'data-series="(\w+)"', inner) for year, inner in bars}
    assert drawn["2017"] == ["contracts"] and drawn["2019"] == ["deliveries"] and drawn["2010"] == []
    assert 'role="img" aria-labelledby="chart-activity-title chart-activity-desc"' in activity
    assert "whose date may fall in more than one year (year uncertain)" in activity


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("country=ZZ", "country"),
        ("country=TR&country=IN", "country"),
        ("country=Turkey", "country"),
        ("system=no-such-system", "system"),
        ("scope=everything", "scope"),
        ("as_of=2018-13-01", "as_of"),
        ("as_of=31/12/2018", "as_of"),
        ("as_of=2018-12-31&as_of=2019-12-31", "as_of"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(client, query, parameter):
    for name in ("activity", "statements", "lanes"):
        response = client.get(f"/charts/{name}.csv?{query}")
        assert response.status_code == 400
        assert parameter in response.json()


def test_the_lanes_need_a_country_or_known_deals(client):
    assert "country" in client.get("/charts/lanes.csv").json()
    assert client.get("/charts/lanes.csv?deal=no-such-deal").status_code == 400
    assert client.get("/charts/nothing.csv").status_code == 404


def test_turkeys_lanes_label_each_deal_and_colour_its_status_history(client):
    html = client.get("/countries/TR/").content.decode()
    section = re.search(r'<section id="lanes".*?</section>', html, re.S).group(0)
    lanes = dict(re.findall(r'<li class="deal-lane" data-deal="([^"]+)">(.*?)</li>', section, re.S))

    from deals.models import Deal

    turkish = Deal.objects.filter(recipient="TR")
    assert set(lanes) == {deal.slug for deal in turkish}
    for deal in turkish:
        lane = lanes[deal.slug]
        label = re.search(r'<a class="lane-label" href="([^"]+)">(.*?)</a>', lane)
        assert label.group(1) == deal.get_absolute_url() and unescape(label.group(2)) == deal.label
        periods = list(DealStatusPeriod.objects.filter(deal=deal).order_by("since").values_list("status", flat=True))
        assert re.findall(r'<rect class="seg seg-(\w+)', lane) == periods
        assert lane.count('<circle class="mark') == deal.milestones.count()
    # The S-400 deal's history: reported, signed, delivering, delivered (still, as of its source).
    first = lanes["ru-tr-s-400"]
    assert re.findall(r'data-status="(\w+)"', first)[-1] == "delivered" and "seg-open" in first.split("seg-delivered")[1][:20]


def test_a_lane_draws_a_line_for_each_labelled_year():
    """Year lines only where the axis names the year (on phones or wide screens): one for every
    year in each of thirty lanes made a third of the busiest country's page."""
    ticks = [
        Tick(2000, x="0%", label_x="2%", labelled="always"),
        Tick(2001, x="4%", label_x="6%", labelled=""),
        Tick(2002, x="8%", label_x="10%", labelled="wide"),
        Tick(2003, x="12%", label_x="14%", labelled=""),
    ]
    chart = LaneChart(lanes=[], ticks=ticks, stages=[], more=False, summary="", start=None, end=None)

    assert re.findall(r'<line class="tick" x1="([^"]+)"', chart.tick_lines) == ["0%", "8%"]


def test_the_lanes_csv_gives_each_deals_periods(client):
    rows = csv_rows(client.get("/charts/lanes.csv?country=TR"))

    assert rows[0][:3] == ["deal", "deal_label", "status"]
    s400 = [row for row in rows[1:] if row[0] == "ru-tr-s-400"]
    assert [row[2] for row in s400] == list(
        DealStatusPeriod.objects.filter(deal__slug="ru-tr-s-400").order_by("since").values_list("status", flat=True)
    )
    assert s400[-1][-1] == "yes" and all(row[-1] == "no" for row in s400[:-1])


def test_the_timeline_draws_the_deals_of_its_page_as_labelled_lanes(client):
    html = client.get("/timeline/?country=TR").content.decode()

    assert 'class="lanes"' not in html  # the old unlabelled lanes are gone
    section = re.search(r'<section id="lanes".*?</section>', html, re.S).group(0)
    assert "How the deals on this page unfolded" in section
    assert 'data-deal="ru-tr-s-400"' in section
    assert "/charts/lanes.csv?deal=" in section
    # Its counts follow the one country chosen.
    assert "the deals of Turkey as recipient or supplier" in html


def test_system_page_counts_its_deals(client):
    html = client.get("/systems/s-400/").content.decode()
    assert 'href="/charts/activity.csv?system=s-400"' in html


def test_counts_are_read_once_per_version(client):
    client.get("/countries/TR/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/charts/activity.csv?country=TR")
    assert not any("deals_contract" in query["sql"] for query in queries.captured_queries)


def test_a_country_with_more_deals_than_drawn_says_so(client, monkeypatch):
    monkeypatch.setattr("deals.charts.LANES_SHOWN", 3)
    html = client.get("/countries/TR/").content.decode()
    section = re.search(r'<section id="lanes".*?</section>', html, re.S).group(0)

    assert section.count('<li class="deal-lane"') == 3
    assert "Only 3 of the deals are drawn; the deal list has them all." in section


def test_the_timeline_charts_say_which_filters_they_do_not_follow(client):
    html = client.get("/timeline/?country=TR&kind=statement").content.decode()
    intro = re.search(r'<p class="chart-intro">(.*?)</p>', html, re.S).group(1)

    assert "the deals of Turkey as recipient or supplier" in intro
    assert "not the rest (kind)" in intro


# --- as of a day: what a careful reader could know then ------------------------------------


def test_a_chart_as_of_a_day_counts_nothing_dated_after_it_nor_undated(client):
    rows = csv_rows(client.get("/charts/activity.csv?as_of=2018-12-31"))
    counted = by_year(rows)

    # Turkey's deliveries (2019) are not counted, nor the undated contract and deliveries.
    assert list(counted)[-2:] == ["2018", "year uncertain"]
    assert counted["2017"] == [1, 0] and counted["2018"] == [1, 0]
    assert "2019" not in counted and "undated" not in counted
    # Belarus's "2014-2015" and Iran's "between 2007 and August 2016" were over by then.
    assert counted["year uncertain"] == [1, 1]
    # Mid-June 2019 (its latest day 20 June) is known by 1 July, not by 15 June.
    assert by_year(csv_rows(client.get("/charts/activity.csv?country=TR&as_of=2019-07-01")))["2019"] == [0, 1]
    assert "2019" not in by_year(csv_rows(client.get("/charts/activity.csv?country=TR&as_of=2019-06-15")))


def test_statements_as_of_a_day_are_those_dated_by_then(client):
    from deals.models import Statement

    counted = by_year(csv_rows(client.get("/charts/statements.csv?as_of=2019-12-31")))

    assert list(counted)[-1] == "year uncertain" and max(int(year) for year in list(counted)[:-1]) == 2019
    dated = Statement.objects.filter(date_latest__lte="2019-12-31")
    assert sum(sum(counts) for counts in counted.values()) == dated.count() < Statement.objects.count()


def test_the_lanes_as_of_a_day_end_with_it(client):
    rows = csv_rows(client.get("/charts/lanes.csv?country=TR&as_of=2019-07-01"))
    periods = {}
    for row in rows[1:]:
        periods.setdefault(row[0], []).append((row[2], row[6], row[7]))

    # Turkey's S-400 was being delivered on 1 July 2019 (from mid-June); delivered only in October.
    assert periods["ru-tr-s-400"] == [("signed", "2019-06-20", "no"), ("delivering", "", "yes")]
    # The Su-35 offer (November 2021) had not been made: no lane.
    assert "ru-tr-su-35" not in periods and "ru-tr-s-400-second-batch" in periods
    assert all(row[4] <= "2019-07-01" for row in rows[1:])


def test_a_page_as_of_a_day_draws_its_charts_as_its_csv_links_give_them(client):
    """The country page as of a day: each chart's data table is what its CSV link (which
    carries the day) gives, the lanes end with the day, and no stage after it is drawn."""
    html = client.get("/countries/TR/?as_of=2019-07-01").content.decode()

    for name in ("activity", "statements"):
        link = re.search(rf'href="(/charts/{name}\.csv\?[^"]+)"', figure(html, name)).group(1).replace("&amp;", "&")
        assert link == f"/charts/{name}.csv?country=TR&as_of=2019-07-01"
        table = table_rows(figure(html, name))
        assert [[cell.lower() for cell in row] for row in table] == [[c.lower() for c in row] for row in csv_rows(client.get(link))[1:]]
        assert "Undated" not in [row[0] for row in table]
    section = re.search(r'<section id="lanes".*?</section>', html, re.S).group(0)
    assert 'href="/charts/lanes.csv?country=TR&amp;as_of=2019-07-01"' in section
    s400 = re.search(r'<li class="deal-lane" data-deal="ru-tr-s-400">(.*?)</li>', section, re.S).group(1)
    assert re.findall(r'data-status="(\w+)"', s400) == ["signed", "delivering"]
    assert "Delivering from mid-Jun 2019, still so on 1 Jul 2019" in s400
    assert 'data-deal="ru-tr-su-35"' not in section
    # The last year's label sits in the middle of its part of the axis (January to July).
    assert re.findall(r'class="tick-label[^"]*" x="[^"]+" y="13" text-anchor="middle">(\d+)<', section)[-1] == "2019"
    # The home page as of a day links its charts' CSVs with the day too.
    home = client.get("/?as_of=2018-12-31").content.decode()
    assert 'href="/charts/activity.csv?scope=s-400&amp;as_of=2018-12-31"' in home
    assert 'href="/charts/statements.csv?as_of=2018-12-31"' in home


def test_the_timelines_charts_come_first_compact_before_its_filters(client):
    html = client.get("/timeline/").content.decode()

    charts = html.index('<section class="charts-over-time compact" id="charts"')
    assert html.index("<h1>Timeline</h1>") < charts < html.index('<div class="filter-panel"') < html.index('id="results"')
    assert html.count('id="charts"') == 1
    # Shorter bars than elsewhere: 70 px of plot, not 150.
    assert 'class="chart-svg" role="img" aria-labelledby="chart-activity-title chart-activity-desc" width="100%" height="102"' in html
    # Unfiltered, nothing is said about filters the charts do not follow.
    assert "not the rest" not in re.search(r'<p class="chart-intro">(.*?)</p>', html, re.S).group(1)
