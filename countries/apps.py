from django.apps import AppConfig


class CountriesConfig(AppConfig):
    name = "countries"

    def ready(self):
        # Declares the countries list and its API (lists.registry, lists.api.register_api).
        from . import api, lists  # noqa: F401
