"""Approximate dates: the dates news articles give, as written and as calendar bounds.

An ApproximateDate holds the words as written ("mid-June 2019", "last month"), their
normal form in EDTF (the Library of Congress Extended Date/Time Format), the earliest
and latest day they can mean, and how the date was established. ``parse`` reads an
article's words, resolving relative or partial phrases against a reference (the
article's publication date, itself possibly approximate); ``from_edtf`` checks EDTF an
editor typed; ``bounds`` gives the first and last day of an EDTF string.

Conventions where usage varies:
- A bare weekday ("on Friday") is the latest such day on or before the reference;
  "last week" is Monday to Sunday of the ISO week before the reference's.
- A month or day without a year ("In April", "June 9") is in the latest such month not
  after the reference's month: "In December" in a January 2020 article is December 2019.
- A range whose year is written only at its end and would run backwards from the second
  half of a year into the first half runs across the new year: "December–January 2022" is
  December 2021 to January 2022. "2019-20" (no month 20) and "2019–20" are 2019 to 2020.
- "by (the end of) 2016" and "before the end of 2016" run to the period's last day from
  the reference day, if that is no later, else from the period's first day; always as
  days: ``2016-03-02/2016-12-31``, or ``2016-01-01/2016-12-31`` without a reference.
- "N years earlier" keeps the reference's precision (a year before ``2019-02`` is
  ``2018-02``); shifts by months are at least month-precise, by weeks or days day-precise.
- "by the end of the year" (or month, or week) is the reference's year (month, week).
- Seasons are the northern hemisphere's meteorological ones (spring March–May, summer
  June–August, autumn September–November, winter December–February): whole months, as
  reporters and the edtf package's season codes use them, not the astronomical dates.
  "winter 2019" and "winter of 2019-2020" are ``2019-12/2020-02``: the EDTF winter code is
  ambiguous (see ``bounds``). Halves of a year are January–June and July–December.
- A season, quarter or half without a year ("in the summer") is the latest one that began
  on or before the reference; "this summer" the one the reference falls in, else the one
  of the reference's year; "last summer" the latest that ended before it, "next summer"
  the first that starts after it.
- Words about what is still ahead (``ahead=True``: the caller read a future tense or
  "until") resolve a month, day, weekday, season, quarter or half without a year forwards:
  "In December" in a January 2020 article's future-tense sentence is December 2020, "until
  Sunday" the coming Sunday, "in the autumn" the first autumn not over at the reference.
- "before 2025" runs from the reference day to the day before the period starts; a period
  without a year is the next to begin ("before the summer" in July is before next June).
- Fiscal years (``fiscal_year_start``, the month they start in: 4 for India's April to
  March): "2022-23", "FY23", "FY 2022-23" and "fiscal 2022-23" are ``2022-04/2023-03``.
  Without it "2019-20" keeps its calendar meaning and "FY23" is not understood.
- Against a reference spanning several days the words are resolved at its first and at
  its last day; the result runs from the first resolution's start to the second's end.
- Against an uncertain or approximate reference ("2016?") what was resolved from it keeps
  the qualifier (``2015?``) wherever EDTF allows one (not on seasons or quarters).
- ``describe`` words an EDTF string for a reader ("between 2007 and August 2016"), for
  dates an editor inferred without words of the source.
"""

import calendar
import enum
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from edtf import EDTFParseException, Interval, UnspecifiedIntervalSection, parse_edtf, struct_time_to_date

__all__ = ["ApproximateDate", "DateBasis", "DateError", "bounds", "describe", "from_edtf", "parse", "words_or_described"]

MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_LENGTH = 200
# Precisions, as the length of an ISO date cut to them.
YEAR, MONTH, DAY = 4, 7, 10


class DateBasis(enum.StrEnum):
    """How a date was established; the values are stored in the database."""

    STATED = "stated"  # the words give the date completely
    RESOLVED = "resolved"  # a relative or partial phrase resolved against a reference date
    INFERRED = "inferred"  # an editor inferred it from context


class DateError(ValueError):
    """A date that cannot be understood or cannot be; the message is written for an editor."""


NO_DATE = "No date was given."


