"""Counted things: "five regiments", "four divisions", "Four Russian S-300 missile systems",
"around 50 contracts", as a number and one of the knowledge base's units.

Up to eight describing words may stand between the number and the unit ("the three remaining S-400
batteries", "two more S-400 squadrons"); the words "of", "the", "and"… may not, so "five
regiments of the latest air defense systems" counts regiments, not systems. A part of a
whole counts the thing named after it ("the last two of its five squadrons": two and five;
"100 of the jets") or before it ("MiG-29M fighters, 46 of which").

A range ("24 to 36 jets", "between two and four batteries", "10-12 launchers") is drafted as
its first figure with the second under "upper", as sums are: never as the second figure alone,
a count the text does not state. A designation's own number ("40 F-16 Block 70 jets") is part
of the name between the count and its unit, not the count.

A count standing alone after the sentence named its unit ("five squadrons ordered; three
have been handed over", "the remaining two", "with three in service", "a further five are on
order") is in that unit. A figure repeated in brackets ("three (3) batteries") is one count.

A count written as an adjective joined to its unit ("a five-battery order", "the two-squadron
follow-on deal") counts that unit. With the article's parse, a number the parse hangs on a unit
noun (spaCy's ``nummod``) counts it however many describing words stand between them ("twelve
Pantsir-S1 gun-missile systems", "280 long-range 40N6 interceptor missiles", "the three
remaining S-400 regimental sets"): the parse, not a word list, says the number counts that noun.

Numbers written out in two words are whole ("twenty-four launchers", "two hundred missiles"),
as are "half a dozen" and "a pair of". With the parse, a part counts the whole named after "of"
whatever describing words stand there ("three of its newest S-400 divisions", "two more of its
S-400 units", "a pair of early-warning radars"). A count standing alone may take its unit from
the sentence before in its paragraph ("India ordered five squadrons. The remaining two are due
next year."); "the last one" singles a thing out and is no count. Ordinals ("the fourth and
fifth battalions", "a second regiment") and "both" name things already counted, and shipments
("three batches", "two consignments") are no hardware: none is drafted.

A unit the knowledge base does not have is kept as written ("squadrons", the Indian word
for an S-400 regiment; "missiles"), for the editor to map.
"""
import re

from .base import Finding, Kind, sentence_at, sentences
from .nlp import token_at, token_from

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "two dozen": 24, "half a dozen": 6,
    # "a pair of radars": two, as the numeral would say; not "a couple of", which is vaguer
    "a pair of": 2,
}
_ONES = {word: value for word, value in NUMBER_WORDS.items() if 1 <= value <= 9 and " " not in word}
# Numbers written out in two words: "twenty-four launchers" is 24, never 4 (nor 20); "two
# hundred missiles" 200, never 100.
NUMBER_WORDS |= {
    f"{tens}{joint}{ones}": NUMBER_WORDS[tens] + value
    for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
    for ones, value in _ONES.items()
    for joint in ("-", " ")
}
NUMBER_WORDS |= {f"{ones} hundred": value * 100 for ones, value in _ONES.items()}
# Written unit -> QuantityUnit value.
UNITS = {
    "regiment": "regiments", "regiments": "regiments",
    "division": "divisions", "divisions": "divisions",
    "battalion": "battalions", "battalions": "battalions",
    "battery": "batteries", "batteries": "batteries",
    "system": "systems", "systems": "systems", "complex": "systems", "complexes": "systems",
    "launcher": "launchers", "launchers": "launchers",
    "aircraft": "aircraft", "jet": "aircraft", "jets": "aircraft", "fighter": "aircraft",
    "fighters": "aircraft", "plane": "aircraft", "planes": "aircraft", "warplane": "aircraft", "warplanes": "aircraft",
    "contract": "contracts", "contracts": "contracts",
    "squadron": "squadrons", "squadrons": "squadrons", "missile": "missiles", "missiles": "missiles",
}
# Other air-defence hardware, kept as written (plural) for the editor to map. Counts of other
# arms (tanks, ships, vehicles) are outside what the knowledge base records: drafted, they cost
# the editor more rejections than they found facts on articles not tuned on. Helicopters are
# aircraft the deals in the base are bought with ("a contract for 200 helicopters"), kept as
# written.
UNITS |= {
    written: plural
    for plural in (
        "fire units", "firing units", "sets", "radar stations", "radars", "interceptors", "air-defence units",
        "air defence units", "air-defense units", "air defense units", "transporter-erector-launchers",
        # "the remaining two units": a system's units, as Indian reporting counts S-400 squadrons
        "units",
        # "40 F-16 fighters and 79 modernisation kits": upgrade kits for a fleet, counted as bought
        "kits",
        "helicopters",
        # "two S-400 brigades": a formation as regiments are, in Russian and Belarusian reporting
        "brigades",
    )
    for written in (plural, plural[:-1])
}
# "more than 200 items of military hardware": a show's or a package's hardware counted by the piece
UNITS |= {f"items of {kind}{what}": "items" for kind in ("", "military ", "defence ", "defense ") for what in ("hardware", "equipment")}
# not the particle of "hand over two divisions", "took over three batteries"
QUALIFIERS = (r"(?:around|about|some|more than|(?<!hand )(?<!hands )(?<!handed )(?<!handing )(?<!took )(?<!take )(?<!takes )(?<!taking )(?<!taken )over"
              r"|nearly|almost|up to|at least|another|an additional)")
