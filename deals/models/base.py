"""Shared bases of the knowledge-base models: ``Versioned`` (the version and last-changed
time every record editors change carries), ``Cited`` (a fact that rests on citations) and
``NaturalKeyManager`` (fixtures refer to a row by its slug)."""
from django.db import models
from django.db.models.functions import Now


class NaturalKeyManager(models.Manager):
    """Lets fixtures refer to a row by its slug instead of its numeric id."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Versioned(models.Model):
    """A record editors change. Its version moves on with every save through the admin or the
    services (``history.locking.save_versioned``), so a form loaded before another editor's
    save is refused instead of silently overwriting it; `updated_at` is set on every save, and
    is what the dataset's version stamp and the feeds read.

    A fixture row without `updated_at` (the curated sources and citations) takes the time it
    is loaded, from the database default, as loaddata's raw saves skip `auto_now`."""

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField("last changed", auto_now=True, db_default=Now())

    class Meta:
        abstract = True


class Cited(Versioned):
    """A fact: cited by Citation rows; its relative dates resolve against its first source."""

    class Meta:
        abstract = True

    def date_reference(self):
        if self.pk is None:
            return None
        citation = self.citations.select_related("source").order_by("pk").first()
        return citation.source.approximate_date if citation else None
