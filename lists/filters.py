"""The generic filter machinery every FilterSet of the site is built from: the form that
refuses a single-valued parameter given twice, type-ahead fields for records whose number
grows with the data (people, deals, systems, sources), countries labelled with their row
counts from one grouped query, case-insensitive vocabularies, country codes in any case,
yes/no, years and year spans, free text, and sorting with empty values last."""
import calendar
import datetime
import json
import logging
import re

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db.models import BooleanField, F, Func, Q, QuerySet, Subquery
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from lists.markup import quick_html
from lists.spelling import spellings, substring_spellings

logger = logging.getLogger(__name__)

MIN_YEAR, MAX_YEAR = 1900, 2100
# How long counted choices stay in the cache; a new knowledge-base version is a new key, so
# this only bounds how long an unused version's counts take memory.
CHOICE_COUNTS_SECONDS = 3600
# Said under a list of checkboxes of countries (`FacetCheckboxes`): no Ctrl-click needed.
SEVERAL_HINT = "Tick as many as you like."


FIELD_TEMPLATE = "django/forms/field.html"
LABEL_TEMPLATE = "django/forms/label.html"
INPUT_WIDGETS = (forms.TextInput, forms.NumberInput)


def attributes_html(attrs):
    """A tag's attributes as Django's `django/forms/attrs.html` writes them (in their order;
    True as a bare name, False left out)."""
    return mark_safe("".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items() if value is not False
    ))


class QuickBoundField(forms.BoundField):
    """A filter field whose group (label, help text, widget) is written here, as Django's
    `django/forms/field.html` and `label.html` write it, rather than by three templates:
    a list page shows nine filters. Text and number inputs are written here too; a field
    with errors (a page answered 400), a hidden one or one with templates of its own is
    left to Django's templates."""

    def quick(self):
        return (
            self.field.template_name is None
            and self.form.renderer.field_template_name == FIELD_TEMPLATE
            and self.form.template_name_label == LABEL_TEMPLATE
            and not hasattr(self.form, "required_css_class")
            and not self.field.show_hidden_initial
            and not self.is_hidden
            and not self.errors
        )

    def as_field_group(self):
        if not self.quick():
            return super().as_field_group()
        fieldset = self.field.widget.use_fieldset
        label = self.quick_label("legend" if fieldset else None) if self.label else ""
        if fieldset:
            described = self.aria_describedby
            opening = format_html('\n  <fieldset{}>\n  {}\n', format_html(' aria-describedby="{}"', described) if described else "", label)
        else:
            opening = format_html("\n  {}\n", label)
        helptext = ""
        if self.help_text:
            helptext = format_html(
                '<div class="helptext"{}>{}</div>',
                format_html(' id="{}_helptext"', self.auto_id) if self.auto_id else "", mark_safe(str(self.help_text)),
            )
        closing = mark_safe("</fieldset>") if fieldset else ""
        return mark_safe(format_html("{}\n{}\n\n{}{}", opening, helptext, self.quick_widget(), closing).strip())

    def quick_label(self, tag=None):
        """What `label_tag()` (or, with tag "legend", `legend_tag()`) answers."""
        contents = self.label
        suffix = self.field.label_suffix if self.field.label_suffix is not None else self.form.label_suffix
        if suffix and contents and contents[-1] not in ":?.!":
            contents = format_html("{}{}", contents, suffix)
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        if not id_:
            return conditional_escape(contents)
        attrs = {}
        id_for_label = widget.id_for_label(id_)
        if id_for_label and tag != "legend":
            attrs["for"] = id_for_label
        return format_html("<{}{}>{}</{}>", tag or "label", attributes_html(attrs), contents, tag or "label")

    def quick_widget(self):
        """The widget, as `str(field)` writes it; a text or number input without its template."""
        widget = self.field.widget
        if type(widget) not in INPUT_WIDGETS:
            return self.as_widget()
        if self.field.localize:
            widget.is_localized = True
        attrs = self.build_widget_attrs({})
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        context = widget.get_context(self.html_name, self.value(), attrs)["widget"]
        value = context["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            context["type"], context["name"], format_html(' value="{}"', str(value)) if value is not None else "",
            attributes_html(context["attrs"]),
        )


class FilterForm(forms.Form):
    """The form behind every FilterSet. A parameter that takes one value and is given twice
    (`system=bogus&system=s-400`) is an error naming it: read silently as its last value, it
    would filter by one value while the page or the client believes both apply."""

    bound_field_class = QuickBoundField

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


