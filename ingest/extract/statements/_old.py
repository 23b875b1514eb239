"""Statements: direct quotations (in " “ ” « » „ “ ‘ ’ marks) and reported speech, each
attributed to its speaker.

How a speaker is found, in order:
- a name next to the speech verb ("Shugaev said", "Russia’s Deputy Prime Minister Yuri
  Borisov told Sputnik", "Dmitry Shugaev, director of …, told Interfax"); a surname alone is
  the person named earlier in the article, or a known person of the base;
- a body or country ("the Pentagon stated", "Bloomberg claimed", "The US announced");
- a pronoun: "he"/"she"/"according to him" is the last person quoted, "they" the last body;
- a definite role ("the senior diplomat", "the defense minister") is the last person named
  with that role (diplomat ≈ ambassador, leader ≈ president…), agreeing in nationality;
- an unnamed speaker ("a senior Egyptian official", "a source in Rostec", "officials") stays
  unnamed, with the role as written, for the body or country the phrase names when it names
  one: it never borrows the name of a person quoted nearby, who may well be someone else;
- an outlet ("the newspaper Kommersant", "Kommersant daily") is a body, never a person.
The statement's date is the first date in its sentence, else that of the speaker's previous
statement; its medium the outlet it was told to ("told Interfax", "RIA Novosti notes").
"""
import re
from dataclasses import dataclass, field, replace

from .base import (
    Finding,
    Kind,
    Lexicon,
    Span,
    names_pattern,
    paragraphs,
    quotations,
    sentences,
)
from .deals import DENIAL, REFUSAL

_VERB_CORE = (
    r"said|says|say|told|tells|stated|states|announced|announces|added|adds|noted|notes|"
    r"stressed|stresses|reported|reports|claimed|claims|argued|argues|argue|indicated|indicates|"
    r"warned|warns|insisted|insists|confirmed|confirms|denied|denies|deny|rejected|rejects|"
    r"dismissed|dismisses|refuted|refutes|"
    r"emphasi[sz]ed|emphasi[sz]es|explained|explains|declared|declares|reminded|recalled|"
    r"pointed (?:to|out)|hit back|criticized|criticised|criticize|criticise|"
    r"expressed (?:concern|hope|regret|doubts?)|slammed|slams|been critical of|urged|urges|wrote|writes"
)
REPORTED_VERB = re.compile(rf"(?<![\w-])(?:{_VERB_CORE})(?![\w-])")
_QUOTE_VERB = (
    r"said|says|told|tells|added|adds|noted|notes|stressed|stresses|reminded|insisted|explained|"
    r"warned|declared|emphasi[sz]ed|continued|concluded|replied|wrote|writes|recalled|underlined|"
    r"pointed out|asked|stated|announced"
)
AFTER_QUOTE = re.compile(
    rf"^[\s,]*(?P<subject>[^.!?;“”\"«»]{{1,120}}?)\s+(?:(?:also|then|later|further)\s+)?(?P<verb>{_QUOTE_VERB})(?![\w-])"
)
AFTER_QUOTE_INVERTED = re.compile(
    rf"^[\s,]*(?P<verb>said|says|added|adds|noted|stressed|wrote)\s+(?P<subject>[A-Z][^,.;“”\"«»]{{1,80}}?)(?=[,.;]| in | on | at | to |$)"
)
QUOTED_AS_SAYING = re.compile(
    r"^[\s,]*(?P<medium>[^.!?;“”\"«»]{1,60}?)\s+quoted\s+(?P<subject>[^.!?;“”\"«»]{1,100}?)\s+as saying"
)
BEFORE_QUOTE = re.compile(
    rf"(?P<verb>{_QUOTE_VERB}|adding|saying|told (?:\w+ ){{0,3}}?)(?:\s+that)?\s*[:,]?\s*$"
)
ACCORDING_TO_FIRST = re.compile(r"^According to (?P<subject>[^,]{1,120}), (?P<content>.+)$", re.DOTALL)
ACCORDING_TO_LAST = re.compile(r"^(?P<content>.+), according to (?P<subject>[^,]{1,120}?)[.!]?$", re.DOTALL)
TRAILING_MEDIUM = re.compile(r", (?P<medium>[A-Z][\w .-]{1,40}?) (?:notes|noted|reports|reported|writes|wrote|says|said)[.!]?$")
PASSIVE_BY = re.compile(
    r"^(?:This|That|It|These) (?:was|were|has been) (?:announced|stated|said|reported|declared|confirmed)\b.*?\bby (?P<agent>.+?)[.!]?$",
    re.DOTALL,
)

