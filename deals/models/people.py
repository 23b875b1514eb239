"""Who speaks and who publishes: people, and organisations (ministries, companies, news outlets)."""
from django.db import models

from lists.addresses import address

from .base import NaturalKeyManager
from .querysets import OrganisationQuerySet, PersonQuerySet


class Person(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    description = models.CharField(
        max_length=300, blank=True, help_text="Who they are; roles at the time go on each statement."
    )

    objects = NaturalKeyManager.from_queryset(PersonQuerySet)()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        # The people list's order: its page is read from this index, not by sorting everyone.
        indexes = [models.Index(fields=["name", "slug"], name="person_name_slug")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("deals:person_detail", self.slug)

    def natural_key(self):
        return (self.slug,)


class OrganisationKind(models.TextChoices):
    NEWS_OUTLET = "news_outlet", "News outlet"
    NEWS_AGENCY = "news_agency", "News agency"
    BROADCASTER = "broadcaster", "Broadcaster"
    GOVERNMENT = "government", "Government body"
    MILITARY = "military", "Armed forces"
    COMPANY = "company", "Company"
    ALLIANCE = "alliance", "Alliance or international organisation"


class Organisation(models.Model):
    """A body that speaks (the Pentagon, Rosoboronexport) or publishes (Interfax, Bloomberg)."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )

    objects = NaturalKeyManager.from_queryset(OrganisationQuerySet)()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
                violation_error_message="Unknown kind of organisation.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("deals:organisation_detail", self.slug)

    def natural_key(self):
        return (self.slug,)
