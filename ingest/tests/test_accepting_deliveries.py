"""Accepting the new kinds of draft end to end: deliveries (actual and planned) on their deal
with the evidence as citation, money never more certain than the text (a hedged sum is the
deal's reported value, never a signed contract's), organisations and new weapon systems."""
import pytest
from django.urls import reverse

from deals.models import Contract, Deal, Delivery, Organisation, WeaponSystem
from ingest.models import Draft, DraftStatus

from .test_accepting import decide, draft_of, editor, ingest  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def _accepted(draft):
    draft.refresh_from_db()
    return draft.status == DraftStatus.ACCEPTED


def test_an_actual_delivery_is_created_on_the_deal_with_the_evidence_cited(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    text = "India signed a contract for the S-400 in 2018.\nRussia delivered the first regiment in December, Interfax reported."
    article = ingest(editor, text, published="March 1, 2022")
    draft = draft_of(article, "delivery")
    assert decide(editor, draft, deal=deal.pk).status_code == 302 and _accepted(draft)
    delivery = Delivery.objects.get(pk=draft.value["accepted"]["pk"])
    assert (delivery.deal, delivery.kind, delivery.quantity, delivery.quantity_unit) == (deal, "actual", 1, "regiments")
    assert (delivery.date_words, str(delivery.date_earliest)) == ("in December", "2021-12-01")
    assert delivery.citations.get().excerpt == "Russia delivered the first regiment in December, Interfax reported."
    page = editor.get(deal.get_absolute_url()).content.decode()
    assert f'id="delivery-{delivery.pk}"' in page


def test_a_planned_delivery_is_created_as_planned(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    text = "Deliveries of the S-400 to India are scheduled for 2025, the ministry said."
    article = ingest(editor, text, published="March 1, 2022")
    draft = draft_of(article, "delivery")
    assert draft.value["planned"] is True
    assert decide(editor, draft, deal=deal.pk).status_code == 302
    delivery = deal.deliveries.get(citations__excerpt=text)
    assert (delivery.kind, delivery.date_edtf) == ("planned", "2025")


def test_a_delivery_with_a_quantity_and_no_unit_is_refused_with_a_message(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    article = ingest(editor, "Deliveries of the S-400 to India are scheduled for 2025.", published="March 1, 2022")
    before = Delivery.objects.count()
    response = decide(editor, draft_of(article, "delivery"), deal=deal.pk, quantity=2, unit="")
    assert response.status_code == 200 and "Give a quantity with its unit, or neither." in response.content.decode()
    assert Delivery.objects.count() == before


def test_a_hedged_sum_never_becomes_a_signed_contract(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    contracts = Contract.objects.count()
    text = "A contract for more S-400 systems worth $2 billion could be signed with India by the end of the year."
    article = ingest(editor, text, published="March 1, 2022")
    [deal_draft] = article.drafts.filter(kind="deal")
    assert deal_draft.value["status"] == "negotiating"
    money = draft_of(article, "money")
    assert decide(editor, money, deal=deal.pk).status_code == 302 and _accepted(money)
    assert Contract.objects.count() == contracts
    deal.refresh_from_db()
    assert (deal.reported_value_amount, deal.reported_value_currency, deal.reported_value_certainty) == (2_000_000_000, "USD", "expected")
    page = editor.get(deal.get_absolute_url()).content.decode()
    assert "Expected value" in page and "not a signed contract" in page
    terms = page.split('id="contract-terms"')[1]
    assert "USD 2,000,000,000" not in terms and "USD 2000000000" not in terms
    assert not Contract.objects.filter(deal=deal, value_amount=2_000_000_000).exists()


def test_a_reported_sum_is_recorded_as_reported(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    article = ingest(editor, "India paid $300 million for S-400 spares, Interfax reported.", published="March 1, 2022")
    money = draft_of(article, "money")
    assert decide(editor, money, deal=deal.pk, certainty="reported").status_code == 302
    deal.refresh_from_db()
    assert (deal.reported_value_amount, deal.reported_value_certainty) == (300_000_000, "reported")
    assert not deal.contracts.filter(value_amount=300_000_000).exists()


def _draft(article, kind, value, words):
    start = article.text.index(words)
    return Draft.objects.create(article=article, kind=kind, start=0, end=len(article.text),
                                words_start=start, words_end=start + len(words), value=value)


def test_an_organisation_draft_creates_the_organisation(editor):
    article = ingest(editor, "The Cairo Institute for Defence Studies said the talks went well.", published="March 1, 2022")
    draft = _draft(article, "organisation", {"name": "Cairo Institute for Defence Studies", "kind": "company", "country": "EG"},
                   "Cairo Institute for Defence Studies")
    assert decide(editor, draft).status_code == 302 and _accepted(draft)
    organisation = Organisation.objects.get(name="Cairo Institute for Defence Studies")
    assert (organisation.kind, organisation.country_id) == ("company", "EG")


def test_a_system_the_base_does_not_know_is_created_on_accept(editor):
    article = ingest(editor, "Egypt has shown interest in the Chinese HQ-9, officials said.", published="March 1, 2022")
    draft = draft_of(article, "system", name="HQ-9")
    assert draft.value["slug"] == "" and draft.value["maker_named"] == "CN"
    review = editor.get(reverse("admin:ingest_article_review", args=[article.pk])).content.decode()
    assert "HQ-9 — not in the base yet" in review
    assert decide(editor, draft).status_code == 302
    system = WeaponSystem.objects.get(name="HQ-9")
    assert (system.maker_country_id, system.category) == ("CN", "air_defence")


def test_a_delivery_described_by_a_sentence_opening_with_a_dateline_begins_with_the_news(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    text = ("NEW DELHI, March 1 (Wire) - Russia delivered the first S-400 regiment to India in December, officials said.\n"
            "India signed for five regiments in 2018.")
    article = ingest(editor, text, published="March 1, 2022")
    draft = draft_of(article, "delivery")
    assert draft.summary.endswith(", 1 regiment, in December")  # one regiment, not "1 regiments"
    assert decide(editor, draft, deal=deal.pk).status_code == 302 and _accepted(draft)
    delivery = Delivery.objects.get(pk=draft.value["accepted"]["pk"])
    assert delivery.description.startswith("Russia delivered the first S-400 regiment to India in December")
    assert delivery.citations.get().excerpt.startswith("NEW DELHI, March 1 (Wire) - Russia delivered")


def test_squadrons_are_accepted_as_the_regiments_they_are_with_the_words_kept(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    text = "India signed a contract for five S-400 squadrons in 2018.\nRussia has handed over three squadrons, the ministry said."
    article = ingest(editor, text, published="March 1, 2022")
    draft = draft_of(article, "delivery")
    assert draft.value["unit"] == "squadrons"
    assert decide(editor, draft, deal=deal.pk).status_code == 302 and _accepted(draft)
    delivery = Delivery.objects.get(pk=draft.value["accepted"]["pk"])
    assert (delivery.quantity, delivery.quantity_unit, delivery.quantity_words) == (3, "regiments", "three squadrons")


def test_one_waiting_draft_and_a_delivery_of_one_read_in_the_singular(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    text = "India signed a contract for the S-400 in 2018.\nRussia delivered the first regiment in December, Interfax reported."
    article = ingest(editor, text, published="March 1, 2022")
    page = editor.get(reverse("admin:ingest_article_review", args=[article.pk])).content.decode()
    assert "Accept the 1 delivery</button>" in page and "Accept all 1 " not in page
    draft = draft_of(article, "delivery")
    response = decide(editor, draft, deal=deal.pk)
    assert response.status_code == 302
    assert "Created an actual delivery #" in " ".join(m.message for m in response.wsgi_request._messages)
    assert "(the first regiment: 1 regiment)" in editor.get(deal.get_absolute_url()).content.decode()


def test_a_hand_over_told_again_in_a_quotation_waits_as_one_delivery_and_is_created_once(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    text = ("NEW DELHI - Russia handed over two S-400 regiments to India last month, the ministry said.\n\n"
            "\"The two regiments arrived last month,\" the minister told parliament.")
    article = ingest(editor, text, published="March 1, 2022")
    draft = draft_of(article, "delivery")  # one draft, not one per telling
    assert (draft.value["quantity"], draft.value["cue"]) == (2, "handed over")
    before = deal.deliveries.count()
    assert decide(editor, draft, deal=deal.pk).status_code == 302 and _accepted(draft)
    assert deal.deliveries.count() == before + 1


def test_a_count_of_a_hand_over_is_the_deliverys_not_a_new_contract(editor):
    from .test_editing import decide_all

    deal = Deal.objects.get(slug="ru-in-s-400")
    contracts, deliveries = deal.contracts.count(), deal.deliveries.count()
    text = ("India signed for five S-400 squadrons in 2018.\n"
            "New Delhi has so far received three of its five squadrons, a ministry official said on Monday.")
    article = ingest(editor, text, published="March 1, 2023")
    three = draft_of(article, "quantity", quantity=3)
    # accepting all the counts first leaves the hand-over's count to its delivery draft, with a message
    page = decide_all(editor, article, "quantity", "accept").content.decode()
    three.refresh_from_db()
    assert three.status == DraftStatus.PENDING and "count of the delivery drafted from the same sentence" in page
    assert deal.contracts.filter(quantity=3).count() == 0 and deal.contracts.count() <= contracts + 1
    # the delivery records it; the count then cites that delivery, no second one
    delivery_draft = draft_of(article, "delivery")
    assert decide(editor, delivery_draft, deal=deal.pk).status_code == 302 and _accepted(delivery_draft)
    assert decide(editor, three, deal=deal.pk).status_code == 302 and _accepted(three)
    assert deal.deliveries.count() == deliveries + 1
    delivery = deal.deliveries.get(pk=delivery_draft.value["accepted"]["pk"])
    assert (delivery.kind, delivery.quantity, delivery.quantity_unit) == ("actual", 3, "regiments")
    assert three.value["accepted"]["pk"] == str(delivery.pk)


def test_the_count_of_a_rejected_hand_over_creates_no_delivery(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    deliveries = deal.deliveries.count()
    text = ("India signed for five S-400 squadrons in 2018.\n"
            "New Delhi has so far received three of its five squadrons, a ministry official said on Monday.")
    article = ingest(editor, text, published="March 1, 2023")
    assert decide(editor, draft_of(article, "delivery"), "reject").status_code == 302
    three = draft_of(article, "quantity", quantity=3)
    response = decide(editor, three, deal=deal.pk)
    assert response.status_code == 200 and "which was rejected: reject this count too" in response.content.decode()
    assert deal.deliveries.count() == deliveries


def test_a_second_reported_sum_does_not_replace_the_one_the_deal_holds(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    first = ingest(editor, "India paid $300 million for S-400 spares, Interfax reported.", published="March 1, 2022")
    assert decide(editor, draft_of(first, "money"), deal=deal.pk, certainty="reported").status_code == 302
    second = ingest(editor, "A follow-on S-400 package for India could be worth $1.2 billion, officials said.",
                    published="May 3, 2022")
    money = draft_of(second, "money")
    response = decide(editor, money, deal=deal.pk, certainty="expected")
    assert response.status_code == 200
    assert "ru-in-s-400 already has a reported value, USD 300,000,000 (“$300 million”)" in response.content.decode()
    deal.refresh_from_db()
    assert (deal.reported_value_amount, deal.reported_value_certainty) == (300_000_000, "reported")
    assert not _accepted(money)
    # The same figure again (another article repeating it) is cited, not refused.
    again = ingest(editor, "India's S-400 spares cost $300 million, according to Interfax.", published="June 3, 2022")
    assert decide(editor, draft_of(again, "money"), deal=deal.pk, certainty="expected",
                  value_words="some $300 million").status_code == 302
    deal.refresh_from_db()  # cited, the value as first recorded kept
    assert (deal.reported_value_certainty, deal.reported_value_words) == ("reported", "$300 million")
    assert deal.citations.filter(source__title__startswith="India's S-400 spares").exists()
