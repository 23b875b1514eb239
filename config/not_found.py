"""The site's own "Not found" page under DEBUG too (development settings only).

With DEBUG on, Django answers an address that matches no route, or a view's Http404, with
its technical page (the URL patterns tried), so `make run` never showed what a reader meets.
This middleware, last in config.settings.dev's list, answers both with the site's handler404
(the page, or JSON under /api/) as production does. The admin keeps Django's page, and
DJANGO_TECHNICAL_404=1 brings the technical page back everywhere when a route is being debugged.
"""
from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, get_resolver, resolve

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
