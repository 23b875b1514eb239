"""Template source checks: what Django would print instead of hiding."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_one_line_comment_runs_over_a_line():
    """Django's {# … #} ends on its own line: one carried onto the next is printed on the page,
    as it was under the four lists' results. Longer comments are {% comment %} blocks."""
    opened_and_left_open = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(ROOT.glob("**/templates/**/*.html")) if ".venv" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert opened_and_left_open == []
