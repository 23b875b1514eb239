"""What the list machinery serves itself: suggestions for the type-ahead filters."""
from django.urls import path

from . import views

app_name = "lists"

urlpatterns = [
    path("choices/<slug:listing>/<slug:parameter>/", views.suggestions, name="suggestions"),
]
