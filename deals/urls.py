"""Public pages of the deals app."""
from django.urls import path, re_path

from . import feeds
from .views import charts, cite, deals, exports, home, people, sources, statements, systems, timeline

app_name = "deals"

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("deals/", deals.DealListView.as_view(), name="deal_list"),
    path("deals/<slug:slug>/", deals.DealDetailView.as_view(), name="deal_detail"),
    path("timeline/", timeline.TimelineView.as_view(), name="timeline"),
    path("events/<int:pk>/", timeline.EventDetailView.as_view(), name="event_detail"),
    path("statements/", statements.StatementListView.as_view(), name="statement_list"),
    path("statements/<int:pk>/", statements.StatementDetailView.as_view(), name="statement_detail"),
    path("people/", people.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("organisations/<slug:slug>/", people.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("systems/", systems.WeaponSystemListView.as_view(), name="system_list"),
    path("systems/<slug:slug>/", systems.WeaponSystemDetailView.as_view(), name="system_detail"),
    path("sources/", sources.SourceListView.as_view(), name="source_list"),
    path("sources/<slug:slug>/", sources.SourceDetailView.as_view(), name="source_detail"),
    path("timeline/feed/", feeds.TimelineFeed(), name="timeline_feed"),
    path("countries/<str:code>/feed/", feeds.CountryTimelineFeed(), name="country_feed"),
    re_path(
        r"^cite/(?P<kind>[a-z]+)/(?P<key>[-A-Za-z0-9_]+)\.(?P<fmt>bib|json|txt)$",
        cite.citation_file,
        name="citation_file",
    ),
    re_path(r"^charts/(?P<name>[a-z]+)\.csv$", charts.chart_csv, name="chart_csv"),
    path("export/dataset.json", exports.full_dataset, name="export_dataset"),
    re_path(r"^export/(?P<dataset>[a-z]+)\.(?P<fmt>csv|json)$", exports.export, name="export"),
]
