"""The public "Recent changes" (/changes/ and /changes/feed/): what was added, corrected or
removed, when, linked to the record where it still exists; never who; a page's queries do
not grow with the history."""
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from countries.models import Country
from deals import services
from deals.models import Deal, Statement
from history import recent
from history.models import Change
from ingest.models import Article

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
EDITOR = "anna-the-editor"
DAY_GIVEN = (
    "Takes a change's number (a whole number, as the page's own links give it), not a day: "
    "the changes are paged in the order they were recorded, and each shows its day."
)


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(EDITOR, password="a-long-right-password-42", is_staff=True)


@pytest.fixture
def history(editor):
    """An addition, a correction and a removal, by one editor, in that order."""
    added = services.person_create(name="Ivana Testova", country=Country.objects.get(code="RU"), user=editor, via="admin")
    deal = Deal.objects.get(slug="ru-tr-s-400")
    services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="admin", summary="A corrected summary.")
    gone = services.organisation_create(name="Defunct Gazette", kind="news_outlet", user=editor, via="admin")
    services.record_delete(record=gone, user=editor, via="admin")
    return {"added": added, "deal": deal}


def rows(content):
    return content.split('<tbody>', 1)[1].split('</tbody>', 1)[0].split("<tr ")[1:]


def test_the_page_lists_additions_corrections_and_removals_newest_first(client, history):
    response = client.get("/changes/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Recent changes</h1>" in content
    first, second, third, fourth = rows(content)[:4]
    # The removal (its creation before it), the correction, the addition.
    assert "Removed organisation" in first and "Defunct Gazette" in first and "<a " not in first
    removal = Change.objects.order_by("-pk").first()
    assert f">{removal.at:%-d %B %Y, %H:%M} UTC</time>" in first  # when, as a fact's "Last changed" reads
    assert "Added organisation" in second and "Defunct Gazette" in second and "(since removed)" in second
    assert "Corrected deal: <span class=\"fields\">summary</span>" in third
    assert f'<a href="/deals/ru-tr-s-400/">{history["deal"]}</a>' in third.replace("&gt;", ">")
    assert "Added person" in fourth and f'<a href="{history["added"].get_absolute_url()}">Ivana Testova</a>' in fourth


def test_no_editor_is_named_on_the_page_or_in_the_feed(client, history):
    for address in ("/changes/", "/changes/feed/"):
        content = client.get(address).content.decode()
        assert EDITOR not in content, address
        assert "admin" not in content.lower(), address  # nor how it was made (via the admin)


def test_the_feed_is_atom_with_an_entry_per_change(client, history):
    response = client.get("/changes/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    newest = list(Change.objects.filter(content_type__app_label__in=("deals", "countries")).order_by("-pk")[:len(entries)])
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [f"tag:s400kb,2024:change:{c.pk}" for c in newest]
    removed, *_ = entries
    assert removed.findtext(f"{ATOM}title") == "Removed organisation “Defunct Gazette”"
    assert "no longer exists" in removed.findtext(f"{ATOM}summary")
    # A removed record has no page: its entry points at its line among the changes.
    link = removed.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver/changes/?before={newest[0].pk + 1}#change-{newest[0].pk}"
    corrected = next(e for e in entries if e.findtext(f"{ATOM}title").startswith("Corrected deal"))
    assert corrected.find(f"{ATOM}link").get("href") == "http://testserver/deals/ru-tr-s-400/"
    assert corrected.findtext(f"{ATOM}title").endswith("(summary)")


def test_a_reported_statement_is_not_put_in_quotation_marks(client, editor):
    """Çavuşoğlu's paraphrase (statement 37) is named as reported speech, as on its page; a
    verbatim quote (statement 20) keeps its quotation marks; neither is wrapped in more."""
    for pk in (37, 20):
        statement = Statement.objects.get(pk=pk)
        services.statement_update(
            statement=statement, loaded_version=statement.version, user=editor, via="admin", setting="a press conference"
        )
    feed = ET.fromstring(client.get("/changes/feed/").content)
    quoted, reported = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")[:2]]

    assert reported.startswith(
        "Corrected statement — Mevlut Cavusoglu (Ministry of Foreign Affairs of Turkey): Reported: pointed to US threats"
    ), reported
    assert "“" not in reported
    assert quoted.startswith("Corrected statement — Yuri Borisov: “Let them [media outlets] continue"), quoted
    page = client.get("/changes/").content.decode()
    assert "Mevlut Cavusoglu (Ministry of Foreign Affairs of Turkey): Reported: pointed to US threats" in page
    assert "“pointed to" not in page


def test_ingestion_drafts_are_not_public_changes(client, editor, history):
    article_type = Change.objects.filter(content_type__app_label="ingest")
    hidden = article_type.count()
    Change.objects.create(
        content_type=ContentType.objects.get_for_model(Article),
        object_id="1", object_repr="Draft article: not public", action="created", at=Change.objects.first().at,
        via="ingest", user=editor, username=EDITOR,
    )
    assert article_type.count() == hidden + 1
    assert "Draft article: not public" not in client.get("/changes/").content.decode()


def test_pages_go_back_by_position_and_forward_again(client, history, monkeypatch):
    monkeypatch.setattr(recent, "PAGE_SIZE", 2)
    public = list(recent.public_changes().order_by("-pk").values_list("pk", flat=True))
    assert len(public) >= 4
    first = client.get("/changes/").content.decode()
    assert [f'id="change-{pk}"' in first for pk in public[:3]] == [True, True, False]
    assert f'href="?before={public[1]}" rel="next"' in first
    assert "Newer changes" not in first
    second = client.get(f"/changes/?before={public[1]}").content.decode()
    assert f'id="change-{public[2]}"' in second and f'id="change-{public[3]}"' in second
    assert f'href="?after={public[2]}" rel="prev"' in second
    back = client.get(f"/changes/?after={public[2]}").content.decode()
    assert [f'id="change-{pk}"' in back for pk in public[:3]] == [True, True, False]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("before=abc", "before"), ("after=-3", "after"), ("before=1&before=2", "before"), ("before=5&after=1", "after"),
     ("before=١٢", "before")],
)
def test_a_position_that_is_no_change_number_is_a_400_naming_it(client, query, parameter):
    response = client.get(f"/changes/?{query}")
    assert response.status_code == 400
    assert f"<code>{parameter}</code>" in response.content.decode()


