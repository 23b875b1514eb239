"""The site's URLs plus one view that fails, for the logging test's production-like server."""
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("the view failed on purpose")


urlpatterns = [*site_urlpatterns, path("fail/", fail)]
