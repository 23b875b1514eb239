"""A page prints without its navigation and filters, loads nothing from another host, and
the checks every browser test relies on do catch what they are meant to catch."""
import socket

import pytest

pytestmark = pytest.mark.browser

DISPLAY = "selector => { const e = document.querySelector(selector); return e && getComputedStyle(e).display; }"


@pytest.fixture
def printing(tab):
    tab.page.emulate_media(media="print")
    yield tab
    tab.page.emulate_media(media="screen")


def test_deal_page_prints_without_navigation(printing):
    page = printing.page
    printing.visit("/deals/ru-tr-s-400/")
    assert page.evaluate("() => matchMedia('print').matches")
    assert page.evaluate(DISPLAY, "header nav") == "none"
    assert page.evaluate(DISPLAY, ".site-search") == "none"
    assert page.evaluate(DISPLAY, ".skip-link") == "none"
    assert page.locator("main h1").is_visible(), "the deal itself must still print"


def test_deal_list_prints_without_filters(printing):
    page = printing.page
    printing.visit("/deals/?status=negotiating")
    assert page.evaluate(DISPLAY, "form.filters") == "none"
    assert page.evaluate(DISPLAY, ".active-filters") == "none"
    assert page.locator("main table").is_visible(), "the results must still print"


def test_screen_shows_the_navigation(tab):
    """The print check above is not vacuous: on screen the same elements are shown."""
    tab.visit("/deals/ru-tr-s-400/")
    assert tab.page.evaluate(DISPLAY, "header nav") not in (None, "none")


def test_a_page_loads_only_from_its_own_host(tab):
    tab.visit("/deals/ru-tr-s-400/")
    assert any(url.endswith("/static/css/site.css") for url in tab.requests), tab.requests
    assert tab.off_origin_requests() == []


def test_csp_violations_and_script_errors_are_caught(tab):
    """What makes every browser test fail on a CSP violation or a script error, at work."""
    page = tab.page
    response = tab.visit("/")
    assert "default-src 'self'" in response.headers.get("content-security-policy", ""), "the page has no strict CSP"
    with socket.socket() as sock:  # an origin that differs only in its port, on this machine
        sock.bind(("127.0.0.1", 0))
        other_origin = f"http://127.0.0.1:{sock.getsockname()[1]}"
    page.evaluate(
        """otherOrigin => {
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";
          document.body.append(script);
          const image = document.createElement("img");
          image.src = otherOrigin + "/pixel.png";
          image.alt = "";
          document.body.append(image);
          setTimeout(() => { throw new Error("boom from a test"); });
        }""",
        other_origin,
    )
    page.wait_for_timeout(300)
    problems, tab.problems = tab.problems, []
    text = "\n".join(problems)
    assert not page.evaluate("() => window.inlineRan === true"), "the CSP let an inline script run"
    assert "script-src" in text, problems
    assert "img-src" in text and other_origin in text, problems
    assert "boom from a test" in text, problems
    # The browser reports the blocked attempt as a request, so the same-origin check sees it too.
    assert tab.off_origin_requests() == [other_origin + "/pixel.png"]
    tab.requests.clear()
