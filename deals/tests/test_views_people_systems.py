"""People (/people/, /people/<slug>/), organisations (/organisations/<slug>/) and weapon
systems (/systems/, /systems/<slug>/)."""
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from countries.models import Country
from deals.models import Citation, Organisation, Person, Source, Specification, Statement, SystemDealCount, WeaponSystem
from deals.tests.builders import build_deal, build_organisation, build_source, build_statement
from history.services import data_changed
from lists.keyset import MAX_NUMBERED_PAGE

pytestmark = pytest.mark.django_db


def assert_no_inline_style_or_script(html):
    assert "style=" not in html
    # A script from the site itself (the citation block's copy buttons) is no inline script.
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None


def statement_rows(html, prefix="statement"):
    return [int(pk) for pk in re.findall(rf'<tr id="{prefix}-(\d+)">', html)]


# --- People -------------------------------------------------------------------------------


def test_people_list_shows_everyone_with_country_and_statement_count(client):
    response = client.get("/people/")

    assert response.status_code == 200
    people = list(response.context["object_list"])
    assert len(people) == Person.objects.count()
    peskov = next(p for p in people if p.slug == "dmitry-peskov")
    assert peskov.statement_count == Statement.objects.filter(speaker=peskov).count()
    html = response.content.decode()
    assert 'href="/people/dmitry-peskov/">Dmitry Peskov</a>' in html
    assert html.count("<h1>") == 1
    assert_no_inline_style_or_script(html)


def test_people_country_filter(client):
    response = client.get("/people/", {"country": "TR"})

    assert {p.slug for p in response.context["object_list"]} == {"mevlut-cavusoglu", "recep-tayyip-erdogan"}


def test_people_text_filter(client):
    response = client.get("/people/", {"q": "peskov"})

    assert [p.slug for p in response.context["object_list"]] == ["dmitry-peskov"]


@pytest.mark.parametrize(
    "query, parameter", [({"country": "ZZ"}, "country"), ({"q": "x" * 201}, "q"), ({"q": "a\x00"}, "q")]
)
def test_people_invalid_filter_is_400_naming_it(client, query, parameter):
    response = client.get("/people/", query)

    assert response.status_code == 400
    assert f"<code>{parameter}</code>" in response.content.decode()


def test_people_page_past_the_end_is_404(client):
    assert client.get("/people/", {"page": MAX_NUMBERED_PAGE}).status_code == 404


