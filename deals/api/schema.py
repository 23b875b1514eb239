"""How the shared FilterSets appear in the OpenAPI schema.

drf-spectacular's django-filter extension types most filters; this one makes the rest
exact: a reference to records (countries by ISO code, others by slug) lists the values
the filter accepts right now (its queryset, read when the schema is generated) and is an
array when repeatable (`style=form, explode=true`); years and text get their bounds. A
single-valued filter treats an empty value as absent (HTML forms send empty fields),
which `allowEmptyValue` says; a repeatable one rejects it.
"""
from django_filters import filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_array_type, build_parameter_type
from drf_spectacular.utils import OpenApiParameter

from deals.filtersets import CountryCodeFilter

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
COUNTRY_PATTERN = r"^[A-Za-z]{2}$"
NO_NUL_PATTERN = "^[^\\u0000]*$"  # no parameter may contain a NUL character
# A reference filter lists its accepted values when there are at most this many.
MAX_ENUM = 500


class FilterSetSchema(DjangoFilterExtension):
    target_class = "deals.api.filters.FilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if isinstance(filter_field, (filters.ModelChoiceFilter, filters.ModelMultipleChoiceFilter)):
            return [self.reference_parameter(field_name, filter_field)]
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        field = filter_field.field
        for parameter in parameters:
            if not isinstance(filter_field, filters.MultipleChoiceFilter):
                # A multiple-choice filter rejects an empty value; the others ignore it.
                parameter["allowEmptyValue"] = True
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

    def reference_parameter(self, name, filter_field):
        many = isinstance(filter_field, filters.ModelMultipleChoiceFilter)
        queryset = filter_field.queryset
        queryset = queryset(None) if callable(queryset) else queryset
        key = filter_field.extra.get("to_field_name") or "pk"
        values = sorted({str(value) for value in queryset.values_list(key, flat=True)[: MAX_ENUM + 1]})
        if isinstance(filter_field, CountryCodeFilter):
            schema = {"type": "string", "pattern": COUNTRY_PATTERN}
            what = "ISO 3166-1 alpha-2 code of a country in this list (any case)"
        else:
            schema = {"type": "string", "pattern": SLUG_PATTERN}
            what = f"Slug of a {name.replace('_', ' ')}"
        if len(values) <= MAX_ENUM:
            schema = {"type": "string", "enum": values}
        description = what + (", repeatable: rows matching any of them." if many else ".")
        description += " Any other value: 400."
        parameter = build_parameter_type(
            name=name,
            location=OpenApiParameter.QUERY,
            description=description,
            schema=build_array_type(schema) if many else schema,
            explode=True if many else None,
            style="form" if many else None,
        )
        if not many:
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