# A number word may follow stray digits ("1096779Four Russian S-300…" in one article); figures
# have at most three digits, so years ("2015 systems") are not counts.
_NUMBER = (
    # not the second word of one written out ("twenty-four": see above)
    rf"(?<![^\W\d_])(?<!-)(?:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})"
    r"|(?<![\w$.,-])\d{1,3}(?:,\d{3})*(?![\d,.])"  # "5,000 missiles"
)
# The second figure of a range may follow a hyphen ("24-36 jets").
_RANGE_END = _NUMBER.replace(r"(?<![\w$.,-])", r"(?<![\w$.,])")
# Words that may sit between a number and its unit: capitalised names, system designations
# (case-sensitive even though the rest of the pattern is not, so that "two regiments of the
# systems" is not read as far as "systems" and then thrown away whole), and a few descriptive
# words; never a function word.
_MODIFIER = (
    # a designation's own number ("40 F-16 Block 70 jets", "six Type 052D destroyers") is part of
    # its name, read with the capitalised word it follows, so it is not taken for the count
    r"(?:(?-i:[A-Z][a-z]+ \d{1,3}[A-Za-z]{0,2}(?!\w))|(?-i:[A-Z][\w’'-]*|[A-Z]{1,3}-\d+\w*)|missile|system|air|defen[cs]e|anti-aircraft|air-defen[cs]e|"
    r"surface-to-air|new|additional|more|modern|advanced|latest|mobile|combat|stealth|fighter|"
    r"fourth-generation|fifth-generation|Russian-made|Russian-built|long-range|medium-range|short-range|"
    r"remaining|further|other|extra|last|final|initial|operational|ordered|planned|promised|contracted|"
    r"outstanding|existing|undelivered|interceptor|guided|ballistic|cruise|anti-ballistic|S-\d+\w*|"
    r"multirole|multi-role|twin-engine|heavy|light|naval|upgraded|refurbished|second-hand|used|brand-new|"
    r"moderni[sz]ation|upgrade)"
)
# A fighter named by its type in the plural ("12 more Rafales", "40 F-16s", "two Su-35s") counts
# aircraft, as "jets" and "fighters" do. Not "S-400s": a designation of a system, not an aircraft.
_AIRCRAFT_TYPES = (r"(?-i:(?:Rafale|Typhoon|Eurofighter|Gripen|Mirage|Sukhoi|Tornado|Hornet|Super Hornet|Flanker)s"
                   r"|(?:F|Su|MiG|J|JF|FC|KF|F/A)-\d+[A-Z]{0,3}s)(?![\w-])")
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True)) + "|" + _AIRCRAFT_TYPES
QUANTITY = re.compile(
    rf"(?:(?<![\w-])(?P<qualifier>{QUALIFIERS}) )?"
    # "24 to 36 jets", "between two and four batteries", "two or three regiments": a range, drafted
    # as its first figure with the second under "upper", never as the second alone.
    rf"(?:(?P<between>between )?(?P<low>{_NUMBER})(?(between) and |(?: to |\s?[–-]\s?| or ))(?P<high>{_RANGE_END})"
    rf"|(?P<number>{_NUMBER}))"
    # "three (3) batteries", "five (05) squadrons": the figure repeated in brackets, as contracts write it
    rf"(?: \((?:\d{{1,3}}|{'|'.join(w for w in NUMBER_WORDS if ' ' not in w)})\))?"
    # "two sets of rules" are not hardware: a set counts unless a plain noun follows "of".
    # "four S-400 'divisions'": a unit in quotes, as a foreign army's word is written
    rf"(?P<modifiers>(?: {_MODIFIER}){{0,8}}) ['‘\"“]?(?P<unit>{_UNIT})\b(?!(?<=set) of [a-z])(?!(?<=sets) of [a-z])['’\"”]?"
    # "two S-400 air defence system regiments": a unit word describing the unit after it is not the unit
    rf"(?! (?:{_UNIT})\b)"
    # "one battery at a time" is a pace, not a count
    r"(?! at a time)",
    re.IGNORECASE,
)
# "two of its five S-400 squadrons", "100 of the jets": a part, counted in the unit that follows
# (not "one of the": that singles a thing out rather than counting).
PART_BEFORE = re.compile(
    # "three out of five squadrons"
    rf"(?P<number>{_NUMBER}) (?:out )?of (?:(?:its|their|the|these|those) (?:(?:{_NUMBER}) )?|(?:{_NUMBER}) )(?:{_MODIFIER} ){{0,4}}(?P<unit>{_UNIT})\b",
    re.IGNORECASE,
)
# "a five-battery order", "the two-squadron deal": a count joined to its unit by a hyphen, as an
# adjective (the unit singular). Not "S-400" nor "2-3": the number is a word or stands alone.
_SINGULAR_UNITS = "|".join(sorted((w for w in UNITS if not w.endswith("s") or w.endswith("ss")), key=len, reverse=True))
HYPHENATED = re.compile(rf"(?P<number>{_NUMBER})-(?P<unit>{_SINGULAR_UNITS})\b(?!-)", re.IGNORECASE)
# "MiG-29M fighters, 46 of which were delivered": a part of the unit just named.
PART_AFTER = re.compile(rf"\b(?P<unit>{_UNIT}),? (?P<number>{_NUMBER}) of (?:which|them)\b"
                        # "five squadrons, of which three have arrived"
                        rf"|\b(?P<unit2>{_UNIT})(?: (?:in|by|since|last|this) [\w-]+(?: [\w-]+)?)?,? of (?:which|them|these) (?P<number2>{_NUMBER})\b(?! of\b)", re.IGNORECASE)


