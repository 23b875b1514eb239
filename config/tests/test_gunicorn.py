"""`make serve`'s gunicorn settings (config/gunicorn.py): workers from the cores or
GUNICORN_WORKERS, threaded so a long export is not cut off, bound to this machine unless told
otherwise."""
import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[1] / "gunicorn.py"


def settings(monkeypatch, **env):
    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_BIND", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_workers_are_twice_the_cores_plus_one_on_this_machine_only(monkeypatch):
    values = settings(monkeypatch)
    assert values["workers"] == 2 * len(os.sched_getaffinity(0)) + 1
    assert values["bind"] == "127.0.0.1:8000"
    assert values["wsgi_app"] == "config.wsgi:application"
    assert (values["worker_class"], values["threads"]) == ("gthread", 4)


def test_workers_port_and_address_can_be_given(monkeypatch):
    assert settings(monkeypatch, GUNICORN_WORKERS="3", PORT="8123")["workers"] == 3
    assert settings(monkeypatch, PORT="8123")["bind"] == "127.0.0.1:8123"
    assert settings(monkeypatch, GUNICORN_BIND="0.0.0.0:9000")["bind"] == "0.0.0.0:9000"
    assert settings(monkeypatch, GUNICORN_THREADS="8")["threads"] == 8


@pytest.mark.parametrize("name", ["GUNICORN_WORKERS", "GUNICORN_THREADS"])
@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_count_that_is_not_a_positive_number_is_refused(monkeypatch, name, value):
    with pytest.raises(SystemExit, match=f"{name} must be a whole number of at least 1"):
        settings(monkeypatch, **{name: value})


SLOW_STREAM = """
import time

def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    for part in range(5):
        time.sleep(1)
        yield f"part {part}\\n".encode()
"""


def test_a_response_streaming_longer_than_the_timeout_is_not_cut_off(tmp_path):
    """An export streams for minutes at scale; with these settings the worker is not killed
    once a request outlasts the timeout (a sync worker would be, after 2 s here)."""
    (tmp_path / "slow_stream.py").write_text(SLOW_STREAM)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "--workers", "1", "--timeout", "2",
         "--bind", f"127.0.0.1:{port}", "--chdir", str(tmp_path), "--access-logfile", "/dev/null",
         "slow_stream:application"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode()
                break
            except (ConnectionError, urllib.error.URLError):
                time.sleep(0.1)
        assert body.splitlines() == [f"part {n}" for n in range(5)]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_loaded_app_is_set_apart_from_the_garbage_collectors_passes():
    frozen = subprocess.run(
        [sys.executable, "-c", "import gc, config.wsgi; print(gc.get_freeze_count())"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, check=True,
    ).stdout
    assert int(frozen) > 50_000  # the app's modules, models and URL patterns, not a handful
