"""Countries (ISO 3166-1) and the other names the news uses for them."""
from django.db import models
from django.db.models import Exists, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce, Lower

from lists.addresses import address

# Which countries the timeline concerns is a question about deals' timeline (its links live in
# deals.TimelineLink), so this base stays in deals; countries reads nothing else from deals here.


class Region(models.TextChoices):
    """The United Nations M49 regions."""

    AFRICA = "africa", "Africa"
    AMERICAS = "americas", "Americas"
    ASIA = "asia", "Asia"
    EUROPE = "europe", "Europe"
    OCEANIA = "oceania", "Oceania"
    ANTARCTICA = "antarctica", "Antarctica"


class CountryQuerySet(models.QuerySet):
    """The countries each list offers as choices, each with how many of the list's rows it
    has (`row_count`), and the countries' own lists."""

    def with_aliases(self):
        return self.prefetch_related("aliases")

    def in_deals(self, role, *, s400_only=False):
        """Countries that appear in deals as `role` ("supplier" or "recipient"), with how many
        (`row_count`), read from the deals' counts per country (`deals.CountryDealCount`);
        `s400_only`: in the S-400 family's deals, counting those alone."""
        scope = {"s400": True} if s400_only else {}
        return self.annotate(row_count=self._deals_counted(role=role, **scope)).filter(row_count__gt=0).order_by("name")

    def in_deals_counting_s400(self, role):
        """Countries in deals as `role`, any system's (as `in_deals`), each with how many of
        those deals are the S-400 family's (`s400_count`, 0 for none), from the same counts:
        what the deal list's country choices offer under `scope=s-400`."""
        return self.in_deals(role).annotate(s400_count=self._deals_counted(role=role, s400=True))

    def in_any_deal(self):
        """The countries /countries/ lists: those in any deal, by name, with how many deals
        each has as supplier plus as recipient (`row_count`), read from the deals' counts
        per country, a few rows each, instead of counting the deals."""
        return self.annotate(row_count=self._deals_counted()).filter(row_count__gt=0).order_by("name")

    @staticmethod
    def _deals_counted(**which):
        from deals.models import CountryDealCount

        counted = (
            CountryDealCount.objects.filter(country=OuterRef("pk"), **which)
            .order_by().values("country").annotate(n=Sum("deals")).values("n")
        )
        return Coalesce(Subquery(counted), 0)

    def of_people(self):
        # EXISTS on the people's country index: a probe per country, not a join of every person.
        person = self.model._meta.get_field("people").related_model
        return self.filter(Exists(person.objects.filter(country=OuterRef("pk")))).order_by("name")

    def making_systems(self):
        return self.filter(weapon_systems__isnull=False).distinct().order_by("name")


class Country(models.Model):
    """A country, identified publicly (in URLs, filters and the API) by its ISO alpha-2 code."""

    code = models.CharField(
        "ISO code",
        max_length=2,
        primary_key=True,
        help_text="ISO 3166-1 alpha-2 code in capitals, e.g. TR.",
    )
    name = models.CharField(max_length=100, unique=True)
    region = models.CharField(max_length=16, choices=Region.choices)
    subregion = models.CharField(max_length=64, blank=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_is_two_capitals",
                violation_error_message="The ISO code must be two capital letters, e.g. TR.",
            ),
            models.CheckConstraint(
                condition=models.Q(region__in=Region.values),
                name="country_region_valid",
                violation_error_message="The region must be one of the UN M49 regions.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("countries:country_detail", self.code)


class AliasKind(models.TextChoices):
    CAPITAL = "capital", "Capital used for the state"
    SPELLING = "spelling", "Alternative name or spelling"
    ADJECTIVE = "adjective", "Adjective"


class CountryAlias(models.Model):
    """Another name that stands for a country in the news: "Ankara", "Türkiye", "Turkish"."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=AliasKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "country aliases"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="country_alias_name_unique",
                violation_error_message="This alias already stands for a country.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=AliasKind.values),
                name="country_alias_kind_valid",
                violation_error_message="Unknown kind of alias.",
            ),
        ]

    def __str__(self):
        return f"{self.name} → {self.country.code}"
