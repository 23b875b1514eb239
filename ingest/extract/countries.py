"""Countries named in an article: names, spellings, capitals used for the state ("Ankara"),
adjectives ("Turkish"), all from the knowledge base's country aliases.

Matching is case-sensitive and whole-word because aliases include "US" and "Victoria".
"""
from .base import Finding, Kind, Lexicon, names_pattern, sentence_at, sentences


def find_countries(text: str, *, lexicon: Lexicon, sentence_spans=None) -> list[Finding]:
    pattern = names_pattern(lexicon.countries)
    if pattern is None:
        return []
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    found = []
    for match in pattern.finditer(text):
        code, name = lexicon.countries[match.group()]
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), match.end())
        found.append(
            Finding(Kind.COUNTRY, start, end, match.start(), match.end(),
                    {"code": code, "name": name, "alias": match.group()})
        )
    return found
