from django.contrib import admin

from .models import Country, CountryAlias


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 0


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "subregion"]
    list_filter = ["region"]
    search_fields = ["code", "name", "aliases__name"]
    inlines = [CountryAliasInline]

    def get_readonly_fields(self, request, obj=None):
        # The code is the primary key: changing it would orphan every deal that points at it.
        return ["code"] if obj else []


@admin.register(CountryAlias)
class CountryAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country__region"]
    search_fields = ["name", "country__name", "country__code"]
    autocomplete_fields = ["country"]
