"""Local development: debug on, a throwaway secret key unless one is given."""
from .base import *  # noqa: F401,F403
from .base import MIDDLEWARE, SECRET_KEY, env_bool

DEBUG = env_bool("DJANGO_DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production"

# runserver serves static files from the finders, so no collectstatic step is needed locally.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The site's own 404 page, as in production, rather than Django's technical one
# (config/not_found.py); DJANGO_TECHNICAL_404=1 for the technical page while debugging routes.
if not env_bool("DJANGO_TECHNICAL_404", default=False):
    MIDDLEWARE = [*MIDDLEWARE, "config.not_found.SiteNotFoundMiddleware"]
