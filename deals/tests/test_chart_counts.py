"""The charts' stored counts (`ChartYearCount`, kept from their ledger `ChartFact` by the
write path): every chart they draw gives what a GROUP BY over the facts gives, on the curated
data and with generated data added, and every save and delete of a contract, a delivery, a
statement, a deal or their links moves them as it moves the facts."""
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q

from countries.models import Country
from deals import services
from deals.charts import (
    ACTIVITY_SERIES,
    STANCE_SERIES,
    ChartChoice,
    activity_by_year,
    by_year,
    scanned_activity,
    scanned_statements,
    statements_by_year,
)
from deals.models import ChartYearCount, Deal, DealScope, WeaponSystem

from . import builders
from .test_read_model import EXCERPT, assert_as_rebuilt, editor, fresh_content_types, new_deal  # noqa: F401

pytestmark = pytest.mark.django_db

ACTIVITY = [key for key, _ in ACTIVITY_SERIES]
STANCES = [key for key, _ in STANCE_SERIES]


def choices():
    """Every chart the pages and the CSV can ask for: every deal and each scope, each country
    taking part in a deal and each system with deals, in each scope, and each country's
    deals of each of its systems (the timeline with both chosen)."""
    codes = set(Deal.objects.values_list("supplier_id", flat=True)) | set(Deal.objects.values_list("recipient_id", flat=True))
    countries = list(Country.objects.filter(code__in=codes).order_by("code"))
    systems = list(WeaponSystem.objects.filter(deals__isnull=False).distinct().order_by("pk"))
    found = []
    for scope in DealScope.values:
        found.append(ChartChoice(scope=scope))
        found += [ChartChoice(country=country, scope=scope) for country in countries]
        found += [ChartChoice(system=system, scope=scope) for system in systems]
    pairs = Deal.objects.filter(system__isnull=False).values_list("supplier_id", "recipient_id", "system_id").distinct()
    by_code, by_pk = {country.code: country for country in countries}, {system.pk: system for system in systems}
    for supplier, recipient, system in pairs:
        for code in (supplier, recipient):
            found.append(ChartChoice(country=by_code[code], system=by_pk[system]))
    return found


def assert_charts_as_scanned():
    """Each chart's years, year-uncertain and undated counts, read from the stored counts,
    equal those of a GROUP BY over the facts; returns how many charts were compared."""
    compared = choices()
    for choice in compared:
        activity = activity_by_year(None, choice)
        assert (activity.years, activity.uncertain, activity.undated) == by_year(scanned_activity(choice), ACTIVITY), choice
        statements = statements_by_year(None, choice)
        # A country's statements, and every statement, are counted whatever the scope (`ChartChoice`).
        scanned = choice if choice.system else ChartChoice(country=choice.country)
        assert (statements.years, statements.uncertain, statements.undated) == by_year(
            scanned_statements(scanned), STANCES
        ), choice
    return len(compared)


def test_the_curated_charts_read_from_the_stored_counts_are_those_of_the_facts():
    assert ChartYearCount.objects.exists()
    assert assert_charts_as_scanned() > 20
    # Turkey's S-400 contract in December 2017, its deliveries in 2019, as the articles say.
    turkey = activity_by_year(None, ChartChoice(country=Country.objects.get(code="TR"), scope=DealScope.S_400))
    assert dict(turkey.years)[2017] == [1, 0] and dict(turkey.years)[2019] == [0, 2]


def test_with_generated_data_the_stored_counts_are_those_of_the_facts_and_of_a_rebuild():
    call_command("generate_sample_data", "--scale", "0.002", "--seed", "5", stdout=StringIO())
    assert Deal.objects.filter(slug__startswith="sample--").count() > 20
    assert assert_charts_as_scanned() > 100
    assert_as_rebuilt()


def every_deal():
    counts = activity_by_year(None, ChartChoice())
    return dict(counts.years), counts.uncertain, counts.undated


def egypt():
    counts = activity_by_year(None, ChartChoice(country=Country.objects.get(code="EG")))
    return dict(counts.years), counts.undated


