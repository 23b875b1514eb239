"""Test runs: fast password hashing, a fixed secret key, static files without a manifest."""
from .base import *  # noqa: F401,F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True  # no collectstatic in tests; serve from the finders

# The tests' cache is this process's memory even when REDIS_URL is set in the shell: a test
# clears it between tests, which on Redis would flush a database others may be using. The
# Redis backend is tested on its own (config/tests/test_caching.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
# A second alias on the same test database, so the router's choice can be seen in a test
# (config/tests/test_routers.py turns replica reads on for itself; others read `default`).
if "replica_1" not in DATABASES:  # noqa: F405
    DATABASES["replica_1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
    if DATABASES["replica_1"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
        # A test opens a transaction on every alias; two BEGIN IMMEDIATEs on one SQLite
        # database would lock each other out, and a replica never writes.
        DATABASES["replica_1"]["OPTIONS"] = {  # noqa: F405
            **DATABASES["replica_1"].get("OPTIONS", {}), "transaction_mode": "DEFERRED",  # noqa: F405
        }
DATABASE_REPLICAS = []
# Tests add rows straight through the ORM, which (unlike the write services) writes no new
# version, and then look at a page again: the page cache is off for them, and on in the tests
# of the cache itself (config/tests/test_caching.py). ETags and 304s work as in production.
PAGE_CACHE_SECONDS = 0
