"""Keeping the search index current, and searching it.

Writes: `index_record(record)` (called on save; see signals.py), `unindex_record(record)`
and `rebuild_search_index()` (the management command, the end of `load_curated`, and
after a migration that changes what a document holds; see apps.py).

Documents copy some names from related records (a statement's title names its speaker);
such a copy is refreshed when its own record is saved, or by a rebuild.

Reads: `search(query=..., kind=...)` returns `SearchResults` (ranked hits that can be
sliced and counted, plus facets by kind) and `highlight(hits, query)` adds snippets.
On PostgreSQL it matches the stored, GIN-indexed tsvector with a websearch query and
ranks with `ts_rank`; elsewhere (SQLite) it matches words by where they start and ranks by
where and how often they occur. Both read the same documents and agree on what is
searched: a record's title and names (aliases) weigh most, then its keywords, then its
text; a record whose title or one of whose names is the whole query comes first; accents
are folded ("Erdoğan" finds Erdogan, "Turkiye" Türkiye); so are British and American
spellings, in the query ("air defence" is searched as "air defence" or "air defense";
lists.spelling); and common English words ("the")
and punctuation alone find nothing (PostgreSQL's English stop words, which it drops).
"""
import io
import operator
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import reduce
from itertools import product

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, connections, transaction
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When, Window
from django.db.models.functions import Concat, Length, Lower, RowNumber
from django.db.models.lookups import Regex
from django.utils.html import escape
from django.utils.safestring import mark_safe

from lists.filters import AmongKeys
from lists.spelling import MAX_FOLDED_WORDS, folded_words, spellings

from . import registry
from .models import Kind, SearchDocument

KINDS = dict(Kind.choices)
MAX_QUERY_LENGTH = 200
# At most this many matches of each kind are ranked (and counted, for its facet): a common
# word matches tens of thousands of records, and ranking them all costs seconds. The records
# whose title is the whole query are ranked besides, wherever they are.
CANDIDATES = 500
# SQLite finds the documents holding the words by reading them (it has no index for that):
# it reads at most this many of each kind, of which those where each word starts a word match.
SCANNED = 4 * CANDIDATES
TEXT_SEARCH_CONFIG = "english"
# ts_rank normalisation 1: divide by 1 + log(length), so a short record that is about the
# words outranks a long article that mentions them in passing; 32: then rank / (rank + 1),
# so it lies in [0, 1) as the SQLite rank does.
RANK_NORMALISATION = 1 | 32
# The words PostgreSQL's "english" configuration drops (its english.stop, the Snowball
# list); SQLite drops them too, so "the" finds nothing on either database.
STOP_WORDS = frozenset("""
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now
""".split())


def _fold_table():
    """{code point: code point}: each accented Latin letter to its base letter (ğ to g, Ü to
    U), from its Unicode decomposition, plus the letters that have none (ı, ł, ø, đ). One
    character for one, so a folded text keeps its length and a match its position."""
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = ord(base)
    table.update({ord(letter): ord(base) for letter, base in zip("ıłŁøØđĐħĦŧŦ", "ilLoOdDhHtT", strict=True)})
    return table


FOLD = _fold_table()
# The same table for PostgreSQL's translate(text, from, to).
FOLD_FROM, FOLD_TO = "".join(map(chr, FOLD)), "".join(map(chr, FOLD.values()))
# A text holding none of these characters is its own folding.
FOLDABLE = f"[{chr(min(FOLD))}-{chr(max(FOLD))}]"


def fold(text: str) -> str:
    """`text` with its accents folded: "Erdoğan" is "Erdogan", "Türkiye" "Turkiye"."""
    return text.translate(FOLD)


def _folded_sql(expression):
    """fold() in PostgreSQL, for the stored vector and the exact-name check.

    translate() compares each character with every one of FOLD_FROM's, which made it three
    quarters of rebuilding the index of a large knowledge base; a regular expression finds
    the texts without a letter to fold much faster, and they are left as they are."""
    translated = Func(expression, Value(FOLD_FROM), Value(FOLD_TO), function="translate", output_field=TextField())
    return Case(When(Regex(expression, Value(FOLDABLE)), then=translated), default=expression,
                output_field=TextField())


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
# What each kind's document holds is declared by the app that owns the records, in its
# search.py (see registry.py).


