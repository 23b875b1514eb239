"""The public change history: /changes/ and its Atom feed."""
from django.urls import path

from . import views

app_name = "history"

urlpatterns = [
    path("changes/", views.recent_changes, name="recent_changes"),
    path("changes/feed/", views.RecentChangesFeed(), name="recent_changes_feed"),
]