# Words stripped from the end of a subject before it is read.
_TRAILING_ADVERBS = re.compile(
    r"(?:[\s,]+(?:also|then|later|further|officially|repeatedly|reportedly|previously|has|have|had|"
    r"been|again|once|now|recently|publicly|earlier|himself|herself|itself))*[\s,]*$"
)
_ADVERBIAL = re.compile(
    r"^(?:In|On|At|By|During|Back|Last|Earlier|Later|Meanwhile|However|Also|Since|After|Before|"
    r"Then|Now|Today|Yesterday|As|From|Until|Moreover|Furthermore|Separately|Previously|Still|"
    r"Thus|Therefore|Instead|Besides|Nevertheless|Additionally|Finally|First|Second)\b"
    r"|^(?:\d{1,2},? )?\d{4}$|^[A-Z][a-z]+ \d{1,2}$"
)
# Where a sentence's next clause begins, and the words that make it part of the one before.
_CLAUSE_BREAK = re.compile(r"(?:,\s*(?:and|but|while|whereas|although|though|yet)|;|\s[—–])\s+")
_SUBORDINATE_START = re.compile(r"(?:that|which|who|whom|whether|if|when|because|as|since|so)\b", re.IGNORECASE)
_SUBORDINATOR = re.compile(r"\b(?:after|that|when|while|as|because|since|if|before|once|until|whom|who|which|where)\s+")
_RELATIVE = {"whom", "who", "which", "where"}

TITLE_WORDS = {
    "President", "Prime", "Minister", "Deputy", "Foreign", "Defense", "Defence", "Ambassador",
    "Spokesman", "Spokeswoman", "Spokesperson", "Secretary", "Director", "Head", "Chief",
    "General", "Gen.", "Gen", "Lt.", "Lt", "Col.", "Col", "Colonel", "Lieutenant", "Major",
    "Maj.", "Admiral", "Adm.", "Sheikh", "Sheik", "King", "Prince", "Princess", "Emir", "Senator",
    "Sen.", "Chairman", "Chairwoman", "Commander", "CEO", "Press", "Mr.", "Mrs.", "Ms.", "Dr.",
    "Mr", "Mrs", "Ms", "Dr", "Vice", "Speaker", "Governor", "Mayor", "Envoy", "Representative",
    "Adviser", "Advisor", "Chancellor", "Premier", "Sultan", "Crown", "Supreme", "Leader", "State",
    "Corporation", "Corp", "Federation", "Republic", "Ministry", "Service", "Agency", "Office",
    "Department", "Council", "Affairs", "Military", "Technical", "Cooperation", "Federal", "Army",
    "Air", "Force", "Navy", "Forces", "Interior", "Economy", "Finance", "Trade", "Industry",
    "Energy", "Photo", "By", "The", "A", "An", "His", "Her", "Their", "Its", "In", "On", "At",
    "As", "After", "Before", "Last", "This", "That", "These", "When", "While", "But", "And",
    "So", "Also", "However", "Meanwhile", "According", "Original", "Source", "Director-General",
    "Secretary-General", "Ambassador-at-large", "Minister-Counsellor", "Counsellor", "Attaché",
    "Staff", "Joint", "Chiefs", "National", "Security", "Assistant", "First", "Executive",
    "Officer", "Group", "Company", "Holding", "Bureau", "Committee", "Commission", "Parliament",
    "Duma", "Senate", "Congress", "House", "White", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}
PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "dos"}
_NAME_TOKEN = re.compile(r"^[A-Z][a-zà-ÿ’'A-Z-]*[a-zà-ÿ]$|^[A-Z][a-z]+-[a-z]+$|^[A-Z]\.$")
ROLE_NOUNS = (
    "ambassador", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "director",
    "head", "secretary", "official", "chief", "envoy", "diplomat", "leader", "general",
    "commander", "chairman", "adviser", "advisor", "representative", "deputy", "counterpart",
    "premier", "chancellor", "king", "emir", "governor", "mayor", "senator", "officer", "ceo",
)
ROLE_SYNONYMS = {
    "diplomat": ("ambassador", "envoy", "diplomat", "consul", "foreign minister"),
    "envoy": ("ambassador", "envoy"),
    "leader": ("president", "prime minister", "leader", "premier", "chancellor", "king", "emir"),
    "head of state": ("president", "king", "emir"),
    "spokesman": ("spokesman", "spokesperson", "spokeswoman", "press secretary"),
    "spokesperson": ("spokesman", "spokesperson", "spokeswoman", "press secretary"),
    "official": ("",),
}
_ROLE_FILLERS = {"senior", "high-ranking", "top", "former", "current", "then", "chief", "leading", "veteran", "russian-born"}
# People the text does not name: "officials", "a source in the ministry", "two diplomats",
# "people familiar with the matter".
_UNNAMED = re.compile(
    r"(?:(?:an?|one|two|three|several|some|many|other|unnamed|anonymous)\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"(?:officials?|sources?|insiders?|diplomats?|people|persons?|representatives?)"
    r"(?:\s+(?:in|at|from|within|close to|familiar with|of|near)\s+.{1,80})?",
    re.IGNORECASE,
)
# A model designation: "S-400", "Su-35", "MiG-29", "S-300PMU2 Favorit".
_DESIGNATION = re.compile(r"[A-Z][A-Za-z]{0,3}-\d+[\w-]*(?: [A-Z][\w-]*)?")
_DEFINITE = re.compile(r"(?:the|this|that|these|those|his|her|its|their)\s", re.IGNORECASE)
_OUTLET_WORDS = (
    r"(?:newspaper|daily|weekly|magazine|tabloid|paper|news\s+agency|agency|news\s+outlet|outlet|"
    r"broadcaster|TV\s+channel|channel|television|TV|radio|website|news\s+site|portal|publication)"
)
_NAME = r"(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
_OUTLET_BEFORE = re.compile(rf"(?:[\w’'-]+\s+){{0,3}}?{_OUTLET_WORDS}\s+{_NAME}")
_OUTLET_AFTER = re.compile(rf"{_NAME}\s+(?:[\w’'-]+\s+){{0,2}}?{_OUTLET_WORDS}")
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them"}

_DENIES = re.compile(
    r"\b(?:denied|denies|deny|rejected|rejecting|rejects|refuted|dismissed|no request|fake news|"
    r"not discussing|do not have|does not have|did not|never)\b|^“No,”|^\"No,\"", re.IGNORECASE
)
_ASSERTS = re.compile(
    r"\b(?:confirmed|confirms|signed|fulfilled|has paid|had paid|bought|agreed|intends to buy|"
    r"will be stationed|will enter service|were signed|were delivered|provides for|are continuing|"
    r"is ready|ready to consider|may be signed|were discussing|negotiating|could order|may buy|"
    r"(?:will|would) (?:be )?(?:suspend(?:ing)?|halt(?:ing)?|stop(?:ping)?|cancel(?:l?ing)?))\b",
    re.IGNORECASE,
)
# Saying that a request was refused asserts the refusal ("Bloomberg claimed Russia had
# rejected Iran’s request"); a speech verb that rejects a report is a denial ("Peskov
# rejected the Bloomberg report that …").
_REPORTS_REFUSAL = re.compile(rf"\b(?:{REFUSAL})\b", re.IGNORECASE)
_DENIAL = re.compile(rf"\b(?:{DENIAL})\b", re.IGNORECASE)


@dataclass
class Speaker:
    kind: str  # "person", "organisation", "country", or "unnamed" (neither named nor placed)
    name: str
    role: str = ""
    organisation: str = ""
    country: str = ""  # ISO code: a country speaker's, or a person's nationality when known
    unnamed: bool = False  # an unnamed person or people, for the body or country named

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
class _Statement:
    start: int
    end: int
    words_start: int
    words_end: int
    speaker: Speaker
    mode: str
    medium: str = ""
    setting: str = ""
    claimed: tuple[int, int] = (0, 0)
    clause_start: int = 0  # where its clause begins, when it is not the sentence's first


@dataclass
class _Memory:
    people: list[Speaker] = field(default_factory=list)  # most recent last
    last_person: Speaker | None = None
    last_group: Speaker | None = None
    dates: dict[str, dict] = field(default_factory=dict)  # speaker name -> last date value

    def remember(self, speaker: Speaker):
        if speaker.unnamed and not speaker.role.lower().endswith("s"):
            # "a senior official said …; he added" is that official, not the last named person.
            self.last_person = speaker
            return
        if speaker.kind == "person":
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
        elif speaker.kind in ("organisation", "country"):
            self.last_group = speaker