def _document_row(indexed, record):
    fields = indexed.document(record)
    return SearchDocument(
        kind=indexed.kind,
        object_key=str(record.pk),
        title=fields["title"][:300],
        names="\n".join(fields["names"]),
        keywords=fields["keywords"],
        body=fields["body"],
        url=record.get_absolute_url(),
    )


def _vector():
    """Each part of the document with its weight (title and names A, keywords B, text C;
    registry.WEIGHTS), all with their accents folded."""
    vectors = [
        SearchVector(_folded_sql(F(part)), weight=weight, config=TEXT_SEARCH_CONFIG)
        for part, weight in registry.WEIGHTS.items()
    ]
    return sum(vectors[1:], vectors[0])


def _store_vectors(documents):
    """Compute the stored tsvector (PostgreSQL); other databases keep none."""
    if connection.vendor == "postgresql":
        documents.update(search_vector=_vector())


def index_record(record) -> None:
    """Create or refresh the search document of one record of a registered kind (a deal,
    statement, person, weapon system, country or source)."""
    indexed = registry.for_model(type(record))
    row = _document_row(indexed, record)
    with transaction.atomic():
        document, _ = SearchDocument.objects.update_or_create(
            kind=row.kind,
            object_key=row.object_key,
            defaults={"title": row.title, "names": row.names, "keywords": row.keywords, "body": row.body, "url": row.url},
        )
        _store_vectors(SearchDocument.objects.filter(pk=document.pk))


def unindex_record(record) -> None:
    indexed = registry.for_model(type(record))
    SearchDocument.objects.filter(kind=indexed.kind, object_key=str(record.pk)).delete()


def rebuild_search_index(*, batch_size: int = 2000) -> int:
    """Replace the whole index with a document per record; returns how many there are.

    Each document is what `index_record` writes for its record, built by the same
    declarations; on PostgreSQL they are streamed in batches (COPY) into a table of their
    own, then inserted with their vectors in one statement, each computed in SQL by the
    same expression as the write path's."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        if connection.vendor == "postgresql":
            _rebuild_postgresql(batch_size)
        else:
            for indexed in registry.indexed():
                batch = []
                for record in indexed.queryset().iterator(chunk_size=batch_size):
                    batch.append(_document_row(indexed, record))
                    if len(batch) >= batch_size:
                        SearchDocument.objects.bulk_create(batch)
                        batch = []
                SearchDocument.objects.bulk_create(batch)
        return SearchDocument.objects.count()


REBUILT = ("kind", "object_key", "title", "names", "keywords", "body", "url")


def _copy_text(value: str) -> str:
    """Text in COPY's text format: backslash, tab, newline and carriage return escaped."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def _rebuild_postgresql(batch_size):
    quote = connection.ops.quote_name
    table = SearchDocument._meta.db_table
    staging = "search_rebuilt_document"
    columns = ", ".join(quote(name) for name in REBUILT)
    # The write path's vector expression, compiled against the index's table; the staging
    # table is read under that table's name, so the expression reads its columns.
    query = SearchDocument.objects.all().query
    vector_sql, vector_params = query.get_compiler(connection=connection).compile(_vector().resolve_expression(query))
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} ({', '.join(f'{quote(name)} text NOT NULL' for name in REBUILT)}) "
            "ON COMMIT DROP"
        )
        for indexed in registry.indexed():
            buffer, rows = io.StringIO(), 0
            for record in indexed.queryset().iterator(chunk_size=batch_size):
                row = _document_row(indexed, record)
                buffer.write("\t".join(_copy_text(getattr(row, name)) for name in REBUILT))
                buffer.write("\n")
                rows += 1
                if rows >= batch_size:
                    _copy(cursor, staging, columns, buffer)
                    buffer, rows = io.StringIO(), 0
            _copy(cursor, staging, columns, buffer)
        cursor.execute(
            f"INSERT INTO {quote(table)} ({columns}, {quote('updated_at')}, {quote('search_vector')}) "
            f"SELECT {columns}, statement_timestamp(), {vector_sql} FROM {staging} AS {quote(table)}",
            vector_params,
        )
        cursor.execute(f"DROP TABLE {staging}")


def _copy(cursor, table, columns, buffer):
    if buffer.tell():
        buffer.seek(0)
        cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)


# --- searching -----------------------------------------------------------------------------


