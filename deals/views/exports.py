"""Downloads: any list as CSV or JSON (exactly the rows its page shows for the same filters,
all pages), and the whole knowledge base as one JSON document.

Responses are streamed: rows are read in chunks (`.iterator(chunk_size=...)`, which keeps
each chunk's prefetches) and written as they come, so memory stays flat however long the
list is.
"""
import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from countries.models import Country
from deals.api import serializers
from deals.models import (
    Contract,
    Delivery,
    Event,
    Organisation,
    Specification,
)
from deals.scopes import as_of_not_taken
from deals.templatetags.browsing import coverage_label
from deals.totals import source_coverage
from history.selectors import latest_change_time
from lists.parameters import query_problems
from lists.registry import LISTS

CHUNK_SIZE = 500
# Lists whose records bring many rows each are read fewer at a time: a source comes with all
# its citations and the fact each supports.
CHUNK_SIZES = {"sources": 100}
# What is handed to the server at a time: a row per write would cost a system call per row.
WRITE_SIZE = 64 * 1024
# The full dataset is the knowledge base as it stands: a day given is refused, with where to ask.
DATASET_AS_OF = as_of_not_taken("The full dataset, the knowledge base as it stands,")
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() returns what it is given, for csv.writer."""

    def write(self, value):
        return value


def buffered(pieces, size=WRITE_SIZE):
    """The strings of `pieces` joined into blocks of about `size` characters."""
    block, length = [], 0
    for piece in pieces:
        block.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(block)
            block, length = [], 0
    if block:
        yield "".join(block)


def chunks(queryset, size=CHUNK_SIZE):
    """Lists of up to `size` rows, read `size` at a time with the queryset's prefetches."""
    batch = []
    for row in queryset.iterator(chunk_size=size):
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def filtered_rows(request, spec, records):
    """(`records` filtered, None), or (None, a 400 response naming each unusable parameter)."""
    filterset, problems = spec.filter(request.GET, queryset=records, request=request, nul_alone=True)
    if problems:
        return None, JsonResponse(problems, status=400)
    return filterset.qs, None


def page_url(request, record):
    return request.build_absolute_uri(getattr(record, "page_url", None) or record.get_absolute_url())


