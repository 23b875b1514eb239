"""Where things are on screen, asserted the way a person sees them, not to the exact pixel.

Chromium lays text out in fractions of a pixel, and the fractions move with its version and
with the fonts installed (Debian's Chromium put a scrolled-to excerpt's top edge at -0.47 px),
so position checks allow one pixel either way, and "in view" is checked by asking the browser
what is drawn at the element's first line: the element itself, not something covering it.
"""
SUBPIXEL = 1.0  # px of layout rounding tolerated in any position check

# The element's box, the viewport, and whether the element (or a child of it) is what the
# browser draws at the centre of its first line box, clipped to the viewport.
VISIBILITY = """element => {
  const box = element.getBoundingClientRect();
  const first = element.getClientRects()[0] || box;
  const width = window.innerWidth, height = window.innerHeight;
  const x = Math.min(Math.max(first.left + first.width / 2, 0), width - 1);
  const y = Math.min(Math.max(first.top + first.height / 2, 0), height - 1);
  const hit = document.elementFromPoint(x, y);
  return {top: box.top, bottom: box.bottom, left: box.left, right: box.right, width, height,
          drawn: hit !== null && (hit === element || element.contains(hit))};
}"""


def assert_in_view(locator, what: str) -> None:
    """The element starts within the viewport (its top edge at most SUBPIXEL above it) and is
    what a person sees at its first line."""
    box = locator.evaluate(VISIBILITY)
    assert -SUBPIXEL <= box["top"] < box["height"] and box["bottom"] > 0, (
        f"{what} is outside the viewport: {box}"
    )
    assert box["drawn"], f"{what} is in the viewport but covered by something else: {box}"
