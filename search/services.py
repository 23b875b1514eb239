"""Keeping the search index current, and searching it.

Writes: `index_record(record)` (called on save; see signals.py), `unindex_record(record)`
and `rebuild_search_index()` (the management command, and the end of `load_curated`).

Documents copy some names from related records (a statement's title names its speaker);
such a copy is refreshed when its own record is saved, or by a rebuild.

Reads: `search(query=..., kind=...)` returns `SearchResults` (ranked hits that can be
sliced and counted, plus facets by kind) and `highlight(hits, query)` adds snippets.
On PostgreSQL it matches the stored, GIN-indexed tsvector with a websearch query and
ranks with `ts_rank`; elsewhere (SQLite) it matches by case-insensitive containment and
ranks by where and how often the words occur. Both read the same documents.
"""
import math
import re
from dataclasses import dataclass

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from countries.models import Country
from deals.models import Deal, Person, Source, Statement, WeaponSystem

from .models import Kind, SearchDocument

KINDS = dict(Kind.choices)
KIND_SINGULAR = {
    Kind.DEAL: "Deal", Kind.STATEMENT: "Statement", Kind.PERSON: "Person", Kind.SYSTEM: "Weapon system",
    Kind.COUNTRY: "Country", Kind.SOURCE: "Source",
}
MAX_QUERY_LENGTH = 200
TEXT_SEARCH_CONFIG = "english"
# ts_rank normalisation 1: divide by 1 + log(length), so a short record that is about the
# words outranks a long article that mentions them in passing.
RANK_NORMALISATION = 1


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": "Type the words to search for.",
            "max_length": f"Use at most {MAX_QUERY_LENGTH} characters.",
        },
    )
    kind = forms.ChoiceField(choices=[("", "Everything"), *Kind.choices], required=False)


# --- the documents -------------------------------------------------------------------------


def _names(*values):
    return " ".join(str(value) for value in values if value)


def deal_document(deal):
    system = deal.system
    return {
        "title": f"{deal.subject}: {deal.supplier.name} to {deal.recipient.name}",
        "keywords": _names(
            deal.slug, system and system.name, *(alias.name for alias in system.aliases.all()) if system else (),
            deal.supplier.name, deal.recipient.name, deal.get_status_display(),
        ),
        "body": deal.summary,
    }


def statement_document(statement):
    said = statement.date_words or statement.date_edtf
    return {
        "title": f"{statement.attribution}{', ' + said if said else ''}",
        # The speaker and body are in the title already; repeating them would rank a
        # statement above the page of the person who said it.
        "keywords": _names(statement.speaker_role, statement.medium and statement.medium.name, statement.setting),
        "body": statement.text,
    }


def person_document(person):
    return {"title": person.name, "keywords": _names(person.country), "body": person.description}


def system_document(system):
    return {
        "title": system.name,
        "keywords": _names(*(alias.name for alias in system.aliases.all()), system.maker, system.maker_country),
        "body": system.description,
    }


def country_document(country):
    return {
        "title": country.name,
        "keywords": _names(country.code, *(alias.name for alias in country.aliases.all())),
        "body": _names(country.subregion, country.get_region_display()),
    }


def source_document(source):
    return {"title": str(source), "keywords": _names(source.outlet, source.slug), "body": source.text}


@dataclass(frozen=True)
class Indexed:
    kind: str
    model: type
    document: callable
    queryset: callable  # every record with what its document reads, for the rebuild


INDEXED = [
    Indexed(Kind.DEAL, Deal, deal_document,
            lambda: Deal.objects.select_related("supplier", "recipient", "system").prefetch_related("system__aliases")),
    Indexed(Kind.STATEMENT, Statement, statement_document,
            lambda: Statement.objects.select_related("speaker", "organisation", "medium")),
    Indexed(Kind.PERSON, Person, person_document, lambda: Person.objects.select_related("country")),
    Indexed(Kind.SYSTEM, WeaponSystem, system_document,
            lambda: WeaponSystem.objects.select_related("maker", "maker_country").prefetch_related("aliases")),
    Indexed(Kind.COUNTRY, Country, country_document, lambda: Country.objects.prefetch_related("aliases")),
    Indexed(Kind.SOURCE, Source, source_document, lambda: Source.objects.select_related("outlet")),
]
INDEXED_BY_MODEL = {indexed.model: indexed for indexed in INDEXED}


