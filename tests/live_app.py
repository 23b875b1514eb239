"""The app served by `runserver` from a scratch database of its own, for tests that need a
real server and a real database file rather than the test run's in-memory SQLite.

The scratch database follows the test run's: a throwaway SQLite file by default, or, when
DATABASE_URL names a PostgreSQL database, a new database on that server beside it (created
here, dropped afterwards). `LiveApp.shell` runs code inside the app's own settings and
database (`manage.py shell -c`), which is how tests prepare data and read the outcome;
`serving` puts the app behind a real threaded server.
"""
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SERVER_START_TIMEOUT = 60  # seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def scratch_database_url(workdir: Path, name: str):
    """A database URL nobody else uses, of the same kind as the test run's database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{workdir / (name + '.sqlite3')}"
        return
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    database = f"{parts.path.lstrip('/') or 'postgres'}_{name}_{os.getpid()}"
    maintenance = psycopg2.connect(parts._replace(path="/postgres").geturl())
    maintenance.autocommit = True
    try:
        with maintenance.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}"')
            cursor.execute(f'CREATE DATABASE "{database}"')
        try:
            yield parts._replace(path=f"/{database}").geturl()
        finally:
            with maintenance.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    finally:
        maintenance.close()


@dataclass
class LiveApp:
    url: str
    env: dict[str, str] = field(repr=False)
    log: Path | None = None

    def errors(self) -> Counter:
        """The last line of each traceback the server logged (the exception), counted."""
        lines = self.log.read_text().splitlines() if self.log else []
        return Counter(
            line for previous, line in pairwise(lines)
            if previous.startswith("    ") and re.match(r"^[\w.]+(Error|Exception)\b", line)
        )

    def manage(self, *args: str, timeout: int = 300) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=self.env, capture_output=True, text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code)


def app_environment(database_url: str) -> dict[str, str]:
    """This machine's environment, but the scratch database and the test settings (logging errors)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_") and name != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.live_settings",
        DATABASE_URL=database_url,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,testserver",  # testserver: django.test.Client in `shell`
        PYTHONUNBUFFERED="1",
    )
    return env


@contextmanager
def scratch_app(workdir: Path, name: str, *, curated: bool = True):
    """The app on a new, migrated scratch database (with the curated data unless told not)."""
    with scratch_database_url(workdir, name) as database_url:
        app = LiveApp(url="", env=app_environment(database_url))
        app.manage("migrate", "--noinput", "--verbosity", "0")
        if curated:
            app.manage("load_curated", "--verbosity", "0")
        yield app


@contextmanager
def serving(app: LiveApp, workdir: Path):
    """Serve the app (threaded runserver) on a free port until the block ends."""
    port = free_port()
    log = workdir / f"runserver-{port}.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=BASE_DIR, env=app.env, stdout=output, stderr=subprocess.STDOUT,
        )
    app.url, app.log = f"http://127.0.0.1:{port}", log
    try:
        _wait_until_serving(app.url + "/", server, log)
        yield app
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_serving(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"runserver exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise AssertionError(f"runserver did not answer {url} within {SERVER_START_TIMEOUT} s:\n{log.read_text()}")


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer we want to see, not to follow


class Browser:
    """One visitor's cookies (session and CSRF), speaking plain HTTP to the live app."""

    def __init__(self, base_url: str, session_cookie: tuple[str, str] | None = None):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _KeepRedirects)
        if session_cookie:
            name, value = session_cookie
            self.cookies.set_cookie(http.cookiejar.Cookie(
                0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None, False, None, None, {},
            ))

    def request(self, path: str, data: dict | None = None, timeout: float = 120) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
