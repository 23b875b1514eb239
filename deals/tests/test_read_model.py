"""The read model (the timeline table, the deal summaries, the counts) follows every write
path: the services, the admin's saves and deletes, accepting an ingestion draft, and a delete
that cascades; after each, the tables hold exactly what a full rebuild from the facts gives."""
import csv
import datetime
import io
import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from countries.models import Country
from deals import services
from deals.models import (
    ChartFact,
    ChartYearCount,
    Citation,
    CountryDealCount,
    Deal,
    DealMilestone,
    DealStatusPeriod,
    DealSummary,
    EventDeal,
    RecordCount,
    Statement,
    StatementCountry,
    StatementCountryCount,
    StatementDeal,
    SystemDealCount,
    TimelineCountryCount,
    TimelineDealCount,
    TimelineItem,
    TimelineLink,
    TimelineSpanCount,
    TimelineSystemCount,
    WeaponSystem,
)
from deals.read_model import read_model_rebuild
from deals.timeline import attach_milestones, item_date
from tests.html_forms import form_values

from . import builders

pytestmark = pytest.mark.django_db

EXCERPT = "five S-400 regiments"


@pytest.fixture(autouse=True)
def fresh_content_types():
    # A delete records the many-to-many rows it takes with it, whose content types are
    # created on first use, inside the test's transaction: a later test must not find the
    # rolled-back ones in Django's cache.
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def editor():
    return User.objects.create_user("erin")


def read_model():
    """Every row of the derived tables (the counts included), comparable."""
    return (
        sorted(TimelineItem.objects.values_list(
            "id", "kind", "object_id", "detail", "title", "date_words", "date_edtf", "date_earliest", "date_latest",
            "date_basis",
        )),
        sorted(TimelineLink.objects.values_list("item_id", "deal_id", "country_id", "system_id"), key=str),
        sorted(DealSummary.objects.values_list(*(field.attname for field in DealSummary._meta.concrete_fields))),
        sorted(CountryDealCount.objects.values_list("country_id", "role", "status", "s400", "deals")),
        sorted(TimelineSpanCount.objects.values_list("kind", "first_year", "last_year", "items")),
        sorted(TimelineCountryCount.objects.values_list("country_id", "items")),
        sorted(TimelineDealCount.objects.values_list("deal_id", "items")),
        sorted(TimelineSystemCount.objects.values_list("system_id", "items")),
        sorted(StatementCountryCount.objects.values_list("country_id", "statements")),
        sorted(StatementCountry.objects.values_list("statement_id", "country_id", "date_earliest", "date_latest"),
               key=str),
        sorted(StatementDeal.objects.values_list("statement_id", "deal_id", "date_earliest", "date_latest"), key=str),
        sorted(EventDeal.objects.values_list("event_id", "deal_id", "date_earliest", "date_latest"), key=str),
        sorted(RecordCount.objects.values_list("label", "records")),
        sorted(SystemDealCount.objects.values_list("system_id", "deals")),
        sorted(ChartFact.objects.values_list("item_id", "series", "country_id", "system_id", "first_year", "last_year")),
        sorted(ChartYearCount.objects.values_list("country_id", "system_id", "series", "first_year", "last_year", "facts")),
        *status_history(),
    )


def status_history():
    """The milestones (without their ids, which a rebuild renumbers) and the status periods
    (each with its milestone by what it is), comparable."""
    milestone = ("deal_id", "status", "kind", "rank", "fact_kind", "fact_id", "citation_id", "date_words",
                 "date_edtf", "date_earliest", "date_latest", "date_basis")
    milestones = {row[0]: row[1:] for row in DealMilestone.objects.values_list("id", *milestone)}
    periods = [
        (deal, status, since, until, milestones.get(milestone_id))
        for deal, status, since, until, milestone_id in
        DealStatusPeriod.objects.values_list("deal_id", "status", "since", "until", "milestone_id")
    ]
    return sorted(milestones.values(), key=str), sorted(periods, key=str)


def assert_as_rebuilt():
    """The tables the write path kept are the ones a rebuild from the facts gives."""
    kept = read_model()
    read_model_rebuild()
    assert read_model() == kept


def summary(deal):
    return DealSummary.objects.get(deal=deal)