@dataclass(frozen=True)
class ApproximateDate:
    """A date as written, normalised to EDTF, with the earliest and latest day it can mean."""

    words: str
    edtf: str
    earliest: date
    latest: date
    basis: DateBasis

    @property
    def precision(self) -> str:
        """"day", "month" or "year" for a plain date, "range" for anything wider or vaguer."""
        if self.earliest == self.latest:
            return "day"
        plain = {YEAR: "year", MONTH: "month"}
        return plain.get(len(self.edtf), "range") if _PLAIN_EDTF.fullmatch(self.edtf) else "range"


# --- EDTF ------------------------------------------------------------------------------

# Seasons that straddle the new year (northern winter, southern summer). The edtf package
# bounds them to December alone, but "winter 2019" may mean December 2018 to February 2019
# or December 2019 to February 2020, so their bounds take in both.
_YEAR_STRADDLING_SEASON = re.compile(r"(\d{4})-(24|28|30)")


# The edtf package's parser takes milliseconds a string, and a page shows the same few
# dates many times over (a source's publication date beside each of its citations), so the
# answers for a string are kept: both functions are pure.
@functools.lru_cache(maxsize=4096)
def bounds(edtf: str) -> tuple[date, date]:
    """Earliest and latest day an EDTF string can mean.

    Raises DateError if it is not valid EDTF, if an interval runs backwards, or if an
    interval is open-ended or has an unknown end ("2019/..", "2019/").
    """
    plain = _plain_bounds(edtf)
    if plain is not None:
        earliest, latest = plain
        if latest < earliest:
            raise DateError(f"The interval “{edtf}” ends before it starts.")
        return earliest, latest
    try:
        parsed = parse_edtf(edtf)
    except (EDTFParseException, ValueError, TypeError, AttributeError):
        # The package reports some invalid input ("2019-02-29", "2019-1X") as plain errors.
        raise DateError(f"“{edtf}” is not a valid EDTF date.") from None
    earliest, latest = _object_bounds(parsed, edtf)
    if latest < earliest:
        raise DateError(f"The interval “{edtf}” ends before it starts.")
    return earliest, latest


# The forms dates mostly take (a year, month, day, season, quarter, or an interval of two),
# bounded without the package: its parser takes some 15 ms a string, too slow for a bulk
# load of tens of thousands of different dates. Anything else, or anything invalid, is left
# to the package, which bounds or refuses it; a test holds both to the same answers.
_PLAIN_PART = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PERIOD_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12)}


def _plain_bounds(edtf: str) -> tuple[date, date] | None:
    parts = edtf.split("/")
    if len(parts) > 2:
        return None
    # The package takes seasons in an interval but refuses quarters there.
    found = [_plain_part_bounds(part, in_interval=len(parts) == 2) for part in parts]
    if None in found:
        return None
    return found[0][0], found[-1][1]


def _plain_part_bounds(part: str, *, in_interval: bool) -> tuple[date, date] | None:
    match = _PLAIN_PART.fullmatch(part)
    if not match or int(match[1]) < 1:
        return None
    year = int(match[1])
    if match[2] is None:
        return date(year, 1, 1), date(year, 12, 31)
    code = int(match[2])
    if match[3] is not None:
        if 1 <= code <= 12 and 1 <= int(match[3]) <= _last_day(year, code):
            day = date(year, code, int(match[3]))
            return day, day
        return None
    if 1 <= code <= 12:
        return date(year, code, 1), date(year, code, _last_day(year, code))
    if code == 24 and 1 < year < 9999:  # the northern winter straddles the new year: see above
        return date(year - 1, 12, 1), date(year + 1, 2, _last_day(year + 1, 2))
    if code in _PERIOD_MONTHS and not (in_interval and code > 30):
        first, last = _PERIOD_MONTHS[code]
        return date(year, first, 1), date(year, last, _last_day(year, last))
    return None


def _object_bounds(parsed, edtf: str) -> tuple[date, date]:
    if isinstance(parsed, Interval):
        if any(isinstance(end, UnspecifiedIntervalSection) for end in (parsed.lower, parsed.upper)):
            raise DateError(f"“{edtf}” is open-ended: give both ends of the interval.")
        return _object_bounds(parsed.lower, edtf)[0], _object_bounds(parsed.upper, edtf)[1]
    try:
        if season := _YEAR_STRADDLING_SEASON.fullmatch(str(parsed)):
            year = int(season[1])
            return date(year - 1, 12, 1), date(year + 1, 2, _last_day(year + 1, 2))
        return struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())
    except (ValueError, TypeError, OverflowError):
        raise DateError(f"“{edtf}” is not a valid EDTF date.") from None


