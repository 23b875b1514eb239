"""Backups of what editors made, and their restore into an empty database.

A backup is Django's JSON fixture format (gzip-compressed when the file name ends in .gz)
holding every row of the knowledge-base apps — countries and their aliases, sources,
citations, people, organisations, weapon systems, deals and their facts, the change history,
ingested articles and their drafts — and, when asked, the user accounts and groups.
Foreign keys to content types, permissions and users are written as natural keys, since
those rows are made by `migrate` and their ids differ between databases; every record keeps
its own primary key, because the change history and accepted drafts name records by it.

Left out, because they are derived and rebuilt on restore: the search index (`search`), and
the read model (`deals.read_model`: the timeline and the deal summaries).
Sessions and the admin's own log of recent actions are left out too (the change history is
the record of who changed what).
"""
import datetime
import gzip
import io
import json
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import JSONField

from deals.models import is_editorial
from deals.read_model import read_model_rebuild
from history.services import data_changed

APPS = ("countries", "deals", "history", "ingest")
# Derived, like the search index: the knowledge base's version stamps (restore writes a new one).
LEFT_OUT = {"history.DataVersion"}
USER_MODELS = ("auth.Group", settings.AUTH_USER_MODEL)


class ExactTimesEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's cuts them to
    milliseconds), so a restored record says it last changed exactly when it did."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class RestoreRefused(Exception):
    """The database cannot take this backup; nothing was changed."""


def backed_up_models(*, with_users: bool) -> list:
    """The models a backup holds, each after the models it refers to."""
    chosen = {
        app: [m for m in apps.get_app_config(app).get_models() if is_editorial(m) and m._meta.label not in LEFT_OUT]
        for app in APPS
    }
    if with_users:
        for label in USER_MODELS:
            model = apps.get_model(label)
            chosen.setdefault(model._meta.app_label, []).append(model)
    return serializers.sort_dependencies(
        [(apps.get_app_config(app), models) for app, models in chosen.items()], allow_cycles=True
    )


def _user_fields(model) -> list[str]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is user_model]


def _sorted_keys(value):
    """A JSON value with every object's keys in sorted order."""
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value


def _records(models, *, with_users: bool):
    for model in models:
        # Without the accounts, a reference to one could not be restored; the change history
        # keeps the editor's name in its own column.
        dropped = [] if with_users else _user_fields(model)
        # PostgreSQL's jsonb keeps an object's keys in its own order, SQLite in the order they
        # were written: sorted, the same data gives the same file on either database, so a
        # knowledge base moved from one to the other backs up to the very file it came from.
        json_fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, JSONField)]
        for record in model._base_manager.order_by("pk").iterator():
            for name in dropped:
                setattr(record, name, None)
            for name in json_fields:
                setattr(record, name, _sorted_keys(getattr(record, name)))
            yield record


@contextmanager
def _open(path: Path, mode: str):
    if path.suffix == ".gz":
        with open(path, mode + "b") as raw:
            # No name or time in the gzip header, so the same data always gives the same file.
            with gzip.GzipFile(filename="", mode=mode + "b", fileobj=raw, mtime=0) as compressed:
                with io.TextIOWrapper(compressed, encoding="utf-8") as text:
                    yield text
    else:
        with open(path, mode, encoding="utf-8") as text:
            yield text


def backup_write(*, path: Path, with_users: bool = False) -> dict[str, int]:
    """Write the backup to `path`; returns how many records of each model it holds."""
    models = backed_up_models(with_users=with_users)
    with transaction.atomic():  # one consistent snapshot (PostgreSQL: one transaction)
        counts = {m._meta.label: m._base_manager.count() for m in models}
        with _open(path, "w") as stream:
            serializers.serialize(
                "json", _records(models, with_users=with_users), stream=stream, indent=1,
                use_natural_foreign_keys=True, cls=ExactTimesEncoder,
            )
    return counts


def _refuse_if_holding(models) -> None:
    existing = {m._meta.label: n for m in models if (n := m._base_manager.count())}
    if existing:
        raise RestoreRefused(
            "The database is not empty ("
            + ", ".join(f"{n} {label}" for label, n in existing.items())
            + "), so nothing was restored: restoring would mix the backup with these records. "
            "Restore into a new database: create it, run `python manage.py migrate`, then restore."
        )


def restore_read(*, path: Path) -> dict[str, int]:
    """Load the backup at `path` into an empty database, all or nothing, then rebuild what
    is derived from it. Raises RestoreRefused, changing nothing, if the database already
    holds records; a row the database's constraints refuse undoes the whole restore too.

    The backup is loaded as it is, without load_curated's integrity check: it is the state
    editors left, which the site was serving, and must come back even where it would not
    pass that check."""
    # Read and parsed before the database is touched, so an unreadable file is refused as
    # such (Django's JSON deserializer would parse it whole in memory all the same).
    try:
        with _open(path, "r") as stream:
            rows = json.load(stream)
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RestoreRefused(f"{path} is not a backup this command can read; nothing was restored. ({error})") from None
    if not isinstance(rows, list) or not all(isinstance(row, dict) and "model" in row for row in rows):
        raise RestoreRefused(f"{path} is JSON but not a backup (a list of records); nothing was restored.")
    counts: dict[str, int] = {}
    with transaction.atomic():
        _refuse_if_holding(backed_up_models(with_users=False))
        deferred = []
        # Saved as they are read, as loaddata does: a natural key (a source's slug, a user's
        # name) is looked up when its record is read, so what it names must be saved already.
        for record in serializers.deserialize("python", rows, handle_forward_references=True):
            model = type(record.object)
            if model._meta.label not in counts and model._meta.label in USER_MODELS:
                # Accounts made in the new database before the restore (a superuser) stand
                # in the way only of a backup that brings its own.
                _refuse_if_holding([model])
            record.save()
            if record.deferred_fields:
                deferred.append(record)
            label = record.object._meta.label
            counts[label] = counts.get(label, 0) + 1
        for record in deferred:
            record.save_deferred_fields()
        models = [apps.get_model(label) for label in counts]
        # Rows were written with their own ids: move each table's id sequence past them
        # (PostgreSQL; SQLite needs nothing), so the next record an editor adds gets a free id.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        # Derived tables, inside the same transaction: the timeline and the deal summaries,
        # and the search index (its own command, which reads every record).
        read_model_rebuild()
        call_command("rebuild_search_index", verbosity=0)
        # A new version, so no page cached before the restore is served after it.
        data_changed(reason="restore")
    return counts
