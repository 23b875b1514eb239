"""Reading the change history: what other apps may ask of it, so they need not know the
`Change` model (the knowledge base's own pages and downloads call these)."""
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Max, QuerySet
from django.db.models.functions import Cast

from .models import Change, DataVersion
from .services import CURATED_LOAD


def latest_change_time() -> datetime | None:
    """When any record was last created, changed or deleted through a recorded change
    (the admin, ingestion), or None before the first."""
    return Change.objects.aggregate(last=Max("at"))["last"]


def latest_edit_time() -> datetime | None:
    """When an editor's change (the admin, ingestion, the write services) was last recorded,
    or None before the first: `latest_change_time` without what `load_curated` recorded,
    which holds the curated fixtures' values, no one's work."""
    return Change.objects.exclude(via=CURATED_LOAD).aggregate(last=Max("at"))["last"]


def data_version() -> DataVersion | None:
    """The knowledge base's current version (its number and when it was written), or None
    before the first write: one query, by primary key."""
    return DataVersion.objects.order_by("-pk").only("pk", "at").first()


def changed_count(records: QuerySet) -> int:
    """How many of `records` have a recorded change (an edit through the admin, the write
    services or an accepted ingestion draft)."""
    keys = records.annotate(key=Cast("pk", CharField())).values("key")
    changed = Change.objects.filter(content_type=ContentType.objects.get_for_model(records.model), object_id__in=keys)
    return changed.values("object_id").distinct().count()
