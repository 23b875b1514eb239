"""What every extractor shares: the finding it returns, the lexicon it reads names from,
and the article's layout (paragraphs, sentences, quotations) with character offsets.

Pure Python: nothing here imports Django, so the extractors run and are tested on plain text.
"""
import re
from dataclasses import dataclass, field


class Kind:
    """The kinds of draft, in the order the review page lists them."""

    STATEMENT = "statement"
    DEAL = "deal"
    DELIVERY = "delivery"  # a delivery made or planned, with its deal, quantity and date
    MONEY = "money"
    QUANTITY = "quantity"
    DATE = "date"
    COUNTRY = "country"
    SYSTEM = "system"
    ORGANISATION = "organisation"  # a body or outlet the base does not know yet, for the editor to confirm

    ALL = (STATEMENT, DEAL, DELIVERY, MONEY, QUANTITY, DATE, COUNTRY, SYSTEM, ORGANISATION)


@dataclass
class Finding:
    """One thing found in an article.

    ``start``/``end`` delimit the evidence, the passage a citation would quote (a sentence,
    or a quotation with its attribution); ``words_start``/``words_end`` the words the value
    was read from ("$2.5 billion", "on Friday", the quoted words), inside the evidence.
    ``value`` holds only JSON-friendly types (amounts as strings).
    """

    kind: str
    start: int
    end: int
    words_start: int
    words_end: int
    value: dict

    def evidence(self, text: str) -> str:
        return text[self.start : self.end]

    def words(self, text: str) -> str:
        return text[self.words_start : self.words_end]


@dataclass(frozen=True)
class SystemName:
    name: str  # as written: "S-400", "Triumph"
    slug: str
    canonical: str  # the system's name in the base
    maker_country: str  # ISO code


@dataclass(frozen=True)
class OrganisationName:
    name: str  # as written: "Pentagon", "FSMTC"
    slug: str
    canonical: str
    kind: str  # OrganisationKind value
    country: str = ""


@dataclass
class Lexicon:
    """The names the extractors recognise, read from the knowledge base by the caller."""

    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # written name -> (code, name)
    systems: list[SystemName] = field(default_factory=list)
    organisations: list[OrganisationName] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # full names of known people
    capitals: set[str] = field(default_factory=set)  # the country names above that are capital cities

    NEWS_KINDS = ("news_outlet", "news_agency", "broadcaster")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __contains__(self, position: int) -> bool:
        return self.start <= position < self.end

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


# --- Names --------------------------------------------------------------------------------


def names_pattern(names, *, flags=0) -> re.Pattern | None:
    """A whole-word, longest-first pattern for the names (case-sensitive unless told):
    "US" must not match inside "USB" nor "us", and "Washington, D.C." wins over "Washington"."""
    names = sorted({name for name in names if name}, key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)


# A nationality written as an adjective ("Korean", "Iranian", "Japanese", "Turkish"): it names
# a maker or a country's body, never a weapon system or an outlet on its own.
NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ean|ian|ese|ish)")


# --- Layout ------------------------------------------------------------------------------

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Brig", "Cmdr", "Cdr", "Lieut", "Cpl", "Pvt", "Amb", "Mr", "Mrs", "Ms", "Dr", "St", "Corp",
    "Inc", "Co", "Ltd", "Jr", "Sr", "No", "vs", "Prof", "Sen", "Rep", "Gov", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "etc", "e.g", "i.e",
    "U.S", "U.K", "U.N", "D.C", "approx", "Mt", "Ft",
}
OPENING_QUOTES = "“«„\"‘"
CLOSING_QUOTES = "”»“\"’"
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“"}
_SENTENCE_END = re.compile(r"[.!?]+[”\"»’)\]]*(?=\s|$)")


def is_headline(words: str) -> bool:
    """An article's first line without a closing full stop ("Russia Denies Selling …"): a
    headline, whose verbs summarise the article rather than report anyone's words."""
    words = words.strip()
    return bool(words) and "\n" not in words and not re.search(r"[.!?…][”\"’»]?$", words) and len(words.split()) <= 20


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines, as spans without their surrounding white space."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            spans.append(Span(start, match.start() + len(line.rstrip())))
    return spans


def quotations(text: str, paragraph: Span) -> list[Span]:
    """Quotations in a paragraph, from opening to closing mark inclusive: “…”, «…», „…“,
    "…" and ‘…’ (a ’ is a closing mark only when no letter follows it: Russia’s is not one)."""
    found, i, end = [], paragraph.start, paragraph.end
    if (close := _closes_previous(text, paragraph)) >= 0:
        # “We will not give up the system.¶It is ours,” X said.: the quotation the paragraph
        # before left open closes here; its span starts on the line break.
        found.append(Span(paragraph.start - 1, close + 1))
        i = close + 1
    while i < end:
        char = text[i]
        close = -1
        # A mismatched pair (“…" or "…”) is still one quotation when its own mark never closes.
        if char in _QUOTE_PAIRS:
            close = text.find(_QUOTE_PAIRS[char], i + 1, end)
            if close < 0 and char == "“":
                close = text.find('"', i + 1, end)
        elif char == '"':
            # A curly closing mark before the next straight one closes it: "…, ” X said, … "…".
            closes = [c for c in (text.find('"', i + 1, end), text.find("”", i + 1, end)) if c >= 0]
            close = min(closes, default=-1)
        elif char == "‘" and (i == paragraph.start or not text[i - 1].isalnum()):
            match = re.compile(r"’(?![^\W\d_])").search(text, i + 1, end)
            close = match.start() if match else -1
        if close > i + 1:
            found.append(Span(i, close + 1))
            i = close + 1
        elif close < 0 and char in "“«„\"" and _runs_on(text, i, paragraph):
            found.append(Span(i, paragraph.end))  # its closing mark is the paragraph's end
            break
        else:
            i += 1
    return found


