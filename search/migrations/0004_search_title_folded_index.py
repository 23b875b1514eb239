"""An index on each document's title as the search compares it with the whole query (accents
folded, lower case), on PostgreSQL only: search ranks a bounded set of candidates, and the
records whose title is the query are always among them, found through this index.

PostgreSQL uses an expression index only for the same expression, so it is written from the
one search.services compares (`services.folded_title_sql`), constants inlined.
"""
from django.db import migrations

INDEX = "search_document_title_folded"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.services import folded_title_sql

    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchdocument ({folded_title_sql(schema_editor)})"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_searchdocument_names")]

    operations = [migrations.RunPython(create_index, drop_index)]
