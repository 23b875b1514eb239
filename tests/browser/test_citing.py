"""Citing a page in the browser: "Copy citation" puts the plain-text citation on the
clipboard in one click (and is not offered without JavaScript, where the block's text is
there to select); "Cite this page" opens on the three formats with the page's address, a
Copy button copies one (or selects it where the clipboard is refused), the page passes axe
at both widths, and a printout names the page's address and the day."""
import pytest

from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

DISPLAY = "selector => { const e = document.querySelector(selector); return e && getComputedStyle(e).display; }"


def test_copy_citation_puts_the_plain_citation_on_the_clipboard_in_one_click(tab):
    page = tab.page
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=tab.origin)
    try:
        tab.visit("/deals/ru-tr-s-400/")
        button = page.get_by_role("button", name="Copy citation", exact=True)
        assert button.is_visible(), "the button is outside the folded block, shown at once"
        button.click()
        # The clipboard answers asynchronously: wait for the status to say how it went.
        page.wait_for_function("() => document.querySelector('.cite-quick-status').textContent.trim() !== ''")
        assert page.locator(".cite-quick-status").inner_text().strip() == "Copied."
        copied = page.evaluate("() => navigator.clipboard.readText()")
    finally:
        tab.context.clear_permissions()
    plain = page.get_by_label("Plain text").input_value()
    assert copied == plain
    assert f"{tab.origin}/deals/ru-tr-s-400/" in copied and "(accessed " in copied and "data version " in copied
    assert copied.startswith("S-400 deals knowledge base editors. “RU → TR: ")
    assert page.locator("details.cite-this").get_attribute("open") is None, "one click, the block left closed"
    tab.assert_no_problems()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["/deals/ru-tr-s-400/", "/statements/37/", "/countries/TR/"])
def test_copy_citation_passes_axe_at_both_widths(tabs, path, width):
    tab = tabs[width]
    tab.visit(path)
    assert tab.page.get_by_role("button", name="Copy citation", exact=True).is_visible()
    violations = axe_violations(tab.page)
    assert not violations, f"{path} at {width} px:\n{describe(violations)}"


def test_without_javascript_no_dead_button_and_the_citation_to_select(browser, app_url):
    context = browser.new_context(java_script_enabled=False, base_url=app_url)
    try:
        page = context.new_page()
        page.goto("/deals/ru-tr-s-400/")
        assert not page.locator(".cite-quick-copy").is_visible()
        page.get_by_text("Cite this page").click()
        assert "/deals/ru-tr-s-400/" in page.get_by_label("Plain text").input_value()
    finally:
        context.close()


def test_cite_this_page_opens_on_the_three_formats(tab):
    page = tab.page
    tab.visit("/deals/ru-tr-s-400/")
    plain = page.get_by_label("Plain text")
    assert not plain.is_visible(), "the block starts closed"
    page.get_by_text("Cite this page").click()
    assert plain.is_visible()
    address = f"{tab.origin}/deals/ru-tr-s-400/"
    assert address in plain.input_value()
    assert "accessed " in plain.input_value()
    assert page.get_by_label("BibTeX").input_value().startswith("@misc{s400kb-deal-ru-tr-s-400,")
    assert '"type": "webpage"' in page.get_by_label("CSL-JSON").input_value()
    violations = axe_violations(page)
    assert not violations, describe(violations)

    page.get_by_role("button", name="Copy BibTeX").click()
    status = page.locator(".cite-copied").nth(1)
    status.wait_for()
    assert status.inner_text().strip() in ("Copied.", "Selected: press Ctrl+C (⌘C) to copy.")
    tab.assert_no_problems()


def test_a_printout_names_the_page_and_the_day(tab):
    page = tab.page
    tab.visit("/deals/?status=negotiating")
    assert page.evaluate(DISPLAY, ".printed-from") == "none", "on screen it is hidden"
    page.emulate_media(media="print")
    try:
        footer = page.locator(".printed-from")
        assert footer.is_visible()
        text = footer.inner_text()
        assert text.startswith("Printed from http") and "/deals/?status=negotiating on " in text, text
        assert page.evaluate(DISPLAY, ".cite-this") is None  # a list page has no citation block
    finally:
        page.emulate_media(media="screen")


def test_a_record_page_prints_its_address_not_its_citation_block(tab):
    page = tab.page
    tab.visit("/statements/1/")
    page.emulate_media(media="print")
    try:
        assert page.evaluate(DISPLAY, ".cite-this") == "none"
        assert "/statements/1/ on " in page.locator(".printed-from").inner_text()
    finally:
        page.emulate_media(media="screen")
