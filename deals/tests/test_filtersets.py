"""The deals app's FilterSets, one test per filter: each narrows rows built here to exactly the
rows it should keep (the curated data is in the database too, so every test filters only the
rows it built). Then, per FilterSet, the guard that fails when the model gains a field people
would filter by and the FilterSet has no filter for it."""
import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from countries.models import Country
from deals import services
from deals.filtersets import (
    CitationFilterSet,
    DealFilterSet,
    PersonFilterSet,
    SourceFilterSet,
    StatementFilterSet,
    TimelineFilterSet,
    WeaponSystemFilterSet,
)
from deals.models import Citation, Deal, Event, Person, Source, Statement, TimelineItem, WeaponSystem, WeaponSystemAlias
from deals.tests.builders import (
    build_citation,
    build_contract,
    build_deal,
    build_delivery,
    build_source,
    build_statement,
    refreshed,
)
from lists.registry import whole_count
from tests.filterset_checks import fields_without_filter, filtered

pytestmark = pytest.mark.django_db


def within(year):
    """A date field's values for "in <year>"."""
    return {
        "date_words": f"in {year}",
        "date_edtf": str(year),
        "date_earliest": f"{year}-01-01",
        "date_latest": f"{year}-12-31",
        "date_basis": "stated",
    }


def country(code):
    return Country.objects.get(code=code)


def system(slug):
    return WeaponSystem.objects.get(slug=slug)


def only(model, *records, base=None):
    """The model's rows among `records`, through `base` (the list's own rows) if given."""
    return (base if base is not None else model.objects.all()).filter(pk__in=[record.pk for record in records])


# Deals ------------------------------------------------------------------------------------


@pytest.fixture
def two_deals():
    """Russia sells Turkey S-400s, signed in 2017; China sells India S-300s, delivered in 2020."""
    turkey = build_deal(supplier=country("RU"), recipient=country("TR"), system=system("s-400"), status="signed")
    india = build_deal(
        supplier=country("CN"), recipient=country("IN"), system=system("s-300"), status="delivered",
        disputed=True, subject="Regiments of the zanzibarite pattern",
    )
    build_contract(deal=turkey, quantity=4, **within(2017))
    build_delivery(contract=build_contract(deal=india, quantity=2), **within(2020))
    return turkey, india


def deals(query, records):
    return filtered(DealFilterSet, query, only(Deal, *records, base=Deal.objects.for_table()))


def test_deal_supplier_keeps_the_suppliers_deals(two_deals):
    turkey, india = two_deals
    assert deals("supplier=CN", two_deals) == [india]
    assert deals("supplier=ru", two_deals) == [turkey]


def test_deal_recipient_keeps_the_recipients_deals_and_takes_several(two_deals):
    turkey, india = two_deals
    assert deals("recipient=IN", two_deals) == [india]
    assert set(deals("recipient=IN&recipient=TR", two_deals)) == {turkey, india}


def test_deal_system_keeps_the_systems_deals(two_deals):
    turkey, india = two_deals
    assert deals("system=s-400", two_deals) == [turkey]


def test_deal_status_keeps_deals_at_those_statuses(two_deals):
    turkey, india = two_deals
    assert deals("status=delivered", two_deals) == [india]
    assert set(deals("status=delivered&status=signed", two_deals)) == {turkey, india}


def test_deal_disputed_keeps_disputed_or_undisputed_deals(two_deals):
    turkey, india = two_deals
    assert deals("disputed=true", two_deals) == [india]
    assert deals("disputed=false", two_deals) == [turkey]


def test_deal_year_from_keeps_deals_with_a_milestone_from_that_year(two_deals):
    turkey, india = two_deals
    assert deals("year_from=2019", two_deals) == [india]


def test_deal_year_to_keeps_deals_with_a_milestone_up_to_that_year(two_deals):
    turkey, india = two_deals
    assert deals("year_to=2018", two_deals) == [turkey]


def test_deal_q_matches_words_of_the_subject(two_deals):
    turkey, india = two_deals
    assert deals("q=zanzibarite", two_deals) == [india]


def test_deal_q_finds_british_and_american_spellings(two_deals):
    american = build_deal(recipient=country("EG"), summary="An air defense program of the zanzibarite kind.")
    records = [*two_deals, american]
    assert deals("q=air defence programme", records) == [american]
    assert deals("q=air defense", records) == [american]


def test_deal_sort_orders_by_quantity_with_no_contract_last_both_ways(two_deals):
    turkey, india = two_deals
    uncontracted = build_deal(recipient=country("EG"))
    records = [*two_deals, uncontracted]
    assert deals("sort=quantity", records) == [india, turkey, uncontracted]
    assert deals("sort=-quantity", records) == [turkey, india, uncontracted]


