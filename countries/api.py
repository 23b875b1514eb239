"""/api/countries/: the countries list and every ISO country's record."""
from lists.api import DatasetViewSet, documented, register_api

from .lists import COUNTRIES
from .models import Country
from .serializers import CountrySerializer


@documented(
    CountrySerializer,
    "The countries in deals (as supplier or recipient), by name, as on /countries/; each with the "
    "aliases the news uses. /api/countries/{code}/ has every ISO 3166-1 country.",
    record="The country's ISO 3166-1 alpha-2 code, in any case: TR or tr. Every ISO country has a record.",
)
class CountryViewSet(DatasetViewSet):
    dataset = "countries"
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"

    def get_queryset(self):
        # Statements and timeline items name countries outside any deal (SY, FR, SA), whose
        # pages exist; so does their record here, as /countries/<code>/ has every country.
        return Country.objects.with_aliases() if self.action == "retrieve" else super().get_queryset()

    def get_object(self):
        # Filters accept "tr" for TR; so does the record's address.
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()


register_api(COUNTRIES.name, CountryViewSet, "country")
