"""The one optimistic lock of the knowledge base (compare-and-set on ``version``).

Every writer that changes a versioned record — the admin, the write services in
``deals.services`` and, through them, accepting an ingestion draft — saves it with
``save_versioned``: the row takes the next version only if it is still at the version the
writer loaded, so of two simultaneous saves exactly one wins, and the other gets an
``EditConflict`` whose message says what the first one changed. ``check_version`` is the
same comparison without the save, for forms that refuse before anything is written.
"""
import logging

from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format

from .models import Change

# Refused edits are security-relevant events (a stale or scripted post), logged wherever refused.
logger = logging.getLogger("history.locking")


class EditConflict(Exception):
    """Another save moved the row's version on since the writer loaded it. ``str()`` of it
    says what changed since, for a form error."""


def conflict_message(instance, *, loaded: int, current: int) -> str:
    """What the other editor(s) changed since version ``loaded``, for a form error; logs the refusal."""
    logger.warning("Edit refused: %s %s loaded at version %s, now at %s", instance._meta.label, instance.pk, loaded, current)
    name = instance._meta.verbose_name
    later = list(Change.objects.for_object(instance).filter(version__gt=loaded).order_by("version", "pk"))
    if not later:
        what = "The change was made outside the admin, so its details were not recorded."
    else:
        latest = {}
        for change in later:
            for item in change.fields:
                latest[item["label"]] = item["new"]
        who = ", ".join(dict.fromkeys(f"{c.username or 'someone'} at {date_format(timezone.localtime(c.at), 'DATETIME_FORMAT')}" for c in later))
        shown = "; ".join(f"{label}: now “{short(value)}”" for label, value in latest.items()) or "no field values"
        what = f"Changed by {who} — {shown}."
    return (
        f"Someone else saved this {name} after you opened it (you loaded version {loaded}; it is now "
        f"version {current}). {what} Nothing of yours was saved: your edits are still in the form "
        f"below. Open the {name} again to see the current version, then make your change again."
    )


def short(value: str, limit: int = 120) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def stored_version(obj) -> int | None:
    """The version the row has in the database now (None when it is gone)."""
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    if connection.in_atomic_block and connection.features.has_select_for_update:
        rows = rows.select_for_update()  # PostgreSQL: hold the row until this transaction commits
    return rows.values_list("version", flat=True).first()


def check_version(obj, *, loaded_version: int) -> None:
    """Raise EditConflict if the row has moved on from ``loaded_version``; write nothing."""
    current = stored_version(obj)
    if current is not None and current != loaded_version:
        raise EditConflict(conflict_message(obj, loaded=loaded_version, current=current))


def save_versioned(obj, *, loaded_version: int) -> None:
    """Save a changed record if its row is still at ``loaded_version``, moving it to the next
    version; otherwise raise EditConflict and save nothing of it."""
    moved = type(obj)._default_manager.filter(pk=obj.pk, version=loaded_version).update(version=loaded_version + 1)
    if not moved:
        current = stored_version(obj)
        raise EditConflict(conflict_message(obj, loaded=loaded_version, current=current if current is not None else 0))
    obj.version = loaded_version + 1
    obj.save()
