"""How the shared FilterSets appear in the OpenAPI schema.

drf-spectacular's django-filter extension types most filters; this one makes the rest
exact: a reference to records (countries by ISO code, others by slug) lists the values
the filter accepts right now (its queryset, read when the schema is generated) and is an
array when repeatable (`style=form, explode=true`); years and text get their bounds. Every
filter treats an empty value as absent (HTML forms send empty fields), which
`allowEmptyValue` says.

Each parameter is described for a client, from `DESCRIPTIONS`: what rows it selects and,
for text, which fields it searches. The FilterSets' labels and help texts are written for
the HTML forms ("From year", "Hold Ctrl to choose several"), so they are not used here.
"""
from django_filters import filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_array_type, build_parameter_type
from drf_spectacular.utils import OpenApiParameter

from lists.filters import CountryCodeFilter

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
COUNTRY_PATTERN = r"^[A-Za-z]{2}$"
NO_NUL_PATTERN = "^[^\\u0000]*$"  # no parameter may contain a NUL character
# A reference filter lists its accepted values when there are at most this many.
MAX_ENUM = 500

SPAN = "; a row whose date is uncertain counts if it may fall in the span."
DESCRIPTIONS = {
    "DealFilterSet": {
        "supplier": "Deals in which this country is the supplier.",
        "recipient": "Deals in which this country is the recipient.",
        "system": "Deals for this weapon system.",
        "status": "Deals at this stage (with `as_of`, at this stage on that day).",
        "as_of": (
            "A day, YYYY-MM-DD: each deal's `status` is its status on that day, folded from its dated, cited "
            "milestones (a milestone counts from the latest day its date can mean); `as_of` and `status_since` "
            "say which day and since when. Deals with no milestone reached by then are left out."
        ),
        "disputed": "true: only deals with conflicting reports; false: only undisputed deals (1 and 0 also do).",
        "scope": "s-400: only deals for the S-400 or one of its variants; all (the default): every deal, "
                 "those for other systems the sources mention and those naming no system included.",
        "year_from": "Deals with any dated milestone (contract, delivery, statement or event) in or after this year" + SPAN,
        "year_to": "Deals with any dated milestone (contract, delivery, statement or event) in or before this year" + SPAN,
        "q": "Deals with this text (any case) in their subject, summary or slug, their system's name or "
             "aliases, or their supplier's or recipient's name or aliases (\"Ankara\" finds Turkey's deals).",
        "sort": "Columns to order by, in turn; a leading - reverses one: the register's ordered_date (its "
                "earliest day), quantity (ordered), delivered, delivery_years (the first) and value, the parties, "
                "system and status, and the span of its milestones (first_date, last_date). Deals without a value "
                "(no contract, no delivery, no dated milestone) come last either way.",
    },
    "StatementFilterSet": {
        "speaker": "Statements by this person.",
        "country": "Statements about this country: naming it, or about a deal it supplies or receives.",
        "deal": "Statements about this deal.",
        "mode": "Verbatim quote or reported speech.",
        "stance": "What the speaker does with the claim: asserts or confirms it, denies it, or comments.",
        "year_from": "Statements made in or after this year" + SPAN,
        "year_to": "Statements made in or before this year" + SPAN,
        "q": "Statements with this text (any case) in what was said, the speaker's or organisation's name, "
             "the speaker's role, or the setting (\"press conference\").",
    },
    "TimelineFilterSet": {
        "country": "Items concerning this country: of a deal it supplies or receives, or naming it.",
        "system": "Items of deals for this weapon system.",
        "deal": "Items of this deal: its contracts and deliveries, and the statements and events about it.",
        "kind": "Items of this kind.",
        "year_from": "Items dated in or after this year" + SPAN,
        "year_to": "Items dated in or before this year" + SPAN,
    },
    "CountryFilterSet": {
        "region": "Countries in this UN region.",
        "scope": "s-400: only countries in deals for the S-400 or one of its variants; all (the default): "
                 "countries in any deal.",
        "q": "Countries with this text (any case) in their name or one of their aliases (capitals used for "
             "the country, other spellings: \"Ankara\", \"Türkiye\"), or this exact ISO code.",
    },
    "PersonFilterSet": {
        "country": "People of this country.",
        "q": "People with this text (any case) in their name or description.",
    },
    "WeaponSystemFilterSet": {
        "category": "Systems of this category.",
        "maker_country": "Systems made in this country.",
        "q": "Systems with this text (any case) in their name or one of their aliases (\"Triumf\").",
    },
    "SourceFilterSet": {
        "outlet": "Sources published by this outlet (its slug or its name).",
        "year_from": "Sources published in or after this year" + SPAN,
        "year_to": "Sources published in or before this year" + SPAN,
        "q": "Sources with this text (any case) in their title or full text.",
    },
    "CitationFilterSet": {
        "source": "Citations from this source.",
        "q": "Citations with this text (any case) in their excerpt.",
    },
}


