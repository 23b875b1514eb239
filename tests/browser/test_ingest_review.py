"""The review page in headless Chromium: an editor signs in, sees the article beside its
drafts with their words highlighted, shows a draft's evidence in the text, accepts one draft,
sees an invalid correction refused, rejects a draft, and corrects one before accepting it.

Uses the session's Chromium and the problem-recording tab from conftest.py; the app here
gets its own database holding an ingested article and an editor account.
"""

import pytest

from ingest.tests.helpers import ARTICLE
from tests.browser.conftest import (
    BASE_DIR,
    DESKTOP,
    Tab,
    app_environment,
    manage,
    serving,
)

pytestmark = pytest.mark.browser
PASSWORD = "a-long-test-password-42"
CREATE_EDITOR = (
    "from django.contrib.auth.models import Group, User; "
    f"u = User.objects.create_user('editor', password='{PASSWORD}', is_staff=True); "
    "u.groups.add(Group.objects.get(name='editors'))"
)


@pytest.fixture(scope="module")
def review_app(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("ingest-review")
    env = app_environment(workdir / "review.sqlite3")
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("load_curated", "--verbosity", "0", env=env)
    manage("setup_roles", "--verbosity", "0", env=env)
    manage("shell", "-c", CREATE_EDITOR, env=env)
    article = workdir / "egypt.txt"
    article.write_text(ARTICLE)
    manage("ingest", str(article), "--outlet", "Interfax", "--published", "June 5, 2020", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    with serving(env, workdir, ready="/admin/login/") as url:
        yield url


class AdminTab(Tab):
    """Django's admin pages declare no icon, so Chromium asks for /favicon.ico and logs its
    404; that is the admin's, not a problem of the pages under test."""

    def _console(self, message) -> None:
        if "favicon.ico" in message.location.get("url", ""):
            return
        super()._console(message)


@pytest.fixture(scope="module")
def editor_tab(browser, review_app):
    tab = AdminTab(browser, review_app, DESKTOP)
    tab.visit("/admin/login/?next=/admin/ingest/article/")
    tab.page.fill("#id_username", "editor")
    tab.page.fill("#id_password", PASSWORD)
    tab.page.click("input[type=submit]")
    tab.page.wait_for_url("**/admin/ingest/article/")
    tab.assert_no_problems()
    yield tab
    tab.close()


def test_review_page_shows_the_article_beside_its_highlighted_drafts(editor_tab):
    page = editor_tab.page
    page.click("text=Russia and Egypt signed a contract")  # the changelist links to the review
    page.wait_for_url("**/review/")
    editor_tab.assert_no_problems()
    page.screenshot(path=str(BASE_DIR / "artifacts" / "ingest-review.png"), full_page=True)
    text = page.locator("#article-text")
    assert "Mohamed Zaki told Interfax on Friday" in text.inner_text()
    money = text.locator("mark.k-money")
    assert money.count() == 1 and money.inner_text() == "$2.1 billion"
    assert money.is_visible()
    # Article and drafts sit side by side on a desktop screen.
    article_box, drafts_box = page.locator(".article-text").bounding_box(), page.locator(".drafts").bounding_box()
    assert article_box["x"] + article_box["width"] <= drafts_box["x"] + 1
    assert page.locator("#kind-statement").inner_text().startswith("Statement (3, 3 waiting)")


def test_show_in_the_text_marks_the_drafts_evidence(editor_tab):
    page = editor_tab.page
    card = page.locator("article[data-kind=statement]").filter(has_text="next year")
    card.get_by_role("link", name="Show in the text").click()
    page.wait_for_url("**?focus=*")
    focus = page.locator("#article-text mark.focus")
    assert "".join(focus.all_inner_texts()) == "“The first regiment will arrive next year,” Zaki said."
    assert focus.first.is_visible()
    editor_tab.assert_no_problems()


def test_accepting_a_draft_and_refusing_a_wrong_excerpt(editor_tab):
    page = editor_tab.page
    deal_card = page.locator("article[data-kind=deal]").first
    deal_card.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    assert "Accepted. Created the deal" in page.locator(".messagelist").inner_text()
    accepted = page.locator("article[data-kind=deal]").first
    assert accepted.locator(".status").inner_text() == "Accepted"
    assert accepted.get_by_role("link").filter(has_text="Created the deal").count() == 1

    quote = page.locator("article[data-kind=statement]").filter(has_text="next year")
    quote.locator("summary").click()
    quote.locator("textarea[name$=excerpt]").fill("Zaki said nothing of the kind.")
    quote.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    quote = page.locator("article[data-kind=statement]").filter(has_text="next year")
    assert "does not occur in the article's text" in quote.inner_text()
    assert quote.locator(".status").inner_text() == "Waiting for review"
    assert page.locator("#pending-total").inner_text() != "0"
    editor_tab.assert_no_problems()


def test_rejecting_a_draft_marks_it_and_writes_nothing(editor_tab):
    page = editor_tab.page
    card = page.locator("article[data-kind=statement]").filter(has_text="Washington warned Cairo")
    card.get_by_role("button", name="Reject").click()
    page.wait_for_load_state()
    assert "Nothing was written to the knowledge base" in page.locator(".messagelist").inner_text()
    card = page.locator("article[data-kind=statement]").filter(has_text="Washington warned Cairo")
    assert card.locator(".status").inner_text() == "Rejected"
    # Decided: no accept or reject any more, only the undo.
    assert card.get_by_role("button", name="Accept").count() == card.get_by_role("button", name="Reject").count() == 0
    assert card.get_by_role("button", name="Undo").count() == 1
    editor_tab.assert_no_problems()


def test_correcting_a_draft_then_accepting_it(editor_tab):
    page = editor_tab.page
    card = page.locator("article[data-kind=date]").filter(has=page.locator(".summary", has_text="in March 2020 →"))
    card.locator("summary").click()
    assert "was read as 2020-03 (1 March 2020 to 31 March 2020)" in card.inner_text()
    card.locator("input[name$='-title']").fill("Egypt signs for two S-400 regiments")
    card.locator("input[name$='-date_words']").fill("mid-March 2020")
    card.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    message = page.locator(".messagelist").inner_text()
    assert "Accepted. Created event #" in message and "Egypt signs for two S-400 regiments" in message
    card = page.locator("article[data-kind=date]").filter(has=page.locator(".summary", has_text="in March 2020 →"))
    assert card.locator(".status").inner_text() == "Accepted"
    card.get_by_role("link").filter(has_text="Egypt signs for two S-400 regiments").click()
    page.wait_for_load_state()
    event = page.locator("main").inner_text()
    assert "Egypt signs for two S-400 regiments" in event and "mid-Mar 2020" in event
    editor_tab.assert_no_problems()
