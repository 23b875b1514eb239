"""The generic filter machinery every FilterSet of the site is built from: the form that
refuses a single-valued parameter given twice, choices of records labelled with their row
counts, case-insensitive vocabularies, country codes in any case, yes/no, years and year
spans, free text, and sorting with empty values last."""
import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q

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