def from_edtf(edtf: str, *, words: str = "", basis: DateBasis = DateBasis.STATED) -> ApproximateDate:
    """Validate an EDTF string an editor typed and build the ApproximateDate (words default
    to the EDTF described for a reader)."""
    edtf = edtf.strip()
    if not edtf:
        raise DateError("The EDTF date is empty.")
    return _build(words.strip() or describe(edtf), edtf, DateBasis(basis))


_QUALIFIERS = re.compile(r"[?~%]")
_SEASON_NAMES = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_QUARTER_NAMES = {33: "first", 34: "second", 35: "third", 36: "fourth"}


@functools.lru_cache(maxsize=4096)
def describe(edtf: str) -> str:
    """The EDTF string in words a reader can follow: "2007/2016-08" is "between 2007 and
    August 2016", "2016?" is "2016 (uncertain)", "2019-06~" is "about June 2019".

    For dates no source worded; raises DateError, like ``bounds``, for invalid EDTF.
    """
    earliest, latest = bounds(edtf)
    qualifiers = set(_QUALIFIERS.findall(edtf))
    parts = [_part_in_words(_QUALIFIERS.sub("", part)) for part in edtf.split("/")]
    if None in parts:  # forms without plain words (unspecified digits, sets): say the bounds
        parts = [_day_in_words(earliest), _day_in_words(latest)]
    if len(set(parts)) == 1:
        words = parts[0]
    elif all(_PLAIN_EDTF.fullmatch(part) and len(part) == YEAR for part in parts):
        words = "–".join(parts)  # as the articles write a span of years: "2014–2015"
    else:
        words = f"between {parts[0]} and {parts[-1]}"
    if "%" in qualifiers or {"?", "~"} <= qualifiers:
        return f"about {words} (uncertain)"
    if "~" in qualifiers:
        return f"about {words}"
    return f"{words} (uncertain)" if "?" in qualifiers else words


def words_or_described(words: str, edtf: str) -> str:
    """What a reader is shown for a date: the source's words, or, for a date no source
    worded (an editor inferred it), its EDTF described; empty when there is no date."""
    return words or (describe(edtf) if edtf else "")


def _part_in_words(part: str) -> str | None:
    if _PLAIN_EDTF.fullmatch(part):
        if len(part) == YEAR:
            return part
        if len(part) == MONTH:
            return f"{_MONTHS[int(part[5:7]) - 1].title()} {part[:4]}"
        return _day_in_words(date.fromisoformat(part))
    if code := re.fullmatch(r"(\d{4})-(\d{2})", part):
        year, number = code[1], int(code[2])
        if number in _SEASON_NAMES:
            return f"{_SEASON_NAMES[number]} {year}"
        if number in _QUARTER_NAMES:
            return f"the {_QUARTER_NAMES[number]} quarter of {year}"
    return None


def _day_in_words(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1].title()} {day.year}"


def _build(words: str, edtf: str, basis: DateBasis) -> ApproximateDate:
    earliest, latest = bounds(edtf)
    if earliest.year < MIN_YEAR or latest.year > MAX_YEAR:
        raise DateError(f"“{words}” falls outside the years {MIN_YEAR}–{MAX_YEAR}.")
    return ApproximateDate(words, edtf, earliest, latest, basis)


# --- Parsing words ---------------------------------------------------------------------


