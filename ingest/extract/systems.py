"""Weapon systems named in an article, by name or alias ("S-400", "Triumph", "F-35A"), and
systems the base does not know yet, by the shape of their name, for the editor to create.

Known names are case-sensitive and whole-word; the longest name wins, so "S-300PS" is not
read as "S-300". An unknown system is a designation ("HQ-9", "KN-06", "S-500", "Su-35",
"Tor-M2", "Pantsir-S1", "Patriot PAC-3", "KM-SAM", "FD-2000") or a capitalised name before a word for weapons
("the THAAD system", "Rafale jets"; not a word for weapons itself: "Fighter jets"), a name set
beside such a word ("the air defence system, Project Kusha, …") or a programme's name in a sentence
about missiles or air defence ("Project Kusha"), a name and a four-figure number that is no year
("Antey-2500"), or one of the widely exported systems below by its own
name ("Rafale", "Akash"); its finding has the name and no slug. Its maker is the country
adjective right before it ("the Chinese HQ-9"); failing that, the maker of the system family
the base knows it by ("S-300PMU2" is an S-300) or of a widely exported family below, for the
editor to confirm.
"""
import re

from .base import NATIONALITY, Finding, Kind, Lexicon, names_pattern, sentence_at, sentences

_DESIGNATION = (
    # HQ-9, KN-06, Su-35, MiG-29M, PAC-3; an export variant after a slash: HQ-9/P, HQ-9/BE
    r"(?:[A-Z][A-Za-z]{0,6}-\d{1,3}(?!\d)[A-Za-z0-9]*(?:-[A-Z0-9]+)*(?:/[A-Z]{1,2}(?![\w/-]))?"
    # Antey-2500: four digits that are not a year ("Army-2020" is a forum)
    r"|[A-Z][a-z]{2,6}-(?!(?:19|20)\d\d)\d{4}(?![\d-])"
    r"|[A-Z][a-z]{2,}-[A-Z]{1,2}\d{0,2}(?:[A-Z]{1,3}(?=\W))?(?![\w-])"  # Tor-M2, Tor-M2KM, Pantsir-S1, Iskander-M
    r"|[A-Z][a-z]{3,}-(?!(?:19|20)\d\d(?!\d))\d{4}(?![\w-])"  # Antey-2500: a name and a four-figure index, never a year
    # FD-2000, FT-2000: two capitals and a four-figure index; a year never follows two capitals and a hyphen
    r"|[A-Z]{2}-\d{4}(?![\w-])"
    r"|[A-Z]{1,3}-SAM(?![\w-])"  # KM-SAM, MR-SAM, L-SAM: surface-to-air missiles by class
    r"|[A-Z]{2,5}/[A-Z]{1,2}(?![\w/-])"  # SAMP/T: letters and a variant after a slash
    r"|[A-Z]{3,5}-[A-Z](?: [A-Z]{2,3})?(?![\w/-]))"  # IRIS-T, IRIS-T SLM: letters, a letter, a variant
)
_WEAPON_WORDS = (
    r"(?:(?:air[- ]defen[cs]e|missile|anti-aircraft|anti-missile|surface-to-air|fighter|combat|interceptor|"
    r"(?:long|medium|short)-range)\s+){0,2}"
    r"(?:systems?|batteries|battery|jets?|fighters?|interceptors?|missiles?|complex(?:es)?|helicopters?|tanks?)\b"
)
# "the home-grown air defence system, Project Kusha, will …", "its interceptor, called Arrow,":
# a name set beside a word for weapons, or a programme's name ("Project Kusha") in such a sentence.
_APPOSITION = re.compile(
    r"\b(?:systems?|missiles?|interceptors?|batteries|battery|shield|jets?|fighters?)\s*,\s+(?:(?:known|dubbed|called|named) )?"
    r"(?P<name>(?:Project |Programme |Program )?[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?)(?=\s*[,(])"
)
_PROJECT = re.compile(r"(?<![\w-])(?P<name>(?:Project|Programme|Program|Operation) [A-Z][a-z]{2,})(?![\w-])")
_WEAPONS_NEARBY = re.compile(r"(?i)\b(?:air[- ]defen[cs]e|missiles?|interceptors?|batter(?:y|ies)|surface-to-air|anti-aircraft)\b")
UNKNOWN = re.compile(
    rf"(?<![\w-])(?:(?P<family>[A-Z][a-z]{{3,}}) )?(?P<designation>{_DESIGNATION})(?![\w-])"
    # "the THAAD system", "the Barak MX system": a name, perhaps with a variant in capitals.
    rf"|(?<![\w-])(?P<name>(?:[A-Z][a-z]{{3,}}|[A-Z]{{4,}})(?: [A-Z][A-Z0-9]{{1,3}})?)(?= {_WEAPON_WORDS})"
)
# Capitalised words that are not system names, even before "systems".
_NOT_NAMES = {
    "The", "These", "Those", "This", "That", "Their", "Its", "Such", "Other", "Both", "Some", "Several", "Many",
    "Western", "Soviet", "European", "NATO", "Allied", "Foreign", "Modern", "Advanced", "Defence", "Defense",
    "Missile", "Missiles", "Air", "Army", "Navy", "Long", "Short", "Medium", "Mobile", "Ground", "Naval",
    "Strategic", "Tactical", "Anti", "More", "Additional", "Further", "Second", "Third",
    "First", "Fourth", "Fifth", "Patriots", "While", "When", "After", "Before", "With", "From", "Under",
    "COVID", "Boeing", "Airbus", "Flight", "Route", "Resolution", "Article", "Section", "Chapter", "Model",
    # the words for weapons themselves, capitalised at the start of a sentence ("Fighter jets from …")
    "Fighter", "Fighters", "Combat", "Interceptor", "Interceptors", "Strike", "Attack", "Transport", "Bomber",
    "Every", "Each", "Any", "All", "Our", "Your", "His", "Her", "Stealth", "Cruise", "Ballistic", "Surface", "Radar", "Drone", "Drones", "Jet", "Jets", "Military", "Fifth-generation",
}


