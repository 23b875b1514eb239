"""What every app's `tests/test_filtersets.py` uses: run a FilterSet over a queryset of rows a
test built, and list the model fields a FilterSet offers no filter for (the guard that fails
when a field is added and nobody decides whether people may filter by it)."""
from django.http import QueryDict


def filtered(filterset_class, query, queryset):
    """The rows of `queryset` the FilterSet keeps for the query string, in the order it gives."""
    filterset = filterset_class(QueryDict(query), queryset=queryset)
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


def model_fields(model):
    """The fields a person could filter the model's rows by: its own columns and its forward
    relations (foreign keys and many-to-many). Reverse relations are other models' fields,
    checked by those models' FilterSets."""
    return {field.name for field in model._meta.get_fields() if field.concrete or (field.many_to_many and not field.auto_created)}


def fields_without_filter(filterset_class, *, not_filterable, filtered_as):
    """The model's fields that have no filter and are not in `not_filterable`.

    A filter covers the field it is named for and the field its `field_name` starts from
    (`speaker__slug` covers `speaker`); `filtered_as` maps the fields a filter covers under
    another name (a text search `q` over `summary`, `country` over `countries`). Both lists
    must name real fields and real filters, so they cannot silently go stale."""
    model = filterset_class._meta.model
    fields = model_fields(model)
    filters = filterset_class.base_filters
    assert not (set(not_filterable) - fields), f"not fields of {model.__name__}: {set(not_filterable) - fields}"
    assert not (set(filtered_as) - fields), f"not fields of {model.__name__}: {set(filtered_as) - fields}"
    assert not (set(filtered_as.values()) - set(filters)), f"no such filters: {set(filtered_as.values()) - set(filters)}"
    assert not (set(not_filterable) & set(filtered_as)), "a field is either filtered or deliberately not"
    covered = set()
    for name, filter_ in filters.items():
        covered |= {name, filter_.field_name.split("__")[0]}
    stale = set(not_filterable) & covered
    assert not stale, f"listed as not filterable but filtered: {stale}"
    return sorted(fields - covered - set(filtered_as) - set(not_filterable))