def chosen_values(form):
    """{name: cleaned value} for each filter of a cleaned form that was given a value (the
    sort included), or None when the form has not been cleaned. False is a value
    (`disputed=false` selects the undisputed rows); None, "" and no record or word chosen
    (an empty list or queryset) are none, so a list is unfiltered only when nothing here is."""
    cleaned = getattr(form, "cleaned_data", None)
    if cleaned is None:
        return None
    return {
        name: value for name, value in cleaned.items()
        if (bool(value) if isinstance(value, (str, list, tuple, QuerySet)) else value is not None)
    }


class RecordsField(django_filters.fields.ModelMultipleChoiceField):
    """Several records by key (a repeatable parameter). An empty value is no value: a form
    sends one for a field left empty, and `recipient=` then means any recipient."""

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            value = [item for item in value if item != ""]
        return super().clean(value)


class QuickSelect(forms.Select):
    """A <select> whose options are written here rather than by a template each: a list of
    ~250 countries would otherwise cost a template render per option, on every list page.
    Options only (no groups), as the filters offer them."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = {str(item) for item in self.format_value(value)}
        options = mark_safe("\n".join(
            quick_html('  <option value="{}"{}>{}</option>', key, mark_safe(" selected") if str(key) in chosen else "", label)
            for key, label in self.offered()
        ))
        return format_html('<select name="{}"{}>\n{}\n</select>', name, flatatt(attrs), options)

    def offered(self):
        """The (key, label) options written."""
        return self.choices


class QuickSelectMultiple(QuickSelect):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return False  # as SelectMultiple: an unselected <select multiple> sends nothing


class CountryCodeField(RecordsField):
    """Countries by ISO code (case-insensitive), offered as checkboxes."""

    widget = None  # FacetCheckboxes, set below its definition

    def clean(self, value):
        return super().clean([code.upper() for code in value] if isinstance(value, (list, tuple)) else value)

    def prepare_value(self, value):
        # So that `recipient=tr` shows Turkey as chosen in the form.
        if isinstance(value, (list, tuple)):
            value = [code.upper() if isinstance(code, str) else code for code in value]
        return super().prepare_value(value)


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


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes written here rather than by two templates for each box, with the markup
    Django's templates give them: a <div> holding one <div><label><input> Word</label></div>
    per choice."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        field_id = attrs.pop("id", None) or f"id_{name}"
        chosen = {str(item) for item in self.format_value(value)}
        boxes = format_html_join(
            "", '<div><label for="{}_{}"><input type="checkbox" name="{}" value="{}" id="{}_{}"{}> {}</label></div>',
            (
                (field_id, index, name, key, field_id, index, " checked" if str(key) in chosen else "", label)
                for index, (key, label) in enumerate(self.choices)
            ),
        )
        return format_html('<div id="{}">{}</div>', field_id, boxes)


class FacetLabel(str):
    """A counted choice's label ("Turkey (7)"), which also keeps its name, its count, the
    words said after the count ("S-400 deals") and its other names (`aliases`: "Ankara",
    "Türkiye"), so a list of checkboxes can show them apart and be narrowed by any name."""

    def __new__(cls, name, count, words=(), aliases=()):
        label = super().__new__(cls, f"{name} ({count}{words[count != 1] if words else ''})")
        label.name, label.count, label.words, label.aliases = name, count, words, tuple(aliases)
        return label


class FacetCheckboxes(forms.CheckboxSelectMultiple):
    """A facet: one checkbox per choice, each with how many rows of the list it would select
    under the other filters when the list page has counted them (`counts`, {key: rows}, set
    by `lists.views.FilteredListView` from `lists.registry.Listing.facet_counts`), else
    with the count its label carries, if any. With `hide_empty`, a choice that would select
    nothing is left out unless it is chosen (countries: only those that can be found). Each
    box's id is made of the field's and the choice's key, so it stays the same when the
    choices around it come and go (the script keeps focus on it across an update). Written
    here rather than by two templates per box: a list of countries has up to ~250."""

    def __init__(self, attrs=None, choices=(), *, hide_empty=False):
        super().__init__(attrs, choices)
        self.hide_empty = hide_empty
        self.counts = None

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        field_id = attrs.pop("id", None) or f"id_{name}"
        chosen = {str(item) for item in self.format_value(value)}
        rows = []
        for key, label in self.choices:
            key = "" if key is None else str(key)
            if key == "":
                continue
            counted = isinstance(label, FacetLabel)  # a plain label (a str) has a `count` method
            count = label.count if counted else None
            if self.counts is not None:
                count = self.counts.get(key, 0)
            if self.hide_empty and count == 0 and key not in chosen:
                continue
            words = label.words if counted else ()
            shown = "" if count is None else f"({count}{words[count != 1] if words else ''})"
            box_id = facet_box_id(field_id, key)
            # Its other names, for the script's narrowing box ("Ankara" keeps Turkey), one per line.
            aliases = label.aliases if counted else ()
            named = quick_html(' data-aliases="{}"', "\n".join(aliases)) if aliases else ""
            rows.append(quick_html(
                '<li{}><label for="{}"><input type="checkbox" name="{}" value="{}" id="{}"{}> {} <span class="count">{}</span></label></li>',
                named, box_id, name, key, box_id, mark_safe(" checked") if key in chosen else "",
                label.name if counted else label, shown,
            ))
        boxes = mark_safe("".join(rows))
        empty = format_html('<p class="facet-empty">{}</p>', "None to choose under these filters.") if not rows else ""
        # A list of records (countries) may be long: the script gives it a box to narrow it.
        narrow = mark_safe(" data-narrow") if self.hide_empty else ""
        return format_html(
            '<div class="facet" id="{}" data-facet{}><ul class="facet-choices">{}</ul>{}</div>', field_id, narrow, boxes, empty
        )

    def id_for_label(self, id_, index=None):
        return ""  # the group is named by its legend; each box by its own label


FACET_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def facet_box_id(field_id, key):
    """A choice's box's id, made of the field's and the choice's key (see FacetCheckboxes)."""
    return f"{field_id}_{FACET_ID_UNSAFE.sub('-', str(key))}"


class FacetRadios(forms.RadioSelect):
    """A facet of a filter taking one word of a short vocabulary (a statement's `stance`):
    a radio button per word, "Any" first, each word with how many rows it would select under
    the other filters (`counts`, {key: rows}, set as FacetCheckboxes' are), so the choices
    show their counts as the checkboxes do while the parameter still takes a single value.
    A group of radio buttons is one stop for Tab (the arrow keys move within it)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices)
        self.counts = None

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        field_id = attrs.pop("id", None) or f"id_{name}"
        chosen = {str(item) for item in self.format_value(value) if item is not None}
        chosen = chosen or {""}
        rows = []
        for key, label in self.choices:
            key = "" if key is None else str(key)
            shown = ""
            if key and self.counts is not None:
                shown = f"({self.counts.get(key, 0)})"
            box_id = facet_box_id(field_id, key or "any")
            rows.append((box_id, name, key, box_id, " checked" if key in chosen else "", label, shown))
        boxes = format_html_join(
            "", '<li><label for="{}"><input type="radio" name="{}" value="{}" id="{}"{}> {} <span class="count">{}</span></label></li>',
            rows,
        )
        return format_html('<div class="facet" id="{}" data-facet><ul class="facet-choices">{}</ul></div>', field_id, boxes)

    def id_for_label(self, id_, index=None):
        return ""  # the group is named by its legend; each button by its own label
CountryCodeField.widget = FacetCheckboxes


class WordsFilter(django_filters.MultipleChoiceFilter):
    """Several words of a short vocabulary, offered as checkboxes: all visible at once, and
    choosing several needs no Ctrl-click."""

    field_class = WordsField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FacetCheckboxes)
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


