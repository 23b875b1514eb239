"""The search's addresses: its page, /search/, and its API, /api/search/ (beside the other
lists of the API, which `deals.api` serves)."""
from django.urls import path

from . import api, views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/search/", api.SearchView.as_view(), name="api"),
]
