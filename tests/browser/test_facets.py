"""The deal list's facets as a person uses them (templates/includes/filter_panel.html,
static/lists/facets.js): ticking a box updates the results and the other filters' counts
without loading a page, and so does following a one-value filter's leading record (a link),
a box narrows a long list of countries as one types, "Skip to
results" leads past the filters in a few key presses, the panel is folded away on a phone
with the results on the first screen, and axe finds nothing in either state.

The figures are the curated data's: 15 deals, Turkey the recipient of 7 of them, of which one
is delivered; 2 deals delivered in all."""
import pytest

from .keyboard import presses_to_first_result
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

RESULT_LINK = "#results a"
FOCUSED_ID = "() => document.activeElement && document.activeElement.id"


def label_of(page, box_id):
    """The words of a checkbox's label, as a person reads them ("Turkey (7)")."""
    return " ".join(page.locator(f"label[for='{box_id}']").inner_text().split())


def in_all(page):
    return page.locator("#results-region .pagination span, #results-region p.count").first.inner_text()


def test_ticking_a_status_updates_the_results_and_the_other_counts_without_a_page_load(tab):
    page = tab.page
    tab.visit("/deals/")
    page.evaluate("() => { window.__samePage = true; }")
    assert label_of(page, "id_recipient_TR") == "Turkey (7)"
    assert "15 in all" in in_all(page)

    page.locator("#id_status_delivered").check()
    page.wait_for_url("**/deals/?status=delivered")
    page.wait_for_function(
        "() => document.querySelector(\"label[for='id_recipient_TR']\").textContent.includes('(1)')", timeout=5000
    )

    assert page.evaluate("() => window.__samePage === true"), "the page was loaded again"
    assert label_of(page, "id_recipient_TR") == "Turkey (1)"
    assert in_all(page) == "2 in all"
    assert page.locator(RESULT_LINK).count() >= 2
    # The status facet's own counts do not narrow: Negotiating still counts its 4 deals.
    assert label_of(page, "id_status_negotiating") == "Negotiating (4)"
    # Belarus has no delivered deal: not offered any more.
    assert page.locator("#id_recipient_BY").count() == 0
    assert page.locator("#results-status").inner_text() == "2 deals match these filters."
    assert page.evaluate(FOCUSED_ID) == "id_status_delivered", "focus left the box just ticked"
    assert "(1 active)" in page.locator(".filter-disclosure > summary").inner_text()

    # Unticked: every deal again, and Back returns to the delivered ones.
    page.locator("#id_status_delivered").uncheck()
    page.wait_for_function("() => document.querySelector(\"label[for='id_recipient_TR']\").textContent.includes('(7)')")
    assert "15 in all" in in_all(page)
    page.go_back()
    page.wait_for_function("() => document.querySelector(\"label[for='id_recipient_TR']\").textContent.includes('(1)')")
    assert in_all(page) == "2 in all"
    assert page.evaluate("() => window.__samePage === true")
    tab.assert_no_problems()


SUMMARY_FOCUSED = "() => document.activeElement === document.querySelector('.filter-disclosure > summary')"


def test_following_a_leading_deal_on_the_timeline_updates_in_place_and_keeps_focus_in_the_panel(tab):
    """A one-value filter's leaders are links (a second box of one name would send it twice);
    clicked, they update the page in place as a box does. The link followed is gone once its
    deal is the chosen one, so focus goes to the panel's summary, not to the page's top."""
    page = tab.page
    tab.visit("/timeline/")
    page.evaluate("() => { window.__samePage = true; }")
    assert "62 in all" in in_all(page)
    assert page.locator("#id_deal_ru-tr-s-400").inner_text() == "RU → TR: four divisions of S-400 air defense systems"

    page.locator("#id_deal_ru-tr-s-400").click()
    page.wait_for_url("**/timeline/?deal=ru-tr-s-400")
    page.wait_for_function("() => document.querySelector('#results-region p.count').textContent.includes('17 in all')")

    assert page.evaluate("() => window.__samePage === true"), "the page was loaded again"
    assert page.locator("#id_deal").input_value() == "ru-tr-s-400"
    assert page.locator("#id_deal_ru-tr-s-400").count() == 0  # chosen, no longer a leader
    # The other facets follow: the kinds count the Turkish deal's items alone.
    assert sum(int(n) for n in page.locator("#id_kind .count").evaluate_all(
        "counts => counts.map((c) => c.textContent.replace(/[()]/g, ''))")) == 17
    assert page.evaluate(SUMMARY_FOCUSED), "focus left the filter panel"
    assert "(1 active)" in page.locator(".filter-disclosure > summary").inner_text()
    assert page.locator("#results-status").inner_text() != ""

    page.go_back()
    page.wait_for_function("() => document.querySelector('#results-region p.count').textContent.includes('62 in all')")
    assert page.url.endswith("/timeline/")
    assert page.evaluate("() => window.__samePage === true")
    tab.assert_no_problems()