def _closing_first(text: str, start: int, end: int) -> int:
    """The position of a closing quotation mark that comes before any opening one in the
    span, or -1: a curly closing mark, or a straight one right after a word or a stop."""
    for i in range(start, end):
        char = text[i]
        if char in "”»" or char == '"' and i > start and not text[i - 1].isspace():
            return i
        if char in "“«„\"":
            return -1
    return -1


def _closes_previous(text: str, paragraph: Span) -> int:
    """Where a paragraph closes a quotation the paragraph before opened and left open, or -1."""
    if text[paragraph.start] in OPENING_QUOTES:
        return -1
    before = text[: paragraph.start].rstrip()
    previous = before[before.rfind("\n") + 1 :]
    opened = max(previous.rfind(mark) for mark in "“«„\"")
    if opened < 0 or (opened > 0 and not previous[opened - 1].isspace()) or any(mark in previous[opened + 1 :] for mark in "”»\""):
        return -1  # no quotation left open at its end
    return _closing_first(text, paragraph.start, paragraph.end)


def _runs_on(text: str, i: int, paragraph: Span) -> bool:
    """Wire copy's quotation over several paragraphs: a paragraph's last quotation is left open
    and the next paragraph opens a quotation again ("“… look after it.¶“What we ask …”")."""
    if i > paragraph.start and not text[i - 1].isspace():
        return False
    closing = "”»\"" + ("“" if text[i] == "„" else "")  # not ’: "it’s" inside the words is no closing mark
    if any(mark in text[i + 1 : paragraph.end] for mark in closing):
        return False
    following = text[paragraph.end :].lstrip()
    next_line = following.split("\n", 1)[0]
    # The next paragraph opens a quotation again, or closes this one ("…¶It is ours,” X said.").
    return len(text[i + 1 : paragraph.end].split()) >= 3 and bool(following) and (
        following[0] in OPENING_QUOTES or _closing_first(next_line, 0, len(next_line)) >= 0)


# A short attribution after a quotation: capitalised words, a speech verb, at most three words.
_ATTRIBUTION_AFTER = re.compile(
    r"\s*(?:[A-Z][\w.’'-]*\s+){1,5}(?:said|says|told|added|noted|stressed|explained|insisted|wrote|asked|replied)"
    r"(?:\s+[\w’'-]+){0,3}[.!?]"
)


def sentences(text: str) -> list[Span]:
    """Sentences with offsets. A line always ends one; a full stop inside a quotation (unless
    it closes the quotation and a new sentence follows), after an abbreviation ("Gen. Lt.
    Andrey Ravkov") or an initial does not."""
    spans = []
    for paragraph in paragraphs(text):
        quotes = quotations(text, paragraph)
        start = paragraph.start
        for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
            end = match.end()
            if any(quote.start < match.start() < quote.end - 1 for quote in quotes) and not (
                    any(end == quote.end for quote in quotes) and not _ATTRIBUTION_AFTER.match(text, end, paragraph.end)):
                # A full stop inside a quotation; one that closes it ends the sentence unless
                # a short attribution follows ('“We are ready.” Erdogan said on Tuesday.').
                continue
            word = re.search(r"([\w.]+)$", text[start : match.start()])
            if word and (word[1] in ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.){0,3}[A-Z]", word[1])):  # "R.K. Mehra"
                continue
            following = text[end : end + 3].lstrip()
            if following and not (following[0].isupper() or following[0].isdigit() or following[0] in OPENING_QUOTES):
                continue
            if text[start:end].strip():
                spans.append(_trimmed(text, start, end))
            start = end
        if text[start : paragraph.end].strip():
            spans.append(_trimmed(text, start, paragraph.end))
    return spans


def _trimmed(text: str, start: int, end: int) -> Span:
    chunk = text[start:end]
    return Span(start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip())))


def sentence_at(sentence_spans: list[Span], position: int) -> Span | None:
    return next((span for span in sentence_spans if span.start <= position < span.end), None)


# A wire dateline before an article's first words: "MOSCOW, Nov 6 (Agency) -", "NEW DELHI:",
# "ANKARA –", "MINSK, March 16. /Agency/.", "LONDON/KYIV, Nov 18 (Agency) -" (filed from two
# places): where it was filed, never part of what was said.
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+[A-Z](?:(?:\s+|\s*/\s*)[A-Z][A-Z.'’-]*[A-Z])*"
    r"(?:\s*,\s*[A-Za-z0-9.]+(?:[\s,]+[A-Za-z0-9.]+){0,3}?)?"
    # "New Delhi, Oct 2 (Agency):": a place written in small letters has its date after it.
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})"
    r"\s*(?:\([^()\n]{1,60}\))?\s*(?:-{1,2}|[–—:]|/[^/\n]{1,40}/\.?)\s+(?=[A-Z“\"])"
)
# The outlet a dateline credits: "(Interfax)" in "MOSCOW, March 3 (Interfax) -", "/Agency/." after "MINSK, March 16.".
_CREDITED = re.compile(r"\(\s*([A-Z][^()\n]{0,58}?)\s*\)|/\s*([A-Z][^/\n]{0,38}?)\s*/")


def dateline_credit(text: str) -> Span | None:
    """Where the outlet a dateline among the article's first lines credits is written, if one is."""
    for line in re.finditer(r"[^\n]+", text[:2000]):
        start = line.start() + len(line.group()) - len(line.group().lstrip())
        if (dateline := DATELINE.match(text, start, line.end())) is not None:
            credit = _CREDITED.search(dateline.group())
            if credit is None:
                return None
            group = 1 if credit.group(1) else 2
            return Span(start + credit.start(group), start + credit.end(group))
    return None