@dataclass
class SearchResults:
    hits: object  # a sliceable, countable sequence of SearchDocument with `.rank` (RankedHits, a list)
    facets: dict  # {kind: number of matching records, up to CANDIDATES}, whatever kind was asked for
    more: frozenset = frozenset()  # the kinds with more than CANDIDATES matches

    @property
    def total(self):
        return sum(self.facets.values())


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


def _searchable(term):
    """A term finds something unless it is punctuation alone or a single stop word."""
    return any(char.isalnum() for char in term) and term.lower() not in STOP_WORDS


def search_terms(query):
    """(terms, excluded) as `parse_query`, without what PostgreSQL ignores: stop words and
    terms without a letter or digit."""
    terms, excluded = parse_query(query)
    return [t for t in terms if _searchable(t)], [t for t in excluded if _searchable(t)]


def _name_query(query):
    """The whole query as a name to compare with titles and names (folded, lower case,
    single spaces), or None when it excludes words."""
    terms, excluded = parse_query(query)
    return None if excluded or not terms else " ".join(fold(" ".join(terms)).lower().split())


def search(*, query: str, kind: str | None = None) -> SearchResults:
    if connection.vendor == "postgresql":
        return _search_postgresql(query, kind)
    return _search_by_words(query, kind)


def folded_title_sql(schema_editor) -> str:
    """The SQL of the folded, lower-case title that `_search_postgresql` compares with the
    query, constants inlined, for the expression index of migration 0004."""
    quote = schema_editor.quote_value
    return f'lower(translate("title", {quote(FOLD_FROM)}, {quote(FOLD_TO)}))'


def spelled_queries(query):
    """`query` (websearch syntax) in each of its British and American spellings (`spellings`):
    "air defence" is searched as "air defence" or "air defense". A word left out is left
    out in every spelling ("-defence" is "-defence -defense" in each). The query's first
MAX_FOLDED_WORDS words with two spellings are spelled both ways: at most 2 ** MAX_FOLDED_WORDS
queries."""
    tokens = re.findall(r'-?"[^"]*(?:"|$)|\S+', query)
    choices, budget = [], MAX_FOLDED_WORDS
    for token in tokens:
        if token.startswith("-") and len(token) > 1:
            choices.append([" ".join("-" + spelling for spelling in spellings(token[1:]))])
            continue
        choices.append(spellings(token, limit=budget))
        budget -= folded_words(token)
    return [" ".join(chosen) for chosen in product(*choices)] or [query]


def _search_query(query):
    """The websearch query of each spelling of `query`, any of which a document may match."""
    queries = [
        SearchQuery(fold(spelled), search_type="websearch", config=TEXT_SEARCH_CONFIG)
        for spelled in spelled_queries(query)
    ]
    return reduce(operator.or_, queries)


def matching_documents(query):
    """The documents matching `query` on PostgreSQL: its stored vectors, through the GIN index."""
    return SearchDocument.objects.filter(search_vector=_search_query(query))


def _folded_title():
    """The title as `folded_title_sql` folds it, the expression its index holds."""
    return Lower(Func(F("title"), Value(FOLD_FROM), Value(FOLD_TO), function="translate", output_field=TextField()))


class RankedHits:
    """The ranked hits of a search whose number is known already: a paginator counts them
    without a query, and a page (a slice) reads that page's rows alone."""

    def __init__(self, queryset, count):
        self.queryset = queryset
        self._count = count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        return self.queryset[index]


def _candidates(query, name, kind):
    """One query over the index: up to CANDIDATES + 1 matches of each kind (each kind's
    matches through its own GIN index, migration 0005), and the matches whose title is the
    query (through the index on the folded title). Returns (facets, more, candidate pks):
    the facets count every kind up to CANDIDATES; the candidates are CANDIDATES matches of
    each kind asked for, and the records titled as the query, whatever their number."""
    matching = matching_documents(query)
    samples = [
        matching.filter(kind=key).order_by().annotate(titled=Value(False)).values_list("pk", "kind", "titled")[
            : CANDIDATES + 1
        ]
        for key in KINDS
    ]
    if name:
        titled = matching.alias(name_title=_folded_title()).filter(name_title=name)
        if kind:
            titled = titled.filter(kind=kind)
        samples.append(titled.order_by().annotate(titled=Value(True)).values_list("pk", "kind", "titled")[:CANDIDATES])
    rows = samples[0].union(*samples[1:], all=True).order_by()
    with _through_indexes(rows.db):
        rows = list(rows)
    counts, candidates = {}, {}
    for pk, key, is_titled in rows:
        if is_titled:
            candidates[pk] = True
            continue
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= CANDIDATES and (not kind or key == kind):
            candidates[pk] = True
    more = frozenset(key for key, count in counts.items() if count > CANDIDATES)
    return _ordered({key: min(count, CANDIDATES) for key, count in counts.items()}), more, list(candidates)


