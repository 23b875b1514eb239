"""Top-level URL map."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("deals.urls")),
    path("", include("countries.urls")),
    path("", include("search.urls")),
    path("", include("lists.urls")),
    path("", include("history.urls")),
    path("api/", include("deals.api.urls")),
    path("admin/", admin.site.urls),
]

# JSON for unknown addresses under /api/, the site's 404 page everywhere else.
handler404 = "deals.api.views.api_not_found"
