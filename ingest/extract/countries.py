"""Countries named in an article: names, spellings, capitals used for the state ("Ankara"),
adjectives ("Turkish"), all from the knowledge base's country aliases.

Matching is case-sensitive and whole-word because aliases include "US" and "Victoria".
A name that is not the state is left out: a currency ("U.S. dollars", "US$1.25bn"), a place named after
it ("the Taiwan Strait", "the Korean Peninsula"), an institution named after a city ("the Warsaw
Institute of …", "the Moscow Centre for …", "a Berlin think tank"), a city as a location ("a London-based
newspaper", "a researcher in Abu Dhabi", "a Vienna consultancy", "talks held in Riga": a capital after a preposition of
place is where something happened, while "Ankara said" and "sold to Ankara" are the state).
"Brussels" stands for the European Union (or NATO), not Belgium, unless the article names
Belgium otherwise. The place of a war or of a sky is no state either: "the war in Ukraine", "Russia's war in
Ukraine" (Russia is the state waging it), "Syrian airspace", "the Syrian war".

A state's armed service written as its acronym stands for the state: "the PLA" for China,
"the IRGC" for Iran; "the IAF" for India where the article is written the Indian way (sums
in Rs, crore or lakh, a New Delhi dateline), as elsewhere it may be Israel's.
"""
import re

from .base import Finding, Kind, Lexicon, names_pattern, sentence_at, sentences

_NOT_THE_STATE = re.compile(
    r"(?:\s+(?:dollars?|Strait|Straits|Sea|Gulf|Peninsula|Islands?|Ocean|Channel|Basin|Valley|Desert|Mountains|River|Bay|"
    r"Coast|Plateau|Institute|Centre|Center|University|Academy|Foundation|School|College|Club|Pact|"
    r"airspace|(?:civil )?war|territory|soil)\b|-based\b|\s?\$"
    # "the Emirates Policy Forum", "the American Enterprise Institute": a name of an institution
    r"|(?:\s+[A-Z][a-z]+){1,2}\s+(?:Institute|Centre|Center|Forum|Foundation|University|Academy)\b"
    # "a Berlin research institute", "a Warsaw think tank": the seat of a source, no state
    r"|\s+(?:research\s+(?:institute|centre|center|group|firm)|think[- ]?tank)s?\b)"
)


# Acronym -> (ISO code, the words in the article that must be there for it to mean that state).
FORCE_ACRONYMS = {
    "PLA": ("CN", None), "PLAAF": ("CN", None), "IRGC": ("IR", None), "IDF": ("IL", None),
    "IAF": ("IN", re.compile(r"(?<!\w)(?:Rs\.?\s?\d|₹)|\b(?:crores?|lakhs?|NEW DELHI|New Delhi|India|Indian)\b")),
}
_ACRONYM = re.compile(rf"\b(?:{'|'.join(FORCE_ACRONYMS)})\b")


def _forces(text: str, lexicon: Lexicon, sentence_spans) -> list[Finding]:
    names = {code: name for code, name in lexicon.countries.values()}
    found = []
    for match in _ACRONYM.finditer(text):
        code, required = FORCE_ACRONYMS[match.group()]
        if code not in names or (required is not None and not required.search(text)):
            continue
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), match.end())
        found.append(Finding(Kind.COUNTRY, start, end, match.start(), match.end(),
                             {"code": code, "name": names[code], "alias": match.group()}))
    return found


# Capitals that in reporting stand for a union or an alliance seated there ("Brussels has voiced
# concern": the European Union or NATO), not for their country's government, unless the article
# names that country otherwise ("Belgium", "Belgian").
_UNION_SEATS = {"Brussels"}


def _names_otherwise(text: str, seat: str, lexicon: Lexicon) -> bool:
    code = lexicon.countries[seat][0]
    return any(code == other and alias not in _UNION_SEATS and re.search(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text)
               for alias, (other, _name) in lexicon.countries.items())


def stands_for_union(text: str, name: str, lexicon: Lexicon) -> bool:
    """Whether a capital written in the article stands for the union seated there."""
    return name in _UNION_SEATS and name in lexicon.countries and not _names_otherwise(text, name, lexicon)


# "a Vienna consultancy", "a London defence institute": a capital before an institution in
# lower case is the seat of a source, not the state.
_SEAT_OF = re.compile(
    r"\s+(?:[a-z][a-z-]+\s+){0,2}(?:institutes?|consultanc(?:y|ies)|universit(?:y|ies)|colleges?|academ(?:y|ies)"
    r"|firms?|centres?|centers?)\b"
)
_A_OR_THE = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+$")
# "the war in Ukraine", "fighting in Syria": the place of a war, not the state.
_WAR_IN = re.compile(r"\b(?:war|wars|conflict|fighting|hostilities|battles?)\s+in\s+$")
# "held in Riga", "a researcher at the … in Abu Dhabi": a capital as the place of something.
_AT_A_PLACE = re.compile(r"\b(?:in|at|near|outside|around|across)\s+$")


def find_countries(text: str, *, lexicon: Lexicon, sentence_spans=None) -> list[Finding]:
    pattern = names_pattern(lexicon.countries)
    if pattern is None:
        return []
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    found = []
    seats = {seat for seat in _UNION_SEATS if seat in lexicon.countries and seat in text and not _names_otherwise(text, seat, lexicon)}
    for match in pattern.finditer(text):
        if _NOT_THE_STATE.match(text, match.end()) or match.group() in seats:
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        if _WAR_IN.search(before) or match.group() in lexicon.capitals and (
                _AT_A_PLACE.search(before) or _A_OR_THE.search(before) and _SEAT_OF.match(text, match.end())):
            continue
        code, name = lexicon.countries[match.group()]
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), match.end())
        found.append(
            Finding(Kind.COUNTRY, start, end, match.start(), match.end(),
                    {"code": code, "name": name, "alias": match.group()})
        )
    found += _headings(text, lexicon, sentence_spans, found)
    return sorted([*found, *_forces(text, lexicon, sentence_spans)], key=lambda f: f.words_start)


# A factbox's heading in capitals, a line of its own: "SAUDI ARABIA", "CHINA:", "OTHERS".
HEADING = re.compile(r"^(?P<name>[A-Z][A-Z .'’-]{2,40}?)[ :]*$", re.MULTILINE)


def _headings(text: str, lexicon: Lexicon, sentence_spans, found: list[Finding]) -> list[Finding]:
    """A country named by a heading in capitals, which case-sensitive matching passes by (an
    alias such as "US" is not to be found in any word in capitals, only in a whole heading)."""
    by_name = {alias.casefold(): (code, name) for alias, (code, name) in lexicon.countries.items() if alias[:1].isupper()}
    headings = []
    for match in HEADING.finditer(text):
        country = by_name.get(match["name"].casefold())
        if country is None or any(f.words_start == match.start() for f in found):
            continue
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), match.end("name"))
        headings.append(Finding(Kind.COUNTRY, start, end, match.start(), match.end("name"),
                                {"code": country[0], "name": country[1], "alias": match["name"]}))
    return headings
