"""/api/search/: the site search as JSON, with the API's pagination, 400s and 404s.

It answers like the other lists of the API (`deals.api`): 25 hits a page, a 400 naming
each parameter that cannot be used, a 404 for a page past the last.
"""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.views import APIView

from lists.api import FILTER_ERRORS, NOT_FOUND, PAGE_SCHEMA, Pagination
from lists.parameters import PAGE_PARAMETER, query_problems

from . import services
from .models import Kind


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.values)
    title = serializers.CharField()
    url = serializers.URLField()
    snippet = serializers.CharField(
        help_text="HTML: the matching passage, escaped, with matches wrapped in <mark>."
    )
    rank = serializers.FloatField()


class SearchResultsSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    facets = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=f"How many records of each kind match, whatever `kind` is, counted up to {services.CANDIDATES}: "
        f"{services.CANDIDATES} means that many or more (only that many of a kind are ranked; a record whose title "
        "is the query always is).",
    )
    results = SearchHitSerializer(many=True)


class SearchView(APIView):
    """Full-text search over deals, statements, people, systems, countries and sources."""

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[^\\u0000]*\\S[^\\u0000]*$"},
                required=True,
                description=(
                    "Words to find in deals, statements, people, weapon systems, countries and sources: "
                    '"a quoted phrase", -excluded words; every other word must occur. A record whose title or '
                    'one of whose names is the whole query comes first ("Ankara" finds Turkey, whose alias '
                    "it is); then titles and names (aliases, ISO codes) weigh most, then keywords (speakers' "
                    "roles, outlets, makers), then text. Case and accents do not matter (Erdoğan finds "
                    'Erdogan); common English words ("the", "of") and punctuation alone are ignored.'
                ),
            ),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=list(services.KINDS), description="Only records of this kind."),
            OpenApiParameter(
                PAGE_PARAMETER, dict(PAGE_SCHEMA["schema"]),
                description=PAGE_SCHEMA["description"],
            ),
        ],
        responses={200: SearchResultsSerializer, 400: FILTER_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request):
        form = services.SearchForm(request.query_params)
        problems = query_problems(request.query_params, form=form, paginated=True, nul_alone=True)
        if problems:
            raise ValidationError(problems)
        results = services.search(query=form.cleaned_data["q"], kind=form.cleaned_data["kind"] or None)
        paginator = Pagination()
        page = paginator.paginate_queryset(results.hits, request, view=self)
        hits = services.highlight(page, form.cleaned_data["q"])
        response = paginator.get_paginated_response(
            [
                {
                    "kind": hit.kind,
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url),
                    "snippet": hit.snippet,
                    "rank": round(float(hit.rank), 6),
                }
                for hit in hits
            ]
        )
        response.data["facets"] = results.facets
        return response
