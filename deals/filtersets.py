"""Filters for every list, defined once: the HTML pages and the API both use these classes,
so a page and its API can never disagree about what a parameter means."""
import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Lower

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
from .templatetags.browsing import deal_label

MIN_YEAR, MAX_YEAR = 1900, 2100
SEVERAL_HINT = "Hold Ctrl (⌘ on a Mac) to choose several."


class FilterForm(forms.Form):
    """The form behind every FilterSet. A parameter that takes one value and is given twice
    (`system=bogus&system=s-400`) is an error naming it: read silently as its last value, it
    would filter by one value while the page or the client believes both apply."""

    def clean(self):
        cleaned = super().clean()
        getlist = getattr(self.data, "getlist", None)
        if getlist is None:
            return cleaned
        for name, field in self.fields.items():
            if not getattr(field.widget, "allow_multiple_selected", False) and len(getlist(self.add_prefix(name))) > 1:
                self.errors.pop(name, None)  # what is wrong with its last value is beside the point
                self.add_error(name, ValidationError(f"Give {name} only once; it takes a single value.", code="repeated"))
        return cleaned


class CountedLabels:
    """Labels each record offered as a choice with how many rows of the list it has
    (`row_count`, annotated by the filter's queryset), as "Turkey (7)"."""

    def label_from_instance(self, obj):
        name = self.name_of(obj)
        count = getattr(obj, "row_count", None)
        return f"{name} ({count})" if count is not None else name

    def name_of(self, obj):
        return str(obj)


class RecordField(CountedLabels, django_filters.fields.ModelChoiceField):
    """One record by its key."""


class DealField(RecordField):
    def name_of(self, deal):
        return deal_label(deal)  # two deals for one system (Turkey's two S-400 batches) read differently


class RecordsField(CountedLabels, django_filters.fields.ModelMultipleChoiceField):
    """Several records by key (a repeatable parameter). An empty value is no value: a form
    sends one for a field left empty, and `recipient=` then means any recipient."""

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            value = [item for item in value if item != ""]
        return super().clean(value)


class CountryCodeField(RecordsField):
    """Countries by ISO code (case-insensitive)."""

    def clean(self, value):
        return super().clean([code.upper() for code in value] if isinstance(value, (list, tuple)) else value)

    def prepare_value(self, value):
        # So that `recipient=tr` shows Turkey as chosen in the form.
        if isinstance(value, (list, tuple)):
            value = [code.upper() if isinstance(code, str) else code for code in value]
        return super().prepare_value(value)


class RecordFilter(django_filters.ModelChoiceFilter):
    field_class = RecordField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "Any")
        super().__init__(*args, **kwargs)


class DealFilter(RecordFilter):
    field_class = DealField


class RecordsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = RecordsField


class CountryCodeFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = CountryCodeField


class Vocabulary:
    """A choice among fixed words (`status`, `kind`...): any case is accepted (`Signed` is
    `signed`), an empty value is no value, and a wrong value is answered with the words
    that would do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        words = ", ".join(self.keys().values())
        self.error_messages["invalid_choice"] = f"“%(value)s” is not one of the values it takes: {words}."

    def keys(self):
        return {str(key).lower(): str(key) for key, _ in self.choices if key not in ("", None)}

    def to_python(self, value):
        return self.in_vocabulary(super().to_python(value))

    def prepare_value(self, value):
        # So that `status=Signed` shows "Signed" as chosen in the form.
        return self.in_vocabulary(super().prepare_value(value))

    def in_vocabulary(self, value):
        """The value(s) with each word as the vocabulary spells it, if it is one of its words."""
        keys = self.keys()
        if isinstance(value, (list, tuple)):
            return [keys.get(item.lower(), item) if isinstance(item, str) else item for item in value if item != ""]
        return keys.get(value.lower(), value) if isinstance(value, str) else value


class WordField(Vocabulary, django_filters.fields.ChoiceField):
    pass


class WordsField(Vocabulary, django_filters.fields.MultipleChoiceField):
    pass


class WordFilter(django_filters.ChoiceFilter):
    field_class = WordField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", "Any")
        super().__init__(*args, **kwargs)


class WordsFilter(django_filters.MultipleChoiceFilter):
    """Several words of a short vocabulary, offered as checkboxes: all visible at once, and
    choosing several needs no Ctrl-click."""

    field_class = WordsField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)


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
    return linked_on_timeline(Country, "country").order_by("name")


class SubqueryCount(Subquery):
    """How many rows a subquery returns, as a number (its rows need not be grouped)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def countries_in_statements():
    """Countries some statement concerns, directly or through the deals it is about, with how
    many statements each (what `country=` selects on /statements/)."""
    concerning = Q(countries=OuterRef("pk")) | Q(deals__supplier=OuterRef("pk")) | Q(deals__recipient=OuterRef("pk"))
    statements = Statement.objects.filter(concerning).order_by().values("pk").distinct()
    return Country.objects.annotate(row_count=SubqueryCount(statements)).filter(row_count__gt=0).order_by("name")


# Deals offered as choices read "RU → TR: four divisions of S-400…": sorted as they read.
DEAL_CHOICE_ORDER = ("supplier_id", "recipient_id", Lower("subject"))


def systems_in_deals():
    return WeaponSystem.objects.annotate(row_count=Count("deals")).filter(row_count__gt=0).order_by("name")