class DayInput(forms.DateInput):
    input_type = "date"  # a date picker, which sends the day as YYYY-MM-DD


DAY_WRITTEN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def impossible_day(value: str) -> str:
    """What is wrong with `value` when it is written YYYY-MM-DD but names no day of the
    calendar ("2019-02-30": February 2019 has 28 days), else "": such a value is written as
    asked, so "give a day as YYYY-MM-DD" would send its reader looking for the wrong mistake.
    Worded as the editors' date field words it (`deals.approximate_dates`)."""
    match = DAY_WRITTEN.fullmatch(value)
    if not match:
        return ""
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"“{value}” is not a real date: there is no month {month}."
    try:
        datetime.date(year, month, day)
    except ValueError:
        if year < 1:  # year 0000, which no calendar here holds
            return f"Give a day between {MIN_YEAR} and {MAX_YEAR}."
        length = calendar.monthrange(year, month)[1]
        return f"“{value}” is not a real date: {calendar.month_name[month]} {year} has {length} days."
    return ""


class DayField(forms.DateField):
    """A day written YYYY-MM-DD, the one form the date picker and the API use (a day written
    "12/31/2018" reads differently in each country, so it is an error, not a guess)."""

    widget = DayInput
    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": "Give a day as YYYY-MM-DD, e.g. 2018-12-31."}

    def to_python(self, value):
        if isinstance(value, str):
            impossible = impossible_day(value.strip())
            if impossible:
                raise ValidationError(impossible, code="no_such_day")
        day = super().to_python(value)
        if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ValidationError(f"Give a day between {MIN_YEAR} and {MAX_YEAR}.", code="out_of_range")
        return day


class DayFilter(django_filters.DateFilter):
    field_class = DayField


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


