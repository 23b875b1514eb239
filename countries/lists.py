"""The countries list (/countries/, /api/countries/, /export/countries.*), declared once."""
from lists.columns import joined
from lists.registry import Column, Listing, register

from .filtersets import CountryFilterSet
from .models import Country
from .serializers import CountrySerializer

COUNTRY_COLUMNS = [
    Column("code", lambda c: c.code),
    Column("name", lambda c: c.name),
    Column("region", lambda c: c.region),
    Column("subregion", lambda c: c.subregion),
    Column("aliases", lambda c: joined(alias.name for alias in c.aliases.all())),
]

COUNTRIES = register(
    Listing(
        "countries", CountryFilterSet,
        # The page lists the countries in deals, by name; so do the API's list and the downloads.
        rows=lambda: Country.objects.in_any_deal(), records=lambda: Country.objects.in_any_deal().with_aliases(),
        serializer_class=CountrySerializer, columns=COUNTRY_COLUMNS,
    )
)