def deals_in_statements():
    return (
        Deal.objects.select_related("system")
        .annotate(row_count=Count("statements"))
        .filter(row_count__gt=0)
        .order_by(*DEAL_CHOICE_ORDER)
    )


def people_in_statements():
    return Person.objects.annotate(row_count=Count("statements")).filter(row_count__gt=0).order_by("name")


def linked_on_timeline(model, link_field):
    """Records of `model` some timeline item concerns (through TimelineLink.`link_field`), with
    how many items each."""
    items = (
        TimelineLink.objects.filter(**{link_field: OuterRef("pk")})
        .values(link_field)
        .annotate(n=Count("item", distinct=True))
        .values("n")
    )
    return model.objects.annotate(row_count=Subquery(items)).filter(row_count__gt=0)


def systems_on_timeline():
    return linked_on_timeline(WeaponSystem, "system").order_by("name")


def deals_on_timeline():
    return linked_on_timeline(Deal, "deal").select_related("system").order_by(*DEAL_CHOICE_ORDER)


def overlapping(start: datetime.date | None, end: datetime.date | None, prefix: str = "") -> Q:
    """Rows whose date range can fall within [start, end]: an uncertain date counts if it may."""
    condition = Q()
    if start:
        condition &= Q(**{f"{prefix}date_latest__gte": start})
    if end:
        condition &= Q(**{f"{prefix}date_earliest__lte": end})
    return condition


class YearSpanForm(FilterForm):
    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_to < year_from:
            self.add_error("year_to", f"The span ends ({year_to}) before it starts ({year_from}).")
        return cleaned


class YearFilter(django_filters.NumberFilter):
    """A year: a whole number (2019.5 is no year, so it is an error rather than 2019)."""

    field_class = forms.IntegerField


def year_filter(label):
    return YearFilter(
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

    def filter_year_span(self, queryset, name, value: int):  # the hint types it in the OpenAPI schema
        return queryset  # applied together in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        year_from = self.form.cleaned_data.get("year_from")
        year_to = self.form.cleaned_data.get("year_to")
        if year_from is None and year_to is None:
            return queryset
        start = datetime.date(year_from, 1, 1) if year_from is not None else None
        end = datetime.date(year_to, 12, 31) if year_to is not None else None
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
        field_name="supplier", to_field_name="code", queryset=lambda request: countries_in_deals("supplier"),
        help_text=SEVERAL_HINT,
    )
    recipient = CountryCodeFilter(
        field_name="recipient", to_field_name="code", queryset=lambda request: countries_in_deals("recipient"),
        help_text=SEVERAL_HINT,
    )
    system = RecordFilter(field_name="system", to_field_name="slug", queryset=lambda request: systems_in_deals())
    status = WordsFilter(choices=DealStatus.choices)
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
    speaker = RecordsFilter(
        label="Speaker",
        # The predicate compares the chosen people's slugs, so it must name the slug column.
        field_name="speaker__slug",
        to_field_name="slug",
        queryset=lambda request: people_in_statements(),
        help_text=SEVERAL_HINT,
    )
    country = CountryCodeFilter(
        label="Country", method="filter_country", to_field_name="code", queryset=lambda request: countries_in_statements(),
        help_text=SEVERAL_HINT,
    )
    deal = DealFilter(label="Deal", field_name="deals", to_field_name="slug", queryset=lambda request: deals_in_statements())
    mode = WordFilter(choices=StatementMode.choices)
    stance = WordFilter(choices=Stance.choices)
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
        label="Country", method="filter_links", to_field_name="code", queryset=lambda request: countries_on_timeline(),
        help_text=SEVERAL_HINT,
    )
    system = RecordFilter(
        label="System", method="filter_links", to_field_name="slug", queryset=lambda request: systems_on_timeline()
    )
    deal = DealFilter(label="Deal", method="filter_links", to_field_name="slug", queryset=lambda request: deals_on_timeline())
    kind = WordsFilter(choices=TimelineKind.choices)

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
    region = WordFilter(choices=Country._meta.get_field("region").choices)
    q = text_filter("Name or alias")

    class Meta:
        model = Country
        fields = ["region", "q"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value) | Q(aliases__name__icontains=value)).distinct()


class PersonFilterSet(django_filters.FilterSet):
    country = CountryCodeFilter(
        field_name="country", to_field_name="code",
        queryset=lambda request: Country.objects.filter(people__isnull=False).distinct().order_by("name"),
        help_text=SEVERAL_HINT,
    )
    q = text_filter("Name")

    class Meta:
        model = Person
        fields = ["country", "q"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))


class WeaponSystemFilterSet(django_filters.FilterSet):
    category = WordFilter(choices=SystemCategory.choices)
    maker_country = CountryCodeFilter(
        field_name="maker_country", to_field_name="code",
        queryset=lambda request: Country.objects.filter(weapon_systems__isnull=False).distinct().order_by("name"),
        help_text=SEVERAL_HINT,
    )
    q = text_filter("Name or alias")

    class Meta:
        model = WeaponSystem
        fields = ["category", "maker_country", "q"]
        form = FilterForm

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
    source = RecordFilter(to_field_name="slug", queryset=Source.objects.all())
    q = text_filter("Excerpt")

    class Meta:
        model = Citation
        fields = ["source", "q"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(excerpt__icontains=value)
