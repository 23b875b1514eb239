"""Browsing by country: /countries/, /countries/<ISO code>/ and the world map, /map/."""
from django.urls import path

from . import views

app_name = "countries"

urlpatterns = [
    path("countries/", views.CountryListView.as_view(), name="country_list"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country_detail"),
    path("map/", views.WorldMapView.as_view(), name="world_map"),
]
