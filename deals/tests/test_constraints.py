"""Every rule SQL can hold is a named constraint: each rejects a violating row in the database,
and the admin turns the same rule into a form error instead of a server error."""
import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse

from countries.models import Country, CountryAlias
from deals.models import (
    ChartYearCount,
    Citation,
    Contract,
    CountryDealCount,
    Deal,
    Delivery,
    Event,
    Organisation,
    RecordCount,
    Source,
    Specification,
    Statement,
    StatementCountryCount,
    SystemDealCount,
    TimelineCountryCount,
    TimelineDealCount,
    TimelineSpanCount,
    TimelineSystemCount,
    WeaponSystem,
    WeaponSystemAlias,
)

from . import builders

pytestmark = pytest.mark.django_db

DATED = {"date_words": "x", "date_edtf": "2019", "date_basis": "stated"}
BACKWARDS = DATED | {"date_earliest": "2019-12-31", "date_latest": "2019-01-01"}
HALF_DATED = {"date_edtf": "2019", "date_earliest": "2019-01-01"}


def twice(model, **fields):
    """A read-model count written twice for the same key: there is one count per key."""
    return [model.objects.create(**fields) for _ in range(2)]


def s400():
    return WeaponSystem.objects.get(slug="s-400")


VIOLATIONS = {
    "country_code_is_two_capitals": lambda: Country.objects.create(code="tr", name="Lower", region="asia"),
    "country_region_valid": lambda: Country.objects.create(code="XZ", name="Atlantis", region="mars"),
    "country_alias_name_unique": lambda: CountryAlias.objects.create(
        country_id="TR", name="ANKARA", kind="capital"
    ),
    "country_alias_kind_valid": lambda: CountryAlias.objects.create(
        country_id="TR", name="Anatolia", kind="nickname"
    ),
    "organisation_kind_valid": lambda: builders.build_organisation(kind="blog"),
    "weapon_system_category_valid": lambda: WeaponSystem.objects.create(
        slug="x", name="X", category="tank", maker_country_id="RU"
    ),
    "weapon_system_alias_unique": lambda: WeaponSystemAlias.objects.create(system=s400(), name="TRIUMF"),
    "specification_value_non_negative": lambda: Specification.objects.create(
        system=s400(), parameter="range", value=-1, unit="km", words="-1 km"
    ),
    "deal_status_valid": lambda: builders.build_deal(status="rumoured"),
    "deal_supplier_is_not_recipient": lambda: builders.build_deal(recipient_id="RU"),
    "deal_reported_value_complete": lambda: builders.build_deal(reported_value_amount=5, reported_value_currency="USD"),
    "contract_value_non_negative": lambda: builders.build_contract(value_amount=-5),
    "contract_value_has_currency": lambda: builders.build_contract(value_currency=""),
    "deals_contract_quantity_non_negative": lambda: builders.build_contract(quantity=-1),
    "deals_contract_quantity_has_unit": lambda: builders.build_contract(quantity_unit=""),
    "deals_contract_date_bounds_in_order": lambda: builders.build_contract(**BACKWARDS),
    "deals_contract_date_complete": lambda: builders.build_contract(**HALF_DATED),
    "delivery_kind_valid": lambda: builders.build_delivery(kind="rumoured"),
    "deals_delivery_quantity_non_negative": lambda: builders.build_delivery(quantity=-1),
    "deals_delivery_quantity_has_unit": lambda: builders.build_delivery(quantity_unit=""),
    "deals_delivery_date_bounds_in_order": lambda: builders.build_delivery(**BACKWARDS),
    "deals_delivery_date_complete": lambda: builders.build_delivery(**HALF_DATED),
    "statement_has_speaker": lambda: builders.build_statement(speaker=None),
    "statement_mode_valid": lambda: builders.build_statement(mode="rumour"),
    "statement_stance_valid": lambda: builders.build_statement(stance="maybe"),
    "statement_text_not_empty": lambda: builders.build_statement(text=""),
    "deals_statement_date_bounds_in_order": lambda: builders.build_statement(**BACKWARDS),
    "deals_statement_date_complete": lambda: builders.build_statement(**HALF_DATED),
    "event_kind_valid": lambda: Event.objects.create(kind="party", title="x"),
    "deals_event_date_bounds_in_order": lambda: Event.objects.create(kind="report", title="x", **BACKWARDS),
    "deals_event_date_complete": lambda: Event.objects.create(kind="report", title="x", **HALF_DATED),
    "source_has_publication_date": lambda: builders.build_source(
        date_words="", date_edtf="", date_earliest=None, date_latest=None, date_basis=""
    ),
    "source_text_not_empty": lambda: builders.build_source(text=""),
    "source_url_http_or_https": lambda: builders.build_source(url="javascript:alert(1)"),
    "deals_source_date_bounds_in_order": lambda: builders.build_source(**BACKWARDS),
    "deals_source_date_complete": lambda: builders.build_source(date_basis="guessed"),
    "citation_cites_exactly_one_fact": lambda: builders.build_citation(
        deal=builders.build_deal(), event=Event.objects.create(kind="report", title="x")
    ),
    "citation_excerpt_not_empty": lambda: builders.build_citation(excerpt=""),
    "countrydealcount_key": lambda: twice(CountryDealCount, country_id="AZ", role="recipient", status="signed", deals=1),
    "chartyearcount_key": lambda: twice(ChartYearCount, country_id="AZ", system_id=0, series="contracts", first_year=1901,
                                        last_year=1902, facts=1),
    "timelinespancount_key": lambda: twice(TimelineSpanCount, kind="event", first_year=1901, last_year=1902, items=1),
    "timelinecountrycount_key": lambda: twice(TimelineCountryCount, country_id="AZ", items=1),
    "timelinedealcount_key": lambda: twice(TimelineDealCount, deal_id=1, items=1),
    "timelinesystemcount_key": lambda: twice(TimelineSystemCount, system_id=1, items=1),
    "statementcountrycount_key": lambda: twice(StatementCountryCount, country_id="AZ", statements=1),
    "recordcount_key": lambda: twice(RecordCount, label="deals.specification", records=1),
    "systemdealcount_key": lambda: twice(
        SystemDealCount, system=WeaponSystem.objects.create(slug="x", name="X", category="fighter", maker_country_id="RU"),
        deals=1,
    ),
}