@require_GET
def export(request, dataset, fmt):
    spec = LISTS.get(dataset)
    if spec is None or not spec.downloads:
        raise Http404(f"There is no list called “{dataset}”.")
    records = spec.csv_records() if fmt == "csv" and spec.csv_records else spec.records()
    rows, problem = filtered_rows(request, spec, records)
    if problem:
        return problem
    stamp = timezone.now().strftime("%Y%m%d")
    if fmt == "csv":
        response = StreamingHttpResponse(buffered(csv_lines(request, spec, rows)), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(buffered(json_chunks(request, spec, rows)), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="s400kb-{dataset}-{stamp}.{fmt}"'
    return response


def csv_lines(request, spec, rows):
    writer = csv.writer(_Echo())
    # The byte-order mark tells spreadsheets the file is UTF-8.
    yield "\ufeff" + writer.writerow([column.header for column in spec.columns] + ["url"])
    for batch in chunks(rows, CHUNK_SIZES.get(spec.name, CHUNK_SIZE)):
        for record in spec.prepare(batch):
            yield writer.writerow(
                [neutralise(column.value(record)) for column in spec.columns] + [page_url(request, record)]
            )


def json_chunks(request, spec, rows):
    yield f'{{"dataset": {json.dumps(spec.name)}, "query": {json.dumps(request.GET.urlencode())}, "results": ['
    yield from _json_items(request, spec.serializer_class, rows, spec.prepare, size=CHUNK_SIZES.get(spec.name, CHUNK_SIZE))
    yield "]}\n"


def _json_items(request, serializer_class, rows, prepare=lambda batch: batch, *, size=CHUNK_SIZE):
    # One serializer for every chunk, given no instance: `Serializer(batch, many=True)`
    # keeps the batch in a reference cycle (the child serializer holds its arguments and its
    # parent), which only a full garbage collection frees, so memory grew with the rows.
    serializer = serializer_class(many=True, context={"request": request})
    first = True
    for batch in chunks(rows, size):
        for item in serializer.to_representation(prepare(batch)):
            yield ("" if first else ",\n") + json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False)
            first = False


# --- the whole knowledge base --------------------------------------------------------------


def _full_dataset_parts():
    """(key, queryset, serializer[, prepare]) for every model, in an order a reader can load them."""
    countries = LISTS["countries"]
    return [
        # Every ISO country, not only those in deals (the countries list's rows).
        ("countries", Country.objects.with_aliases(), countries.serializer_class),
        ("organisations", Organisation.objects.all(), serializers.OrganisationSerializer),
        ("people", LISTS["people"].records(), serializers.PersonSerializer),
        ("systems", LISTS["systems"].records(), serializers.WeaponSystemSerializer),
        ("sources", LISTS["sources"].records(), serializers.SourceSerializer),
        ("deals", LISTS["deals"].records(), serializers.DealSerializer),
        ("contracts", Contract.objects.for_export(), serializers.ContractSerializer),
        ("deliveries", Delivery.objects.for_export(), serializers.DeliverySerializer),
        ("statements", LISTS["statements"].records(), serializers.StatementSerializer, LISTS["statements"].prepare),
        ("events", Event.objects.for_export(), serializers.EventSerializer),
        ("specifications", Specification.objects.for_export(), serializers.SpecificationSerializer),
        ("citations", LISTS["citations"].records(), serializers.FullCitationSerializer),
    ]


def last_changes(models):
    """When each of `models` last changed, for those with `updated_at` (sources, citations
    and the facts), and the change history, which also records edits to people, systems and
    countries (which keep no time of their own) and deletions."""
    stamps = [
        model._default_manager.aggregate(last=Max("updated_at"))["last"]
        for model in models
        if any(field.name == "updated_at" for field in model._meta.concrete_fields)
    ]
    return [*stamps, latest_change_time()]


def dataset_version():
    """Record counts per model and when any record last changed."""
    models = {key: queryset.model for key, queryset, *_ in _full_dataset_parts()}
    last_modified = max((stamp for stamp in last_changes(models.values()) if stamp is not None), default=None)
    return {
        "counts": {key: model._default_manager.count() for key, model in models.items()},
        "last_modified": last_modified.isoformat() if last_modified else None,
    }


def dataset_coverage(version=None):
    """The period the sources were published in: the first source's earliest possible day,
    the last's latest, and the label the pages show ("Feb 2007 – Nov 2021"); nulls and ""
    without a source."""
    coverage = source_coverage(version)
    return {
        "sources_published_earliest": coverage.earliest.isoformat() if coverage else None,
        "sources_published_latest": coverage.latest.isoformat() if coverage else None,
        "label": coverage_label(coverage),
    }


@require_GET
def full_dataset(request):
    """Every record of every model, each fact with its citations, and a version stamp."""
    problems = query_problems(request.GET, nul_alone=True) or DATASET_AS_OF(request.GET)
    if problems:
        return JsonResponse(problems, status=400)

    def document():
        version = dataset_version()
        yield f'{{"version": {json.dumps(version)}'
        yield f',\n"coverage": {json.dumps(dataset_coverage())}'  # one query among the dump's many
        for key, queryset, serializer_class, *prepare in _full_dataset_parts():
            yield f',\n"{key}": ['
            yield from _json_items(request, serializer_class, queryset, *prepare, size=CHUNK_SIZES.get(key, CHUNK_SIZE))
            yield "]"
        yield "}\n"

    response = StreamingHttpResponse(buffered(document()), content_type="application/json")
    response["Content-Disposition"] = (
        f'attachment; filename="s400kb-dataset-{timezone.now():%Y%m%d}.json"'
    )
    return response

