from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

# Migrations after which the stored documents no longer have the shape the code writes.
REBUILD_AFTER = {"0003_searchdocument_names", "0006_rebuild_for_party_aliases_and_statement_dates"}


def register_sqlite_functions(sender, connection, **kwargs):
    """search_fold(text): the search's accent folding and lower case, for SQLite's matching."""
    if connection.vendor == "sqlite":
        from .services import fold

        connection.connection.create_function(
            "search_fold", 1, lambda text: None if text is None else fold(text).lower(), deterministic=True
        )


def rebuild_after_document_changes(sender, plan=None, **kwargs):
    """Rebuild the index once a migration in REBUILD_AFTER has run (forwards), so existing
    documents get the new shape (names apart, accents folded) without a manual step."""
    if any(m.app_label == "search" and m.name in REBUILD_AFTER and not backwards for m, backwards in plan or []):
        from .services import rebuild_search_index

        rebuild_search_index()


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from . import registry, signals

        # The apps' search.py modules declare what is indexed; read them before the
        # signals that keep those records' documents current are connected.
        registry.autodiscover()
        signals.connect()
        connection_created.connect(register_sqlite_functions, dispatch_uid="search-sqlite-functions")
        post_migrate.connect(rebuild_after_document_changes, sender=self, dispatch_uid="search-rebuild-after-migrate")
