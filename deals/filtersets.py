"""Filters for every list, defined once: the HTML pages and the API both use these classes,
so a page and its API can never disagree about what a parameter means."""
import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery

from countries.models import Country, CountryAlias

from .models import (
    Citation,
    Deal,
    DealStatus,
    Person,
    Source,
    Stance,
    Statement,
    StatementMode,
    SystemCategory,
    TimelineItem,
    TimelineKind,
    TimelineLink,
    WeaponSystem,
    WeaponSystemAlias,
)

MIN_YEAR, MAX_YEAR = 1900, 2100


class CountryCodeField(forms.ModelMultipleChoiceField):
    """Countries by ISO code (case-insensitive), labelled with how many rows they have."""

    def clean(self, value):
        return super().clean([code.upper() for code in value] if value else value)

    def label_from_instance(self, country):
        count = getattr(country, "row_count", None)
        return f"{country.name} ({count})" if count is not None else country.name


class CountryCodeFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = CountryCodeField


def countries_in_deals(role):
    """Countries that appear in deals as `role` ("supplier" or "recipient"), with counts."""
    related = f"deals_as_{role}"
    return Country.objects.annotate(row_count=Count(related)).filter(row_count__gt=0).order_by("name")


def countries_in_any_deal():
    return (
        Country.objects.annotate(row_count=Count("deals_as_supplier", distinct=True) + Count("deals_as_recipient", distinct=True))
        .filter(row_count__gt=0)
        .order_by("name")
    )


def countries_on_timeline():
    """Countries some timeline item concerns, with how many items each."""
    items = (
        TimelineLink.objects.filter(country=OuterRef("pk"))
        .values("country")
        .annotate(n=Count("item", distinct=True))
        .values("n")
    )
    return Country.objects.annotate(row_count=Subquery(items)).filter(row_count__gt=0).order_by("name")


def countries_in_statements():
    """Countries some statement concerns, directly or through the deals it is about."""
    return (
        Country.objects.filter(
            Q(statements__isnull=False)
            | Q(deals_as_supplier__statements__isnull=False)
            | Q(deals_as_recipient__statements__isnull=False)
        )
        .distinct()
        .order_by("name")
    )


def overlapping(start: datetime.date | None, end: datetime.date | None, prefix: str = "") -> Q:
    """Rows whose date range can fall within [start, end]: an uncertain date counts if it may."""
    condition = Q()
    if start:
        condition &= Q(**{f"{prefix}date_latest__gte": start})
    if end:
        condition &= Q(**{f"{prefix}date_earliest__lte": end})
    return condition


class YearSpanForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_to < year_from:
            self.add_error("year_to", f"The span ends ({year_to}) before it starts ({year_from}).")
        return cleaned


def year_filter(label):
    return django_filters.NumberFilter(
        label=label,
        method="filter_year_span",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.NumberInput(attrs={"min": MIN_YEAR, "max": MAX_YEAR, "step": 1}),
    )


class YearSpanFilterSet(django_filters.FilterSet):
    """`year_from` and `year_to` select rows dated, at least possibly, within the span.

    Both bounds apply to the same dated row, so they are combined in `filter_queryset`
    rather than filtered one after the other.
    """

    year_from = year_filter("From year")
    year_to = year_filter("To year")

    def filter_year_span(self, queryset, name, value):
        return queryset  # applied together in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        year_from = self.form.cleaned_data.get("year_from")
        year_to = self.form.cleaned_data.get("year_to")
        if year_from is None and year_to is None:
            return queryset
        start = datetime.date(int(year_from), 1, 1) if year_from is not None else None
        end = datetime.date(int(year_to), 12, 31) if year_to is not None else None
        return self.filter_span(queryset, start, end)

    def filter_span(self, queryset, start, end):
        return queryset.filter(overlapping(start, end))


