"""Accepting drafts through the review page, end to end: the date stored is the one shown,
the deal linked and its status change are the ones the form shows (with an optimistic lock),
speakers are never a wrong person, and records that gain something show that they changed."""
import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from deals.models import Citation, Contract, Deal, Event, Organisation, Person, Statement
from history.models import Change
from ingest.models import Article, DraftStatus

from .helpers import draft_post, form_values, user_in

pytestmark = pytest.mark.django_db

INGEST = reverse("admin:ingest_article_ingest")


@pytest.fixture
def editor(client):
    client.force_login(user_in("editors", "alice"))
    return client


def ingest(client, text, *, outlet="interfax", published="June 9, 2021"):
    data = {"outlet": Organisation.objects.get(slug=outlet).pk, "published": published, "title": "", "text": text}
    response = client.post(INGEST, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Article.objects.get(text=text.replace("\r\n", "\n"))


def draft_of(article, kind, **value):
    drafts = [d for d in article.drafts.filter(kind=kind) if all(d.value.get(k) == v for k, v in value.items())]
    assert len(drafts) == 1, [d.value for d in article.drafts.filter(kind=kind)]
    return drafts[0]


def decide(client, draft, action="accept", **changes):
    url = reverse("admin:ingest_article_decide", args=[draft.article_id, draft.pk])
    return client.post(url, draft_post(draft, action, **changes))


def review(client, article) -> str:
    return client.get(reverse("admin:ingest_article_review", args=[article.pk])).content.decode()


def counts():
    return {model.__name__: model.objects.count() for model in (Citation, Contract, Deal, Event, Person, Statement)}


# --- 1. the date stored is the date shown -----------------------------------------------

QATAR = (
    "Qatar talks stall\n"
    "In February 2019, it was reported that Moscow was negotiating with Doha on S-400 supplies. "
    "A year earlier, Dmitry Peskov said that Qatar had asked for the systems. "
    "At the time, the Saudi authorities threatened Qatar."
)


def test_an_anaphoric_date_is_stored_as_the_review_page_showed_it(editor):
    article = ingest(editor, QATAR)
    draft = draft_of(article, "date", words="A year earlier")
    assert draft.summary == "A year earlier → 2018-02 (2018-02-01 to 2018-02-28, resolved against the previous date)"
    assert "“A year earlier” was read as 2018-02 (1 February 2018 to 28 February 2018)" in review(editor, article)

    assert decide(editor, draft).status_code == 302
    event = Event.objects.get(citations__excerpt=draft.evidence)
    assert (event.date_words, event.date_edtf, event.date_basis) == ("A year earlier", "2018-02", "resolved")
    assert (event.date_earliest, event.date_latest) == (datetime.date(2018, 2, 1), datetime.date(2018, 2, 28))


def test_at_the_time_is_offered_as_no_date_of_its_own(editor):
    # "At the time" only points back at the last date named: drafted, it was read on unseen
    # articles as a bare year the text never gave (issue 11), so the editor is offered the
    # date it points back at ("In February 2019", "A year earlier") and not the words.
    article = ingest(editor, QATAR)
    assert [d.value["words"] for d in article.drafts.filter(kind="date")] == ["In February 2019", "A year earlier"]


def test_a_statement_keeps_the_anaphoric_date_of_its_sentence(editor):
    article = ingest(editor, QATAR)
    draft = draft_of(article, "statement", speaker="Dmitry Peskov")
    assert decide(editor, draft).status_code == 302
    statement = Statement.objects.get(text="Qatar had asked for the systems")
    assert (statement.date_words, statement.date_edtf) == ("A year earlier", "2018-02")


def test_date_words_the_editor_types_resolve_against_the_publication_date(editor):
    article = ingest(editor, QATAR)
    draft = draft_of(article, "date", words="A year earlier")
    assert decide(editor, draft, date_words="a month earlier").status_code == 302
    event = Event.objects.get(citations__excerpt=draft.evidence)
    assert (event.date_words, event.date_edtf) == ("a month earlier", "2021-05-09")


# --- 2 and 5. speakers ------------------------------------------------------------------

EGYPT = (
    "Egypt signs S-400 deal with Russia\n"
    "The contract is worth $2.1 billion, the newspaper Kommersant wrote last month. "
    "Cairo will receive two regiments of the systems, news agency Interfax reported.\n"
    "In October, a senior Egyptian official said that Cairo was studying several options, "
    "and Washington has repeatedly warned that the purchase could lead to sanctions. "
    "\"We have made our concerns very clear to our partners in Cairo,\" State Department spokesman "
    "Ned Price told reporters on Wednesday."
)


def test_an_outlet_is_drafted_and_accepted_as_a_body_never_a_person(editor):
    article = ingest(editor, EGYPT, published="January 14, 2022")
    people = Person.objects.count()
    interfax = draft_of(article, "statement", speaker="Interfax")
    assert decide(editor, interfax).status_code == 302
    statement = Statement.objects.get(text="Cairo will receive two regiments of the systems")
    assert (statement.speaker, statement.organisation.slug) == (None, "interfax")

    kommersant = draft_of(article, "statement", speaker="Kommersant")
    response = decide(editor, kommersant)
    assert response.status_code == 200
    assert "No body or outlet named “Kommersant” is in the base" in response.content.decode()
    assert Person.objects.count() == people and not Person.objects.filter(name="Kommersant").exists()


def test_an_unnamed_official_speaks_for_the_government_of_the_country_the_article_gives(editor):
    article = ingest(editor, EGYPT, published="January 14, 2022")
    draft = draft_of(article, "statement", speaker="Egypt")
    assert draft.summary.startswith("unnamed senior Egyptian official, for Egypt, In October")
    assert draft.words == "Cairo was studying several options"
    assert 'value="Government of Egypt"' in review(editor, article)

    # Cleared, the speaker is nobody: the editor is asked for the body.
    before = counts()
    response = decide(editor, draft, organisation="")
    assert response.status_code == 200
    assert "The article does not name this speaker (senior Egyptian official)" in response.content.decode()
    assert counts() == before

    # As proposed, the government body is created with the statement, and the result says so.
    assert not Organisation.objects.filter(name="Government of Egypt").exists()
    assert decide(editor, draft).status_code == 302
    statement = Statement.objects.get(text="Cairo was studying several options")
    body = statement.organisation
    assert (body.name, body.kind, body.country_id, statement.speaker_id) == ("Government of Egypt", "government", "EG", None)
    assert statement.speaker_role == "senior Egyptian official"
    draft.refresh_from_db()
    assert draft.result.endswith("(created the body Government of Egypt)")

    washington = draft_of(article, "statement", speaker="United States")
    assert washington.words == "the purchase could lead to sanctions"
    assert decide(editor, washington).status_code == 302
    assert Statement.objects.get(text="the purchase could lead to sanctions").organisation.slug == "us-government"


def test_a_role_does_not_silently_follow_a_speaker_the_editor_renamed(editor):
    article = ingest(editor, EGYPT, published="January 14, 2022")
    draft = draft_of(article, "statement", speaker="Ned Price")
    before = counts()
    response = decide(editor, draft, speaker="Antony Blinken")
    assert response.status_code == 200
    assert "“State Department spokesman” was read for Ned Price, not Antony Blinken" in response.content.decode()
    assert counts() == before

    assert decide(editor, draft, speaker="Antony Blinken", role="Secretary of State").status_code == 302
    statement = Statement.objects.get(text__startswith="We have made our concerns")
    assert (statement.speaker.name, statement.speaker_role) == ("Antony Blinken", "Secretary of State")


def test_a_confirmed_role_goes_with_the_new_speaker(editor):
    article = ingest(editor, EGYPT, published="January 14, 2022")
    draft = draft_of(article, "statement", speaker="Ned Price")
    assert decide(editor, draft, speaker="Edward Price", role_confirmed="on").status_code == 302
    statement = Statement.objects.get(text__startswith="We have made our concerns")
    assert (statement.speaker.name, statement.speaker_role) == ("Edward Price", "State Department spokesman")


# --- 4 and 8. which deal, what changes, and the lock --------------------------------------

SECOND_BATCH = (
    "Russia and Turkey are negotiating the supply of a second batch of S-400 systems, "
    "Dmitry Shugaev told Interfax on Monday."
)


def deal_card(page: str, draft) -> str:
    return page.split(f'id="draft-{draft.pk}"')[1].split("</article>")[0]


def test_a_second_batch_links_the_open_deal_not_the_delivered_one(editor):
    article = ingest(editor, SECOND_BATCH, published="March 1, 2022")
    draft = draft_of(article, "deal")
    card = deal_card(review(editor, article), draft)
    second = Deal.objects.get(slug="ru-tr-s-400-second-batch")
    assert re.search(rf'<option value="{second.pk}" selected>ru-tr-s-400-second-batch — now negotiating</option>', card)
    assert "Accepting cites this article for ru-tr-s-400-second-batch; its status stays negotiating." in card

    assert decide(editor, draft).status_code == 302
    assert Deal.objects.get(slug="ru-tr-s-400").status == "delivered"
    assert second.citations.filter(excerpt=SECOND_BATCH).exists()
    assert not Deal.objects.get(slug="ru-tr-s-400").citations.filter(excerpt=SECOND_BATCH).exists()


def test_linking_another_deal_whose_status_would_change_is_shown_before_it_happens(editor):
    article = ingest(editor, SECOND_BATCH, published="March 1, 2022")
    draft = draft_of(article, "deal")
    first = Deal.objects.get(slug="ru-tr-s-400")
    before = counts()
    response = decide(editor, draft, link=str(first.pk), status="suspended")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Accepting would change ru-tr-s-400’s status from delivered to suspended" in page
    assert "Accepting links this draft to ru-tr-s-400 and changes its status from delivered to suspended." in page
    first.refresh_from_db()
    assert first.status == "delivered" and counts() == before

    # Sent again from the form as it is now shown, the change is what the editor saw.
    again = form_values(page, f"decide-{draft.pk}") | {"action": "accept"}
    assert again[f"d{draft.pk}-loaded_version"] == f"{first.pk}:{first.version}"
    assert editor.post(reverse("admin:ingest_article_decide", args=[article.pk, draft.pk]), again).status_code == 302
    first.refresh_from_db()
    assert first.status == "suspended"
    change = Change.objects.for_object(first).filter(via="ingest").get()
    assert {"field": "status", "label": "status", "old": "delivered", "new": "suspended"} in change.fields


def test_a_status_moving_a_deal_on_is_proposed_and_shown(editor):
    text = "Deliveries of S-400 systems to India began in December 2021, Interfax reported."
    article = ingest(editor, text, published="January 14, 2022")
    draft = draft_of(article, "deal")
    assert "Accepting links this draft to ru-in-s-400 and changes its status from signed to delivering." in deal_card(review(editor, article), draft)
    decide(editor, draft)
    assert Deal.objects.get(slug="ru-in-s-400").status == "delivering"
    draft.refresh_from_db()
    assert draft.result == "Linked to the existing deal ru-in-s-400 and changed its status from signed to delivering"


def test_a_status_its_facts_do_not_support_yet_is_accepted_with_a_warning_naming_the_deal(editor):
    text = "Deliveries of S-400 systems to India began in December 2021, Interfax reported."
    article = ingest(editor, text, published="January 14, 2022")
    draft = draft_of(article, "deal")
    response = decide(editor, draft)
    assert response.status_code == 302
    assert Deal.objects.get(slug="ru-in-s-400").status == "delivering"
    warning = ("The deal “ru-in-s-400” (RU → IN: five regiments of the latest air defense systems) is saved as delivering, but it has no actual delivery. "
               "Add the delivery the source reports (kind “actual”), or choose an earlier status.")
    assert [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"] == [warning]
    assert warning in editor.get(response.url).content.decode()


def test_a_status_before_the_deals_dated_contract_is_refused_and_nothing_written(editor):
    article = ingest(editor, SECOND_BATCH, published="March 1, 2022")
    draft = draft_of(article, "deal")
    first = Deal.objects.get(slug="ru-tr-s-400")
    data = draft_post(draft, link=str(first.pk), status="negotiating")
    data[f"d{draft.pk}-loaded_version"] = f"{first.pk}:{first.version}"  # the form showed this deal
    before = counts()
    response = editor.post(reverse("admin:ingest_article_decide", args=[article.pk, draft.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The deal “ru-tr-s-400” (RU → TR: four divisions of S-400 air defense systems) cannot be negotiating: it has a dated signed contract" in page
    assert "talks on a further batch are a deal of their own" in page
    first.refresh_from_db()
    assert (first.status, counts()) == ("delivered", before)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING


def test_a_status_its_facts_support_is_accepted_without_a_warning(editor):
    article = ingest(editor, SECOND_BATCH, published="March 1, 2022")
    response = decide(editor, draft_of(article, "deal"))
    assert response.status_code == 302
    assert [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"] == []


def test_a_post_without_the_loaded_version_is_refused(editor):
    article = ingest(editor, SECOND_BATCH, published="March 1, 2022")
    draft = draft_of(article, "deal")
    data = draft_post(draft)
    del data[f"d{draft.pk}-loaded_version"]
    before = counts()
    response = editor.post(reverse("admin:ingest_article_decide", args=[article.pk, draft.pk]), data)
    assert response.status_code == 200
    assert "This form did not say which version of the deal it showed, so nothing was written" in response.content.decode()
    assert counts() == before
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING


def test_a_deal_changed_since_the_page_was_loaded_is_not_overwritten(editor):
    article = ingest(editor, SECOND_BATCH, published="March 1, 2022")
    draft = draft_of(article, "deal")
    data = draft_post(draft, status="signed")  # the editor moves the second batch on to "signed"
    second = Deal.objects.get(slug="ru-tr-s-400-second-batch")
    Deal.objects.filter(pk=second.pk).update(status="cancelled", version=second.version + 1)  # meanwhile, in the admin

    response = editor.post(reverse("admin:ingest_article_decide", args=[article.pk, draft.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "ru-tr-s-400-second-batch was changed by someone else after you opened this page" in page
    assert "status cancelled" in page
    second.refresh_from_db()
    assert (second.status, second.citations.filter(excerpt=SECOND_BATCH).exists()) == ("cancelled", False)


# --- 6. records that gain something show that they changed ------------------------------


def test_citing_an_existing_deal_moves_its_last_changed_time_and_records_it(editor):
    deal = Deal.objects.get(slug="ru-tr-s-400-second-batch")
    Deal.objects.filter(pk=deal.pk).update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    article = ingest(editor, SECOND_BATCH, published="March 1, 2022")
    decide(editor, draft_of(article, "deal"))
    deal.refresh_from_db()
    article.refresh_from_db()
    assert deal.updated_at.year > 2020 and deal.version == 1
    change = Change.objects.for_object(deal).filter(via="ingest").get()  # besides the curated load's
    assert (change.action, change.via, change.username) == ("changed", "ingest", "alice")
    [field] = change.fields
    assert field["label"] == "last changed" and field["old"] == "2020-01-01 00:00:00"
    assert field["new"].endswith(f"added a citation of {article.source.slug}")


def test_a_contract_added_to_an_existing_deal_moves_the_deals_last_changed_time(editor):
    deal = Deal.objects.get(slug="ru-in-s-400")
    Deal.objects.filter(pk=deal.pk).update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    # Stated, not future or reported: a sum the article only expects is a reported value, not a contract.
    text = "India has paid another $1.2 billion for S-400 missiles, the ministry said."
    article = ingest(editor, text, published="January 14, 2022")
    assert decide(editor, draft_of(article, "money"), deal=deal.pk).status_code == 302
    contract = deal.contracts.get(value_words="$1.2 billion")
    deal.refresh_from_db()
    assert deal.updated_at.year > 2020
    assert Change.objects.for_object(deal).filter(via="ingest").get().fields[0]["new"].endswith(f"added contract #{contract.pk}")


# --- 7. sizes ---------------------------------------------------------------------------


def test_a_large_upload_is_reported_with_its_real_size(editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"outlet": Organisation.objects.get(slug="interfax").pk, "published": "2021", "text": ""}
    five = editor.post(INGEST, data | {"file": SimpleUploadedFile("big.txt", b"a" * 5_200_000)}).content.decode()
    assert "“big.txt” is 5.2 MB; at most 1 MB is accepted." in five
    just = editor.post(INGEST, data | {"file": SimpleUploadedFile("just.txt", b"a" * 1_000_001)}).content.decode()
    assert "“just.txt” is 1,000,001 bytes, more than 1 MB; at most 1 MB is accepted." in just
    assert not Article.objects.exists()


@pytest.mark.parametrize("size", [1_000_001, 3_000_000])
def test_pasted_text_over_1_mb_gets_the_forms_message_not_a_bare_400(editor, size):
    data = {"outlet": Organisation.objects.get(slug="interfax").pk, "published": "2021", "text": "a" * size}
    response = editor.post(INGEST, data)
    assert response.status_code == 200
    assert "The article is longer than 1 MB; ingest the article alone." in response.content.decode()
    assert not Article.objects.exists()



# --- 5. accept-all: the deal a count follows on from; a date recorded once ------------------


def accept_all(client, article, kind) -> list[str]:
    response = client.post(reverse("admin:ingest_article_decide_all", args=[article.pk]),
                           {"kind": kind, "action": "accept"}, follow=True)
    return [str(m) for m in response.context["messages"]]


CAIRO = (
    "CAIRO, May 4 (Interfax) - Russia has signed a contract to supply S-400 systems to Egypt, an Egyptian official said.\n"
    "The deal covers four regiments, the official said.\n"
    "Two more S-400 regiments may follow later, he added."
)


def test_accept_all_gives_a_count_the_articles_accepted_deal_and_leaves_a_hedged_count_waiting(editor):
    article = ingest(editor, CAIRO, published="May 4, 2021")
    four, two = draft_of(article, "quantity", quantity=4), draft_of(article, "quantity", quantity=2)
    # the deal draft waits: the counts wait too, and the message names it
    [waiting] = [m for m in accept_all(editor, article, "quantity") if m.startswith("Not accepted")]
    deal_draft = draft_of(article, "deal")
    assert f"accept the article's deal drafts first: #{deal_draft.pk} (RU → EG: S-400 Triumf)" in waiting
    assert "the count is conditional or hedged" in waiting and not Contract.objects.filter(deal__recipient="EG").exists()

    assert "Accepted 1 of 1 deals." in accept_all(editor, article, "deal")
    deal = Deal.objects.get(recipient="EG", system__slug="s-400")
    messages = accept_all(editor, article, "quantity")
    assert "Accepted 1 of 2 quantities." in messages
    four.refresh_from_db(), two.refresh_from_db()
    contract = deal.contracts.get()
    assert (contract.quantity, contract.quantity_unit) == (4, "regiments")
    assert four.value["accepted"] == {"model": "contract", "pk": str(contract.pk)}
    # "may follow" is no signed contract's quantity: it waits, and says why
    assert two.status == DraftStatus.PENDING and not deal.contracts.filter(quantity=2).exists()
    [failure] = [m for m in messages if m.startswith("Not accepted")]
    assert f"#{two.pk} " in failure and "conditional or hedged" in failure


def test_a_count_of_its_sentences_signed_deal_keeps_that_deal_whatever_hedge_the_sentence_carries(editor):
    from ingest.services import draft_initial

    text = "India signed for five S-400 regiments in 2018, despite warnings that it could face US sanctions."
    article = ingest(editor, text, published="May 4, 2021")
    five = draft_of(article, "quantity", quantity=5)
    assert draft_initial(five)["deal"] == Deal.objects.get(slug="ru-in-s-400")


def test_a_count_naming_a_system_goes_to_the_last_deal_before_it_of_that_system(editor):
    text = ("Russia signed a contract to supply S-400 systems to Egypt in 2019, an official said.\n"
            "Russia has also signed a contract to supply Su-35 fighters to Egypt, the official said.\n"
            "The S-400 contract covers four regiments, he added.")
    article = ingest(editor, text, published="May 4, 2021")
    s400_draft = draft_of(article, "deal", system="s-400")
    assert decide(editor, draft_of(article, "deal", system="su-35")).status_code == 302
    count = draft_of(article, "quantity", quantity=4)
    # the S-400 deal draft waits: the count names it, not the Su-35 deal accepted since
    [waiting] = [m for m in accept_all(editor, article, "quantity") if m.startswith("Not accepted")]
    assert f"accept #{s400_draft.pk} (RU → EG: S-400 Triumf) first" in waiting
    assert decide(editor, s400_draft).status_code == 302
    s400_draft.refresh_from_db()
    deal = Deal.objects.get(pk=s400_draft.value["accepted"]["pk"])
    assert "Accepted 1 of 1 quantities." in accept_all(editor, article, "quantity")
    count.refresh_from_db()
    assert deal.system.slug == "s-400" and count.value["accepted"]["pk"] == str(deal.contracts.get(quantity=4).pk)
    assert not Contract.objects.filter(deal__system__slug="su-35", quantity=4).exists()


def test_a_stated_sum_of_its_own_that_speaks_of_the_contract_goes_to_the_articles_one_deal(editor):
    text = ("Russia has signed a contract to supply S-400 systems to Egypt, the Egyptian defence minister said.\n"
            "The contract is worth $2 billion, the minister said.")
    article = ingest(editor, text, published="May 4, 2021")
    accept_all(editor, article, "deal")
    deal = Deal.objects.get(recipient="EG", system__slug="s-400")
    assert "Accepted 1 of 1 sums of money." in accept_all(editor, article, "money")
    assert deal.contracts.get().value_amount == 2_000_000_000


DELHI = (
    "MOSCOW, Nov 6 (Interfax) - Russia delivered the second S-400 regiment to India in October, "
    "the newspaper Kommersant reported.\n"
    "Russia will deliver the remaining regiments to India next year, KBP said."
)


def test_accept_all_dates_makes_no_second_event_for_a_date_a_delivery_recorded(editor):
    article = ingest(editor, DELHI, published="November 6, 2021")
    assert "Accepted 2 of 2 deliveries." in accept_all(editor, article, "delivery")
    october = draft_of(article, "date", words="in October")
    delivery = Deal.objects.get(slug="ru-in-s-400").deliveries.get(date_edtf="2021-10", kind="actual")
    assert f"already gave this date to actual delivery #{delivery.pk}" in review(editor, article)
    events = Event.objects.count()
    messages = accept_all(editor, article, "date")
    assert "Accepted 3 of 3 dates." in messages
    [recorded] = [m for m in messages if m.startswith("Recorded already")]
    assert f"#{october.pk} “in October” by actual delivery #{delivery.pk} of ru-in-s-400" in recorded
    # only the dateline's date, which nothing recorded, is a new event
    assert Event.objects.count() == events + 1
    event = Event.objects.latest("pk")
    assert (event.date_edtf, event.title) == ("2021-11-06", "Russia delivered the second S-400 regiment to India in October")
    october.refresh_from_db()
    assert october.status == DraftStatus.ACCEPTED and october.value["accepted"] == {"model": "delivery", "pk": str(delivery.pk)}
    assert october.result_url == delivery.get_absolute_url()


def test_a_new_events_title_is_the_dates_clause_cut_at_a_word(editor):
    text = ("Turkey said on Monday that it had no plans to return the S-400 systems it bought from Russia years ago, "
            "whatever sanctions Washington might impose on its defence industry, its banks and its officials in response, "
            "and talks resumed in March.")
    article = ingest(editor, text, published="May 4, 2021")
    accept_all(editor, article, "date")
    monday = Event.objects.get(date_edtf="2021-05-03")
    assert monday.title.startswith("Turkey said on Monday that it had no plans") and monday.title.endswith("…")
    assert len(monday.title) <= 120
    assert text.startswith(monday.title.removesuffix("…"))  # cut between words, never inside one
    assert text[len(monday.title) - 1] == " "
    assert Event.objects.get(date_edtf="2021-03").title == "Talks resumed in March"
