"""What of the countries app the site search finds: every country, by its name, its ISO
code and the aliases the news uses ("Ankara", "Türkiye"). A plain declaration (see
`search.registry`); the search app reads `indexes` when it starts.
"""
from .models import Country, CountryAlias


class CountryIndex:
    kind = "country"
    model = Country
    verbose_name = "Country"
    # A country's aliases are its names in its document.
    refresh_on = {CountryAlias: "country"}

    @staticmethod
    def queryset():
        return Country.objects.prefetch_related("aliases")

    @staticmethod
    def document(country):
        return {
            "title": country.name,
            "names": [country.code, *(alias.name for alias in country.aliases.all())],
            "keywords": "",
            "body": " ".join(str(value) for value in (country.subregion, country.get_region_display()) if value),
        }


indexes = [CountryIndex]
