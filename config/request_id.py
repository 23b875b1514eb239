"""A request id on every request and every log line written while serving it.

The middleware takes the `X-Request-ID` a proxy or client sent when it is a sane token (letters,
digits, `-`, `_`, `.`, at most 64 characters), or makes a new one; it returns it in the response's
`X-Request-ID` header, so a person reporting a problem can quote it, and the logging filter puts
it on each record (`-` outside a request: management commands, start-up).
"""
import contextvars
import logging
import re
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver

REQUEST_ID_HEADER = "X-Request-ID"
# Anything else (spaces, quotes, newlines, very long values) could forge or break log lines.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
NO_REQUEST = "-"

_current = contextvars.ContextVar("request_id", default=NO_REQUEST)


def current_request_id() -> str:
    return _current.get()


def request_id_for(incoming: str | None) -> str:
    """The incoming id if it is sane, else a fresh one."""
    if incoming and SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Outermost middleware: every log line of the request, errors included, carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        # Kept until the response is closed (request_finished), not only while the middleware
        # runs: Django logs a 4xx or 5xx response ("Not Found: /x") after the middleware returns.
        _current.set(request_id)
        _tag_error_report(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


@receiver(request_finished, dispatch_uid="config.request_id.forget")
def _forget_request_id(**kwargs):
    _current.set(NO_REQUEST)


def _tag_error_report(request_id: str) -> None:
    # Error reports (when SENTRY_DSN is set) carry the same id as the log lines; without an
    # initialised client, set_tag does nothing.
    try:
        import sentry_sdk
    except ImportError:
        return
    sentry_sdk.set_tag("request_id", request_id)


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` for the log format; never drops a record."""

    def filter(self, record):
        record.request_id = current_request_id()
        return True
