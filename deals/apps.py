from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "deals"
    verbose_name = "S-400 deals"

    def ready(self):
        from . import lists  # noqa: F401  (declares the deals app's lists in lists.registry)
