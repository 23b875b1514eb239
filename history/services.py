"""Writing the change history: snapshots of a record's fields before and after a change,
and one Change row per created, changed or deleted record. ``recording_changes`` records
a bulk write that bypasses the per-record services (loaddata) by comparing snapshots."""
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .models import Action, Change, DataVersion

__all__ = ["Action", "CURATED_LOAD", "change_record", "data_changed", "field_changes", "recording_changes", "snapshot"]

# The `via` of the changes `load_curated` records: the curated fixtures, by no account.
CURATED_LOAD = "load_curated"


def data_changed(*, reason: str) -> DataVersion:
    """Move the knowledge base to a new version, inside the writing transaction: every
    recorded change does, and so must a bulk write that records none (a first load, a
    restore, generated data). Cached pages and ETags follow it (config/caching.py)."""
    return DataVersion.objects.create(at=timezone.now(), reason=reason[:32])


def snapshot(obj) -> dict[str, str]:
    """Every editable field's value as text a person can read: related records by their
    name, many-to-many fields as a sorted list."""
    values = {}
    for field in [*obj._meta.concrete_fields, *obj._meta.many_to_many]:
        if field.primary_key or field.name in ("version", "updated_at"):
            continue
        if field.many_to_many:
            values[field.name] = "; ".join(sorted(str(related) for related in getattr(obj, field.name).all())) if obj.pk else ""
        elif isinstance(field, models.ForeignKey):
            related = getattr(obj, field.name, None)
            values[field.name] = str(related) if related is not None else ""
        else:
            value = getattr(obj, field.attname)
            values[field.name] = "" if value is None else str(value)
    return values


def field_changes(model, before: dict, after: dict) -> list[dict]:
    changes = []
    for name in after.keys() | before.keys():
        old, new = before.get(name, ""), after.get(name, "")
        if old != new:
            field = model._meta.get_field(name)
            changes.append({"field": name, "label": str(field.verbose_name), "old": old, "new": new})
    order = [field.name for field in model._meta.get_fields()]
    return sorted(changes, key=lambda change: order.index(change["field"]) if change["field"] in order else 0)


def change_record(
    *, obj, action: str, user=None, before: dict | None = None, after: dict | None = None, via: str,
    object_repr: str | None = None,
) -> Change | None:
    """Record a change; a save that changed nothing records nothing. ``object_repr``, how the
    record reads, is given when it can no longer be read (a row already deleted)."""
    before = before or {}
    after = {} if action == Action.DELETED else (after if after is not None else snapshot(obj))
    if action == Action.DELETED:
        fields = [{"field": k, "label": str(type(obj)._meta.get_field(k).verbose_name), "old": v, "new": ""}
                  for k, v in before.items() if v]
    else:
        fields = field_changes(type(obj), before, after)
    if action == Action.CHANGED and not fields:
        return None
    authenticated = user is not None and user.is_authenticated
    change = Change(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=(object_repr if object_repr is not None else str(obj))[:300],
        action=action,
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        at=timezone.now(),
        version=getattr(obj, "version", None),
        fields=fields,
        via=via,
    )
    change.full_clean()
    change.save()
    data_changed(reason=f"{via} {action}")
    return change


def _snapshots(models) -> dict:
    rows = {}
    for model in models:
        related = [f.name for f in model._meta.concrete_fields if f.many_to_one]
        many = [f.name for f in model._meta.many_to_many]
        rows_of = model._default_manager.prefetch_related(*many)
        for obj in rows_of.select_related(*related) if related else rows_of:
            rows[model, obj.pk] = (obj, snapshot(obj))
    return rows


@contextmanager
def recording_changes(models, *, via: str, user=None):
    """Record, after the block, every row of these models it created or changed (a row it
    left as it was records nothing)."""
    before = _snapshots(models)
    yield
    for key, (obj, values) in _snapshots(models).items():
        if key not in before:
            change_record(obj=obj, action=Action.CREATED, user=user, after=values, via=via)
        elif values != before[key][1]:
            change_record(obj=obj, action=Action.CHANGED, user=user, before=before[key][1], after=values, via=via)
