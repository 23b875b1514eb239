"""The admin keeps the knowledge base whole: no fact saved uncited or left uncited, no
contract over-delivered through one form, no duplicate alias or database error reaching
the editor as a server error, dates resolved against the source chosen on the same form,
and every change to a country or its aliases in the history."""
import pytest
from django import forms
from django.urls import reverse

from countries.models import Country, CountryAlias
from deals.models import Citation, Delivery, Source, Specification, Statement, WeaponSystem
from history.models import Change
from tests.html_forms import form_values

from . import builders

pytestmark = pytest.mark.django_db

EXCERPT = "five S-400 regiments"


def change_page(client, obj, form_id=None):
    """The url of an object's admin change form and the values a browser would post from it."""
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    response = client.get(url)
    data = form_values(response.content.decode(), form_id or f"{meta.model_name}_form")
    # A browser posts nothing for a multiple select with nothing selected.
    for name, field in response.context["adminform"].form.fields.items():
        if isinstance(field, forms.ModelMultipleChoiceField) and data.get(name) == "":
            del data[name]
    return url, data


def add_rows(data: dict, prefix: str, *rows: dict) -> dict:
    """The form data with new inline rows appended after the rows already on the page."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data = dict(data)
    for offset, row in enumerate(rows):
        data |= {f"{prefix}-{total + offset}-{name}": value for name, value in row.items()}
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(rows))
    return data


def cited_deal_with_contract(*, quantity=4, unit="divisions"):
    contract = builders.build_contract(quantity=quantity, quantity_unit=unit, description="Contract for four divisions")
    builders.build_citation(deal=contract.deal)
    builders.build_citation(contract=contract, deal=None)
    return contract.deal, contract


def delivery_row(contract, *, quantity, kind="actual", source=None):
    return {
        "kind": kind,
        "contract": str(contract.pk),
        "description": f"{quantity} {contract.quantity_unit}",
        "date_words": "2019",
        "date_edtf": "",
        "date_basis": "",
        "quantity": str(quantity),
        "quantity_unit": contract.quantity_unit,
        "quantity_words": "",
        "citation_source": str((source or builders.build_source()).pk),
        "citation_excerpt": EXCERPT,
    }


def errors_of(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


# --- deliveries under a contract, entered on the deal's form -----------------------------


def test_two_new_deliveries_beyond_the_contract_in_one_form_are_refused(admin_client):
    deal, contract = cited_deal_with_contract(quantity=4)
    url, data = change_page(admin_client, deal)
    data = add_rows(data, "deliveries", delivery_row(contract, quantity=3), delivery_row(contract, quantity=3))
    response = admin_client.post(url, data | {"_save": "Save"})
    assert response.status_code == 200
    assert "covers 4 divisions; with these its actual deliveries would add up to 6." in errors_of(response)
    assert contract.deliveries.count() == 0


def test_new_deliveries_count_with_the_stored_ones_on_the_same_form(admin_client):
    deal, contract = cited_deal_with_contract(quantity=4)
    stored = builders.build_delivery(contract=contract, quantity=1, quantity_unit="divisions")
    builders.build_citation(delivery=stored, deal=None)
    url, data = change_page(admin_client, deal)
    data = add_rows(data, "deliveries", delivery_row(contract, quantity=2), delivery_row(contract, quantity=2))
    response = admin_client.post(url, data | {"_save": "Save"})
    assert response.status_code == 200
    assert "would add up to 5." in errors_of(response)
    assert list(contract.deliveries.all()) == [stored]


def test_deliveries_within_the_contract_per_kind_are_saved_with_their_citations(admin_client):
    deal, contract = cited_deal_with_contract(quantity=4)
    url, data = change_page(admin_client, deal)
    data = add_rows(
        data,
        "deliveries",
        delivery_row(contract, quantity=3, kind="planned"),
        delivery_row(contract, quantity=1, kind="planned"),
        delivery_row(contract, quantity=3, kind="actual"),
    )
    response = admin_client.post(url, data | {"_save": "Save"})
    assert response.status_code == 302
    assert sorted(contract.deliveries.values_list("kind", "quantity")) == [("actual", 3), ("planned", 1), ("planned", 3)]
    assert all(delivery.citations.get().excerpt == EXCERPT for delivery in contract.deliveries.all())


def test_delivery_inline_offers_only_the_deals_own_contracts(admin_client):
    deal, contract = cited_deal_with_contract()
    other_contract = builders.build_contract()
    response = admin_client.get(reverse("admin:deals_deal_change", args=[deal.pk]))
    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is Delivery)
    assert list(formset.empty_form.fields["contract"].queryset) == [contract]
    page = response.content.decode()
    assert "Contract for four divisions" in page and other_contract.description not in page

    url, data = change_page(admin_client, deal)
    data = add_rows(data, "deliveries", delivery_row(other_contract, quantity=1))
    response = admin_client.post(url, data | {"_save": "Save"})
    assert response.status_code == 200
    assert "Select a valid choice. That choice is not one of the available choices." in errors_of(response)
    assert not other_contract.deliveries.exists()


def test_delivery_inline_on_a_new_deal_offers_no_contract(admin_client):
    response = admin_client.get(reverse("admin:deals_deal_add"))
    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is Delivery)
    assert not formset.empty_form.fields["contract"].queryset.exists()


# --- specifications, entered on the weapon system's form ---------------------------------


def specification_row(source=None, excerpt=EXCERPT):
    return {
        "parameter": "engagement range",
        "value": "400",
        "unit": "km",
        "words": "up to 400 kilometers",
        "citation_source": str(source.pk) if source else "",
        "citation_excerpt": excerpt,
    }


def test_specification_cannot_be_added_uncited_on_the_weapon_system_form(admin_client):
    system = WeaponSystem.objects.get(slug="s-400")
    before = system.specifications.count()
    url, data = change_page(admin_client, system)
    response = admin_client.post(url, add_rows(data, "specifications", specification_row()) | {"_save": "Save"})
    assert response.status_code == 200
    assert "A new fact needs its source and a verbatim excerpt." in errors_of(response)
    assert system.specifications.count() == before


def test_specification_added_on_the_weapon_system_form_is_saved_with_its_citation(admin_client):
    system = WeaponSystem.objects.get(slug="s-400")
    source = builders.build_source()
    url, data = change_page(admin_client, system)
    response = admin_client.post(url, add_rows(data, "specifications", specification_row(source)) | {"_save": "Save"})
    assert response.status_code == 302
    specification = system.specifications.get(words="up to 400 kilometers")
    citation = specification.citations.get()
    assert (citation.source, citation.excerpt) == (source, EXCERPT)
    assert Change.objects.for_object(citation).get().action == "created"
    assert Change.objects.for_object(specification).get().action == "created"


def test_specification_citation_excerpt_must_occur_in_the_source(admin_client):
    system = WeaponSystem.objects.get(slug="s-400")
    url, data = change_page(admin_client, system)
    row = specification_row(builders.build_source(), excerpt="six regiments")
    response = admin_client.post(url, add_rows(data, "specifications", row) | {"_save": "Save"})
    assert response.status_code == 200
    assert "This excerpt does not occur in the source's text; copy it verbatim." in errors_of(response)
    assert not Specification.objects.filter(words="up to 400 kilometers").exists()


# --- aliases that differ only in case -----------------------------------------------------


def test_weapon_system_aliases_differing_only_in_case_are_a_form_error(admin_client):
    system = WeaponSystem.objects.get(slug="patriot")
    url, data = change_page(admin_client, system)
    data = add_rows(data, "aliases", {"name": "PAC-3"}, {"name": "pac-3"})
    response = admin_client.post(url, data | {"_save": "Save"})
    assert response.status_code == 200
    assert "“pac-3” is the same alias as “PAC-3”: aliases are compared regardless of case." in errors_of(response)
    assert not system.aliases.exists()


def test_country_aliases_differing_only_in_case_are_a_form_error(admin_client):
    turkey = Country.objects.get(code="TR")
    before = set(turkey.aliases.values_list("name", flat=True))
    url, data = change_page(admin_client, turkey)
    data = add_rows(data, "aliases", {"name": "Anatolia", "kind": "spelling"}, {"name": "ANATOLIA", "kind": "spelling"})
    response = admin_client.post(url, data | {"_save": "Save"})
    assert response.status_code == 200
    assert "“ANATOLIA” is the same alias as “Anatolia”: aliases are compared regardless of case." in errors_of(response)
    assert set(turkey.aliases.values_list("name", flat=True)) == before


def test_country_alias_already_used_by_another_country_is_a_form_error(admin_client):
    turkey = Country.objects.get(code="TR")
    url, data = change_page(admin_client, turkey)
    response = admin_client.post(url, add_rows(data, "aliases", {"name": "CAIRO", "kind": "capital"}) | {"_save": "Save"})
    assert response.status_code == 200
    assert "This alias already stands for a country." in errors_of(response)
    assert not turkey.aliases.filter(name="CAIRO").exists()


# --- deleting citations -------------------------------------------------------------------


def test_a_facts_only_citation_cannot_be_deleted(admin_client):
    statement = builders.build_statement()
    citation = builders.build_citation(statement=statement)
    url = reverse("admin:deals_citation_delete", args=[citation.pk])
    page = errors_of(admin_client.get(url))
    assert "statement “A. Minister: Reported: Deliveries are on schedule.” would be left without a citation" in page
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Citation.objects.filter(pk=citation.pk).exists()
    assert not Change.objects.for_object(citation).exists()


def test_one_of_two_citations_can_be_deleted(admin_client):
    statement = builders.build_statement()
    first = builders.build_citation(statement=statement)
    second = builders.build_citation(statement=statement)
    response = admin_client.post(reverse("admin:deals_citation_delete", args=[first.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert list(statement.citations.all()) == [second]
    assert Change.objects.for_object(first).get().action == "deleted"


def bulk_delete(client, citations, confirm=True):
    data = {"action": "delete_selected", "_selected_action": [str(c.pk) for c in citations]}
    return client.post(reverse("admin:deals_citation_changelist"), data | ({"post": "yes"} if confirm else {}))


def test_bulk_delete_refuses_to_take_every_citation_of_a_fact(admin_client):
    statement = builders.build_statement()
    citations = [builders.build_citation(statement=statement), builders.build_citation(statement=statement)]
    response = bulk_delete(admin_client, citations)
    assert response.status_code == 200
    assert "would be left without a citation" in errors_of(response)
    assert statement.citations.count() == 2


def test_bulk_delete_of_one_of_two_citations_goes_ahead(admin_client):
    statement = builders.build_statement()
    first, second = builders.build_citation(statement=statement), builders.build_citation(statement=statement)
    response = bulk_delete(admin_client, [first])
    assert response.status_code == 302
    assert list(statement.citations.all()) == [second]


def test_deleting_the_only_citation_on_the_facts_own_form_is_refused(admin_client):
    statement = builders.build_statement()
    citation = builders.build_citation(statement=statement)
    url, data = change_page(admin_client, statement)
    response = admin_client.post(url, data | {"citations-0-DELETE": "on", "_save": "Save"})
    assert response.status_code == 200
    assert "A fact needs at least one citation" in errors_of(response)
    assert list(statement.citations.all()) == [citation]


def test_moving_a_facts_only_citation_to_another_fact_is_refused(admin_client):
    statement = builders.build_statement()
    citation = builders.build_citation(statement=statement)
    other = builders.build_deal()
    url, data = change_page(admin_client, citation)
    response = admin_client.post(url, data | {"statement": "", "deal": str(other.pk), "_save": "Save"})
    assert response.status_code == 200
    assert "would be left without a citation" in errors_of(response)
    citation.refresh_from_db()
    assert citation.statement == statement


# --- dates: relative words and the basis chosen ------------------------------------------


def statement_add_data(source: Source | None, **fields) -> dict:
    data = {
        "speaker": str(builders.build_statement().speaker_id),
        "text": "The second batch is on its way.",
        "mode": "reported",
        "stance": "comments",
        "date_words": "on Wednesday",
        "date_edtf": "",
        "date_basis": "",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    if source:
        data |= {"citations-TOTAL_FORMS": "1", "citations-0-source": str(source.pk), "citations-0-excerpt": EXCERPT}
    return data | fields


def test_new_statement_resolves_relative_words_against_the_source_on_the_same_form(admin_client):
    source = builders.build_source()  # published Friday, June 21, 2019
    response = admin_client.post(reverse("admin:deals_statement_add"), statement_add_data(source))
    assert response.status_code == 302
    statement = Statement.objects.get(text="The second batch is on its way.")
    assert (statement.date_edtf, statement.date_basis) == ("2019-06-19", "resolved")
    assert statement.citations.get().source == source


def test_new_statement_skips_a_deleted_citation_row_when_resolving(admin_client):
    deleted = builders.build_source(date_words="2010", date_edtf="2010", date_earliest="2010-01-01", date_latest="2010-12-31")
    kept = builders.build_source()
    data = statement_add_data(kept) | {
        "citations-TOTAL_FORMS": "2",
        "citations-1-source": str(kept.pk),
        "citations-1-excerpt": EXCERPT,
        "citations-0-source": str(deleted.pk),
        "citations-0-DELETE": "on",
    }
    response = admin_client.post(reverse("admin:deals_statement_add"), data)
    assert response.status_code == 302
    assert Statement.objects.get(text="The second batch is on its way.").date_edtf == "2019-06-19"


def test_new_statement_with_relative_words_and_no_source_is_refused(admin_client):
    response = admin_client.post(reverse("admin:deals_statement_add"), statement_add_data(None))
    assert response.status_code == 200
    assert "“on Wednesday” is relative: it needs the article's publication date to be resolved." in errors_of(response)
    assert not Statement.objects.filter(text="The second batch is on its way.").exists()


def test_new_contract_on_the_deal_form_resolves_relative_words_against_its_citation(admin_client):
    deal, _ = cited_deal_with_contract()
    url, data = change_page(admin_client, deal)
    row = {
        "description": "Second contract",
        "date_words": "last month",
        "date_edtf": "",
        "date_basis": "",
        "citation_source": str(builders.build_source().pk),
        "citation_excerpt": EXCERPT,
    }
    response = admin_client.post(url, add_rows(data, "contracts", row) | {"_save": "Save"})
    assert response.status_code == 302
    contract = deal.contracts.get(description="Second contract")
    assert (contract.date_edtf, str(contract.date_earliest), contract.date_basis) == ("2019-05", "2019-05-01", "resolved")


def test_new_delivery_resolves_relative_words_against_its_citation(admin_client):
    contract = builders.build_contract()
    data = {
        "deal": str(contract.deal_id),
        "contract": str(contract.pk),
        "kind": "planned",
        "description": "Next regiment",
        "date_words": "next year",
        "quantity": "1",
        "quantity_unit": "regiments",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-0-source": str(builders.build_source().pk),
        "citations-0-excerpt": EXCERPT,
    }
    response = admin_client.post(reverse("admin:deals_delivery_add"), data)
    assert response.status_code == 302
    assert contract.deliveries.get().date_edtf == "2020"


def test_a_basis_chosen_by_the_editor_is_kept_when_only_words_are_typed(admin_client):
    source = builders.build_source()
    data = statement_add_data(source, date_words="mid-2019", date_basis="inferred")
    response = admin_client.post(reverse("admin:deals_statement_add"), data)
    assert response.status_code == 302
    statement = Statement.objects.get(text="The second batch is on its way.")
    assert (statement.date_edtf, statement.date_basis) == ("2019-05/2019-08", "inferred")


def test_changed_words_without_a_chosen_basis_get_a_derived_basis(admin_client):
    statement = builders.build_statement(date_words="2016", date_edtf="2016", date_basis="inferred",
                                         date_earliest="2016-01-01", date_latest="2016-12-31")
    builders.build_citation(statement=statement)
    url, data = change_page(admin_client, statement)
    response = admin_client.post(url, data | {"date_words": "mid-June 2019", "_save": "Save"})
    assert response.status_code == 302
    statement.refresh_from_db()
    assert (statement.date_edtf, statement.date_basis) == ("2019-06-11/2019-06-20", "stated")


# --- countries and their aliases in the change history ------------------------------------


def test_renaming_a_country_alias_is_recorded_with_old_and_new_names(admin_client):
    alias = CountryAlias.objects.get(name="Cairo")
    url, data = change_page(admin_client, alias, "countryalias_form")
    response = admin_client.post(url, data | {"name": "Kahira", "_save": "Save"})
    assert response.status_code == 302
    change = Change.objects.for_object(alias).get()
    assert (change.action, change.username, change.via) == ("changed", "admin", "admin")
    assert change.fields == [{"field": "name", "label": "name", "old": "Cairo", "new": "Kahira"}]
    history = admin_client.get(reverse("admin:countries_countryalias_history", args=[alias.pk])).content.decode()
    assert "Cairo" in history and "Kahira" in history


def test_country_and_its_aliases_changed_on_its_form_are_recorded(admin_client):
    egypt = Country.objects.get(code="EG")
    cairo = egypt.aliases.get(name="Cairo")
    url, data = change_page(admin_client, egypt)
    index = next(key.split("-")[1] for key, value in data.items() if key.endswith("-name") and value == "Cairo")
    data = data | {"subregion": "North Africa", f"aliases-{index}-name": "Al-Qahira"}
    data = add_rows(data, "aliases", {"name": "Misr", "kind": "spelling"})
    response = admin_client.post(url, data | {"_save": "Save"})
    assert response.status_code == 302
    subregion = Change.objects.for_object(egypt).get()
    assert subregion.fields[0]["field"] == "subregion" and subregion.fields[0]["new"] == "North Africa"
    renamed = Change.objects.for_object(cairo).get()
    assert renamed.fields == [{"field": "name", "label": "name", "old": "Cairo", "new": "Al-Qahira"}]
    added = Change.objects.for_object(egypt.aliases.get(name="Misr")).get()
    assert added.action == "created"


def test_deleting_a_country_alias_is_recorded(admin_client):
    alias = CountryAlias.objects.get(name="Cairo")
    response = admin_client.post(reverse("admin:countries_countryalias_delete", args=[alias.pk]), {"post": "yes"})
    assert response.status_code == 302
    change = Change.objects.get(object_id=str(alias.pk), content_type__model="countryalias")
    assert change.action == "deleted"
    assert {"field": "name", "label": "name", "old": "Cairo", "new": ""} in change.fields
