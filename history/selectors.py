"""Reading the change history: what other apps may ask of it, so they need not know the
`Change` model (the knowledge base's own pages and downloads call these)."""
from datetime import datetime

from django.db.models import Max

from .models import Change


def latest_change_time() -> datetime | None:
    """When any record was last created, changed or deleted through a recorded change
    (the admin, ingestion), or None before the first."""
    return Change.objects.aggregate(last=Max("at"))["last"]