def test_a_leading_system_follows_in_place_from_the_keyboard_and_a_modified_click_is_left_to_the_browser(tab):
    page = tab.page
    tab.visit("/deals/")
    page.evaluate(
        """() => {
            window.__samePage = true;
            window.__fetches = 0;
            const original = window.fetch;
            window.fetch = (...args) => { window.__fetches += 1; return original(...args); };
            // After the panel's own handler: whether it took the click, then no new tab.
            document.addEventListener("click", (event) => {
                if (!event.target.closest(".leading")) return;
                window.__taken = event.defaultPrevented;
                event.preventDefault();
            });
        }"""
    )
    page.locator("#id_system_f-35").click(modifiers=["ControlOrMeta"])
    assert page.evaluate("() => window.__taken") is False, "a Ctrl/⌘ click (a new tab) was taken over"
    page.locator("#id_system_f-35").click(modifiers=["Shift"])
    assert page.evaluate("() => window.__taken") is False, "a Shift click (a new window) was taken over"
    assert page.evaluate("() => window.__fetches") == 0
    assert "15 in all" in in_all(page)

    page.locator("#id_system_s-400").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/deals/?system=s-400")
    page.wait_for_function("() => document.querySelector('#results-region p.count').textContent.includes('7 in all')")
    assert page.evaluate("() => window.__taken") is True
    assert page.evaluate("() => window.__samePage === true"), "the page was loaded again"
    assert label_of(page, "id_recipient_TR") == "Turkey (2)"
    assert page.evaluate(SUMMARY_FOCUSED), "focus left the filter panel"
    tab.assert_no_problems()


def test_typing_in_the_narrowing_box_hides_the_countries_that_do_not_match(tab):
    page = tab.page
    tab.visit("/deals/")
    narrow = page.get_by_role("searchbox", name="Narrow the recipient choices")
    visible = "ids => ids.filter((id) => !document.getElementById(id).closest('li').hidden)"
    everyone = page.locator("#id_recipient input[type=checkbox]").evaluate_all("boxes => boxes.map((b) => b.id)")
    assert len(everyone) == 6

    narrow.fill("ur")  # Turkey, but not Belarus, China, India, Iran or Qatar
    assert page.evaluate(visible, everyone) == ["id_recipient_TR"]
    narrow.fill("IRAN")
    assert page.evaluate(visible, everyone) == ["id_recipient_IR"]
    narrow.fill("")
    assert page.evaluate(visible, everyone) == everyone
    tab.assert_no_problems()


def test_the_narrowing_box_finds_a_country_by_its_other_names(tab):
    """Typed as the news calls it ("Ankara", "Türkiye" written without its dots), a country
    stays among the choices: the box reads each choice's aliases too. (The suppliers, three,
    get no box.)"""
    page = tab.page
    tab.visit("/deals/")
    visible = "ids => ids.filter((id) => !document.getElementById(id).closest('li').hidden)"
    recipients = page.locator("#id_recipient input[type=checkbox]").evaluate_all("boxes => boxes.map((b) => b.id)")
    narrow_recipients = page.get_by_role("searchbox", name="Narrow the recipient choices")

    narrow_recipients.fill("Ankara")
    assert page.evaluate(visible, recipients) == ["id_recipient_TR"]
    assert label_of(page, "id_recipient_TR") == "Turkey (7)"  # the label still says its name
    narrow_recipients.fill("turkiye")
    assert page.evaluate(visible, recipients) == ["id_recipient_TR"]
    no_match = page.locator("#id_recipient .facet-no-match")
    assert not no_match.is_visible()
    narrow_recipients.fill("Persia")  # no alias nor name holds it
    assert page.evaluate(visible, recipients) == []
    assert no_match.is_visible() and no_match.inner_text() == "No choice is named “Persia”."
    assert no_match.get_attribute("role") == "status"
    narrow_recipients.fill("Tur")
    assert page.evaluate(visible, recipients) == ["id_recipient_TR"] and not no_match.is_visible()
    tab.assert_no_problems()