@pytest.mark.parametrize("name", sorted(VIOLATIONS))
def test_constraint_rejects_violating_row(name):
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        VIOLATIONS[name]()
    assert name in str(error.value) or str(error.value) == sqlite_unique_message(name)


def sqlite_unique_message(name):
    """SQLite names a plain unique constraint's columns, not the constraint, when it fails."""
    for model in apps.get_app_config("deals").get_models():
        for constraint in model._meta.constraints:
            if constraint.name == name and getattr(constraint, "fields", None):
                table = model._meta.db_table
                columns = (model._meta.get_field(field).column for field in constraint.fields)
                return "UNIQUE constraint failed: " + ", ".join(f"{table}.{column}" for column in columns)
    return None


def test_every_named_constraint_has_a_violation_test():
    names = {
        constraint.name
        for app in ("countries", "deals")
        for model in apps.get_app_config(app).get_models()
        for constraint in model._meta.constraints
    }
    assert names == set(VIOLATIONS)


def test_citation_with_no_fact_is_rejected():
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(source=builders.build_source(), excerpt="five S-400 regiments")


# The admin: the same rules arrive as form errors on a page that loads (status 200).


def management_form(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def citation_rows(source, excerpt="five S-400 regiments"):
    return management_form("citations", total=1) | {
        "citations-0-source": str(source.pk),
        "citations-0-excerpt": excerpt,
    }


def deal_form(**fields):
    data = {
        "slug": "new-deal",
        "supplier": "RU",
        "recipient": "IN",
        "system": str(s400().pk),
        "subject": "S-400 systems",
        "status": "signed",
        "summary": "A new deal.",
    }
    data |= management_form("contracts") | management_form("deliveries")
    data |= citation_rows(builders.build_source())
    return data | fields


def contract_form(**fields):
    data = {
        "deal": str(builders.build_deal().pk),
        "description": "Contract",
        "date_words": "October 2018",
        "date_edtf": "",
        "date_basis": "",
        "value_amount": "5430000000",
        "value_currency": "USD",
        "value_words": "$5.43 billion",
        "quantity": "5",
        "quantity_unit": "regiments",
        "quantity_words": "five regiments",
    }
    return data | citation_rows(builders.build_source()) | fields


def statement_form(**fields):
    data = {
        "speaker": str(builders.build_statement().speaker_id),
        "organisation": "",
        "speaker_role": "minister",
        "medium": "",
        "setting": "",
        "text": "Deliveries are on schedule.",
        "mode": "reported",
        "stance": "comments",
        "date_words": "on Friday",
        "date_edtf": "",
        "date_basis": "",
    }
    return data | citation_rows(builders.build_source()) | fields


def delivery_form(contract, **fields):
    data = {
        "deal": str(contract.deal_id),
        "contract": str(contract.pk),
        "kind": "actual",
        "description": "Second batch",
        "date_words": "2019",
        "date_edtf": "",
        "date_basis": "",
        "quantity": "5",
        "quantity_unit": "regiments",
        "quantity_words": "five regiments",
    }
    return data | citation_rows(builders.build_source()) | fields


ADMIN_CASES = {
    "supplier is recipient": ("deal", lambda: deal_form(recipient="RU"), "A country cannot supply itself."),
    "unknown status": ("deal", lambda: deal_form(status="rumoured"), "Select a valid choice."),
    "negative value": ("contract", lambda: contract_form(value_amount="-1"), "A contract&#x27;s value cannot be negative."),
    "value without currency": (
        "contract",
        lambda: contract_form(value_currency=""),
        "A value needs an ISO 4217 currency, and a currency a value.",
    ),
    "unknown currency": ("contract", lambda: contract_form(value_currency="XYZ"), "Not an ISO 4217 currency code."),
    "negative quantity": ("contract", lambda: contract_form(quantity="-2"), "A quantity cannot be negative."),
    "quantity without unit": (
        "contract",
        lambda: contract_form(quantity_unit=""),
        "A quantity needs a unit, and a unit needs a quantity.",
    ),
    "backwards date range": ("contract", lambda: contract_form(date_words="December–October 2021"), "before it starts"),
    "self-contradicting date": ("contract", lambda: contract_form(date_words="Monday, June 9, 2021"), "Wednesday"),
    "invalid EDTF": ("contract", lambda: contract_form(date_edtf="2019-02-30"), "2019-02-30"),
    "excerpt not in source": (
        "contract",
        lambda: contract_form(**citation_rows(builders.build_source(), excerpt="seven regiments")),
        "This excerpt does not occur in the source&#x27;s text",
    ),
    "no citation": ("contract", lambda: contract_form(**management_form("citations")), "A fact needs at least one citation"),
    "statement without speaker": (
        "statement",
        lambda: statement_form(speaker=""),
        "A statement needs a speaker: a person, a body or an outlet.",
    ),
    "relative date without source": (
        "statement",
        lambda: statement_form(**management_form("citations")),
        "“on Friday” is relative: it needs the article&#x27;s publication date to be resolved.",
    ),
    "specification with negative value": (
        "specification",
        lambda: specification_form(value="-1"),
        "A specification&#x27;s value cannot be negative.",
    ),
    "citation of two facts": (
        "citation",
        lambda: citation_form(deal=str(builders.build_deal().pk), event=str(Event.objects.first().pk)),
        "A citation supports exactly one fact.",
    ),
    "citation of no fact": ("citation", lambda: citation_form(), "A citation supports exactly one fact."),
    "source without a date": ("source", lambda: source_form(date_words=""), "This record needs a date."),
    "unknown organisation kind": ("organisation", lambda: organisation_form(kind="blog"), "Select a valid choice."),
    "unknown weapon system category": ("weaponsystem", lambda: weapon_system_form(category="tank"), "Select a valid choice."),
    "weapon system alias already used": (
        "weaponsystem",
        lambda: weapon_system_form(**management_form("aliases", total=1), **{"aliases-0-name": "TRIUMF"}),
        "This alias already names a weapon system.",
    ),
    "country code in lower case": (
        "countries.country",
        lambda: country_form(code="xz"),
        "The ISO code must be two capital letters, e.g. TR.",
    ),
    "unknown region": ("countries.country", lambda: country_form(region="mars"), "Select a valid choice."),
    "country alias already used": (
        "countries.countryalias",
        lambda: {"country": "TR", "name": "ANKARA", "kind": "capital"},
        "This alias already stands for a country.",
    ),
    "unknown kind of country alias": (
        "countries.countryalias",
        lambda: {"country": "TR", "name": "Anatolia", "kind": "nickname"},
        "Select a valid choice.",
    ),
}


def specification_form(**fields):
    data = {"system": str(s400().pk), "parameter": "range", "value": "400", "unit": "km", "words": "400 km"}
    return data | citation_rows(builders.build_source()) | fields


def citation_form(**fields):
    return {"source": str(builders.build_source().pk), "excerpt": "five S-400 regiments"} | fields


def source_form(**fields):
    data = {"slug": "new-source", "title": "New article", "text": builders.SOURCE_TEXT, "language": "en",
            "date_words": "June 21, 2019", "date_edtf": "", "date_basis": ""}
    return data | fields


def organisation_form(**fields):
    return {"slug": "new-org", "name": "New organisation", "kind": "news_agency"} | fields


def weapon_system_form(**fields):
    data = {"slug": "new-system", "name": "New system", "category": "air_defence", "maker_country": "RU"}
    return data | management_form("aliases") | management_form("specifications") | fields


def country_form(**fields):
    return {"code": "XZ", "name": "Atlantis", "region": "europe", "subregion": ""} | management_form("aliases") | fields


@pytest.mark.parametrize("case", sorted(ADMIN_CASES))
def test_admin_shows_rule_as_form_error(admin_client, case):
    model, build_data, message = ADMIN_CASES[case]
    app_label, _, model = model.rpartition(".")
    app_label = app_label or "deals"
    data = build_data()
    before = apps.get_model(app_label, model).objects.count()
    response = admin_client.post(reverse(f"admin:{app_label}_{model}_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert apps.get_model(app_label, model).objects.count() == before


def test_admin_resolves_relative_date_of_a_new_statement_against_its_citation(admin_client):
    response = admin_client.post(reverse("admin:deals_statement_add"), statement_form(text="Deliveries start soon."))
    assert response.status_code == 302
    statement = Statement.objects.get(text="Deliveries start soon.")
    # The source was published on Friday, June 21, 2019.
    assert (statement.date_edtf, statement.date_basis) == ("2019-06-21", "resolved")


def test_admin_rejects_delivery_beyond_contracted_quantity(admin_client):
    contract = builders.build_contract(quantity=5)
    builders.build_delivery(contract=contract, quantity=3)
    response = admin_client.post(reverse("admin:deals_delivery_add"), delivery_form(contract, quantity="3"))
    assert response.status_code == 200
    assert "would add up to 6" in response.content.decode()
    assert contract.deliveries.count() == 1


def test_admin_rejects_shrinking_contract_below_its_deliveries(admin_client):
    contract = builders.build_contract(quantity=5)
    builders.build_delivery(contract=contract, quantity=4)
    Citation.objects.create(source=builders.build_source(), excerpt="five S-400 regiments", contract=contract)
    data = contract_form(deal=str(contract.deal_id), quantity="3", date_words="2019")
    data |= management_form("citations")
    data["citations-INITIAL_FORMS"] = "0"
    data |= citation_rows(builders.build_source())
    response = admin_client.post(reverse("admin:deals_contract_change", args=[contract.pk]), data)
    assert response.status_code == 200
    assert "already add up to 4" in response.content.decode()
    contract.refresh_from_db()
    assert contract.quantity == 5


def test_admin_saves_valid_contract_with_derived_date(admin_client):
    response = admin_client.post(reverse("admin:deals_contract_add"), contract_form(date_words="mid-June 2019"))
    assert response.status_code == 302
    contract = Contract.objects.get(description="Contract", value_words="$5.43 billion")
    assert (contract.date_edtf, str(contract.date_earliest), str(contract.date_latest)) == (
        "2019-06-11/2019-06-20",
        "2019-06-11",
        "2019-06-20",
    )
    assert contract.citations.get().excerpt == "five S-400 regiments"


def test_admin_deal_inline_contract_needs_an_excerpt(admin_client):
    data = deal_form() | management_form("contracts", total=1) | {
        "contracts-0-description": "Contract",
        "contracts-0-date_words": "2019",
        "contracts-0-value_amount": "",
        "contracts-0-value_currency": "",
        "contracts-0-quantity": "",
        "contracts-0-quantity_unit": "",
    }
    response = admin_client.post(reverse("admin:deals_deal_add"), data)
    assert response.status_code == 200
    assert "A new fact needs its source and a verbatim excerpt." in response.content.decode()
    assert not Deal.objects.filter(slug="new-deal").exists()


def test_admin_deal_inline_contract_is_saved_with_its_citation(admin_client):
    source = builders.build_source()
    data = deal_form() | management_form("contracts", total=1) | {
        "contracts-0-description": "Contract",
        "contracts-0-date_words": "mid-June 2019",
        "contracts-0-value_amount": "",
        "contracts-0-value_currency": "",
        "contracts-0-quantity": "5",
        "contracts-0-quantity_unit": "regiments",
        "contracts-0-citation_source": str(source.pk),
        "contracts-0-citation_excerpt": "five S-400 regiments",
    }
    response = admin_client.post(reverse("admin:deals_deal_add"), data)
    assert response.status_code == 302
    contract = Deal.objects.get(slug="new-deal").contracts.get()
    assert contract.date_edtf == "2019-06-11/2019-06-20"
    assert contract.citations.get().source == source


def test_admin_resolves_relative_date_against_first_source(admin_client):
    statement = builders.build_statement()
    builders.build_citation(statement=statement, deal=None)  # the source was published June 21, 2019
    data = statement_form(speaker=str(statement.speaker_id), date_words="on Friday")
    data |= management_form("citations")
    data |= citation_rows(statement.citations.get().source)
    data |= {"citations-INITIAL_FORMS": "0", "loaded_version": str(statement.version)}
    response = admin_client.post(reverse("admin:deals_statement_change", args=[statement.pk]), data)
    assert response.status_code == 302
    statement.refresh_from_db()
    assert (statement.date_edtf, statement.date_basis) == ("2019-06-21", "resolved")


def test_organisation_and_source_admin_pages_load(admin_client):
    for name in ["organisation", "source", "citation", "weaponsystem", "person", "event", "specification"]:
        assert admin_client.get(reverse(f"admin:deals_{name}_changelist")).status_code == 200
    assert Organisation.objects.exists() and Source.objects.exists() and Statement.objects.exists()
    assert Specification.objects.exists() and Delivery.objects.exists()