def _document_row(indexed, record):
    fields = indexed.document(record)
    return SearchDocument(
        kind=indexed.kind,
        object_key=str(record.pk),
        title=fields["title"][:300],
        keywords=fields["keywords"],
        body=fields["body"],
        url=record.get_absolute_url(),
    )


def _vector():
    return (
        SearchVector("title", weight="A", config=TEXT_SEARCH_CONFIG)
        + SearchVector("keywords", weight="B", config=TEXT_SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=TEXT_SEARCH_CONFIG)
    )


def _store_vectors(documents):
    """Compute the stored tsvector (PostgreSQL); other databases keep none."""
    if connection.vendor == "postgresql":
        documents.update(search_vector=_vector())


def index_record(record) -> None:
    """Create or refresh the search document of one record (a deal, statement, person,
    weapon system, country or source)."""
    indexed = INDEXED_BY_MODEL[type(record)]
    row = _document_row(indexed, record)
    with transaction.atomic():
        document, _ = SearchDocument.objects.update_or_create(
            kind=row.kind,
            object_key=row.object_key,
            defaults={"title": row.title, "keywords": row.keywords, "body": row.body, "url": row.url},
        )
        _store_vectors(SearchDocument.objects.filter(pk=document.pk))


def unindex_record(record) -> None:
    indexed = INDEXED_BY_MODEL[type(record)]
    SearchDocument.objects.filter(kind=indexed.kind, object_key=str(record.pk)).delete()


