"""Production settings as README.md's Configuration section describes them: Django's deployment
check passes at warning level, cookies are `__Host-` and signing in to the admin works with
them, framing is refused by both headers, and a proxy's HTTPS header is believed only on request."""
import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_environment(database: Path, **extra) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "SENTRY_"))}
    return environment | {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "s400.example.org",
        "DATABASE_URL": f"sqlite:///{database}",
        **extra,
    }


def run(args, environment):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A migrated production database: the API schema check reads the filters' choices from it."""
    path = tmp_path_factory.mktemp("prod") / "db.sqlite3"
    result = run(["manage.py", "migrate", "--verbosity", "0"], production_environment(path))
    assert result.returncode == 0, result.stderr
    return path


def test_the_deployment_check_passes_at_warning_level(database):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_environment(database))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_deployment_check_fails_with_a_short_hsts(database):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                 production_environment(database, DJANGO_HSTS_SECONDS="0"))
    assert result.returncode != 0 and "security.W004" in result.stderr


# Signs in to the admin over HTTPS under the production settings, and reports the headers.
SIGN_IN = textwrap.dedent("""
    import json, django
    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client, override_settings
    # Static files without collectstatic's manifest; everything else as in production.
    override_settings(STORAGES=settings.STORAGES | {"staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
    User.objects.filter(username="editor").delete()
    User.objects.create_user("editor", password="a-long-right-password-42", is_staff=True, is_superuser=True)
    client = Client(enforce_csrf_checks=True, HTTP_HOST="s400.example.org")
    form = client.get("/admin/login/", secure=True)
    csrf = client.cookies["__Host-csrftoken"]
    token = form.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    signed_in = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "a-long-right-password-42",
                            "csrfmiddlewaretoken": token}, secure=True, HTTP_REFERER="https://s400.example.org/admin/login/")
    session = client.cookies["__Host-sessionid"]
    index = client.get("/admin/", secure=True)
    plain = Client(HTTP_HOST="s400.example.org").get("/", HTTP_X_FORWARDED_PROTO="https")
    print(json.dumps({
        "csrf_cookie": {"secure": csrf["secure"], "path": csrf["path"], "domain": csrf["domain"]},
        "session_cookie": {"secure": session["secure"], "path": session["path"], "domain": session["domain"]},
        "sign_in": [signed_in.status_code, signed_in.get("Location")],
        "index": [index.status_code, "Site administration" in index.content.decode()],
        "hsts": index.get("Strict-Transport-Security"),
        "x_frame_options": index.get("X-Frame-Options"),
        "csp": form.get("Content-Security-Policy"),
        "plain_http_claiming_https": [plain.status_code, plain.get("Location")],
    }))
""")


def sign_in(database, **extra):
    result = run(["-c", SIGN_IN], production_environment(database, **extra))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def answers(database):
    return sign_in(database)


def test_signing_in_to_the_admin_works_with_host_prefixed_cookies(answers):
    seen = answers
    host_only = {"secure": True, "path": "/", "domain": ""}
    assert seen["csrf_cookie"] == host_only and seen["session_cookie"] == host_only
    assert seen["sign_in"] == [302, "/admin/"]
    assert seen["index"] == [200, True]
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"


def test_framing_is_refused_by_both_headers_alike(answers):
    seen = answers
    assert seen["x_frame_options"] == "DENY"
    assert "frame-ancestors 'none'" in seen["csp"]


def test_a_forwarded_https_header_is_believed_only_behind_a_proxy(database, answers):
    # Without DJANGO_BEHIND_PROXY a client's own X-Forwarded-Proto does not make plain HTTP "secure".
    assert answers["plain_http_claiming_https"] == [301, "https://s400.example.org/"]
    assert sign_in(database, DJANGO_BEHIND_PROXY="true")["plain_http_claiming_https"][0] == 200
