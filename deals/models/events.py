"""Other dated happenings the timeline needs: a test launch, a payment, a threat, a suspension."""
from django.db import models
from django.db.models import Q

from lists.addresses import address

from .base import Cited
from .dates import ApproximatelyDated
from .querysets import EventQuerySet


class EventKind(models.TextChoices):
    AGREEMENT = "agreement", "Agreement"
    ANNOUNCEMENT = "announcement", "Announcement"
    REPORT = "report", "Media report"
    TEST_LAUNCH = "test_launch", "Test launch"
    PAYMENT = "payment", "Payment"
    DEPLOYMENT = "deployment", "Deployment"
    SUSPENSION = "suspension", "Suspension"
    EXCLUSION = "exclusion", "Exclusion"
    THREAT = "threat", "Threat"
    SANCTIONS = "sanctions", "Sanctions"
    MILITARY = "military", "Military move"
    POLITICAL = "political", "Political event"


class Event(Cited, ApproximatelyDated):
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    countries = models.ManyToManyField("countries.Country", blank=True, related_name="events")
    deals = models.ManyToManyField("deals.Deal", blank=True, related_name="events")

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date_earliest", "date_latest", "pk"]
        indexes = ApproximatelyDated.Meta.indexes
        constraints = [
            *ApproximatelyDated.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values),
                name="event_kind_valid",
                violation_error_message="Unknown kind of event.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return address("deals:event_detail", self.pk)
