"""Dates, absolute and relative, resolved with the knowledge base's one date parser.

Phrases are found here and understood by ``deals.approximate_dates.parse``. What a
relative phrase is resolved against depends on the phrase:
- deictic words ("on Friday", "last month", "In April", "by the end of this year") against
  the publication date;
- anaphoric words ("a year earlier", "two months later", "at the time") against the date
  mentioned last before them ("In February 2019 … A year earlier" is February 2018).
"""
import re

from deals.approximate_dates import ApproximateDate, DateBasis, DateError, parse

from .base import Finding, Kind, sentence_at, sentences

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:19|20)\d{2}(?![\d])"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[- ]|(?:[Tt]he )?(?:beginning|start|middle|end) of )"
_RELATIVE_YEAR = r"(?:this|last|next|previous|current|following) year"
_DASH = r"\s?[–—-]\s?"
_COUNT = r"(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|\d{1,2})"
_PREPOSITION = r"(?:(?:[Bb]ack )?[Ii]n |[Oo]n |[Dd]uring |[Ss]ince |[Uu]ntil |[Ff]rom )?"

# Most specific first: at one position the first alternative that matches wins.
_ALTERNATIVES = [
    ("absolute", rf"between {_PART}?(?:{_MONTH} )?{_YEAR} and {_PART}?(?:{_MONTH} )?{_YEAR}"),
    ("deictic", rf"(?:[Bb]y|[Bb]efore) (?:the )?end of (?:{_RELATIVE_YEAR}|this month|{_YEAR}|{_MONTH}(?:,? {_YEAR})?)"),
    ("absolute", rf"{_PART}?{_MONTH}(?: {_DAY})?{_DASH}{_MONTH}(?: {_DAY})?,? {_YEAR}"),
    ("absolute", rf"{_MONTH} {_DAY}{_DASH}{_DAY},? {_YEAR}"),
    ("absolute", rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY},? {_YEAR}"),
    ("absolute", rf"(?:{_WEEKDAY},? )?{_DAY} (?:of )?{_MONTH},? {_YEAR}"),
    ("deictic", rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY}(?![\d,]\s?\d)"),
    ("absolute", rf"{_PART}{_MONTH},? {_YEAR}"),
    ("deictic", rf"{_PART}{_MONTH}"),
    ("absolute", rf"{_PART}{_YEAR}"),
    ("absolute", rf"{_MONTH},? (?:of )?{_YEAR}"),
    ("deictic", rf"{_MONTH},? of {_RELATIVE_YEAR}"),
    ("absolute", rf"{_YEAR}{_DASH}{_YEAR}"),
    ("deictic", rf"{_COUNT} (?:day|week|month|year)s? ago"),
    # "two months after" only on its own: "two months after Indian crews completed their
    # training" dates the training from the date it follows, not a date after the last one.
    ("anaphoric", rf"{_COUNT} (?:day|week|month|year)s? (?:earlier|later|(?:before|after)(?=\s*[,.;:!?)]|\s*$))"),
    ("deictic", r"(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]revious|[Cc]urrent|[Ff]ollowing) (?:week|month|year)"),
    ("deictic", r"[Yy]esterday|[Tt]oday"),
    ("deictic", _WEEKDAY),
    ("anaphoric", r"[Aa]t the time"),
    ("absolute", rf"(?<![\w$.,-]){_YEAR}(?![\w]|-\d)"),
]
# A bare month ("In April") only after a preposition: "may" and "March" are also other words.
_BARE_MONTH = rf"(?:(?:[Bb]ack )?[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom) {_MONTH}(?!\w)"
DATE = re.compile(
    rf"(?<![\w-]){_PREPOSITION}(?:"
    + "|".join(f"(?P<{kind}{i}>{regex})" for i, (kind, regex) in enumerate(_ALTERNATIVES))
    + rf")(?!\w)|(?<![\w-])(?P<deictic_month>{_BARE_MONTH})"
)


def _kind(match: re.Match) -> str:
    name = next(name for name, value in match.groupdict().items() if value is not None)
    return re.sub(r"[_\d]+.*$", "", name)


def find_dates(text: str, *, published: "ApproximateDate | None", sentence_spans=None) -> list[Finding]:
    """Every date phrase that the parser understands, resolved as the module docstring says.
    Phrases it cannot resolve (a relative phrase with no publication date) are left out."""
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    found, last = [], None
    for match in DATE.finditer(text):
        kind, words = _kind(match), match.group()
        if kind == "anaphoric" and last is None:
            continue
        reference = last if kind == "anaphoric" else published
        if re.fullmatch(r"[Aa]t the time", words):
            parsed = ApproximateDate(words, last.edtf, last.earliest, last.latest, DateBasis.RESOLVED)
        else:
            parsed = _parse(words, reference)
        if parsed is None:
            continue
        last = parsed
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), match.end())
        found.append(
            Finding(
                Kind.DATE, start, end, match.start(), match.end(),
                {
                    "words": words,
                    "edtf": parsed.edtf,
                    "earliest": parsed.earliest.isoformat(),
                    "latest": parsed.latest.isoformat(),
                    "basis": parsed.basis.value,
                    "resolved_against": {"deictic": "publication", "anaphoric": "previous date"}.get(kind, ""),
                },
            )
        )
    return found


def _parse(words: str, reference) -> ApproximateDate | None:
    candidates = [words, re.sub(r"^(?:[Ss]ince|[Uu]ntil|[Ff]rom|[Oo]f) ", "", words)]
    for candidate in dict.fromkeys(candidates):
        try:
            return parse(candidate, reference=reference)
        except DateError:
            continue
    return None