# A count whose unit the sentence gave just before: "five squadrons ordered; three have been
# handed over", "six fighters were delivered and the remaining two are due". Counted in the unit
# of the sentence's last quantity before it.
ELIDED = re.compile(
    rf"\b(?:the|its|their) (?:remaining|last|other|final|outstanding) (?P<number>{_NUMBER})(?! (?:of\b|{_MODIFIER} |{_UNIT}\b))"
    # "three are operational, with two more to come"
    # "signed for five regiments and has received three of them"
    rf"|\b(?P<them>{_NUMBER}) of (?:them\b|(?:its|their|the) {_NUMBER}\b(?! (?:{_MODIFIER} )*{_UNIT}\b))"
    # "… and Algeria later ordered four more."
    rf"|\b(?P<more>{_NUMBER}) more(?: (?=to come|to follow|(?:are|were) (?:due|expected|planned|on order))|(?=[.;,]))"
    rf"|(?<=[;,] )(?P<counted>{_NUMBER}) (?=(?:have|has|had|were|was|are|is) (?:already |now |so far |since )?(?:been )?"
    r"(?:delivered|handed over|supplied|received|inducted|deployed|operationali[sz]ed|in service|arrived)\b)"
    # "three batteries in 2019 and two in 2020", "two regiments arrived in 2021, two in 2022"
    rf"|(?:(?<=\band )|(?<=, ))(?P<dated>{_NUMBER}) (?=(?:in|by|during) (?:\d{{4}}|(?-i:January|February|March|April|May|June|July|August|September|October|November|December))\b)"
    # "seven regiments are in service, and a further five are on order"
    rf"|\b(?:a further|another|an additional) (?P<further>{_NUMBER})\b(?! (?:of\b|{_MODIFIER} |{_UNIT}\b))"
    # "five squadrons ordered, with three in service and the rest due"
    rf"|(?<=\bwith )(?P<with>{_NUMBER}) (?=(?:already |now )?(?:in service|delivered|handed over|received|inducted|deployed|operational)\b)",
    re.IGNORECASE,
)


def _number(words: str) -> int:
    return NUMBER_WORDS[words.lower()] if words.lower() in NUMBER_WORDS else int(words.replace(",", ""))


