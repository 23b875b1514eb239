"""The editorial workflow through the admin with the test client: ingest, review, accept and
reject; duplicates and bad input refused; roles; change history; two editors at once."""
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deals.models import Citation, Contract, Deal, Organisation, Person, Source, Statement
from history.models import Change
from ingest.models import Article, Draft, DraftStatus
from ingest.services import article_check

from .helpers import ARTICLE, draft_post, form_values, user_in

pytestmark = pytest.mark.django_db

INGEST = reverse("admin:ingest_article_ingest")


@pytest.fixture
def editor(client):
    user = user_in("editors", "alice")
    client.force_login(user)
    return client


def interfax():
    return Organisation.objects.get(slug="interfax")


def ingest(client, **fields):
    data = {"outlet": interfax().pk, "published": "June 5, 2020", "title": "", "text": ARTICLE} | fields
    return client.post(INGEST, data)


def only_draft(article, kind, **value):
    drafts = [d for d in article.drafts.filter(kind=kind) if all(d.value.get(k) == v for k, v in value.items())]
    assert len(drafts) == 1, drafts
    return drafts[0]


def decide(client, draft, action="accept", **changes):
    url = reverse("admin:ingest_article_decide", args=[draft.article_id, draft.pk])
    return client.post(url, draft_post(draft, action, **changes))


def counts():
    return {model.__name__: model.objects.count() for model in (Source, Citation, Deal, Contract, Statement, Person)}


# --- ingest, review, accept, reject -----------------------------------------------------


def test_ingest_stores_drafts_only_and_redirects_to_the_review(editor):
    before = counts()
    response = ingest(editor)
    article = Article.objects.get()
    assert response.status_code == 302 and response.url == reverse("admin:ingest_article_review", args=[article.pk])
    assert (article.title, article.date_edtf, article.outlet.slug) == (ARTICLE.splitlines()[0], "2020-06-05", "interfax")
    assert article.drafts.filter(kind="statement").count() == 3
    assert counts() == before  # nothing reached the knowledge base

    page = editor.get(response.url).content.decode()
    assert re.search(r'<mark class="[^"]*k-money[^"]*">\$2\.1 billion</mark>', page)
    assert "Mohamed Zaki (Egyptian Defense Minister), to Interfax, on Friday — reported, asserts" in page
    assert "in March 2020 → 2020-03 (2020-03-01 to 2020-03-31)" in page


def test_accepting_drafts_creates_records_with_their_citations(editor):
    ingest(editor)
    article = Article.objects.get()
    deal_draft = only_draft(article, "deal")
    assert decide(editor, deal_draft).status_code == 302

    deal = Deal.objects.get(supplier="RU", recipient="EG")
    source = Source.objects.get(ingested_article=article)
    assert source.text == ARTICLE and source.outlet == interfax() and source.date_edtf == "2020-06-05"
    assert deal.system.slug == "s-400" and deal.status == "signed"
    assert deal.citations.get().excerpt == deal_draft.evidence
    deal_draft.refresh_from_db()
    assert deal_draft.status == DraftStatus.ACCEPTED and deal_draft.decided_by.username == "alice"

    statement_draft = only_draft(article, "statement", mode="quote")
    assert decide(editor, statement_draft).status_code == 302
    statement = Statement.objects.get(text="The first regiment will arrive next year")
    assert (statement.speaker.name, statement.mode, statement.date_edtf) == ("Mohamed Zaki", "quote", "2020-06-05")
    assert statement.citations.get().excerpt == "“The first regiment will arrive next year,” Zaki said."
    assert statement.citations.get().source == source

    money_draft = only_draft(article, "money")
    assert decide(editor, money_draft).status_code == 302  # the deal is suggested from the same sentence
    contract = deal.contracts.get()
    assert (contract.value_amount, contract.value_currency, contract.date_edtf) == (Decimal("2100000000"), "USD", "2020-03")

    quantity_draft = only_draft(article, "quantity")
    assert decide(editor, quantity_draft).status_code == 302
    contract.refresh_from_db()
    assert (contract.quantity, contract.quantity_unit) == (2, "regiments")  # the same contract, not a second one
    assert deal.contracts.count() == 1


