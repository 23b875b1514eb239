"""A visitor narrows the deals down with the filter form, opens one, and checks a fact
against the words of its source."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from .geometry import assert_in_view

pytestmark = pytest.mark.browser

DEAL_LINK = re.compile(r"^/deals/([\w-]+)/$")


def label_named(text: str) -> re.Pattern:
    """A field's label as a person reads it, with or without Django's trailing colon."""
    return re.compile(rf"^{re.escape(text)}:?$")


def choose(form, field_label: str, option_text: str) -> None:
    """Pick the option whose visible text starts with `option_text` ("Turkey" in "Turkey (7)"),
    whether the field is drawn as a list box or as a group of checkboxes."""
    name = label_named(field_label)
    group = form.get_by_role("group", name=name)
    if group.count():
        group.get_by_role("checkbox", name=re.compile(rf"^{re.escape(option_text)}\b")).check()
        return
    select = form.get_by_label(name)
    value = select.evaluate(
        """(select, text) => {
          const option = [...select.options].find((o) => o.textContent.trim().startsWith(text));
          return option ? option.value : null;
        }""",
        option_text,
    )
    assert value is not None, f"{field_label} offers no option starting with {option_text!r}"
    select.select_option(value)


def listed_deals(page) -> list[str]:
    """The slugs of the deals in the results table, in order."""
    hrefs = page.locator("main table a").evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    return [match.group(1) for href in hrefs if (match := DEAL_LINK.match(href))]


def active_filters(page) -> list[str]:
    return [text.replace("×", "").strip() for text in page.locator(".active-filters li").all_inner_texts()]


def words(text: str) -> str:
    return " ".join(text.split())


def submit(page, form) -> None:
    with page.expect_navigation():
        form.get_by_role("button", name="Show").click()


def open_filters(page):
    """On a phone the filter panel starts folded: open it, as a person would, to reach a filter."""
    panel = page.locator(".filter-disclosure")
    if not panel.evaluate("details => details.open"):
        panel.locator("> summary").click()


@pytest.mark.parametrize("width", [375, 1280])
def test_filter_deals_open_one_and_follow_a_citation_to_its_source(tabs, width):
    tab = tabs[width]
    page = tab.page
    tab.visit("/deals/")
    assert "ru-ir-s-400" in listed_deals(page), "the unfiltered list shows deals of every country"

    open_filters(page)
    form = page.get_by_role("form", name="Filter the deals")
    choose(form, "Status", "Negotiating")
    choose(form, "Recipient", "Turkey")
    submit(page, form)

    query = parse_qs(urlsplit(page.url).query)
    assert query.get("status") == ["negotiating"] and query.get("recipient") == ["TR"], page.url
    assert sorted(listed_deals(page)) == ["ru-tr-military-products", "ru-tr-s-400-second-batch"]
    assert sorted(active_filters(page)) == ["Recipient: Turkey", "Status: Negotiating"]
    tab.assert_no_problems()

    with page.expect_navigation():
        page.get_by_role("link", name="Remove filter Status: Negotiating").click()
    assert parse_qs(urlsplit(page.url).query) == {"recipient": ["TR"]}
    assert active_filters(page) == ["Recipient: Turkey"]
    turkish = listed_deals(page)
    assert {"ru-tr-s-400", "ru-tr-s-400-second-batch", "us-tr-f-35"} <= set(turkish)
    assert not [slug for slug in turkish if "-tr-" not in slug], turkish

    with page.expect_navigation():
        page.locator('main table a[href="/deals/ru-tr-s-400/"]').click()
    assert urlsplit(page.url).path == "/deals/ru-tr-s-400/"
    main = page.locator("main")
    assert "2.5 billion" in main.inner_text()
    dates = main.locator(".date").all_inner_texts()
    # Dates lead with their reading; the source's words follow when they say more.
    assert any(text.startswith("mid-Jun 2019") for text in dates), dates
    assert any(text.startswith("23 Oct 2019") for text in dates), dates
    assert "“in mid-June 2019”" in [text.strip() for text in main.locator(".date-words").all_inner_texts()]
    tab.assert_no_problems()

    # The first delivery's excerpt links to where it is highlighted in the article.
    delivery = main.locator(".delivery", has_text="mid-June 2019")
    citation_link = delivery.locator('a[href*="#citation-"]').first
    href = citation_link.get_attribute("href")
    excerpt = words(citation_link.locator("xpath=..").locator("blockquote").inner_text()).strip("“”")
    with page.expect_navigation():
        citation_link.click()
    fragment = urlsplit(page.url).fragment
    assert re.fullmatch(r"citation-\d+", fragment) and page.url.endswith(href), (page.url, href)
    assert urlsplit(page.url).path.startswith("/sources/")

    mark = page.locator(f"mark#{fragment}")
    assert mark.count() == 1, f"no <mark id={fragment}> on {page.url}"
    assert mark.evaluate("element => element.matches(':target')")
    assert_in_view(mark, "the highlighted excerpt")
    # The article's own words in the highlight, without the links to facts placed inside it.
    highlighted = words(
        mark.evaluate("mark => { const copy = mark.cloneNode(true); copy.querySelectorAll('a').forEach((a) => a.remove()); return copy.textContent; }")
    )
    assert highlighted and highlighted in excerpt, f"highlighted {highlighted!r}, but the deal cites {excerpt!r}"


@pytest.mark.parametrize("width", [375, 1280])
def test_filter_statements_by_a_speaker_typed_in_and_picked_from_suggestions(tabs, width):
    tab = tabs[width]
    page = tab.page
    tab.visit("/statements/")
    open_filters(page)
    form = page.get_by_role("form", name="Filter the statements")
    speaker = form.get_by_label(label_named("Speaker"))
    assert speaker.evaluate("input => input.tagName + ':' + input.type") == "INPUT:text"

    speaker.click()
    speaker.press_sequentially("pesk")
    suggestion = page.locator(f"datalist#{speaker.get_attribute('id')}-suggestions option[value='dmitry-peskov']")
    suggestion.wait_for(state="attached")
    assert suggestion.get_attribute("label") == "Dmitry Peskov"
    speaker.fill("dmitry-peskov")  # what picking the suggestion puts in the field
    submit(page, form)

    assert parse_qs(urlsplit(page.url).query).get("speaker") == ["dmitry-peskov"], page.url
    assert active_filters(page) == ["Speaker: Dmitry Peskov"]
    chosen = form.get_by_role("checkbox", name="Dmitry Peskov")
    assert chosen.is_checked()
    speakers = {words(text) for text in page.locator('main table td[data-label="Speaker"]').all_inner_texts()}
    assert speakers and all("Peskov" in text for text in speakers), speakers
    tab.assert_no_problems()

    # A name that names nobody is said to, with the page's 400.
    tab.visit("/statements/?speaker=Nobody+Of+Note", status=400)
    assert "No person to filter by is named “Nobody Of Note”" in page.locator("main").inner_text()
