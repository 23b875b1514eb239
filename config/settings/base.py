"""Settings shared by every environment; each value can be overridden from the environment."""
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # search: stored tsvector and GIN index on PostgreSQL
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "countries",
    "deals",
    "search",
    "history",  # who changed what in the admin, field by field
    "ingest",  # the article ingestion assistant: drafts that wait for an editor's yes
    "axes",  # counts failed sign-ins and locks them out (see "Sign-in protection" below)
]

MIDDLEWARE = [
    "config.request_id.RequestIdMiddleware",  # first, so every log line of a request carries its id
    # Public reads from a replica when DATABASE_REPLICA_URLS lists some (config/routers.py):
    # before anything that reads the database, so the whole request reads from one place.
    "config.routers.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # ETags, 304s and cached anonymous pages (config/caching.py): after authentication, which
    # it asks, and before the middleware whose headers a cached page must keep.
    "config.caching.PublicCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # answers a locked-out sign-in with config/lockout.py's page
]

# Everything the pages load comes from this host: no inline scripts, no third-party assets.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    # No page of this site is meant to be framed, by others or by itself: the same meaning as
    # X_FRAME_OPTIONS = "DENY" (Django's default), for browsers that read either header.
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "config.urls"
# The site's public address (https://s400.example.org): citations give pages' permanent
# addresses under it. Unset, they use the host a request came to.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").strip()
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL selects the database (postgres://user@host:port/name in production and CI);
# without it the app runs on a SQLite file next to manage.py, so a new machine needs nothing.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite cannot turn a transaction that has read into one that writes while another
    # writer holds the lock, and then fails at once ("database is locked") without waiting:
    # simultaneous admin saves failed that way. BEGIN IMMEDIATE takes the write lock first,
    # so writers queue (for up to `timeout` seconds) instead. WAL lets pages be read while
    # a write is under way; synchronous stays at its default (FULL), so a commit survives a
    # power cut too.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL",
    }
# Read replicas (PostgreSQL streaming replicas of `default`): DATABASE_REPLICA_URLS lists them,
# comma-separated; they become the aliases replica_1, replica_2… Anonymous GETs of the public
# pages read from one of them; every write, the admin (sign-in and ingestion), every request
# with a session cookie (an editor: replica lag must not hide their own save) and everything
# outside a request (commands, the shell) use `default`, the primary. See config/routers.py.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    _alias = f"replica_{_number}"
    DATABASES[_alias] = dj_database_url.parse(
        _url, conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))
    )
    # Under test, a replica is the test database itself (a second connection to it).
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}
    DATABASE_REPLICAS.append(_alias)
# PostgreSQL's parallel workers per query (its max_parallel_workers_per_gather; 0: none).
# A page's query reads a few rows along an index and stops; for one estimated over the whole
# table, PostgreSQL started two workers that cost 25–45 ms to launch on a busy two-core
# machine, where the page took 4 ms without them (the deals sorted by number delivered at
# scale 10), and each app server process already has a core of its own. Raise it for a
# machine with cores to spare for long reports.
DATABASE_PARALLEL_WORKERS = int(os.environ.get("DJANGO_DB_PARALLEL_WORKERS", "0"))
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {})["options"] = f"-c max_parallel_workers_per_gather={DATABASE_PARALLEL_WORKERS}"
DATABASE_ROUTERS = ["config.routers.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caching ------------------------------------------------------------------------------------
# Django's cache framework: Redis when REDIS_URL is set (shared by every app server and worker,
# so a page rendered by one is served by all), otherwise each process's own memory. What is
# cached is keyed by the knowledge base's version, so either is always current
# (config/caching.py); Redis only makes the cache go further.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "s400kb"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s400kb"}}
# Browsers and shared caches (a CDN) may keep an anonymous answer this long without asking
# again; after that they revalidate with its ETag (a 304 when nothing changed). 0: always ask.
PUBLIC_CACHE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_SECONDS", "60"))
# How long a rendered page stays in the application cache (a write makes it unreachable at
# once; this only bounds memory), and the largest page worth keeping. 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MAX_BYTES = 1_000_000
# Sessions stay in the database (only editors have one): every app server reads the same
# table, so any server can answer any request, and an editor stays signed in when the cache
# is flushed or evicts under memory pressure, which cached_db would not guarantee for a
# write-once session. Their requests read from the primary (above), so a fresh sign-in is
# never looked for on a lagging replica.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Pasted article text is refused above 1 MB by the ingest form, with a message; Django's own
# limit (2.5 MB by default) would answer a longer paste with a bare 400 first, so it sits
# well above that. Uploaded files do not count towards it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_000_000

# The read-only API (deals/api/): JSON only, public, filtered by the pages' FilterSets.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "S-400 deals knowledge base API",
    "DESCRIPTION": (
        "Read-only data behind every list of the site. Filters take the same parameters as "
        "the HTML pages; a value that cannot be used gives status 400 with a JSON object "
        "naming the parameter. Every record links its HTML page (`url`); every fact its citations."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and its assets come from drf-spectacular-sidecar, served by this site.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "deals.api.schema.allow_empty_values",
    ],
}


# --- Sign-in protection (django-axes) -------------------------------------------------------
# Failed sign-ins are counted per account and, separately, per address: either reaching the
# limit locks sign-in (even with the right password) until the cool-off has passed since the
# last attempt. `manage.py axes_reset_username NAME`, `axes_reset_ip ADDRESS` or `axes_reset`
# lift the lock sooner.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful sign-in does not clear the count: axes would clear every failure from that
# address, so someone with an account of their own could keep guessing another's password.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "config.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.lockout.client_address"
# The log names the account and address of each failure and lockout (never a password): it
# is where an operator sees who is guessing. axes would mask both by default.
AXES_SENSITIVE_PARAMETERS = []
AXES_VERBOSE = False  # no start-up banner in the log; failures and lockouts are still logged
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)

# --- Logging ------------------------------------------------------------------------------------
# One stream, standard error, one line per record with the request id (config/request_id.py):
# errors with their tracebacks (django.request), failed sign-ins and lockouts (axes,
# config.security), refused edits (history.locking).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.request_id.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [request %(request_id)s] %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request_id"],
            "formatter": "line",
        },
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's own handlers (console only under DEBUG, mail to admins nobody set up).
        "django": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"), "propagate": False},
    },
}