def test_the_first_result_is_at_most_five_key_presses_from_the_filter_panel(tabs):
    """From the start of the filter panel (focus on what comes just before it), Tab reaches
    "Skip to results" first; Enter on it and one more Tab reach the first deal's link."""
    for width in (1280, 375):
        tab = tabs[width]
        page = tab.page
        tab.visit("/deals/")
        # Focus the last link before the panel (the scope switch), so the next Tab enters it.
        page.locator(".scope-switch a").last.focus()
        first_result = page.locator(RESULT_LINK).first.get_attribute("href")
        presses = presses_to_first_result(page, first_result, "#results")
        focused_href = page.evaluate("() => document.activeElement.getAttribute('href')")
        assert focused_href == first_result, f"after {presses} presses at {width} px, focus is on {focused_href}"
        assert presses <= 5, presses
        tab.assert_no_problems()


def test_from_show_the_first_result_is_three_key_presses_away(tabs):
    """Whoever reaches "Show" at the panel's end (a filter changed, say) meets "Skip to results"
    at the next Tab: Enter on it and one more Tab reach the first deal, rather than the list's
    downloads and nine sort links first."""
    for width in (1280, 375):
        tab = tabs[width]
        page = tab.page
        tab.visit("/deals/?status=delivered")
        if width == 375:
            page.locator(".filter-disclosure > summary").click()
        page.locator("#show-filters").focus()
        first_result = page.locator(RESULT_LINK).first.get_attribute("href")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to results"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement && document.activeElement.id === 'results'")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.getAttribute('href')") == first_result, width
        tab.assert_no_problems()


def test_past_the_folded_panels_summary_the_first_result_is_three_key_presses_away(tabs):
    """On a phone the panel is folded: whoever tabs past its summary meets "Skip to results"
    next, not the nine sort links above the first deal."""
    tab = tabs[375]
    page = tab.page
    tab.visit("/deals/")
    page.locator(".filter-disclosure > summary").focus()
    first_result = page.locator(RESULT_LINK).first.get_attribute("href")

    assert presses_to_first_result(page, first_result, "#results", most=3) == 3
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == first_result
    tab.assert_no_problems()


def test_skip_to_results_keeps_focus_on_the_results_and_fetches_nothing(tab):
    """The jump to "#results" changes only the address's fragment. Chromium fires popstate for
    it, as for Back; the script must not take that for a change of filters, fetch the page
    again and replace the results under the reader's focus (a slow answer then lands focus
    back among the downloads)."""
    page = tab.page
    tab.visit("/timeline/")
    page.evaluate(
        """() => {
            window.__fetches = 0;
            const original = window.fetch;
            window.fetch = (...args) => { window.__fetches += 1; return original(...args); };
            window.__hashchanged = new Promise((done) => addEventListener("hashchange", done, { once: true }));
        }"""
    )
    page.locator(".skip-results").first.focus()
    page.keyboard.press("Enter")
    page.evaluate("() => window.__hashchanged")  # popstate, if any, came before it
    assert page.evaluate("() => window.__fetches") == 0
    assert page.evaluate(FOCUSED_ID) == "results"
    # Back to the address without the fragment: the same filters, still nothing to fetch.
    page.go_back()
    assert page.evaluate("() => window.__fetches") == 0
    tab.assert_no_problems()


