"""/api/: the read-only API, its OpenAPI schema and its documentation page."""
from django.conf import settings
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from lists.api import VIEWSETS

from . import views

app_name = "api"


class Router(DefaultRouter):
    APIRootView = views.RootView
    include_root_view = True
    include_format_suffixes = False


router = Router(trailing_slash=True)
# In the order the API's root lists them; each app registers its own (lists.api.register_api).
for name in ["deals", "statements", "timeline", "countries", "people", "systems", "sources", "citations"]:
    viewset, basename = VIEWSETS[name]
    router.register(name, viewset, basename=basename)


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's local copy; its start-up script is served
    from this same view (?script) because the site's CSP forbids inline scripts."""

    template_name = "api/docs.html"
    url_name = "api:schema"
    title = "S-400 deals knowledge base: API"


# The docs page shows this first: say where the downloads are, which the API does not serve.
SCHEMA_DESCRIPTION = settings.SPECTACULAR_SETTINGS["DESCRIPTION"] + (
    "\n\nDownloads: every list as CSV or JSON with the same filters, all pages at once "
    "(`/export/deals.csv?recipient=TR`, `/export/deals.json?recipient=TR`, likewise statements, "
    "timeline, countries, people, systems and sources), and the whole knowledge base, every "
    "record with its citations and a version stamp (record counts and when anything last "
    "changed), as one JSON document: [/export/dataset.json](/export/dataset.json). "
    "The API's root, [/api/](/api/), links every list and these."
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(custom_settings={"DESCRIPTION": SCHEMA_DESCRIPTION}), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    *router.urls,
]
