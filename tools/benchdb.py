"""A throwaway SQLite database with the curated data, for the benchmark scripts.

Import this module first: it points Django at a fresh file under /tmp (unless
DATABASE_URL is set, e.g. to a PostgreSQL database of your own), migrates and loads.
"""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='s400kb-bench-')}/db.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def prepare():
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_curated", verbosity=0)


def client():
    return Client(SERVER_NAME="localhost")
