"""Weapon systems, the names the news gives them, and their specifications as each source states them."""
from django.db import models
from django.db.models.functions import Lower

from lists.addresses import address

from .base import Cited, NaturalKeyManager
from .querysets import SpecificationQuerySet, WeaponSystemQuerySet


class SystemCategory(models.TextChoices):
    AIR_DEFENCE = "air_defence", "Air-defence system"
    FIGHTER = "fighter", "Fighter aircraft"


class WeaponSystem(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=100, unique=True)
    category = models.CharField(max_length=16, choices=SystemCategory.choices)
    maker_country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, related_name="weapon_systems"
    )
    maker = models.ForeignKey(
        "deals.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="weapon_systems",
        help_text="The manufacturer, when a source names it.",
    )
    variant_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="variants"
    )
    description = models.TextField(blank=True)

    objects = NaturalKeyManager.from_queryset(WeaponSystemQuerySet)()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=SystemCategory.values),
                name="weapon_system_category_valid",
                violation_error_message="Unknown category of weapon system.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("deals:system_detail", self.slug)

    def natural_key(self):
        return (self.slug,)


class WeaponSystemAlias(models.Model):
    system = models.ForeignKey(WeaponSystem, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "weapon system aliases"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="weapon_system_alias_unique",
                violation_error_message="This alias already names a weapon system.",
            ),
        ]

    def __str__(self):
        return f"{self.name} → {self.system.name}"


class Specification(Cited):
    """One figure about a system as one source states it; sources that disagree each get a row."""

    system = models.ForeignKey(WeaponSystem, on_delete=models.CASCADE, related_name="specifications")
    parameter = models.CharField(max_length=100, help_text="e.g. “engagement range”.")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    unit = models.CharField(max_length=20, help_text="e.g. km.")
    words = models.CharField("as stated", max_length=200, help_text="e.g. “up to 400 kilometers”.")

    objects = SpecificationQuerySet.as_manager()

    class Meta:
        ordering = ["system", "parameter", "value"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="specification_value_non_negative",
                violation_error_message="A specification's value cannot be negative.",
            ),
        ]

    def __str__(self):
        return f"{self.system}: {self.parameter} {self.words}"

    def get_absolute_url(self):
        return f"{address('deals:system_detail', self.system.slug)}#specification-{self.pk}"