def find_quantities(text: str, *, sentence_spans=None, doc=None) -> list[Finding]:
    """``doc``: the article's parse, when there is one, for counts with any describing words
    between the number and its unit."""
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    found = []
    matches = [*QUANTITY.finditer(text), *PART_BEFORE.finditer(text), *PART_AFTER.finditer(text)]
    matches += [m for m in HYPHENATED.finditer(text) if not any(o.start() < m.end() and m.start() < o.end() for o in matches)]
    for match in sorted(matches, key=lambda m: m.start()):
        if match.re is PART_BEFORE and match["number"].lower() == "one":
            continue
        if match.re is PART_AFTER and match["number2"]:
            number, unit = _number(match["number2"]), match["unit2"]
        else:
            number, unit = _number(match["number"] or match["high"]), match["unit"]
        upper = None
        if match.re is QUANTITY and match["low"]:
            number, upper = _number(match["low"]), _number(match["high"])
        if number == 0 or doc is not None and _of_a_name(doc, match.start("low" if match.re is QUANTITY and match["low"] else "number")
                                                        if match.re in (QUANTITY, PART_BEFORE) else -1):
            continue
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), match.end())
        qualifier = match["qualifier"] if "qualifier" in match.re.groupindex else ""
        found.append(
            Finding(
                Kind.QUANTITY, start, end, match.start(), match.end(),
                {"quantity": number, **({"upper": upper} if upper else {}), "unit": UNITS.get(unit.lower(), "aircraft"),
                 "qualifier": (qualifier or "").lower(), "words": match.group()},
            )
        )
    if doc is not None:
        found += _counted_by_parse(text, doc, sentence_spans, found)
        found += _parts_by_parse(text, doc, sentence_spans, found)
    return sorted([*found, *_elided(text, sentence_spans, found, doc=doc)], key=lambda f: f.words_start)


_NUMBER_AT = re.compile(_NUMBER, re.IGNORECASE)
_MODIFIER_WORD = re.compile(_MODIFIER, re.IGNORECASE)
# What a system's units are units of: "three radar units", "two command units"
_HARDWARE_NOUNS = {"radar", "launcher", "fire", "firing", "command", "control", "missile", "artillery", "gun"}
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w-])(?P<qualifier>{QUALIFIERS}) $", re.IGNORECASE)


def _counted_by_parse(text: str, doc, sentence_spans, counted: list[Finding]) -> list[Finding]:
    """A number the parse makes a numeric modifier of a plural unit noun, with the words
    between them any describing words the patterns do not list."""
    found = []
    for token in doc:
        head = _counted_noun(token)
        if token.dep_ != "nummod" or head.i <= token.i or head.pos_ != "NOUN" or head.i - token.i > 8:
            continue
        unit = UNITS.get(head.lower_)
        if unit is None or not (head.lower_.endswith("s") or head.lower_ == "aircraft"):
            continue  # a singular unit counts only as "a five-battery order" (read above)
        number = _NUMBER_AT.match(text, token.idx)
        if number is None or number.end() != token.idx + len(token):
            continue  # part of a designation or a figure ("S-400", "2.5")
        if any(f.words_start <= token.idx < f.words_end or f.words_start < head.idx + len(head) <= f.words_end for f in counted):
            continue
        if _of_a_name(doc, token.idx):
            continue
        between = doc[token.i + 1 : head.i]
        if any(t.is_punct and t.text != "-" or t.pos_ in ("ADP", "CCONJ", "DET", "VERB", "AUX", "PRON") and t.dep_ != "amod"
               for t in between):
            continue
        if unit in ("units", "sets") and any(t.pos_ == "NOUN" and not _MODIFIER_WORD.fullmatch(t.text) and t.lower_ not in _HARDWARE_NOUNS
                                                  for t in between):
            continue  # "5,000 housing units", "two tea sets": a generic unit of something else
        value = _number(token.text)
        sentence = sentence_at(sentence_spans, token.idx)
        if value == 0 or sentence is None:
            continue
        qualifier = _QUALIFIER_BEFORE.search(text, sentence.start, token.idx)
        start = qualifier.start() if qualifier else token.idx
        end = head.idx + len(head)
        found.append(Finding(Kind.QUANTITY, sentence.start, sentence.end, start, end,
                             {"quantity": value, "unit": unit, "qualifier": (qualifier["qualifier"] if qualifier else "").lower(),
                              "words": text[start:end]}))
    return found


def _of_a_name(doc, offset: int) -> bool:
    """The figure at the offset is part of the name written just before it ("French Mistral 3
    short-range missiles", "Block 70 jets"): digits after a capitalised name inside the sentence,
    with the words after them in lower case (not a headline's "Egypt Buys 24 Su-35 Jets")."""
    token = token_at(doc, offset) if offset >= 0 else None
    if token is None or not token.text.isdigit() or token.i == 0 or token.i + 1 >= len(doc):
        return False
    name, after = doc[token.i - 1], doc[token.i + 1]
    return (name.pos_ == "PROPN" and name.text.istitle() and not name.is_sent_start and after.text[:1].islower()
            and name.ent_type_ not in ("DATE", "TIME"))  # not "said on Monday 12 batteries would follow"


