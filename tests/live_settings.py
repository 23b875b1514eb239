"""Settings of the app the live-server tests serve: the test settings, plus every server
error's traceback written to the server's log, where the tests read why a request failed."""
from config.settings.test import *  # noqa: F401,F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
}
