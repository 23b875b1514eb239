"""Creates the editors and viewers groups with their permissions; running it again changes nothing."""
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

# The knowledge base and the assistant: editors change them, viewers only look.
EDITED_APPS = ["countries", "deals", "ingest"]
# The change history is written by the software, never by hand: everyone may only read it.
READ_ONLY_APPS = ["history"]


class Command(BaseCommand):
    help = (
        "Create or update the groups “editors” (add, change, delete and view the knowledge-base "
        "models and the ingestion drafts; view the change history) and “viewers” (view only). "
        "Idempotent. Put staff users in one of them to let them into the admin."
    )

    def handle(self, *args, **options):
        editable = Permission.objects.filter(content_type__app_label__in=EDITED_APPS)
        viewing = Permission.objects.filter(
            content_type__app_label__in=EDITED_APPS + READ_ONLY_APPS, codename__startswith="view_"
        )
        with transaction.atomic():
            editors, _ = Group.objects.get_or_create(name="editors")
            editors.permissions.set(editable | viewing)
            viewers, _ = Group.objects.get_or_create(name="viewers")
            viewers.permissions.set(viewing)
        self.stdout.write(self.style.SUCCESS(
            f"Groups ready: editors ({editors.permissions.count()} permissions), viewers ({viewers.permissions.count()})."
        ))
