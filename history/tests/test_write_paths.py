"""Every write path leaves a change record: the admin's add, change and delete, accepting an
ingestion draft, and load_curated --replace (the services are tested in deals/tests)."""
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from deals import services
from deals.models import Citation, Contract, Deal, Event, Source, WeaponSystem
from deals.tests.builders import build_citation, build_source, build_statement
from deals.tests.test_admin_integrity import EXCERPT, add_rows, change_page, specification_row
from history.models import Change
from ingest.tests.helpers import form_values, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(user_in("editors", "dana"))
    return client


@pytest.fixture
def service_calls(monkeypatch):
    """Each call of deals.services' generic writers, as (function, model, via), in order;
    the calls still go through, so the admin works as it does for an editor."""
    calls = []

    def spying(name, real):
        def spy(**kwargs):
            target = kwargs.get("obj") or kwargs.get("record") or kwargs["queryset"].model
            calls.append((name, target._meta.model_name, kwargs["via"]))
            return real(**kwargs)
        return spy

    for name in ("record_save", "record_delete", "records_delete"):
        monkeypatch.setattr(services, name, spying(name, getattr(services, name)))
    return calls


def field(change, name):
    return next((item["old"], item["new"]) for item in change.fields if item["field"] == name)


def unique_excerpt(source: Source) -> str:
    words = source.text.split()
    for start in range(len(words) - 8):
        excerpt = " ".join(words[start:start + 8])
        if source.text.count(excerpt) == 1:
            return excerpt
    raise AssertionError("no unique excerpt")


def test_admin_add_records_the_fact_and_its_citation(editor, service_calls):
    source = Source.objects.order_by("pk").first()
    excerpt = unique_excerpt(source)
    url = reverse("admin:deals_event_add")
    data = form_values(editor.get(url).content.decode(), "event_form") | {
        "kind": "report", "title": "A report added in the admin", "date_words": "June 2019", "countries": [], "deals": [],
        "citations-0-source": source.pk, "citations-0-excerpt": excerpt, "_save": "Save",
    }
    response = editor.post(url, data)
    assert response.status_code == 302
    event = Event.objects.get(title="A report added in the admin")
    created = Change.objects.for_object(event).get()
    assert (created.action, created.via, created.username, created.version) == ("created", "admin", "dana", 1)
    assert field(created, "date_edtf") == ("", "2019-06")
    citation = Citation.objects.get(event=event)
    assert field(Change.objects.for_object(citation).get(), "excerpt") == ("", excerpt)
    # The service wrote both, the inline row's while saving the event it belongs to.
    assert service_calls == [("record_save", "event", "admin"), ("record_save", "citation", "admin")]


def test_admin_change_through_the_lock_records_old_and_new_values(editor, service_calls):
    contract = Contract.objects.get(deal__slug="ru-in-s-400")
    url = reverse("admin:deals_contract_change", args=[contract.pk])
    data = form_values(editor.get(url).content.decode(), "contract_form")
    old = data["description"]
    assert editor.post(url, data | {"description": "Terms as corrected", "_save": "Save"}).status_code == 302
    change = Change.objects.for_object(contract).get()
    assert (change.action, change.version, change.via) == ("changed", 2, "admin")
    assert change.fields == [{"field": "description", "label": "description", "old": old, "new": "Terms as corrected"}]
    assert service_calls == [("record_save", "contract", "admin")]


def test_admin_inline_add_is_written_by_the_service(admin_client, service_calls):
    system = WeaponSystem.objects.get(slug="s-400")
    url, data = change_page(admin_client, system)
    response = admin_client.post(url, add_rows(data, "specifications", specification_row(build_source())) | {"_save": "Save"})
    assert response.status_code == 302
    specification = system.specifications.get(words="up to 400 kilometers")
    created = Change.objects.for_object(specification).get()
    assert (created.action, created.via, created.version) == ("created", "admin", 1)
    assert field(created, "words") == ("", "up to 400 kilometers")
    # The system itself is unchanged, so its save records nothing; the inline row is the
    # service's (its citation comes from citation_create, a service too).
    assert service_calls == [("record_save", "weaponsystem", "admin"), ("record_save", "specification", "admin")]
    assert not Change.objects.for_object(system).exists()
    assert field(Change.objects.for_object(specification.citations.get()).get(), "excerpt") == ("", EXCERPT)