class YesNoSelect(QuickSelect):
    """Any / yes / no; hands the raw value to its field, so a value it does not know is an error."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", "Any"), ("true", "Yes"), ("false", "No")])
        self.counts = None

    def render(self, name, value, attrs=None, renderer=None):
        """The choices with how many rows each would select under the other filters when the
        list page has counted them (`counts`, {"true"/"false": rows}): "Yes (3)"."""
        return super().render(name, value, attrs, renderer)

    def offered(self):
        if self.counts is None:
            return self.choices
        return [(key, f"{label} ({self.counts.get(key, 0)})" if key else label) for key, label in self.choices]

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


class AliasedOrderingField(django_filters.fields.BaseCSVField):
    """An ordering field that also reads older names of its values (`aliases`, {old: new}),
    each as the new one (a leading `-` kept), so links made before a sort was renamed still
    work; the choices offered are the new names alone."""

    def __init__(self, *args, aliases=None, **kwargs):
        self.aliases = aliases or {}
        super().__init__(*args, **kwargs)

    def clean(self, value):
        if value and self.aliases:
            value = [self.aliased(item) for item in value]
        return super().clean(value)

    def aliased(self, item):
        if not isinstance(item, str):
            return item
        descending = item.startswith("-")
        name = self.aliases.get(item.removeprefix("-"), item.removeprefix("-"))
        return f"-{name}" if descending else name


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorts rows without a value (no contract, no dated milestone) last in both directions,
    on SQLite and PostgreSQL alike; ties keep the list's usual order, then primary key, so
    pages are stable. `aliases` ({old name: name}) are read as the names they stand for."""

    base_field_class = AliasedOrderingField

    def __init__(self, *args, aliases=None, **kwargs):
        kwargs.setdefault("widget", QuickSelect)
        if aliases:
            kwargs["aliases"] = dict(aliases)  # handed to the field (`AliasedOrderingField`)
        super().__init__(*args, **kwargs)

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


def contains_any(field, term):
    """A Q for rows whose `field` holds `term` (any case) in any of its British and American
    spellings ("air defence" or "air defense"; lists.spelling): every list's free-text `q`
    finds what the site search finds. One condition per spelling, in the same query."""
    condition = Q()
    for spelling in substring_spellings(term):
        condition |= Q(**{f"{field}__icontains": spelling})
    return condition


def named_any(field, text):
    """A Q for rows whose `field` is `text` (any case) in any of its spellings ("S300" is
    "S-300"): `contains_any`'s whole-name counterpart, for a name typed into a type-ahead."""
    condition = Q()
    for spelling in spellings(text):
        condition |= Q(**{f"{field}__iexact": spelling})
    return condition


# How many related records a free-text filter names by their keys written out (see `among`).
KEYS_WRITTEN_OUT = 500


def among(records, *keys):
    """A Q for rows whose foreign key (any of `keys`) is the key of one of `records` (a
    queryset of the related model): a free-text filter finds the deals whose system, or the
    statements whose speaker, holds the term this way, rather than by joining that table and
    comparing its column, which, in an OR with the row's own columns, makes PostgreSQL read
    every row.

    The related records are looked up first (one query, through their own indexes) and their
    keys written into the condition: PostgreSQL then knows how few rows they name and reads
    them, with the row's own matches, from the indexes (the trigram indexes of
    deals/migrations/0016_text_filter_trigram_indexes.py), where an estimate for keys not
    yet known would have it walk the whole list in its order to fill a page. Past
    KEYS_WRITTEN_OUT records the term is a common one: the condition is then a subquery
    (`Among`), and a page of its many rows is found quickly in the list's order."""
    found = list(records.order_by().values_list("pk", flat=True)[: KEYS_WRITTEN_OUT + 1])
    condition = Q()
    for key in keys:
        condition |= Q(**{f"{key}__in": found}) if len(found) <= KEYS_WRITTEN_OUT else Q(Among(key, records))
    return condition


# How many rows holding a term are read by key and sorted (see `holding`); past it, a page
# walks the list's order (`InOrder`).
MATCHES_SORTED = 5000
# What `holding` keeps of a term per knowledge-base version: the matching rows' keys (up to
# MATCHES_SORTED of them), or COMMON for a term held by more rows.
COMMON = "common"


