"""Serializer pieces every app's JSON shares: a record's absolute page address, and the
addresses of many records of a page, each view's address reversed once (`page_url`)."""
import re

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


def absolute(request, path):
    """`path` as an absolute URL when a request says which host we are; else as it is."""
    return request.build_absolute_uri(path) if request is not None else path


# A key a page's address carries unchanged: what the `slug` and `int` path converters accept.
PLAIN_KEY = re.compile(r"[-a-zA-Z0-9_]+\Z")
MARKER = "7316054829"


class PageUrls:
    """The absolute addresses of records' pages for one answer. Reversing a view's address
    (and making it absolute) costs as much as the rest of a nested record; a page of deals
    names hundreds of sources, so each view is reversed once, around a marker key, and the
    other keys are put in its place. A key the converters would quote or reject goes
    through `reverse` itself."""

    def __init__(self, request):
        self.request = request
        self.around = {}

    def __call__(self, viewname, key, fragment=""):
        key = str(key)
        if not PLAIN_KEY.match(key):
            return absolute(self.request, reverse(viewname, args=[key]) + fragment)
        try:
            head, tail = self.around[viewname]
        except KeyError:
            head, _, tail = reverse(viewname, args=[MARKER]).rpartition(MARKER)
            head = absolute(self.request, head)
            self.around[viewname] = head, tail
        return f"{head}{key}{tail}{fragment}"


def page_url(context, viewname, key, fragment=""):
    """The absolute address of the page `viewname` shows for `key` (with `fragment`), through
    the `PageUrls` a serializer tree's shared `context` holds."""
    urls = context.get("page_urls")
    if urls is None:
        urls = context["page_urls"] = PageUrls(context.get("request"))
    return urls(viewname, key, fragment)


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute URL of the record's HTML page (its `get_absolute_url`). `address`, when
    given, says the same as `(view name, key)` or `(view name, key, fragment)` for a record,
    so that a page of records reverses each view once (`page_url`)."""

    def __init__(self, address=None, **kwargs):
        self.address = address
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "The record's HTML page.")
        super().__init__(**kwargs)

    def to_representation(self, record):
        if self.address is None:
            return absolute(self.context.get("request"), record.get_absolute_url())
        return page_url(self.context, *self.address(record))


@extend_schema_field(OpenApiTypes.URI)
class RecordUrlField(serializers.Field):
    """The absolute URL of the record's own answer in the API, `viewname`'s route for its
    `lookup` (a list's row may give less of a record than its own answer does)."""

    def __init__(self, viewname, lookup="slug", **kwargs):
        self.viewname, self.lookup = viewname, lookup
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, record):
        return page_url(self.context, self.viewname, getattr(record, self.lookup))