# A nationality before a designation ("the South Korean KM-SAM") is no family name, even when
# the base knows it only as part of a longer name.
_DEMONYM = re.compile(r"(?:[aeiy]an|ese|ish|ic)$")


# Makers of widely exported system families, by the start of their name: the seller of a
# system the base does not know yet when the sentence does not say it.
FAMILY_MAKERS = [
    (r"(?:S-\d{3}|Su-|MiG-|Mi-\d|Ka-\d|Tu-\d|Yak-\d|Il-\d|T-(?:72|80|90)|BMP-|BTR-|Tor\b|Tor-|Pantsir|Buk\b|Buk-|"
     r"Iskander|Kornet|Igla|Verba|Bastion|Kalibr|Kh-\d|Antey|TOS-\d)", "RU"),
    (r"(?:F-(?:15|16|18|22|35)|THAAD|PAC-\d|Patriot|HIMARS|Abrams|AH-64|Apache|UH-60|Black Hawk|MQ-9|C-130|P-8|Harpoon|"
     r"Stinger|Javelin|Aegis)", "US"),
    (r"(?:Rafale|Mirage|Aster|Crotale|Caesar|SAMP/T)", "FR"),  # SAMP/T: offered abroad by France
    (r"(?:Typhoon|Eurofighter)", "GB"),  # sold abroad by BAE Systems
    (r"(?:SPYDER|Barak|Iron Dome|David's Sling)", "IL"),
    (r"(?:Akash|Tejas|BrahMos)", "IN"),
    (r"(?:HQ-\d|FK-\d|J-10|JF-17|Wing Loong|FD-2000)", "CN"),
    (r"(?:Bayraktar|Hisar|Siper)", "TR"),
    (r"(?:IRIS-T|Leopard)", "DE"),
    (r"(?:Cheongung|KM-SAM|KF-21|K9\b)", "KR"),
    (r"(?:Bavar|Shahed)", "IR"),
]
_FAMILY_MAKERS = [(re.compile(pattern), code) for pattern, code in FAMILY_MAKERS]
# Exported systems whose name alone says what they are (no weapon word needed after them).
_OWN_NAMES = re.compile(
    r"(?<![\w-])(?:Rafale|Eurofighter Typhoon|Typhoon(?! [A-Z][a-z])|Eurofighter|Akash|SPYDER|Kornet|THAAD|NASAMS|HIMARS|Iron Dome|"
    r"BrahMos|Tejas|Bayraktar|Pantsir|Iskander)(?:-(?:[IVX]{1,3}|[A-Z]{1,3}\d?)(?![\w-]))?(?:(?<=[a-z])s)?(?![\w-])"  # "NASAMS-II"
)


# A place named after a system: "Patriot Park", the army's exhibition ground, is no Patriot.
_PLACE_AFTER = re.compile(r" (?:Park|Expo|Centre|Center|Square|Hall|Stadium|Street|Avenue|Hotel|Arena)\b")


def family_maker(name: str, lexicon: Lexicon) -> str:
    """The maker of the family a system's name belongs to: a system of the base its name starts
    with ("S-300PMU2", "F-35I"), else a widely exported family."""
    for system in sorted(lexicon.systems, key=lambda s: len(s.name), reverse=True):
        if system.maker_country and name.startswith(system.name) and len(system.name) >= 3:
            return system.maker_country
    return next((code for pattern, code in _FAMILY_MAKERS if pattern.match(name)), "")