def holding(rows, condition, *, cache_key=None):
    """`rows` narrowed by a free-text `condition` (substrings, answered on PostgreSQL from the
    trigram indexes; a Q, or a function returning one, called only when it is needed).
    PostgreSQL cannot tell how many rows a substring matches, so it cannot choose between
    reading the matches and sorting them, and walking the list's order until a page is full:
    for a rare term the walk passes every row (5.8 s for the 8 statements among a million
    that hold "Ankara"); for a common one, sorting reads all its matches (720 ms for the
    80,000 that hold "negotiations"). So the matching rows' keys are looked up first,
    without the list's order (from the indexes, at most MATCHES_SORTED + 1), and the reading
    chosen by how many there are:
    - up to MATCHES_SORTED, the keys are the condition (`AmongKeys`): PostgreSQL, which then
      knows how many rows they are, reads them by key and sorts them, or, when they are
      many, walks the list's order testing each row's key, whichever costs less (a cost
      bounded by their number, 0.2 s for 4,169 statements holding "2024" at scale 10, all
      dated at the list's far end, which a walk of the order took 3.3 s to reach); the
      term's condition is not tested again (its trigram matches rechecked: 20 ms for the
      3,300 deals whose summary holds "negotiating" at scale 1);
    - past it, the term is a common one: a page of its many rows lies close together in the
      list's order, and `InOrder` has it read so.

    With `cache_key` (it names the knowledge base's version, the list and every filter
    chosen, the term included: `lists.registry.Listing.filter` sets it), what the lookup found
    is kept in the cache: the keys, or that the term is common. Asked again, the list reads
    its rows without that lookup (which reads every match of the term's trigrams: 250 ms for
    "Ankara" over the sources' long texts at scale 10, and the same few terms are asked for
    again and again), and a term that is not common without looking up the records of other
    tables that `condition` names (`among`) either. Every write moves the version, so what
    is kept is never stale."""
    built = []

    def matching():
        if not built:
            built.append(condition() if callable(condition) else condition)
        return built[0]

    def look_up():
        found = list(rows.filter(matching()).order_by().values_list("pk", flat=True)[: MATCHES_SORTED + 1])
        return COMMON if len(found) > MATCHES_SORTED else found

    found = cached_rows(cache_key, look_up)
    if found == COMMON:
        return rows.filter(InOrder(matching()))
    return rows.filter(AmongKeys(found))


class AmongKeys(Func):
    """True for the rows whose primary key is one of `keys` (a list): on PostgreSQL
    `pk = ANY('{1,2,…}'::bigint[])`, the keys in one literal, which it reads in a fraction of
    the time thousands of literals written out (`pk IN (1, 2, …)`) cost it to plan (12 ms
    against 45 for 3,300 keys); on SQLite the keys as one JSON parameter (`json_each`), so
    that no number of them meets its limit on parameters; elsewhere `pk IN (…)`."""

    output_field = BooleanField()

    def __init__(self, keys):
        super().__init__(F("pk"))
        self.keys = [int(key) for key in keys]

    def as_sql(self, compiler, connection, **extra_context):
        if not self.keys:
            raise EmptyResultSet
        pk_sql, pk_params = compiler.compile(self.get_source_expressions()[0])
        if connection.vendor == "postgresql":
            field = compiler.query.model._meta.pk
            array = "{" + ",".join(map(str, self.keys)) + "}"
            return f"{pk_sql} = ANY(%s::{field.rel_db_type(connection)}[])", (*pk_params, array)
        if connection.vendor == "sqlite":  # one parameter, whatever the number of keys
            return f"{pk_sql} IN (SELECT value FROM json_each(%s))", (*pk_params, json.dumps(self.keys))
        return f"{pk_sql} IN ({', '.join(['%s'] * len(self.keys))})", (*pk_params, *self.keys)


class InOrder(Func):
    """A common term's free-text condition, which a page (a query with a LIMIT) reads along
    the list's order, stopping once it holds its rows. PostgreSQL still believes a
    substring rare: it would read every match from the trigram indexes, then join and sort
    them all for a page of 50 (80,000 statements hold "negotiations" at scale 10: 720 ms).
    Wrapped in `COALESCE(condition, false)`, the same rows in a WHERE, the condition is one
    no index answers and whose share of the rows PostgreSQL takes to be a half: it walks
    the order's index and tests each row (2 ms at scale 1, against 115). A query without a
    LIMIT (the list's count, a download) reads every match anyway and gets the condition
    as given, from the indexes. The walk's cost is the number of rows it passes per page:
    small for a term spread over the list, up to the whole list for one whose matches all
    lie at its far end."""

    output_field = BooleanField()

    def __init__(self, condition):
        super().__init__(condition)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        if connection.vendor == "postgresql" and compiler.query.high_mark is not None:
            return f"COALESCE(({sql}), false)", params
        return f"({sql})", params


