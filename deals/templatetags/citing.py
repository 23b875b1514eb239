"""`{% cite_this record %}`: a record page's "Cite this page" block (plain text, BibTeX,
CSL-JSON, with links to the same as files); `{% printed_from %}`: the address and access
date a printed page carries at its foot. Both read today's date, so config.caching keys
cached pages by the day as well as by the data version."""
from django import template
from django.urls import reverse

from deals.cite import FORMATS, absolute_url, access_date, page_reference
from deals.templatetags.browsing import day_in_words

register = template.Library()


@register.inclusion_tag("includes/cite_this.html", takes_context=True)
def cite_this(context, record):
    reference = page_reference(record, request=context.get("request"))
    files = [
        {
            "label": label,
            "href": reverse("deals:citation_file", kwargs={"kind": reference.kind, "key": reference.key, "fmt": fmt}),
            "type": FORMATS[fmt].split(";")[0],
        }
        for label, fmt in (("BibTeX", "bib"), ("CSL-JSON", "json"), ("plain text", "txt"))
    ]
    return {"reference": reference, "accessed": day_in_words(reference.accessed, full=True), "files": files}


@register.inclusion_tag("includes/printed_from.html", takes_context=True)
def printed_from(context):
    request = context.get("request")
    return {
        "url": absolute_url(request.get_full_path(), request) if request is not None else "",
        "accessed": day_in_words(access_date(), full=True),
    }