def test_a_page_costs_the_same_queries_however_long_the_history(client, editor, django_assert_num_queries):
    """The version (the cache middleware), the page of changes with their kinds, then one
    query per kind of record on the page to link them (here deals, people, organisations)."""

    def more_changes(n):
        for index in range(n):
            person = services.person_create(name=f"Person {index}", user=editor, via="admin")
            deal = Deal.objects.get(slug="ru-tr-s-400")
            services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="admin", summary=f"Summary {person.pk}")
            services.organisation_create(name=f"Outlet {person.pk}", kind="news_outlet", user=editor, via="admin")

    more_changes(2)
    with django_assert_num_queries(5):
        small = client.get("/changes/")
    more_changes(30)
    with django_assert_num_queries(5):
        large = client.get("/changes/")
    assert len(rows(small.content.decode())) == 6
    assert len(rows(large.content.decode())) == recent.PAGE_SIZE


def problem_items(response):
    return [item.replace("&#x27;", "'") for item in re.findall(r"<li><code>(.*?)</li>", response.content.decode())]


@pytest.mark.parametrize(("query", "expected"), [
    ("before=abc", ["before</code>: Expected a change's number (a whole number), as the page's own links give it."]),
    ("before=1&before=2", ["before</code>: Give before only once; it takes a single value."]),
    ("before=2019-02-30", [f"before</code>: {DAY_GIVEN}"]),
    ("after=2019-01-01", [f"after</code>: {DAY_GIVEN}"]),
    ("after=2020-01-01&before=2019-01-01", [f"before</code>: {DAY_GIVEN}", f"after</code>: {DAY_GIVEN}"]),
    ("after=9&before=3", ["after</code>: Give before or after, not both: before=N shows the changes older than "
                          "change N, after=N those newer than it."]),
])
def test_a_position_that_cannot_be_used_is_a_400_saying_why(client, query, expected):
    """A day where a change's number is asked (the page's links give numbers) is told so,
    as are both ends at once, rather than "expected a number" for a number."""
    response = client.get(f"/changes/?{query}")
    assert response.status_code == 400
    assert problem_items(response) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("before=abc", "before: Expected a change's number (a whole number), as the page's own links give it.\n"),
    ("after=2019-02-30", f"after: {DAY_GIVEN}\n"),
    ("after=1&before=9", "after: Give before or after, not both: before=N shows the changes older than change N, "
                         "after=N those newer than it.\n"),
])
def test_the_feed_answers_a_position_that_cannot_be_used_as_the_page_does_in_plain_text(client, query, expected):
    response = client.get(f"/changes/feed/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == expected


def test_the_feed_goes_back_by_position_as_the_page_does(client, history, monkeypatch):
    monkeypatch.setattr(recent, "PAGE_SIZE", 2)
    public = list(recent.public_changes().order_by("-pk").values_list("pk", flat=True))

    def ids(query):
        feed = ET.fromstring(client.get(f"/changes/feed/{query}").content)
        return [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]

    assert ids("") == [f"tag:s400kb,2024:change:{pk}" for pk in public[:2]]
    assert ids(f"?before={public[1]}") == [f"tag:s400kb,2024:change:{pk}" for pk in public[2:4]]
