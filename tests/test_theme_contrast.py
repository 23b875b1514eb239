"""Both colour themes of static/css/site.css (the light one and the dark one that follows
`prefers-color-scheme`) keep every text colour at a WCAG AA contrast (4.5:1 or more) on
each background it is shown on, computed from the stylesheet's own custom properties."""
import re
from pathlib import Path

import pytest

SITE_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "site.css"
DARK = "@media screen and (prefers-color-scheme: dark)"

# (text, background): links and muted notes on the page and on the filter panel's wash,
# marked words (nested marks in a source's text), the status badges (ink on the wash), sorted headings,
# button text, warnings and stances.
PAIRS = [
    ("ink", "paper"), ("ink", "wash"), ("muted", "paper"), ("muted", "wash"),
    ("accent", "paper"), ("accent", "wash"), ("accent", "sorted"), ("ink", "sorted"),
    ("accent-ink", "accent"), ("danger", "paper"), ("positive", "paper"),
    ("ink", "mark"), ("ink", "mark-2"), ("ink", "mark-3"),
]


def custom_properties(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def themes() -> dict[str, dict[str, str]]:
    css = SITE_CSS.read_text()
    light = custom_properties(css[css.index(":root {"):css.index("}", css.index(":root {"))])
    dark_start = css.index(DARK)
    dark_root = css.index(":root {", dark_start)
    dark = custom_properties(css[dark_root:css.index("}", dark_root)])
    return {"light": light, "dark": dark}


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_gives_the_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_the_dark_theme_changes_the_page_and_text_colours():
    light, dark = themes()["light"], themes()["dark"]

    assert luminance(dark["paper"]) < 0.05 < luminance(light["paper"])
    assert luminance(dark["ink"]) > 0.5 > luminance(light["ink"])
    # Every colour of a checked pair is set for the dark theme, none left at its light value.
    assert {name for pair in PAIRS for name in pair} <= dark.keys()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_colour_is_aa_on_its_backgrounds(theme):
    colours = themes()[theme]

    too_faint = {
        f"{text} on {background}": round(contrast(colours[text], colours[background]), 2)
        for text, background in PAIRS
        if contrast(colours[text], colours[background]) < 4.5
    }
    assert not too_faint, f"below 4.5:1 in the {theme} theme: {too_faint}"