def test_person_page_lists_their_statements_in_date_order_with_roles(client):
    peskov = Person.objects.get(slug="dmitry-peskov")

    response = client.get("/people/dmitry-peskov/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Dmitry Peskov</h1>" in html
    assert 'href="/countries/RU/">Russia</a>' in html
    expected = list(Statement.objects.filter(speaker=peskov).order_by("date_earliest", "date_latest", "pk"))
    assert statement_rows(html) == [s.pk for s in expected]
    assert "Kremlin Spokesman" in html and "Kremlin spokesman" in html  # his role as each source gave it
    assert "“I do not have such information”" in html
    assert_no_inline_style_or_script(html)


def test_person_page_shows_their_statements_fifty_at_a_time_with_links_between_pages(client):
    person = Person.objects.create(slug="busy-spokesman", name="Busy Spokesman")
    for _ in range(120):
        build_statement(speaker=person)
    expected = list(Statement.objects.filter(speaker=person).order_by("pk").values_list("pk", flat=True))

    first = client.get("/people/busy-spokesman/").content.decode()
    assert statement_rows(first) == expected[:50]
    assert 'href="?page=2" rel="next"' in first and 'rel="prev"' not in first
    assert "statements 1–50" in first

    last = client.get("/people/busy-spokesman/", {"page": 3}).content.decode()
    assert statement_rows(last) == expected[100:]
    assert 'href="?page=2" rel="prev"' in last and 'rel="next"' not in last
    assert "statements 101–120" in last


def test_person_page_number_is_checked_as_the_lists_check_it(client):
    person = Person.objects.get(slug="dmitry-peskov")
    assert client.get(person.get_absolute_url(), {"page": 2}).status_code == 404
    for bad in ("abc", "0", "-1"):
        response = client.get(person.get_absolute_url(), {"page": bad})
        assert response.status_code == 400
        assert "A page number is a whole number from 1 to" in response.content.decode()
    twice = client.get(f"{person.get_absolute_url()}?page=1&page=2")
    assert twice.status_code == 400 and "Give page only once" in twice.content.decode()


def test_unknown_person_is_404(client):
    assert client.get("/people/nobody/").status_code == 404


# --- Organisations ------------------------------------------------------------------------


def test_organisation_page_separates_statements_made_and_carried_and_lists_its_sources(client):
    sputnik = Organisation.objects.get(slug="sputnik")

    response = client.get("/organisations/sputnik/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Sputnik</h1>" in html
    assert "News agency" in html
    made = html.split("Statements made by Sputnik")[1].split("Statements carried by Sputnik")[0]
    carried = html.split("Statements carried by Sputnik")[1].split("<h2>Sources</h2>")[0]
    assert statement_rows(made) == [s.pk for s in Statement.objects.filter(organisation=sputnik)]
    assert sorted(statement_rows(carried, "carried-statement")) == sorted(Statement.objects.filter(medium=sputnik).values_list("pk", flat=True))
    assert "Let them [media outlets] continue spreading fake news" in carried
    sources = html.split("<h2>Sources</h2>")[1]
    for source in Source.objects.filter(agencies=sputnik):
        assert f'href="{source.get_absolute_url()}"' in sources


def test_organisation_page_pages_statements_made_and_carried_each_with_its_own_parameter(client):
    outlet = build_organisation()
    made = [build_statement(speaker=None, organisation=outlet).pk for _ in range(55)]
    carried = [build_statement(medium=outlet).pk for _ in range(3)]
    url = f"/organisations/{outlet.slug}/"

    first = client.get(url).content.decode()
    assert statement_rows(first) == made[:50]
    assert statement_rows(first, "carried-statement") == carried
    assert 'href="?statements_page=2" rel="next"' in first

    second = client.get(url, {"statements_page": 2, "carried_page": 1}).content.decode()
    assert statement_rows(second) == made[50:]
    assert 'href="?carried_page=1&amp;statements_page=1" rel="prev"' in second
    assert statement_rows(second, "carried-statement") == carried

    assert client.get(url, {"carried_page": 2}).status_code == 404
    bad = client.get(url, {"statements_page": "x"})
    assert bad.status_code == 400 and "statements_page" in bad.content.decode()


def source_links(html):
    return re.findall(r'<li><a href="/sources/([^/]+)/">', html)


def test_organisation_page_pages_its_sources_published_and_relayed_each_with_its_own_parameter(client):
    outlet = build_organisation()
    # Published over several days, so the list's date order is not its creation order.
    published = [
        build_source(slug=f"published-{n:02}", outlet=outlet, date_words=f"June {n % 28 + 1}, 2019",
                     date_edtf=f"2019-06-{n % 28 + 1:02}", date_earliest=f"2019-06-{n % 28 + 1:02}",
                     date_latest=f"2019-06-{n % 28 + 1:02}")
        for n in range(57)
    ]
    relaying = [build_source(slug=f"relaying-{n}") for n in range(3)]
    for source in relaying:
        source.agencies.add(outlet)
    in_order = [source.slug for source in sorted(published, key=lambda s: (s.date_earliest, s.slug))]
    url = f"/organisations/{outlet.slug}/"

    first = client.get(url).content.decode()
    sections = first.split('id="relayed-sources"')
    assert source_links(sections[0]) == in_order[:50]
    assert source_links(sections[1]) == [source.slug for source in relaying]
    assert f"Published by {outlet.name} (57)" in first and f"Relaying or crediting {outlet.name} (3)" in first
    assert 'href="?published_page=2#published-sources" rel="next"' in first
    assert "sources published 1–50 of 57" in first

    second = client.get(url, {"published_page": 2, "relayed_page": 1}).content.decode()
    sections = second.split('id="relayed-sources"')
    assert source_links(sections[0]) == in_order[50:]
    assert source_links(sections[1]) == [source.slug for source in relaying]
    assert 'href="?relayed_page=1&amp;published_page=1#published-sources" rel="prev"' in second
    assert "sources published 51–57 of 57" in second

    assert client.get(url, {"published_page": 3}).status_code == 404
    assert client.get(url, {"relayed_page": 2}).status_code == 404
    for parameter in ("published_page", "relayed_page"):
        bad = client.get(url, {parameter: "x"})
        assert bad.status_code == 400 and f"<code>{parameter}</code>" in bad.content.decode()


def test_organisation_page_lists_sources_without_reading_their_texts(client):
    sputnik = Organisation.objects.get(slug="sputnik")
    source = build_source(outlet=sputnik)
    source.agencies.add(sputnik)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/organisations/sputnik/")

    html = response.content.decode()
    assert html.count(f'href="{source.get_absolute_url()}"') == 2  # published by it, and relaying it
    sql = [query["sql"] for query in queries.captured_queries]
    assert not any('"deals_source"."text"' in each or '"deals_source"."notes"' in each for each in sql)


def test_organisation_page_for_a_publisher_and_a_company(client):
    al_bawaba = client.get("/organisations/al-bawaba/").content.decode()
    rosoboronexport = client.get("/organisations/rosoboronexport/").content.decode()

    published = Source.objects.get(outlet__slug="al-bawaba")
    assert "Published by Al Bawaba" in al_bawaba and f'href="{published.get_absolute_url()}"' in al_bawaba
    assert "Company" in rosoboronexport
    assert "Russia had fulfilled the contract ahead of schedule" in rosoboronexport
    assert re.search(r'class="date date-day"[^>]*>23 Oct 2019<.*?“On October 23, 2019”', rosoboronexport)


def test_unknown_organisation_is_404(client):
    assert client.get("/organisations/nobody/").status_code == 404


# --- Weapon systems -------------------------------------------------------------------------


def test_systems_list_shows_aliases_category_maker_and_deal_counts(client):
    response = client.get("/systems/")

    assert response.status_code == 200
    systems = {s.slug: s for s in response.context["object_list"]}
    assert set(systems) == set(WeaponSystem.objects.values_list("slug", flat=True))
    assert systems["s-400"].deal_count == WeaponSystem.objects.get(slug="s-400").deals.count()
    html = response.content.decode()
    assert "S-400 Triumph" in html  # an alias
    assert 'href="/organisations/lockheed-martin/">Lockheed Martin</a>' in html
    assert 'href="/systems/s-300/">S-300</a>' in html  # S-300PS is a variant of it
    assert_no_inline_style_or_script(html)


def test_systems_category_filter(client):
    response = client.get("/systems/", {"category": "fighter"})

    assert {s.slug for s in response.context["object_list"]} == {"f-35", "su-35"}


def test_systems_maker_country_filter(client):
    response = client.get("/systems/", {"maker_country": "US"})

    assert {s.slug for s in response.context["object_list"]} == set(
        WeaponSystem.objects.filter(maker_country="US").values_list("slug", flat=True)
    )


def test_systems_text_filter_finds_aliases(client):
    response = client.get("/systems/", {"q": "Triumph"})

    assert [s.slug for s in response.context["object_list"]] == ["s-400"]


@pytest.mark.parametrize(
    "query, parameter", [({"category": "bogus"}, "category"), ({"maker_country": "ZZ"}, "maker_country")]
)
def test_systems_invalid_filter_is_400_naming_it(client, query, parameter):
    response = client.get("/systems/", query)

    assert response.status_code == 400
    assert f"<code>{parameter}</code>" in response.content.decode()


def test_systems_page_past_the_end_is_404(client):
    assert client.get("/systems/", {"page": 999}).status_code == 404


def test_s400_page_sets_each_sources_figures_side_by_side(client):
    response = client.get("/systems/s-400/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>S-400 Triumf</h1>" in html
    for value, words in (("400", "up to 400 kilometers"), ("402", "as far as 402 kilometers away"), ("600", "up to 600 km")):
        specification = Specification.objects.get(system__slug="s-400", words__startswith=words)
        match = re.search(rf'<tr id="specification-{specification.pk}">(.*?)</tr>', html, re.DOTALL)
        assert match, words
        cells = match.group(1)
        assert f"{value} km" in cells
        citation = specification.citations.get()
        assert citation.excerpt in cells
        assert f'href="{citation.get_absolute_url()}"' in cells
    assert "(2 figures)" in html  # two sources disagree on the engagement range
    assert "S-400 Triumph" in html


def test_system_page_lists_its_deals_with_status(client):
    html = client.get("/systems/s-400/").content.decode()

    for deal in WeaponSystem.objects.get(slug="s-400").deals.all():
        assert f'href="{deal.get_absolute_url()}"' in html
    assert '<span class="status status-denied">Denied</span>' in html


def test_variants_link_both_ways(client):
    assert 'href="/systems/s-300ps/">S-300PS</a>' in client.get("/systems/s-300/").content.decode()
    assert 'href="/systems/s-300/">S-300</a>' in client.get("/systems/s-300ps/").content.decode()


def test_system_page_shows_its_deals_fifty_at_a_time(client):
    system = WeaponSystem.objects.create(
        slug="busy-system", name="Busy System", category="air_defence", maker_country=Country.objects.get(code="RU")
    )
    slugs = sorted(build_deal(slug=f"busy-{n:02}", system=system).slug for n in range(55))
    data_changed(reason="test")

    first = client.get(system.get_absolute_url()).content.decode()
    second = client.get(system.get_absolute_url(), {"page": 2}).content.decode()

    listed = [re.findall(r'href="/deals/(busy-\d+)/"', html) for html in (first, second)]
    assert listed == [slugs[:50], slugs[50:]]  # one recipient (Turkey): in slug order
    assert 'href="?page=2#deals" rel="next"' in first
    assert "deals 51–55" in second
    assert client.get(system.get_absolute_url(), {"page": 3}).status_code == 404
    assert client.get(system.get_absolute_url(), {"page": "x"}).status_code == 400


def test_unknown_system_is_404(client):
    assert client.get("/systems/nothing/").status_code == 404


# --- Queries --------------------------------------------------------------------------------

# count, page, and the country facet (its choices counted per country: one GROUP BY)
PEOPLE_QUERIES = 3 + 1  # + the knowledge base version for the ETag (config/caching.py)
PEOPLE_QUERIES += 1  # + the sources' coverage the downloads line states (deals.totals.source_coverage, once per version)
PEOPLE_QUERIES += 1  # + the countries' other names, which narrow the country facet (once per version)
# person (with country), their statements, those statements' deals
PERSON_QUERIES = 3 + 1  # + the knowledge base version for the ETag (config/caching.py)
# organisation (with its sources counted), statements made and carried (each with their deals),
# a page of sources published and one relaying it
ORGANISATION_QUERIES = 7 + 1  # + the knowledge base version for the ETag (config/caching.py)
# count, page, aliases, and the maker-country facet (its choices counted per country: one GROUP BY)
SYSTEMS_QUERIES = 4 + 1  # + the knowledge base version for the ETag (config/caching.py)
SYSTEMS_QUERIES += 1  # + the sources' coverage the downloads line states (deals.totals.source_coverage, once per version)
SYSTEMS_QUERIES += 1  # + the category facet: the systems counted per category under the other filters (a GROUP BY)
SYSTEMS_QUERIES += 1  # + the countries' other names, which narrow the maker-country facet (once per version)
# system, aliases, variants, specifications, their citations, deals
SYSTEM_QUERIES = 6 + 1  # + the knowledge base version for the ETag (config/caching.py)
SYSTEM_QUERIES += 2  # + the charts over time: contracts and deliveries, statements per year (stored counts, once per version)


def test_people_pages_query_counts_do_not_grow_with_rows(client, django_assert_num_queries):
    with django_assert_num_queries(PEOPLE_QUERIES):
        client.get("/people/")
    with django_assert_num_queries(PERSON_QUERIES):
        client.get("/people/dmitry-peskov/")
    with django_assert_num_queries(ORGANISATION_QUERIES):
        client.get("/organisations/sputnik/")

    peskov = Person.objects.get(slug="dmitry-peskov")
    sputnik = Organisation.objects.get(slug="sputnik")
    for _ in range(4):
        statement = build_statement(speaker=peskov, organisation=sputnik, medium=sputnik)
        statement.deals.add(build_deal())
        Person.objects.create(slug=f"extra-{statement.pk}", name="Extra Person", country_id="QA")
        build_source(outlet=sputnik).agencies.add(sputnik, build_organisation())
    data_changed(reason="more statements")  # as every write does

    with django_assert_num_queries(PEOPLE_QUERIES):
        client.get("/people/")
    with django_assert_num_queries(PERSON_QUERIES):
        client.get("/people/dmitry-peskov/")
    with django_assert_num_queries(ORGANISATION_QUERIES):
        client.get("/organisations/sputnik/")


def test_system_pages_query_counts_do_not_grow_with_rows(client, django_assert_num_queries):
    with django_assert_num_queries(SYSTEMS_QUERIES):
        client.get("/systems/")
    with django_assert_num_queries(SYSTEM_QUERIES):
        client.get("/systems/s-400/")

    s400 = WeaponSystem.objects.get(slug="s-400")
    for n in range(3):
        specification = Specification.objects.create(
            system=s400, parameter="engagement range", value=380 + n, unit="km", words=f"{380 + n} km"
        )
        Citation.objects.create(source=build_source(), excerpt="five S-400 regiments", specification=specification)
        build_deal(system=s400)
        system = WeaponSystem.objects.create(
            slug=f"variant-{n}", name=f"Variant {n}", category="air_defence", maker_country_id="RU", variant_of=s400
        )
        system.aliases.create(name=f"Variant alias {n}")
    data_changed(reason="more systems")  # as every write does

    with django_assert_num_queries(SYSTEMS_QUERIES):
        client.get("/systems/")
    with django_assert_num_queries(SYSTEM_QUERIES):
        response = client.get("/systems/s-400/")
    assert "(5 figures)" in response.content.decode()


def test_a_statement_both_made_and_carried_by_one_organisation_keeps_ids_unique(client):
    sputnik = Organisation.objects.get(slug="sputnik")
    statement = build_statement(speaker=None, organisation=sputnik, medium=sputnik)

    html = client.get("/organisations/sputnik/").content.decode()

    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert f'id="statement-{statement.pk}"' in html and f'id="carried-statement-{statement.pk}"' in html


def test_person_page_answers_its_first_fifty_pages_and_points_past_them_to_the_statement_list(client, monkeypatch):
    import lists.pages

    monkeypatch.setattr(lists.pages, "DETAIL_PAGE_SIZE", 2)  # 50 pages of two rows
    person = Person.objects.create(slug="busy-spokesman", name="Busy Spokesman")
    for _ in range(101):
        build_statement(speaker=person)
    expected = list(Statement.objects.filter(speaker=person).order_by("pk").values_list("pk", flat=True))

    last = client.get("/people/busy-spokesman/", {"page": 50}).content.decode()
    assert statement_rows(last) == expected[98:100]
    assert 'href="?page=49" rel="prev"' in last and 'rel="next"' not in last
    assert '<a href="/statements/?speaker=busy-spokesman">More in the statement list for Busy Spokesman</a>' in last

    deeper = client.get("/people/busy-spokesman/", {"page": 51})
    assert deeper.status_code == 400
    message = deeper.content.decode()
    assert "<code>page</code>: This section shows its first 50 pages" in message
    assert "(/statements/?speaker=busy-spokesman)" in message
    listed = client.get("/statements/", {"speaker": "busy-spokesman"})
    assert listed.status_code == 200 and f'id="statement-{expected[0]}"' in listed.content.decode()


# --- The systems list's deal counts (`SystemDealCount`, kept by the write path) -------------


def listed_deal_counts(client):
    """{slug: deals} as /systems/ shows them, read from the rendered rows."""
    html = client.get("/systems/").content.decode()
    rows = re.findall(r'href="/systems/([^/"]+)/">[^<]*</a>.*?data-label="Deals">([^<]*)</td>', html, re.S)
    return {slug: int(n.replace(",", "")) for slug, n in rows}


def deals_per_system():
    return {system.slug: system.deals.count() for system in WeaponSystem.objects.all()}


def test_systems_list_shows_every_systems_deals_counted_from_the_deals(client):
    assert listed_deal_counts(client) == deals_per_system()
    assert listed_deal_counts(client)["s-400"] > 1


def test_systems_list_counts_a_deal_created_moved_and_deleted_through_the_services(client):
    from deals import services

    editor = User.objects.create_user("erin")
    s400, s300 = WeaponSystem.objects.get(slug="s-400"), WeaponSystem.objects.get(slug="s-300")
    before = listed_deal_counts(client)
    deal = services.deal_create(
        supplier=Country.objects.get(code="RU"), recipient=Country.objects.get(code="EG"), system=s400,
        subject="air defence", status="signed", summary="Talks.",
        citations=[(build_source(), "five S-400 regiments")], user=editor, via="test",
    )
    assert listed_deal_counts(client) == before | {"s-400": before["s-400"] + 1}
    deal = services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", system=s300)
    assert listed_deal_counts(client) == before | {"s-300": before["s-300"] + 1}
    deal = services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", system=None)
    assert listed_deal_counts(client) == before
    deal = services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", system=s300)
    services.record_delete(record=deal, user=editor, via="test")
    assert listed_deal_counts(client) == before == deals_per_system()


def test_systems_list_counts_a_deal_created_moved_and_deleted_in_the_admin(admin_client, client):
    from django.urls import reverse

    from deals.models import Deal
    from deals.tests.test_constraints import deal_form
    from tests.html_forms import form_values

    before = listed_deal_counts(client)
    assert admin_client.post(reverse("admin:deals_deal_add"), deal_form()).status_code == 302
    assert listed_deal_counts(client) == before | {"s-400": before["s-400"] + 1}
    deal = Deal.objects.get(slug="new-deal")
    url = reverse("admin:deals_deal_change", args=[deal.pk])
    s300 = WeaponSystem.objects.get(slug="s-300")
    data = form_values(admin_client.get(url).content.decode(), "deal_form") | {"system": str(s300.pk), "_save": "Save"}
    assert admin_client.post(url, data).status_code == 302
    assert listed_deal_counts(client) == before | {"s-300": before["s-300"] + 1}
    response = admin_client.post(reverse("admin:deals_deal_delete", args=[deal.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert listed_deal_counts(client) == before == deals_per_system()


def test_a_system_without_a_count_row_shows_no_deals(client):
    system = WeaponSystem.objects.create(slug="pantsir-s1", name="Pantsir-S1", category="air_defence",
                                           maker_country=Country.objects.get(code="RU"))
    response = client.get("/systems/")
    listed = {row.slug: row for row in response.context["object_list"]}
    assert listed["pantsir-s1"].deal_count == 0 and listed_deal_counts(client)["pantsir-s1"] == 0
    assert not SystemDealCount.objects.filter(system=system).exists()


def test_systems_list_reads_its_deal_counts_without_counting_the_deals(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/systems/").status_code == 200
    assert not [query["sql"] for query in queries.captured_queries if "deals_deal\"" in query["sql"]]
    assert any("deals_systemdealcount" in query["sql"] for query in queries.captured_queries)