def links(item_id, column):
    return set(TimelineLink.objects.filter(item_id=item_id, **{f"{column}__isnull": False}).values_list(column, flat=True))


def new_deal(editor, source, recipient="EG"):
    return services.deal_create(
        supplier=Country.objects.get(code="RU"), recipient=Country.objects.get(code=recipient), system=None,
        subject="air defence", status="signed", summary="Talks.", citations=[(source, EXCERPT)],
        user=editor, via="test",
    )


def test_the_curated_data_is_loaded_with_its_read_model():
    assert DealSummary.objects.count() == Deal.objects.count()
    assert TimelineItem.objects.exists() and TimelineLink.objects.exists()
    assert_as_rebuilt()


def table_row(deal):
    """What a deal's row in the tables shows of its first contract and its first and last
    milestones, as read from its stored summary."""
    (row,) = attach_milestones(list(Deal.objects.for_table().filter(pk=deal.pk)))
    contract = row.first_contract
    terms = contract and (
        contract.pk, contract.quantity, contract.quantity_unit, contract.quantity_words, contract.value_amount,
        contract.value_currency, contract.value_words, contract.approximate_date,
    )
    return terms, row.first_milestone_date, row.last_milestone_date


def facts_row(deal):
    """The same, from the facts: the deal's first contract and its milestones' timeline items."""
    contract = deal.contracts.order_by("date_earliest", "pk").first()
    terms = contract and (
        contract.pk, contract.quantity, contract.quantity_unit, contract.quantity_words, contract.value_amount,
        contract.value_currency, contract.value_words, contract.approximate_date,
    )
    items = TimelineItem.objects.filter(links__deal=deal).order_by("date_earliest", "date_latest", "id")
    first = items.first()
    last = items.order_by("-date_latest", "-date_earliest", "id").first()
    return terms, first and item_date(first), last and item_date(last)


def test_a_deals_row_shows_its_first_contract_and_milestones_as_the_facts_give_them():
    deals = list(Deal.objects.all())
    assert any(facts_row(deal)[0] is None for deal in deals) and any(facts_row(deal)[0] for deal in deals)
    assert all(table_row(deal) == facts_row(deal) for deal in deals)


def test_services_keep_the_deals_summary_and_timeline_current(editor):
    source = builders.build_source()
    deal = new_deal(editor, source)
    assert (summary(deal).first_date, summary(deal).contract_value) == (None, None)

    contract = services.contract_create(
        deal=deal, description="Terms", date=services.resolve_date(edtf="2031-03"), value_amount=7,
        value_currency="USD", quantity=2, quantity_unit="regiments", citations=[(source, EXCERPT)],
        user=editor, via="test",
    )
    row = summary(deal)
    assert (row.first_date, row.last_date) == (datetime.date(2031, 3, 1), datetime.date(2031, 3, 31))
    assert (row.contract_value, row.contract_quantity, row.signed_edtf) == (7, 2, "2031-03")
    assert row.first_milestone_id == row.last_milestone_id == f"contract-{contract.pk}"
    assert links(f"contract-{contract.pk}", "country_id") == {"RU", "EG"}

    services.contract_update(contract=contract, loaded_version=contract.version, user=editor, via="test",
                             date_words="", date_edtf="2032")
    assert (summary(deal).first_date, summary(deal).last_date) == (datetime.date(2032, 1, 1), datetime.date(2032, 12, 31))
    assert TimelineItem.objects.get(pk=f"contract-{contract.pk}").date_edtf == "2032"
    assert table_row(deal) == facts_row(deal) and table_row(deal)[1].words == "2032"
    assert_as_rebuilt()


