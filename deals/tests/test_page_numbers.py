"""A page number too long for int() (which refuses more than 4,300 digits) is a malformed
page number like any other: a 400 naming `page` on every list page, API list and search,
never a 500."""
import re

import pytest
from django.http import QueryDict

from lists.parameters import is_page_number, page_problems

pytestmark = pytest.mark.django_db

HUGE = "7" * 5000
MESSAGE = "A page number is a whole number from 1 to 2147483647."
LIST_PAGES = ["/deals/", "/statements/", "/timeline/", "/countries/", "/people/", "/systems/", "/sources/"]
API_LISTS = [
    "/api/deals/", "/api/statements/", "/api/timeline/", "/api/countries/", "/api/people/",
    "/api/systems/", "/api/sources/", "/api/citations/",
]


def problems_of(response):
    box = re.search(r'<div class="problems" role="alert">(.*?)</div>', response.content.decode(), re.DOTALL)
    assert box, "no problem box on the page"
    return re.findall(r"<li>(?:<code>(\w+)</code>: )?(.*?)</li>", box.group(1))


@pytest.mark.parametrize("url", LIST_PAGES)
@pytest.mark.parametrize("page", [HUGE, "0" * 4999 + "1"])
def test_list_page_refuses_a_page_number_of_thousands_of_digits(client, url, page):
    response = client.get(url, {"page": page})

    assert response.status_code == 400
    assert problems_of(response) == [("page", MESSAGE)]


@pytest.mark.parametrize("url", [*API_LISTS, "/api/search/"])
def test_api_list_refuses_a_page_number_of_thousands_of_digits(client, url):
    response = client.get(url, {"page": HUGE, **({"q": "S-400"} if "search" in url else {})})

    assert response.status_code == 400
    assert response.json() == {"page": [MESSAGE]}


def test_search_page_refuses_a_page_number_of_thousands_of_digits(client):
    response = client.get("/search/", {"q": "S-400", "page": HUGE})

    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def test_page_numbers_int_can_read_are_read_as_before(client):
    # Leading zeros are read as the number they spell, as long as int() can read the string.
    assert is_page_number("0" * 4299 + "1") and not is_page_number("0" * 4300 + "1")
    assert is_page_number("2147483647") and not is_page_number("2147483648")
    assert page_problems(_query(page="0" * 20 + "1")) == {}
    assert page_problems(_query(page=HUGE)) == {"page": [MESSAGE]}
    assert client.get("/deals/", {"page": "0" * 20 + "1"}).status_code == 200
    assert client.get("/deals/", {"page": "0" * 5000 + "1"}).status_code == 400


def _query(**values):
    query = QueryDict(mutable=True)
    for name, value in values.items():
        query[name] = value
    return query
