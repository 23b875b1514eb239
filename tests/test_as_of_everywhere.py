"""`as_of` across the site: the pages, lists and downloads that take it answer a status on the
day; those that do not (the lists of countries, statements, people, systems and sources and the
timeline, their APIs and downloads, a weapon system's page, the full dataset) refuse
it with a 400 naming it and saying which do, rather than showing the base as it stands
under an address that reads as dated; and no link any page shows under a day leads to a 400."""
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db

NOT_TAKING = [
    "/countries/", "/api/countries/", "/export/countries.csv", "/export/countries.json", "/export/dataset.json",
    "/timeline/", "/api/timeline/", "/export/timeline.csv", "/export/timeline.json",
    "/systems/s-400/", "/systems/s-300/",
    # The lists of what was said, who said it, the systems and the sources: nothing on them
    # has a status on a day.
    "/statements/", "/api/statements/", "/export/statements.csv", "/people/", "/api/people/",
    "/systems/", "/api/systems/", "/export/systems.json", "/sources/", "/api/sources/", "/api/citations/",
]


def problems(response):
    """The messages for `as_of` a 400 gives: the API's and downloads' JSON, or the page's list."""
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        return json.loads(text).get("as_of")
    return [re.sub(r"<[^>]+>", "", item).replace("&#x27;", "'") for item in re.findall(r"<li><code>as_of</code>: (.*?)</li>", text, re.S)]


@pytest.mark.parametrize("address", NOT_TAKING)
@pytest.mark.parametrize("value, message", [
    ("garbage", "Give a day as YYYY-MM-DD, e.g. 2018-12-31."),
    ("31/12/2018", "Give a day as YYYY-MM-DD, e.g. 2018-12-31."),
    ("2018-13-01", "“2018-13-01” is not a real date: there is no month 13."),
])
def test_a_malformed_as_of_where_it_is_not_taken_is_a_400_naming_it_as_the_deal_list_does(client, address, value, message):
    response = client.get(address, {"as_of": value})
    assert response.status_code == 400
    deal_list = client.get("/api/deals/", {"as_of": value})
    assert problems(response) == deal_list.json()["as_of"] == [message]


TAKING = ["/", "/deals/", "/countries/TR/", "/map/", "/api/deals/", "/export/deals.csv", "/export/deals.json"]


@pytest.mark.parametrize("address", [*TAKING, "/timeline/", "/countries/"])
@pytest.mark.parametrize("value, message", [
    ("2019-02-30", "“2019-02-30” is not a real date: February 2019 has 28 days."),
    ("2019-02-29", "“2019-02-29” is not a real date: February 2019 has 28 days."),
    ("2018-04-31", "“2018-04-31” is not a real date: April 2018 has 30 days."),
    ("2018-06-00", "“2018-06-00” is not a real date: June 2018 has 30 days."),
])
def test_an_as_of_written_as_asked_but_naming_no_calendar_day_is_a_400_saying_so(client, address, value, message):
    """Written YYYY-MM-DD as asked, so "give a day as YYYY-MM-DD" would send the reader
    looking for the wrong mistake: the 400 says the day does not exist, on every page alike."""
    response = client.get(address, {"as_of": value})
    assert response.status_code == 400
    assert problems(response) == [message]


@pytest.mark.parametrize("address", TAKING)
def test_a_leap_day_is_a_day(client, address):
    assert client.get(address, {"as_of": "2020-02-29"}).status_code == 200


@pytest.mark.parametrize("address", NOT_TAKING)
def test_a_good_day_where_as_of_is_not_taken_is_a_400_saying_which_pages_take_it(client, address):
    response = client.get(address, {"as_of": "2018-12-31"})
    assert response.status_code == 400
    [message] = problems(response)
    assert "takes no as_of" in message
    assert "/deals/?as_of=YYYY-MM-DD" in message and "/export/deals.csv" in message and "/countries/TR/?as_of=" in message
    assert "/map/?as_of=" in message
    # What it offers instead answers the same day.
    assert client.get("/deals/", {"as_of": "2018-12-31"}).status_code == 200
    assert client.get("/countries/TR/", {"as_of": "2018-12-31"}).status_code == 200


@pytest.mark.parametrize("address", NOT_TAKING)
def test_without_a_day_they_answer_as_before(client, address):
    assert client.get(address).status_code == 200
    assert client.get(address, {"as_of": ""}).status_code == 200  # an empty value counts as not given


@pytest.mark.parametrize("address, named", [
    ("/timeline/", "The timeline takes no as_of."), ("/systems/s-400/", "A weapon system's page takes no as_of."),
])
def test_the_timeline_and_a_systems_page_refuse_a_day_by_name_whatever_else_is_chosen(client, address, named):
    """Under other filters too (the timeline's facets and charts, a system's page of deals):
    the 400 names the page, never a 500 and never the page as it stands."""
    response = client.get(address, {"as_of": "2019-12-31", "country": "TR", "kind": "delivery", "page": "2"})
    assert response.status_code == 400
    [message] = problems(response)
    assert message.startswith(named)


def test_the_countries_lists_refusal_offers_no_link_carrying_the_day(client):
    html = client.get("/countries/", {"as_of": "2018-12-31", "scope": "s-400"}).content.decode()
    assert 'href="?scope=all"' in html and 'href="?scope=s-400"' in html
    links = Links()
    links.feed(html)
    assert not [href for href in links.hrefs if "as_of" in href]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href.replace("&amp;", "&"))


def links_of(path, html):
    parser = Links()
    parser.feed(html)
    found = set()
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("#"):
            continue  # another site, or this page
        found.add((parts.path or path) + (f"?{parts.query}" if parts.query else ""))
    return found


@pytest.mark.parametrize("start", [
    "/?as_of=2018-12-31", "/?as_of=2018-12-31&scope=all",
    "/deals/?as_of=2018-12-31&scope=s-400", "/deals/?as_of=2019-12-31&status=delivered",
    "/countries/TR/?as_of=2018-12-31", "/countries/RU/?as_of=2018-12-31&scope=s-400",
    "/deals/ru-tr-s-400/",
])
def test_no_link_on_a_page_as_of_a_day_leads_to_a_400(client, start):
    """Every link of a page shown as of a day (the home page keeps the day in its links)
    answers: none carries the day to a page that refuses it."""
    response = client.get(start)
    assert response.status_code == 200
    links = links_of(urlsplit(start).path, response.content.decode())
    assert any("as_of=" in link for link in links)
    for link in sorted(links):
        if link.startswith("/admin/"):
            continue
        status = client.get(link).status_code
        assert status in (200, 301, 302), (start, link, status)
