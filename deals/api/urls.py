"""/api/: the read-only API, its OpenAPI schema and its documentation page."""
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"


class Router(DefaultRouter):
    include_root_view = True
    include_format_suffixes = False


router = Router(trailing_slash=True)
router.register("deals", views.DealViewSet, basename="deal")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("timeline", views.TimelineViewSet, basename="timeline")
router.register("countries", views.CountryViewSet, basename="country")
router.register("people", views.PersonViewSet, basename="person")
router.register("systems", views.WeaponSystemViewSet, basename="system")
router.register("sources", views.SourceViewSet, basename="source")
router.register("citations", views.CitationViewSet, basename="citation")


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's local copy; its start-up script is served
    from this same view (?script) because the site's CSP forbids inline scripts."""

    template_name = "api/docs.html"
    url_name = "api:schema"
    title = "S-400 deals knowledge base: API"


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    path("search/", views.SearchView.as_view(), name="search"),
    *router.urls,
]