@contextmanager
def _through_indexes(alias):
    """Read the candidates through the indexes, never by scanning the table, so the same
    search takes the same sample each time while the records are unchanged.

    A kind's first CANDIDATES matches come in no set order. For a word common in that kind
    PostgreSQL reads them by scanning the table, and a large table's scan starts where
    another scan has got to (synchronize_seqscans), so the sample, and with it the first
    page, changed from one request to the next, and page 2 need not follow page 1. Through
    a GIN index (a bitmap scan: physical order) or a btree (key order), with no parallel
    workers splitting the rows between them, the first matches are the same each time, on
    a replica too (it holds the same pages), and reading them costs about what the scan
    did when lucky, and far less than a scan that starts past a kind's matches.
    The settings are local to this transaction (the page and the API search outside one;
    inside a caller's transaction they would last to its end)."""
    with transaction.atomic(using=alias):
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), "
                "set_config('max_parallel_workers_per_gather', '0', true)"
            )
        yield


def _search_postgresql(query, kind):
    search_query = _search_query(query)
    name = _name_query(query)
    facets, more, candidates = _candidates(query, name, kind)
    # The candidates' keys as one array (`AmongKeys`): up to 3,000 keys written out one by
    # one cost more to compile and plan than ranking their records does.
    # The stored vector is read to rank, never sent back: it is as long as the record's text.
    ranked = SearchDocument.objects.filter(AmongKeys(candidates)).defer("search_vector")
    # Half the rank is whether the query is the record's title or one of its names, so
    # such a record comes first; the other half is ts_rank, in [0, 1).
    rank = SearchRank(F("search_vector"), search_query, normalization=RANK_NORMALISATION)
    if name:
        ranked, exact = _named(ranked, name)
        rank += Case(When(exact, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
    hits = ranked.annotate(rank=rank / 2).order_by("-rank", "kind", "title", "pk")
    return SearchResults(hits=RankedHits(hits, len(candidates)), facets=facets, more=more)


def _named(ranked, name):
    """`ranked` and a Q for its documents whose title, or one of whose names, is `name`
    (folded, lower case). Folding every candidate's title and names to compare them was
    half the cost of ranking 1,500 candidates, so cheaper tests go first: folding keeps a
    text's length (one character for one, as lower case does), so only a title as long as
    the name can be it; and only countries and weapon systems have names besides their title
    (the other documents hold none)."""
    ranked = ranked.alias(
        title_length=Length("title"),
        name_title=Lower(_folded_sql(F("title"))),
        name_lines=Concat(Value("\n"), Lower(_folded_sql(F("names"))), Value("\n"), output_field=TextField()),
    )
    titled = Q(title_length=len(name)) & Q(name_title=name)
    named = ~Q(names="") & Q(name_lines__contains=f"\n{name}\n")
    return ranked, titled | named


class SearchFold(Func):
    """fold() and lower case in SQLite, through the function `apps.py` registers."""

    function = "search_fold"
    output_field = TextField()


def _starts_a_word(term, text):
    return re.search(r"(?<!\w)" + re.escape(term), text) is not None


@dataclass
class _Folded:
    """A document's fields folded, in lower case, with single spaces, as SQLite matches them."""

    title: str
    names: list
    keywords: str
    body: str

    @classmethod
    def of(cls, document):
        def plain(text):
            return " ".join(fold(text).lower().split())

        return cls(
            title=plain(document.title),
            names=[plain(name) for name in document.names.split("\n") if name.strip()],
            keywords=plain(document.keywords),
            body=plain(document.body),
        )

    @property
    def everything(self):
        return "\n".join([self.title, *self.names, self.keywords, self.body])


def _search_by_words(query, kind):
    terms, excluded = search_terms(query)
    if not terms:
        return SearchResults(hits=[], facets={})
    # Each term in each of its spellings ("defence", "defense"), any of which may match.
    # As on PostgreSQL (`spelled_queries`), the first MAX_FOLDED_WORDS words with two
    # spellings are spelled both ways.
    budget, spelled_terms = MAX_FOLDED_WORDS, []
    for term in terms:
        spelled_terms.append([" ".join(spelled.split()) for spelled in spellings(fold(term).lower(), limit=budget)])
        budget -= folded_words(term)
    terms = spelled_terms
    excluded = [" ".join(spelled.split()) for term in excluded for spelled in spellings(fold(term).lower())]
    # SQLite narrows the documents to those holding every word somewhere (in one of its
    # spellings); whether each term starts a word (and a phrase is whole) is checked here,
    # on the few it returns.
    text = SearchFold(Concat("title", Value("\n"), "names", Value("\n"), "keywords", Value("\n"), "body",
                             output_field=TextField()))
    condition = Q()
    for term in terms:
        # A term's spellings differ word for word: each word is held in one of its spellings.
        for spelled_word in zip(*(spelled.split() for spelled in term), strict=True):
            condition &= reduce(operator.or_, (Q(text__contains=word) for word in sorted(set(spelled_word))))
    name = _name_query(query)
    # At most SCANNED documents of each kind are read and checked here (a common word holds
    # in most of them), and besides them those whose title is the query.
    numbered = Window(RowNumber(), partition_by=[F("kind")], order_by=[F("pk").asc()])
    documents = list(
        SearchDocument.objects.alias(text=text).filter(condition).annotate(number=numbered).filter(number__lte=SCANNED)
        .order_by("pk")
    )
    if name:
        seen = {document.pk for document in documents}
        titled = SearchDocument.objects.alias(text=text, folded_title=SearchFold("title")).filter(condition, folded_title=name)
        documents += [document for document in titled if document.pk not in seen]
    facets, matching = {}, []
    for document in documents:
        folded = _Folded.of(document)
        if all(any(_starts_a_word(spelled, folded.everything) for spelled in term) for term in terms) and not any(
            _starts_a_word(term, folded.everything) for term in excluded
        ):
            exact = name is not None and (name == folded.title or name in folded.names)
            facets[document.kind] = facets.get(document.kind, 0) + 1
            if facets[document.kind] > CANDIDATES and not exact:
                continue
            document.rank = round((_word_rank(folded, terms) + exact) / 2, 6)
            matching.append(document)
    more = frozenset(key for key, count in facets.items() if count > CANDIDATES)
    hits = [document for document in matching if not kind or document.kind == kind]
    hits.sort(key=lambda d: (-d.rank, d.kind, d.title, d.pk))
    return SearchResults(
        hits=hits, facets=_ordered({key: min(count, CANDIDATES) for key, count in facets.items()}), more=more
    )


def _word_rank(folded, terms):
    """How much the record is about the terms (each a list of its spellings), in [0, 1):
    for each term, the best place it occurs decides its band (title or a name 0.6 to 0.9,
    keywords 0.3 to 0.55, text below 0.3); within a band, a term that is more of the title
    or name, or denser in the text, counts more; of its spellings, the one that scores best
    counts, so a record ranks the same whichever spelling was asked for. The terms' mean, and
    a little more when they occur together as written (in any of their spellings)."""
    scores = [max(_term_score(folded, spelled) for spelled in term) for term in terms]
    together = len(terms) > 1 and any(
        spelled in folded.body for spelled in spellings(" ".join(term[0] for term in terms))
    )
    return round(min(0.99, sum(scores) / len(scores) + (0.05 if together else 0.0)), 6)


def _term_score(folded, term):
    """One spelling of one term's score (see `_word_rank`)."""
    in_text = min(1.0, 20 * folded.body.count(term) * len(term) / len(folded.body)) if folded.body else 0.0
    if not _starts_a_word(term, folded.body):
        in_text = 0.0
    names = [name for name in [folded.title, *folded.names] if _starts_a_word(term, name)]
    if names:
        return 0.6 + 0.25 * max(len(term) / len(name) for name in names) + 0.05 * in_text
    if _starts_a_word(term, folded.keywords):
        return 0.3 + 0.2 * min(1.0, 4 * len(term) / len(folded.keywords)) + 0.05 * in_text
    return 0.25 * in_text


def _ordered(facets):
    return {kind: facets[kind] for kind in KINDS if facets.get(kind)}


# --- snippets ------------------------------------------------------------------------------

SNIPPET_BEFORE, SNIPPET_AFTER = 80, 180


def _pattern(query):
    """The searched terms (folded, as `search_terms` keeps them) as one pattern, to run over
    folded text: fold() keeps positions, so a match there marks the original."""
    terms, _ = search_terms(query)
    parts = []
    spelled = {spelling for term in terms for spelling in spellings(fold(term))}
    for term in sorted(spelled, key=len, reverse=True):
        # Match the word's stem as well, roughly as PostgreSQL's stemmer does:
        # "delivered" also finds "deliveries".
        stem = term[: max(4, len(term) - 2)] if len(term) > 5 and " " not in term else term
        parts.append(re.escape(stem) + r"\w*")
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE) if parts else None


def snippet(text, query):
    """An escaped passage of `text` around the first match, matches wrapped in <mark>."""
    pattern = _pattern(query)
    match = pattern.search(fold(text)) if pattern else None
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
    html = ("…" if start > 0 else "") + _marked(passage, pattern) + ("…" if end < len(text) else "")
    # Safe: every piece of the record's text went through escape(); only <mark> is added.
    return mark_safe(html)


def _marked(text, pattern):
    """`text` escaped, the matches of `pattern` (if any) wrapped in <mark>."""
    pieces, position = [], 0
    for found in (pattern.finditer(fold(text)) if pattern else ()):
        pieces.append(escape(text[position:found.start()]))
        pieces.append(f"<mark>{escape(text[found.start():found.end()])}</mark>")
        position = found.end()
    pieces.append(escape(text[position:]))
    return "".join(pieces)


# At most so many of a record's other names are said in an excerpt, the matching ones.
NAMES_SAID = 3


def _whose_names(groups, pattern):
    """What a hit found by other records' names (`groups`, from a declaration's
    `also_known_as`) says of them: "Recipient: Turkey, also known as <mark>Ankara</mark>",
    only for those whose names the words match; "" for none."""
    said = []
    for role, name, others in groups:
        in_name = bool(pattern.search(fold(name)))
        folded_name = fold(name).lower()
        matched = [other for other in others if pattern.search(fold(other)) and fold(other).lower() not in folded_name]
        if not (in_name or matched):
            continue
        also = f", also known as {', '.join(_marked(other, pattern) for other in matched[:NAMES_SAID])}" if matched else ""
        said.append(f"{escape(role)}: {_marked(name, pattern)}{also}")
    return "; ".join(said)


def highlight(hits, query):
    """Give each hit of a page its `snippet`: from its text where the words occur there,
    else from its names (say the alias that matched) or keywords, else its text's beginning.
    A hit found only by names its keywords copy from other records (a deal by its
    recipient's alias) says whose names they are, then its text's beginning, rather than
    show the keywords, a row of names (see `also_known_as` in `search.registry`)."""
    pattern = _pattern(query)
    named_elsewhere = {}  # {kind: [hit]}: their records read a kind at a time
    for hit in hits:
        def matches(text):
            return bool(pattern and text and pattern.search(fold(text)))

        declared = registry.for_kind(hit.kind)
        hit.kind_label = declared.verbose_name
        names = ", ".join(name for name in hit.names.split("\n") if name.strip())
        if matches(hit.body) or not (names or hit.keywords.strip()):
            text = hit.body or hit.title
        elif matches(names) and not matches(hit.title):
            text = names
        elif matches(hit.keywords) and not matches(hit.title) and declared.also_known_as is not None:
            named_elsewhere.setdefault(hit.kind, []).append(hit)
            continue
        elif matches(hit.keywords) and not matches(hit.title):
            text = hit.keywords
        else:
            text = hit.body or names or hit.keywords or hit.title
        hit.snippet = snippet(text, query)
    for kind, found in named_elsewhere.items():
        groups = registry.for_kind(kind).also_known_as([hit.object_key for hit in found])
        for hit in found:
            whose = _whose_names(groups.get(hit.object_key, ()), pattern)
            text = snippet(hit.body or hit.title, query)
            # Safe: `_whose_names` and `snippet` escape every name and text; only <mark> is added.
            hit.snippet = mark_safe(f"{whose}. {text}" if whose else text)
    return hits
