"""Who changed what, when: one row per save or delete of a knowledge-base record, with the
fields that changed and their old and new values. Written by the admin, the write services
(``deals.services``, which accepting an ingestion draft calls) and ``load_curated``,
through ``history.services`` — never by signals."""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


class Action(models.TextChoices):
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    DELETED = "deleted", "Deleted"


class ChangeQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class Change(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField("record", max_length=300)
    action = models.CharField(max_length=8, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    username = models.CharField(
        "by", max_length=150, blank=True, help_text="Kept when the account is deleted."
    )
    at = models.DateTimeField("when", db_index=True)
    version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The record's version after this change."
    )
    fields = models.JSONField(
        default=list, blank=True, help_text="[{field, label, old, new}] for each field that changed."
    )
    via = models.CharField(max_length=16, help_text="admin, ingest…")

    objects = ChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="history_change_object")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=Action.values),
                name="history_change_action_valid",
                violation_error_message="Unknown kind of change.",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.content_type.name} “{self.object_repr}” by {self.username or '—'}"

    @property
    def field_names(self):
        return ", ".join(item["label"] for item in self.fields)


class DataVersion(models.Model):
    """One row per write to the knowledge base, written in the writing transaction: the
    newest row names the version the pages show. Pages, API answers and downloads take
    their ETag and Last-Modified from it (config/caching.py), and cached pages are keyed
    by it, so a save changes both the moment it commits.

    Rows are only ever added, never updated: concurrent writers do not wait for each other
    on one row, and a replica, which applies commits in order, never shows a version before
    the data it stands for. Derived like the search index, so backups leave it out."""

    at = models.DateTimeField("when")
    reason = models.CharField(max_length=32, help_text="What wrote: a recorded change, load_curated, restore…")

    class Meta:
        ordering = ["-pk"]
        verbose_name = "data version"

    def __str__(self):
        return f"version {self.pk} ({self.reason}, {self.at:%Y-%m-%d %H:%M:%S})"
