"""The countries list's fields, declared once (`lists.columns`): its CSV columns and its API
record's keys, which `CountrySerializer.Meta.fields` reads. The page's table (a country and
its deal counts as supplier and recipient) still writes its headings in its template."""
from lists.columns import Column, Field, Fields, joined

COUNTRY_FIELDS = Fields(
    Field("code", csv=[Column("code", lambda c: c.code)]),
    Field("name", csv=[Column("name", lambda c: c.name)]),
    Field("region", csv=[Column("region", lambda c: c.region)]),
    Field("subregion", csv=[Column("subregion", lambda c: c.subregion)]),
    Field("aliases", csv=[Column("aliases", lambda c: joined(alias.name for alias in c.aliases.all()))]),
    Field("url"),
)