def parse(
    words: str,
    *,
    reference: "date | ApproximateDate | None" = None,
    ahead: bool = False,
    fiscal_year_start: int | None = None,
) -> ApproximateDate:
    """Understand the words as an ApproximateDate, resolving relative or partial phrases
    against the reference (the article's publication date, itself possibly approximate).
    ``ahead`` says the words are about the future, ``fiscal_year_start`` in which month the
    fiscal years the words may name begin (see the module's conventions).

    Raises DateError, with a message for an editor, when the words cannot be understood,
    name an impossible date, or need a reference that was not given.
    """
    text = words.strip()
    if not text:
        raise DateError(NO_DATE)
    if len(text) > MAX_LENGTH:
        raise DateError(f"The date is {len(text)} characters long; at most {MAX_LENGTH} are allowed.")
    first_day, last_day, precision, qualifier = _reference_ends(reference)
    if fiscal_year_start is not None and not 1 <= fiscal_year_start <= 12:
        raise ValueError(f"fiscal_year_start must be a month number, not {fiscal_year_start}.")
    first = _Reference(text, first_day, precision, qualifier, ahead=ahead, fiscal_year_start=fiscal_year_start)
    try:
        edtf = _phrase(text, first)
        if first.used and last_day != first_day:
            last_edtf = _phrase(text, _Reference(text, last_day, precision, qualifier, ahead=ahead,
                                                 fiscal_year_start=fiscal_year_start))
            if last_edtf != edtf:
                edtf = f"{edtf.split('/')[0]}/{last_edtf.split('/')[-1]}"
    except _Unrecognised as error:
        detail = "." if error.text == text else f": “{error.text}” is not recognised."
        raise DateError(f"“{text}” is not a date the parser understands{detail}") from None
    return _build(text, edtf, DateBasis.RESOLVED if first.used else DateBasis.STATED)


class _Unrecognised(DateError):
    """No pattern matches the text: the caller may try reading it another way."""

    def __init__(self, text: str):
        super().__init__(f"“{text}” is not recognised.")
        self.text = text


@dataclass
class _Reference:
    """One end of the reference date, and whether resolving the words needed it."""

    words: str
    day: date | None
    precision: int
    qualifier: str = ""  # the reference's EDTF uncertainty ("?"), approximation ("~") or both ("%")
    used: bool = False
    ahead: bool = False  # the words speak of the future: partial dates resolve forwards
    fiscal_year_start: int | None = None  # the month fiscal years begin in, if the words may name one

    def get(self, problem: str = "is relative") -> date:
        if self.day is None:
            raise DateError(f"“{self.words}” {problem}: it needs the article's publication date to be resolved.")
        self.used = True
        return self.day

    def qualify(self, edtf: str) -> str:
        """The EDTF resolved against this reference, carrying the reference's qualifier on
        each end, where the edtf package accepts it there (it does not on seasons or quarters)."""
        if not self.qualifier:
            return edtf
        qualified = "/".join(part if _QUALIFIERS.search(part) else part + self.qualifier for part in edtf.split("/"))
        try:
            return qualified if bounds(qualified) == bounds(edtf) else edtf
        except DateError:
            return edtf


_PLAIN_EDTF = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?")


def _reference_ends(reference) -> tuple[date | None, date | None, int, str]:
    if isinstance(reference, ApproximateDate):
        # The precision of a plain date or interval, so that "a year earlier" than 2019-02 is 2018-02.
        parts = [_QUALIFIERS.sub("", part) for part in reference.edtf.split("/")]
        lengths = {len(part) if _PLAIN_EDTF.fullmatch(part) else DAY for part in parts}
        qualifiers = set(_QUALIFIERS.findall(reference.edtf))
        qualifier = "%" if "%" in qualifiers or {"?", "~"} <= qualifiers else "".join(qualifiers)
        return reference.earliest, reference.latest, lengths.pop() if len(lengths) == 1 else DAY, qualifier
    if isinstance(reference, datetime):
        reference = reference.date()
    return reference, reference, DAY, ""


_FILLER = re.compile(r"(?:back in|in|on|at|during|of|the) ", re.IGNORECASE)
_RANGE_SEPARATORS = (
    re.compile(r" ?[–—] ?| (?:to|until|through) ", re.IGNORECASE),
    re.compile(r" ?- ?"),  # tried last: hyphens also join "mid-June" and "2019-10-23"
)


def _clean(text: str) -> str:
    text = " ".join(text.split()).rstrip(".,;:!?")
    while filler := _FILLER.match(text):
        text = text[filler.end() :]
    return text


def _phrase(text: str, ref: _Reference) -> str:
    """EDTF for a single date or period, else for a range of two."""
    text = _clean(text)
    try:
        return _resolved(text, ref)
    except _Unrecognised as error:
        unrecognised = error
    if between := re.fullmatch(r"between (.+?) and (.+)", text, re.IGNORECASE):
        return _range(between[1], between[2], ref)
    text = re.sub(r"^from ", "", text, flags=re.IGNORECASE)
    for separator in _RANGE_SEPARATORS:
        for match in separator.finditer(text):
            try:
                return _range(text[: match.start()], text[match.end() :], ref)
            except _Unrecognised:
                continue
    raise unrecognised


