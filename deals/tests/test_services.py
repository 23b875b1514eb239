"""The write services: each creates or changes its fact with its citations, validated, and
writes the change record itself; resolve_date is the one place a date is derived."""
import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from countries.models import Country
from deals import services
from deals.approximate_dates import DateBasis
from deals.models import Citation, Contract, Deal, Delivery, Event, Statement
from history.locking import EditConflict
from history.models import Change

from . import builders

pytestmark = pytest.mark.django_db

EXCERPT = "five S-400 regiments"


@pytest.fixture
def editor():
    return User.objects.create_user("carol")


def field(change, name):
    return next((item["old"], item["new"]) for item in change.fields if item["field"] == name)


# --- resolve_date ---------------------------------------------------------------------------


def test_resolve_date_resolves_relative_words_against_the_reference():
    parsed = services.resolve_date(words="last month", reference=datetime.date(2019, 6, 21))
    assert (parsed.words, parsed.edtf, parsed.basis) == ("last month", "2019-05", DateBasis.RESOLVED)
    assert (parsed.earliest, parsed.latest) == (datetime.date(2019, 5, 1), datetime.date(2019, 5, 31))


def test_resolve_date_keeps_a_given_edtf_form_and_basis_over_the_words():
    parsed = services.resolve_date(words="A year earlier", edtf="2018-02", basis="resolved")
    assert (parsed.words, parsed.edtf, parsed.basis) == ("A year earlier", "2018-02", DateBasis.RESOLVED)
    assert parsed.latest == datetime.date(2018, 2, 28)


def test_resolve_date_takes_the_basis_an_editor_chose_for_words():
    parsed = services.resolve_date(words="June 2019", basis="inferred")
    assert (parsed.edtf, parsed.basis) == ("2019-06", DateBasis.INFERRED)


def test_resolve_date_gives_none_for_no_date_and_names_the_field_to_correct():
    assert services.resolve_date(words="  ") is None
    with pytest.raises(ValidationError) as words:
        services.resolve_date(words="last month")
    assert list(words.value.message_dict) == ["date_words"]
    with pytest.raises(ValidationError) as edtf:
        services.resolve_date(words="June", edtf="2019-13")
    assert list(edtf.value.message_dict) == ["date_edtf"]


def test_the_model_derives_its_date_through_resolve_date():
    contract = builders.build_contract()
    builders.build_citation(contract=contract, deal=None)
    contract.date_words, contract.date_edtf, contract.date_basis = "last month", "", ""
    contract.full_clean()
    assert (contract.date_edtf, contract.date_basis) == ("2019-05", "resolved")


# --- creating --------------------------------------------------------------------------------


def test_deal_create_saves_the_deal_its_citation_and_both_change_records(editor):
    source = builders.build_source()
    deal = services.deal_create(
        supplier=Country.objects.get(code="RU"), recipient=Country.objects.get(code="EG"), system=None,
        subject="air defence", status="reported", summary="Talks.", citations=[(source, EXCERPT)],
        user=editor, via="test",
    )
    assert deal.slug == "ru-eg-air-defence"
    created = Change.objects.for_object(deal).get()
    assert (created.action, created.via, created.username, created.version) == ("created", "test", "carol", 1)
    assert field(created, "status") == ("", "reported")
    citation = Citation.objects.get(deal=deal)
    assert (citation.source, citation.excerpt) == (source, EXCERPT)
    assert Change.objects.for_object(citation).get().action == "created"


def test_a_create_that_breaks_a_rule_writes_nothing(editor):
    source = builders.build_source()
    before = (Deal.objects.count(), Change.objects.count())
    with pytest.raises(ValidationError) as error:
        services.deal_create(
            supplier=Country.objects.get(code="RU"), recipient=Country.objects.get(code="EG"), system=None,
            subject="arms", status="reported", summary="x", citations=[(source, "not in the text")],
            user=editor, via="test",
        )
    assert "does not occur in the source's text" in str(error.value)
    assert (Deal.objects.count(), Change.objects.count()) == before


def test_contract_and_delivery_create_record_their_values_and_dates(editor):
    deal, source = builders.build_deal(), builders.build_source()
    contract = services.contract_create(
        deal=deal, description="Five regiments", date=services.resolve_date(words="mid-June 2019"),
        quantity=5, quantity_unit="regiments", quantity_words="five regiments",
        citations=[(source, EXCERPT)], user=editor, via="test",
    )
    delivery = services.delivery_create(
        deal=deal, contract=contract, kind="actual", description="First", quantity=1, quantity_unit="regiments",
        citations=[(source, "Russia delivered")], user=editor, via="test",
    )
    assert (contract.date_edtf, contract.date_earliest) == ("2019-06-11/2019-06-20", datetime.date(2019, 6, 11))
    assert field(Change.objects.for_object(contract).get(), "quantity") == ("", "5")
    assert field(Change.objects.for_object(delivery).get(), "kind") == ("", "actual")
    assert Contract.objects.get(pk=contract.pk).citations.count() == Delivery.objects.get(pk=delivery.pk).citations.count() == 1


