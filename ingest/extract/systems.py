"""Weapon systems named in an article, by name or alias ("S-400", "Triumph", "F-35A").

Case-sensitive and whole-word; the longest name wins, so "S-300PS" is not read as "S-300".
"""
from .base import Finding, Kind, Lexicon, names_pattern, sentence_at, sentences


def find_systems(text: str, *, lexicon: Lexicon, sentence_spans=None) -> list[Finding]:
    by_name = {system.name: system for system in lexicon.systems}
    pattern = names_pattern(by_name)
    if pattern is None:
        return []
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    found = []
    for match in pattern.finditer(text):
        system = by_name[match.group()]
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), match.end())
        found.append(
            Finding(Kind.SYSTEM, start, end, match.start(), match.end(),
                    {"slug": system.slug, "name": system.canonical, "alias": match.group(),
                     "maker_country": system.maker_country})
        )
    return found