def test_accepting_links_existing_people_and_deals_instead_of_duplicating(editor):
    text = "Turkey bought S-400 systems from Russia in 2017, Dmitry Peskov told Interfax on Friday."
    ingest(editor, text=text)
    article = Article.objects.get()
    people, deals = Person.objects.count(), Deal.objects.count()
    decide(editor, only_draft(article, "statement"))
    decide(editor, only_draft(article, "deal"))
    assert (Person.objects.count(), Deal.objects.count()) == (people, deals)
    assert Statement.objects.filter(speaker__slug="dmitry-peskov", text__startswith="Turkey bought").exists()
    deal = Deal.objects.get(slug="ru-tr-s-400")
    assert deal.citations.filter(excerpt=text).exists()
    assert deal.status == "delivered"  # an old purchase retold does not wind the deal back to "signed"


def test_rejecting_leaves_the_knowledge_base_as_it_was(editor):
    ingest(editor)
    draft = only_draft(Article.objects.get(), "statement", mode="quote")
    before = counts()
    response = decide(editor, draft, action="reject")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.REJECTED
    assert counts() == before
    again = decide(editor, draft)  # deciding twice changes nothing
    assert "This draft was already rejected" in again.content.decode()
    assert counts() == before


def test_an_excerpt_not_in_the_article_is_refused_and_nothing_is_written(editor):
    ingest(editor)
    draft = only_draft(Article.objects.get(), "statement", mode="quote")
    before = counts()
    response = decide(editor, draft, excerpt="Zaki said nothing of the kind.")
    assert response.status_code == 200
    assert "does not occur in the article&#x27;s text" in response.content.decode()
    assert counts() == before  # not even the Source: one transaction per accept
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING


def test_a_relative_date_the_editor_types_resolves_against_the_publication(editor):
    ingest(editor)
    draft = only_draft(Article.objects.get(), "statement", mode="quote")
    decide(editor, draft, date_words="last month")
    assert Statement.objects.get(text__startswith="The first regiment").date_edtf == "2020-05"


# --- refusals ---------------------------------------------------------------------------


def test_the_same_article_twice_is_refused(editor):
    ingest(editor)
    response = ingest(editor, text="  " + ARTICLE.replace("\n", "\n\n") + "\n")
    assert response.status_code == 200
    assert "This article is already ingested" in response.content.decode()
    assert Article.objects.count() == 1


def test_an_article_already_in_the_base_is_refused(editor):
    curated = Source.objects.get(slug="001_f9e5821190d61208")
    response = ingest(editor, text=curated.text)
    assert "already in the knowledge base as the source 001_f9e5821190d61208" in response.content.decode()
    response = ingest(editor, title=curated.title, text="Another text altogether.")
    assert "Interfax already has the source 001_f9e5821190d61208" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"text": ""}, "The article is empty"),
        ({"published": "Monday, June 9, 2021"}, "was a Wednesday, not a Monday"),
        ({"published": "last month"}, "needs the article&#x27;s publication date"),
        ({"text": "", "file": SimpleUploadedFile("a.bin.txt", b"\x00\x01\x02")}, "looks like a binary file"),
        ({"text": "", "file": SimpleUploadedFile("a.txt", "Café".encode("latin-1"))}, "is not UTF-8 text"),
        ({"text": "", "file": SimpleUploadedFile("a.txt", b"a" * 1_000_001)}, "at most 1 MB is accepted"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(editor, fields, message):
    response = ingest(editor, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "words, problem",
    [
        ("", "No date was given."),
        ("teatime", "“teatime” is not a date the parser understands."),
        ("last month", "“last month” is relative: it needs the article's publication date to be resolved."),
    ],
)
def test_a_publication_date_that_cannot_be_resolved_names_the_field_and_the_reason(words, problem):
    """The check the form and the `ingest` command share reads the date through the knowledge
    base's one resolver (deals.services.resolve_date), blank words included."""
    with pytest.raises(ValidationError) as refused:
        article_check(text=ARTICLE, outlet=interfax(), published_words=words)

    assert refused.value.message_dict["published"] == [
        f"{problem} Type the publication date as words, e.g. “June 9, 2021” or “June 2021”."
    ]


def test_a_publication_date_after_today_is_refused():
    with pytest.raises(ValidationError) as refused:
        article_check(text=ARTICLE, outlet=interfax(), published_words="June 9, 2099")

    today = timezone.localdate()
    assert refused.value.message_dict["published"][0].startswith(f"An article cannot appear after today ({today:%-d %B %Y}).")


def test_a_publication_date_in_words_is_checked_into_its_edtf_form():
    checked = article_check(text=ARTICLE, outlet=interfax(), published_words="June 2021")

    assert (checked.published.edtf, checked.published.earliest.isoformat(), checked.published.latest.isoformat()) == (
        "2021-06", "2021-06-01", "2021-06-30"
    )


def test_an_uploaded_html_file_is_ingested_as_text(editor):
    html = f"<html><head><title>Egypt buys S-400</title></head><body><p>{ARTICLE}</p></body></html>"
    response = ingest(editor, text="", file=SimpleUploadedFile("egypt.html", html.encode()))
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.title, article.filename) == ("Egypt buys S-400", "egypt.html")
    assert "<p>" not in article.text and "Mohamed Zaki" in article.text


