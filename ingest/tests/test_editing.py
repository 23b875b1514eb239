"""Editing at the speed of news: a new outlet typed by name, the article's address carried to
its source, every waiting draft of a kind decided at once, a rejection undone, and a new
deal's summary that starts with the news, not the dateline. Articles invented for the tests."""
import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from deals.models import Deal, Event, Organisation, Source, Statement
from ingest.models import Article, DraftStatus
from ingest.services import without_dateline

from .helpers import user_in
from .test_accepting import INGEST, decide, draft_of, editor  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

WIRE = (
    "MOSCOW, Nov 6 (Interfax) - Russia delivered the second S-400 regiment to India in October, "
    "the newspaper Kommersant reported.\n"
    "“The crews have finished their training,” the Baltic Institute for Security Studies said.\n"
    "Russia will deliver the remaining regiments to India next year, KBP said."
)


def post_article(client, text=WIRE, **fields):
    data = {"outlet": Organisation.objects.get(slug="interfax").pk, "published": "November 6, 2021", "text": text}
    return client.post(INGEST, data | fields, follow=True)


def review_url(article):
    return reverse("admin:ingest_article_review", args=[article.pk])


def decide_all(client, article, kind, action):
    return client.post(reverse("admin:ingest_article_decide_all", args=[article.pk]), {"kind": kind, "action": action},
                       follow=True)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- a new outlet -----------------------------------------------------------------------


def test_a_new_outlet_typed_in_the_form_is_created_and_the_editor_told(editor):
    response = post_article(editor, outlet="", new_outlet="  The Volga  Courier ")
    outlet = Organisation.objects.get(name="The Volga Courier")
    assert outlet.kind == "news_outlet"
    assert Article.objects.get().outlet == outlet
    assert "New outlet created: The Volga Courier (news outlet)." in messages_of(response)


def test_a_known_outlet_typed_by_alias_links_to_it(editor):
    before = Organisation.objects.count()
    response = post_article(editor, outlet="", new_outlet="interfax")
    assert Article.objects.get().outlet.slug == "interfax" and Organisation.objects.count() == before
    assert not any("New outlet" in message for message in messages_of(response))


@pytest.mark.parametrize(("fields", "message"), [
    ({"outlet": "", "new_outlet": ""}, "Say which outlet published the article"),
    ({"new_outlet": "The Volga Courier"}, "Choose an outlet from the list or type a new one, not both."),
])
def test_the_outlet_must_be_chosen_or_typed_once(editor, fields, message):
    response = post_article(editor, **fields)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Article.objects.exists() and not Organisation.objects.filter(name="The Volga Courier").exists()


def test_the_command_creates_a_new_outlet_and_says_so(tmp_path, capsys):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE)
    with pytest.raises(CommandError, match="was a Wednesday"):
        call_command("ingest", str(path), "--outlet", "Volga Courier", "--published", "Monday, June 9, 2021")
    assert not Organisation.objects.filter(name="Volga Courier").exists()  # a refused article leaves no outlet
    call_command("ingest", str(path), "--outlet", "Volga Courier", "--published", "November 6, 2021")
    assert "New outlet created: Volga Courier (news outlet" in capsys.readouterr().out
    assert Article.objects.get().outlet == Organisation.objects.get(name="Volga Courier", kind="news_outlet")


def test_the_command_links_a_known_outlet_without_creating_one(tmp_path, capsys):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE)
    before = Organisation.objects.count()
    call_command("ingest", str(path), "--outlet", "INTERFAX", "--published", "November 6, 2021")
    assert "New outlet" not in capsys.readouterr().out
    assert Organisation.objects.count() == before and Article.objects.get().outlet.slug == "interfax"


# --- the article's address ---------------------------------------------------------------


