"""Production: refuses to start without a secret key; HTTPS only, HSTS, `__Host-` cookies,
logs to standard error, and error reports to Sentry when `SENTRY_DSN` is set.

`manage.py check --deploy --fail-level WARNING` passes with the environment README.md's
Configuration section describes (config/tests/test_deploy_settings.py runs it).
"""
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import BEHIND_PROXY, SECRET_KEY, env_bool

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True

# A proxy's X-Forwarded-Proto is believed only when the deployment says a proxy stands in
# front and sets it; otherwise any client could claim its plain-HTTP request was HTTPS.
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# HSTS: a year, subdomains included, eligible for the browsers' preload lists. Lower
# DJANGO_HSTS_SECONDS while first trying HTTPS on a new host: browsers remember it.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)

# `__Host-` cookies are refused by browsers unless Secure, Path=/ and without Domain, so
# neither a subdomain nor a plain-HTTP page can set or overwrite them.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_PATH = "/"
CSRF_COOKIE_PATH = "/"
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None

# --- Error reports (optional) -----------------------------------------------------------------
# Only with SENTRY_DSN: the SDK is imported here and nowhere else at start-up, so without it
# nothing is sent and nothing can fail to import. No personal data (addresses, cookies,
# user names) leaves the server.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
