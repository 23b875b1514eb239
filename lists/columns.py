"""What a list shows, declared once for its three outputs: the page's table headings, the
CSV download's columns and the API record's keys (which its serializer's `Meta.fields`
take from here), so a column renamed, added or dropped changes all three or fails at start.

A `Field` is one thing a list shows; it may appear in any of the three: a heading (`label`,
with its `sort` value and whether it is `numeric`), CSV columns (`csv`, each a header and an
accessor) and an API key (its `name`, unless `api=False`). What the API nests (contracts,
deliveries, citations) stays the serializer's to shape; the declaration names it.

The three outputs do not list their columns in the same order (the page puts the signing
date last; the CSV keeps a date's four columns together), and changing an order would
change a download or a page. So a `Fields` declaration is in the CSV's order, and may name
the page's or the API's order; each such order must name exactly the fields that appear
there, which is checked when the declaration is made.
"""
from collections.abc import Callable
from dataclasses import dataclass, replace


def joined(values):
    """Several values in one CSV cell."""
    return "; ".join(str(value) for value in values)


@dataclass(frozen=True)
class Column:
    """A download's column: its header and the cell of a record."""

    header: str
    value: Callable


@dataclass(frozen=True)
class Heading:
    """A column heading of a list's table; `sort` is its value of the `sort` parameter, if it sorts."""

    label: str
    sort: str = ""
    numeric: bool = False
    name: str = ""  # the field it shows
    state: str = ""  # "ascending" or "descending" when the table is sorted by this column

    @property
    def next_sort(self):
        """What its heading links to: the other direction if sorted by it, else ascending."""
        return f"-{self.sort}" if self.state == "ascending" else self.sort

    @property
    def next_direction(self):
        return "descending" if self.state == "ascending" else "ascending"


@dataclass(frozen=True)
class Field:
    """One thing a list shows, in whichever of its outputs it appears."""

    name: str  # its key in the API record, and how the orders below name it
    label: str = ""  # its heading in the page's table; "" when the table has no column for it
    sort: str = ""
    numeric: bool = False
    csv: tuple = ()  # its CSV columns
    api: bool = True  # whether the API record carries it

    def __post_init__(self):
        object.__setattr__(self, "csv", tuple(self.csv))


class Fields:
    """A list's fields, in the CSV's order; `page` and `api` name the table's and the API
    record's order when they differ from it; `record_only`, the API fields a record and the
    downloads give but a row of the API's list leaves out (a source's article text)."""

    def __init__(self, *fields: Field, page: tuple = (), api: tuple = (), record_only: tuple = ()):
        self.fields = {field.name: field for field in fields}
        if len(self.fields) != len(fields):
            raise ValueError("two fields of a list have the same name")
        self.page_order = self._order(page, [f.name for f in fields if f.label], "page")
        self.api_order = self._order(api, [f.name for f in fields if f.api], "api")
        if not set(record_only) <= set(self.api_order):
            raise ValueError(f"record_only names {sorted(set(record_only) - set(self.api_order))}, not API fields")
        self.record_only = tuple(record_only)

    def _order(self, given, declared, what):
        if not given:
            return tuple(declared)
        if sorted(given) != sorted(declared):
            raise ValueError(
                f"the {what} order names {sorted(set(given) ^ set(declared))} but not as the fields declare them"
            )
        return tuple(given)

    @property
    def csv_columns(self) -> list[Column]:
        return [column for field in self.fields.values() for column in field.csv]

    @property
    def api_fields(self) -> list[str]:
        """The serializer's `Meta.fields`."""
        return list(self.api_order)

    @property
    def api_list_fields(self) -> list[str]:
        """The fields of a row of the API's list: the record's, less `record_only`."""
        return [name for name in self.api_order if name not in self.record_only]

    def headings(self, sort=None, *, without=()) -> list[Heading]:
        """The table's headings, the one it is sorted by (the first `sort` value) marked so;
        `without` leaves out the named fields' columns (a person's own page has no speaker)."""
        first = sort[0] if sort else ""
        headings = []
        for name in self.page_order:
            if name in without:
                continue
            field = self.fields[name]
            heading = Heading(field.label, field.sort, field.numeric, name)
            if field.sort and first.removeprefix("-") == field.sort:
                heading = replace(heading, state="descending" if first.startswith("-") else "ascending")
            headings.append(heading)
        return headings
