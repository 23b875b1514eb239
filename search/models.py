"""The search index: one row per searchable record, its text split by weight.

On PostgreSQL `search_vector` holds the stored `tsvector` of title and names (weight A),
keywords (B) and body (C), accents folded, behind a GIN index that migration 0002 creates on PostgreSQL only (the
column is plain text on SQLite, where search falls back to containment; see services).
"""
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Kind(models.TextChoices):
    DEAL = "deal", "Deals"
    STATEMENT = "statement", "Statements"
    PERSON = "person", "People"
    SYSTEM = "system", "Weapon systems"
    COUNTRY = "country", "Countries"
    SOURCE = "source", "Sources"


class SearchDocument(models.Model):
    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_key = models.CharField(max_length=100, help_text="The record's primary key.")
    title = models.CharField(max_length=300)
    names = models.TextField(
        blank=True, help_text="The record's other names, one a line: a country's ISO code and aliases, a system's aliases."
    )
    keywords = models.TextField(blank=True, help_text="Words about the record: its speaker's role, outlet, maker.")
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_key"],
                name="search_document_one_per_record",
                violation_error_message="A record has one search document.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values),
                name="search_document_kind_valid",
                violation_error_message="Unknown kind of record.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return self.url
