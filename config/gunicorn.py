"""gunicorn's settings for `make serve` (read with `gunicorn -c config/gunicorn.py`).

Workers: GUNICORN_WORKERS, or 2 × the cores this process may use + 1 (gunicorn's own advice,
as requests wait on the database), each with GUNICORN_THREADS threads (4). Threaded workers
because an export streams for minutes at scale: a sync worker is killed once one request
outlasts `timeout`, a threaded worker only when the process itself stops answering. Bound to
127.0.0.1:PORT (8000) unless GUNICORN_BIND says otherwise: a proxy or load balancer on the
machine faces the network.
"""
import os

wsgi_app = "config.wsgi:application"


def _count(name: str, default: int) -> int:
    given = os.environ.get(name, "").strip()
    if not given:
        return default
    if not given.isdigit() or int(given) < 1:
        raise SystemExit(f"{name} must be a whole number of at least 1, not {given!r}.")
    return int(given)


workers = _count("GUNICORN_WORKERS", 2 * len(os.sched_getaffinity(0)) + 1)
worker_class = "gthread"
threads = _count("GUNICORN_THREADS", 4)
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Requests are logged by gunicorn (one line each) on standard output; the app's own log,
# with request ids, goes to standard error.
accesslog = "-"
# A worker is recycled after this many requests (with jitter, so not all at once): memory a
# long-lived process fragments is given back.
max_requests = 2000
max_requests_jitter = 200
timeout = 60
