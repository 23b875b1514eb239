"""Who a phrase names: a person, a body (outlets included), a country, or an unnamed speaker
for a body or country; and the memory that follows speakers through an article, so that
"he", "the minister" or "the newspaper" is the last compatible speaker mentioned.

Reads only the base's names (the Lexicon) and the words; the phrases come from the parse.
"""
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from ..base import NATIONALITY, Lexicon, OrganisationName, names_pattern
from ..countries import stands_for_union
from ..nlp import entity_of, fold_letters, token_starts
from .vocabulary import (
    BODY_NAME_WORDS,
    BODY_NOUN_SYNONYMS,
    BODY_NOUNS,
    CAPITAL,
    DEFINITE,
    DESCRIBED_BODY_NOUNS,
    GROUP_PRONOUNS,
    INDEFINITE_BODY,
    NAME_TOKEN,
    NAMED_BODY_NOUNS,
    NEW_BODY_KINDS,
    OUTLET_WORDS,
    PARTICLES,
    PERSON_PRONOUNS,
    PUBLICATION_TITLE_ENDS,
    REPORT_NOUNS,
    ROLE_FILLERS,
    ROLE_NOUNS,
    ROLE_SYNONYMS,
    TITLE_WORDS,
    UNNAMED,
)

# "One of them", "two of those": some of the group that spoke before.
_SHARE_OF_GROUP = re.compile(r"(?P<share>one|two|three|some|several|another|each)\s+of\s+(?:them|those)", re.IGNORECASE)
# "the sources", "the diplomats", "one of the sources": a group of unnamed speakers referred back to.
_GROUP_BACK = re.compile(r"(?:(?P<share>one|two|some|several|another|each)\s+of\s+)?(?:the|these|those)\s+"
                         r"(?P<words>(?:[\w-]+\s+){0,2}?)(?P<noun>sources|diplomats|officials|insiders)", re.IGNORECASE)
# Words between "the" and the noun that tell no group from another: "the same sources", "the two diplomats".
_GROUP_ANY_WORDS = {"same", "two", "three", "four", "five", "both", "several", "anonymous", "unnamed"}
# Words of a state's own agencies, which are no news agencies ("defence acquisition agency").
_STATE_AGENCY = re.compile(r"\b(?:defen[cs]e|acquisition|procurement|export|security|intelligence|nuclear|space|energy|"
                           r"customs|border|tax|arms|military|atomic)\b", re.IGNORECASE)


# How a body is run, no part of its name: "the official Emirates News Agency", "state-run Anadolu Agency".
_HOW_RUN = re.compile(r"^(?:[Tt]he\s+)?(?:official|state-run|state-owned|semi-official|government-run|pro-government)\s+"
                      r"(?=[A-Z])")
# Words of a body's name that make it an agency of a state: "Federal Service for …", "… Agency".
_AGENCY_NAME = re.compile(r"\b(?:Agency|Service|Bureau)\b", re.IGNORECASE)


def _agency_like(name: str, kind: str) -> bool:
    """Whether "the agency" may stand for the body: a news agency, or a state's agency or service."""
    return kind == "news_agency" or bool(_AGENCY_NAME.search(name))


@dataclass
class Speaker:
    kind: str  # "person", "organisation", "country", or "unnamed" (neither named nor placed)
    name: str
    role: str = ""
    organisation: str = ""
    country: str = ""  # ISO code: a country speaker's, or a person's nationality when known
    unnamed: bool = False  # an unnamed person or people, for the body or country named
    new_body: str = ""  # the OrganisationKind of a body the base does not know yet
    definite: bool = False  # "the Kingdom's ambassador": one person, whom the article may name later

    def as_value(self) -> dict:
        return {
            "speaker": self.name,
            "speaker_kind": self.kind,
            "role": self.role,
            "organisation": self.organisation,
            "speaker_country": self.country,
            "unnamed": self.unnamed,
        }


@dataclass
class Memory:
    """The speakers mentioned so far, most recent last."""

    people: list[Speaker] = field(default_factory=list)
    bodies: list[Speaker] = field(default_factory=list)
    last_person: Speaker | None = None
    last_group: Speaker | None = None
    last_quoted: Speaker | None = None
    last: Speaker | None = None  # whoever spoke last
    last_paragraph: Speaker | None = None  # who spoke last in the paragraph before the one read
    reports: dict = field(default_factory=dict)  # "statement", "report": the speaker who issued it
    spoken: list[Speaker] = field(default_factory=list)  # every speaker in the order they spoke
    pronouns: dict = field(default_factory=dict)  # a person's name -> "he" or "she", once a pronoun meant them

    def remember(self, speaker: Speaker):
        self.last = speaker
        self.spoken.append(speaker)
        if speaker.unnamed and not _plural(speaker.role):
            # "a senior official said …; he added" is that official, not the last named person.
            self.last_person = speaker
            return
        if speaker.unnamed:
            self.last_group = speaker  # "Two officials said …. They added": those officials
            return
        if speaker.kind == "person":
            self._remember_person(speaker)
        elif speaker.kind in ("organisation", "country"):
            self.last_group = speaker
            if speaker.kind == "organisation":
                self.bodies = [b for b in self.bodies if b.name != speaker.name] + [speaker]

    def _remember_person(self, speaker: Speaker):
        known = next((p for p in self.people if p.name == speaker.name), None)
        if known:
            self.people.remove(known)
            speaker = replace(
                speaker,
                role=speaker.role or known.role,
                organisation=speaker.organisation or known.organisation,
                country=speaker.country or known.country,
            )
        self.people.append(speaker)
        self.last_person = speaker


# A minister's role, and the field of the ministry it heads: "Defence Minister", "Minister of
# State for Defence", "foreign minister" (not "Prime Minister": no ministry of his own).
_MINISTER = re.compile(
    r"(?<!Prime )(?<!prime )\b(?:(?P<field>(?:[Dd]efen[cs]e|[Ff]oreign|[Ee]xternal [Aa]ffairs|[Ff]oreign [Aa]ffairs|"
    r"[Ii]nterior|[Ff]inance|[Ii]ndustry|[Tt]rade)) [Mm]inister"
    r"|[Mm]inister (?:of [Ss]tate )?(?:for|of) (?P<of>(?:the )?[A-Z][a-z]+(?: [Aa]ffairs)?))\b"
)
_MINISTRY_FIELDS = {"defense": "Defence", "foreign": "Foreign Affairs", "the interior": "the Interior", "interior": "Interior"}


# A body's kind, which ends its name and never a person's: "Ankara Missile Works" (unlike "Post" or "Bank").
_NEVER_SURNAMES = {"Works", "Plant", "Factory", "Enterprises", "Arsenal", "Shipyard", "Shipyards", "Industries", "Systems",
                   "Corporation", "Company", "Technologies", "Electronics", "Dynamics", "Aerospace", "Holdings"}
# Roles that are no office: "the official" is not the analyst just quoted.
_NO_OFFICE = {"analyst", "expert", "researcher"}
_GENDER = {"he": "he", "him": "he", "she": "she", "her": "she"}


def _plural(role: str) -> bool:
    """"senior officials", "a number of officials", "sources in the ministry" are several; "the attaché in Paris" is one:
    the role's head noun, before its complement, says."""
    # "people familiar with the talks", "sources briefed on it": the head noun before what qualifies it.
    head = re.split(r"\s+(?:in|at|for|to|from|with|on|near|close|familiar|aware|briefed|knowledgeable|who)\s+",
                    role.lower(), maxsplit=1)[0].strip()
    return head.endswith("s") and not head.endswith("ss") or head.endswith(("people", "media", "press"))


# "Tehran Times", "Moscow Times", "Jerusalem Post": a capital and the word for a paper, not a person.
_CITY_PAPER = re.compile(r"[A-Z][\w’'-]*\s+(?:Times|Post|Herald|Gazette|Tribune|Journal|Express|Telegraph|Chronicle|Monitor)")

# Words no outlet's name has (before the word "newspaper" or "magazine"): titles and bodies.
_NOT_OUTLET = {"Minister", "Ministry", "President", "Prime", "Deputy", "Secretary", "Ambassador", "Army", "Forces", "Navy",
               "Federation", "Republic", "Council", "Department", "Office", "Agency", "Service", "Affairs"}