def rebuild_search_index(*, batch_size: int = 500) -> int:
    """Replace the whole index with a document per record; returns how many there are."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for indexed in INDEXED:
            batch = []
            for record in indexed.queryset().iterator(chunk_size=batch_size):
                batch.append(_document_row(indexed, record))
                if len(batch) >= batch_size:
                    SearchDocument.objects.bulk_create(batch)
                    batch = []
            SearchDocument.objects.bulk_create(batch)
        _store_vectors(SearchDocument.objects.all())
        return SearchDocument.objects.count()


# --- searching -----------------------------------------------------------------------------


@dataclass
class SearchResults:
    hits: object  # a sliceable, countable sequence of SearchDocument with `.rank`
    facets: dict  # {kind: number of matching records}, whatever kind was asked for


def parse_query(query):
    """Split websearch syntax into (terms, excluded): "quoted phrases", words, -excluded;
    the word `or` is dropped (on SQLite every term must match)."""
    terms, excluded = [], []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        if phrase.strip():
            terms.append(" ".join(phrase.split()))
        elif word.startswith("-") and len(word) > 1:
            excluded.append(word[1:].strip('"'))
        elif word.lower() != "or":
            word = word.strip('"')
            if word:
                terms.append(word)
    return terms, excluded


def search(*, query: str, kind: str | None = None) -> SearchResults:
    if connection.vendor == "postgresql":
        return _search_postgresql(query, kind)
    return _search_by_containment(query, kind)


def _search_postgresql(query, kind):
    search_query = SearchQuery(query, search_type="websearch", config=TEXT_SEARCH_CONFIG)
    matching = SearchDocument.objects.filter(search_vector=search_query)
    facets = dict(matching.order_by().values_list("kind").annotate(n=Count("pk")))
    if kind:
        matching = matching.filter(kind=kind)
    hits = matching.annotate(
        rank=SearchRank(F("search_vector"), search_query, normalization=RANK_NORMALISATION)
    ).order_by("-rank", "kind", "title", "pk")
    return SearchResults(hits=hits, facets=_ordered(facets))


def _contains(term):
    return Q(title__icontains=term) | Q(keywords__icontains=term) | Q(body__icontains=term)


def _search_by_containment(query, kind):
    terms, excluded = parse_query(query)
    if not terms:
        return SearchResults(hits=[], facets={})
    condition = Q()
    for term in terms:
        condition &= _contains(term)
    for term in excluded:
        condition &= ~_contains(term)
    matching = list(SearchDocument.objects.filter(condition))
    facets = {}
    for document in matching:
        facets[document.kind] = facets.get(document.kind, 0) + 1
    hits = [document for document in matching if not kind or document.kind == kind]
    for document in hits:
        document.rank = _containment_rank(document, terms)
    hits.sort(key=lambda d: (-d.rank, d.kind, d.title, d.pk))
    return SearchResults(hits=hits, facets=_ordered(facets))


def _containment_rank(document, terms):
    """Where the words occur and how much of the record they make up, scaled to 0..1.

    A title that is the words (a name) counts most, then a title that contains them, then
    another name (an alias), then the text, where a short text about the words beats a
    long article that mentions them in passing.
    """
    title, keywords, body = document.title.lower(), document.keywords.lower(), document.body.lower()
    score = 0.0
    for term in (t.lower() for t in terms):
        if term in title:
            score += 6 + 6 * len(term) / len(title)
        if term in keywords:
            score += 3
        occurrences = body.count(term)
        if occurrences:
            density = min(1.0, 20 * occurrences * len(term) / len(body))
            score += 1 + 0.5 * math.log(occurrences) + 2 * density
    if len(terms) > 1 and " ".join(terms).lower() in body:
        score += 2  # the words together, as written
    return round(score / (16 * len(terms)), 6)


def _ordered(facets):
    return {kind: facets[kind] for kind in KINDS if facets.get(kind)}


# --- snippets ------------------------------------------------------------------------------

SNIPPET_BEFORE, SNIPPET_AFTER = 80, 180


def _pattern(query):
    terms, _ = parse_query(query)
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        # Match the word's stem as well, roughly as PostgreSQL's stemmer does:
        # "delivered" also finds "deliveries".
        stem = term[: max(4, len(term) - 2)] if len(term) > 5 and " " not in term else term
        parts.append(re.escape(stem) + r"\w*")
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE) if parts else None


def snippet(text, query):
    """An escaped passage of `text` around the first match, matches wrapped in <mark>."""
    pattern = _pattern(query)
    match = pattern.search(text) if pattern else None
    if match is None:
        start, end = 0, SNIPPET_BEFORE + SNIPPET_AFTER
    else:
        start, end = max(0, match.start() - SNIPPET_BEFORE), match.start() + SNIPPET_AFTER
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    passage = " ".join(text[start:end].split())
    pieces, position = [], 0
    for found in (pattern.finditer(passage) if pattern else ()):
        pieces.append(escape(passage[position:found.start()]))
        pieces.append(f"<mark>{escape(found.group())}</mark>")
        position = found.end()
    pieces.append(escape(passage[position:]))
    html = ("…" if start > 0 else "") + "".join(pieces) + ("…" if end < len(text) else "")
    # Safe: every piece of the record's text went through escape(); only <mark> is added.
    return mark_safe(html)


def highlight(hits, query):
    """Give each hit of a page its `snippet`: from its text where the words occur there,
    else from its other names (say the alias that matched), else its text's beginning."""
    pattern = _pattern(query)
    for hit in hits:
        def matches(text):
            return bool(pattern and text and pattern.search(text))

        if matches(hit.body) or not hit.keywords.strip():
            text = hit.body or hit.title
        elif matches(hit.keywords) and not matches(hit.title):
            text = hit.keywords
        else:
            text = hit.body or hit.keywords or hit.title
        hit.snippet = snippet(text, query)
        hit.kind_label = KIND_SINGULAR[hit.kind]
    return hits