class Among(Func):
    """True for rows whose foreign key `key` is the key of one of `records`: on PostgreSQL
    `key = ANY(ARRAY(subquery))`, which it answers from the key's index (the subquery runs
    once), beside the other conditions of an OR; elsewhere `key IN (subquery)`."""

    output_field = BooleanField()

    def __init__(self, key, records):
        super().__init__(F(key), Subquery(records.order_by().values("pk")))

    def as_sql(self, compiler, connection, **extra_context):
        key, records = (compiler.compile(expression) for expression in self.get_source_expressions())
        test = "= ANY(ARRAY{})" if connection.vendor == "postgresql" else "IN {}"
        return f"{key[0]} {test.format(records[0])}", (*key[1], *records[1])


# --- choices that grow with the data: type-ahead fields ------------------------------------
# A list of thousands of people or deals is no <select>: such a filter is a text field that
# takes a record's key (its slug) or its name, suggests at most SUGGESTIONS records for what
# is typed (`lists.views.suggestions`, read by static/lists/type_ahead.js), and shows the
# chosen records by name, fetched alone. Where the list page counts them (`Leading`), the
# chosen records and the few leading under the other filters show their counts.

SUGGESTIONS = 20
# No slug or name is longer (slugs hold 100 characters, names 200, a deal's label a little more).
MAX_NAME_LENGTH = 300
TYPE_AHEAD_HINT = "Type a name or part of it; pick one of the suggestions."