def test_admin_delete_records_the_old_values(editor, service_calls):
    event = Event.objects.order_by("pk").first()
    pk, title = event.pk, event.title
    url = reverse("admin:deals_event_delete", args=[pk])
    assert editor.post(url, {"post": "yes"}).status_code == 302
    assert not Event.objects.filter(pk=pk).exists()
    deleted = Change.objects.get(object_id=str(pk), content_type__model="event")
    assert (deleted.action, deleted.via, deleted.username) == ("deleted", "admin", "dana")
    assert field(deleted, "title") == (title, "")
    assert service_calls == [("record_delete", "event", "admin")]


def test_admin_bulk_delete_is_written_by_the_service(admin_client, service_calls):
    statement = build_statement()
    first, second, kept = (build_citation(statement=statement) for _ in range(3))
    data = {"action": "delete_selected", "_selected_action": [str(first.pk), str(second.pk)], "post": "yes"}
    assert admin_client.post(reverse("admin:deals_citation_changelist"), data).status_code == 302
    assert list(statement.citations.all()) == [kept]
    assert service_calls == [("records_delete", "citation", "admin")]
    for citation in (first, second):
        deleted = Change.objects.for_object(citation).get()
        assert (deleted.action, deleted.via, deleted.username) == ("deleted", "admin", "admin")
        assert field(deleted, "excerpt") == (citation.excerpt, "")


def test_admin_delete_of_a_deal_records_what_it_takes_with_it(admin_client):
    """A deal's contracts, deliveries and their citations go with it (the database cascades):
    each leaves its own change record with its old values, not only the deal."""
    deal = Deal.objects.get(slug="ru-in-s-400")
    contracts, deliveries = list(deal.contracts.all()), list(deal.deliveries.all())
    citations = list(Citation.objects.filter(deal=deal)) + [c for f in contracts + deliveries for c in f.citations.all()]
    assert contracts and deliveries and citations  # the curated deal has all three
    response = admin_client.post(reverse("admin:deals_deal_delete", args=[deal.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Deal.objects.filter(pk=deal.pk).exists()
    for record in [deal, *contracts, *deliveries, *citations]:
        deleted = Change.objects.for_object(record).filter(action="deleted").get()
        assert (deleted.via, deleted.username) == ("admin", "admin")
    assert field(Change.objects.for_object(contracts[0]).get(action="deleted"), "value_words") == (contracts[0].value_words, "")


def test_load_curated_replace_records_what_it_changed_back():
    Deal.objects.filter(slug="ru-tr-s-400").update(status="suspended")
    Contract.objects.filter(deal__slug="ru-in-s-400").update(value_amount=1)
    untouched = Deal.objects.get(slug="ru-qa-s-400")
    call_command("load_curated", "--replace", stdout=StringIO())

    turkey = Deal.objects.get(slug="ru-tr-s-400")
    change = Change.objects.for_object(turkey).get()
    assert (change.action, change.via, change.username) == ("changed", "load_curated", "")
    assert change.fields == [{"field": "status", "label": "status", "old": "suspended", "new": "delivered"}]
    contract = Contract.objects.get(deal__slug="ru-in-s-400")
    assert field(Change.objects.for_object(contract).get(), "value_amount") == ("1.00", "5430000000.00")
    assert not Change.objects.for_object(untouched).exists()
    assert Change.objects.count() == 2


def test_load_curated_replace_records_nothing_when_nothing_changed():
    call_command("load_curated", "--replace", stdout=StringIO())
    assert not Change.objects.exists()
