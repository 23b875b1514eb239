"""Reaching a list's first result by keyboard, as the issue's target counts it: Tab from where
focus is, Enter on "Skip to results" (which moves focus to `#results`), until focus is on the
first result's link."""


def presses_to_first_result(page, first_href, within, most=5):
    """Press keys from the focused element until the link to `first_href` inside `within` (a
    selector) has focus, at most `most` presses; returns how many were pressed."""
    presses = 0
    while presses < most:
        focused = page.evaluate(
            "within => ({text: document.activeElement.textContent.trim(), "
            "href: document.activeElement.getAttribute('href'), "
            "inside: Boolean(document.activeElement.closest(within))})", within,
        )
        if focused["inside"] and focused["href"] == first_href:
            break
        key = "Enter" if focused["text"] == "Skip to results" else "Tab"
        page.keyboard.press(key)
        presses += 1
        if key == "Enter":
            page.wait_for_function("() => document.activeElement && document.activeElement.id === 'results'")
    return presses