def test_a_deal_moved_to_another_recipient_moves_its_statements_on_the_timeline(editor, client):
    source = builders.build_source()
    deal = new_deal(editor, source)
    statement = services.statement_create(
        text="Talks go on.", mode="reported", stance="comments", speaker=builders.build_statement().speaker, date=services.resolve_date(edtf="2033-05"), deals=[deal],
        citations=[(source, EXCERPT)], user=editor, via="test",
    )
    item = f"statement-{statement.pk}"
    assert links(item, "country_id") == {"RU", "EG"} and links(item, "deal_id") == {deal.pk}
    assert summary(deal).last_date == datetime.date(2033, 5, 31)

    services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test",
                         recipient=Country.objects.get(code="IN"))
    assert links(item, "country_id") == {"RU", "IN"}
    shown = client.get(reverse("deals:timeline"), {"country": "IN", "year_from": 2033}).context["items"]
    assert [entry.pk for entry in shown] == [item]

    services.statement_update(statement=statement, loaded_version=statement.version, user=editor, via="test", deals=[])
    assert links(item, "deal_id") == set() and summary(deal).last_date is None
    assert_as_rebuilt()


def statement_countries(statement):
    return set(StatementCountry.objects.filter(statement=statement).values_list("country_id", flat=True))


def listed_for(client, code):
    response = client.get(reverse("deals:statement_list"), {"country": code})
    return [row.pk for row in response.context["page_obj"]], response.context["paginator"].count


def test_a_statements_countries_follow_its_deals_its_words_and_its_date(editor, client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the pages as built after each change
    source = builders.build_source()
    deal = new_deal(editor, source)
    statement = services.statement_create(
        text="Talks go on.", mode="reported", stance="comments", speaker=builders.build_statement().speaker,
        date=services.resolve_date(edtf="1951-05"), deals=[deal], citations=[(source, EXCERPT)], user=editor,
        via="test",
    )
    assert statement_countries(statement) == {"RU", "EG"}
    shown, count = listed_for(client, "EG")
    assert shown[0] == statement.pk and statement.pk in shown and count == statement_countries_count("EG")

    services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test",
                         recipient=Country.objects.get(code="IN"))
    assert statement_countries(statement) == {"RU", "IN"}
    assert listed_for(client, "IN")[0][0] == statement.pk

    statement.refresh_from_db()
    services.statement_update(statement=statement, loaded_version=statement.version, user=editor, via="test",
                              deals=[], countries=[Country.objects.get(code="EG")], date_words="", date_edtf="")
    assert statement_countries(statement) == {"EG"}
    assert StatementCountry.objects.get(statement=statement).date_earliest is None
    shown, count = listed_for(client, "EG")
    assert statement.pk in shown and count == statement_countries_count("EG")
    assert_as_rebuilt()

    services.record_delete(record=statement, user=editor, via="test")
    assert not StatementCountry.objects.filter(statement_id=statement.pk).exists()
    assert_as_rebuilt()


def statement_countries_count(code):
    """How many statements concern the country, counted from the facts themselves."""
    return Statement.objects.concerning([code]).count()


def deal_counts(code):
    return dict(((role, status), n) for role, status, n in CountryDealCount.objects.filter(country_id=code)
                .values_list("role", "status", "deals"))


def test_the_country_and_timeline_counts_follow_a_deal_through_status_move_and_delete(editor):
    source = builders.build_source()
    suppliers_before = deal_counts("RU")
    deal = new_deal(editor, source)
    assert deal_counts("EG") == {("recipient", "signed"): 1}
    services.statement_create(
        text="Talks go on.", mode="reported", stance="comments", speaker=builders.build_statement().speaker,
        date=services.resolve_date(edtf="2033-05"), deals=[deal], citations=[(source, EXCERPT)], user=editor, via="test",
    )
    assert TimelineCountryCount.objects.get(country_id="EG").items == 1
    assert TimelineSpanCount.objects.year_counts()[-1] == (2033, 1)

    deal = services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", status="delivering")
    assert deal_counts("EG") == {("recipient", "delivering"): 1}
    deal = services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test",
                                recipient=Country.objects.get(code="KZ"))
    assert deal_counts("EG") == {} and deal_counts("KZ") == {("recipient", "delivering"): 1}
    assert not TimelineCountryCount.objects.filter(country_id="EG").exists()
    assert TimelineCountryCount.objects.get(country_id="KZ").items == 1
    assert_as_rebuilt()

    services.record_delete(record=deal, user=editor, via="test")
    assert deal_counts("KZ") == {} and deal_counts("RU") == suppliers_before
    assert_as_rebuilt()


def system_deals(slug):
    return SystemDealCount.objects.filter(system__slug=slug).values_list("deals", flat=True).first() or 0


