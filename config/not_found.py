"""The site's own "Not found" page under DEBUG too (development settings only).

With DEBUG on, Django answers an address that matches no route, or a view's Http404, with
its technical page (the URL patterns tried), so `make run` never showed what a reader meets.
This middleware, last in config.settings.dev's list, answers both with the site's handler404
(the page, or JSON under /api/) as production does. The admin keeps Django's page, and
DJANGO_TECHNICAL_404=1 brings the technical page back everywhere when a route is being debugged.

`reader_message` turns what a 404 was raised with into a sentence for a reader, whatever
the settings: no exception class's name ("Resolver404"), no model's ("No Country matches
the given query"), one full stop.
"""
import re

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import Resolver404, get_resolver, resolve
from django.views.decorators.csrf import requires_csrf_token

# What Django's get_object_or_404 and DetailView raise: the model's class name, for a programmer.
_NO_SUCH_RECORD = re.compile(r"No (?P<model>[\w ]+?) (?:matches the given query|found matching the query)\.?")


def reader_message(exception) -> str:
    """The reason a 404 gives, as a sentence ("There is no chart called “nope”."), or "" when
    it has none a reader can use (an address matching no route: Resolver404 carries the
    routes tried)."""
    message = exception.args[0] if isinstance(exception, Exception) and exception.args else None
    if not isinstance(message, str) or not message.strip():
        return ""
    message = message.strip()
    if match := _NO_SUCH_RECORD.fullmatch(message):
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", match["model"]).lower()
        return f"No {words} has this address."
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


@requires_csrf_token
def not_found_page(request, exception=None):
    """The site's "Not found" page (templates/404.html): the address, and why when a reader can use it."""
    return render(request, "404.html", {"message": reader_message(exception)}, status=404)

EXEMPT_PREFIXES = ("/admin/",)


class SiteNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._applies(request):
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exception:
                # Answered here, inside CommonMiddleware, which still turns a 404 for an
                # address missing its slash into the redirect to it.
                return self._page(request, exception)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and self._applies(request):
            return self._page(request, exception)
        return None

    @staticmethod
    def _applies(request):
        return settings.DEBUG and not request.path_info.startswith(EXEMPT_PREFIXES)

    @staticmethod
    def _page(request, exception):
        handler = get_resolver(getattr(request, "urlconf", None)).resolve_error_handler(404)
        return handler(request, exception=exception)
