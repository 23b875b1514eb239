"""Serializer pieces every app's JSON shares: a record's absolute page address."""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


def absolute(request, path):
    """`path` as an absolute URL when a request says which host we are; else as it is."""
    return request.build_absolute_uri(path) if request is not None else path


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute URL of the record's HTML page (its `get_absolute_url`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "The record's HTML page.")
        super().__init__(**kwargs)

    def to_representation(self, record):
        return absolute(self.context.get("request"), record.get_absolute_url())