def find_systems(text: str, *, lexicon: Lexicon, sentence_spans=None) -> list[Finding]:
    by_name = {system.name: system for system in lexicon.systems}
    pattern = names_pattern(by_name)
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    found = []

    def found_as(system, match):
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), match.end())
        found.append(
            Finding(Kind.SYSTEM, start, end, match.start(), match.end(),
                    {"slug": system.slug, "name": system.canonical, "alias": match.group(),
                     "maker_country": system.maker_country})
        )

    for match in pattern.finditer(text) if pattern else ():
        if not _PLACE_AFTER.match(text, match.end()):
            found_as(by_name[match.group()], match)
    # A known name in the plural, "the Patriots", "two S-400s": the same system.
    plural = names_pattern({f"{name}s": system for name, system in by_name.items() if name[-1:].isalnum() and not name.endswith("s")})
    for match in plural.finditer(text) if plural and by_name else ():
        if any(f.words_start < match.end() and match.start() < f.words_end for f in found):
            continue
        found_as(by_name[match.group()[:-1]], match)
    return sorted([*found, *_unknown_systems(text, lexicon, sentence_spans, found)], key=lambda f: f.words_start)


def _weapons_in_sentence(text, sentence_spans, match) -> bool:
    sentence = sentence_at(sentence_spans, match.start())
    return bool(sentence) and bool(_WEAPONS_NEARBY.search(text, sentence.start, sentence.end))


def _unknown_systems(text, lexicon, sentence_spans, known) -> list[Finding]:
    countries = names_pattern(lexicon.countries)
    organisations = {o.name for o in lexicon.organisations}
    found = []
    matches = sorted([*UNKNOWN.finditer(text), *_OWN_NAMES.finditer(text), *_APPOSITION.finditer(text)]
                     + [m for m in _PROJECT.finditer(text) if m.group().split()[0] != "Operation" and _weapons_in_sentence(text, sentence_spans, m)],
                     key=lambda m: m.start())
    for match in matches:
        if match.re in (_APPOSITION, _PROJECT):
            name, start = match["name"], match.start("name")
        elif match.re is _OWN_NAMES:
            name, start = match.group(), match.start()
        else:
            name, start = match["designation"] or match["name"], match.start("designation") if match["designation"] else match.start("name")
        if match.re is UNKNOWN and match["family"] and match["family"] not in _NOT_NAMES and match["family"] not in lexicon.countries \
                and not _DEMONYM.search(match["family"]):
            name, start = f"{match['family']} {name}", match.start("family")
        end = start + len(name)
        if re.search(r"\ds$", name) or match.re is _OWN_NAMES and name.endswith("s") and _OWN_NAMES.fullmatch(name[:-1]):
            name = name[:-1]  # "Su-35s", "Rafales": the system, in the plural
        if name in _NOT_NAMES or name in lexicon.countries or name in organisations or name.split("-")[0] in lexicon.countries:
            continue
        if match.re is UNKNOWN and match["name"] and NATIONALITY.fullmatch(name):
            continue
        if any(k.words_start < end and start < k.words_end for k in [*known, *found]):
            continue
        if any(text[k.words_end : start] == " " for k in [*known, *found]):
            continue  # a variant's word after the system's name: "Rafale Marine", "Patriot Advanced"
        if countries and countries.fullmatch(name):
            continue
        if countries and (m := re.search(r"([A-Z][a-z]+) $", text[max(0, start - 20) : start])) and countries.fullmatch(f"{m[1]} {name}"):
            continue  # "a South Korean system": the end of a country's adjective
        sentence = sentence_at(sentence_spans, start)
        if sentence is None:
            continue
        before = text[max(sentence.start, start - 40) : start]
        family = family_maker(name, lexicon)
        # "the Chinese HQ-9" names the maker; a possessive only for a system of no known family
        # ("Norway's NASAMS", where "Egypt's Su-35" names the buyer).
        possessive = "" if family else "|['’]s"
        maker = re.search(rf"(?P<adjective>[\w-]+)(?:-made|-built{possessive})?\s+$", before)
        maker_code = lexicon.countries.get(maker["adjective"], ("", ""))[0] if maker else ""
        found.append(
            Finding(Kind.SYSTEM, sentence.start, sentence.end, start, end,
                    {"slug": "", "name": name, "alias": name, "maker_country": "", "maker_named": maker_code,
                     "maker_family": family})
        )
    # "the Pantsir-S1 … the Pantsir": a family name alone is the variant the article named.
    names = {f.value["name"] for f in found}
    for finding in found:
        longer = sorted(n for n in names if n.startswith((finding.value["name"] + "-", finding.value["name"] + " ")))
        if len(longer) == 1:
            finding.value["name"] = longer[0]
    return found
