"""Trigram indexes for the lists' free-text filters (`?q=`), on PostgreSQL only.

Those filters keep Django's `icontains`, which PostgreSQL runs as
`UPPER(column::text) LIKE UPPER('%term%')`: no B-tree can answer a pattern with a leading
wildcard, so every `?q=` page read whole tables (100,000 statements at SIPRI's size). A GIN
index with pg_trgm's `gin_trgm_ops` answers such a LIKE from the term's trigrams, but only
over the very expression compared, so each index is on `UPPER(column::text)`. What the
filters match is unchanged; only how the rows are found.

Each column searched in a table that grows with the data has one (`TRIGRAM_INDEXES`).
Countries, their aliases, weapon systems and their aliases (a few hundred rows) are read
whole faster than through an index and have none. The filters name the records of another
table by their keys (`lists.filters.Among`), so a deal or a statement is found through these
indexes and its foreign keys' B-trees together.

pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL 13+): a database owner
can create it. SQLite has no such index and keeps its scans: this migration does nothing there.
"""
from django.db import migrations

# (table, column) of every column a `?q=` filter or a type-ahead suggestion searches in a
# table that grows with the data.
TRIGRAM_INDEXES = [
    ("deals_deal", "subject"),
    ("deals_deal", "summary"),
    ("deals_deal", "slug"),
    ("deals_statement", "text"),
    ("deals_statement", "speaker_role"),
    ("deals_statement", "setting"),
    ("deals_person", "name"),
    ("deals_person", "description"),
    ("deals_person", "slug"),
    ("deals_organisation", "name"),
    ("deals_source", "title"),
    ("deals_source", "text"),
    ("deals_source", "slug"),
    ("deals_citation", "excerpt"),
]


def index_name(table, column):
    return f"{table}_{column}_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index_name(table, column)} ON {table} "
            f"USING gin (UPPER({schema_editor.quote_name(column)}::text) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    # The extension stays: dropping it would take with it anything else built on it.
    if schema_editor.connection.vendor == "postgresql":
        for table, column in TRIGRAM_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(table, column)}")


class Migration(migrations.Migration):
    dependencies = [("deals", "0015_deal_recipient_status_slug")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
