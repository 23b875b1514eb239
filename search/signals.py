"""Keeps the search index current when a record is saved or deleted.

Why signals, which the style guide avoids: records are saved by code this app does not
own and should not have to know about search (the admin, the editorial and ingestion
features, loaddata). The receivers do nothing but call the service in `services.py`.
Raw saves (loaddata) are skipped: `load_curated` rebuilds the index once at its end.
"""
from django.db.models.signals import post_delete, post_save

from countries.models import Country, CountryAlias
from deals.models import Deal, Person, Source, Statement, WeaponSystem, WeaponSystemAlias

from . import services

INDEXED_MODELS = [Deal, Statement, Person, WeaponSystem, Country, Source]
# Aliases are part of their country's or system's document.
ALIAS_OWNERS = {CountryAlias: "country", WeaponSystemAlias: "system"}


def record_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.index_record(instance)


def record_deleted(sender, instance, **kwargs):
    services.unindex_record(instance)


def alias_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    owner = getattr(instance, ALIAS_OWNERS[sender], None)
    if owner is not None:
        services.index_record(owner)


def connect():
    for model in INDEXED_MODELS:
        post_save.connect(record_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(record_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    for model in ALIAS_OWNERS:
        post_save.connect(alias_changed, sender=model, dispatch_uid=f"search-alias-save-{model.__name__}")
        post_delete.connect(alias_changed, sender=model, dispatch_uid=f"search-alias-delete-{model.__name__}")
