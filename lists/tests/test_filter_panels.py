"""The people, systems, countries and sources lists share the deal list's filter panel
(templates/includes/filter_panel.html, static/lists/facets.js): a "Skip to results" link
before the filters, a form the script applies on each change (`data-live`), a live region
saying how many rows match, and choices counted under the other filters (Datasette's facets).

The figures are the curated data's: 11 people, 7 of them Russian; 6 systems, 4 for air
defence (the S-400 with two other names holding "Triumph"), 2 made in the United States; 8
countries in deals, 5 in Asia; 5 sources, one from Al Bawaba (2019) and one from Interfax (2021)."""
import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = {
    "/people/": ("Filter the people", "11 people match these filters."),
    "/systems/": ("Filter the weapon systems", "6 weapon systems match these filters."),
    "/countries/": ("Filter the countries", "8 countries match these filters."),
    "/sources/": ("Filter the sources", "5 sources match these filters."),
}


def html_of(response):
    return response.content.decode()


def counts(html, name):
    """{choice's key: its count as shown} of the checkbox facet `name`."""
    found = re.findall(
        rf'<input type="checkbox" name="{name}" value="([^"]+)" id="[^"]+"(?: checked)?> [^<]+ <span class="count">\((\d+)\)</span>',
        html,
    )
    assert found, f"no counted choices for {name}"
    return {key: int(count) for key, count in found}


def leading(html, name):
    """{record's key: its count} of a type-ahead filter's leading records (links)."""
    return {
        key: int(count)
        for key, count in re.findall(rf'<a href="[^"]*{name}=([^"&#]+)#results" id="id_{name}_[^"]+">[^<]+</a> <span class="count">\((\d+)\)</span>', html)
    }


@pytest.mark.parametrize("path", PAGES)
def test_the_list_has_the_shared_filter_panel(client, path):
    label, announced = PAGES[path]
    html = html_of(client.get(path))

    # "Skip to results" comes before every filter, the form is applied on change by the
    # script, and "Show" stays for a browser without it.
    assert html.index('<a class="skip-results" href="#results">Skip to results</a>') < html.index('<form class="filters"')
    assert f'<form class="filters" method="get" action="{path}#results" aria-label="{label}" data-live>' in html
    assert '<button type="submit" class="show-button" id="show-filters">Show</button>' in html
    assert '<script src="/static/lists/facets.js" defer></script>' in html
    # The panel folds on a phone, and the count is announced from the region the script replaces.
    assert '<details class="filter-disclosure" open data-folded-when-narrow>' in html
    assert f'<div id="results-region" data-announce="{announced}">' in html
    assert '<p class="visually-hidden" role="status" id="results-status"></p>' in html
    assert html.index('id="results-region"') < html.index('id="results"')


def test_the_people_country_facet_follows_the_name_filter(client):
    html = html_of(client.get("/people/"))
    assert counts(html, "country")["RU"] == 7
    # Its narrowing box finds a country by its other names too, as the deal list's does.
    facet = re.search(r'<div class="facet" id="id_country".*?</div>', html, re.S)[0]
    assert re.search(r'data-aliases="[^"]*Ankara[^"]*"', facet)

    html = html_of(client.get("/people/", {"q": "Peskov"}))

    assert counts(html, "country") == {"RU": 1}


def test_the_systems_category_and_maker_facets_follow_each_other(client):
    html = html_of(client.get("/systems/"))
    assert counts(html, "category") == {"air_defence": 4, "fighter": 2}
    assert counts(html, "maker_country") == {"RU": 4, "US": 2}

    html = html_of(client.get("/systems/", {"maker_country": "US"}))

    assert counts(html, "category") == {"air_defence": 1, "fighter": 1}
    # Its own choices do not narrow its counts: ticking Russia too would add its 4.
    assert counts(html, "maker_country") == {"RU": 4, "US": 2}

    html = html_of(client.get("/systems/", {"category": "fighter"}))
    assert counts(html, "maker_country") == {"RU": 1, "US": 1}


def test_a_system_found_by_two_of_its_names_is_counted_once(client):
    html = html_of(client.get("/systems/", {"q": "Triumph"}))

    assert counts(html, "category") == {"air_defence": 1, "fighter": 0}
    assert 'data-announce="1 weapon system matches these filters."' in html


def test_the_countries_region_facet_follows_the_other_filters(client):
    html = html_of(client.get("/countries/"))
    assert counts(html, "region") == {"africa": 0, "americas": 1, "asia": 5, "europe": 2, "oceania": 0, "antarctica": 0}

    # Belarus, China, India, Iran and Turkey have other names holding "Republic" (Turkey
    # three of them, Iran two): each is counted once.
    html = html_of(client.get("/countries/", {"q": "Republic"}))
    assert counts(html, "region") == {"africa": 0, "americas": 0, "asia": 4, "europe": 1, "oceania": 0, "antarctica": 0}

    # The United States is in no S-400 deal.
    html = html_of(client.get("/countries/", {"scope": "s-400"}))
    assert counts(html, "region")["americas"] == 0


def test_several_regions_can_be_ticked(client):
    response = client.get("/countries/", {"region": ["europe", "Americas"]})

    assert response.status_code == 200
    assert sorted(country.code for country in response.context["countries"]) == ["BY", "RU", "US"]
    assert "(2 active)" in html_of(response)


def test_the_sources_outlet_facet_follows_the_years(client):
    assert leading(html_of(client.get("/sources/")), "outlet") == {"al-bawaba": 1, "interfax": 1}

    html = html_of(client.get("/sources/", {"year_from": 2021}))

    assert leading(html, "outlet") == {"interfax": 1}


@pytest.mark.parametrize("outlet", ["Interfax", "inter"])  # the name, or a part only it holds
def test_an_outlet_filters_the_sources(client, outlet):
    response = client.get("/sources/", {"outlet": outlet})

    assert response.status_code == 200
    assert [source.outlet.slug for source in response.context["object_list"]] == ["interfax"]


@pytest.mark.parametrize(
    ("path", "query", "message"),
    [
        ("/people/", {"country": "ZZ"}, "Select a valid choice. ZZ is not one of the available choices."),
        ("/systems/", {"category": "tank"}, "“tank” is not one of the values it takes: air_defence, fighter."),
        ("/systems/", {"maker_country": "ZZ"}, "Select a valid choice. ZZ is not one of the available choices."),
        ("/countries/", {"region": ["asia", "atlantis"]}, "“atlantis” is not one of the values it takes"),
        ("/sources/", {"outlet": "nowhere"}, "No outlet to filter by is named “nowhere” or has it as key."),
    ],
)
def test_a_bad_filter_value_is_a_400_naming_it(client, path, query, message):
    response = client.get(path, query)

    assert response.status_code == 400
    html = html_of(response)
    assert message in html
    name = next(iter(query))
    assert f"<li><code>{name}</code>: " in html
    assert 'data-announce="These filters cannot be applied: see why above the results."' in html
