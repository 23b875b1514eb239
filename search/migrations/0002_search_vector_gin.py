"""The GIN index over the stored tsvector, on PostgreSQL only.

It is not declared in the model's Meta.indexes because SQLite cannot create a GIN index;
a migration that checks the database vendor keeps `migrate` working on both.
"""
from django.db import migrations

INDEX = "search_document_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchdocument USING gin (search_vector)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