def description_of(filterset_class, name):
    """What a filter selects, for the API's docs; the nearest FilterSet in its ancestry
    that describes it (a subclass of a FilterSet filters as its parent does)."""
    for klass in filterset_class.__mro__:
        if name in DESCRIPTIONS.get(klass.__name__, {}):
            return DESCRIPTIONS[klass.__name__][name]
    raise KeyError(f"{filterset_class.__name__}.{name} has no description for the API's docs")


class FilterSetSchema(DjangoFilterExtension):
    target_class = "lists.api.FilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        description = description_of(filterset_class, field_name)
        if isinstance(filter_field, (filters.ModelChoiceFilter, filters.ModelMultipleChoiceFilter)):
            return [self.reference_parameter(field_name, filter_field, description)]
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        field = filter_field.field
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
            # Keep the list of choices drf-spectacular writes after the label ("* `a` - A").
            generated = parameter.get("description") or ""
            choices = generated[generated.index("* `"):] if "* `" in generated else ""
            if isinstance(filter_field, filters.MultipleChoiceFilter):
                description += " Repeatable: rows matching any of them."
            if choices:
                description += " Any other value: 400.\n\n" + choices
            parameter["description"] = description
            schema = parameter["schema"]
            if getattr(field, "min_value", None) is not None:
                schema["minimum"] = int(field.min_value)
            if getattr(field, "max_value", None) is not None:
                schema["maximum"] = int(field.max_value)
            if getattr(field, "max_length", None) is not None and schema.get("type") == "string":
                schema["maxLength"] = field.max_length
            if isinstance(filter_field, filters.CharFilter):
                schema["pattern"] = NO_NUL_PATTERN
        return parameters

    def reference_parameter(self, name, filter_field, description):
        many = isinstance(filter_field, filters.ModelMultipleChoiceFilter)
        queryset = filter_field.queryset
        queryset = queryset(None) if callable(queryset) else queryset
        key = filter_field.extra.get("to_field_name") or "pk"
        values = sorted({str(value) for value in queryset.values_list(key, flat=True)[: MAX_ENUM + 1]})
        if isinstance(filter_field, CountryCodeFilter):
            schema = {"type": "string", "pattern": COUNTRY_PATTERN}
            what = "ISO 3166-1 alpha-2 code (any case) of a country in this list"
        else:
            schema = {"type": "string", "pattern": SLUG_PATTERN}
            what = f"The {name.replace('_', ' ')}'s slug"
        if len(values) <= MAX_ENUM:
            schema = {"type": "string", "enum": values}
        description += f" {what}" + ("; repeatable: rows matching any of them." if many else ".")
        description += " Any other value: 400."
        parameter = build_parameter_type(
            name=name,
            location=OpenApiParameter.QUERY,
            description=description,
            schema=build_array_type(schema) if many else schema,
            explode=True if many else None,
            style="form" if many else None,
        )
        parameter["allowEmptyValue"] = True
        return parameter


# Query parameters outside the FilterSets that, like the site's forms, read empty as absent.
EMPTY_MEANS_ABSENT = {"page": None, "kind": "/api/search/"}


def allow_empty_values(result, generator, request, public):
    """drf-spectacular hook: `page=` means the first page and the search's `kind=` every
    kind, as on the site's pages; say so with `allowEmptyValue`."""
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                name = parameter["name"]
                if parameter.get("in") == "query" and name in EMPTY_MEANS_ABSENT and EMPTY_MEANS_ABSENT[name] in (None, path):
                    parameter["allowEmptyValue"] = True
    return result