def test_contracts_and_deliveries_move_the_counts_when_saved_moved_and_deleted(editor):  # noqa: F811
    source = builders.build_source()
    years, _, undated = every_deal()
    deal = new_deal(editor, source)
    contract = services.contract_create(
        deal=deal, description="Terms", date=services.resolve_date(edtf="2031-03"), citations=[(source, EXCERPT)],
        user=editor, via="test",
    )
    assert every_deal()[0][2031] == [1, 0] and egypt()[0] == {2031: [1, 0]}

    delivery = services.delivery_create(
        deal=deal, kind="actual", description="First battalion", date=services.resolve_date(edtf="2032"),
        citations=[(source, EXCERPT)], user=editor, via="test",
    )
    assert egypt()[0] == {2031: [1, 0], 2032: [0, 1]}
    # Planned, a delivery is an intention, not an event: it leaves the chart.
    delivery = services.delivery_update(delivery=delivery, loaded_version=delivery.version, user=editor, via="test",
                                        kind="planned")
    assert egypt()[0] == {2031: [1, 0]}
    # Undated, the contract is counted apart.
    contract = services.contract_update(contract=contract, loaded_version=contract.version, user=editor, via="test",
                                        date_words="", date_edtf="")
    assert egypt() == ({}, [1, 0]) and every_deal()[2] == [undated[0] + 1, undated[1]]
    assert_charts_as_scanned()
    assert_as_rebuilt()

    # A deal given another recipient and a system takes its facts to their charts.
    deal = services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test",
                                recipient=Country.objects.get(code="KZ"), system=WeaponSystem.objects.get(slug="s-400"))
    assert egypt() == ({}, [0, 0])
    kazakhstan = activity_by_year(None, ChartChoice(country=Country.objects.get(code="KZ"), scope=DealScope.S_400))
    assert kazakhstan.undated == [1, 0]
    assert_charts_as_scanned()

    services.record_delete(record=deal, user=editor, via="test")
    assert every_deal()[0].get(2031) is None and every_deal()[2] == undated
    assert every_deal()[0] == years
    assert_charts_as_scanned()
    assert_as_rebuilt()


def stances(choice):
    counts = statements_by_year(None, choice)
    return dict(counts.years), counts.undated


def test_statements_move_the_counts_with_their_stance_date_deals_and_countries(editor):  # noqa: F811
    source = builders.build_source()
    deal = new_deal(editor, source)
    speaker = builders.build_statement().speaker
    before = stances(ChartChoice())
    statement = services.statement_create(
        text="Talks go on.", mode="reported", stance="comments", speaker=speaker,
        date=services.resolve_date(edtf="2033-05"), deals=[deal], citations=[(source, EXCERPT)],
        user=editor, via="test",
    )
    egypt_choice = ChartChoice(country=Country.objects.get(code="EG"))
    comments = STANCES.index("comments")
    assert stances(egypt_choice)[0][2033][comments] == 1
    assert stances(ChartChoice())[0][2033][comments] == before[0].get(2033, [0, 0, 0])[comments] + 1

    statement = services.statement_update(statement=statement, loaded_version=statement.version, user=editor,
                                          via="test", stance="denies", countries=[Country.objects.get(code="AM")])
    denies = STANCES.index("denies")
    assert stances(egypt_choice)[0][2033][denies] == 1 and stances(egypt_choice)[0][2033][comments] == 0
    assert stances(ChartChoice(country=Country.objects.get(code="AM")))[0][2033][denies] == 1

    # The deal given a system: the statement is about that system's deals.
    s300 = WeaponSystem.objects.get(slug="s-300")
    deal = services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", system=s300)
    assert stances(ChartChoice(system=s300))[0][2033][denies] == 1
    assert stances(ChartChoice(system=s300, scope=DealScope.S_400)) == ({}, [0, 0, 0])
    assert_charts_as_scanned()
    assert_as_rebuilt()

    # Its deal deleted, it concerns Armenia alone; deleted, nothing.
    services.record_delete(record=deal, user=editor, via="test")
    assert stances(egypt_choice)[0].get(2033, [0, 0, 0])[denies] == 0
    assert stances(ChartChoice(system=s300))[0].get(2033, [0, 0, 0])[denies] == 0
    services.record_delete(record=statement, user=editor, via="test")
    assert not ChartYearCount.objects.filter(Q(country_id="AM") & Q(first_year=2033)).exists()
    assert stances(ChartChoice()) == before
    assert_charts_as_scanned()
    assert_as_rebuilt()
