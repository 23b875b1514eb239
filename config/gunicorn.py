"""gunicorn's settings for `make serve` (read with `gunicorn -c config/gunicorn.py`).

Workers: GUNICORN_WORKERS, or 2 × the cores this process may use + 1 (gunicorn's own advice
for sync workers, which wait on the database). Bound to 127.0.0.1:PORT (8000) unless
GUNICORN_BIND says otherwise: a proxy or load balancer on the machine faces the network.
"""
import os

wsgi_app = "config.wsgi:application"


def _workers() -> int:
    given = os.environ.get("GUNICORN_WORKERS", "").strip()
    if not given:
        return 2 * len(os.sched_getaffinity(0)) + 1
    if not given.isdigit() or int(given) < 1:
        raise SystemExit(f"GUNICORN_WORKERS must be a whole number of at least 1, not {given!r}.")
    return int(given)


workers = _workers()
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Requests are logged by gunicorn (one line each) on standard output; the app's own log,
# with request ids, goes to standard error.
accesslog = "-"
# A worker is recycled after this many requests (with jitter, so not all at once): memory a
# long-lived process fragments is given back.
max_requests = 2000
max_requests_jitter = 200
timeout = 60
