from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class DealsConfig(AppConfig):
    name = "deals"
    verbose_name = "S-400 deals"

    def ready(self):
        from . import lists  # noqa: F401  (declares the deals app's lists in lists.registry)
        from .models.timeline import create_timeline_views, drop_timeline_views

        pre_migrate.connect(drop_timeline_views, sender=self)
        post_migrate.connect(create_timeline_views, sender=self)