@pytest.fixture
def deals_rewritten():
    """The curated deals plus two built ones, then one moved to another recipient and status
    and one deleted through the services, as editors change them."""
    editor = User.objects.create_user("erin")
    added = [build_deal(recipient=country("IN"), status="delivered"), build_deal(supplier=country("CN"))]
    moved = Deal.objects.get(slug="ru-tr-s-400-second-batch")
    services.deal_update(deal=moved, loaded_version=moved.version, user=editor, via="test",
                         recipient=country("IN"), status="delivered")
    # The delete records the rows it takes with it under content types it may create inside
    # this test's transaction: no later test may find the rolled-back ones in Django's cache.
    ContentType.objects.clear_cache()
    services.record_delete(record=Deal.objects.get(slug="us-tr-patriot"), user=editor, via="test")
    yield added
    ContentType.objects.clear_cache()


def stored_count(query):
    """What the deal list counts for `query` without a COUNT over the deals (from the deals'
    counts per country, role and status), beside the real COUNT of the rows its FilterSet
    keeps; None when it leaves the count to the paginator."""
    filterset = DealFilterSet(QueryDict(query), queryset=Deal.objects.for_table())
    assert filterset.is_valid(), filterset.errors
    rows = filterset.qs  # a free-text filter looks up its matches as it filters (lists.filters.holding)
    with CaptureQueriesContext(connection) as queries:
        counted = whole_count("deals", filterset, None, rows)
    assert all("deals_deal" not in query["sql"] for query in queries.captured_queries)
    return (counted, rows.count()) if counted is not None else None


@pytest.mark.parametrize(
    "query, deals",
    [
        ("recipient=TR", 6),  # 7 curated and one built; one moved to India, one deleted
        ("recipient=IN&status=delivered", 2),  # one built, one moved
        ("recipient=tr&recipient=IN&status=negotiating&status=delivered", 4),
        ("supplier=RU", 13),
        ("supplier=CN&status=signed", 1),
        ("status=delivered", 4),
        ("status=reported", 0),  # only the deleted deal had it
        ("recipient=IN&sort=-value", 3),
        ("", 16),  # no filter: every deal, counted once as some recipient's (15 curated, 2 built, 1 deleted)
    ],
)
def test_deal_count_read_from_the_counts_per_country_and_status_is_the_real_count(deals_rewritten, query, deals):
    assert stored_count(query) == (deals, deals)


@pytest.mark.parametrize(
    "query",
    [
        "supplier=RU&recipient=TR",  # a pair of countries is not counted
        "recipient=TR&disputed=false",
        "status=signed&system=s-400",
        "recipient=TR&year_from=2019",
    ],
)
def test_deal_count_is_left_to_a_count_of_the_rows_for_other_filters(query):
    assert stored_count(query) is None


@pytest.mark.parametrize(
    "query",
    ["", "kind=delivery", "kind=statement&kind=event&year_from=2019", "year_from=2017&year_to=2018", "country=IN",
     "year_to=2010"],
)
def test_timeline_count_read_from_its_count_tables_is_the_real_count(deals_rewritten, query):
    """The timeline's total (the API's `count` too) summed from the items counted per kind
    and span of years, or per country, without a COUNT over the timeline, after writes."""
    filterset = TimelineFilterSet(QueryDict(query), queryset=TimelineItem.objects.all())
    assert filterset.is_valid(), filterset.errors
    with CaptureQueriesContext(connection) as queries:
        counted = whole_count("timeline", filterset, None, filterset.qs)
    assert all("deals_timelineitem" not in query["sql"] for query in queries.captured_queries)
    assert counted == filterset.qs.count() > 0


@pytest.mark.parametrize("query", ["country=IN&kind=delivery", "country=IN&country=TR", "system=s-400"])
def test_timeline_count_is_left_to_a_count_of_the_rows_for_other_filters(query):
    filterset = TimelineFilterSet(QueryDict(query), queryset=TimelineItem.objects.all())
    assert filterset.is_valid(), filterset.errors
    assert whole_count("timeline", filterset, None, filterset.qs) is None