_Handler = Callable[[re.Match, "_Reference"], str]
_HANDLERS: list[tuple[re.Pattern, _Handler]] = []  # tried in order of definition


def _pattern(*regexes: str) -> Callable[[_Handler], _Handler]:
    """Register a handler turning a full match of any of the regexes into EDTF."""

    def register(handler: _Handler) -> _Handler:
        _HANDLERS.extend((re.compile(regex, re.IGNORECASE), handler) for regex in regexes)
        return handler

    return register


def _single(text: str, ref: _Reference) -> str:
    text = _clean(text)
    for pattern, handler in _HANDLERS:
        if match := pattern.fullmatch(text):
            return handler(match, ref)
    raise _Unrecognised(text)


def _resolved(text: str, ref: _Reference) -> str:
    """EDTF for a single date or period, with the reference's qualifier if it needed the reference."""
    used_before, ref.used = ref.used, False
    try:
        edtf = _single(text, ref)
    finally:
        needed, ref.used = ref.used, used_before or ref.used
    return ref.qualify(edtf) if needed else edtf


def _range(left: str, right: str, ref: _Reference) -> str:
    left, right = _clean(left), _clean(right)
    if not (left and right):  # a dash at either end, not between two dates
        raise _Unrecognised(left or right)
    left, right, borrowed_year = _inherit(left, right)
    start, end = _resolved(left, ref), _resolved(right, ref)
    (first, _), (_, last) = bounds(start), bounds(end)
    if borrowed_year and last < first and first.month >= 7 and last.month <= 6:
        # "December–January 2022": the year written once at the end is the range's last;
        # its second half of a year to the first half of the next is across the new year.
        left = f"{left.removesuffix(str(borrowed_year))}{borrowed_year - 1}"
        start = _resolved(left, ref)
        first = bounds(start)[0]
    if last < first:
        raise DateError(f"The range ends ({right}) before it starts ({left}).")
    return f"{start.split('/')[0]}/{end.split('/')[-1]}"


_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAME = "|".join([*_MONTHS, *(month[:3] for month in _MONTHS), "sept"])
_MONTH = rf"(?P<month>{_MONTH_NAME})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4}|(?:last|previous|this|current|next|following) year)"
_WEEKDAY = rf"(?:(?P<weekday>{'|'.join(_WEEKDAYS)}),? )?"


def _inherit(left: str, right: str) -> tuple[str, str, int | None]:
    """Complete a range's sides from each other: the year on the right applies to the
    left ("October–December 2021"), a bare day on the right takes the left's month
    ("June 3–5, 2020") and two digits after a year are a year of its century ("2019–20").
    Also returns the year the left side borrowed, if it did."""
    if re.fullmatch(r"\d{4}", left) and re.fullmatch(r"\d{2}", right):
        return left, left[:2] + right, None
    month = re.search(rf"\b(?:{_MONTH_NAME})\b", left, re.IGNORECASE)
    if month and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?", right, re.IGNORECASE):
        right = f"{month[0]} {right}"
    # "3-7 May 2021": the left day takes the right's month (and year, below).
    day_first = re.fullmatch(rf"\d{{1,2}}(?:st|nd|rd|th)? (?:of )?((?:{_MONTH_NAME})\.?)\b.*", right, re.IGNORECASE)
    if day_first and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", left, re.IGNORECASE):
        left = f"{left} {day_first[1]}"
    year = re.search(r"\b(\d{4})$", right)
    if year and not re.search(r"\b\d{4}\b", left):
        return f"{left} {year[1]}", right, int(year[1])
    # "between July and September this year": the relative year is the left's too.
    relative = re.search(r"\b(?:of )?((?:last|previous|this|current|next|following) year)$", right, re.IGNORECASE)
    if relative and not re.search(r"\b(?:\d{4}|year)\b", left, re.IGNORECASE):
        return f"{left} {relative[1]}", right, None
    return left, right, None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _valid_day(year: int, month: int, day: int, words: str) -> date:
    last = _last_day(year, month)
    if not 1 <= day <= last:
        raise DateError(f"“{words}” is not a real date: {_MONTHS[month - 1].title()} {year} has {last} days.")
    return date(year, month, day)