def test_statement_and_event_create_record_their_deals_and_countries(editor):
    deal, source = builders.build_deal(), builders.build_source()
    statement = services.statement_create(
        speaker=builders.build_statement().speaker, text="On schedule.", mode="reported", stance="asserts",
        deals=[deal], countries=[Country.objects.get(code="TR")], citations=[(source, "the minister said")],
        user=editor, via="test",
    )
    event = services.event_create(
        kind="report", title="Delivery reported", date=services.resolve_date(words="June 2019"),
        deals=[deal], citations=[(source, "on Friday")], user=editor, via="test",
    )
    assert field(Change.objects.for_object(statement).get(), "deals") == ("", str(deal))
    assert field(Change.objects.for_object(statement).get(), "countries") == ("", "Turkey")
    assert field(Change.objects.for_object(event).get(), "date_edtf") == ("", "2019-06")
    assert list(Statement.objects.get(pk=statement.pk).deals.all()) == list(Event.objects.get(pk=event.pk).deals.all()) == [deal]


# --- changing --------------------------------------------------------------------------------


def test_deal_update_records_old_and_new_values_and_moves_the_version(editor):
    deal = builders.build_deal()
    services.deal_update(deal=deal, loaded_version=1, user=editor, via="test", status="delivering")
    change = Change.objects.for_object(deal).get()
    assert (change.action, change.version, change.fields) == (
        "changed", 2, [{"field": "status", "label": "status", "old": "signed", "new": "delivering"}]
    )
    assert Deal.objects.get(pk=deal.pk).version == 2


def test_an_update_over_a_newer_version_is_refused_and_writes_nothing(editor):
    deal = builders.build_deal()
    Deal.objects.filter(pk=deal.pk).update(version=2)
    with pytest.raises(EditConflict, match="you loaded version 1; it is now version 2"):
        services.deal_update(deal=deal, loaded_version=1, user=editor, via="test", status="cancelled")
    assert Deal.objects.get(pk=deal.pk).status == "signed"
    assert not Change.objects.for_object(deal).exists()


def test_an_update_that_breaks_a_rule_is_refused(editor):
    contract = builders.build_contract()
    with pytest.raises(ValidationError, match="Not an ISO 4217 currency code"):
        services.contract_update(contract=contract, loaded_version=1, user=editor, via="test", value_currency="XXY")
    assert Contract.objects.get(pk=contract.pk).value_currency == "USD"


@pytest.mark.parametrize("kind", ["contract", "delivery", "statement", "event", "citation"])
def test_each_fact_update_records_its_change(editor, kind):
    record = {
        "contract": builders.build_contract,
        "delivery": builders.build_delivery,
        "statement": builders.build_statement,
        "event": lambda: Event.objects.create(kind="report", title="A report"),
        "citation": builders.build_citation,
    }[kind]()
    change_to = {"contract": ("description", "New terms"), "delivery": ("description", "Second"),
                 "statement": ("text", "Delayed."), "event": ("title", "A later report"),
                 "citation": ("excerpt", "mid-June 2019")}[kind]
    old = getattr(record, change_to[0])
    update = getattr(services, f"{kind}_update")
    update(**{kind: record}, loaded_version=record.version, user=editor, via="test", **dict([change_to]))
    change = Change.objects.for_object(record).get()
    assert (change.action, change.username) == ("changed", "carol")
    assert field(change, change_to[0]) == (old, change_to[1])


def test_statement_update_changes_many_to_many_fields(editor):
    statement, deal = builders.build_statement(), builders.build_deal()
    services.statement_update(statement=statement, loaded_version=1, user=editor, via="test", deals=[deal])
    assert field(Change.objects.for_object(statement).get(), "deals") == ("", str(deal))


def test_record_delete_keeps_the_old_values(editor):
    deal = builders.build_deal()
    pk = deal.pk
    services.record_delete(record=deal, user=editor, via="test")
    assert not Deal.objects.filter(pk=pk).exists()
    change = Change.objects.get(object_id=str(pk), action="deleted")
    assert field(change, "status") == ("signed", "")