def test_every_deal_field_people_filter_by_has_a_filter():
    not_filterable = {
        "id": "internal key; a deal's public key is its slug",
        "slug": "its address (/deals/<slug>/), not something to filter by",
        "version": "the optimistic lock's counter",
        "updated_at": "bookkeeping; history/ answers what changed when",
        "reported_value_amount": "a sum the articles only report or expect, shown on the deal's page, not a register value",
        "reported_value_currency": "the reported sum's currency; shown with it",
        "reported_value_words": "the reported sum as the article words it",
        "reported_value_certainty": "whether the sum was reported or expected; shown with it",
    }
    filtered_as = {"subject": "q", "summary": "q"}
    assert fields_without_filter(DealFilterSet, not_filterable=not_filterable, filtered_as=filtered_as) == []


# Statements -------------------------------------------------------------------------------


@pytest.fixture
def two_statements():
    """A quote of 2018 about Egypt's deal and the Turkish S-400 deal; a denial of 2021 naming India."""
    egypt = build_deal(slug="egypt-s-400", recipient=country("EG"))
    about_egypt = build_statement(
        mode="quote", stance="asserts", text="The regiments sail in the spring of the zanzibarite year.", **within(2018)
    )
    about_egypt.deals.add(egypt)
    about_india = build_statement(mode="reported", stance="denies", **within(2021))
    about_india.countries.add(country("IN"))
    return refreshed(about_egypt, about_india), about_india  # the read model knows their links


def statements(query, records):
    return filtered(StatementFilterSet, query, only(Statement, *records, base=Statement.objects.for_table()))


def test_statement_speaker_keeps_what_that_person_said(two_statements):
    about_egypt, about_india = two_statements
    assert statements(f"speaker={about_india.speaker.slug}", two_statements) == [about_india]


def test_statement_country_keeps_statements_naming_it_or_about_its_deals(two_statements):
    about_egypt, about_india = two_statements
    assert statements("country=IN", two_statements) == [about_india]
    assert statements("country=EG", two_statements) == [about_egypt]  # Egypt is the deal's recipient


def test_statement_deal_keeps_statements_about_the_deal(two_statements):
    about_egypt, about_india = two_statements
    assert statements("deal=egypt-s-400", two_statements) == [about_egypt]


def test_statement_mode_keeps_quotes_or_reported_speech(two_statements):
    about_egypt, about_india = two_statements
    assert statements("mode=quote", two_statements) == [about_egypt]
    assert statements("mode=reported", two_statements) == [about_india]


def test_statement_stance_keeps_statements_with_that_stance(two_statements):
    about_egypt, about_india = two_statements
    assert statements("stance=denies", two_statements) == [about_india]


def test_statement_year_from_keeps_statements_from_that_year(two_statements):
    about_egypt, about_india = two_statements
    assert statements("year_from=2020", two_statements) == [about_india]


def test_statement_year_to_keeps_statements_up_to_that_year(two_statements):
    about_egypt, about_india = two_statements
    assert statements("year_to=2019", two_statements) == [about_egypt]


def test_statement_q_matches_words_of_the_text(two_statements):
    about_egypt, about_india = two_statements
    assert statements("q=zanzibarite", two_statements) == [about_egypt]


def test_statement_q_finds_british_and_american_spellings(two_statements):
    british = build_statement(text="The zanzibarite crews were organised for air defence.")
    records = [*two_statements, british]
    assert statements("q=organized for air defense", records) == [british]


def test_every_statement_field_people_filter_by_has_a_filter():
    not_filterable = {
        "id": "internal key",
        "version": "the optimistic lock's counter",
        "updated_at": "bookkeeping; history/ answers what changed when",
        "date_words": "the date as the article words it; year_from/year_to filter its bounds",
        "date_edtf": "the same date in EDTF; year_from/year_to filter its bounds",
        "date_basis": "how the date was derived (stated, resolved, inferred): a reader's check, not a filter",
        # The list filters by who spoke; `q` finds a body or outlet by name.
        "organisation": "the body the speaker spoke for; `q` matches its name",
        "medium": "the outlet it was said to; the statement's page and row show it",
    }
    filtered_as = {
        "date_earliest": "year_to",
        "date_latest": "year_from",
        "countries": "country",
        "speaker_role": "q",
        "setting": "q",
        "text": "q",
    }
    assert fields_without_filter(StatementFilterSet, not_filterable=not_filterable, filtered_as=filtered_as) == []


# The timeline -----------------------------------------------------------------------------


@pytest.fixture
def timeline():
    """Turkey's S-400 contract of 2017, India's S-300 delivery of 2020, an event of 2022 naming Egypt."""
    turkey = build_deal(slug="turkey-s-400", recipient=country("TR"), system=system("s-400"))
    india = build_deal(recipient=country("IN"), system=system("s-300"))
    contract = build_contract(deal=turkey, **within(2017))
    delivery = build_delivery(contract=build_contract(deal=india), **within(2020))
    event = Event.objects.create(kind="test_launch", title="A test launch", **within(2022))
    event.countries.add(country("EG"))
    refreshed(event)
    items = TimelineItem.objects.filter(pk__in=[f"contract-{contract.pk}", f"delivery-{delivery.pk}", f"event-{event.pk}"])
    return {item.kind: item for item in items}


