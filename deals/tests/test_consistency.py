"""A deal's status checked against its facts when it is saved: refused where the base holds a
fact the status denies, warned about where a fact is only missing; the curated deals pass."""
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from deals.consistency import status_contradictions
from deals.models import Deal
from tests.html_forms import form_values

pytestmark = pytest.mark.django_db

NO_DELIVERY = (
    "The deal “ru-in-s-400” (RU → IN: five regiments of the latest air defense systems) is saved as delivered, but it has no actual delivery. "
    "Add the delivery the source reports (kind “actual”), or choose an earlier status."
)


def test_every_curated_deal_agrees_with_its_facts():
    deals = Deal.objects.order_by("slug")
    assert deals.count() == 15
    assert {deal.slug: status_contradictions(deal=deal) for deal in deals if status_contradictions(deal=deal)} == {}


def test_the_checks_find_each_contradiction_on_curated_deals():
    india, china, turkey = (Deal.objects.get(slug=s) for s in ("ru-in-s-400", "ru-cn-s-400", "ru-tr-s-400"))
    assert [c.message for c in status_contradictions(deal=india, status="delivered")] == [NO_DELIVERY]
    [reported] = status_contradictions(deal=turkey, status="reported")
    assert reported.refused and reported.message.startswith(
        "The deal “ru-tr-s-400” (RU → TR: four divisions of S-400 air defense systems) cannot be reported: it has a dated signed contract (“Agreement on"
    )
    # China's deal rests on excerpts saying China "bought" it; without them nothing says it was signed.
    assert status_contradictions(deal=china) == []
    china.citations.update(excerpt="The S-400 complex was discussed with China.")
    [unsigned] = status_contradictions(deal=china)
    assert not unsigned.refused and "is saved as signed, but it has no contract" in unsigned.message


def test_a_statement_asserting_talks_is_no_signature():
    """Qatar's deal cites talks: an official asserting that the two sides "were discussing this
    issue" says nothing of a signature, so saving the deal as signed is warned about."""
    qatar = Deal.objects.get(slug="ru-qa-s-400")
    assert qatar.statements.filter(stance="asserts").exists()
    [unsigned] = status_contradictions(deal=qatar, status="signed")
    assert "is saved as signed, but it has no contract" in unsigned.message
    # Belarus's S-300PS, decided and scheduled ("will enter service"), passes as signed.
    assert status_contradictions(deal=Deal.objects.get(slug="ru-by-s-300ps"), status="signed") == []


def change(admin_client, deal, **fields):
    url = reverse("admin:deals_deal_change", args=[deal.pk])
    data = form_values(admin_client.get(url).content.decode(), "deal_form")
    return admin_client.post(url, data | fields | {"_continue": "Save and continue"})


def warnings(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_admin_saves_delivered_without_a_delivery_and_warns_naming_the_deal(admin_client):
    deal = Deal.objects.get(slug="ru-in-s-400")
    response = change(admin_client, deal, status="delivered")
    assert response.status_code == 302
    assert warnings(response) == [NO_DELIVERY]
    assert Deal.objects.get(pk=deal.pk).status == "delivered"
    # The change form the editor lands on shows it.
    assert NO_DELIVERY in admin_client.get(response.url).content.decode()


def test_admin_refuses_reported_with_a_dated_contract_and_keeps_the_form(admin_client):
    deal = Deal.objects.get(slug="ru-in-s-400")
    response = change(admin_client, deal, status="reported", summary="Typed by the editor.")
    page = response.content.decode()
    assert response.status_code == 200
    assert "The deal “ru-in-s-400” (RU → IN: five regiments of the latest air defense systems) cannot be reported: it has a dated signed contract" in page
    assert "Typed by the editor." in page  # the form comes back as typed
    deal.refresh_from_db()
    assert (deal.status, deal.version) == ("signed", 1)


def test_admin_accepts_reported_once_the_contract_row_is_removed_on_the_same_form(admin_client):
    deal = Deal.objects.get(slug="ru-in-s-400")
    contract = deal.contracts.get()
    response = change(admin_client, deal, status="reported", **{"contracts-0-DELETE": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not deal.contracts.filter(pk=contract.pk).exists()
    assert Deal.objects.get(pk=deal.pk).status == "reported"


def test_admin_consistent_save_shows_no_warning(admin_client):
    deal = Deal.objects.get(slug="ru-tr-s-400")
    response = change(admin_client, deal, summary="Delivered in 2019.")
    assert response.status_code == 302
    assert warnings(response) == []
    assert Deal.objects.get(pk=deal.pk).summary == "Delivered in 2019."


def test_admin_unknown_status_is_a_form_error_not_a_check_failure(admin_client):
    deal = Deal.objects.get(slug="ru-in-s-400")
    response = change(admin_client, deal, status="sold")
    assert response.status_code == 200
    assert "Select a valid choice. sold is not one of the available choices." in response.content.decode()
    assert Deal.objects.get(pk=deal.pk).status == "signed"