# Ranks as an article refers back to them ("the general"), and as written before a name.
_RANKS = {
    "general": ("General", "Gen.", "Gen", "Lt. Gen.", "Maj. Gen.", "Brig. Gen."), "colonel": ("Colonel", "Col.", "Col"),
    "admiral": ("Admiral", "Adm.", "Adm", "Vice Admiral", "Rear Admiral"), "marshal": ("Marshal", "Air Marshal", "Air Chief Marshal"),
    "brigadier": ("Brigadier", "Brig.", "Brig"), "commodore": ("Commodore", "Cdre"), "lieutenant": ("Lieutenant", "Lt.", "Lt"),
}

# Words that describe a company before its name: "the Korean manufacturer LIG Nex1".
_COMPANY_NOUNS = ("manufacturer", "maker", "company", "firm", "producer", "exporter", "contractor", "conglomerate",
                  "group", "developer", "corporation", "concern", "holding")

# Roles a head of state or government, or a minister, goes by without being named again.
_LEADERS = {"president", "premier", "leader", "king", "emir", "chancellor", "minister"}


def _publication_title(name: str) -> bool:
    """"Tehran Defence Monitor", "Carpathian Security Bulletin": capitalised words ending in a
    publication's word are an outlet, a city first or not; "Defence Minister's Review" is not,
    and neither is a body's name with a title's word in it."""
    words = name.split()
    return (2 <= len(words) <= 5 and words[-1] in PUBLICATION_TITLE_ENDS and all(w[:1].isupper() for w in words)
            and not any(w.lower().strip(".") in ROLE_NOUNS or w.lower() in BODY_NOUNS or w in _NOT_OUTLET for w in words[:-1]))


def clean_role(role: str) -> str:
    role = re.sub(r"^(?:the|his|her|its|their|a|an)\s+", "", role.strip(" ,"), flags=re.IGNORECASE)
    ranks = r"(?:Gen\.|Lt\.|Col\.|Maj\.|Adm\.|Brig\.|Cmdr\.|Capt\.|Sheikh)"
    stripped = re.sub(rf"(?:\s+{ranks})+$", "", role)
    if re.fullmatch(rf"{ranks}(?:\s+{ranks})*", stripped.strip(" ,")):
        return role.strip(" ,")  # "Brig. Gen.": a rank written in two abbreviations is the whole role
    return stripped.strip(" ,")


def _initials_name(acronym: str, words: list[str]) -> bool:
    """Whether the acronym is the initials of a run of ``words`` that leaves out no role word:
    "DGMO" of "Director General of Military Operations" (or of "Indian Director General …"), but
    not "DRDO" of "Chairman of the Defence Research and Development Organisation", which names
    the body the chairman heads."""
    initials = "".join(w[0] for w in words).upper()
    start = initials.find(acronym.upper())
    while start >= 0:
        left_out = words[:start] + words[start + len(acronym) :]
        if not any(w.lower() in ROLE_NOUNS for w in left_out):
            return True
        start = initials.find(acronym.upper(), start + 1)
    return False


def _name_key(name: str, countries: dict) -> frozenset:
    """A body's name as a set of words, its country written as the country's code and
    "X Ministry" as "Ministry of X": "the Turkish Ministry of Foreign Affairs", "Turkey's
    Foreign Ministry" and "Ministry of Foreign Affairs of Turkey" have one key."""
    words = re.findall(r"[\w-]+", name.replace("’", "'").replace("'s", ""))
    key = set()
    for word in words:
        lowered = word.lower()
        if word in countries:
            key.add(countries[word][0])
        elif lowered not in {"the", "of", "for", "and", "affairs"}:
            key.add(lowered)
    return frozenset(key)