def timeline_items(query, items):
    return filtered(TimelineFilterSet, query, only(TimelineItem, *items.values(), base=TimelineItem.objects.with_links()))


def test_timeline_country_keeps_items_concerning_the_country(timeline):
    assert timeline_items("country=IN", timeline) == [timeline["delivery"]]
    assert timeline_items("country=EG", timeline) == [timeline["event"]]


def test_timeline_system_keeps_items_of_the_systems_deals(timeline):
    assert timeline_items("system=s-300", timeline) == [timeline["delivery"]]


def test_timeline_deal_keeps_the_deals_items(timeline):
    assert timeline_items("deal=turkey-s-400", timeline) == [timeline["contract"]]


def test_timeline_kind_keeps_items_of_those_kinds(timeline):
    assert timeline_items("kind=event", timeline) == [timeline["event"]]
    assert timeline_items("kind=contract&kind=delivery", timeline) == [timeline["contract"], timeline["delivery"]]


def test_timeline_year_from_keeps_items_from_that_year(timeline):
    assert timeline_items("year_from=2019", timeline) == [timeline["delivery"], timeline["event"]]


def test_timeline_year_to_keeps_items_up_to_that_year(timeline):
    assert timeline_items("year_to=2020", timeline) == [timeline["contract"], timeline["delivery"]]


def test_every_timeline_field_people_filter_by_has_a_filter():
    # The item's country, system and deal filters go through its links (TimelineLink), a
    # reverse relation; the guard lists the item's own columns.
    not_filterable = {
        "id": "internal key (<kind>-<pk>)",
        "object_id": "the key of the contract, delivery, statement or event it shows",
        "detail": "a word whose meaning depends on the kind (planned/actual, quote/reported, event kind)",
        "title": "the item's words; the timeline has no text search",
        "date_words": "the date as the article words it; year_from/year_to filter its bounds",
        "date_edtf": "the same date in EDTF; year_from/year_to filter its bounds",
        "date_basis": "how the date was derived: a reader's check, not a filter",
    }
    filtered_as = {"date_earliest": "year_to", "date_latest": "year_from"}
    assert fields_without_filter(TimelineFilterSet, not_filterable=not_filterable, filtered_as=filtered_as) == []


# People -----------------------------------------------------------------------------------


@pytest.fixture
def two_people():
    return (
        Person.objects.create(slug="filter-test-ankara", name="A. Spokesperson", country=country("TR")),
        Person.objects.create(slug="filter-test-delhi", name="B. Minister", country=country("IN"),
                              description="Speaks for the zanzibarite ministry"),
    )


def people(query, records):
    return filtered(PersonFilterSet, query, only(Person, *records, base=Person.objects.for_table()))


def test_person_country_keeps_the_countrys_people(two_people):
    ankara, delhi = two_people
    assert people("country=TR", two_people) == [ankara]


def test_person_q_matches_the_name_or_the_description(two_people):
    ankara, delhi = two_people
    assert people("q=spokesperson", two_people) == [ankara]
    assert people("q=zanzibarite", two_people) == [delhi]


def test_every_person_field_people_filter_by_has_a_filter():
    not_filterable = {"id": "internal key", "slug": "its address (/people/<slug>/)"}
    filtered_as = {"name": "q", "description": "q"}
    assert fields_without_filter(PersonFilterSet, not_filterable=not_filterable, filtered_as=filtered_as) == []


# Weapon systems ---------------------------------------------------------------------------


@pytest.fixture
def two_systems():
    shield = WeaponSystem.objects.create(
        slug="filter-test-shield", name="Test Shield", category="air_defence", maker_country=country("IN")
    )
    WeaponSystemAlias.objects.create(system=shield, name="Zanzibarite Dome")
    jet = WeaponSystem.objects.create(slug="filter-test-jet", name="Test Jet", category="fighter", maker_country=country("FR"))
    return shield, jet


def systems(query, records):
    return filtered(WeaponSystemFilterSet, query, only(WeaponSystem, *records, base=WeaponSystem.objects.for_table()))


def test_system_category_keeps_systems_of_that_category(two_systems):
    shield, jet = two_systems
    assert systems("category=fighter", two_systems) == [jet]


