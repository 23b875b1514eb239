"""Top-level URL map."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("deals.urls")),
    path("", include("countries.urls")),
    path("admin/", admin.site.urls),
]