class Resolver:
    """Reads speaker phrases for one article, against the base's names and its memory."""

    def __init__(self, text: str, lexicon: Lexicon):
        self.text = text
        self.lexicon = lexicon
        self.organisations = {org.name: org for org in lexicon.organisations}
        self.org_pattern = names_pattern(self.organisations)
        self.country_pattern = names_pattern(lexicon.countries)
        self.org_keys = {}
        for org in lexicon.organisations:
            self.org_keys.setdefault(_name_key(org.name, lexicon.countries), org)
        self.memory = Memory()
        # The article's parse and where the sentence being read begins, for bodies the
        # article mentioned before without making them speak.
        self.doc = None
        self.position = 0
        self.publishing = False
        self.acronyms = {}  # acronym -> the body the article spelled it out for
        self.new_media = {}  # name -> an outlet the base does not know that statements were made to
        self._named_at = {}  # a person named_people found -> where the article last named them
        self.introduced_roles = {}  # full name -> the title written before it where it was named without speaking

    def body_by_key(self, written: str) -> OrganisationName | None:
        """The base's body written another way: its words in any order, "X Ministry" for
        "Ministry of X", and its own country named before it ("Russia's Federal Service for
        Military-Technical Cooperation" is the base's service, which carries no country in its name)."""
        key = _name_key(written, self.lexicon.countries)
        if org := self.org_keys.get(key):
            return org
        codes = {code for code, _ in self.lexicon.countries.values()} & key
        for code in codes:
            org = self.org_keys.get(key - {code})
            if org and org.country in (code, "") and len(key) > 2:
                return org
        return None

    # --- names in words ------------------------------------------------------------------

    def orgs_in(self, words: str) -> list[OrganisationName]:
        return [self.organisations[m.group()] for m in self.org_pattern.finditer(words)] if self.org_pattern else []

    def countries_in(self, words: str) -> list[str]:
        if not self.country_pattern:
            return []
        return [self.lexicon.countries[m.group()][0] for m in self.country_pattern.finditer(words)]

    def country_name(self, code: str) -> str:
        return next(name for c, name in self.lexicon.countries.values() if c == code)

    def masked(self, words: str) -> str:
        """The words with every body and country name replaced by a non-name token."""
        for pattern in (self.org_pattern, self.country_pattern):
            if pattern:
                words = pattern.sub(lambda m: re.sub(r"\S", "¤", m.group()), words)
        return words

    def name_tokens(self, tokens: list[str]) -> list[str]:
        """The tokens at the end of the list that form a person's name (title words excluded)."""
        i = len(tokens)
        while i > 0:
            token = tokens[i - 1]
            if token.lower() in PARTICLES and i < len(tokens):
                i -= 1
            elif NAME_TOKEN.match(token) and token not in TITLE_WORDS and "¤" not in token:
                i -= 1
            else:
                break
        found = tokens[i:]
        while found and found[0].lower() in PARTICLES:
            found = found[1:]
        if len(found) == 1 and re.fullmatch(r"(?:[A-Z]\.)+", found[0]):
            return []
        return found

    def _introduced(self, surname: str) -> bool:
        """Whether the article named someone with this surname after a first name or title."""
        return bool(re.search(rf"{CAPITAL}[\w.’'-]*\s+{re.escape(surname)}\b", self.text[: self.position]))

    def full_name(self, surname: str) -> str:
        """A name written as a surname ("Shugaev") is the person named earlier, else a known person."""
        plain = fold_letters(surname)  # "Erdoğan" is the base's "Recep Tayyip Erdogan"
        for person in reversed(self.memory.people):
            if person.name.split()[-1] == surname or person.name == surname:
                return person.name
        for person in reversed(self.memory.people):
            if fold_letters(person.name.split()[-1]) == plain:
                return person.name
        # "Deputy Defence Minister Azlan Harun said … Azlan told": where a person goes by the first
        # of their names (Malay, Indonesian, Arab usage), the one person who spoke with it.
        by_first = {p.name for p in self.memory.people if len(p.name.split()) > 1 and p.name.split()[0] == surname}
        if len(by_first) == 1:
            return by_first.pop()
        known = [name for name in self.lexicon.people if fold_letters(name.split()[-1]) == plain]
        if len(known) == 1:
            return known[0]
        # Named in full before without speaking: "Defence Minister Petar Novak toured …".
        before = self.text[: self.position]
        for match in reversed(list(re.finditer(rf"((?:{CAPITAL}[\w’'-]*\s+){{1,6}}){re.escape(surname)}\b", before))):
            given, words = [], match[1].split()
            for word in reversed(words):
                if word in TITLE_WORDS or word in self.lexicon.countries:
                    break
                given.insert(0, word)
            if given:
                name = " ".join(given[-3:] + [surname])
                # "Deputy Prime Minister Yuri X, who …, declined …. “…,” X said": the title
                # written before the name is the role X speaks in.
                title = []
                for word in reversed(words[: len(words) - len(given)]):
                    if word not in TITLE_WORDS:
                        break
                    title.insert(0, word)
                if title:
                    self.introduced_roles.setdefault(name, " ".join(title))
                return name
        return surname

    # --- a phrase ------------------------------------------------------------------------

    def resolve(self, phrase: str, *, role: str = "", ents: dict | None = None, publishing: bool = False) -> list[Speaker]:
        """The speaker(s) a subject phrase names, or [] if it names none. ``ents``: the
        phrase's named entities from the parse (text -> label), when there is a parse;
        ``publishing``: the phrase reported, wrote or is cited ("according to X"), as
        outlets do, so that a single name never introduced as a person is an outlet."""
        self.publishing = publishing
        if (named := self._spelled_out(phrase.strip(), role)) is not None:
            return [named]
        phrase = re.sub(r"\s*\([^)]*\)\s*$", "", phrase.strip()).strip(" ,")
        phrase = re.sub(r"^(?:both|also|then)\s+", "", phrase, flags=re.IGNORECASE)
        # "the official Emirates News Agency", "state-run Anadolu Agency": how the body is run is
        # no part of its name.
        phrase = _HOW_RUN.sub("", phrase)
        if not phrase or len(phrase.split()) > 14:
            return []
        ents = ents or {}
        if " and " in phrase and (both := self._pair(phrase)):
            return both
        for step in (self._pronoun, self._report, self._known_body, self._country, self._outlet, self._described_body,
                     self._unnamed_phrase,
                     self._person_phrase, self._group, self._by_role, self._by_body_noun, self._new_body):
            found = step(phrase, role, ents)
            if found is not None:
                return found
        owned = re.fullmatch(r"(?:the\s+)?(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)['’]s\s+(?P<rest>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)+)",
                             phrase)
        if owned and ((countries := self.countries_in(owned["owner"])) or ents.get(owned["owner"]) == "GPE"):
            # "India's Bharat Electronics", "the UAE's Tawazun Council": a body of that country
            # ("Korea's LIG Nex1": of a place the base does not name alone).
            countries = countries or [""]
            found = self.resolve(owned["rest"], role=role, ents={k: v for k, v in ents.items() if k in owned["rest"]},
                                 publishing=publishing)
            if len(found) == 1 and found[0].kind == "organisation":
                return [replace(found[0], country=found[0].country or countries[0])]
        return []

    def described_body(self, phrase: str, role: str) -> Speaker | None:
        """A name whose role describes a body ("the UAE's own defence procurement agency,
        Tawazun,"): that body, of the country the description names."""
        described = re.fullmatch(r"(?:the\s+|an?\s+|[\w.’'-]+['’]s\s+)?(?:[\w’'-]+\s+){0,4}?(?P<noun>[\w-]+)", role.strip(),
                                 re.IGNORECASE)
        if described is None or described["noun"].lower() not in BODY_NOUNS or re.search(
                r"\b(?:of|for|at|in|to|from)\b", role, re.IGNORECASE):
            return None
        if not re.fullmatch(r"[A-Z][\w’'.&-]*(?:\s+[A-Z\d][\w’'.&-]*){0,3}", phrase) or any(
                w in TITLE_WORDS for w in phrase.split()):
            return None
        known = self.orgs_in(phrase)
        if known and known[0].name == phrase:
            return self._body(known[0], role)
        countries = self.countries_in(role)
        kind = next((kind for pattern, kind in NEW_BODY_KINDS if pattern.search(role)), "other")
        if kind == "news_agency" and _STATE_AGENCY.search(role):
            kind = "government"  # "the defence procurement agency": a state's, no news agency
        return Speaker("organisation", phrase, role=role, organisation=phrase, country=countries[0] if countries else "",
                       new_body=kind)

    def _spelled_out(self, phrase: str, role: str) -> Speaker | None:
        """A name followed by its acronym, "the General Authority for Military Industries
        (GAMI)": a body whatever its last word looks like, named by the words the acronym's
        letters begin (after a possessive country: "South Korea's Defence … (DAPA)")."""
        match = re.fullmatch(r"(?P<words>.+?)\s*\((?P<acronym>[A-Z][A-Za-z]{1,7})\)", phrase)
        if match is None:
            return None
        letters = [c for c in match["acronym"] if c.isupper()]
        words = re.sub(r"^.*['’]s\s+", "", match["words"])
        words = re.sub(r"^(?:the|its|their)\s+", "", words, flags=re.IGNORECASE).split()
        capitals = [i for i, w in enumerate(words) for part in w.split("-") if part[:1].isupper()]
        initials = [part[0] for w in words for part in w.split("-") if part[:1].isupper()]
        if len(letters) < 2 or initials[-len(letters):] != letters:
            return None
        first = capitals[-len(letters)]
        body = self.named_body(" ".join(words[first:]), role)
        if not body.country and (countries := self.countries_in(match["words"])):
            body = replace(body, country=countries[0])
        self.acronyms[match["acronym"]] = body  # "GAMI did not say …" later is the same body
        return body

    def _pair(self, phrase: str) -> list[Speaker]:
        # "Turkish President Recep Tayyip Erdogan and his Russian counterpart Vladimir Putin",
        # "France and NATO".
        parts = [self.resolve(part) for part in phrase.split(" and ")]
        if all(len(part) == 1 and part[0].kind in ("person", "organisation", "country") for part in parts):
            return self.bodies_named_together([speaker for part in parts for speaker in part])
        return []

    def bodies_named_together(self, found: list[Speaker]) -> list[Speaker]:
        """"Aselsan and Roketsan said": single names, none a person introduced by full name or a
        role, speaking together are bodies (people are introduced before their surname stands alone)."""
        if len(found) > 1 and all(s.kind == "person" and len(s.name.split()) == 1 and not s.role
                                  and not self._introduced(s.name) for s in found):
            return [self.named_body(s.name, "") for s in found]
        return found

    def _pronoun(self, phrase, role, ents):
        lowered = phrase.lower()
        if lowered in PERSON_PRONOUNS:
            found = self._named_just_before(lowered) or self._person_pronoun()
            if found is not None and not self._agrees(found, lowered):
                # "“…,” he said. … “…,” she said": she is not the man just quoted, but the last
                # person named whom no "he" has meant.
                found = next((p for p in (self._mentioned_person(), *reversed(self.memory.people))
                              if p is not None and p.name != found.name and self._agrees(p, lowered)), None)
            if found is None:
                return []
            if found.kind == "person" and not found.unnamed:
                self.memory.pronouns.setdefault(found.name, _GENDER[lowered])
            return [found]
        if lowered in GROUP_PRONOUNS:
            return [self.memory.last_group] if self.memory.last_group else []
        last = self.memory.last
        if lowered == "it" and (subject := self._body_just_named()) is not None:
            return [subject]  # "The ministry did not confirm the report. In a statement, it said …"
        if lowered == "it" and last is not None and last.kind in ("organisation", "country") and not last.unnamed:
            return [last]  # "the ministry wrote …. It added that …": the body that just spoke
        if lowered == "it" and last is not None and last.kind == "unnamed" and last.role.lower() in BODY_NOUNS:
            return [last]  # "The ministry said …. It added …": the unnamed body that just spoke
        if lowered in {"it", "this", "that", "there", "which", "who", "we", "i", "you"} or lowered.startswith(("it ", "there ")):
            return []
        return None

    def _named_just_before(self, pronoun: str) -> Speaker | None:
        """"For Dr. X, the lesson is simple. “…,” she said": the one person named in the sentence
        right before, in the same paragraph, whom that pronoun already meant, whatever part of the
        sentence names them (a person spoken of after "for" is no subject)."""
        if pronoun not in _GENDER or (sentence := self._sentence_just_before()) is None:
            return None
        words = {t.text for t in sentence}
        named = [p for p in self.memory.people if not p.unnamed and p.name.split()[-1] in words]
        agreeing = [p for p in named if self.memory.pronouns.get(p.name) == _GENDER[pronoun]]
        return agreeing[0] if len(named) == 1 and agreeing else None

    def _person_pronoun(self) -> Speaker | None:
        if self.memory.last_person is None and (mentioned := self._mentioned_person()) is not None:
            return mentioned  # the person the article named before making anyone speak
        if (just_named := self._mentioned_person(previous_sentence=True)) is not None:
            return just_named  # "Minister X was asked whether …. “…,” he replied."
        if self.memory.last_person is None and (named := self.named_people()):
            return named[0]  # "TASS published an interview with X. It quoted him as saying …"
        return self.memory.last_person

    def _agrees(self, person: Speaker, pronoun: str) -> bool:
        """Whether "he" or "she" can mean the person: no other pronoun has meant them yet."""
        return self.memory.pronouns.get(person.name, _GENDER[pronoun]) == _GENDER[pronoun]

    def _report(self, phrase, role, ents):
        """"the statement said", "the report added": whoever issued that statement or report."""
        match = re.fullmatch(r"the\s+(?P<noun>[\w-]+)", phrase.strip(), re.IGNORECASE)
        issued = re.fullmatch(r"(?:a|an|the)\s+(?P<issuer>[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?)\s+(?P<noun>[\w-]+)",
                              phrase.strip(), re.IGNORECASE)
        if not match and issued and issued["noun"].lower() in REPORT_NOUNS and (
                issued["issuer"].split()[-1].lower() in BODY_NOUNS or self.orgs_in(issued["issuer"])):
            # "A ministry statement said", "a Kremlin readout said": the body that issued it.
            found = self.resolve(f"the {issued['issuer']}")
            return found if len(found) == 1 and found[0].kind in ("organisation", "unnamed") else None
        if not match or match["noun"].lower() not in REPORT_NOUNS:
            return None
        speaker = self.memory.reports.get(match["noun"].lower())
        return [speaker] if speaker else None

    def _known_body(self, phrase, role, ents):
        """A body of the base ending the phrase ("the Pentagon", "Russian news agency
        Sputnik"), or written another way ("the Turkish Ministry of Foreign Affairs")."""
        bare = re.sub(r"^(?:the|his|her|its|their)\s+", "", phrase, flags=re.IGNORECASE)
        for org in self.orgs_in(bare):
            remainder = bare[: -len(org.name)].strip()
            # "head of Rosoboronexport" is a role, not the body.
            if (
                bare.endswith(org.name)
                and not self.name_tokens(remainder.split())
                and not re.search(r"\b(?:of|for|at|from|in|to|with)(?:\s+the)?$", remainder, re.IGNORECASE)
            ):
                return [self._body(org, role)]
        org = self.body_by_key(bare)
        if org and len(bare.split()) > 1:
            return [self._body(org, role)]
        return None

    def _body(self, org: OrganisationName, role: str) -> Speaker:
        return Speaker("organisation", org.canonical, role=role, organisation=org.canonical, country=org.country)

    def _country(self, phrase, role, ents):
        bare = re.sub(r"^(?:the)\s+", "", phrase, flags=re.IGNORECASE)
        if self.country_pattern and (match := self.country_pattern.fullmatch(bare)):
            if stands_for_union(self.text, match.group(), self.lexicon):
                # "Brussels has voiced concern": the union seated there, not Belgium.
                return [self.named_body("European Union", role)]
            code, name = self.lexicon.countries[match.group()]
            return [Speaker("country", name, role=role, country=code)]
        return None

    def _outlet(self, phrase, role, ents):
        """A publication named after or before the word for it: "the newspaper Kommersant",
        "Kommersant daily", "The daily Le Figaro": a body, never a person."""
        if INDEFINITE_BODY.fullmatch(phrase.strip()):
            return None  # "a London-based newspaper": described, not named
        bare = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
        owned = re.fullmatch(r"(?P<owner>[A-Z][\w.-]*)['’]s\s+(?P<rest>.+)", bare)
        if owned and (countries := self.countries_in(owned["owner"])):
            # "Turkey's state-run Anadolu news agency": the outlet of that country, never "Turkey's"
            found = self._outlet(_HOW_RUN.sub("", owned["rest"]), role, ents)
            return [replace(found[0], country=found[0].country or countries[0])] if found else None
        if re.fullmatch(r"(?=\S+\s+\S)(?:[A-Z][\w’'-]*\s+)*(?:Daily|Weekly|Times|Post|Herald|Gazette|Tribune|Journal|Express|"
                        r"Telegraph|Chronicle|Monitor|Courier)(?:\s+[A-Z][\w’'-]*)*", bare) and (
                not self.countries_in(bare.split()[0]) or _CITY_PAPER.fullmatch(bare)):
            # "Daily Sabah", "Gulf Herald", "The Moscow Times": the word for an outlet in its name.
            return [self.named_body(bare, role)]
        if _publication_title(bare):
            return [self.named_body(bare, role)]
        name = r"(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
        match = (
            re.fullmatch(rf"(?:[\w’'-]+\s+){{0,3}}?{OUTLET_WORDS}\s+{name}", bare)
            or re.fullmatch(rf"{name}\s+(?:[\w’'-]+\s+){{0,2}}?{OUTLET_WORDS}", bare)
        )
        if not match:
            return None
        # "Gulf Defence Review magazine" is an outlet; "Defence Minister X", "the Defence Ministry
        # newspaper" are not: a name is refused for a person's title or a body's word in it.
        refused = [w for w in match["name"].split()
                   if w.lower().strip(".") in ROLE_NOUNS or w.lower() in BODY_NOUNS and w not in PUBLICATION_TITLE_ENDS
                   or w.endswith(".") or w in _NOT_OUTLET]
        # "the Korean defence acquisition agency": a nationality and a state's business, no outlet.
        if refused or NATIONALITY.fullmatch(match["name"]) or _STATE_AGENCY.search(bare.replace(match["name"], "")):
            return None
        written = match["name"]
        known = next((org for org in self.lexicon.organisations if org.name == written), None)
        if known:
            return [self._body(known, role)]
        kind = "news_agency" if re.search(r"agency", bare, re.I) else "broadcaster" if re.search(
            r"TV|television|channel|radio|broadcaster", bare) else "news_outlet"
        countries = self.countries_in(bare)
        return [Speaker("organisation", written, role=role, organisation=written,
                        country=countries[0] if countries else "", new_body=kind)]

    def _described_body(self, phrase, role, ents):
        """"the Korean manufacturer LIG Nex1", "state-owned defence company Aselsan": a company's
        name after the words that describe it; the body its name names."""
        match = re.fullmatch(
            rf"(?:[Tt]he\s+)?(?P<described>(?:[\w’'-]+\s+){{0,3}}?(?:{'|'.join(_COMPANY_NOUNS)}))\s+(?P<name>[A-Z][\w’'.&-]*(?:\s+[A-Z\d][\w’'.&-]*){{0,3}})",
            phrase.strip())
        if match is None or any(w[:1].isupper() and not self.countries_in(w) and ents.get(w) != "NORP"
                                for w in match["described"].split()):
            return None
        found = self.resolve(match["name"], role=role, ents={k: v for k, v in ents.items() if k in match["name"]})
        if len(found) != 1 or found[0].kind != "organisation":
            return None
        countries = self.countries_in(match["described"])
        return [replace(found[0], country=found[0].country or (countries[0] if countries else ""))]

    def _unnamed_phrase(self, phrase, role, ents):
        if (group := self._group_named_before(phrase)) is not None:
            return [group]
        if (UNNAMED.fullmatch(phrase) or INDEFINITE_BODY.fullmatch(phrase)) and not DEFINITE.match(phrase):
            return [self.unnamed(phrase)]
        # "the sources said", "the people familiar with the talks": the unnamed speakers named
        # before, who hold no role a named person could (unlike "the official").
        head = re.match(r"the\s+(?:[\w’'-]+\s+){0,3}?(?P<head>sources?|insiders|people|persons?|media|commentators|observers|"
                        r"organi[sz]ers)\b", phrase, re.I)
        if head and UNNAMED.fullmatch(phrase):
            return [self.unnamed(phrase)]
        if share := _SHARE_OF_GROUP.fullmatch(phrase):
            return [self._one_of_group(share["share"].lower())]
        return None

    def _group_named_before(self, phrase: str) -> Speaker | None:
        """"Two diplomatic sources told the agency …. …, the sources added", "the diplomats
        said", "one of the sources added": the unnamed group that spoke before with that noun
        (or its adjective, "diplomatic") in its role; a share of it is one of that group."""
        match = _GROUP_BACK.fullmatch(phrase.strip())
        if match is None:
            return None
        stem = match["noun"].lower().removesuffix("s")
        group = next((s for s in reversed(self.memory.spoken) if s.unnamed and _plural(s.role)
                      and not re.match(r"(?:one|another|each)\s+of\b", s.role, re.IGNORECASE)  # one of them spoke, not all
                      and re.search(rf"\b{stem}", s.role, re.IGNORECASE)
                      # "the diplomatic sources" are a group of diplomatic sources, not of defence sources
                      and all(w.lower() in _GROUP_ANY_WORDS or re.search(rf"\b{re.escape(w)}\b", s.role, re.IGNORECASE)
                              for w in match["words"].split())), None)
        if group is None:
            return None
        if match["share"]:
            members = re.sub(r"^(?:the|two|three|four|five|several|some|many|a\s+number\s+of|\d+)\s+", "", group.role, flags=re.I)
            return replace(group, role=f"{match['share'].lower()} of the {members}")
        return group

    def _one_of_group(self, share: str) -> Speaker:
        """"Two officials said …. One of them said …": one of the unnamed speakers who spoke as a
        group; unnamed all the same when the group is out of memory."""
        group = self.memory.last_group
        if group is None or not group.unnamed:
            return Speaker("unnamed", "", role=f"{share} of them", unnamed=True)
        members = re.sub(r"^(?:the|two|three|four|five|several|some|many|a\s+number\s+of|\d+)\s+", "", group.role, flags=re.I)
        return replace(group, role=f"{share} of the {members}")

    def unnamed(self, phrase: str, *, for_country: str = "") -> Speaker:
        """A speaker the text does not name: for the body the phrase names, else its country,
        else nobody in particular; the role keeps the words ("senior Egyptian official")."""
        role = clean_role(phrase)
        countries = self.countries_in(phrase)
        head, _, posting = phrase.partition(" in ") if " in " in phrase else phrase.partition(" to ")
        if posting and re.search(r"\b(?:ambassador|envoy|embassy|diplomat|consul|mission)s?\b", head, re.IGNORECASE):
            # "the Kingdom's ambassador in Moscow", "a diplomat in Riyadh": the posting is no nationality.
            countries = self.countries_in(head)
        countries = countries or ([for_country] if for_country else [])
        orgs = self.orgs_in(phrase)
        if orgs:
            org = orgs[-1]
            return Speaker("organisation", org.canonical, role=role, organisation=org.canonical, country=org.country, unnamed=True)
        if countries:
            return Speaker("country", self.country_name(countries[0]), role=role, country=countries[0], unnamed=True)
        return Speaker("unnamed", "", role=role, unnamed=True)

    def _person_phrase(self, phrase, role, ents):
        """A person's name ending the phrase, after their role ("Russia's Deputy Prime
        Minister Yuri Borisov"); an ORG entity of the parse is a body, not a person."""
        tokens = self.masked(phrase).split()
        names = self.name_tokens(tokens)
        if not names:
            return None
        before_name = [w.lower() for w in tokens[: len(tokens) - len(names)]]
        if before_name[-1:] == ["the"]:
            before_name.pop()  # "the envoy for the Gulf"
        if before_name and before_name[-1] in ("in", "at", "from", "near", "on", "to", "for"):
            return None  # "the embassy in Belgrade", "the special envoy for the Gulf": a place, not a name
        if len(names) == 1 and names[0] in BODY_NAME_WORDS and before_name:
            return None  # "a spokesperson for the U.S. Embassy": a body's word, not a surname
        if len(names) > 1 and names[-1] in _NEVER_SURNAMES:
            return None  # "Ankara Missile Works": a body's name ends in its kind, a person's never
        if before_name and re.fullmatch(r"[A-Z][A-Za-z]*\d+[A-Za-z\d]*", tokens[len(tokens) - len(names) - 1]):
            return None  # "KAI5 Systems": a word with a digit names a company or a model, never a person
        written = " ".join(phrase.split()[len(tokens) - len(names):])
        name = self.full_name(written) if len(names) == 1 else written
        as_body = any(label in ("ORG", "FAC", "PRODUCT") and written in text for text, label in ents.items()) and not (
            # "Helena Marsh" read as an organisation: two or three name words, none a body's
            2 <= len(names) <= 3 and written in ents and not before_name
            and all(w[:1].isupper() and not w.isupper() and w not in BODY_NAME_WORDS and w not in TITLE_WORDS for w in names))
        as_person = any(label == "PERSON" and written in text for text, label in ents.items())
        before = " ".join(phrase.split()[: len(tokens) - len(names)])
        if re.search(r"\b(?:for|of|to)\s+(?:(?:President|Prime|Minister|King|Emir|Crown|Prince|Sheikh|Chancellor|Premier)\s+)+$",
                     before + " ") and re.match(r"(?:an?|one|two|several)\s", phrase, re.IGNORECASE):
            return [self.unnamed(phrase)]  # "a spokesman for President X": X's spokesman spoke, not X
        if len(names) == 1 and not before.strip() and (
                body := next((b for b in reversed(self.memory.bodies) if b.name == written), None)):
            # "the newspaper Vedomosti reported …. Vedomosti said": the body that spoke by that name
            return [replace(body, role=role)]
        if (self.publishing and len(names) == 1 and name == written and not before.strip() and not role
                and not self._introduced(written)):
            # "Izvestia reported", "Al-Monitor wrote": news copy introduces a person by full
            # name before using the surname alone; a single name never introduced is a body.
            body = self.named_body(written, "")
            return [replace(body, new_body="news_outlet") if body.new_body else body]
        own_role = clean_role(before) or role or self.introduced_roles.get(name, "")
        # "Director of the Federal Service … Anatoly X": a role before the name makes it a
        # person even when the parse read the whole phrase as one body.
        has_role = bool(re.search(rf"\b(?:{'|'.join(ROLE_NOUNS)})\b", own_role, re.IGNORECASE))
        # One name word can end a body's name too ("the Belgrade Security Forum").
        ends_body = any(label == "ORG" and len(text.split()) > 2 and text.endswith(written) for text, label in ents.items())
        if as_body and not as_person and not has_role and (len(names) > 1 or ends_body) and name not in self.lexicon.people:
            return None  # a body of several words the base does not know ("Baltic Institute …")
        return [self.person(name, own_role)]

    def _group(self, phrase, role, ents):
        """A group named after a body or a country: "A number of NATO member states",
        "Indian officials"."""
        lowered = phrase.lower()
        orgs = self.orgs_in(phrase)
        if orgs and re.search(r"\b(?:states|members|countries|officials|allies|sources|side)$", lowered):
            org = orgs[-1]
            return [Speaker("organisation", org.canonical, role=phrase, organisation=org.canonical, country=org.country)]
        countries = self.countries_in(phrase)
        # A ministry is a body of its own ("Algeria's defence ministry"), not the country.
        if countries and re.search(r"\b(?:authorities|government|side|administration)$", lowered):
            return [Speaker("country", self.country_name(countries[-1]), role=phrase, country=countries[-1])]
        return None

    def person(self, name: str, role: str) -> Speaker:
        orgs = self.orgs_in(role)
        countries = self.countries_in(role)
        known = next((p for p in reversed(self.memory.people) if p.name == name), None)
        role = clean_role(role)
        return Speaker(
            "person",
            name,
            role=role or (known.role if known else ""),
            organisation=orgs[-1].canonical if orgs else (known.organisation if known else ""),
            country=countries[0] if countries else (known.country if known else ""),
        )

    def _by_role(self, phrase, role, ents):
        """"the senior diplomat", "the president", "the head of the committee": the last
        person named with that role, agreeing in nationality; "a senior aide" is unnamed; a
        definite role nobody holds yet is unnamed until the article names its holder."""
        match = re.fullmatch(r"(?P<article>the|a|an|his|her|their|its|[A-Z][\w-]*['’]s)\s+(?P<rest>.+)", phrase.strip(),
                             re.IGNORECASE)
        if not match:
            return None
        if match["article"].lower() in ("his", "her", "their"):
            # "his Indian counterpart", "her deputy": someone beside the person just named, whom
            # the article has not named (when it has, the name is written instead).
            rest = re.split(r"\s+(?:of|for|at|in|to|with|from|on)\s+", match["rest"], maxsplit=1)[0]
            if rest.split() and rest.split()[-1].lower() in ROLE_NOUNS:
                return [replace(self.unnamed(match["rest"]), definite=True)]
            last = self.memory.last_person
            if rest.split() and rest.split()[-1].lower() in BODY_NOUNS and last is not None and not last.unnamed:
                return [self.named_body(f"{last.name}'s {match['rest']}", "")]  # "his office": the person's
            return None
        # The role is the words before its complement: "ambassador" in "ambassador to Russia".
        rest = re.split(r"\s+(?:of|for|at|in|to|with|from|on)\s+", match["rest"], maxsplit=1)[0]
        possessive = match["article"].lower() not in ("the", "a", "an")
        nationality = self.countries_in(f"{match['article']} {rest}" if possessive else rest)
        words = [w for w in self.masked(rest).lower().split() if "¤" not in w]
        # "the chief spokesman" is a spokesman, "the IAF chief" a chief.
        words = [w for i, w in enumerate(words) if w not in ROLE_FILLERS or i == len(words) - 1]
        head = " ".join(words)
        if not words or not any(noun in head for noun in ROLE_NOUNS) or words[-1] in BODY_NOUNS:
            return None
        if match["article"].lower() in ("a", "an"):
            return [self.unnamed(phrase)]
        if match["article"].lower() == "its":
            # "Qatar's talks went nowhere. Its ambassador said …": the post of the state or body named last.
            before = self.text[max(0, self.position - 400) : self.position]
            named = [(m.end(), m.group()) for pattern in (self.country_pattern, self.org_pattern) if pattern
                     for m in pattern.finditer(before)]
            return [replace(self.unnamed(f"{max(named)[1]}'s {match['rest']}"), definite=True)] if named else None
        synonyms = ROLE_SYNONYMS.get(head) or ROLE_SYNONYMS.get(words[-1]) or (head, words[-1])
        # Words in small letters that qualify the post ("special", "foreign"), not a body's name ("IAF").
        qualifiers = [w for w in words[:-1] if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", self.masked(rest))]
        last = self.memory.last_person
        # "the official" is anyone in office: "Russia's deputy foreign minister denied …. Interfax
        # quoted the official as saying" is that minister.
        generic = synonyms == ("",) and any(re.search(rf"\b{noun}\b", last.role.lower()) for noun in ROLE_NOUNS) if last else False
        if last is not None and last.unnamed and not (nationality and last.country and last.country != nationality[0]) and (
                words[-1] in last.role.lower() or generic or any(s and s in last.role.lower() for s in synonyms)) and (
                head in last.role.lower() or all(word in last.role.lower() for word in qualifiers)):
            # "A senior official said …. The official also said", "The French special envoy
            # said …. The diplomat added": the unnamed speaker who spoke last, before anyone
            # named earlier whose role would fit.
            return [last]
        # Whoever spoke with that role, else a person the article named with it without making
        # them speak ("Spokesman Ali X declined to comment on the price. But the spokesman said …").
        # Of the two, whoever the article named last.
        def fits(person: Speaker) -> bool:
            held = person.role.lower()
            if not held and synonyms != ("",):
                return False
            if synonyms == ("",) and not any(re.search(rf"\b{noun}\b", held) for noun in ROLE_NOUNS if noun not in _NO_OFFICE):
                return False  # "the official" holds an office: no analyst, nor someone whose post the article never gave
            if nationality and person.country and person.country != nationality[0]:
                return False
            if any(word not in held for word in qualifiers) and head not in held:
                return False  # "the special envoy" is not Ambassador X, "the foreign minister" not the defence minister
            return head in held or any(synonym in held for synonym in synonyms)

        spoke = next((p for p in reversed(self.memory.people) if fits(p)), None)
        named = next((p for p in self.named_people() if all(p.name != s.name for s in self.memory.people) and fits(p)), None)
        if spoke is not None and named is not None:
            last_named = self.text.rfind(spoke.name.split()[-1], 0, self.position)
            return [named if self._named_at.get(named.name, -1) > last_named else spoke]
        if spoke is not None or named is not None:
            return [spoke or named]
        if words[-1] in _RANKS and (ranked := self._ranked(words[-1], nationality)) is not None:
            return [ranked]
        last = self.memory.last_person
        if last is not None and not last.unnamed and not last.role and not nationality and words[-1] in _LEADERS:
            # "“…,” Erdogan was quoted as saying. … the president said": the person who spoke
            # last, whose role the article never gave, rather than nobody (a leader's role only:
            # an envoy or an official first met by role is often named a line later).
            return [replace(last, role=clean_role(rest))]
        # A definite role nobody holds yet: "the French special envoy said".
        return [replace(self.unnamed(phrase), definite=True)]

    def named_people(self) -> list[Speaker]:
        """The people the article named before the sentence being read, nearest first, each with
        the title written before the name and the appositive after it as their role
        ("Brigadier Khalid X, director of procurement, led the delegation")."""
        if self.doc is None:
            return []
        from .syntax import phrase as phrase_of
        from .syntax import post_held

        end = self._token_at(self.position)
        found, seen = [], set()
        for root in reversed(self.doc[:end]):
            # A name the parse saw as a person's, or one written after a title or beside a role
            # ("Lt Gen Vikram X", "the exporter's director general, Pavel X"), whatever entity it saw.
            if root.pos_ != "PROPN" or root.dep_ == "compound" or not (
                    root.ent_type_ == "PERSON"
                    or root.dep_ == "appos" and root.head.lemma_.lower() in ROLE_NOUNS
                    # "Dmitry X, director of the service, met …", the name read as a body's
                    or any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in root.children)
                    or post_held(root)
                    or any(c.dep_ == "compound" and (c.lower_ in ROLE_NOUNS or c.text in TITLE_WORDS) and c.text[:1].isupper()
                           for c in root.children)):
                continue
            # "Rosoboronexport's director general, Alexander X": the role the name is set beside.
            words = phrase_of(root.head if root.dep_ == "appos" and root.head.pos_ == "NOUN" else root)
            if words.text != phrase_of(root).text:
                words = phrase_of(root)
            people = self._person_phrase(words.text, "", words.ents) if words.text else None
            if not people or people[0].name in seen or len(people[0].name.split()) < 2:
                continue
            seen.add(people[0].name)
            self._named_at[people[0].name] = root.idx
            person = people[0]
            role = " ".join(r for r in (person.role, clean_role(words.role)) if r)
            found.append(replace(person, role=role, country=person.country or next(iter(self.countries_in(role)), "")))
        return found

    def _person_by_initials(self, acronym: str) -> Speaker | None:
        """The person whose role's capitalised words begin with the acronym's letters ("Chief of
        Defence Staff" for "the CDS"), among those who spoke or were named before."""
        for person in [*reversed(self.memory.people), *self.named_people()]:
            for run in re.finditer(r"[A-Z][\w-]*(?:\s+(?:of|the|for|and|[A-Z][\w-]*))*", person.role):
                after = person.role[run.end() :].split()
                if after and after[0].lower() in ROLE_NOUNS:
                    continue  # "Indian Air Force chief": the acronym names the body, not its chief
                if len(acronym) >= 3 and _initials_name(acronym, [w for w in run.group().split() if w[0].isupper()]):
                    return person
        return None

    def _ranked(self, rank: str, nationality: list[str]) -> Speaker | None:
        """"Chief of Army Staff Gen. X told …. The general added": the last person who spoke and
        whose name the article wrote after that rank (a rank is not kept in the role)."""
        titles = "|".join(re.escape(t) for t in _RANKS[rank])
        before = self.text[: self.position]
        for person in [*reversed(self.memory.people), *self.named_people()]:
            if nationality and person.country and person.country != nationality[0]:
                continue
            if re.search(rf"(?<!\w)(?:{titles})\s+(?:[\w.’'-]+\s+){{0,3}}?{re.escape(person.name)}\b", before):
                return person
        return None

    def _by_body_noun(self, phrase, role, ents):
        """"the ministry", "the newspaper", "the daily": the last body of a fitting kind that
        spoke, else the last body of that noun the article mentioned ("The Algerian Ministry of
        National Defence did not confirm …; the ministry said"); a body met for the first time
        ("the Russian embassy in Cairo", "the defence ministry") is drafted as a new body; "the
        ministry" when none was named is an unnamed speaker in the role "ministry"."""
        match = re.fullmatch(
            r"(?P<det>the|its|their|(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*['’]s)\s+(?P<words>(?:[\w’'.-]+\s+){0,3}?)(?P<noun>[\w-]+)"
            r"(?P<tail>\s+(?:in|of|for|at|to)\s+.+)?",
            phrase.strip(), re.IGNORECASE,
        )
        if not match or match["noun"].lower() not in BODY_NOUNS:
            return None
        kinds = BODY_NOUNS[match["noun"].lower()]
        noun = match["noun"].lower()
        if noun in DESCRIBED_BODY_NOUNS:
            # "the French maker said": the company that spoke or was named last, else a
            # company the article leaves unnamed (no body is called "French maker").
            for body in reversed(self.memory.bodies):
                if (body.new_body or self._kind_of(body.name)) == "company":
                    return [replace(body, role="")]
            # "Rosoboronexport head X said …. …, according to the exporter": the base's company named before
            if not match["words"] and (named := self._named_body_of_kind(("company",), noun)) is not None:
                return [named]
            return [self.unnamed(re.sub(r"^(?:the|its|their)\s+", "", phrase.strip(), flags=re.IGNORECASE))]
        if not match["words"] and not match["tail"] and match["det"].lower() in ("the", "its", "their"):
            if (in_words := self._named_in_sentence(phrase, kinds, noun)) is not None:
                return [in_words]
            if noun == "agency" and (agency := self._agency_named_before(phrase)) is not None:
                return [agency]
            if noun == "ministry" and (ministry := self._ministers_ministry()) is not None:
                return [ministry]
            for body in reversed(self.memory.bodies):
                kind = body.new_body or self._kind_of(body.name)
                name = body.name.lower()
                fits = kind in kinds or (kind == "ministry" and "government" in kinds)
                # A committee or an embassy is only "the committee", "the embassy".
                own_noun = any(named in name.split() for named in NAMED_BODY_NOUNS)
                if any(n in name for n in BODY_NOUN_SYNONYMS.get(noun, (noun,))) or (
                        fits and noun not in NAMED_BODY_NOUNS and not own_noun):
                    return [replace(body, role="")]
            mentioned = next(filter(None, map(self._mentioned, BODY_NOUN_SYNONYMS.get(noun, (noun,)))), None)
            if mentioned:
                return [mentioned]
            if (named := self._named_body_of_kind(kinds, noun)) is not None:
                return [named]
            if noun == "ministry" and (ministry := self._article_ministry()) is not None:
                return [ministry]
            # "The ministry said …" before any ministry is named: a body the article leaves
            # unnamed, drafted as an unnamed speaker in that role for the editor to name.
            return [Speaker("unnamed", "", role=noun, unnamed=True)]
        written = re.sub(r"^(?:the|its|their)\s+", "", phrase.strip(), flags=re.IGNORECASE)
        if not match["tail"] and (named := self._named_before_as(written, noun)) is not None:
            return [named]
        return [self.named_body(written, role)]

    def _phrase_at(self, phrase: str) -> int:
        """Where the phrase is written in the sentence being read (its start when not found)."""
        found = re.compile(re.escape(phrase.strip()), re.IGNORECASE).search(self.text, self.position, self.position + 1000)
        return found.start() if found else self.position

    def _named_in_sentence(self, phrase: str, kinds: tuple, noun: str) -> Speaker | None:
        """"“Rosoboronexport's order book is full,” the company said": the base's body of a fitting
        kind named in the same sentence before the phrase, in the words said, is the one it means."""
        if not self.org_pattern or noun in NAMED_BODY_NOUNS:
            return None
        for match in reversed(list(self.org_pattern.finditer(self.text, self.position, self._phrase_at(phrase)))):
            org = self.organisations[match.group()]
            if org.kind in kinds or noun == "agency" and _agency_like(org.canonical, org.kind):
                return self._body(org, "")
        return None

    def _agency_named_before(self, phrase: str) -> Speaker | None:
        """"The FSMTC confirmed the talks. …, the agency said": the last agency-like body named
        before the phrase, a state's agency or service (the FSMTC) or a news agency (TASS,
        "the Vostok news agency"), whether it spoke or was only named."""
        at = self._phrase_at(phrase)
        found = []  # (where it was named, the body)
        if self.org_pattern:
            found += [(m.start(), self._body(self.organisations[m.group()], "")) for m in self.org_pattern.finditer(self.text, 0, at)
                      if _agency_like(self.organisations[m.group()].canonical, self.organisations[m.group()].kind)]
        found += [(self.text.rfind(b.name, 0, at), replace(b, role="")) for b in self.memory.bodies
                  if _agency_like(b.name, b.new_body or self._kind_of(b.name))]
        if self.doc is not None:
            from .syntax import phrase as phrase_of

            for token in reversed(self.doc[: self._token_at(at)]):
                if token.lower_ != "agency" or token.pos_ not in ("NOUN", "PROPN"):
                    continue
                words = re.sub(r"^(?:the|a|an|its|their)\s+", "", phrase_of(token).text, flags=re.IGNORECASE)
                words = re.sub(r"\s*['’]s?$", "", words)
                # "the Vostok news agency" names one; "the agency", "a Russian agency" do not
                if re.search(r"\b[A-Z]", re.sub(r"\b(?:News|Agency|State|The)\b", "", self.masked(words))):
                    found.append((token.idx, self.named_body(words, "")))
                    break
        found = [(at, body) for at, body in found if at >= 0]
        return max(found, key=lambda f: f[0])[1] if found else None

    def _named_before_as(self, written: str, noun: str) -> Speaker | None:
        """"The Turkish Ministry of National Defence declined to comment. Later, the defence
        ministry said …": a body written shorter than the article named it before; the one named
        with that noun and every descriptive word ("defence"), of the same country."""
        if self.doc is None or self.organisations.get(written) or self.body_by_key(written):
            return None
        from .syntax import phrase as phrase_of

        masked = self.masked(written)
        words = [w.lower() for w, m in zip(written.split(), masked.split(), strict=False) if "¤" not in m][:-1]
        country = next(iter(self.countries_in(written)), "")
        if not words:
            return None
        for token in reversed(self.doc[: self._token_at(self.position)]):
            if token.lower_ != noun or token.pos_ not in ("NOUN", "PROPN"):
                continue
            entity = entity_of(self.doc).get(token.i)
            entity = entity if entity is not None and entity.label_ == "ORG" else None
            named = entity.text if entity is not None and len(entity) > 1 else phrase_of(token).text
            named = re.sub(r"^(?:the|a|an|its|their)\s+", "", named, flags=re.IGNORECASE)
            named = re.sub(r"\s*['’]s?$", "", named)  # "the Indian Air Force's squadrons": the force, not its possessive
            if len(named.split()) <= len(written.split()) or not all(re.search(rf"\b{re.escape(w)}", named.lower()) for w in words):
                continue
            body = self.named_body(named, "")
            if not country or body.country in ("", country):
                return body
        return None

    def _named_body_of_kind(self, kinds: tuple, noun: str) -> Speaker | None:
        """"Rosoboronexport signed the contract in 2021. The company said …": the last of the
        base's bodies the article named before, without making it speak, of a kind the noun fits."""
        if not self.org_pattern or noun in NAMED_BODY_NOUNS:
            return None
        for match in reversed(list(self.org_pattern.finditer(self.text, 0, self.position))):
            org = self.organisations[match.group()]
            if org.kind in kinds or (org.kind == "ministry" and "government" in kinds):
                return self._body(org, "")
        return None

    def _ministers_ministry(self) -> Speaker | None:
        """"The ministry said" when a minister spoke since the last ministry did: the minister's
        own ("Defence Minister X said …. The ministry said" is the Ministry of Defence), the
        base's when it knows that country's, never an earlier body of another kind."""
        for speaker in reversed(self.memory.spoken):
            if speaker.kind == "organisation" and "ministry" in speaker.name.lower():
                return None  # a ministry spoke since: the loop over the bodies finds it
            if speaker.kind != "person" or not (match := _MINISTER.search(speaker.role) or self._minister_title(speaker.name)):
                continue
            field = (match["field"] or match["of"]).strip()
            field = _MINISTRY_FIELDS.get(field.lower(), field.title())
            code = speaker.country or next(iter(self.countries_in(speaker.role)), "")
            # "The Vietnamese Ministry of National Defence first discussed …; Deputy Defence Minister
            # X said …. The ministry said": the ministry of that field the article named.
            mentioned = self._mentioned("ministry")
            if mentioned is not None and field.split()[-1].lower()[:5] in mentioned.name.lower() and (
                    not code or mentioned.country in ("", code)):
                return mentioned
            name = f"Ministry of {field}" + (f" of {self.country_name(code)}" if code else "")
            return self.named_body(name, "")
        return None

    def _article_ministry(self) -> Speaker | None:
        """"…, the ministry said in a statement." with no ministry named and no minister speaking
        before: the ministry of the one field whose minister the article names anywhere
        ("Defence Minister X told parliament …" further down), of the minister's country, else of
        the country the dateline places the article in. Several fields, or none: unnamed."""
        found = {(m["field"] or m["of"]).strip().lower(): m for m in _MINISTER.finditer(self.text)}
        fields = {_MINISTRY_FIELDS.get(f, f.title()) for f in found}
        if len(fields) != 1:
            return None
        field = fields.pop()
        match = next(iter(found.values()))
        line_start = self.text.rfind("\n", 0, match.start()) + 1
        near = re.split(r"[.;]\s", self.text[line_start : match.start()])[-1][-40:]
        code = next(iter(self.countries_in(near)), "") or self._dateline_country()
        return self.named_body(f"Ministry of {field}" + (f" of {self.country_name(code)}" if code else ""), "")

    def _dateline_country(self) -> str:
        """The country of the capital a dateline opens the article with ("BELGRADE, 21 May (…) –")."""
        from ..base import DATELINE

        for line in self.text.splitlines()[:4]:
            if (match := DATELINE.match(line.strip())) is None:
                continue
            place = re.split(r"[,(]", match.group())[0].strip()
            written = " ".join(w.capitalize() for w in place.split())
            if written in self.lexicon.capitals and written in self.lexicon.countries:
                return self.lexicon.countries[written][0]
        return ""

    def _minister_title(self, name: str) -> re.Match | None:
        """A minister's title written right before or after the name, where the parse kept only
        part of it as the role ("Minister of State for Defence X told", "X, the defence minister,")."""
        for at in (m.start() for m in re.finditer(re.escape(name), self.text)):
            before = self.text[max(0, at - 60) : at]
            if (match := _MINISTER.search(before)) and not re.search(r"[.;:\n]", before[match.end() :]):
                return match
            if match := re.match(rf"{re.escape(name)},\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?(?:{_MINISTER.pattern})", self.text[at : at + 100]):
                return match
        return None

    def _mentioned(self, noun: str) -> Speaker | None:
        """The nearest body before the sentence read whose head noun is ``noun``, as the parse
        writes its phrase ("a parliamentary standing committee")."""
        if self.doc is None:
            return None
        from .syntax import phrase as phrase_of  # the parse's phrases; syntax needs no resolver

        for token in reversed(self.doc[: self._token_at(self.position)]):
            if token.pos_ not in ("NOUN", "PROPN") or token.lower_ != noun:
                continue
            entity = entity_of(self.doc).get(token.i)
            entity = entity if entity is not None and entity.label_ == "ORG" else None
            written = entity.text if entity is not None and len(entity) > 1 else phrase_of(token).text
            words = re.sub(r"^(?:the|a|an|its|their)\s+", "", written, flags=re.IGNORECASE)
            if words.lower() != noun:
                return self.named_body(words, "")
        return None

    def _sentence_just_before(self):
        """The parsed sentence right before the position, when it is in the same paragraph."""
        if self.doc is None:
            return None
        before = self.doc[: self._token_at(self.position)]
        if not len(before):
            return None
        sentence = before[-1].sent
        return None if "\n\n" in self.text[sentence.start_char : self.position].strip() else sentence

    def _body_just_named(self) -> Speaker | None:
        """A body the sentence right before, in the same paragraph, made its subject without
        making it speak ("The Saudi Ministry of Defence did not confirm the report."): whom "it"
        means, whoever spoke last."""
        if (sentence := self._sentence_just_before()) is None:
            return None
        from .syntax import phrase as phrase_of

        for token in sentence:
            if token.dep_ != "nsubj" or token.head.dep_ != "ROOT" or token.pos_ not in ("NOUN", "PROPN"):
                continue
            words = phrase_of(token)
            found = [s for s in self.resolve(words.text, ents=words.ents) if s.kind == "organisation" and not s.unnamed]
            return found[0] if len(found) == 1 else None
        return None

    def _mentioned_person(self, *, previous_sentence: bool = False) -> Speaker | None:
        """The last person named as the subject of a sentence before the one being read:
        "Minister X visited the site. “…,” he said." when X has not spoken yet. With
        ``previous_sentence``, only the sentence right before, in the same paragraph: the
        person just made the subject is whom "he" means, whoever spoke last."""
        if self.doc is None:
            return None
        from .syntax import phrase as phrase_of

        before = self.doc[: self._token_at(self.position)]
        if previous_sentence:
            if not len(before):
                return None
            sentence = before[-1].sent
            if "\n\n" in self.text[sentence.start_char : self.position].strip():
                return None
            before = self.doc[sentence.start : len(before)]
        for token in reversed(before):
            # A name with a role set off after it is a person, whatever entity the parse saw.
            with_role = token.pos_ == "PROPN" and any(
                c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in token.children)
            # "His deputy, Murat X, struck a softer tone": a role whose appositive names the person.
            named = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and (
                c.ent_type_ == "PERSON" or token.lemma_.lower() in ROLE_NOUNS
                or any(g.dep_ == "compound" and g.text in TITLE_WORDS for g in c.children))), None)
            role_named = token.pos_ in ("NOUN", "ADJ") and named is not None
            # "Foreign Minister Levent X": a name after a person's title, whatever entity the parse saw.
            titled = token.pos_ == "PROPN" and any(
                g.dep_ == "compound" and g.text.lower() in ROLE_NOUNS and g.i < token.i for g in token.children)
            # "Lind is sceptical": the surname of someone who has spoken, whatever the parse saw.
            spoken = token.text[:1].isupper() and any(p.name.split()[-1] == token.text for p in self.memory.people)
            if (token.ent_type_ == "PERSON" or with_role or role_named or titled or spoken) and token.dep_ in ("nsubj", "nsubjpass"):
                words = phrase_of(named if role_named else token)
                found = self._person_phrase(words.text, words.role or (token.text if role_named else ""), words.ents)
                if found:
                    return self.person(found[0].name, words.role) if words.role else found[0]
        return None

    def _token_at(self, position: int) -> int:
        return bisect_left(token_starts(self.doc), position)

    def named_body(self, written: str, role: str) -> Speaker:
        """A body by the words that name it: one of the base's, written as the base writes it
        or another way, else a new body for the editor to confirm."""
        org = self.organisations.get(written) or self.body_by_key(written)
        if org:
            return self._body(org, role)
        countries = self.countries_in(written)
        kind = next((kind for pattern, kind in NEW_BODY_KINDS if pattern.search(written)), "other")
        return Speaker("organisation", written, role=role, organisation=written,
                       country=countries[0] if countries else "", new_body=kind)

    def _kind_of(self, name: str) -> str:
        org = next((o for o in self.lexicon.organisations if o.canonical == name), None)
        return org.kind if org else ""

    def _new_body(self, phrase, role, ents):
        """A body the base does not know: an acronym ("KBP"), an ORG entity of several words
        ("the Baltic Institute for Security Studies") or a name with a digit in it ("KAI5 Systems")."""
        bare = re.sub(r"^(?:the)\s+", "", phrase, flags=re.IGNORECASE)
        if bare in self.acronyms:
            return [replace(self.acronyms[bare], role=role)]
        acronym = re.fullmatch(r"[A-Z]{2,6}|(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{1,5}", bare)  # "KBM", "MoD"
        # "Saudi Arabian Military Industries" parsed as a nationality before "Arabian Military Industries".
        org_entity = any(label == "ORG" and len(bare.split()) > 1 and (
            re.sub(r"^the\s+", "", text, flags=re.I) == bare
            or bare.endswith(f" {text}") and ents.get(bare[: -len(text)].strip()) in ("NORP", "GPE")) for text, label in ents.items())
        # "LIG Nex1", "KAI5 Systems": capitalised words, one with a digit in it, name a company.
        coded = re.fullmatch(r"(?:[A-Z][\w-]*\s+){0,3}[A-Z][A-Za-z]*\d[A-Za-z\d]*(?:\s+[A-Z][\w-]*){0,2}", bare)
        if acronym and phrase.lower().startswith("the ") and (person := self._person_by_initials(bare)) is not None:
            return [person]  # "Lt Gen X, the Director General of Military Operations, … The DGMO said"
        # "Moscow Radar Works": capitalised words ending in a body's kind.
        kind_named = bare.split()[-1] in _NEVER_SURNAMES and re.fullmatch(r"(?:[A-Z][\w-]*\s+){1,4}[A-Z]\w+", bare)
        if not (acronym or org_entity or coded or kind_named):
            return None
        if bare.lower() in {"nato"}:
            return None
        countries = self.countries_in(bare)
        kind = next((kind for pattern, kind in NEW_BODY_KINDS if pattern.search(bare)), "company" if coded else "other")
        return [Speaker("organisation", bare, role=role, organisation=bare, country=countries[0] if countries else "",
                        new_body=kind)]