class _Reader:
    """Reads one article: its names, its layout, and what has been said so far."""

    def __init__(self, text: str, lexicon: Lexicon):
        self.text = text
        self.lexicon = lexicon
        self.organisations = {org.name: org for org in lexicon.organisations}
        self.org_pattern = names_pattern(self.organisations)
        self.country_pattern = names_pattern(lexicon.countries)
        self.memory = _Memory()

    # --- names ---------------------------------------------------------------------------

    def orgs_in(self, words: str):
        return [self.organisations[m.group()] for m in self.org_pattern.finditer(words)] if self.org_pattern else []

    def countries_in(self, words: str) -> list[str]:
        if not self.country_pattern:
            return []
        return [self.lexicon.countries[m.group()][0] for m in self.country_pattern.finditer(words)]

    def _masked(self, words: str) -> str:
        """The words with every body and country name replaced by a non-name token."""
        for pattern in (self.org_pattern, self.country_pattern):
            if pattern:
                words = pattern.sub(lambda m: re.sub(r"\S", "¤", m.group()), words)
        return words

    def full_name(self, surname: str) -> str:
        """A name written as a surname ("Shugaev") is the person named earlier, else a known person."""
        for person in reversed(self.memory.people):
            if person.name.split()[-1] == surname or person.name == surname:
                return person.name
        known = [name for name in self.lexicon.people if name.split()[-1] == surname]
        return known[0] if len(known) == 1 else surname

    def resolve(self, phrase: str, *, role: str = "") -> list[Speaker]:
        """The speaker(s) a subject phrase names, or [] if it names none."""
        phrase = re.sub(r"\s*\([^)]*\)\s*$", "", phrase.strip()).strip(" ,")
        if not phrase or len(phrase.split()) > 14:
            return []
        # "Turkish President Recep Tayyip Erdogan and his Russian counterpart Vladimir Putin"
        if " and " in phrase:
            parts = [self.resolve(part) for part in phrase.split(" and ")]
            if all(len(part) == 1 and part[0].kind == "person" for part in parts):
                return [speaker for part in parts for speaker in part]
        lowered = phrase.lower()
        bare = re.sub(r"^(?:the|his|her|its|their)\s+", "", phrase, flags=re.IGNORECASE)
        if lowered in PERSON_PRONOUNS:
            return [self.memory.last_person] if self.memory.last_person else []
        if lowered in GROUP_PRONOUNS:
            return [self.memory.last_group] if self.memory.last_group else []
        if lowered in {"it", "this", "that", "there", "which", "who"} or lowered.startswith(("it ", "there ")):
            return []
        # A body or country ending the phrase: "the Pentagon", "Bloomberg", "The US".
        for org in self.orgs_in(bare):
            remainder = bare[: -len(org.name)].strip()
            # "Russian news agency Sputnik" is Sputnik; "head of Rosoboronexport" is a role.
            if (
                bare.endswith(org.name)
                and not self._name_tokens(remainder.split())
                and not re.search(r"\b(?:of|for|at|from|in|to|with)$", remainder)
            ):
                return [Speaker("organisation", org.canonical, role=role, organisation=org.canonical, country=org.country)]
        if self.country_pattern and (match := self.country_pattern.fullmatch(bare)):
            code, name = self.lexicon.countries[match.group()]
            return [Speaker("country", name, role=role, country=code)]
        if speaker := self._outlet(phrase, role=role):
            return [speaker]
        if _UNNAMED.fullmatch(phrase) and not _DEFINITE.match(phrase):
            return [self._unnamed(phrase)]
        # A person's name ending the phrase, after their role.
        masked = self._masked(phrase)
        tokens = masked.split()
        name_tokens = self._name_tokens(tokens)
        if name_tokens:
            written = " ".join(phrase.split()[len(tokens) - len(name_tokens) :])
            name = self.full_name(written) if len(name_tokens) == 1 else written
            own_role = " ".join(phrase.split()[: len(tokens) - len(name_tokens)])
            own_role = _clean_role(own_role) or role
            return [self._person(name, own_role)]
        # A group named after a body or a country: "A number of NATO member states".
        orgs = self.orgs_in(phrase)
        if orgs and re.search(r"\b(?:states|members|countries|officials|members|allies|sources|side)$", lowered):
            org = orgs[-1]
            return [Speaker("organisation", org.canonical, role=phrase, organisation=org.canonical, country=org.country)]
        countries = self.countries_in(phrase)
        if countries and re.search(r"\b(?:officials|authorities|government|side|ministry|administration)$", lowered):
            code = countries[-1]
            name = next(name for c, name in self.lexicon.countries.values() if c == code)
            return [Speaker("country", name, role=phrase, country=code)]
        # A role instead of a name.
        if speaker := self._by_role(phrase):
            return [speaker]
        return []

    def is_quoted_name(self, quote: Span) -> bool:
        """A name in quotation marks ("a contract for «S-400» systems", “Triumph”), which is
        not something anyone said: one or two words that are a known name or a designation."""
        inner = self.text[quote.start + 1 : quote.end - 1].strip(" ,.")
        if not inner or len(inner.split()) > 2:
            return False
        known = {system.name for system in self.lexicon.systems} | set(self.organisations) | set(self.lexicon.countries)
        return inner in known or inner in self.lexicon.people or bool(_DESIGNATION.fullmatch(inner))

    def _outlet(self, phrase: str, *, role: str = "") -> Speaker | None:
        """A publication named after or before the word for it: "the newspaper Kommersant",
        "Kommersant daily", "the Vedomosti business paper"."""
        bare = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
        match = _OUTLET_BEFORE.fullmatch(bare) or _OUTLET_AFTER.fullmatch(bare)
        if not match or not self._name_tokens(match["name"].split()) == match["name"].split():
            return None
        name = match["name"]
        known = next((org for org in self.lexicon.organisations if org.name == name), None)
        canonical = known.canonical if known else name
        return Speaker("organisation", canonical, role=role, organisation=canonical, country=known.country if known else "")

    def _unnamed(self, phrase: str) -> Speaker:
        """A speaker the text does not name: for the body the phrase names, else its country,
        else nobody in particular; the role keeps the words ("senior Egyptian official")."""
        role = _clean_role(phrase)
        orgs, countries = self.orgs_in(phrase), self.countries_in(phrase)
        if orgs:
            org = orgs[-1]
            return Speaker("organisation", org.canonical, role=role, organisation=org.canonical, country=org.country, unnamed=True)
        if countries:
            code = countries[0]
            name = next(name for c, name in self.lexicon.countries.values() if c == code)
            return Speaker("country", name, role=role, country=code, unnamed=True)
        return Speaker("unnamed", "", role=role, unnamed=True)

    def _name_tokens(self, tokens: list[str]) -> list[str]:
        """The tokens at the end of the list that form a person's name (title words excluded)."""
        i = len(tokens)
        while i > 0:
            token = tokens[i - 1]
            if token.lower() in PARTICLES and i < len(tokens):
                i -= 1
                continue
            if _NAME_TOKEN.match(token) and token not in TITLE_WORDS and "¤" not in token:
                i -= 1
                continue
            break
        found = tokens[i:]
        while found and found[0].lower() in PARTICLES:
            found = found[1:]
        if len(found) == 1 and re.fullmatch(r"[A-Z]\.", found[0]):
            return []
        return found

    def _person(self, name: str, role: str) -> Speaker:
        orgs = self.orgs_in(role)
        countries = self.countries_in(role)
        known = next((p for p in reversed(self.memory.people) if p.name == name), None)
        return Speaker(
            "person",
            name,
            role=role or (known.role if known else ""),
            organisation=orgs[-1].canonical if orgs else (known.organisation if known else ""),
            country=countries[0] if countries else (known.country if known else ""),
        )

    def _by_role(self, phrase: str) -> Speaker | None:
        match = re.fullmatch(r"(?P<article>the|a|an)\s+(?P<rest>.+)", phrase.strip(), re.IGNORECASE)
        if not match:
            return None
        rest = match["rest"]
        nationality = self.countries_in(rest)
        words = [w for w in self._masked(rest).lower().split() if "¤" not in w and w not in _ROLE_FILLERS]
        head = " ".join(words)
        if not words or not any(noun in head for noun in ROLE_NOUNS):
            return None
        if match["article"].lower() != "the":
            return self._unnamed(phrase)
        synonyms = ROLE_SYNONYMS.get(head) or ROLE_SYNONYMS.get(words[-1]) or (head,)
        for person in reversed(self.memory.people):
            role = person.role.lower()
            if not role and synonyms != ("",):
                continue
            if nationality and person.country and person.country != nationality[0]:
                continue
            if head in role or any(synonym in role for synonym in synonyms):
                return replace(person, role=person.role)
        return None

    # --- a sentence's subject --------------------------------------------------------------

    def subject_before(self, start: int, verb_start: int, sentence: Span):
        """Read the subject of a speech verb from the text before it.

        Returns (speakers, content span or None, subject start): the content span when the
        words said come before their speaker ("…, Shugaev told Interfax").
        """
        pre = self.text[start:verb_start]
        pre = pre[: _TRAILING_ADVERBS.search(pre).start()]
        chunks = _chunks(pre, start)
        if not chunks:
            return [], None, start
        role = ""
        name_chunk, before = chunks[-1], chunks[:-1]
        speakers, subordinate, relative = self._read_subject(name_chunk)
        if not speakers and before and name_chunk[2][:1].islower() and not _ADVERBIAL.search(before[-1][2]):
            # "Dmitry Shugaev, director of the FSMTC, told…": the role follows the name.
            role, name_chunk, before = name_chunk[2], before[-1], before[:-1]
            speakers, subordinate, relative = self._read_subject(name_chunk, role=role)
        elif speakers and before and _is_role_chunk(before[-1][2]):
            masked = self._masked(name_chunk[2]).split()
            if self._name_tokens(masked) == masked:
                # "the Russian Ambassador to Qatar, Nurmakhmad Kholov, reported…"
                role, before = before[-1][2], before[:-1]
        if not speakers or relative:
            return [], None, start
        if role and speakers[0].kind in ("person", "organisation"):
            speakers = [self._with_role(s, role) for s in speakers]
        content = None
        if not subordinate and any(not _ADVERBIAL.search(text.strip()) for _, _, text in before):
            first, last_chunk = before[0], before[-1]
            content = (first[0], last_chunk[1])
        subject_start = before[-1][1] if before else start
        return speakers, content, subject_start

    def _read_subject(self, chunk, *, role: str = ""):
        """Speakers named by one comma-separated chunk, reading only the clause nearest the
        verb ("His statement came after Turkish Foreign Minister Mevlut Cavusoglu")."""
        chunk_text = chunk[2]
        subordinate = list(_SUBORDINATOR.finditer(chunk_text))
        if subordinate:
            last = subordinate[-1]
            if last.group().strip() in _RELATIVE:
                return [], True, True  # a relative clause ("whom Ankara accuses…") is not a statement
            chunk_text = chunk_text[last.end() :]
        return self.resolve(chunk_text, role=_clean_role(role)), bool(subordinate), False

    def _with_role(self, speaker: Speaker, role: str) -> Speaker:
        role = _clean_role(role)
        if speaker.kind == "person":
            return self._person(speaker.name, role)
        return replace(speaker, role=role)

    def medium_and_setting(self, words: str, *, named: bool = False) -> tuple[str, str]:
        """The outlet a statement was made to ("told Interfax", "in an interview with CBS",
        "answering a question from Interfax"), and where or to whom, from the attribution.
        ``named``: the words are just the outlet's name ("RIA Novosti notes")."""
        medium = None
        for match in self.org_pattern.finditer(words) if self.org_pattern else []:
            org = self.organisations[match.group()]
            if org.kind not in Lexicon.NEWS_KINDS:
                continue
            if named or re.search(r"\b(?:told|to|with|from|by|answering)(?:\s+[\w’'-]+){0,2}\s*$", words[: match.start()]):
                medium = org
                break
        setting = ""
        if match := re.search(
            r"(?:told|said to|speaking to) reporters(?: in [^,.;]+?)?(?= on | at |[,.;]|$)"
            r"|\bat the [A-Z][^,.;]*?(?= on |[,.;]|$)"
            r"|\bin an (?:exclusive )?interview with [^,.;]+?(?= on |[,.;]|$)",
            words,
        ):
            setting = match.group().strip()
        return (medium.canonical if medium else ""), setting


