"""An editor can browse every curated record in the admin."""
import pytest
from django.urls import reverse

from deals.models import Contract, Deal, Delivery, Event, Source, Statement

pytestmark = pytest.mark.django_db


def test_every_curated_deal_opens_in_the_admin_with_its_contracts_and_citations(admin_client):
    for deal in Deal.objects.prefetch_related("contracts", "citations"):
        response = admin_client.get(reverse("admin:deals_deal_change", args=[deal.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert deal.slug in page
        for contract in deal.contracts.all():
            assert contract.description[:40] in page
        for citation in deal.citations.all():
            assert citation.excerpt[:30].replace("'", "&#x27;").replace('"', "&quot;") in page


@pytest.mark.parametrize("model", [Contract, Delivery, Statement, Event, Source], ids=lambda m: m.__name__)
def test_curated_facts_open_in_the_admin(admin_client, model):
    for obj in model.objects.all():
        url = reverse(f"admin:deals_{model._meta.model_name}_change", args=[obj.pk])
        assert admin_client.get(url).status_code == 200


def test_deal_list_filters_by_status_and_recipient(admin_client):
    response = admin_client.get(reverse("admin:deals_deal_changelist"), {"status__exact": "negotiating", "recipient__code__exact": "TR"})
    assert response.status_code == 200
    shown = {deal.slug for deal in response.context["cl"].result_list}
    assert shown == {"ru-tr-s-400-second-batch", "ru-tr-military-products"}


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:deals_deal_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def autocomplete_countries(admin_client, term):
    response = admin_client.get(
        "/admin/autocomplete/", {"app_label": "deals", "model_name": "deal", "field_name": "supplier", "term": term}
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize("term, first", [("Russia", "Russia"), ("russ", "Russia"), ("TR", "Turkey"), ("Ankara", "Turkey")])
def test_country_autocomplete_puts_the_exact_and_prefix_matches_first(admin_client, term, first):
    found = autocomplete_countries(admin_client, term)

    assert found[0] == first


def test_country_autocomplete_still_finds_a_country_by_an_alias_inside_it(admin_client):
    found = autocomplete_countries(admin_client, "Russia")

    assert found.index("Russia") < found.index("Belarus")  # Belarus by "Byelorussia"


def test_a_deal_has_one_name_on_its_page_in_search_and_in_the_admin_picker(admin_client):
    first, second = Deal.objects.get(slug="ru-tr-s-400"), Deal.objects.get(slug="ru-tr-s-400-second-batch")
    picker = admin_client.get(
        "/admin/autocomplete/", {"app_label": "deals", "model_name": "statement", "field_name": "deals", "term": "S-400"}
    ).json()["results"]
    search = admin_client.get("/api/search/", {"q": "S-400", "kind": "deal"}).json()["results"]

    for deal in (first, second):
        name = "RU → TR: " + deal.subject
        assert str(deal) == deal.label == name
        assert f"<h1>{name}</h1>" in admin_client.get(deal.get_absolute_url()).content.decode()
        assert {"id": str(deal.pk), "text": name} in picker
        assert name in [hit["title"] for hit in search if hit["url"].endswith(deal.get_absolute_url())]
    assert first.label != second.label  # the two deals of one pair for one system read differently
