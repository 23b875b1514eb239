"""A GIN index over the stored tsvector for each kind of record, on PostgreSQL only.

Search takes a bounded number of matches of each kind (services.CANDIDATES). With one index
for every kind, PostgreSQL finds a kind's first matches either by reading every match of the
word, whatever its kind, or by scanning the table until it has enough, which for a common word
whose matches of that kind lie far into the table read most of it (half a second at SIPRI's
size). With an index per kind it reads only that kind's matches, and stops at the bound.
The index over every kind stays, for a match of any kind.
"""
from django.db import migrations

KINDS = ("deal", "statement", "person", "system", "country", "source")


def index_name(kind):
    return f"search_document_vector_gin_{kind}"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for kind in KINDS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index_name(kind)} ON search_searchdocument USING gin (search_vector) "
            f"WHERE kind = '{kind}'"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for kind in KINDS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(kind)}")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_title_folded_index")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
