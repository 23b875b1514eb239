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
- A month or day without a year ("In April", "June 9") takes the reference's year.
- "by (the end of) 2016" and "before the end of 2016" run to the period's last day from
  the reference day, if that is no later, else from the period's first day; always as
  days: ``2016-03-02/2016-12-31``, or ``2016-01-01/2016-12-31`` without a reference.
- "N years earlier" keeps the reference's precision (a year before ``2019-02`` is
  ``2018-02``); shifts by months are at least month-precise, by weeks or days day-precise.
- "winter 2019" is ``2019-12/2020-02``: the EDTF winter code is ambiguous (see ``bounds``).
- Against a reference spanning several days the words are resolved at its first and at
  its last day; the result runs from the first resolution's start to the second's end.
"""

import calendar
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from edtf import EDTFParseException, Interval, UnspecifiedIntervalSection, parse_edtf, struct_time_to_date

__all__ = ["ApproximateDate", "DateBasis", "DateError", "bounds", "from_edtf", "parse"]

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


def bounds(edtf: str) -> tuple[date, date]:
    """Earliest and latest day an EDTF string can mean.

    Raises DateError if it is not valid EDTF, if an interval runs backwards, or if an
    interval is open-ended or has an unknown end ("2019/..", "2019/").
    """
    try:
        parsed = parse_edtf(edtf)
    except (EDTFParseException, ValueError, TypeError, AttributeError):
        # The package reports some invalid input ("2019-02-29", "2019-1X") as plain errors.
        raise DateError(f"“{edtf}” is not a valid EDTF date.") from None
    earliest, latest = _object_bounds(parsed, edtf)
    if latest < earliest:
        raise DateError(f"The interval “{edtf}” ends before it starts.")
    return earliest, latest


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
    """Validate an EDTF string an editor typed and build the ApproximateDate (words default to the EDTF)."""
    edtf = edtf.strip()
    if not edtf:
        raise DateError("The EDTF date is empty.")
    return _build(words.strip() or edtf, edtf, DateBasis(basis))


def _build(words: str, edtf: str, basis: DateBasis) -> ApproximateDate:
    earliest, latest = bounds(edtf)
    if earliest.year < MIN_YEAR or latest.year > MAX_YEAR:
        raise DateError(f"“{words}” falls outside the years {MIN_YEAR}–{MAX_YEAR}.")
    return ApproximateDate(words, edtf, earliest, latest, basis)


# --- Parsing words ---------------------------------------------------------------------


def parse(words: str, *, reference: "date | ApproximateDate | None" = None) -> ApproximateDate:
    """Understand the words as an ApproximateDate, resolving relative or partial phrases
    against the reference (the article's publication date, itself possibly approximate).

    Raises DateError, with a message for an editor, when the words cannot be understood,
    name an impossible date, or need a reference that was not given.
    """
    text = words.strip()
    if not text:
        raise DateError("No date was given.")
    if len(text) > MAX_LENGTH:
        raise DateError(f"The date is {len(text)} characters long; at most {MAX_LENGTH} are allowed.")
    first_day, last_day, precision = _reference_ends(reference)
    first = _Reference(text, first_day, precision)
    try:
        edtf = _phrase(text, first)
        if first.used and last_day != first_day:
            last_edtf = _phrase(text, _Reference(text, last_day, precision))
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
    used: bool = False

    def get(self, problem: str = "is relative") -> date:
        if self.day is None:
            raise DateError(f"“{self.words}” {problem}: it needs the article's publication date to be resolved.")
        self.used = True
        return self.day


_PLAIN_EDTF = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?")


def _reference_ends(reference) -> tuple[date | None, date | None, int]:
    if isinstance(reference, ApproximateDate):
        # The precision of a plain date or interval, so that "a year earlier" than 2019-02 is 2018-02.
        lengths = {len(part) if _PLAIN_EDTF.fullmatch(part) else DAY for part in reference.edtf.split("/")}
        return reference.earliest, reference.latest, lengths.pop() if len(lengths) == 1 else DAY
    if isinstance(reference, datetime):
        reference = reference.date()
    return reference, reference, DAY


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
        return _single(text, ref)
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


def _range(left: str, right: str, ref: _Reference) -> str:
    left, right = _clean(left), _clean(right)
    if not (left and right):  # a dash at either end, not between two dates
        raise _Unrecognised(left or right)
    left, right = _inherit(left, right)
    start, end = _single(left, ref), _single(right, ref)
    if bounds(end)[1] < bounds(start)[0]:
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


def _inherit(left: str, right: str) -> tuple[str, str]:
    """Complete a range's sides from each other: the year on the right applies to the
    left ("October–December 2021") and a bare day on the right takes the left's month
    ("June 3–5, 2020")."""
    month = re.search(rf"\b(?:{_MONTH_NAME})\b", left, re.IGNORECASE)
    if month and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?", right, re.IGNORECASE):
        right = f"{month[0]} {right}"
    year = re.search(r"\b(\d{4})$", right)
    if year and not re.search(r"\b\d{4}\b", left):
        left = f"{left} {year[1]}"
    return left, right


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
    period_start, period_end = bounds(_single(match[1], ref))
    start = ref.get() if ref.day is not None and ref.day <= period_end else period_start
    return f"{start.isoformat()}/{period_end.isoformat()}"


@_pattern(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
def _iso(match: re.Match, ref: _Reference) -> str:
    if not MIN_YEAR <= int(match[1]) <= MAX_YEAR:
        raise DateError(f"The year {match[1]} is outside {MIN_YEAR}–{MAX_YEAR}.")
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
    year = _year_of(parts["year"], ref) if parts["year"] else ref.get("has no year").year
    month = [name[:3] for name in _MONTHS].index(parts["month"][:3].lower()) + 1
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


@_pattern(r"(spring|summer|autumn|fall|winter) (.+)")
def _season(match: re.Match, ref: _Reference) -> str:
    year = _year_of(match[2], ref)
    if match[1].lower() == "winter":
        return f"{year}-12/{year + 1}-02"
    return f"{year}-{_SEASON_CODES[match[1].lower()]}"


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
             "1": 1, "2": 2, "3": 3, "4": 4}


@_pattern(r"q([1-4]) (.+)", r"([1-4])q (.+)", r"(first|second|third|fourth|1st|2nd|3rd|4th) quarter (.+)")
def _quarter(match: re.Match, ref: _Reference) -> str:
    return f"{_year_of(match[2], ref)}-{32 + _ORDINALS[match[1].lower()]}"  # EDTF codes 33–36


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
    return (day - timedelta(days=(day.weekday() - _WEEKDAYS.index(match[1].lower())) % 7)).isoformat()


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