def _counted_noun(token):
    """The noun a number counts: its head, or the noun a designation or describing noun it hangs
    on is part of ("Six Chinese Y-20 transport aircraft", where the parse hangs "Six" on "Y-20")."""
    head = token.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    return head


# What a part may be counted by: "two more of its S-400 units", "two further of the squadrons".
_MORE = {"more", "further", "additional", "other"}


def _parts_by_parse(text: str, doc, sentence_spans, counted: list[Finding]) -> list[Finding]:
    """A part of a whole named after "of" with any describing words the patterns do not list
    ("three of its newest S-400 divisions", "two more of its S-400 units", "three of Russia's
    S-400 batteries") and "a pair of" anything counted ("a pair of early-warning radars"). The
    whole must be a unit noun with its own determiner or owner: "two of them" counts nothing."""
    found = []
    for token in doc:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if whole is None or whole.pos_ != "NOUN" or not (whole.lower_.endswith("s") or whole.lower_ == "aircraft"):
            continue
        unit = UNITS.get(whole.lower_)
        pair = token.lower_ == "pair" and any(c.dep_ == "det" and c.lower_ == "a" for c in token.children)
        if unit is None or not pair and not any(c.dep_ in ("det", "poss") for c in whole.children):
            continue
        if pair:
            number, start = 2, min(c.idx for c in token.children if c.dep_ == "det")
        else:
            numeral = token if token.pos_ == "NUM" else next(
                (c for c in token.children if c.dep_ == "nummod" and token.lower_ in _MORE), None)
            match = _NUMBER_AT.match(text, numeral.idx) if numeral is not None else None
            if match is None or match.end() != numeral.idx + len(numeral) or _number(match.group()) <= 1:
                continue  # not "one of the": that singles a thing out
            number, start = _number(match.group()), numeral.idx
        end = whole.idx + len(whole)
        if end < start:  # "Of the ten batteries ordered, six …": the whole written first, the part is the figure
            end = token.idx + len(token) if pair else numeral.idx + len(numeral)
        sentence = sentence_at(sentence_spans, start)
        if sentence is None or any(f.words_start < end and start < f.words_end for f in counted):
            continue
        found.append(Finding(Kind.QUANTITY, sentence.start, sentence.end, start, end,
                             {"quantity": number, "unit": unit, "qualifier": "", "words": text[start:end]}))
    return found


_UNIT_WORD = re.compile(rf"\b(?:{_UNIT})\b", re.IGNORECASE)


def _unit_named(words: str) -> str:
    """The unit of the last unit noun in the words, or ""."""
    named = [m.group() for m in _UNIT_WORD.finditer(words)]
    return UNITS.get(named[-1].lower(), "") if named else ""


def _elided(text: str, sentence_spans, counted: list[Finding], *, doc=None) -> list[Finding]:
    found = []
    for match in ELIDED.finditer(text):
        group = next(name for name in ("number", "more", "counted", "them", "with", "further", "dated") if match[name])
        following = token_from(doc, match.end(group) + 1) if doc is not None else None
        if group in ("number", "further") and following is not None and following.pos_ in ("NOUN", "PROPN"):
            continue  # "the remaining two officials": a count of something else
        sentence = sentence_at(sentence_spans, match.start())
        if sentence is None or any(f.words_start <= match.start(group) < f.words_end for f in counted):
            continue
        before = [f for f in counted if sentence.start <= f.words_start < match.start()]
        if not before:
            # or the sentence before it, in its paragraph: "India ordered five squadrons. The
            # remaining two are due next year."
            previous = [s for s in sentence_spans if s.end <= sentence.start]
            if previous and "\n\n" not in text[previous[-1].end : sentence.start]:
                before = [f for f in counted if previous[-1].start <= f.words_start < previous[-1].end]
        number = _number(match[group])
        # or a unit the sentence names before it, singly: "the first squadron by October and the remaining four by April"
        unit = before[-1].value["unit"] if before else _unit_named(text[sentence.start : match.start()]) if group == "number" else ""
        if not unit or number <= 1:
            continue  # "the last one is due": it singles a thing out rather than counting
        found.append(Finding(Kind.QUANTITY, sentence.start, sentence.end, match.start(group), match.end(group),
                             {"quantity": number, "unit": unit, "qualifier": "", "words": match[group]}))
    return found
