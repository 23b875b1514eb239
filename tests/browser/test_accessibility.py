"""axe-core finds no WCAG 2.1 A or AA violation on any public page.

axe's script comes from the PyPI package axe-playwright-python, which ships axe-core's
`axe.min.js` unchanged (pinned in requirements-dev.txt), so nothing is fetched at test time.
It is run with Playwright's `page.evaluate`, which the browser executes outside the page's
Content-Security-Policy: the CSP stays on while axe looks at the page, and no inline script
tag is needed.
"""
from functools import cache
from importlib.resources import files

import pytest

from .pages import each_public_page, skip_if_not_built

pytestmark = pytest.mark.browser

WCAG_21_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@cache
def axe_script() -> str:
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, options=WCAG_21_A_AA) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    results = page.evaluate("options => axe.run(document, options)", options)
    return results["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@each_public_page()
@pytest.mark.parametrize("width", [375, 1280])
def test_page_has_no_wcag_violations(tabs, public_page, width):
    """At phone width too: there the wide tables are laid out row by row, the sort links
    wrap, and contrast or target problems of that layout would show."""
    tab = tabs[width]
    skip_if_not_built(tab, public_page)
    tab.visit(public_page.path, status=public_page.status)
    violations = axe_violations(tab.page)
    assert not violations, (
        f"axe found WCAG 2.1 A/AA violations on {public_page.path} at {width} px:\n{describe(violations)}"
    )


def test_axe_reports_a_violation_it_is_shown(tab):
    """The check above can fail: an image without a text alternative is reported."""
    tab.visit("/")
    tab.page.evaluate(
        """() => {
          const image = document.createElement("img");
          image.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
          document.querySelector("main").append(image);
        }"""
    )
    assert "image-alt" in {violation["id"] for violation in axe_violations(tab.page)}


@pytest.mark.parametrize("path", ["/", "/deals/", "/countries/TR/", "/deals/ru-tr-s-400/", "/search/?q=Ankara"])
@pytest.mark.parametrize("width", [375, 1280])
def test_dark_theme_follows_the_system_and_has_no_wcag_violations(tabs, path, width):
    """With the system's dark preference the pages turn dark (the paper and ink swap) and axe
    still finds nothing, contrast included."""
    tab = tabs[width]
    tab.page.emulate_media(color_scheme="dark")
    try:
        tab.visit(path)
        colours = tab.page.evaluate(
            "() => [getComputedStyle(document.documentElement).backgroundColor,"
            " getComputedStyle(document.querySelector('main')).color]"
        )
        violations = axe_violations(tab.page)
    finally:
        tab.page.emulate_media(color_scheme="light")
    assert colours == ["rgb(18, 20, 23)", "rgb(232, 234, 237)"]
    assert not violations, f"axe found WCAG 2.1 A/AA violations on {path} in the dark at {width} px:\n{describe(violations)}"