def _year_of(text: str, ref: _Reference) -> int:
    text = _clean(text)
    edtf = _single(text, ref)
    if not re.fullmatch(r"\d{4}", edtf):
        raise DateError(f"“{text}” should be a year.")
    return int(edtf)


def _add_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, _last_day(year, month + 1)))


@_pattern(r"by (?:the )?(?:end of )?(.+)", r"before (?:the )?end of (.+)")
def _by(match: re.Match, ref: _Reference) -> str:
    period = match[1]
    if re.match(r"(?:by|before)\b", period, re.IGNORECASE):  # "by by 2019"
        raise _Unrecognised(match[0])
    if current := re.fullmatch(r"(?:the )?(year|month|week)", period, re.IGNORECASE):
        period = f"this {current[1]}"  # "by the end of the year" is the reference's year
    period_start, period_end = bounds(_single(period, ref))
    start = ref.get() if ref.day is not None and ref.day <= period_end else period_start
    return f"{start.isoformat()}/{period_end.isoformat()}"


def _fiscal_year(last_year: int, start_month: int) -> str:
    """The fiscal year ending in ``last_year`` (India's FY23 runs April 2022 to March 2023)."""
    if start_month == 1:
        return f"{last_year:04}"
    return f"{last_year - 1:04}-{start_month:02}/{last_year:04}-{start_month - 1:02}"


@_pattern(
    r"(?:fy|fiscal(?: year)?|financial year) ?'?(\d{4}|\d{2})",
    r"(?:fy|fiscal(?: year)?|financial year) ?(\d{4}) ?[-–/] ?(\d{4}|\d{2})",
)
def _fiscal(match: re.Match, ref: _Reference) -> str:
    if ref.fiscal_year_start is None:
        raise DateError(f"“{match[0]}” names a fiscal year: say in which month the fiscal year starts.")
    groups = [group for group in match.groups() if group]
    first = int(groups[0]) if len(groups[0]) == 4 else 2000 + int(groups[0])
    if len(groups) == 1:
        return _fiscal_year(first, ref.fiscal_year_start)  # "FY23": the fiscal year ending in 2023
    last = int(str(first)[: 4 - len(groups[1])] + groups[1])
    if last != first + 1:
        raise DateError(f"“{match[0]}”: a fiscal year runs into the next year, not from {first} to {last}.")
    return _fiscal_year(last, ref.fiscal_year_start)


@_pattern(r"before (?!(?:the )?end of)(.+)")
def _before(match: re.Match, ref: _Reference) -> str:
    if re.match(r"(?:by|before)\b", match[1], re.IGNORECASE):
        raise _Unrecognised(match[0])
    start = ref.get("is open at its start")
    # What something comes before lies ahead of the reference: a period without a year ("before
    # the summer") is the next one to begin, not the latest that began.
    ahead = replace(ref, ahead=True)
    period_start = bounds(_single(match[1], ahead))[0]
    if start >= period_start and not re.search(r"\d{4}", match[1]):
        period_start = bounds(_single(match[1], replace(ahead, day=bounds(_single(match[1], ahead))[1] + timedelta(days=1))))[0]
    if start >= period_start:
        raise DateError(f"“{match[0]}” is not ahead of the publication date it would run from.")
    return f"{start.isoformat()}/{(period_start - timedelta(days=1)).isoformat()}"


