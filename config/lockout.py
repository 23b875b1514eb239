"""What a person sees, and what the log says, when sign-in is refused after repeated failures.

django-axes counts failed sign-ins per account and per address (settings: `AXES_*`) and calls
`lockout_response` instead of Django's login view while either is locked. The page says what
happened and when to try again; the cool-off restarts with each attempt made while locked, so
"again after" is counted from this attempt.
"""
import logging

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger("config.security")


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    username = get_client_username(request, credentials) or ""
    logger.warning(
        "Sign-in refused while locked out: username=%r address=%s path=%s",
        username,
        # The address the lock counts: behind a proxy, REMOTE_ADDR is the proxy's own.
        client_address(request) or "",
        request.path,
    )
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in temporarily refused",
        "username": username,
        "failure_limit": get_failure_limit(request, credentials),
        "retry_at": timezone.localtime(timezone.now() + cool_off) if cool_off else None,
        "cool_off_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "admin/locked_out.html", context, status=429)


def client_address(request):
    """The address the lockout counts: behind a trusted proxy (`DJANGO_BEHIND_PROXY`), the one
    the proxy appended last to X-Forwarded-For — earlier entries are the client's to forge."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")
