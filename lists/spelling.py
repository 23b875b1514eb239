"""British and American spellings of one word, so a term finds both: "air defence" what
"air defense" finds, "programme" a "program", "organise" an "organize", and back; and a
system's designator written without its hyphen, "S400" or "Su35", what "S-400" and "Su-35"
find (one way only: a hyphen written is the spelling the sources use).

Used by the site search (both databases) and by every list's free-text `q`. Bounded on
purpose: a short table of words (defence, programme, armour, centre…) and the -ise/-ize,
-yse/-yze verbs and their forms; a text's first `MAX_FOLDED_WORDS` such words are spelled
both ways, so a text (a search, a list's term) has at most 2 ** MAX_FOLDED_WORDS spellings.
"""
import re
from itertools import product

# (British, American), each form written out: a rule for -ce/-se or -our would also turn
# "fence", "hour" or "four" into words that are not spellings of them.
_PAIRS = [
    ("defence", "defense"), ("defences", "defenses"), ("defenceless", "defenseless"),
    ("offence", "offense"), ("offences", "offenses"),
    ("licence", "license"), ("licences", "licenses"),
    ("pretence", "pretense"),
    ("programme", "program"), ("programmes", "programs"),
    ("catalogue", "catalog"), ("catalogues", "catalogs"),
    ("armour", "armor"), ("armoured", "armored"), ("armoury", "armory"),
    ("honour", "honor"), ("honours", "honors"), ("labour", "labor"),
    ("favour", "favor"), ("favourable", "favorable"), ("rumour", "rumor"), ("rumours", "rumors"),
    ("neighbour", "neighbor"), ("neighbours", "neighbors"), ("neighbouring", "neighboring"),
    ("behaviour", "behavior"), ("endeavour", "endeavor"),
    ("centre", "center"), ("centres", "centers"),
    ("metre", "meter"), ("metres", "meters"), ("kilometre", "kilometer"), ("kilometres", "kilometers"),
    ("manoeuvre", "maneuver"), ("manoeuvres", "maneuvers"),
]
_OTHER = {british: american for british, american in _PAIRS} | {american: british for british, american in _PAIRS}

# -ise/-ize and -yse/-yze (organise, organised, organising, organisation; analyse): at
# least three letters before the ending, so "rise", "size", "raise" and "seize" stay as
# they are; the words below end so too but are never spelled with a z.
_IZE = re.compile(r"^([a-z]{3,}[^aeiou\W])([iy])([sz])(e|es|ed|ing|ation|ations|er|ers)$")
_ONLY_S = frozenset("""
    advertise advise apprise arise chastise circumcise comprise compromise concise demise
    despise devise disguise enterprise excise exercise expertise franchise improvise incise
    merchandise otherwise paradise precise premise promise reprise revise supervise surmise
    surprise televise treatise likewise clockwise
""".split())


# A designator run together: a few letters, then digits, perhaps a suffix ("s400", "su35",
# "s300pmu", "hq9").
_DESIGNATOR = re.compile(r"^([a-z]{1,3})([0-9]{1,4})([a-z]{0,4})$")


def other_spelling(word: str) -> str | None:
    """The word's other spelling (lower case), or None when it has none."""
    word = word.lower()
    if word in _OTHER:
        return _OTHER[word]
    designator = _DESIGNATOR.match(word)
    if designator:
        letters, digits, suffix = designator.groups()
        return f"{letters}-{digits}{suffix}"
    match = _IZE.match(word)
    if match is None:
        return None
    stem, vowel, letter, ending = match.groups()
    if f"{stem}{vowel}se" in _ONLY_S or f"{stem}{vowel}s" in _ONLY_S:
        return None
    return f"{stem}{vowel}{'z' if letter == 's' else 's'}{ending}"


MAX_FOLDED_WORDS = 4
_WORD = re.compile(r"[^\W_]+")  # letters and digits: a designator is one word


def folded_words(text: str) -> int:
    """How many of `text`'s words have another spelling."""
    return sum(1 for match in _WORD.finditer(text) if other_spelling(match.group()))


# Hyphens and dashes set apart from the keyboard's, as text copied from a typeset article has
# them ("S–400" with an en dash, "S\u2011400" with a non-breaking hyphen): also searched with the hyphen the records use.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2212", "-"))


def spellings(text: str, *, limit: int = MAX_FOLDED_WORDS) -> list[str]:
    """`text` as written first, then with its words' other spellings in every combination
    (words with two spellings beyond the first `limit` are left as written); then, if it has
    typeset dashes, the same with hyphens."""
    hyphenated = text.translate(_DASHES)
    if hyphenated != text:
        return _spellings(text, limit) + _spellings(hyphenated, limit)
    return _spellings(text, limit)


def _spellings(text: str, limit: int) -> list[str]:
    found = [match for match in _WORD.finditer(text) if other_spelling(match.group())][:max(0, limit)]
    if not found:
        return [text]
    results = []
    for choice in product((False, True), repeat=len(found)):
        pieces, position = [], 0
        for match, other in zip(found, choice, strict=True):
            pieces.append(text[position:match.start()])
            pieces.append(other_spelling(match.group()) if other else match.group())
            position = match.end()
        pieces.append(text[position:])
        results.append("".join(pieces))
    return results


def substring_spellings(text: str) -> list[str]:
    """`spellings`, less those that hold another of them: a substring match of "program"
    finds "programme" already."""
    every = spellings(text)
    lowered = [spelling.lower() for spelling in every]
    return [
        spelling for spelling, low in zip(every, lowered, strict=True)
        if not any(other != low and other in low for other in lowered)
    ]
