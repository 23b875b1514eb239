"""Reading the change history: what other apps may ask of it, so they need not know the
`Change` model (the knowledge base's own pages and downloads call these)."""
from datetime import datetime

from django.db.models import Max

from .models import Change, DataVersion


def latest_change_time() -> datetime | None:
    """When any record was last created, changed or deleted through a recorded change
    (the admin, ingestion), or None before the first."""
    return Change.objects.aggregate(last=Max("at"))["last"]


def data_version() -> DataVersion | None:
    """The knowledge base's current version (its number and when it was written), or None
    before the first write: one query, by primary key."""
    return DataVersion.objects.order_by("-pk").only("pk", "at").first()