def _clean_role(role: str) -> str:
    role = re.sub(r"^(?:the|his|her|its|their|a|an)\s+", "", role.strip(" ,"), flags=re.IGNORECASE)
    role = re.sub(r"(?:\s+(?:Gen\.|Lt\.|Col\.|Maj\.|Adm\.|Sheikh))+$", "", role)
    return role.strip(" ,")


def _is_role_chunk(chunk: str) -> bool:
    lowered = chunk.lower()
    return not _ADVERBIAL.search(chunk.strip()) and any(re.search(rf"\b{noun}\b", lowered) for noun in ROLE_NOUNS)


def _chunks(pre: str, offset: int) -> list[tuple[int, int, str]]:
    """The comma-separated parts of a text (not splitting inside brackets), with offsets."""
    chunks, depth, start = [], 0, 0
    for i, char in enumerate(pre):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            chunks.append((start, i))
            start = i + 1
    chunks.append((start, len(pre)))
    result = []
    for a, b in chunks:
        piece = pre[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            result.append((offset + a + lead, offset + a + len(piece.rstrip()), piece.strip()))
    return result


def _inside(position: int, spans) -> bool:
    return any(a <= position < b for a, b in spans)


def find_statements(
    text: str, *, lexicon: Lexicon, dates: list[Finding] | None = None, sentence_spans=None
) -> list[Finding]:
    reader = _Reader(text, lexicon)
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    dates = dates or []
    found: list[tuple[_Statement, Span]] = []
    for paragraph in paragraphs(text):
        quotes = [quote for quote in quotations(text, paragraph) if not reader.is_quoted_name(quote)]
        previous_sentence = None
        for sentence in [s for s in sentence_spans if paragraph.start <= s.start < paragraph.end]:
            statements = _read_sentence(reader, sentence, [q for q in quotes if sentence.start <= q.start < sentence.end], previous_sentence)
            for statement in sorted(statements, key=lambda s: s.words_start):
                reader.memory.remember(statement.speaker)
                found.append((statement, sentence))
            previous_sentence = sentence
    return _findings(reader, found, dates)


def _read_sentence(reader: _Reader, sentence: Span, quotes: list[Span], previous: Span | None) -> list[_Statement]:
    text = reader.text
    words = text[sentence.start : sentence.end]
    statements: list[_Statement] = []

    # "This was announced on June 9 by the Qatari Ambassador to Russia, Sheikh …": the
    # previous sentence is what was announced.
    if previous and (match := PASSIVE_BY.match(words)):
        agent_start = sentence.start + match.start("agent")
        speakers, _, _ = reader.subject_before(agent_start, agent_start + len(match["agent"]) + 1, sentence)
        speakers = speakers or reader.resolve(match["agent"])
        for speaker in speakers:
            statements.append(
                _Statement(previous.start, sentence.end, previous.start, previous.end, speaker, "reported",
                           claimed=(sentence.start, sentence.end))
            )
        if statements:
            return statements

    claimed: list[tuple[int, int]] = []
    # Quotations, attributed after them ("…,” he said) or before them (He said that "…").
    for quote in quotes:
        inner_start, inner_end = quote.start + 1, quote.end - 1
        after = text[quote.end : sentence.end]
        speakers, medium, setting, claim_end = [], "", "", quote.end
        if match := QUOTED_AS_SAYING.match(after):
            speakers = reader.resolve(match["subject"])
            medium = reader.medium_and_setting(match["medium"], named=True)[0]
            claim_end = quote.end + match.end()
        elif (match := AFTER_QUOTE.match(after)) and len(match["subject"].split()) <= 12:
            speakers = reader.resolve(match["subject"])
            claim_end = quote.end + match.end()
            medium, setting = reader.medium_and_setting(after[match.start("verb") :])
        elif match := AFTER_QUOTE_INVERTED.match(after):
            speakers = reader.resolve(match["subject"])
            claim_end = quote.end + match.end()
        claim_start = quote.start
        if not speakers:
            region_start = max([sentence.start, *[b for a, b in claimed if b <= quote.start]])
            before = text[region_start : quote.start]
            if match := BEFORE_QUOTE.search(before):
                verb_start = region_start + match.start("verb")
                if match["verb"] in ("adding", "saying"):
                    earlier = [m for m in REPORTED_VERB.finditer(text, region_start, verb_start) if not _inside(m.start(), [(q.start, q.end) for q in quotes])]
                    if earlier:
                        speakers, _, _ = reader.subject_before(region_start, earlier[-1].start(), sentence)
                else:
                    speakers, _, _ = reader.subject_before(region_start, verb_start, sentence)
                    medium, setting = reader.medium_and_setting(match.group())
                claim_start = verb_start
        if not speakers:
            continue
        statement_start = claim_start if REPORTED_VERB.search(text, sentence.start, claim_start) else sentence.start
        inner = text[inner_start:inner_end]
        inner_end -= len(inner) - len(inner.rstrip(" ,"))
        for speaker in speakers:
            statements.append(
                _Statement(statement_start, sentence.end, inner_start, inner_end, speaker, "quote",
                           medium, setting, claimed=(claim_start, claim_end))
            )
        claimed.append((claim_start, claim_end))

    # Reported speech: the first speech verb outside quotations and attributions whose
    # subject names a speaker, then any that heads a clause of its own after it ("…, and
    # Washington has repeatedly warned that …").
    quote_spans = [(q.start, q.end) for q in quotes]
    if match := ACCORDING_TO_FIRST.match(words) or ACCORDING_TO_LAST.match(words):
        speakers = reader.resolve(match["subject"])
        content_start, content_end = sentence.start + match.start("content"), sentence.start + match.end("content")
        medium = ""
        if trailing := TRAILING_MEDIUM.search(text, content_start, sentence.end):
            medium = reader.medium_and_setting(trailing["medium"], named=True)[0]
            if medium:
                content_end = trailing.start()
        for speaker in speakers:
            statements.append(_Statement(sentence.start, sentence.end, content_start, content_end, speaker, "reported", medium))
        return statements
    reported: list[_Statement] = []
    for verb in REPORTED_VERB.finditer(text, sentence.start, sentence.end):
        if _inside(verb.start(), quote_spans) or _inside(verb.start(), claimed):
            continue
        region_start = max([sentence.start, *[b for a, b in claimed if b <= verb.start()]])
        clause = None
        if reported:
            previous = reported[-1]
            if not previous.words_start < verb.start() < previous.words_end:
                continue
            clause = next(reversed(list(_CLAUSE_BREAK.finditer(text, previous.words_start, verb.start()))), None)
            if clause is None or _SUBORDINATE_START.match(text, clause.end()):
                continue  # "X said that A warned …": A's warning is part of what X said
            region_start = clause.end()
        elif any(a > region_start and a < verb.start() for a, _ in claimed):
            continue
        speakers, content, subject_start = reader.subject_before(region_start, verb.start(), sentence)
        if not speakers or (clause and content):
            continue
        rest = text[verb.end() : sentence.end]
        that = re.match(r"^(?:\s+[\w’'-]+){0,6}?\s+that\b|^\s*:", rest)
        next_claim = min([a for a, _ in claimed if a > verb.end()], default=sentence.end)
        if content and not that:
            content_start, content_end = content
            attribution = text[verb.start() : sentence.end]
        else:
            content_start = verb.end() + (that.end() if that else 0)
            content_end = next_claim
            attribution = text[verb.start() : content_start]
        piece = text[content_start:content_end]
        content_start += len(piece) - len(piece.lstrip(" ,:"))
        piece = text[content_start:content_end]
        content_end -= len(piece) - len(re.sub(r"(?:[\s,.;:]|,? and)+$", "", piece))
        if content_end <= content_start:
            continue
        medium, setting = reader.medium_and_setting(attribution)
        if clause:
            for earlier in reported:
                if earlier.words_end > clause.start():
                    earlier.words_end = earlier.words_start + len(text[earlier.words_start : clause.start()].rstrip(" ,;"))
        for speaker in speakers:
            statement = _Statement(sentence.start, sentence.end, content_start, content_end, speaker, "reported", medium, setting,
                                   clause_start=clause.end() if clause else 0)
            statements.append(statement)
            reported.append(statement)
    return statements


def _findings(reader: _Reader, found: list[tuple[_Statement, Span]], dates: list[Finding]) -> list[Finding]:
    text = reader.text
    findings, last_date = [], {}
    for statement, sentence in found:
        speaker = statement.speaker
        # The date it was said: in the attribution, not among the words said ("will arrive next year").
        in_sentence = [
            d for d in dates
            if max(sentence.start, statement.clause_start) <= d.words_start < sentence.end
            and not statement.words_start <= d.words_start < statement.words_end
        ]
        who = (speaker.kind, speaker.name, speaker.role if speaker.unnamed else "")
        date = in_sentence[0].value if in_sentence else last_date.get(who)
        if date:
            last_date[who] = date
        evidence = text[statement.start : statement.end]
        words = text[statement.words_start : statement.words_end]
        stance = _stance(words, evidence, attribution=text[statement.start : statement.words_start] + text[statement.words_end : statement.end])
        value = speaker.as_value() | {
            "text": words,
            "mode": statement.mode,
            "stance": stance,
            "medium": statement.medium,
            "setting": statement.setting,
            "date": date,
            "countries": sorted(set(reader.countries_in(evidence))),
        }
        findings.append(
            Finding(Kind.STATEMENT, statement.start, statement.end, statement.words_start, statement.words_end, value)
        )
    return findings


def _stance(words: str, evidence: str, *, attribution: str) -> str:
    if _DENIAL.search(attribution):
        return "denies"
    # Whichever comes first: "has received no request …, rejecting a report that Moscow had
    # turned down Tehran’s demand" denies; "Russia had rejected Iran’s request" asserts.
    refusal, denial = _REPORTS_REFUSAL.search(words), _DENIAL.search(words)
    if refusal and (denial is None or refusal.start() < denial.start()):
        return "asserts"
    if denial or _DENIES.search(words) or _DENIES.search(evidence[:12]):
        return "denies"
    return "asserts" if _ASSERTS.search(words) else "comments"
