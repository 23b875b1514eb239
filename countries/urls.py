"""Browsing by country: /countries/ and /countries/<ISO code>/."""
from django.urls import path

from . import views

app_name = "countries"

urlpatterns = [
    path("countries/", views.CountryListView.as_view(), name="country_list"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country_detail"),
]
