"""The countries list (/countries/, /api/countries/, /export/countries.*), declared once; its
fields (CSV columns and API keys) are `countries.columns.COUNTRY_FIELDS`."""
from deals.scopes import as_of_not_taken
from lists.registry import Listing, register

from .columns import COUNTRY_FIELDS
from .filtersets import CountryFilterSet
from .models import Country
from .serializers import CountrySerializer

COUNTRIES = register(
    Listing(
        "countries", CountryFilterSet,
        # The page lists the countries in deals, by name; so do the API's list and the downloads.
        rows=lambda: Country.objects.in_any_deal(), records=lambda: Country.objects.in_any_deal().with_aliases(),
        serializer_class=CountrySerializer, fields=COUNTRY_FIELDS,
        # It counts each country's deals by their status as curated: a day would not change
        # its counts, so a day given is refused, with where to ask instead.
        query_checks=(as_of_not_taken("The countries list"),),
    )
)
