"""What the browser tests stand on: the real app served by `runserver` on a free localhost
port with the curated data, one headless Chromium for the whole session, and tabs that
record every console error, uncaught exception, CSP violation and request, so a test fails
when a page logs a problem or reaches another host.

Chromium is Debian's /usr/bin/chromium (Playwright's own browser download does not work on
these machines); `.ci/run` installs it. Without it, or without the `playwright` package,
the browser tests are skipped on a developer's machine but fail under CI (`CI=true`), so CI
can never pass by silently skipping them.
"""
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SCREENSHOTS_DIR = BASE_DIR / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# The background-networking flags keep Chromium from calling Google's hosts, which this
# machine's closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MOBILE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SERVER_START_TIMEOUT = 60  # seconds

# Runs in every document before the page's own scripts (injected by the browser, so the
# page's Content-Security-Policy does not block it) and reports each CSP violation.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "an inline resource"}`
    + ` in ${event.documentURI} (${event.sourceFile || "the document"}:${event.lineNumber})`
  );
}, true);
"""


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def unavailable(reason: str):
    """Skip on a developer's machine; fail under CI, where the tests must run."""
    if running_in_ci():
        pytest.fail(f"{reason}; CI must run the browser tests (.ci/run installs what they need).", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the app ----------------------------------------------------------------------------


def app_environment(database: Path) -> dict[str, str]:
    """The server's environment: this machine's, but never its database or settings."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        # As a visitor sees the site: its own 404 and 400 pages, not Django's debug pages
        # (whose inline styles the CSP would rightly block). Whitenoise then serves the
        # static files from STATIC_ROOT, as in production, so they are collected first.
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(*args: str, env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


def wait_until_serving(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"runserver exited with {server.returncode}:\n{log.read_text()}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if with an error page: the tests will say what is wrong
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"runserver did not answer {url} within {SERVER_START_TIMEOUT} s:\n{log.read_text()}", pytrace=False)


@contextmanager
def serving(env: dict[str, str], workdir: Path, *, ready: str):
    """The app (runserver, with `env`) on a free port until the block ends; its base URL, once
    the path `ready` answers. The log is workdir/runserver.log."""
    port, log = free_port(), workdir / "runserver.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url + ready, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> str:
    """The base URL of the app, served from a throwaway SQLite file with the curated data."""
    workdir = tmp_path_factory.mktemp("browser-app")
    env = app_environment(workdir / "browser.sqlite3")
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("load_curated", "--verbosity", "0", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    with serving(env, workdir, ready="/") as url:
        yield url


# --- the browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the Python package playwright is not installed (pip install -r requirements-dev.txt)")
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Tab:
    """A browser tab at one viewport, reused by many tests, that records what goes wrong.

    `problems` collects console errors, uncaught exceptions and CSP violations; `requests`
    the URL of every request since the last `visit`.
    """

    def __init__(self, browser, app_url: str, viewport: dict[str, int]):
        self.app_url = app_url
        self.origin = urlsplit(app_url)._replace(path="", query="", fragment="").geturl()
        self.width = viewport["width"]
        self.context = browser.new_context(viewport=viewport, base_url=app_url)
        self.context.expose_function("__reportCspViolation", self._csp_violation)
        self.context.add_init_script(REPORT_CSP_VIOLATIONS)
        # A missing element fails in seconds; a page may take longer on a busy two-core CI machine.
        self.context.set_default_timeout(10_000)
        self.context.set_default_navigation_timeout(30_000)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self._expected_error_status: int | None = None
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _csp_violation(self, description: str) -> None:
        self.problems.append(f"CSP violation: {description}")

    def _console(self, message) -> None:
        if message.type != "error":
            return
        # Chromium logs a document served with an error status as a failed resource; that
        # is the point of the 400 and 404 pages, not a problem of theirs.
        if (
            self._expected_error_status is not None
            and message.text.startswith("Failed to load resource")
            and f"status of {self._expected_error_status}" in message.text
            and message.location.get("url", "").split("#")[0] == self.page.url.split("#")[0]
        ):
            return
        if "Content Security Policy" in message.text:
            self.problems.append(f"CSP violation: {message.text}")
        else:
            self.problems.append(f"console error on {message.location.get('url')}: {message.text}")

    def visit(self, path: str, *, status: int = 200):
        """Open `path`, check its status, and that it loaded nothing from another host."""
        self.requests.clear()
        self._expected_error_status = status if status >= 400 else None
        response = self.page.goto(path)
        assert response is not None, f"no response for {path}"
        if response.status != status:
            self.problems.clear()  # the wrong status is the failure; its console noise is not news
            pytest.fail(f"{path} answered {response.status}, expected {status}", pytrace=False)
        self.assert_same_origin_requests()
        self.assert_no_problems()
        return response

    def off_origin_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:")) and not url.startswith(self.origin + "/")
        ]

    def assert_same_origin_requests(self) -> None:
        strays = self.off_origin_requests()
        assert not strays, f"requests to another host from {self.page.url}: {strays}"

    def assert_no_problems(self) -> None:
        problems, self.problems = self.problems, []
        assert not problems, f"{self.page.url} logged problems:\n" + "\n".join(problems)

    def reset(self) -> None:
        """Start a test on a blank tab, dropping what the previous test's pages still logged."""
        self.page.goto("about:blank")
        self.problems.clear()
        self.requests.clear()
        self._expected_error_status = None

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def _desktop_tab(browser, app_url):
    tab = Tab(browser, app_url, DESKTOP)
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def _mobile_tab(browser, app_url):
    tab = Tab(browser, app_url, MOBILE)
    yield tab
    tab.close()


def checked(tab: Tab):
    tab.reset()
    yield tab
    problems, tab.problems = tab.problems, []
    if problems:
        pytest.fail(f"{tab.page.url} logged problems during the test:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def tab(_desktop_tab):
    """The desktop tab (1280 × 900); the test fails if a page logs a problem."""
    yield from checked(_desktop_tab)


@pytest.fixture
def mobile_tab(_mobile_tab):
    """The phone-sized tab (375 × 812); the test fails if a page logs a problem."""
    yield from checked(_mobile_tab)


@pytest.fixture
def tabs(tab, mobile_tab) -> dict[int, Tab]:
    """Both tabs, by viewport width."""
    return {mobile_tab.width: mobile_tab, tab.width: tab}


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS_DIR