class YesNoSelect(forms.Select):
    """Any / yes / no; hands the raw value to its field, so a value it does not know is an error."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", "Any"), ("true", "Yes"), ("false", "No")])

    def format_value(self, value):
        return [{True: "true", False: "false"}.get(value, "" if value is None else str(value))]


class YesNoField(forms.NullBooleanField):
    """true/false (or 1/0); empty means any. Django's NullBooleanField reads anything else as
    "any", which would show an unfiltered list for `disputed=bogus`; this one rejects it."""

    widget = YesNoSelect
    choices = [("true", "Yes"), ("false", "No")]  # labels for the active filters

    def to_python(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in ("true", "1"):
            return True
        if word in ("false", "0"):
            return False
        raise ValidationError("Use true or false.", code="invalid")


class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorts rows without a value (no contract, no dated milestone) last in both directions,
    on SQLite and PostgreSQL alike; ties keep the list's usual order, then primary key, so
    pages are stable."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field_name = self.param_map.get(param.removeprefix("-"), param.removeprefix("-"))
        return F(field_name).desc(nulls_last=True) if descending else F(field_name).asc(nulls_last=True)

    def filter(self, qs, value):
        ordering = [self.get_ordering_value(param) for param in value or [] if param]
        return qs.order_by(*ordering, *qs.query.order_by, "pk") if ordering else qs


def text_filter(label="Text"):
    return django_filters.CharFilter(
        label=label, method="filter_text", max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )


class DealFilterSet(YearSpanFilterSet):
    supplier = CountryCodeFilter(
        field_name="supplier", to_field_name="code", queryset=lambda request: countries_in_deals("supplier")
    )
    recipient = CountryCodeFilter(
        field_name="recipient", to_field_name="code", queryset=lambda request: countries_in_deals("recipient")
    )
    system = django_filters.ModelChoiceFilter(
        field_name="system", to_field_name="slug", queryset=WeaponSystem.objects.order_by("name")
    )
    status = django_filters.MultipleChoiceFilter(choices=DealStatus.choices)
    disputed = YesNoFilter()
    q = text_filter()
    sort = NullsLastOrderingFilter(
        fields=[
            ("supplier__name", "supplier"),
            ("recipient__name", "recipient"),
            ("system__name", "system"),
            ("status", "status"),
            ("contract_quantity", "quantity"),
            ("contract_value", "value"),
            ("first_date", "first_date"),
            ("last_date", "last_date"),
        ],
        label="Sort by",
        empty_label="Default order",
    )

    class Meta:
        model = Deal
        fields = ["supplier", "recipient", "system", "status", "disputed", "year_from", "year_to", "q"]
        form = YearSpanForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(subject__icontains=value)
            | Q(summary__icontains=value)
            | Q(slug__icontains=value)
            | Q(system__name__icontains=value)
            | Q(supplier__name__icontains=value)
            | Q(recipient__name__icontains=value)
            | Exists(WeaponSystemAlias.objects.filter(system=OuterRef("system"), name__icontains=value))
            | Exists(CountryAlias.objects.filter(country=OuterRef("recipient"), name__icontains=value))
            | Exists(CountryAlias.objects.filter(country=OuterRef("supplier"), name__icontains=value))
        )

    def filter_span(self, queryset, start, end):
        milestones = TimelineLink.objects.filter(overlapping(start, end, "item__"), deal=OuterRef("pk"))
        return queryset.filter(Exists(milestones))


def concerning_countries(countries) -> Q:
    """Statements about any of `countries`: named in them, or supplier or recipient of their deals."""
    return Q(countries__in=countries) | Q(deals__supplier__in=countries) | Q(deals__recipient__in=countries)


class StatementFilterSet(YearSpanFilterSet):
    speaker = django_filters.ModelMultipleChoiceFilter(
        label="Speaker",
        # The predicate compares the chosen people's slugs, so it must name the slug column.
        field_name="speaker__slug",
        to_field_name="slug",
        queryset=Person.objects.filter(statements__isnull=False).distinct().order_by("name"),
    )
    country = CountryCodeFilter(
        label="Country", method="filter_country", to_field_name="code", queryset=lambda request: countries_in_statements()
    )
    deal = django_filters.ModelChoiceFilter(
        label="Deal", field_name="deals", to_field_name="slug", queryset=Deal.objects.select_related("system")
    )
    mode = django_filters.ChoiceFilter(choices=StatementMode.choices)
    stance = django_filters.ChoiceFilter(choices=Stance.choices)
    q = text_filter()

    class Meta:
        model = Statement
        fields = ["speaker", "country", "deal", "mode", "stance", "year_from", "year_to", "q"]
        form = YearSpanForm

    def filter_country(self, queryset, name, countries):
        if not countries:
            return queryset
        return queryset.filter(concerning_countries(countries)).distinct()

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(text__icontains=value)
            | Q(speaker__name__icontains=value)
            | Q(organisation__name__icontains=value)
            | Q(speaker_role__icontains=value)
            | Q(setting__icontains=value)
        )


class TimelineFilterSet(YearSpanFilterSet):
    country = CountryCodeFilter(
        label="Country", method="filter_links", to_field_name="code", queryset=lambda request: countries_on_timeline()
    )
    system = django_filters.ModelChoiceFilter(
        label="System", method="filter_links", to_field_name="slug", queryset=WeaponSystem.objects.order_by("name")
    )
    deal = django_filters.ModelChoiceFilter(
        label="Deal", method="filter_links", to_field_name="slug", queryset=Deal.objects.select_related("system")
    )
    kind = django_filters.MultipleChoiceFilter(choices=TimelineKind.choices)

    class Meta:
        model = TimelineItem
        fields = ["country", "system", "deal", "kind", "year_from", "year_to"]
        form = YearSpanForm

    def filter_links(self, queryset, name, value):
        if not value:
            return queryset
        lookup = {"country": "country__in"}.get(name, name)
        return queryset.filter(Exists(TimelineLink.objects.filter(item=OuterRef("pk"), **{lookup: value})))


class CountryFilterSet(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(choices=Country._meta.get_field("region").choices)
    q = text_filter("Name or alias")

    class Meta:
        model = Country
        fields = ["region", "q"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value) | Q(aliases__name__icontains=value)).distinct()


class PersonFilterSet(django_filters.FilterSet):
    country = CountryCodeFilter(
        field_name="country", to_field_name="code",
        queryset=lambda request: Country.objects.filter(people__isnull=False).distinct().order_by("name"),
    )
    q = text_filter("Name")

    class Meta:
        model = Person
        fields = ["country", "q"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))


class WeaponSystemFilterSet(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=SystemCategory.choices)
    maker_country = CountryCodeFilter(
        field_name="maker_country", to_field_name="code",
        queryset=lambda request: Country.objects.filter(weapon_systems__isnull=False).distinct().order_by("name"),
    )
    q = text_filter("Name or alias")

    class Meta:
        model = WeaponSystem
        fields = ["category", "maker_country", "q"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(aliases__name__icontains=value)).distinct()


class SourceFilterSet(YearSpanFilterSet):
    q = text_filter("Title or text")

    class Meta:
        model = Source
        fields = ["year_from", "year_to", "q"]
        form = YearSpanForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))


class CitationFilterSet(django_filters.FilterSet):
    source = django_filters.ModelChoiceFilter(to_field_name="slug", queryset=Source.objects.all())
    q = text_filter("Excerpt")

    class Meta:
        model = Citation
        fields = ["source", "q"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(excerpt__icontains=value)