@_pattern(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
def _iso(match: re.Match, ref: _Reference) -> str:
    if not MIN_YEAR <= int(match[1]) <= MAX_YEAR:
        raise DateError(f"The year {match[1]} is outside {MIN_YEAR}–{MAX_YEAR}.")
    if match[2] and not match[3] and ref.fiscal_year_start and int(match[1][:2] + match[2]) == int(match[1]) + 1:
        return _fiscal_year(int(match[1]) + 1, ref.fiscal_year_start)  # "2022-23": a fiscal year
    if match[2] and not match[3] and int(match[2]) > 12 and int(match[1][:2] + match[2]) > int(match[1]):
        return f"{match[1]}/{match[1][:2]}{match[2]}"  # "2019-20": no month 20, so the years 2019–2020
    if match[2] and not 1 <= int(match[2]) <= 12:
        raise DateError(f"“{match[0]}” is not a real date: there is no month {int(match[2])}.")
    if match[3]:
        return _valid_day(int(match[1]), int(match[2]), int(match[3]), match[0]).isoformat()
    return match[0]


@_pattern(
    rf"{_WEEKDAY}{_MONTH} {_DAY}(?:,? (?:of )?{_YEAR})?",
    rf"{_WEEKDAY}{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?",
    rf"{_MONTH}(?:,? (?:of )?{_YEAR})?",
)
def _calendar(match: re.Match, ref: _Reference) -> str:
    parts = match.groupdict()
    month = [name[:3] for name in _MONTHS].index(parts["month"][:3].lower()) + 1
    if parts["year"]:
        year = _year_of(parts["year"], ref)
    else:
        # A report's month without a year is the latest such month up to the report's own,
        # as a bare weekday is the latest such day: "In December" in January is last year's.
        published = ref.get("has no year")
        if ref.ahead:  # the next such month from the report's own: "will arrive in January"
            year = published.year if month >= published.month else published.year + 1
        else:
            year = published.year if month <= published.month else published.year - 1
    if not parts.get("day"):
        return f"{year:04}-{month:02}"
    day = _valid_day(year, month, int(parts["day"]), match[0])
    if (weekday := parts.get("weekday")) and _WEEKDAYS.index(weekday.lower()) != day.weekday():
        raise DateError(
            f"{_MONTHS[month - 1].title()} {day.day}, {year} was a {_WEEKDAYS[day.weekday()].title()},"
            f" not a {weekday.title()}."
        )
    return day.isoformat()


# Which third of a month (days 1–10, 11–20, 21–end) or of a year (four months each).
_THIRDS = {"early": 0, "beginning of": 0, "start of": 0, "mid": 1, "middle of": 1, "late": 2, "end of": 2}


@_pattern(rf"({'|'.join(_THIRDS)})[- ](.+)")
def _third(match: re.Match, ref: _Reference) -> str:
    third = _THIRDS[match[1].lower()]
    period = _single(match[2], ref)
    if re.fullmatch(r"\d{4}", period):
        return f"{period}-{4 * third + 1:02}/{period}-{4 * third + 4:02}"
    if month := re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", period):
        last = 10 * third + 10 if third < 2 else _last_day(int(month[1]), int(month[2]))
        return f"{period}-{10 * third + 1:02}/{period}-{last:02}"
    raise DateError(f"In “{match[0]}”, “{match[1]}” should be followed by a month or a year.")


_SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23}  # northern hemisphere
_SEASON_FIRST_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _period_year(first_month: int, months: int, ref: _Reference, which: str = "") -> int:
    """The year in which a yearly period without a year starts (a season, quarter or half:
    ``months`` long from ``first_month``), chosen as the module's conventions say."""
    day = ref.get("has no year")

    def span(year: int) -> tuple[date, date]:
        start = date(year, first_month, 1)
        return start, _add_months(start, months) - timedelta(days=1)

    years = range(day.year - 2, day.year + 2)
    if which == "this":
        current = [year for year in years if span(year)[0] <= day <= span(year)[1]]
        return current[0] if current else day.year
    if which == "last":
        return max(year for year in years if span(year)[1] < day)
    if which == "next":
        return min(year for year in years if span(year)[0] > day)
    if ref.ahead:
        return min(year for year in years if span(year)[1] >= day)
    return max(year for year in years if span(year)[0] <= day)


def _season_edtf(season: str, year: int) -> str:
    if season == "winter":
        return f"{year}-12/{year + 1}-02"
    return f"{year}-{_SEASON_CODES[season]}"


@_pattern(r"(?:(this|last|next|current|previous|coming|past) )?(spring|summer|autumn|fall|winter)")
def _season_without_year(match: re.Match, ref: _Reference) -> str:
    which = {"current": "this", "previous": "last", "past": "last", "coming": "next"}.get((match[1] or "").lower(), (match[1] or "").lower())
    season = match[2].lower()
    return _season_edtf(season, _period_year(_SEASON_FIRST_MONTHS[season], 3, ref, which))


@_pattern(r"(spring|summer|autumn|fall|winter) (.+)")
def _season(match: re.Match, ref: _Reference) -> str:
    winter = match[1].lower() == "winter"
    if winter and (years := re.fullmatch(r"(?:of )?(\d{4}) ?[-–—/] ?(\d{4}|\d{2})", match[2], re.IGNORECASE)):
        # "winter of 2019-2020" names both years it straddles.
        year, second = int(years[1]), int(years[1][: 4 - len(years[2])] + years[2])
        if second != year + 1:
            raise DateError(f"“{match[0]}”: a winter runs into the next year, not from {year} to {second}.")
    else:
        year = _year_of(match[2], ref)
    return _season_edtf(match[1].lower(), year)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
             "1": 1, "2": 2, "3": 3, "4": 4}