def test_the_address_is_stored_and_carried_to_the_source_page(editor):
    post_article(editor, url="https://example.org/news/s400-regiment")
    article = Article.objects.get()
    assert article.url == "https://example.org/news/s400-regiment"
    assert decide(editor, draft_of(article, "deal")).status_code == 302
    source = Source.objects.get(ingested_article=article)
    assert source.url == "https://example.org/news/s400-regiment"
    page = editor.get(source.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/news/s400-regiment" rel="noopener noreferrer">' in page


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a.txt", "example.org/news", "https://"])
def test_an_address_that_is_not_http_or_https_is_refused_with_a_message(editor, url):
    response = post_article(editor, url=url)
    assert response.status_code == 200
    assert "is not a web address: give the article&#x27;s http:// or https:// address." in response.content.decode()
    assert not Article.objects.exists()


def test_the_command_takes_the_address_and_refuses_a_bad_one(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE)
    with pytest.raises(CommandError, match="is not a web address"):
        call_command("ingest", str(path), "--outlet", "Interfax", "--published", "2021", "--url", "file:///etc/passwd")
    call_command("ingest", str(path), "--outlet", "Interfax", "--published", "2021", "--url", "http://example.org/a")
    assert Article.objects.get().url == "http://example.org/a"


# --- every draft of a kind at once --------------------------------------------------------


def test_accept_all_dates_creates_an_event_for_each(editor):
    post_article(editor)
    article = Article.objects.get()
    page = editor.get(review_url(article)).content.decode()
    assert "Accept all 3 dates</button>" in page
    events = Event.objects.count()
    response = decide_all(editor, article, "date", "accept")
    assert "Accepted 3 of 3 dates." in messages_of(response)
    assert Event.objects.count() == events + 3
    assert not article.drafts.filter(kind="date", status=DraftStatus.PENDING).exists()
    assert "Accept all 3 dates" not in response.content.decode()  # nothing of the kind waits any more


def test_reject_all_leaves_the_other_kinds_waiting(editor):
    post_article(editor)
    article = Article.objects.get()
    response = decide_all(editor, article, "country", "reject")
    assert "Rejected 4 of 4 countries." in messages_of(response)
    assert set(article.drafts.filter(kind="country").values_list("status", flat=True)) == {"rejected"}
    assert article.drafts.filter(kind="date", status=DraftStatus.PENDING).count() == 3


def test_an_accept_all_that_fails_on_one_draft_names_it_and_keeps_the_others(editor):
    post_article(editor)
    article = Article.objects.get()
    institute = draft_of(article, "organisation", name="Baltic Institute for Security Studies")
    assert institute.value["kind"] == "other"  # a kind the base has no choice for: refused as drafted
    response = decide_all(editor, article, "organisation", "accept")
    messages = messages_of(response)
    assert "Accepted 2 of 3 organisations." in messages
    [failure] = [m for m in messages if m.startswith("Not accepted")]
    assert f"#{institute.pk} " in failure and "still waiting" in failure
    assert failure.endswith(". Open each to correct it.") and ".." not in failure
    assert Organisation.objects.filter(name="KBP", kind="company").exists()
    assert Organisation.objects.filter(name="Kommersant", kind="news_outlet").exists()  # "the newspaper Kommersant reported"
    institute.refresh_from_db()
    assert institute.status == DraftStatus.PENDING
    assert not Organisation.objects.filter(name="Baltic Institute for Security Studies").exists()


def test_deciding_all_is_post_only_and_for_editors(editor):
    post_article(editor)
    article = Article.objects.get()
    url = reverse("admin:ingest_article_decide_all", args=[article.pk])
    assert editor.get(url).status_code == 405
    response = decide_all(editor, article, "nonsense", "accept")
    assert "Say which kind of draft to decide" in messages_of(response)[0]
    viewer = Client()
    viewer.force_login(user_in("viewers", "victor"))
    assert "Accept all" not in viewer.get(review_url(article)).content.decode()
    assert viewer.post(url, {"kind": "date", "action": "reject"}).status_code == 403
    assert article.drafts.filter(kind="date", status=DraftStatus.PENDING).count() == 3
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(user_in("editors", "bob"))
    assert csrf.post(url, {"kind": "date", "action": "reject"}).status_code == 403


# --- undoing a rejection ------------------------------------------------------------------


def test_a_rejection_can_be_undone_on_the_page(editor):
    post_article(editor)
    article = Article.objects.get()
    draft = draft_of(article, "deal")
    decide(editor, draft, action="reject")
    page = editor.get(review_url(article)).content.decode()
    undo = reverse("admin:ingest_article_undo", args=[article.pk, draft.pk])
    assert f'action="{undo}"' in page
    assert editor.get(undo).status_code == 405
    response = editor.post(undo, follow=True)
    assert any(m.startswith("Rejection undone") for m in messages_of(response))
    draft.refresh_from_db()
    assert (draft.status, draft.decided_by, draft.decided_at) == (DraftStatus.PENDING, None, None)
    # Waiting again, it can be accepted; a draft that is not rejected cannot be "undone".
    assert decide(editor, draft).status_code == 302
    response = editor.post(undo, follow=True)
    assert "Only a rejected draft can be undone; this one is accepted." in messages_of(response)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ACCEPTED


# --- the deal's summary -------------------------------------------------------------------


def test_a_new_deals_summary_is_the_sentence_without_its_dateline(editor):
    post_article(editor)
    draft = draft_of(Article.objects.get(), "deal")
    assert decide(editor, draft, link="new").status_code == 302
    draft.refresh_from_db()
    deal = Deal.objects.get(pk=draft.value["accepted"]["pk"])
    assert deal.summary == ("Russia delivered the second S-400 regiment to India in October, "
                            "the newspaper Kommersant reported.")
    # The citation still quotes the article as written, dateline included.
    assert deal.citations.get().excerpt.startswith("MOSCOW, Nov 6 (Interfax) - Russia delivered")


@pytest.mark.parametrize(("sentence", "summary"), [
    ("NEW DELHI (Reuters) — India received the systems.", "India received the systems."),
    ("ANKARA, Turkey, Jan. 5 -- Turkey said it would not return them.", "Turkey said it would not return them."),
    ("MOSCOW, November 6 (TASS) – the first regiment arrived.", "The first regiment arrived."),
    ("WASHINGTON: The US warned Ankara.", "The US warned Ankara."),
    ("US - Russia talks on the S-400 stalled.", "US - Russia talks on the S-400 stalled."),
    ("S-400 deliveries - the second batch - began.", "S-400 deliveries - the second batch - began."),
])
def test_datelines_are_told_from_sentences(sentence, summary):
    assert without_dateline(sentence) == summary


def test_accept_all_deals_warns_once_per_deal_not_once_per_draft(editor):
    text = ("CAIRO, March 3 (Interfax) - Russia has begun deliveries of the S-400 to Egypt, an Egyptian officer said.\n"
            "Deliveries of the S-400 to Egypt are proceeding, the officer added.\n"
            "Shipments of the S-400 to Egypt started in February, a second officer said.")
    post_article(editor, text=text)
    article = Article.objects.get()
    assert article.drafts.filter(kind="deal").count() > 1
    messages = messages_of(decide_all(editor, article, "deal", "accept"))
    warnings = [m for m in messages if "no actual delivery" in m]
    assert len(warnings) == 1, messages


# --- a figure or an unnamed speaker in a sentence of its own ------------------------------

HANOI = (
    "HANOI, March 2 (Interfax) - Vietnam is negotiating with Russia over two S-400 regiments, "
    "a Vietnamese defence official told reporters.\n"
    "The purchase could cost about $1.2 billion, the official said.\n"
    "Vietnam's defence budget this year is $6 billion, the official said.\n"
    "Two more regiments may follow later, he added."
)


def test_accept_all_gives_a_follow_on_figure_the_articles_one_deal_and_the_officials_their_government(editor):
    post_article(editor, text=HANOI, published="March 2, 2021")
    article = Article.objects.get()
    assert "Accepted 1 of 1 deals." in messages_of(decide_all(editor, article, "deal", "accept"))
    deal = Deal.objects.get(recipient="VN", system__slug="s-400")

    # The hedged sum that refers to the purchase is its reported value; the budget, stated, would
    # be a contract, and the hedged count too: they wait for the editor to choose.
    messages = messages_of(decide_all(editor, article, "money", "accept"))
    assert "Accepted 1 of 2 sums of money." in messages
    deal.refresh_from_db()
    assert (deal.reported_value_amount, deal.reported_value_currency, deal.reported_value_certainty) == (
        1_200_000_000, "USD", "expected")
    # The lede's count has the deal of its sentence, which is only in talks: no contract of it.
    [waiting] = messages_of(decide_all(editor, article, "quantity", "accept"))
    assert waiting.startswith("Not accepted, still waiting") and "Choose the deal" in waiting
    assert f"{deal.slug} is negotiating: a contract would say it was signed" in waiting
    assert not deal.contracts.exists()

    messages = messages_of(decide_all(editor, article, "statement", "accept"))
    assert "Accepted 4 of 4 statements." in messages
    assert "Created the body Government of Vietnam, which the unnamed speakers speak for." in messages
    assert "No statements wait for review: nothing was accepted." in messages_of(decide_all(editor, article, "statement", "accept"))
    government = Organisation.objects.get(name="Government of Vietnam")
    assert (government.kind, government.country_id, government.statements.count()) == ("government", "VN", 4)


def test_a_follow_on_figure_is_left_for_the_editor_when_the_article_speaks_of_two_deals(editor):
    text = HANOI.replace("over two S-400 regiments", "over two S-400 regiments, and Laos over one")
    post_article(editor, text=text, published="March 2, 2021")
    article = Article.objects.get()
    decide_all(editor, article, "deal", "accept")
    assert set(Deal.objects.filter(system__slug="s-400", recipient__in=["VN", "LA"]).values_list("recipient", flat=True)) == {"VN", "LA"}
    [message] = messages_of(decide_all(editor, article, "money", "accept"))
    assert message.startswith("Not accepted, still waiting") and "Choose the deal this figure belongs to" in message
    assert not Deal.objects.filter(reported_value_amount__isnull=False).exists()


def test_accepting_a_sum_needs_leave_to_change_the_deal_it_is_recorded_on(client):
    client.force_login(user_in("editors", "carol"))
    post_article(client, text=HANOI, published="March 2, 2021")
    article = Article.objects.get()
    decide_all(client, article, "deal", "accept")
    dave = user_in("viewers", "dave")  # may write contracts and citations, not change deals
    dave.user_permissions.add(*Permission.objects.filter(
        codename__in=["change_draft", "add_source", "add_contract", "change_contract", "add_citation", "view_article"]))
    client.force_login(dave)
    sum_of_money = draft_of(article, "money", amount="1200000000")
    response = decide(client, sum_of_money)
    assert response.status_code in (302, 403) and not Deal.objects.filter(reported_value_amount__isnull=False).exists()
    sum_of_money.refresh_from_db()
    assert sum_of_money.status == DraftStatus.PENDING


def test_an_unnamed_official_speaks_for_the_countrys_whole_government_body_when_the_base_has_one(editor):
    text = ("RIYADH, May 4 (Interfax) - Saudi Arabia is still weighing the S-400, a Saudi official said.\n"
            "Vietnam is in talks on the system too, a Vietnamese official said.")
    post_article(editor, text=text, published="May 4, 2021")
    article = Article.objects.get()
    bodies = Organisation.objects.count()
    saudi = draft_of(article, "statement", speaker="Saudi Arabia")
    assert decide(editor, saudi).status_code == 302  # the base's "Saudi authorities", no new body
    vietnam = draft_of(article, "statement", speaker="Vietnam")
    assert decide(editor, vietnam, organisation="government of vietnam").status_code == 302  # typed in any case
    assert Organisation.objects.count() == bodies + 1
    article.refresh_from_db()
    spoke = Statement.objects.filter(citations__source=article.source)
    assert sorted(spoke.values_list("organisation__name", flat=True)) == ["Government of Vietnam", "Saudi authorities"]


def test_the_command_asks_before_creating_an_outlet_named_almost_like_a_known_one(tmp_path, capsys):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE)
    before = Organisation.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("ingest", str(path), "--outlet", "Interfacs", "--published", "November 6, 2021")
    assert str(refused.value) == (
        "The base has no outlet called “Interfacs”; did you mean “Interfax”? Give that name, "
        "or pass --new-outlet to create “Interfacs” as a new news outlet."
    )
    assert Organisation.objects.count() == before and not Article.objects.exists()
    call_command("ingest", str(path), "--outlet", "Interfacs", "--new-outlet", "--published", "November 6, 2021")
    assert "New outlet created: Interfacs (news outlet" in capsys.readouterr().out
    assert Article.objects.get().outlet == Organisation.objects.get(name="Interfacs", kind="news_outlet")


def test_the_command_links_an_outlet_typed_with_extra_spaces_and_does_not_second_guess_two_letters(tmp_path, capsys):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE)
    before = Organisation.objects.count()
    call_command("ingest", str(path), "--outlet", "  RIA   Novosti ", "--published", "November 6, 2021")
    assert "New outlet" not in capsys.readouterr().out
    assert Organisation.objects.count() == before and Article.objects.get().outlet.slug == "ria-novosti"
    Article.objects.all().delete()
    call_command("ingest", str(path), "--outlet", "AP", "--published", "November 6, 2021")  # not a slip for AFP
    assert "New outlet created: AP (news outlet" in capsys.readouterr().out