def test_system_maker_country_keeps_systems_made_there(two_systems):
    shield, jet = two_systems
    assert systems("maker_country=IN", two_systems) == [shield]


def test_system_q_matches_the_name_or_an_alias(two_systems):
    shield, jet = two_systems
    assert systems("q=test jet", two_systems) == [jet]
    assert systems("q=zanzibarite", two_systems) == [shield]


def test_every_system_field_people_filter_by_has_a_filter():
    not_filterable = {
        "id": "internal key",
        "slug": "its address (/systems/<slug>/)",
        "maker": "the company; maker_country narrows by who makes it, and there are only a few systems",
        "variant_of": "the system it derives from; its page lists its variants",
        "description": "prose about the system",
    }
    filtered_as = {"name": "q"}
    assert fields_without_filter(WeaponSystemFilterSet, not_filterable=not_filterable, filtered_as=filtered_as) == []


# Sources ----------------------------------------------------------------------------------


@pytest.fixture
def two_sources():
    return (
        build_source(title="Zanzibarite regiments arrive", **within(2019)),
        build_source(title="Talks resume", **within(2022)),
    )


def sources(query, records):
    return filtered(SourceFilterSet, query, only(Source, *records, base=Source.objects.for_table()))


def test_source_year_from_keeps_articles_from_that_year(two_sources):
    earlier, later = two_sources
    assert sources("year_from=2020", two_sources) == [later]


def test_source_year_to_keeps_articles_up_to_that_year(two_sources):
    earlier, later = two_sources
    assert sources("year_to=2020", two_sources) == [earlier]


def test_source_q_matches_the_title_or_the_text(two_sources):
    earlier, later = two_sources
    assert sources("q=zanzibarite", two_sources) == [earlier]
    assert set(sources("q=mid-June 2019", two_sources)) == {earlier, later}  # both carry the builders' text


def test_every_source_field_people_filter_by_has_a_filter():
    not_filterable = {
        "id": "internal key",
        "slug": "its address (/sources/<slug>/)",
        "version": "the optimistic lock's counter",
        "updated_at": "bookkeeping; history/ answers what changed when",
        "date_words": "the date as the article words it; year_from/year_to filter its bounds",
        "date_edtf": "the same date in EDTF; year_from/year_to filter its bounds",
        "date_basis": "how the date was derived: a reader's check, not a filter",
        "title_supplied": "whether an editor wrote the title: bookkeeping",
        "url": "the article's address, not something to filter by",
        "language": "every source is in English so far",
        "notes": "how the date and outlet were established: prose",
        "agencies": "news agencies the article credits; its page shows them",
    }
    filtered_as = {"date_earliest": "year_to", "date_latest": "year_from", "title": "q", "text": "q"}
    assert fields_without_filter(SourceFilterSet, not_filterable=not_filterable, filtered_as=filtered_as) == []


# Citations --------------------------------------------------------------------------------


@pytest.fixture
def two_citations():
    source = build_source(slug="filter-test-source")
    return (
        build_citation(source=source, excerpt="five S-400 regiments"),
        build_citation(excerpt="in mid-June 2019"),
    )


def citations(query, records):
    return filtered(CitationFilterSet, query, only(Citation, *records, base=Citation.objects.with_facts()))


def test_citation_source_keeps_the_articles_citations(two_citations):
    regiments, june = two_citations
    assert citations("source=filter-test-source", two_citations) == [regiments]


def test_citation_q_matches_words_of_the_excerpt(two_citations):
    regiments, june = two_citations
    assert citations("q=mid-june", two_citations) == [june]


def test_citation_q_finds_british_and_american_spellings(two_citations):
    british = build_citation(excerpt="the air defence programme")
    records = [*two_citations, british]
    assert citations("q=defense program", records) == [british]


def test_every_citation_field_people_filter_by_has_a_filter():
    not_filterable = {
        "id": "internal key",
        "version": "the optimistic lock's counter",
        "updated_at": "bookkeeping; history/ answers what changed when",
        # The fact a citation supports: each fact's page lists its citations.
        "deal": "the cited fact; the deal's page lists its citations",
        "contract": "the cited fact; its deal's page lists its citations",
        "delivery": "the cited fact; its deal's page lists its citations",
        "statement": "the cited fact; the statement's page lists its citations",
        "event": "the cited fact; the timeline shows it with its citations",
        "specification": "the cited fact; the system's page lists its citations",
    }
    filtered_as = {"excerpt": "q"}
    assert fields_without_filter(CitationFilterSet, not_filterable=not_filterable, filtered_as=filtered_as) == []
