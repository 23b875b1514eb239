"""`make serve`'s gunicorn settings (config/gunicorn.py): workers from the cores or
GUNICORN_WORKERS, bound to this machine unless told otherwise."""
import os
import runpy
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[1] / "gunicorn.py"


def settings(monkeypatch, **env):
    for name in ("GUNICORN_WORKERS", "GUNICORN_BIND", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_workers_are_twice_the_cores_plus_one_on_this_machine_only(monkeypatch):
    values = settings(monkeypatch)
    assert values["workers"] == 2 * len(os.sched_getaffinity(0)) + 1
    assert values["bind"] == "127.0.0.1:8000"
    assert values["wsgi_app"] == "config.wsgi:application"


def test_workers_port_and_address_can_be_given(monkeypatch):
    assert settings(monkeypatch, GUNICORN_WORKERS="3", PORT="8123")["workers"] == 3
    assert settings(monkeypatch, PORT="8123")["bind"] == "127.0.0.1:8123"
    assert settings(monkeypatch, GUNICORN_BIND="0.0.0.0:9000")["bind"] == "0.0.0.0:9000"


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_worker_count_that_is_not_a_positive_number_is_refused(monkeypatch, value):
    with pytest.raises(SystemExit, match="GUNICORN_WORKERS must be a whole number of at least 1"):
        settings(monkeypatch, GUNICORN_WORKERS=value)
