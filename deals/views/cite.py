"""/cite/<kind>/<key>.<bib|json|txt>: a record page's citation as a file, for reference
managers and scripts (the page itself shows the same three in its "Cite this page" block)."""
from django.http import Http404, HttpResponse

from deals.cite import FORMATS, page_reference, record_for


def citation_file(request, kind, key, fmt):
    record = record_for(kind, key)
    if record is None:
        raise Http404("no record has this address")
    reference = page_reference(record, request=request)
    response = HttpResponse(reference.render(fmt), content_type=FORMATS[fmt])
    # Shown in the browser, saved under a name that says what it is.
    response["Content-Disposition"] = f'inline; filename="{reference.citation_key}.{fmt}"'
    return response
