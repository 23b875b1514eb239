"""Settings come from the environment; production refuses to run without a secret key."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(settings, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment |= {"DJANGO_SETTINGS_MODULE": settings, **env}
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check("config.settings.prod")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production." in result.stderr


def test_production_starts_with_a_secret_key():
    result = run_check("config.settings.prod", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgresql_and_its_absence_sqlite():
    from django.conf import settings

    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite3"
    assert settings.DATABASES["default"]["ENGINE"] == f"django.db.backends.{expected}"


def test_postgresql_connections_start_no_parallel_workers_unless_asked(db):
    """A page's query reads a few rows along an index: PostgreSQL's parallel workers cost
    more to launch than it takes (`DATABASE_PARALLEL_WORKERS`)."""
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
    code = (
        "import django; django.setup(); from django.db import connection; c = connection.cursor(); "
        "c.execute('SHOW max_parallel_workers_per_gather'); print(c.fetchone()[0])"
    )
    environment = {**os.environ, "DJANGO_DB_PARALLEL_WORKERS": "2", "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert shown.stdout.strip() == "2", shown.stderr
