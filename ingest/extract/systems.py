"""Weapon systems named in an article, by name or alias ("S-400", "Triumph", "F-35A"), and
systems the base does not know yet, by the shape of their name, for the editor to create.

Known names are case-sensitive and whole-word; the longest name wins, so "S-300PS" is not
read as "S-300". An unknown system is a designation ("HQ-9", "KN-06", "S-500", "Su-35",
"Tor-M2", "Pantsir-S1", "Patriot PAC-3") or a capitalised name before a word for weapons
("the THAAD system", "Rafale jets"); its finding has the name and no slug. A country
adjective right before it ("the Chinese HQ-9") is its maker.
"""
import re

from .base import Finding, Kind, Lexicon, names_pattern, sentence_at, sentences

_DESIGNATION = (
    r"(?:[A-Z][A-Za-z]{0,6}-\d{1,3}(?!\d)[A-Za-z0-9]*(?:-[A-Z0-9]+)*"  # HQ-9, KN-06, Su-35, MiG-29M, PAC-3
    r"|[A-Z][a-z]{2,}-[A-Z]{1,2}\d{0,2}(?![\w-]))"  # Tor-M2, Pantsir-S1, Iskander-M
)
_WEAPON_WORDS = (
    r"(?:(?:air[- ]defen[cs]e|missile|anti-aircraft|anti-missile|surface-to-air|fighter|combat|interceptor)\s+){0,2}"
    r"(?:systems?|batteries|battery|jets?|fighters?|interceptors?|missiles?|complex(?:es)?|helicopters?|tanks?)\b"
)
UNKNOWN = re.compile(
    rf"(?<![\w-])(?:(?P<family>[A-Z][a-z]{{3,}}) )?(?P<designation>{_DESIGNATION})(?![\w-])"
    rf"|(?<![\w-])(?P<name>[A-Z][a-z]{{3,}}|[A-Z]{{4,}})(?= {_WEAPON_WORDS})"
)
# Capitalised words that are not system names, even before "systems".
_NOT_NAMES = {
    "The", "These", "Those", "This", "That", "Their", "Its", "Such", "Other", "Both", "Some", "Several", "Many",
    "Western", "Soviet", "European", "NATO", "Allied", "Foreign", "Modern", "Advanced", "Defence", "Defense",
    "Missile", "Missiles", "Air", "Army", "Navy", "Long", "Short", "Medium", "Mobile", "Ground", "Naval",
    "Strategic", "Tactical", "Anti", "More", "Additional", "Further", "Second", "Third",
    "First", "Fourth", "Fifth", "Patriots", "While", "When", "After", "Before", "With", "From", "Under",
    "COVID", "Boeing", "Airbus", "Flight", "Route", "Resolution", "Article", "Section", "Chapter", "Model",
}


def find_systems(text: str, *, lexicon: Lexicon, sentence_spans=None) -> list[Finding]:
    by_name = {system.name: system for system in lexicon.systems}
    pattern = names_pattern(by_name)
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    found = []
    for match in pattern.finditer(text) if pattern else ():
        system = by_name[match.group()]
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), match.end())
        found.append(
            Finding(Kind.SYSTEM, start, end, match.start(), match.end(),
                    {"slug": system.slug, "name": system.canonical, "alias": match.group(),
                     "maker_country": system.maker_country})
        )
    return sorted([*found, *_unknown_systems(text, lexicon, sentence_spans, found)], key=lambda f: f.words_start)


def _unknown_systems(text, lexicon, sentence_spans, known) -> list[Finding]:
    countries = names_pattern(lexicon.countries)
    organisations = {o.name for o in lexicon.organisations}
    found = []
    for match in UNKNOWN.finditer(text):
        name, start = match["designation"] or match["name"], match.start("designation") if match["designation"] else match.start("name")
        if match["family"] and match["family"] not in _NOT_NAMES and match["family"] not in lexicon.countries:
            name, start = f"{match['family']} {name}", match.start("family")
        end = start + len(name)
        if name in _NOT_NAMES or name in lexicon.countries or name in organisations or name.split("-")[0] in lexicon.countries:
            continue
        if any(k.words_start < end and start < k.words_end for k in known):
            continue
        if countries and countries.fullmatch(name):
            continue
        sentence = sentence_at(sentence_spans, start)
        if sentence is None:
            continue
        before = text[max(sentence.start, start - 40) : start]
        maker = re.search(r"(?P<adjective>[\w-]+)(?:-made|-built)?\s+$", before)
        maker_code = lexicon.countries.get(maker["adjective"], ("", ""))[0] if maker else ""
        found.append(
            Finding(Kind.SYSTEM, sentence.start, sentence.end, start, end,
                    {"slug": "", "name": name, "alias": name, "maker_country": "", "maker_named": maker_code})
        )
    return found
