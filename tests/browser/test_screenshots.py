"""Full-page screenshots of every public page at phone and desktop width, for review.

They are written to artifacts/screenshots/<page>-<width>.png (ignored by git). Taking them
also checks what a person would see first on a phone: the page reflows into 375 px
without scrolling sideways (WCAG 1.4.10); a wide table may scroll inside its own box.
"""
import pytest

from .pages import each_public_page, skip_if_not_built

pytestmark = pytest.mark.browser

PAGE_WIDER_THAN_VIEWPORT = """() => {
  const viewport = document.documentElement.clientWidth;
  // Whether a box's overflow is clipped by an ancestor that scrolls it (for an absolutely
  // positioned box, only a positioned ancestor counts: the others do not contain it).
  const scrollsInside = (element) => {
    let position = getComputedStyle(element).position;
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (position === "fixed") return false;
      const style = getComputedStyle(parent);
      if (position !== "absolute" || style.position !== "static") {
        if (style.overflowX !== "visible") return true;
        position = style.position;
      }
    }
    return false;
  };
  const wide = [...document.querySelectorAll("body *")].filter((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.right > viewport + 1 && !scrollsInside(element);
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    viewport,
    culprits: wide.slice(-5).map((element) => element.outerHTML.slice(0, 200)),
  };
}"""


@each_public_page()
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshot(tabs, screenshots_dir, public_page, width):
    tab = tabs[width]
    skip_if_not_built(tab, public_page)
    tab.visit(public_page.path, status=public_page.status)
    path = screenshots_dir / f"{public_page.name}-{width}.png"
    tab.page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 0
    layout = tab.page.evaluate(PAGE_WIDER_THAN_VIEWPORT)
    assert layout["scrollWidth"] <= layout["viewport"], (
        f"{public_page.path} scrolls sideways at {width} px "
        f"({layout['scrollWidth']} px wide); widest elements: {layout['culprits']}"
    )