@_pattern(r"q([1-4]) (.+)", r"([1-4])q (.+)", r"(first|second|third|fourth|1st|2nd|3rd|4th) quarter (.+)")
def _quarter(match: re.Match, ref: _Reference) -> str:
    return f"{_year_of(match[2], ref)}-{32 + _ORDINALS[match[1].lower()]}"  # EDTF codes 33–36


@_pattern(r"q([1-4])", r"(first|second|third|fourth|1st|2nd|3rd|4th) quarter( of the year)?")
def _quarter_without_year(match: re.Match, ref: _Reference) -> str:
    quarter = _ORDINALS[match[1].lower()]
    # "of the year" is the reference's year, as in "by the end of the year".
    which = "this" if match.lastindex == 2 and match[2] else ""
    return f"{_period_year(3 * quarter - 2, 3, ref, which)}-{32 + quarter}"


@_pattern(r"h([12])", r"(first|second|1st|2nd) half( of the year)?")
def _half_without_year(match: re.Match, ref: _Reference) -> str:
    first_month = 6 * _ORDINALS[match[1].lower()] - 5
    which = "this" if match.lastindex == 2 and match[2] else ""
    year = _period_year(first_month, 6, ref, which)
    return f"{year}-{first_month:02}/{year}-{first_month + 5:02}"


@_pattern(r"h([12]) (.+)", r"(first|second|1st|2nd) half (.+)")
def _half(match: re.Match, ref: _Reference) -> str:
    year, first_month = _year_of(match[2], ref), 6 * _ORDINALS[match[1].lower()] - 5
    return f"{year}-{first_month:02}/{year}-{first_month + 5:02}"


@_pattern(r"today|yesterday")
def _today(match: re.Match, ref: _Reference) -> str:
    days_back = 1 if match[0].lower() == "yesterday" else 0
    return (ref.get() - timedelta(days=days_back)).isoformat()


@_pattern(rf"({'|'.join(_WEEKDAYS)})")
def _weekday(match: re.Match, ref: _Reference) -> str:
    # News convention: a bare weekday is the latest one on or before publication.
    day = ref.get()
    if ref.ahead:  # "until Sunday": the next one on or after publication
        return (day + timedelta(days=(_WEEKDAYS.index(match[1].lower()) - day.weekday()) % 7)).isoformat()
    return (day - timedelta(days=(day.weekday() - _WEEKDAYS.index(match[1].lower())) % 7)).isoformat()


@_pattern(r"(?:the )?(following|next|previous) day", r"(?:the )?day (after|before)")
def _next_day(match: re.Match, ref: _Reference) -> str:
    step = -1 if match[1].lower() in ("previous", "before") else 1
    return (ref.get() + timedelta(days=step)).isoformat()


_OFFSETS = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "following": 1}


@_pattern(rf"({'|'.join(_OFFSETS)}) (week|month|year)")
def _relative_period(match: re.Match, ref: _Reference) -> str:
    day, offset, unit = ref.get(), _OFFSETS[match[1].lower()], match[2].lower()
    if unit == "year":
        return f"{day.year + offset:04}"
    if unit == "month":
        return _add_months(day, offset).isoformat()[:MONTH]
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset)
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
            "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_UNIT_PRECISION = {"year": YEAR, "month": MONTH, "week": DAY, "day": DAY}


@_pattern(rf"({'|'.join(_NUMBERS)}|\d{{1,2}}) (day|week|month|year)s? (earlier|ago|before|later|after)")
def _shift(match: re.Match, ref: _Reference) -> str:
    count = _NUMBERS.get(match[1].lower()) or int(match[1])
    count *= 1 if match[3].lower() in ("later", "after") else -1
    unit, day = match[2].lower(), ref.get()
    if unit in ("day", "week"):
        shifted = day + timedelta(days=count * (7 if unit == "week" else 1))
    else:
        shifted = _add_months(day, count * (12 if unit == "year" else 1))
    return shifted.isoformat()[: max(ref.precision, _UNIT_PRECISION[unit])]
