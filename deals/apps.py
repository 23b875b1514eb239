from django.apps import AppConfig


class DealsConfig(AppConfig):
    name = "deals"
    verbose_name = "S-400 deals"
