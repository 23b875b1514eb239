"""A country as JSON, in the API (/api/countries/) and the downloads."""
from rest_framework import serializers

from lists.serializers import PageUrlField

from .columns import COUNTRY_FIELDS
from .models import Country


class CountrySerializer(serializers.ModelSerializer):
    url = PageUrlField()
    aliases = serializers.SerializerMethodField()

    class Meta:
        model = Country
        fields = COUNTRY_FIELDS.api_fields  # the countries list's one declaration

    def get_aliases(self, country) -> list[str]:
        return [alias.name for alias in country.aliases.all()]