class TypeAheadInput(forms.Widget):
    """A text field tied to a <datalist> that the script fills with suggestions from the
    address in `attrs["data-suggest"]` (set by the list page). Without the script it is a
    plain text field for a key or a name. `labels` ({raw value: (key, name)}) is set by the field
    when it resolves the values, so the chosen records are shown by name at no extra query.

    With `multiple`, each chosen value is a ticked checkbox of the same name (untick it to
    drop it) and the text field adds one more. When the list page has counted the filter's
    facet (`counts`, [(key, name, rows)] from `lists.registry.Leading`), each chosen record
    says its rows under the other filters, and the leading records not chosen follow the
    text field as unticked boxes under `leading` (their heading), each with its count: a few
    boxes, never one per record."""

    def __init__(self, attrs=None, *, multiple=False, leading=""):
        super().__init__(attrs)
        self.allow_multiple_selected = multiple
        self.labels = {}
        self.leading = leading
        self.counts = None
        self.link = None

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected and hasattr(data, "getlist"):
            return data.getlist(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        attrs.pop("required", None)  # every filter may be left empty
        field_id = attrs.get("id") or f"id_{name}"
        attrs.update({"type": "text", "name": name, "list": f"{field_id}-suggestions", "autocomplete": "off",
                      "spellcheck": "false"})
        values = [v for v in (value if isinstance(value, (list, tuple)) else [value]) if v not in (None, "")]
        values = [str(v) for v in values]
        chosen = leading = ""
        if self.allow_multiple_selected:
            picked = [self.labels.get(v, (v, v)) for v in values]
            counted = {key: rows for key, _, rows in self.counts or ()}

            def count(key):
                return "" if self.counts is None else format_html(' <span class="count">({})</span>', counted.get(key, 0))

            chosen = format_html_join(
                "", '<li><label><input type="checkbox" name="{}" value="{}"{} checked> {}{}</label></li>',
                ((name, key, self.box_id(field_id, key), label, count(key)) for key, label in picked),
            )
            chosen = format_html('<ul class="chosen" aria-label="Chosen">{}</ul>', chosen) if values else ""
            keys = {key for key, _ in picked}
            leaders = [(key, label, rows) for key, label, rows in self.counts or () if key not in keys]
            if leaders and self.leading:
                boxes = format_html_join(
                    "", '<li><label><input type="checkbox" name="{}" value="{}"{}> {} <span class="count">({})</span></label></li>',
                    ((name, key, self.box_id(field_id, key), label, rows) for key, label, rows in leaders),
                )
                leading = format_html(
                    '<p class="leading-title" id="{}-leading">{}</p><ul class="chosen leading" aria-labelledby="{}-leading">{}</ul>',
                    field_id, self.leading, field_id, boxes,
                )
        else:
            counted = {key: rows for key, _, rows in self.counts or ()}
            key = None
            if values:
                key, label = self.labels.get(values[0], (values[0], None))
                attrs["value"] = key
                count = "" if self.counts is None else format_html(' <span class="count">({})</span>', counted.get(key, 0))
                if label and label != key:
                    chosen = format_html('<span class="chosen-name">{}{}</span>', label, count)
                elif count:
                    chosen = format_html('<span class="chosen-name">{}</span>', count)
            leading = self.leading_links(field_id, key)
        before, after = (chosen, leading) if self.allow_multiple_selected else ("", format_html("{}{}", chosen, leading))
        return format_html(
            '<div class="type-ahead">{}<input{}><datalist id="{}-suggestions"></datalist>{}</div>',
            before, flatatt(attrs), field_id, after,
        )

    def leading_links(self, field_id, chosen):
        """A single-valued filter's leading records not chosen (`counts`), each a link to the
        list with it chosen instead (`link`, set by the list page: a second box of the same
        name would send the parameter twice), with its count. Each has an id, as the boxes do,
        by which the script (which follows the link in place, static/lists/facets.js) puts
        focus back after an update."""
        leaders = [(key, label, rows) for key, label, rows in self.counts or () if key != chosen]
        if not leaders or not self.leading or self.link is None:
            return ""
        links = format_html_join(
            "", '<li><a href="{}" id="{}">{}</a> <span class="count">({})</span></li>',
            ((self.link(key), facet_box_id(field_id, key), label, rows) for key, label, rows in leaders),
        )
        return format_html(
            '<p class="leading-title" id="{}-leading">{}</p><ul class="chosen leading" aria-labelledby="{}-leading">{}</ul>',
            field_id, self.leading, field_id, links,
        )

    def box_id(self, field_id, key):
        """A counted box's id (` id="…"`), the same whether its record is chosen or leading, so
        focus stays on a box ticked from the leaders when the update lists it as chosen."""
        return format_html(' id="{}"', facet_box_id(field_id, key)) if self.counts is not None else ""

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.labels = {}  # each form's own
        copy.counts = None
        copy.link = None
        return copy


class TypeAhead:
    """What a type-ahead field adds to a model choice field: a value is found by the key
    (`to_field_name`) or else by name (`named(text)`, a Q), among `queryset` (the records the
    list can be filtered by); `suggest(term)` lists at most SUGGESTIONS of them matching the
    term (`matching(term)`, a Q) in `order`."""

    def __init__(self, *args, matching=None, named=None, order=(), noun="record", nouns="", labelled=str, **kwargs):
        self.matching, self.named, self.order, self.label_of = matching, named, order, labelled
        self.noun, self.nouns = noun, nouns or f"{noun}s"
        super().__init__(*args, **kwargs)
        self.widget.labels = {}

    def label_from_instance(self, obj):
        return self.label_of(obj)

    def key_of(self, obj):
        return str(getattr(obj, self.to_field_name or "pk"))

    def suggest(self, term: str) -> list[dict]:
        records = self.queryset
        if term:
            records = records.filter(self.matching(term))
        return [
            {"value": self.key_of(obj), "label": self.label_of(obj)}
            for obj in records.order_by(*self.order)[:SUGGESTIONS]
        ]

    def resolve(self, values: list[str]) -> list:
        """The records the raw `values` name, in their order: one query for those given by
        key, one more for each given by name. A value that names none, or several, is an
        error saying so."""
        key = self.to_field_name or "pk"
        if any(len(value) > MAX_NAME_LENGTH for value in values):
            raise ValidationError(f"No {self.noun} has a name or key of more than {MAX_NAME_LENGTH} characters.",
                                  code="invalid_choice")
        try:
            by_key = {self.key_of(obj).lower(): obj for obj in self.queryset.filter(**{f"{key}__in": values})}
        except (ValueError, TypeError, ValidationError):
            by_key = {}
        records, errors = [], []
        for value in values:
            record = by_key.get(value.lower())
            if record is None:
                found = list(self.queryset.filter(self.named(value)).order_by(*self.order)[:4]) if self.named else []
                if not found and self.matching:
                    # Typed, not picked (no suggestions without the script): a part of a name
                    # that only one record holds ("inter" for Interfax, "s400") is that record.
                    found = list(self.queryset.filter(self.matching(value)).order_by(*self.order)[:4])
                if len(found) == 1:
                    record = found[0]
                elif found:
                    keys = ", ".join(self.key_of(obj) for obj in found[:3]) + (", …" if len(found) > 3 else "")
                    errors.append(ValidationError(
                        f"Several {self.nouns} are named “{value}”: give the key of the one you mean ({keys}).",
                        code="ambiguous",
                    ))
                    continue
                else:
                    errors.append(ValidationError(
                        f"No {self.noun} to filter by is named “{value}” or has it as key.", code="invalid_choice"
                    ))
                    continue
            records.append(record)
            self.widget.labels[value] = (self.key_of(record), self.label_of(record))
        if errors:
            raise ValidationError(errors)
        return records


class TypeAheadField(TypeAhead, django_filters.fields.ModelChoiceField):
    """One record, by key or name."""

    widget = TypeAheadInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return self.resolve([str(value).strip()])[0]


class TypeAheadMultipleField(TypeAhead, django_filters.fields.ModelMultipleChoiceField):
    """Several records, by key or name (a repeatable parameter); empty values are no values."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", TypeAheadInput(multiple=True))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        values = [str(item).strip() for item in (value if isinstance(value, (list, tuple)) else [value])]
        values = [item for item in values if item]
        if not values:
            return []
        return self.resolve(values)


class TypeAheadFilter(django_filters.ModelChoiceFilter):
    field_class = TypeAheadField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", TYPE_AHEAD_HINT)
        super().__init__(*args, **kwargs)


class TypeAheadMultipleFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = TypeAheadMultipleField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", f"{TYPE_AHEAD_HINT} Choose again to add another.")
        super().__init__(*args, **kwargs)


# --- bounded choices (countries), counted by one grouped query ----------------------------


class CountedChoices(BaseChoiceIterator):
    """Choices from `field.counted()`: (key, name, count) rows that one grouped query returns
    for the whole set, read when the form is rendered (lazily: a form that is only validated,
    or a suggestion answered, counts nothing). The page sets the field's `cache_key` (it
    names the knowledge base's version): the rows are then counted once per version and
    kept in the cache, so a page's choices cost a cache read whatever the size of the data,
    and a save, which writes a new version, makes the next page count them afresh."""

    def __init__(self, field):
        self.field = field

    def __iter__(self):
        if getattr(self.field, "empty_label", None) is not None:
            yield ("", self.field.empty_label)
        words = self.field.count_words
        aliases = self.field.aliases_by_key()
        for key, name, count in self.field.counted_rows():
            yield (key, FacetLabel(name, count, words, aliases.get(key, ())))

    def __len__(self):
        return len(self.field.counted_rows())

    def __bool__(self):
        return True


class CountedCountriesField(CountryCodeField):
    """Countries by ISO code, offered with their row counts from `counted()` (one grouped
    query giving (code, name, count) for every country with rows), instead of one count per
    country; `queryset` only checks the chosen codes."""

    iterator = CountedChoices

    def __init__(self, *args, counted=None, aliases=None, **kwargs):
        # Only the countries some row of the list would match under the other filters are
        # offered (and those chosen): a list of ~250 checkboxes shrinks to what can be found.
        kwargs.setdefault("widget", FacetCheckboxes(hide_empty=True))
        self.counted = counted
        self._rows = None
        self.cache_key = None
        # (key, other name) rows for every record (`aliases`), so the narrowing box finds a
        # country by any of its names; kept per knowledge-base version under `aliases_key`
        # (set by the list page, shared by every list's country facets).
        self.aliases = aliases
        self.aliases_key = None
        self._aliases = None
        # Said after each count, (singular, plural), when the counts are of some rows only
        # ("Turkey (2 S-400 deals)"), and what else its cached counts depend on (its FilterSet
        # sets both).
        self.count_words = ()
        self.cache_variant = ""
        super().__init__(*args, **kwargs)

    def counted_rows(self):
        if self._rows is None:
            self._rows = cached_rows(self.cache_key, lambda: [tuple(row) for row in self.counted()])
        return self._rows

    def aliases_by_key(self) -> dict:
        """{key: (other names…)} of the records with other names; {} without `aliases`."""
        if self.aliases is None:
            return {}
        if self._aliases is None:
            rows = cached_rows(self.aliases_key, lambda: [tuple(row) for row in self.aliases()])
            self._aliases = {}
            for key, alias in rows:
                self._aliases.setdefault(key, []).append(alias)
        return self._aliases

    def _check_values(self, value):
        """The chosen countries, checked against those the list offers (its counted rows)
        when these are kept per knowledge-base version (the list set `cache_key`): a page
        whose choices are counted already looks nothing up. Each comes as a country holding
        what a filter and its label read (its code and name), in the order given. Without a
        key they are looked up in the database, as any records field's are."""
        if self.cache_key is None:
            return super()._check_values(value)
        offered = {code: name for code, name, _ in self.counted_rows()}
        chosen = list(dict.fromkeys(value))
        for code in chosen:
            if code not in offered:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": code}
                )
        model = self.queryset.model
        return [model(**{self.to_field_name: code, "name": offered[code]}) for code in chosen]

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy._rows = copy._aliases = None
        return copy


def cached_rows(key, compute):
    """compute() kept in the cache under `key` (none: computed each time). A cache that cannot
    be reached costs the computation, never the page."""
    if key is None:
        return compute()
    try:
        rows = cache.get(key)
    except Exception:  # each backend raises its own errors (redis.ConnectionError, OSError…)
        logger.warning("Cache unavailable; counting the choices afresh.", exc_info=True)
        return compute()
    if rows is None:
        rows = compute()
        try:
            cache.set(key, rows, CHOICE_COUNTS_SECONDS)
        except Exception:
            logger.warning("Cache unavailable; the counted choices are not kept.", exc_info=True)
    return rows


class CountedCountriesFilter(CountryCodeFilter):
    field_class = CountedCountriesField