def test_on_a_phone_the_panel_is_folded_and_the_results_are_on_the_first_screen(mobile_tab):
    page = mobile_tab.page
    mobile_tab.visit("/deals/?status=negotiating")
    panel = page.locator(".filter-disclosure")
    assert panel.evaluate("details => details.open") is False
    assert "Filters (1 active)" in " ".join(page.locator(".filter-disclosure > summary").inner_text().split())
    # The results' table (its caption and sort links, then the rows) starts on the first screen.
    table = page.locator("table.deals").bounding_box()
    assert table["y"] < 812, f"the results start at {table['y']} px, below the first screen"
    assert not page.locator("#id_recipient").is_visible()

    page.locator(".filter-disclosure > summary").click()
    assert page.locator("#id_recipient").is_visible()
    mobile_tab.assert_no_problems()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_facets_have_no_wcag_violations_folded_open_or_updated(tabs, width):
    tab = tabs[width]
    page = tab.page
    tab.visit("/deals/")
    violations = {"as loaded": axe_violations(page)}
    if width == 375:
        page.locator(".filter-disclosure > summary").click()
    page.get_by_role("searchbox", name="Narrow the recipient choices").fill("tur")
    violations["open and narrowed"] = axe_violations(page)
    page.locator("#id_status_negotiating").check()
    page.wait_for_url("**status=negotiating**")
    page.wait_for_function("() => document.getElementById('results-status').textContent !== ''")
    violations["updated"] = axe_violations(page)
    assert not any(violations.values()), "\n".join(
        f"{state}:\n{describe(found)}" for state, found in violations.items() if found
    )
    tab.assert_no_problems()


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshot_of_the_deal_list_with_facets(tabs, screenshots_dir, width):
    """The panel open, Turkey chosen, the list narrowed to its deals."""
    tab = tabs[width]
    page = tab.page
    tab.visit("/deals/?recipient=TR")
    if width == 375:
        page.locator(".filter-disclosure > summary").click()
    path = screenshots_dir / f"deal-list-facets-{width}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 0
    assert label_of(page, "id_recipient_TR") == "Turkey (7)"
    assert label_of(page, "id_status_negotiating") == "Negotiating (2)"


@pytest.mark.parametrize("path", ["/deals/", "/statements/", "/timeline/", "/people/", "/systems/", "/countries/", "/sources/"])
def test_without_the_script_show_lands_on_the_results(browser, app_url, path):
    """With JavaScript off, "Show" loads the page afresh: it opens on the results (the form's
    action ends in #results), not on the top of the page, at both widths."""
    for viewport in ({"width": 375, "height": 812}, {"width": 1280, "height": 900}):
        context = browser.new_context(viewport=viewport, base_url=app_url, java_script_enabled=False)
        try:
            page = context.new_page()
            page.goto(path)
            assert page.evaluate("() => window.scrollY") == 0
            with page.expect_navigation():
                page.locator("form.filters button[type=submit]").click()
            assert page.url.endswith("#results"), page.url
            top = page.evaluate("() => document.getElementById('results').getBoundingClientRect().top")
            assert abs(top) <= 2 or page.evaluate(
                "() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2"
            ), f"the results are at {top} px on {path} at {viewport['width']} px"
            assert page.evaluate("() => window.scrollY") > 0
        finally:
            context.close()


def test_the_statuses_fit_their_box_and_a_longer_list_shows_its_hidden_end(tabs):
    """Every status is in sight on a wide screen; on a phone, where a list scrolls in a
    shorter box, its lower edge is shaded while choices are hidden below it."""
    wide = tabs[1280].page
    tabs[1280].visit("/deals/")
    statuses = wide.locator(".facet-choices:has(#id_status_denied)")
    assert statuses.evaluate("list => list.scrollHeight <= list.clientHeight + 1")
    assert wide.locator("#id_status_denied").is_visible()

    phone = tabs[375].page
    tabs[375].visit("/deals/")
    phone.locator(".filter-disclosure > summary").click()
    listed = phone.locator(".facet-choices:has(#id_status_denied)")
    assert listed.evaluate("list => list.scrollHeight > list.clientHeight")
    shading = listed.evaluate("list => getComputedStyle(list).backgroundImage")
    assert shading.count("gradient(") == 4