# --- roles ------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login_page(client):
    for url in ["/admin/", INGEST, reverse("admin:deals_deal_change", args=[Deal.objects.first().pk])]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/admin/login/?next=")


def test_a_viewer_can_look_but_not_change(client):
    client.force_login(user_in("viewers", "victor"))
    deal = Deal.objects.get(slug="ru-qa-s-400")
    url = reverse("admin:deals_deal_change", args=[deal.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = client.post(url, {"slug": deal.slug, "summary": "vandalised", "status": "cancelled"})
    assert response.status_code == 403
    deal.refresh_from_db()
    assert deal.status == "negotiating"
    assert client.post(INGEST, {"outlet": interfax().pk, "published": "2020", "text": ARTICLE}).status_code == 403
    assert not Article.objects.exists()


def test_a_viewer_cannot_decide_drafts(editor):
    ingest(editor)
    draft = only_draft(Article.objects.get(), "deal")
    client = Client()
    client.force_login(user_in("viewers", "victor"))
    review = client.get(reverse("admin:ingest_article_review", args=[draft.article_id]))
    assert review.status_code == 200 and "Accept</button>" not in review.content.decode()
    assert decide(client, draft).status_code == 403
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING


def test_setup_roles_is_idempotent():
    call_command("setup_roles", verbosity=0)
    from django.contrib.auth.models import Group

    first = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    call_command("setup_roles", verbosity=0)
    again = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert first == again and set(first) == {"editors", "viewers"}
    assert {"add_deal", "change_statement", "delete_citation", "change_draft", "view_change"} <= first["editors"]
    assert "change_change" not in first["editors"]
    assert all(codename.startswith("view_") for codename in first["viewers"])
    assert {"view_deal", "view_change", "view_article"} <= first["viewers"]


# --- history and two editors at once ----------------------------------------------------


def test_every_admin_change_is_recorded_with_old_and_new_values(editor):
    deal = Deal.objects.get(slug="ru-qa-s-400")
    url = reverse("admin:deals_deal_change", args=[deal.pk])
    data = form_values(editor.get(url).content.decode(), "deal_form") | {"status": "cancelled", "_save": "Save"}
    assert editor.post(url, data).status_code == 302
    change = Change.objects.for_object(deal).filter(via="admin").get()  # besides the curated load's
    assert (change.username, change.action, change.version) == ("alice", "changed", 2)
    assert change.fields == [{"field": "status", "label": "status", "old": "negotiating", "new": "cancelled"}]
    history = editor.get(reverse("admin:deals_deal_history", args=[deal.pk])).content.decode()
    assert "Changes, field by field" in history and "negotiating" in history and "cancelled" in history


def test_accepting_a_draft_is_recorded_too(editor):
    ingest(editor)
    decide(editor, only_draft(Article.objects.get(), "deal"))
    deal = Deal.objects.get(supplier="RU", recipient="EG")
    created = Change.objects.for_object(deal).get()
    assert (created.action, created.via, created.username) == ("created", "ingest", "alice")
    assert {"field": "status", "label": "status", "old": "", "new": "signed"} in created.fields


def test_the_second_of_two_concurrent_edits_is_refused_and_the_first_kept(editor):
    other = Client()
    other.force_login(user_in("editors", "bob"))
    deal = Deal.objects.get(slug="ru-qa-s-400")
    url = reverse("admin:deals_deal_change", args=[deal.pk])
    alice_form = form_values(editor.get(url).content.decode(), "deal_form")
    bob_form = form_values(other.get(url).content.decode(), "deal_form")
    assert alice_form["loaded_version"] == bob_form["loaded_version"] == "1"

    assert editor.post(url, alice_form | {"summary": "Alice's summary.", "_save": "Save"}).status_code == 302
    response = other.post(url, bob_form | {"status": "cancelled", "_save": "Save"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this deal after you opened it" in page
    assert "alice" in page and "summary: now “Alice&#x27;s summary.”" in page
    assert 'value="cancelled" selected' in page  # Bob's edit is still in the form, not lost
    deal.refresh_from_db()
    assert (deal.summary, deal.status, deal.version) == ("Alice's summary.", "negotiating", 2)


def test_inline_citations_carry_their_version_too(editor):
    deal = Deal.objects.get(slug="ru-qa-s-400")
    url = reverse("admin:deals_deal_change", args=[deal.pk])
    stale = form_values(editor.get(url).content.decode(), "deal_form")
    citation = deal.citations.order_by("pk").first()
    citation.version += 1
    citation.save()
    response = editor.post(url, stale | {"citations-0-excerpt": citation.excerpt[:40], "_save": "Save"})
    assert response.status_code == 200
    assert "Someone else saved this citation" in response.content.decode()


def test_the_admin_shows_what_a_date_was_understood_as(editor):
    contract = Contract.objects.get(value_words="$800-million")
    page = editor.get(reverse("admin:deals_contract_change", args=[contract.pk])).content.decode()
    assert "Understood as" in page and "2007: 1 January 2007 to 31 December 2007 (stated in full by the source)" in page
    url = reverse("admin:deals_contract_change", args=[contract.pk])
    data = form_values(page, "contract_form") | {"date_words": "mid-June 2019", "_save": "Save"}
    response = editor.post(url, data, follow=True)
    assert "was understood as 2019-06-11/2019-06-20: 11 June 2019 to 20 June 2019" in response.content.decode()


# --- the command line -------------------------------------------------------------------


def test_ingest_command_prints_counts_and_evidence(tmp_path, capsys):
    path = tmp_path / "egypt.txt"
    path.write_text(ARTICLE)
    call_command("ingest", str(path), "--outlet", "Interfax", "--published", "June 5, 2020")
    out = capsys.readouterr().out
    assert "Statement: 3" in out and "Money: 1" in out
    assert "[0–" in out and "2100000000 USD" in out
    assert Article.objects.get().drafts.count() == Draft.objects.count()


def test_ingest_command_refuses_bad_input(tmp_path):
    path = tmp_path / "egypt.txt"
    path.write_bytes(b"\x00binary")
    with pytest.raises(CommandError, match="binary"):
        call_command("ingest", str(path), "--outlet", "Interfax", "--published", "2020")
    path.write_text(ARTICLE)
    with pytest.raises(CommandError, match="not a web address"):
        call_command("ingest", str(path), "--outlet", "Nobody", "--published", "2020", "--url", "ftp://x.org/a")
    assert not Organisation.objects.filter(name="Nobody").exists()
    with pytest.raises(CommandError, match="was a Wednesday"):
        call_command("ingest", str(path), "--outlet", "Interfax", "--published", "Monday, June 9, 2021")
    assert not Article.objects.exists()


def test_a_fault_in_the_assistant_is_a_message_on_the_form_and_stores_nothing(editor, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("ingest.services.extract_all", broken)
    response = ingest(editor)
    assert response.status_code == 200
    assert "The assistant failed while reading this article" in response.content.decode()
    assert not Article.objects.exists() and "failed on an article" in caplog.text
