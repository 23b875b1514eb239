"""Writing generated rows fast: rows are plain dicts (field attname → value) buffered per
model and written in batches, by ``bulk_create`` or, on PostgreSQL, by ``COPY``, which
takes the rows as one stream of text instead of one parameter list per batch.

Rows carry their primary keys (the generator numbers them, so a fact can name its deal
before the deal is written, and the same seed gives the same keys); ``reset_sequences``
moves each table's sequence past them afterwards, as ``loaddata`` does.
"""
import io

from django.core.management.color import no_style
from django.db import connection
from django.db.models.fields import NOT_PROVIDED


class Writer:
    """Buffers rows per model; ``flush()`` writes them in the order the models were first
    given rows (parents before children)."""

    def __init__(self, *, use_copy: bool | None = None, batch_size: int = 2000):
        self.use_copy = connection.vendor == "postgresql" if use_copy is None else use_copy
        self.batch_size = batch_size
        self.rows: dict[type, list[dict]] = {}
        self.written: dict[type, int] = {}
        self._fields: dict[type, list] = {}

    def add(self, model, **values) -> None:
        self.rows.setdefault(model, []).append(values)

    def count(self, model) -> int:
        return self.written.get(model, 0)

    def flush(self) -> None:
        for model, rows in self.rows.items():
            if rows:
                self._write(model, rows)
                self.written[model] = self.written.get(model, 0) + len(rows)
        self.rows = {}

    def _fields_of(self, model):
        if model not in self._fields:
            self._fields[model] = [field for field in model._meta.concrete_fields]
        return self._fields[model]

    def _write(self, model, rows):
        fields = self._fields_of(model)
        missing = [f.attname for f in fields if f.attname not in rows[0] and not _has_default(f)]
        if missing:
            raise ValueError(f"{model.__name__} rows lack {', '.join(missing)}.")
        if self.use_copy:
            self._copy(model, fields, rows)
        else:
            model._base_manager.bulk_create([model(**row) for row in rows], batch_size=self.batch_size)

    def _copy(self, model, fields, rows):
        defaults = {f.attname: f.get_default() for f in fields if _has_default(f)}
        columns = [(f.attname, defaults.get(f.attname), _copy_converter(f)) for f in fields]
        buffer = io.StringIO()
        write = buffer.write
        for row in rows:
            write("\t".join([
                "\\N" if (value := row.get(name, default)) is None else convert(value)
                for name, default, convert in columns
            ]))
            write("\n")
        buffer.seek(0)
        names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(
                f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN", buffer
            )


def _has_default(field) -> bool:
    return field.default is not NOT_PROVIDED or field.null or (field.blank and field.empty_strings_allowed)


def _copy_converter(field):
    """How a field's (non-null) values are written in COPY's text format."""
    internal = field.get_internal_type()
    if internal == "BooleanField":
        return lambda value: "t" if value else "f"
    if internal in ("DateField", "DateTimeField"):
        return lambda value: value.isoformat()
    if field.empty_strings_allowed and internal not in ("DecimalField", "UUIDField"):
        return _copy_text
    return str


def _copy_text(value: str) -> str:
    """Text with COPY's special characters escaped (looked for first: most text has none)."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def reset_sequences(models) -> None:
    """Move each model's primary-key sequence past the keys written (PostgreSQL; SQLite
    follows explicit keys by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
