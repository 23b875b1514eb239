"""The read model follows the admin's saves and accepting an ingestion draft (the services,
the admin's deletes and the rebuild are tested in deals/tests/test_read_model.py)."""
import datetime

import pytest
from django.urls import reverse

from deals.models import Contract, Deal, TimelineItem
from deals.tests.test_read_model import assert_as_rebuilt, fresh_content_types, links, summary  # noqa: F401
from ingest.tests.helpers import form_values, user_in
from ingest.tests.test_accepting import decide, draft_of, ingest

pytestmark = pytest.mark.django_db


def test_an_admin_change_of_a_contracts_date_moves_the_deals_dates(admin_client):
    contract = Contract.objects.filter(deal__slug="ru-in-s-400").order_by("date_earliest", "pk").first()
    url = reverse("admin:deals_contract_change", args=[contract.pk])
    data = form_values(admin_client.get(url).content.decode(), "contract_form")
    response = admin_client.post(url, data | {"date_words": "", "date_edtf": "1999-02", "_save": "Save"})
    assert response.status_code == 302
    row = summary(contract.deal)
    assert (row.first_date, row.signed_edtf) == (datetime.date(1999, 2, 1), "1999-02")
    assert TimelineItem.objects.get(pk=f"contract-{contract.pk}").date_edtf == "1999-02"
    page = admin_client.get(reverse("deals:deal_list"), {"recipient": "IN", "sort": "first_date"}).content.decode()
    assert "1999" in page
    assert_as_rebuilt()


def test_accepting_an_ingested_delivery_puts_it_on_the_deals_timeline(client):
    client.force_login(user_in("editors", "alice"))
    deal = Deal.objects.get(slug="ru-in-s-400")
    text = "India signed a contract for the S-400 in 2018.\nRussia delivered the first regiment in December, Interfax reported."
    article = ingest(client, text, published="November 1, 2026")
    draft = draft_of(article, "delivery")
    assert decide(client, draft, deal=deal.pk).status_code == 302
    draft.refresh_from_db()
    item = f"delivery-{draft.value['accepted']['pk']}"
    assert TimelineItem.objects.get(pk=item).date_edtf == "2025-12"
    assert links(item, "deal_id") == {deal.pk}
    assert summary(deal).last_date == datetime.date(2025, 12, 31)
    assert_as_rebuilt()
