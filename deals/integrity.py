"""Checks that the whole knowledge base keeps its promises: every fact cited, every excerpt
verbatim, every date's bounds derived from its EDTF form, every row valid."""
from django.apps import apps
from django.core.exceptions import ValidationError

from deals import approximate_dates
from deals.models import CITATION_TARGETS, Citation, is_editorial
from deals.models.dates import ApproximatelyDated

CITED_MODELS = [Citation._meta.get_field(target).related_model for target in CITATION_TARGETS]


def integrity_problems() -> list[str]:
    """Every problem found, as sentences naming the record; an empty list when all is well."""
    problems = []
    for app in ("countries", "deals"):
        for model in apps.get_app_config(app).get_models():
            if not is_editorial(model):
                continue  # tables derived from the rest
            for obj in model._default_manager.all():
                problems.extend(_row_problems(obj))
    for model in CITED_MODELS:
        for obj in model._default_manager.filter(citations__isnull=True):
            problems.append(f"{model._meta.verbose_name} “{obj}” cites no source.")
    return problems


def _row_problems(obj):
    label = f"{obj._meta.verbose_name} #{obj.pk} “{obj}”"
    if isinstance(obj, ApproximatelyDated) and obj.date_edtf:
        try:
            expected = approximate_dates.bounds(obj.date_edtf)
        except approximate_dates.DateError as error:
            return [f"{label}: {error}"]
        if (obj.date_earliest, obj.date_latest) != expected:
            return [f"{label}: bounds {obj.date_earliest}–{obj.date_latest} are not those of {obj.date_edtf}."]
    try:
        obj.full_clean()
    except ValidationError as error:
        return [f"{label}: {message}" for message in error.messages]
    return []
