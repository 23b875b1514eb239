"""HTTP and application caching of what the public sees: pages, API answers, feeds, downloads.

An anonymous visitor's answer depends on nothing but the address (with its query string and
host), the language (and, for the API, the Accept header), the code release and the knowledge
base's version (`history.selectors.data_version`, one row written by every write in its own
transaction). So, before the view runs and with one query for that version:

- the ETag is a digest of all these and of today's date (pages give it as the access date of
  their citations and at the foot of a printout), and Last-Modified is the version's time,
  or the day's start when that is later; a conditional
  GET that still matches is answered 304 at once;
- a whole page cached under that digest is answered from the cache (Django's cache
  framework: local memory, or Redis when REDIS_URL is set);
- otherwise the view runs and its answer is cached under the digest, with
  `Cache-Control: public, max-age=PUBLIC_CACHE_SECONDS` for browsers and a CDN.

A save writes a new version in the same transaction, so the next request computes another
digest: nothing cached before the save can be served after it, and no invalidation has to
reach every server. The version is read from the same database as the page (a replica
included), so a page is never cached under a version newer than its data.

Signed-in users (editors) and everything under /admin/ (sign-in and ingestion included) are
never cached, here or elsewhere: `Cache-Control: private, no-store`. So is every answer to a
request that is not GET or HEAD. Public answers say `Vary: Cookie`, so a shared cache keeps
an editor's requests, which carry a session cookie, apart from the anonymous ones.
"""
import datetime
import hashlib
import logging
import os
import time
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as default_cache
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from history.selectors import data_version

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD")
PRIVATE_PREFIXES = ("/admin/",)
# What the release digest reads: the code and everything a page is built from.
RELEASE_SUFFIXES = (".py", ".html", ".txt", ".css", ".js", ".json", ".svg")
# Hidden folders (.git, .venv, .venv-bench, tool caches) are skipped too.
RELEASE_SKIPPED_DIRS = {"staticfiles", "artifacts", "node_modules", "__pycache__", "tests", "fixtures"}


def release() -> str:
    """What distinguishes this release's pages from the last one's at the same data version:
    APP_RELEASE when the deployment sets it (a commit hash, say — the same on every app
    server), otherwise a digest of the code, templates and static files, read once per
    process; under DEBUG, where templates change while the server runs, a digest of their
    modification times, taken on every request (a few milliseconds)."""
    given = os.environ.get("APP_RELEASE", "").strip()
    if given:
        return given
    return _files_digest(by_content=False) if settings.DEBUG else _content_digest()


@cache
def _content_digest() -> str:
    return _files_digest(by_content=True)


_release_seen: dict[str, int] = {}


def release_seen_at() -> int:
    """When this release first answered, as a Unix time. A page's Last-Modified is never
    earlier, so a client that revalidates with If-Modified-Since alone, holding a page of the
    last release, gets the new page rather than a 304. The first app server to answer sets it
    in the cache, so servers sharing a cache (Redis) agree; each process keeps what it read."""
    name = release()
    if name not in _release_seen:
        now = int(time.time())
        _cache_call(default_cache.add, f"release-seen:{name}", now, None)
        _release_seen[name] = _cache_call(default_cache.get, f"release-seen:{name}") or now
    return _release_seen[name]


def _files_digest(*, by_content: bool) -> str:
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in RELEASE_SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(RELEASE_SUFFIXES):
                path = Path(folder) / name
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes() if by_content else str(path.stat().st_mtime_ns).encode())
    return digest.hexdigest()[:16]


def is_private(request) -> bool:
    """Requests whose answers no cache may keep: the admin (sign-in and ingestion live
    under it), every method but GET and HEAD, and a signed-in user's requests."""
    if request.method not in SAFE_METHODS or request.path.startswith(PRIVATE_PREFIXES):
        return True
    # Without a session cookie nobody is signed in, and asking would cost a query.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated


def no_store(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _public_headers(response, *, etag: str, last_modified: int | None, negotiated: bool):
    """`negotiated`: the answer's format follows the Accept header (the API), which a shared
    cache must then key on too, as the page cache's digest does."""
    response.headers["ETag"] = etag
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified)
    seconds = settings.PUBLIC_CACHE_SECONDS
    if seconds > 0:
        patch_cache_control(response, public=True, max_age=seconds)
    else:
        patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ("Cookie", "Accept") if negotiated else ("Cookie",))
    return response


class PublicCacheMiddleware:
    """ETag, Last-Modified and 304s for public answers; whole anonymous pages from the
    cache, keyed by the knowledge base's version. Sits after AuthenticationMiddleware
    (it asks whether the user is signed in) and before the middleware that add headers
    every answer needs (clickjacking, CSP), so a cached page keeps them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_private(request):
            response = self.get_response(request)
            if "no-store" not in response.get("Cache-Control", ""):
                no_store(response)
            return response

        try:
            version = data_version()
        except DatabaseError as error:
            # The database cannot say (unreachable, not migrated): the view answers, or fails
            # and is logged, as it would without this middleware, and nothing is cached.
            logger.warning("Knowledge base version unavailable, answering uncached: %s", error)
            return no_store(self.get_response(request))
        request.data_version = version  # what a view's own cached parts are keyed by
        # The API negotiates its format from Accept (and refuses what it cannot give).
        negotiated = request.path.startswith("/api/")
        # Pages give today's date (the access date of a citation, the foot of a printout), so
        # an answer is also keyed by the day, and is never older than the day's start: a
        # client holding yesterday's page gets today's, not a 304, on either condition.
        today = timezone.localdate()
        day_started = int(datetime.datetime.combine(today, datetime.time(), tzinfo=timezone.get_current_timezone()).timestamp())
        # The latest of the knowledge base's last change, the release's first answer and the day's start.
        last_modified = max(int(version.at.timestamp()) if version is not None else 0, release_seen_at(), day_started)
        digest = hashlib.sha256(
            "\n".join([
                release(),
                str(version.pk if version is not None else 0),
                today.isoformat(),
                request.build_absolute_uri(),
                translation.get_language() or "",
                request.headers.get("Accept", "") if negotiated else "",
            ]).encode()
        ).hexdigest()[:32]
        etag = f'"{digest}"'

        conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if conditional is not None:
            if conditional.status_code == 304:  # the answer the client holds is current
                _public_headers(conditional, etag=etag, last_modified=last_modified, negotiated=negotiated)
            return conditional  # or 412, a failed If-Match / If-Unmodified-Since

        key = f"page:{digest}"
        use_cache = request.method == "GET" and settings.PAGE_CACHE_SECONDS > 0
        if use_cache and (cached := _cache_call(default_cache.get, key)) is not None:
            return cached

        response = self.get_response(request)
        held = response.get("Cache-Control", "")
        if "private" in held or "no-store" in held:
            return response  # the view said so
        if response.status_code != 200:
            # A 400 names a bad parameter, a 404 may stop being one when an editor adds the
            # record: neither is worth keeping.
            patch_cache_control(response, no_cache=True)
            return response
        _public_headers(response, etag=etag, last_modified=last_modified, negotiated=negotiated)
        if (
            use_cache
            and not response.streaming
            and not response.cookies
            and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        ):
            _cache_call(default_cache.set, key, response, settings.PAGE_CACHE_SECONDS)
        return response


def _cache_call(method, *args):
    """A cache that cannot be reached (Redis restarting) costs speed, never an answer: the
    page is rendered from the database as if nothing were cached."""
    try:
        return method(*args)
    except Exception:  # each backend raises its own errors (redis.ConnectionError, OSError…)
        logger.warning("Page cache unavailable; answering without it.", exc_info=True)
        return None
