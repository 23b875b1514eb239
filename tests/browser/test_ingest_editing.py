"""Editing at the speed of news, in headless Chromium: an article ingested from the command
line under a new outlet and with its address; on the review page the editor accepts a
delivery and a new organisation, rejects a statement then undoes it, and rejects every
country at once. What is checked is what a person would look at: the delivery on the deal's
page, the organisation's page, the source page's link, the counts of waiting drafts.

The app gets its own database (the fixture of test_ingest_review.py, with another article).
"""

import pytest

from ingest.tests.test_editing import WIRE
from tests.browser.conftest import DESKTOP, app_environment, manage, serving
from tests.browser.test_ingest_review import CREATE_EDITOR, PASSWORD, AdminTab

pytestmark = pytest.mark.browser
ADDRESS = "https://example.org/news/second-regiment"


@pytest.fixture(scope="module")
def editing_app(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("ingest-editing")
    env = app_environment(workdir / "editing.sqlite3")
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("load_curated", "--verbosity", "0", env=env)
    manage("setup_roles", "--verbosity", "0", env=env)
    manage("shell", "-c", CREATE_EDITOR, env=env)
    article = workdir / "wire.txt"
    article.write_text(WIRE)
    manage("ingest", str(article), "--outlet", "Volga Courier", "--published", "November 6, 2021", "--url", ADDRESS, env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    with serving(env, workdir, ready="/admin/login/") as url:
        yield url


@pytest.fixture(scope="module")
def editor_tab(browser, editing_app):
    tab = AdminTab(browser, editing_app, DESKTOP)
    tab.visit("/admin/login/?next=/admin/ingest/article/")
    tab.page.fill("#id_username", "editor")
    tab.page.fill("#id_password", PASSWORD)
    tab.page.click("input[type=submit]")
    tab.page.wait_for_url("**/admin/ingest/article/")
    tab.page.click("text=Russia delivered the second S-400 regiment")
    tab.page.wait_for_url("**/review/")
    tab.assert_no_problems()
    yield tab
    tab.close()


def waiting(page) -> int:
    return int(page.locator("#pending-total").inner_text())


def card(page, kind, text):
    return page.locator(f"article[data-kind={kind}]").filter(has=page.locator(".summary", has_text=text))


def test_accepting_the_delivery_puts_it_on_the_deals_page(editor_tab):
    page = editor_tab.page
    assert "Volga Courier" in page.locator(".article-meta").inner_text()
    before = waiting(page)
    card(page, "delivery", "actual delivery").get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    assert "Accepted. " in page.locator(".messagelist").inner_text()
    assert waiting(page) == before - 1
    delivery = card(page, "delivery", "actual delivery")
    assert delivery.locator(".status").inner_text() == "Accepted"
    delivery.locator(".result a").click()
    page.wait_for_load_state()
    fragment = page.url.split("#")[1]
    assert fragment.startswith("delivery-")
    on_deal = page.locator(f"#{fragment}")
    assert on_deal.is_visible() and "second S-400 regiment" in on_deal.inner_text()
    editor_tab.assert_no_problems()


def test_the_source_page_links_the_articles_address(editor_tab):
    page = editor_tab.page
    page.go_back()
    page.wait_for_load_state()
    page.locator(".article-meta a").click()  # the source, created by the first accept
    page.wait_for_load_state()
    link = page.get_by_role("link", name=ADDRESS)
    assert link.get_attribute("href") == ADDRESS
    assert "Volga Courier" in page.locator("main").inner_text()
    page.go_back()
    page.wait_for_load_state()
    editor_tab.assert_no_problems()


def test_accepting_a_new_organisation_creates_its_page(editor_tab):
    page = editor_tab.page
    page.reload()
    before = waiting(page)
    kbp = card(page, "organisation", "KBP")
    kbp.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    assert "Created the organisation KBP" in page.locator(".messagelist").inner_text()
    assert waiting(page) == before - 1
    card(page, "organisation", "KBP").get_by_role("link", name="Created the organisation KBP").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "KBP"
    page.go_back()
    page.wait_for_load_state()
    editor_tab.assert_no_problems()


def test_a_rejection_is_undone_and_the_draft_waits_again(editor_tab):
    page = editor_tab.page
    page.reload()
    before = waiting(page)
    statement = card(page, "statement", "Baltic Institute")
    statement.get_by_role("button", name="Reject").click()
    page.wait_for_load_state()
    assert waiting(page) == before - 1
    statement = card(page, "statement", "Baltic Institute")
    assert statement.locator(".status").inner_text() == "Rejected"
    statement.get_by_role("button", name="Undo").click()
    page.wait_for_load_state()
    assert "Rejection undone" in page.locator(".messagelist").inner_text()
    statement = card(page, "statement", "Baltic Institute")
    assert statement.locator(".status").inner_text() == "Waiting for review"
    assert statement.get_by_role("button", name="Accept").count() == 1
    assert waiting(page) == before
    editor_tab.assert_no_problems()


def test_reject_all_of_a_kind(editor_tab):
    page = editor_tab.page
    before = waiting(page)
    heading = page.locator("#kind-country")
    assert heading.inner_text().startswith("Country (4, 4 waiting)")
    group = page.locator("#decide-all-country")
    assert group.get_by_role("button", name="Accept all 4 countries").is_visible()
    group.get_by_role("button", name="Reject all").click()
    page.wait_for_load_state()
    assert "Rejected 4 of 4 countries." in page.locator(".messagelist").inner_text()
    assert page.locator("#kind-country").inner_text().startswith("Country (4, 0 waiting)")
    assert page.locator("#decide-all-country").count() == 0
    assert waiting(page) == before - 4
    assert [s.inner_text() for s in page.locator("article[data-kind=country] .status").all()] == ["Rejected"] * 4
    editor_tab.assert_no_problems()