def test_the_system_counts_follow_a_deal_through_create_move_and_delete(editor):
    s400, s300 = WeaponSystem.objects.get(slug="s-400"), WeaponSystem.objects.get(slug="s-300")
    before = {slug: system_deals(slug) for slug in ("s-400", "s-300")}
    assert before == {slug: Deal.objects.filter(system__slug=slug).count() for slug in before}
    deal = new_deal(editor, builders.build_source())  # without a system: counted for none
    assert {slug: system_deals(slug) for slug in before} == before
    deal = services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", system=s400)
    assert system_deals("s-400") == before["s-400"] + 1
    deal = services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", system=s300)
    assert (system_deals("s-400"), system_deals("s-300")) == (before["s-400"], before["s-300"] + 1)
    assert DealSummary.objects.get(deal=deal).system_id == s300.pk
    assert_as_rebuilt()
    services.record_delete(record=deal, user=editor, via="test")
    assert {slug: system_deals(slug) for slug in before} == before
    assert_as_rebuilt()


def test_an_admin_delete_of_a_deal_takes_its_summary_and_timeline_rows_with_it(admin_client):
    # A curated deal with dated contracts and statements.
    deal = Deal.objects.get(pk=TimelineLink.objects.filter(item__kind="statement", deal__contracts__date_earliest__isnull=False)
                            .values_list("deal_id", flat=True).order_by("deal_id")[:1])
    items = set(TimelineLink.objects.filter(deal=deal).values_list("item_id", flat=True))
    statements = {item for item in items if item.startswith("statement-")}
    events = {item for item in items if item.startswith("event-")}
    assert any(item.startswith("contract-") for item in items) and statements
    response = admin_client.post(reverse("admin:deals_deal_delete", args=[deal.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not DealSummary.objects.filter(deal_id=deal.pk).exists()
    assert not TimelineLink.objects.filter(deal_id=deal.pk).exists()
    # Its contracts and deliveries are gone from the timeline; its statements and events stay,
    # no longer concerning the deal.
    assert set(TimelineItem.objects.filter(pk__in=items).values_list("pk", flat=True)) == statements | events
    assert_as_rebuilt()


def test_an_admin_bulk_delete_of_statements_takes_them_off_the_timeline(admin_client):
    statements = list(Statement.objects.filter(date_earliest__isnull=False).order_by("pk")[:2])
    data = {"action": "delete_selected", "_selected_action": [str(s.pk) for s in statements], "post": "yes"}
    assert admin_client.post(reverse("admin:deals_statement_changelist"), data).status_code == 302
    assert not TimelineItem.objects.filter(pk__in=[f"statement-{s.pk}" for s in statements]).exists()
    assert_as_rebuilt()


def test_record_delete_of_a_contract_gives_the_deal_its_next_first_contract(editor):
    source = builders.build_source()
    deal = new_deal(editor, source)
    first, second = (
        services.contract_create(
            deal=deal, description=f"Terms {year}", date=services.resolve_date(edtf=str(year)), value_amount=year,
            value_currency="USD", citations=[(source, EXCERPT)], user=editor, via="test",
        )
        for year in (2030, 2031)
    )
    assert summary(deal).contract_value == 2030
    services.record_delete(record=first, user=editor, via="test")
    row = summary(deal)
    assert (row.contract_value, row.first_date, row.first_milestone_id) == (2031, datetime.date(2031, 1, 1),
                                                                           f"contract-{second.pk}")
    assert_as_rebuilt()


def test_the_command_rebuilds_every_table_from_the_facts():
    kept = read_model()
    DealSummary.objects.all().delete()
    TimelineItem.objects.all().delete()
    out = StringIO()
    call_command("refresh_read_model", stdout=out)
    assert read_model() == kept
    assert f"{Deal.objects.count()} deals.DealSummary" in out.getvalue()


def deal_page(client, deal):
    """The statements and events on the deal's first page, in their order, with the totals it shows."""
    context = client.get(deal.get_absolute_url()).context
    statements, events = context["statements"], context["events"]
    return [s.pk for s in statements.rows], statements.total, [e.pk for e in events.rows], events.total


def test_a_deals_statements_and_events_follow_their_deals_and_dates(editor, client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the pages as built after each change
    source = builders.build_source()
    deal, other = new_deal(editor, source), new_deal(editor, source, recipient="IN")
    speaker = builders.build_statement().speaker

    def statement(edtf):
        return services.statement_create(
            text="Talks go on.", mode="reported", stance="comments", speaker=speaker,
            date=services.resolve_date(edtf=edtf), deals=[deal], citations=[(source, EXCERPT)], user=editor,
            via="test",
        )

    early, late = statement("1951-05"), statement("1960")
    event = services.event_create(kind="report", title="Talks reported", date=services.resolve_date(edtf="1955"),
                                  deals=[deal], citations=[(source, EXCERPT)], user=editor, via="test")
    assert deal_page(client, deal) == ([early.pk, late.pk], 2, [event.pk], 1)
    assert_as_rebuilt()

    # A later date moves the statement after the other; undated, the event goes last.
    services.statement_update(statement=early, loaded_version=early.version, user=editor, via="test",
                              date_edtf="1970-02", date_words="")
    assert StatementDeal.objects.get(statement=early).date_earliest == datetime.date(1970, 2, 1)
    assert deal_page(client, deal)[:2] == ([late.pk, early.pk], 2)
    later = services.event_create(kind="report", title="More talks", date=services.resolve_date(edtf="1990"),
                                  deals=[deal], citations=[(source, EXCERPT)], user=editor, via="test")
    services.event_update(event=event, loaded_version=event.version, user=editor, via="test",
                          date_edtf="", date_words="")
    assert deal_page(client, deal)[2:] == ([later.pk, event.pk], 2)
    assert_as_rebuilt()

    # Taken off the deal and put on another, a statement leaves one page for the other.
    early.refresh_from_db()
    services.statement_update(statement=early, loaded_version=early.version, user=editor, via="test", deals=[other])
    assert deal_page(client, deal)[:2] == ([late.pk], 1)
    assert deal_page(client, other)[:2] == ([early.pk], 1)
    assert set(StatementDeal.objects.filter(statement=early).values_list("deal_id", flat=True)) == {other.pk}
    assert_as_rebuilt()

    # Deleted, a statement or an event leaves no row behind.
    services.record_delete(record=late, user=editor, via="test")
    services.record_delete(record=later, user=editor, via="test")
    assert deal_page(client, deal) == ([], 0, [event.pk], 1)
    assert not StatementDeal.objects.filter(statement_id=late.pk).exists()
    assert not EventDeal.objects.filter(event_id=later.pk).exists()
    assert_as_rebuilt()

    # A deleted deal takes its statements' rows with it.
    services.record_delete(record=other, user=editor, via="test")
    assert not StatementDeal.objects.filter(deal_id=other.pk).exists()
    assert_as_rebuilt()


# --- The citations and statements in all ---------------------------------------------------

# Django's COUNT of a whole table (a filtered one goes on with WHERE).
WHOLE_TABLE_COUNT = re.compile(r'COUNT\(\*\) AS "__count" FROM "deals_(citation|statement)"\s*$')


def totals_shown(client):
    """The citations and statements in all as a reader is told them: the API's citation and
    statement counts and the statement list's "N in all", with the queries that answered;
    each asked after the last save (no total kept from before it is read)."""
    with CaptureQueriesContext(connection) as queries:
        citations = client.get("/api/citations/").json()["count"]
        statements = client.get("/api/statements/").json()["count"]
        page = client.get("/statements/").content.decode()
    listed = int(re.search(r"(\d+) in all", page)[1])
    counted_whole = [q["sql"] for q in queries.captured_queries if WHOLE_TABLE_COUNT.search(q["sql"])]
    return citations, statements, listed, counted_whole


def test_the_citation_and_statement_totals_follow_every_save_and_delete_without_counting_the_tables(
    editor, admin_client, client
):
    citations, statements = Citation.objects.count(), Statement.objects.count()

    def told(more_citations, more_statements):
        """What a reader is to be told, that many more than at the start (and no table counted)."""
        assert Citation.objects.count() == citations + more_citations  # (the test's own arithmetic)
        return citations + more_citations, statements + more_statements, statements + more_statements, []

    assert totals_shown(client) == told(0, 0)
    source = builders.build_source()
    speaker = builders.build_statement().speaker  # one statement, as the services count it
    deal = new_deal(editor, source)  # with its citation
    statement = services.statement_create(
        text="Talks go on.", mode="reported", stance="comments", speaker=speaker, deals=[deal],
        citations=[(source, EXCERPT), (source, "S-400")], user=editor, via="test",
    )
    assert totals_shown(client) == told(3, 2)
    cited = services.fact_cite(fact=deal, source=source, excerpt="Freedonia", user=editor, via="test")
    assert totals_shown(client) == told(4, 2)
    # An edit adds nothing.
    services.citation_update(citation=cited, loaded_version=cited.version, user=editor, via="test", excerpt="regiments")
    services.statement_update(statement=statement, loaded_version=statement.version, user=editor, via="test",
                              text="Talks went on.")
    assert totals_shown(client) == told(4, 2)
    # A delete takes off what it cascades to: the deal's two citations; the statement's two.
    services.record_delete(record=deal, user=editor, via="test")
    assert totals_shown(client) == told(2, 2)
    services.record_delete(record=statement, user=editor, via="test")
    assert totals_shown(client) == told(0, 1)
    assert_as_rebuilt()

    # The admin: a statement added with a citation on its form; one of a statement's two
    # citations deleted; statements deleted in bulk with their citations.
    added = {
        "speaker": str(speaker.pk), "text": "The second batch is on its way.", "mode": "reported",
        "stance": "comments", "date_words": "", "date_edtf": "", "date_basis": "",
        "citations-TOTAL_FORMS": "1", "citations-INITIAL_FORMS": "0",
        "citations-0-source": str(source.pk), "citations-0-excerpt": EXCERPT,
    }
    assert admin_client.post(reverse("admin:deals_statement_add"), added).status_code == 302
    assert totals_shown(client) == told(1, 2)
    two = Statement.objects.annotate(n=Count("citations")).filter(n__gte=2).order_by("pk").first()
    response = admin_client.post(reverse("admin:deals_citation_delete", args=[two.citations.first().pk]), {"post": "yes"})
    assert response.status_code == 302
    assert totals_shown(client) == told(0, 2)
    chosen = list(Statement.objects.order_by("pk")[:2])
    taken = Citation.objects.filter(statement__in=chosen).count()
    assert taken
    data = {"action": "delete_selected", "_selected_action": [str(s.pk) for s in chosen], "post": "yes"}
    assert admin_client.post(reverse("admin:deals_statement_changelist"), data).status_code == 302
    assert totals_shown(client) == told(-taken, 0)
    assert_as_rebuilt()


def test_the_whole_table_count_the_totals_replace_is_what_the_pin_looks_for():
    """The pin above would see a COUNT over either table (the query Django writes for one)."""
    with CaptureQueriesContext(connection) as queries:
        assert Citation.objects.count() and Statement.objects.filter(pk__gt=0).count() and Statement.objects.count()
    assert [bool(WHOLE_TABLE_COUNT.search(q["sql"])) for q in queries.captured_queries] == [True, False, True]


# --- The register values: what was delivered, when, and the latest evidence -----------------


def delivered(deal):
    """A deal's stored delivered quantity and unit, actual deliveries, those without a
    quantity, and first and last delivery years."""
    row = summary(deal)
    return (row.delivered_quantity, row.delivered_quantity_unit, row.actual_deliveries,
            row.deliveries_without_quantity, row.first_delivery_year, row.last_delivery_year)


def evidence(deal):
    row = summary(deal)
    return row.latest_evidence_earliest, row.latest_evidence_latest


REGISTER = ("delivered_quantity", "delivered_unit", "actual_deliveries", "deliveries_without_quantity",
            "first_delivery_year", "last_delivery_year", "latest_evidence_earliest", "latest_evidence_latest")


def test_the_curated_deals_register_values_are_what_their_facts_say(client):
    day = datetime.date
    # Turkey's S-400: two actual deliveries (from mid-June 2019; all supplied by 23 October
    # 2019), neither giving a number; the planned one does not count. Its latest source is
    # the FSMTC interview of 14 November 2021.
    turkey = Deal.objects.get(slug="ru-tr-s-400")
    assert delivered(turkey) == (None, "", 2, 2, 2019, 2019)
    assert evidence(turkey) == (day(2021, 11, 14), day(2021, 11, 14))
    # China's and India's S-400: no delivery in the sources (India's October–December 2021
    # one is planned); their latest source was published in June 2021, the day not known.
    for slug in ("ru-cn-s-400", "ru-in-s-400"):
        deal = Deal.objects.get(slug=slug)
        assert delivered(deal) == (None, "", 0, 0, None, None)
        assert evidence(deal) == (day(2021, 6, 1), day(2021, 6, 30))
    # Iran's S-300: delivered between 2007 and August 2016.
    assert delivered(Deal.objects.get(slug="ru-ir-s-300")) == (None, "", 1, 1, 2007, 2016)
    # Belarus's military products: two actual deliveries, both undated: no delivery years.
    assert delivered(Deal.objects.get(slug="ru-by-military-products")) == (None, "", 2, 2, None, None)

    # The API's record, a row of its list and the CSV say the same, under the same names.
    told = {"delivered_quantity": None, "delivered_unit": "", "actual_deliveries": 2,
            "deliveries_without_quantity": 2, "first_delivery_year": 2019, "last_delivery_year": 2019,
            "latest_evidence_earliest": "2021-11-14", "latest_evidence_latest": "2021-11-14"}
    record = client.get("/api/deals/ru-tr-s-400/").json()
    assert {name: record[name] for name in REGISTER} == told
    [row] = [row for row in client.get("/api/deals/", {"recipient": "TR"}).json()["results"] if row["slug"] == turkey.slug]
    assert {name: row[name] for name in REGISTER} == told
    text = b"".join(client.get("/export/deals.csv").streaming_content).decode().removeprefix("\ufeff")
    [line] = [line for line in csv.DictReader(io.StringIO(text)) if line["slug"] == turkey.slug]
    assert {name: line[name] for name in REGISTER} == {
        name: "" if value is None else str(value) for name, value in told.items()
    }
    india = next(csv.DictReader(io.StringIO(text.split("\n", 1)[0] + "\n" + next(
        entry for entry in text.splitlines() if entry.startswith("ru-in-s-400,")
    ))))
    assert [india[name] for name in REGISTER] == ["", "", "0", "0", "", "", "2021-06-01", "2021-06-30"]


def test_a_deals_delivered_quantity_and_years_follow_its_deliveries(editor, admin_client):
    source = builders.build_source()
    deal = new_deal(editor, source)
    assert delivered(deal) == (None, "", 0, 0, None, None)

    def deliver(edtf="", quantity=None, unit="", kind="actual"):
        return services.delivery_create(
            deal=deal, kind=kind, description="A batch", date=services.resolve_date(edtf=edtf), quantity=quantity,
            quantity_unit=unit, citations=[(source, EXCERPT)], user=editor, via="test",
        )

    first = deliver("2031-03", 2, "regiments")
    assert delivered(deal) == (2, "regiments", 1, 0, 2031, 2031)
    deliver("2032/2033", 1, "regiments")
    assert delivered(deal) == (3, "regiments", 2, 0, 2031, 2033)
    deliver("2040", 5, "regiments", kind="planned")  # planned: not delivered
    assert delivered(deal) == (3, "regiments", 2, 0, 2031, 2033)
    deliver()  # undated, no number: the sum becomes a lower bound, the years stay
    assert delivered(deal) == (3, "regiments", 3, 1, 2031, 2033)
    other = deliver("2030-12", 4, "divisions")  # another unit: no sum is stated
    assert delivered(deal) == (None, "", 4, 1, 2030, 2033)
    assert_as_rebuilt()

    services.delivery_update(delivery=other, loaded_version=other.version, user=editor, via="test",
                             quantity_unit="regiments")
    assert delivered(deal) == (7, "regiments", 4, 1, 2030, 2033)
    services.record_delete(record=first, user=editor, via="test")
    assert delivered(deal) == (5, "regiments", 3, 1, 2030, 2033)
    assert_as_rebuilt()

    # The admin: a delivery added on its form, then deleted.
    data = {
        "deal": str(deal.pk), "contract": "", "kind": "actual", "description": "Third batch", "date_words": "2036",
        "date_edtf": "", "date_basis": "", "quantity": "2", "quantity_unit": "regiments", "quantity_words": "two",
        "citations-TOTAL_FORMS": "1", "citations-INITIAL_FORMS": "0", "citations-0-source": str(source.pk),
        "citations-0-excerpt": EXCERPT,
    }
    assert admin_client.post(reverse("admin:deals_delivery_add"), data).status_code == 302
    assert delivered(deal) == (7, "regiments", 4, 1, 2030, 2036)
    added = deal.deliveries.get(description="Third batch")
    assert admin_client.post(reverse("admin:deals_delivery_delete", args=[added.pk]), {"post": "yes"}).status_code == 302
    assert delivered(deal) == (5, "regiments", 3, 1, 2030, 2033)
    assert_as_rebuilt()


def dated_source(edtf, earliest, latest):
    return builders.build_source(date_words="", date_edtf=edtf, date_earliest=earliest, date_latest=latest)


def test_a_deals_latest_evidence_follows_its_citations_and_their_sources_dates(editor, admin_client):
    day = datetime.date
    first = builders.build_source()  # 21 June 2019
    deal = new_deal(editor, first)
    assert evidence(deal) == (day(2019, 6, 21), day(2019, 6, 21))

    # An undated statement about the deal cites a source of May 2040: the deal's evidence
    # too, dated no more precisely than the source.
    later = dated_source("2040-05", "2040-05-01", "2040-05-31")
    statement = services.statement_create(
        text="Talks go on.", mode="reported", stance="comments", speaker=builders.build_statement().speaker,
        deals=[deal], citations=[(later, EXCERPT), (first, "Freedonia")], user=editor, via="test",
    )
    assert evidence(deal) == (day(2040, 5, 1), day(2040, 5, 31))
    # A source of 20 May 2040 cited by the deal: the latest was published from the 20th on.
    exact = dated_source("2040-05-20", "2040-05-20", "2040-05-20")
    cited = services.fact_cite(fact=deal, source=exact, excerpt="Freedonia", user=editor, via="test")
    assert evidence(deal) == (day(2040, 5, 20), day(2040, 5, 31))
    # The citation moved to the 2019 source, then deleted.
    cited = services.citation_update(citation=cited, loaded_version=cited.version, user=editor, via="test", source=first)
    assert evidence(deal) == (day(2040, 5, 1), day(2040, 5, 31))
    services.record_delete(record=cited, user=editor, via="test")
    assert evidence(deal) == (day(2040, 5, 1), day(2040, 5, 31))
    assert_as_rebuilt()

    # The admin: the May 2040 source re-dated to 2041 moves the deal's evidence with it; the
    # statement's citation of it deleted takes it back to 2019.
    url = reverse("admin:deals_source_change", args=[later.pk])
    data = {name: value for name, value in form_values(admin_client.get(url).content.decode(), "source_form").items()
            if value or name != "agencies"}  # (none chosen: a browser sends nothing)
    data |= {"date_words": "", "date_edtf": "2041", "_save": "Save"}
    response = admin_client.post(url, data)
    assert response.status_code == 302, re.findall(r'class="errorlist[^>]*>(.*?)</ul>', response.content.decode())
    assert evidence(deal) == (day(2041, 1, 1), day(2041, 12, 31))
    citation = statement.citations.get(source=later)
    response = admin_client.post(reverse("admin:deals_citation_delete", args=[citation.pk]), {"post": "yes"})
    assert response.status_code == 302, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))[-1500:]
    assert evidence(deal) == (day(2019, 6, 21), day(2019, 6, 21))
    assert_as_rebuilt()

    # A statement citing a later source taken off the deal takes its evidence away.
    services.citation_create(fact=statement, source=later, excerpt=EXCERPT, user=editor, via="test")
    assert evidence(deal) == (day(2041, 1, 1), day(2041, 12, 31))
    statement.refresh_from_db()
    services.statement_update(statement=statement, loaded_version=statement.version, user=editor, via="test", deals=[])
    assert evidence(deal) == (day(2019, 6, 21), day(2019, 6, 21))
    assert_as_rebuilt()
