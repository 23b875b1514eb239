"""Keeps the search index current when a record is saved or deleted.

Why signals, which the style guide avoids: records are saved by code this app does not
own and should not have to know about search (the admin, the editorial and ingestion
features, loaddata). The receivers do nothing but call the service in `services.py`.
Raw saves (loaddata) are skipped: `load_curated` rebuilds the index once at its end.
Which models are watched is what the apps declared (registry.py): each indexed model, and
the related records (aliases) that are part of another record's document.
"""
from django.db.models.signals import post_delete, post_save

from . import registry, services


def record_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.index_record(instance)


def record_deleted(sender, instance, **kwargs):
    services.unindex_record(instance)


def related_changed(sender, instance, raw=False, **kwargs):
    """A record that is part of another's document changed: rewrite that document."""
    if raw:
        return
    owner = getattr(instance, registry.refreshed_by()[sender], None)
    if owner is not None:
        services.index_record(owner)


def connect():
    for indexed in registry.indexed():
        model = indexed.model
        post_save.connect(record_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(record_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    for model in registry.refreshed_by():
        post_save.connect(related_changed, sender=model, dispatch_uid=f"search-alias-save-{model.__name__}")
        post_delete.connect(related_changed, sender=model, dispatch_uid=f"search-alias-delete-{model.__name__}")
