"""Dates, absolute and relative, resolved with the knowledge base's one date parser.

Phrases are found here and understood by ``deals.approximate_dates.parse``. What a
relative phrase is resolved against depends on the phrase:
- deictic words ("on Friday", "last month", "In April", "by the end of this year") against
  the publication date;
- anaphoric words ("a year earlier", "two months later", "the following day") against the
  date mentioned last before them ("In February 2019 … A year earlier"
  is February 2018);
- a year or month told by reference ("in December that year", "that October", "the following
  year", "the same month", "three years later") against the year (or month) the text stated
  last, never the publication: with none stated before, they are left out rather than drafted
  wrong.
A partial date in a clause about the future ("will arrive in December", "is expected to
visit in the autumn", "runs until Sunday") resolves forwards: the parser's ``ahead``; so does
a deadline by a month ("could be signed by June"), unless its clause is told in the past ("had
arrived by June"). So does one in a hedged clause ("a contract could be signed in Q3"),
unless it looks back ("could have arrived in May") or is a weekday. A clause joined by ", and" is a clause of its own ("crews were trained in
April, and the work will end by December": April is behind). With the article's parse, a month
whose verb is in a past tense ("was inducted in April") is never ahead: published in
February, it is last April. "At the time" names no date of its own and is not drafted. In an
article written the Indian way (sums in Rs, ₹, crore or lakh; or "FY"/"fiscal" before the
years, or "fiscal year" after them) "2022-23" is a fiscal year, April 2022 to March 2023;
elsewhere the years 2022–2023. A fiscal year named for another country runs as that country's
does: "the Pentagon's fiscal 2026" from October 2025, Pakistan's and Egypt's from July (the
country its sentence names, else the article's). "In 2022 and 2023" is the span of both years.
"12.04.2022" (two digits each, as sites outside the US print a date) is the 12th of April.
"Early", "mid" and "late" in a season ("late summer 2022", "in early spring") are its first,
middle and last month, as they are a year's thirds; "the turn of the year" is a December and
the January after, the latest begun by the publication (the first not over, ahead); a bare
quarter or half ("in Q3", "in H2") is read like "in the third quarter"; the end of a quarter is
its last month, and "by" it runs from the publication day. "Between 28 June and 3 July" is one
range of days. A quarter named by its months ("the July-September quarter of 2024", as Indian
papers write) is those months, "Q3 of 2024" the quarter, "the early (latter) part of 2024" its
first (last) third, and "by the fourth quarter" a deadline ahead unless told in the past.
"By" a year, a third of one, a quarter or a half ("by the end of the summer": to 31 August) runs from the publication day to its end
("by early next year", "by the third quarter of 2027", "by year-end", "by end-2026", "by 2026-end"); "later
this year" from the publication day to the year's end, "earlier this month" from the month's
start to it; a third of a relative month or year
is one date ("late last month"). The longest phrase wins ("earlier this year in February"
is one date, February); a year joined to the word it qualifies ("a 1988-batch officer") is
not a date, and names
that contain date words ("Defence Today", "Arms Expo 2018", "Army-2020") are not dates.
"The current financial year" (or "next fiscal") is the fiscal year the publication falls in (or
the one after); "by the end of 2026-27" and "the first half of 2026-27" (April to September 2026
in India) are of the fiscal year. A decade's early, mid and late parts ("the early 2000s") are its
first three, middle four and last three years; "the second half of the decade" and "by the end of
the decade" are of the decade named last in the paragraph, else the publication's. "Last March"
is the latest March before the publication's month; "the first days of June" its first third;
"by the autumn", written in the autumn, the next one. A weekday whose verb is told with "will",
or in the present ("the envoy visits Minsk on Thursday"), is ahead.
"""
import calendar
import re
from datetime import date

from deals.approximate_dates import ApproximateDate, DateBasis, DateError, parse

from .base import Finding, Kind, is_headline, sentence_at, sentences
from .nlp import token_at, token_from

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
    # Without a full stop only before a day: "Nov 6" (a dateline), never "Mar" alone.
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?= \d))"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:19|20)\d{2}(?![\d])"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[- ]|(?:[Tt]he )?(?:beginning|start|middle|end) of )"
_RELATIVE_YEAR = r"(?:this|last|next|previous|current|following) year"
_DASH = r"\s?[–—-]\s?"
_COUNT = r"(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|\d{1,2})"
_PREPOSITION = r"(?:(?:[Bb]ack )?[Ii]n |[Oo]n |[Dd]uring |[Ss]ince |[Uu]ntil |[Ff]rom )?"
_SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
_YEAR_OF = rf"(?:{_YEAR}|{_RELATIVE_YEAR}|the year)"
_FISCAL_WORDS = r"(?:(?:FY|[Ff]iscal(?: year)?|[Ff]inancial year) ?)"
_FISCAL = rf"{_FISCAL_WORDS}'?(?:(?:19|20)\d{{2}}(?:[-–/](?:\d{{2}}|\d{{4}}))?|\d{{2}})(?!\d)"
_DECADE = r"(?:19|20)\d0s(?![\w'’-])"

# Most specific first: at one position the first alternative that matches wins.
_ALTERNATIVES = [
    # "by the end of 2024-25": the end of a fiscal year (or of two years), not of 2024
    ("fiscalend", rf"(?:(?:[Bb]y|[Bb]efore) )?(?:the )?end of (?:the )?{_FISCAL_WORDS}?{_YEAR}[-–/]\d{{2}}(?![\d-])"),
    # "in the first half of 2025-26": April to September 2025, the fiscal year's first six months
    ("fiscalhalf", rf"(?:(?:[Bb]y|[Bb]efore) )?(?:the )?(?:first|second|1st|2nd) half of (?:the )?{_FISCAL_WORDS}?{_YEAR}[-–/]\d{{2}}(?![\d-])"),
    # "in the current financial year", "next fiscal": the fiscal year of the publication, or one beside it
    ("fiscalnow", r"(?:(?:[Bb]y|[Bb]efore) (?:the )?end of )?(?:[Tt]he )?(?:current|this|next|coming|last|previous|past) (?:financial|fiscal)(?: year)?(?![\w-])(?!(?: year)?,? ?\(?(?:FY|'?\d))"),
    # "the early 2000s", "in the late 1990s": a decade's first three, middle four or last three years
    ("decade", rf"(?:[Tt]he )?(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[- ])?{_DECADE}"),
    # "the second half of the decade", "before the end of the decade": of the decade named last
    # ("in the late 1990s … by the end of the decade"), else the publication's
    ("decaderel", r"(?:(?:[Bb]y|[Bb]efore) )?(?:the )?(?:(?:first|second|1st|2nd) half|end|beginning|start|middle) of (?:the|this) decade"
                  r"|(?:[Tt]his|[Tt]he current) decade"),
    # "in the first days of March": its first third, as "early March"; "the last days of" its last
    ("daysof", rf"(?:[Tt]he )?(?:first|opening|last|final|closing) (?:few )?days of {_MONTH}(?:,? {_YEAR})?"),
    # "last March", "next October": the latest such month before the publication's, the first after it
    ("monthrel", rf"(?<![Tt]he )(?:[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming) {_MONTH}(?!,? \d)(?![\w-])"),
    # "by 2026-end": the year's end
    ("deictic", rf"(?:[Bb]y|[Bb]efore) {_YEAR}-end"),
    ("absolute", rf"{_YEAR}-end"),
    # "between December 2021 and the spring of 2023": months, seasons or years, the span of both
    ("absolute", rf"between {_PART}?(?:{_MONTH} |(?:the )?{_SEASON},? (?:of )?)?{_YEAR} and {_PART}?(?:{_MONTH} |(?:the )?{_SEASON},? (?:of )?)?{_YEAR}"),
    ("deictic", rf"between {_PART}?{_MONTH} and {_PART}?{_MONTH}(?:,? {_YEAR}| (?:of )?{_RELATIVE_YEAR})?"),
    # "in March and April 2020", "the summer and autumn of 2019": two months or seasons that share
    # the year written once after them, the span of both
    ("monthsand", rf"(?:[Tt]he )?{_PART}?(?:{_MONTH}|{_SEASON}) and (?:the )?{_PART}?(?:{_MONTH}|{_SEASON}),? (?:of )?{_YEAR}"),
    # "the turn of the year": its December and the January after
    ("turn", r"(?:(?:[Aa]t|[Aa]round|[Bb]y|[Bb]efore) )?the turn of the year"),
    ("deictic", rf"(?:[Ee]arlier|[Ll]ater) {_RELATIVE_YEAR},? in {_MONTH}(?: {_DAY})?"),
    ("deictic", rf"(?:[Bb]y|[Bb]efore) (?:the )?end of (?:{_RELATIVE_YEAR}|the year|this month|{_YEAR}|{_MONTH}(?:,? {_YEAR})?"
                # "by the end of the summer": from the publication day to the season's end
                rf"|(?:the |this )?{_SEASON}(?!,? (?:of )?(?:19|20)\d\d))"),
    # A year or month the text stated before: "in December that year", "that October", "the
    # following year", "the same month" (not the publication's year: see ``_stated``).
    ("stated", rf"(?:(?:[Bb]y|[Bb]efore) )?(?:the )?(?:end|beginning|start|middle) of (?:that|the same) year"
               rf"|(?:[Ee]arly|[Ll]ate|[Mm]id)(?:[- ]| in )(?:that|the same) year|(?:[Ll]ater|[Ee]arlier) that (?:year|month)"
               rf"|(?:[Tt]he )?{_SEASON},? of (?:that|the same) year|(?:[Tt]hat|[Tt]he same) {_SEASON}"
               r"|[Tt]he year (?:before|after)(?=\s*[,.;:!?]|\s*$)"),
    ("stated", rf"{_MONTH},? (?:of )?(?:that|the same) year"),
    ("stated", rf"(?:[Tt]hat|[Tt]he same) {_MONTH}(?!,? \d)"),
    ("stated", r"(?:[Tt]hat|[Tt]he same) (?:year|month)(?!['’\w])"
               r"|[Tt]he (?:following|previous|preceding) (?:year|month)(?!['’\w])"),
    # "by 2027-28": a deadline of a fiscal year (or of two years), not "by 2027"
    ("years", rf"(?:[Bb]y|[Bb]efore) {_YEAR}[-–/]\d{{2}}(?![\d-])"),
    ("deictic", rf"(?:[Bb]y|[Bb]efore) {_PART}?(?:(?:{_MONTH},? )?{_YEAR}|{_RELATIVE_YEAR})"),
    # "by next spring", "before the coming winter", "by next month": a deadline, from the publication day
    ("deictic", rf"(?:[Bb]y|[Bb]efore) (?:the )?(?:next|coming) (?:{_SEASON}|month|week)(?![\w-])"),
    # "by year-end", "before the year's end": the end of the publication's year
    ("deictic", r"(?:[Bb]y|[Bb]efore) (?:year-end|the year['’]s end)"),
    # "by end-2026", "end-March 2026": the end of
    ("deictic", rf"(?:(?:[Bb]y|[Bb]efore) )?[Ee]nd-(?:{_MONTH},? )?{_YEAR}"),
    # what is left of the publication's year or month, or what went before it in it
    ("deictic", r"(?:[Ll]ater|[Ee]arlier) this (?:year|month)"),
    # "by the end of Q2", "the end of the second quarter of 2026": see ``_quarter_end``
    ("quarterend", rf"(?:(?:[Bb]y|[Bb]efore) )?(?:the )?end of (?:the )?(?:(?:first|second|third|fourth|1st|2nd|3rd|4th) quarter"
                   rf"(?: of {_YEAR_OF})?|Q[1-4](?:,? {_YEAR})?)"),
    # "from late May to early June": the span of both, as "between late May and early June"
    ("monthsfrom", rf"(?<=[Ff]rom ){_PART}?{_MONTH} (?:to|until|through) {_PART}?{_MONTH}(?:,? {_YEAR})?(?!,? \d| \d)"),
    # "between 28 June and 3 July": a day range across two months
    # and "between June 3 and 7", in one month
    ("daysbetween", rf"between (?:{_DAY} (?:of )?{_MONTH} and {_DAY} (?:of )?{_MONTH}|{_MONTH} {_DAY} and (?:{_MONTH} )?{_DAY}"
                    rf"(?![\d,]\s?\d)(?!\s*(?:%|per ?cent|[ap]\.?m\b)))(?:,? {_YEAR})?"),
    # "by the third quarter of 2027", "before H2 2026": from the publication day to its end.
    ("deictic", rf"(?:[Bb]y|[Bb]efore) (?:(?:the )?(?:first|second|third|fourth|1st|2nd|3rd|4th) (?:quarter|half) of {_YEAR_OF}"
                rf"|(?:Q[1-4]|H[12]),? {_YEAR})"),
    ("fiscal", _FISCAL),
    # "late summer 2022", "in early spring": a third of a season, one of its three months
    ("seasonpart", rf"(?:[Tt]he )?(?:[Ee]arly|[Mm]id|[Ll]ate)[- ](?:(?:this|last|next|coming|past) )?{_SEASON}"
                   rf"(?:,? (?:of )?(?:{_YEAR}|{_RELATIVE_YEAR}))?(?![\w-])"),
    # "by the summer of 2026": from the publication day to that summer's end
    ("deictic", rf"(?:[Bb]y|[Bb]efore) (?:the )?{_SEASON},? (?:of )?{_YEAR}"),
    ("absolute", rf"(?:[Tt]he )?{_SEASON},? (?:of )?(?:{_YEAR}(?:{_DASH}(?:{_YEAR}|\d{{2}}(?!\d)))?)"),
    ("deictic", rf"(?:[Tt]his|[Ll]ast|[Nn]ext|[Pp]revious|[Cc]oming|[Pp]ast) {_SEASON}"),
    ("deictic", rf"(?:[Tt]he )?{_SEASON},? of {_RELATIVE_YEAR}"),  # "the spring of this year"
    ("deictic", rf"(?:[Tt]he )?(?:first|second|1st|2nd) half of {_YEAR_OF}|H[12],? {_YEAR}"),
    ("deictic", rf"(?:[Tt]he )?(?:first|second|third|fourth|1st|2nd|3rd|4th) quarter of {_YEAR_OF}|Q[1-4],? {_YEAR}"),
    ("qof", rf"Q[1-4] of {_YEAR}"),  # "Q3 of 2024"
    # "the April-June quarter (of 2024)", as Indian papers name quarters: its three months
    ("monthsquarter", rf"(?:[Tt]he )?{_MONTH}{_DASH}{_MONTH} quarter(?:,? (?:of )?{_YEAR})?"),
    # "the early part of 2024", "the latter part of next year": its first or last third
    ("partof", rf"(?:[Tt]he )?(?:early|earlier|first|latter|later|last) part of (?:{_YEAR}|{_RELATIVE_YEAR}|the year)"),
    ("lastquarter", rf"(?:[Tt]he )?(?:last|final) quarter of {_YEAR_OF}"),  # the fourth
    # "Updated: 12.04.2022": day, month and year with full stops, as Balkan, Russian and Turkish
    # sites print them, two digits each (day first; the US writes its numeric dates with slashes).
    # Not "version 1.2.2022".
    ("dotted", rf"(?<![\d.])(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])\.{_YEAR}"),
    # "October 28 to November 3", "28 October–3 November 2025": a day range across two months
    ("absolute", rf"{_MONTH} {_DAY}(?:{_DASH}| (?:to|until|through) ){_MONTH} {_DAY},? {_YEAR}"),
    ("deictic", rf"{_MONTH} {_DAY}(?:{_DASH}| (?:to|until|through) ){_MONTH} {_DAY}(?!,? {_YEAR})(?![\d,]\s?\d)"),
    ("absolute", rf"{_DAY} (?:of )?{_MONTH}(?:{_DASH}| (?:to|until) ){_DAY} (?:of )?{_MONTH},? {_YEAR}"),
    ("deictic", rf"{_DAY} (?:of )?{_MONTH}(?:{_DASH}| (?:to|until) ){_DAY} (?:of )?{_MONTH}(?!,? \d)"),
    ("deictic", rf"{_MONTH} {_DAY}(?:{_DASH}| (?:to|until|through) ){_DAY}(?!,? {_YEAR})(?![\d,]\s?\d)"),
    ("absolute", rf"(?:{_DAY}(?:{_DASH}| (?:to|until) )|between {_DAY} and ){_DAY} (?:of )?{_MONTH},? {_YEAR}"),
    ("deictic", rf"between {_DAY} and {_DAY} (?:of )?{_MONTH}"),  # "between 3 and 7 May"
    ("deictic", rf"{_DAY}(?:{_DASH}| (?:to|until) ){_DAY} (?:of )?{_MONTH}"),
    ("absolute", rf"{_MONTH} {_DAY} (?:to|until|through) {_DAY},? {_YEAR}"),
    ("absolute", rf"{_PART}?{_MONTH}(?: {_DAY})?{_DASH}{_MONTH}(?: {_DAY})?,? {_YEAR}"),
    ("absolute", rf"{_MONTH} {_DAY}{_DASH}{_DAY},? {_YEAR}"),
    ("absolute", rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY},? {_YEAR}"),
    ("absolute", rf"(?:{_WEEKDAY},? )?{_DAY} (?:of )?{_MONTH},? {_YEAR}"),
    ("deictic", rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY}(?![\d,]\s?\d)"),
    ("deictic", rf"(?:{_WEEKDAY},? )?{_DAY} (?:of )?{_MONTH}(?!,? \d)"),
    ("absolute", rf"{_PART}{_MONTH},? {_YEAR}"),
    ("deictic", rf"{_PART}{_MONTH}"),
    ("absolute", rf"{_PART}{_YEAR}"),
    ("absolute", rf"(?:[Ee]arly|[Ll]ate) in {_YEAR}"),  # "late in 2023": its last third
    ("absolute", rf"{_MONTH},? (?:of )?{_YEAR}"),
    ("deictic", rf"{_MONTH},? (?:of )?{_RELATIVE_YEAR}"),
    ("absolute", rf"{_YEAR}{_DASH}{_YEAR}"),
    ("pair", rf"{_YEAR} and {_YEAR}"),  # "in 2022 and 2023": the span of both years
    ("years", rf"{_YEAR}[-–/]\d{{2}}(?![\d-])"),  # "2022-23": years, or a fiscal year
    ("deictic", rf"{_COUNT} (?:day|week|month|year)s? ago"),
    # "two months after" only on its own: "two months after Indian crews completed their
    # training" dates the training from the date it follows, not a date after the last one.
    ("anaphoric", rf"{_COUNT} (?:day|week|month|year)s? (?:earlier|later|(?:before|after)(?=\s*[,.;:!?)]|\s*$))"),
    # A third of a relative month or year: "late last month", "early next year".
    ("deictic", rf"{_PART}(?:{_RELATIVE_YEAR}|(?:last|this|next|previous) month)"),
    # not "the last week of October 2018", a week of that month
    ("deictic", r"(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]revious|[Cc]urrent|[Ff]ollowing) (?:week|month|year)(?! of)"),
    ("deictic", r"[Yy]esterday|[Tt]oday"),
    ("deictic", _WEEKDAY),
    ("anaphoric", r"[Tt]he (?:following|next|previous) day|[Tt]he day (?:before|after)(?=\s*[,.;:!?]|\s*$)"),
    # A year that qualifies a word joined to it ("a 1988-batch officer", "the 2019-model
    # radar") describes that word, not a date.
    ("absolute", rf"(?<![\w$.,-]){_YEAR}(?![\w]|-\d|-[A-Za-z])"),
]
# A bare month ("In April") only after a preposition: "may" and "March" are also other words.
_BARE_MONTH = (
    rf"(?:(?:[Bb]ack )?[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom"
    # "planned for November", "scheduled for May": "for" only after a word of planning
    r"|(?:(?<=planned )|(?<=scheduled )|(?<=slated )|(?<=set )|(?<=due )|(?<=earmarked ))for"
    rf") {_MONTH}(?!\w)"
)
# So too a season, quarter or half without a year ("in the autumn"): "fall" is also a verb.
_BARE_PERIOD = (
    rf"(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ff]rom|[Bb]efore|[Oo]ver) (?:the )?"
    # "Q3 24", "Q3, 2024" name a year this pattern does not read; "In Q3, 12 launchers" does not
    rf"(?:{_SEASON}|(?:first|second|third|fourth) quarter|(?:first|second) half|(?:Q[1-4]|H[12])(?! \d|, \d{{4}}))"
    r"(?! of)(?!\w)"
)
DATE = re.compile(
    rf"(?<![\w-]){_PREPOSITION}(?:"
    + "|".join(f"(?P<{kind}{i}>{regex})" for i, (kind, regex) in enumerate(_ALTERNATIVES))
    + rf")(?!\w)|(?<![\w-])(?P<deictic_month>{_BARE_MONTH})|(?<![\w-])(?P<deictic_period>{_BARE_PERIOD})"
)
# Words that may start a sentence before a year or "Today" without making them a name.
_FUNCTION_WORDS = {
    "The", "In", "On", "By", "Since", "Until", "From", "During", "Before", "After", "Of", "And", "But",
    "Between", "For", "At", "To", "Back", "Early", "Late", "Mid", "Also", "Then", "Only",
}
_MONTH_OR_DAY_NAME = re.compile(rf"{_MONTH}|{_WEEKDAY}|Sept?|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Oct|Nov|Dec")
# Future wording in the clause around a date: its partial date resolves forwards.
_FUTURE = re.compile(
    r"\b(?:will|shall|would|'ll|(?:is|are|was|were|be|been) (?:expected|scheduled|set|due|slated|planned|going|likely)"
    r" to|scheduled for|planned for|set for|plans? to|intends? to|upcoming|forthcoming|"
    # a reduced clause: "the deal, expected to be signed at the end of March"
    r"(?<!was )(?<!were )(?<!had been )(?:expected|scheduled|slated) to|"
    # a plan or a wish told in the present: "is to arrive", "is due", "aims to", "expects the squadron"
    r"(?:is|are) to|(?:is|are) due|aims? to|hopes? to|wants? to|seeks? to|expects?|"
    # an event to come, told in the present: "the next forum runs from August 11 to 17"
    r"(?:[Tt]he|[Ii]ts|[Tt]heir) next|(?:runs?|opens?|starts?|begins?|takes? place|(?:is|are) held)(?=\s*$| (?:from|on|between|until)\b))\b|’ll\b",
)
# A hedge looks ahead too ("a contract could be signed in Q3", "may arrive in late summer"),
# but not for a weekday: "could be signed soon, the envoy indicated on Sunday" dates the saying.
# "could have arrived in March" looks back.
# "could not be delivered in February" tells of a past inability, and looks back too.
_HEDGED = re.compile(r"\b(?:could(?!\s+not\b)|might|should|(?-i:may))\b(?!\s+(?:not\s+)?have\b)")
_DAY_AFTER = re.compile(r"[Tt]he (?:following|next|previous) day|[Tt]he day (?:before|after)")
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+and\b|\b(?:that|but|while|whereas|although|after|said|says|told|added)\b")
# A clause told in the past before a deadline: "had arrived by June", "was completed by May".
# "was expected by spring", "were due by May": an expectation reported, whose deadline still lies ahead
_PAST_CLAUSE = re.compile(r"\b(?:had|was|were)\b(?!\s+(?:expected|due|scheduled|slated|supposed|set|planned)\b)")
# "the 2026-27 fiscal year": the two-year form names a fiscal year wherever the words say so.
_FISCAL_AFTER = re.compile(r"\s+(?:fiscal|financial)(?: year)?\b", re.IGNORECASE)
_INDIAN = re.compile(r"(?<!\w)(?:Rs\.?\s?\d|₹|INR\b)|\b(?:crores?|lakhs?)\b")


def _kind(match: re.Match) -> str:
    name = next(name for name, value in match.groupdict().items() if value is not None)
    return re.sub(r"[_\d]+.*$", "", name)


def find_dates(text: str, *, published: "ApproximateDate | None", sentence_spans=None, doc=None) -> list[Finding]:
    """Every date phrase that the parser understands, resolved as the module docstring says.
    Phrases it cannot resolve (a relative phrase with no publication date) are left out.
    ``doc``: the article's parse, when there is one: "before the summer" in a clause told in
    the past ("the batteries arrived before the summer") is no deadline ahead, and is left out; the
    end of a decade is kept ("had hoped to finish before the end of the decade": a plan years long)."""
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    indian = bool(_INDIAN.search(text))
    found, last, last_day, last_stated, last_month, last_decade = [], None, None, None, None, None
    for match in _matches(text):
        kind, words = _kind(match), match.group()
        if kind == "anaphoric" and last is None:
            continue
        if kind == "stated" and _that_introduces_a_clause(text, match, doc):
            continue  # "officials said that March deliveries slipped": "that" is no date's
        if kind == "stated" or kind == "anaphoric" and re.search(r"years?\b", words):
            # "three years later" counts from the year the text stated last, never from the
            # publication: with no year stated before it, it is left out rather than drafted wrong.
            if (last_month is None) if re.search(r"month", words) else (last_stated is None):
                continue
        if _in_a_name(text, match):
            continue
        if doc is not None and re.match(r"(?:[Bb]efore) (?!.*\d{4})(?!.*decade)", words) and _told_in_the_past(doc, match.start()):
            continue
        sentence = sentence_at(sentence_spans, match.start())
        reference = (last_stated if re.search(r"years?\b", words) else last) if kind == "anaphoric" else published
        if _DAY_AFTER.fullmatch(words):
            if last_day is None:
                continue
            reference = last_day  # "The following day" follows the last day named, not a month
        ahead = _ahead(text, match, sentence, doc=doc, offset=match.start())
        if match["deictic_month"] and re.match(r"(?:[Bb]ack )?[Ii]n |[Dd]uring ", words) and doc is not None \
                and _told_in_the_past(doc, match.start(), passive_present=False):
            ahead = False  # "was inducted in April": behind the publication
        elif match["deictic_month"] and re.match(r"[Bb]y ", words) and not _PAST_CLAUSE.search(_clause_before(text, match, sentence)):
            ahead = True  # a deadline: "could be signed by June" is the coming June
        elif match["deictic_period"] and re.match(r"[Bb]y ", words) and not _PAST_CLAUSE.search(_clause_before(text, match, sentence)):
            ahead = True  # "expected by the fourth quarter": the coming one
        elif re.match(rf"(?:[Bb]y|[Bb]efore) (?:the )?end of (?:the |this )?{_SEASON}$", words) \
                and not _PAST_CLAUSE.search(_clause_before(text, match, sentence)):
            ahead = True  # so is "by the end of the summer", published in May
        if kind == "stated":
            parsed = _stated(words, last_month if re.search(r"month", words) else last_stated)
            if parsed is None:
                continue
        elif kind == "dotted":
            day, month, year = (int(part) for part in re.findall(r"\d+", words))
            parsed = _parse(words, reference, candidates=[f"{day} {date(year, month, 1):%B} {year}"])
        elif kind == "pair":
            first_year, last_year = re.findall(r"\d{4}", words)
            parsed = _parse(words, reference, candidates=[f"between {first_year} and {last_year}"])
        elif kind == "fiscal" or (kind == "years" and (indian or _FISCAL_AFTER.match(text, match.end()))):
            split = bool(re.search(rf"{_YEAR}[-–/]\d{{2}}(?!\d)", words))
            parsed = _parse(words, reference, fiscal_year_start=_fiscal_year_start(
                text, sentence, match.start(), indian=indian, split=split))
        elif kind == "years":
            # Elsewhere "2019-20" is two calendar years (the parser would read "2009-10" as a month).
            parsed = _parse(words, reference, candidates=[re.sub(r"(\d\d)(\d\d)[-–/](\d\d)$", r"\1\2–\1\3", words)])
        elif third := re.fullmatch(r"(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Ff]rom|[Dd]uring) )?([Ee]arly|[Ll]ate) in (\d{4})", words):
            parsed = _parse(words, reference, candidates=[f"{third[1]} {third[2]}"])
        elif year_end := re.fullmatch(r"(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Ff]rom|[Dd]uring) )?([Bb]y|[Bb]efore) (?:year-end|the year['’]s end)", words):
            parsed = _parse(words, reference, candidates=[f"{year_end[1]} the end of the year"])
        elif year_end := re.search(r"(\d{4})-end$", words):  # "by 2026-end"
            parsed = _parse(words, reference, candidates=[words[: year_end.start()] + f"the end of {year_end[1]}"])
        elif re.search(r"(?:^|\s)[Ee]nd-", words):
            parsed = _parse(words, reference, candidates=[re.sub(r"(^|\s)[Ee]nd-", r"\1the end of ", words)])
        elif part := re.fullmatch(r"(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Ff]rom|[Dd]uring) )?([Ll]ater|[Ee]arlier) this (year|month)", words):
            parsed = _rest_of(words, reference, later=part[1].lower() == "later", unit=part[2])
        elif kind in ("fiscalend", "fiscalhalf"):
            parsed = _fiscal_part(words, text, sentence, match, reference, indian=indian)
        elif kind == "fiscalnow":
            parsed = _fiscal_now(words, reference, _fiscal_year_start(text, sentence, match.start(), indian=indian))
        elif kind == "decade":
            parsed = _decade(words)
        elif kind == "decaderel":
            # the decade named last in its paragraph ("in the late 1990s … by the end of the decade")
            named = last_decade[0] if last_decade and "\n\n" not in text[last_decade[1] : match.start()] else None
            if named is not None and ahead and reference is not None and named.latest < reference.earliest:
                named = None  # "since the early 2000s … By the second half of the decade, it will be": the current one
            parsed = _decade_part(words, reference, named)
        elif kind == "daysof":
            month = re.search(rf"{_MONTH}(?:,? {_YEAR})?", words)[0]
            third = "early" if re.search(r"first|opening", words) else "late"
            parsed = _parse(words, reference, ahead=ahead, candidates=[f"{third} {month}"])
        elif kind == "monthrel":
            parsed = _month_beside(words, reference)
        elif kind == "quarterend":
            parsed = _quarter_end(words, reference, ahead=ahead)
        elif kind == "daysbetween":
            parsed = _parse(words, reference, ahead=ahead, candidates=[
                re.sub(r"^(?:\w+ )?between (.*) and (.*)$", r"\1–\2", words), re.sub(r"^(?:\w+ )?between (.*) and (.*)$", r"\1 to \2", words)])
        elif kind == "qof":
            parsed = _parse(words, reference, ahead=ahead, candidates=[words.replace(" of ", " ")])
        elif kind == "monthsquarter":
            months = re.search(rf"({_MONTH}){_DASH}({_MONTH}) quarter(?:,? (?:of )?({_YEAR}))?", words)
            parsed = _parse(words, reference, ahead=ahead, candidates=[
                f"between {months[1]} and {months[2]}" + (f" {months[3]}" if months[3] else "")])
        elif kind == "partof":
            third = "early" if re.search(r"early|earlier|first", words) else "late"
            period = re.sub(r"^.*? part of ", "", words)
            parsed = _parse(words, reference, ahead=ahead, candidates=[
                f"{third} {period}" if period != "the year" else f"{third} this year"])
        elif kind == "lastquarter":
            parsed = _parse(words, reference, ahead=ahead, candidates=[re.sub(r"(?:last|final) quarter", "fourth quarter", words)])
        elif kind == "monthsand":
            parsed = _parse(words, reference, candidates=[f"between {words}"])
        elif kind == "monthsfrom":
            parsed = _parse(words, reference, ahead=ahead, candidates=[re.sub(r"^[Ff]rom (.*) (?:to|until|through) (.*)$", r"between \1 and \2", words)])
        elif kind == "seasonpart":
            parsed = _season_part(words, reference, ahead=ahead)
        elif kind == "turn":
            parsed = _turn_of_the_year(words, reference, ahead=ahead)
        elif inside := re.fullmatch(rf"(?:[Ee]arlier|[Ll]ater) ({_RELATIVE_YEAR}),? in ({_MONTH}(?: {_DAY})?)", words):
            # The month and the year it is placed in: "earlier this year in February".
            parsed = _parse(words, reference, candidates=[f"{inside[2]} of {inside[1]}"])
        elif (season := re.fullmatch(rf"(?:[Bb]y|[Bb]efore) (?:the )?({_SEASON})", words)) and reference is not None \
                and match["deictic_period"] and ahead:
            # "by the autumn", written in the autumn, is a deadline of the next one
            current = _parse(words, reference, candidates=[f"this {season[1].lower()}"])
            within = current is not None and current.earliest <= reference.earliest <= current.latest
            parsed = _parse(words, reference, ahead=ahead, candidates=[f"{words.split()[0]} next {season[1].lower()}"] if within else [])
        else:
            parsed = _parse(words, reference, ahead=ahead)
        if parsed is None:
            continue
        last = parsed
        if kind == "decade":
            last_decade = parsed, match.end()
        elif kind != "decaderel":
            last_decade = None
        if parsed.earliest == parsed.latest:
            last_day = parsed
        if kind in ("stated", "anaphoric") or re.search(rf"\d{{4}}|{_RELATIVE_YEAR}", words) and parsed.earliest.year == parsed.latest.year:
            last_stated = parsed  # a year the text states: "In 2018", "last year", "the following year"
            if (parsed.earliest.year, parsed.earliest.month) == (parsed.latest.year, parsed.latest.month):
                last_month = parsed  # and a month: "the same month" after "in 2027" is still its month
        elif (parsed.earliest.year, parsed.earliest.month) == (parsed.latest.year, parsed.latest.month):
            last_month = parsed  # "on 12 March … later the same month": the month of the day named last
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
                    "resolved_against": {"deictic": "publication", "anaphoric": "previous date", "stated": "previous date"}.get(kind, ""),
                },
            )
        )
    return found


# Participles of what lies ahead: "talks scheduled on Monday", "a visit planned in May".
_PLANNING = {"schedule", "plan", "set", "due", "expect", "slate", "propose", "intend", "timetable"}


def _told_in_the_past(doc, offset: int, *, passive_present: bool = True) -> bool:
    """The verb the words at ``offset`` hang on is in a past tense ("arrived", "was signed",
    "has arrived"), not hedged or ahead ("could be signed", "will arrive"). With
    ``passive_present=False`` a present passive ("is expected") is not past."""
    token = token_at(doc, offset)
    while token is not None and token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if token is None or token.pos_ not in ("VERB", "AUX"):
        return False
    helpers = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in helpers):
        return False
    if token.tag_ == "VBN" and token.dep_ == "acl" and not helpers and token.lemma_ not in _PLANNING:
        return True  # "a report tabled in parliament on Monday": a participle of what was done
    if not passive_present:
        return token.tag_ == "VBD" or token.tag_ == "VBN" and any(c.tag_ == "VBD" or c.lemma_ == "have" for c in helpers)
    return token.tag_ == "VBD" or token.tag_ == "VBN" and any(c.tag_ in ("VBD", "VBZ", "VBP") for c in helpers)


def _told_in_the_future(doc, offset: int) -> bool:
    """The verb the words at ``offset`` hang on is told with "will" or "shall" ("will travel",
    "'ll be signed"): a weekday or month then lies ahead whichever side of the verb it stands.
    Not a clause reported by a verb before the date: in "told reporters on Friday it will sign"
    the parse may hang "on Friday" on "sign", but the telling is what it dates."""
    start = token = token_at(doc, offset)
    while token is not None and token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if token is None or token.pos_ not in ("VERB", "AUX"):
        return False
    if token.dep_ in ("ccomp", "xcomp", "advcl", "conj") and token.head.i < start.i:
        return False
    helpers = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in ("will", "shall", "'ll", "’ll", "wo") for c in helpers):
        return True
    # A weekday with a verb in the present is a plan: "Putin visits Delhi on Thursday", "the
    # delegation is travelling to Ankara on Monday" (not "says", which reports).
    weekday = re.fullmatch(rf"(?:[Oo]n )?{_WEEKDAY}", start.text) or start.lower_ == "on" and re.fullmatch(_WEEKDAY, start.nbor().text)
    return bool(weekday) and token.lemma_ not in ("say", "tell", "add", "note") and (
        token.tag_ in ("VBZ", "VBP") and not helpers or token.tag_ == "VBG" and any(c.lower_ in ("is", "are", "am") for c in helpers))


def _matches(text: str):
    """The date phrases in order; two years joined by "and" that do not run forwards ("in
    2021 and 2019") are two dates, each read on its own."""
    for match in DATE.finditer(text):
        if _kind(match) == "pair" and int(match.group()[-4:]) <= int(re.search(r"\d{4}", match.group())[0]):
            middle = match.start() + match.group().index(" and ")
            yield from DATE.finditer(text, match.start(), middle)
            yield from DATE.finditer(text, middle + len(" and "), match.end())
            continue
        yield match


def _rest_of(words: str, reference, *, later: bool, unit: str) -> ApproximateDate | None:
    """"later this year": from the publication day to the year's end; "earlier this month":
    from the month's first day to the publication day."""
    if reference is None:
        return None
    day = reference.latest if later else reference.earliest
    first = day.replace(month=1, day=1) if unit == "year" else day.replace(day=1)
    last = day.replace(month=12, day=31) if unit == "year" else day.replace(day=calendar.monthrange(day.year, day.month)[1])
    earliest, latest = (reference.earliest, last) if later else (first, reference.latest)
    return ApproximateDate(words, f"{earliest.isoformat()}/{latest.isoformat()}", earliest, latest, DateBasis.RESOLVED)


def _season_part(words: str, reference, *, ahead: bool) -> ApproximateDate | None:
    """"late summer 2022", "in early spring": the season's first, middle or last month, as
    "early", "mid" and "late" are a year's thirds."""
    part = re.search(r"([Ee]arly|[Mm]id|[Ll]ate)[- ]", words)
    season = _parse(words, reference, candidates=[words[part.end() :]], ahead=ahead)
    if season is None:
        return None
    month = season.earliest.month + {"early": 0, "mid": 1, "late": 2}[part[1].lower()]
    first = season.earliest.replace(year=season.earliest.year + (month - 1) // 12, month=(month - 1) % 12 + 1, day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return ApproximateDate(words, f"{first.year}-{first.month:02d}", first, last, season.basis)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _fiscal_part(words: str, text: str, sentence, match: re.Match, reference, *, indian: bool) -> ApproximateDate | None:
    """"by the end of 2024-25" and "the first half of 2025-26": of a fiscal year (April 2025 to
    September 2025, India's first half), or, where nothing says fiscal, of the years 2024–2025.
    The end of a year is its last third, as "the end of 2021"; "by" it runs from the reference day."""
    years = re.search(rf"({_YEAR})[-–/](\d{{2}})", words)
    first_year = int(years[1])
    if int(years[1][:2] + years[2]) != first_year + 1:
        return None
    deadline = bool(re.match(r"[Bb]y|[Bb]efore", words))
    fiscal = indian or re.search(r"FY|[Ff]iscal|[Ff]inancial", words) or _FISCAL_AFTER.match(text, match.end())
    half = re.search(r"(first|second|1st|2nd) half", words)
    if fiscal or half:  # "the first half of 2025-26" is always a fiscal year's: a calendar one has no two years
        start = _fiscal_year_start(text, sentence, match.start(), indian=indian, split=True)
        begin = date(first_year, start, 1)
    else:
        begin = date(first_year, 1, 1)
    months = 12 if fiscal or half else 24

    def month_after(day: date, count: int) -> date:
        number = day.year * 12 + day.month - 1 + count
        return date(number // 12, number % 12 + 1, 1)

    if half:
        first = month_after(begin, 0 if half[1] in ("first", "1st") else 6)
        last_month = month_after(first, 5)
    else:
        last_month = month_after(begin, months - 1)
        first = month_after(last_month, -3)  # the end: its last third
    last = _month_end(last_month.year, last_month.month)
    if deadline:
        if reference is None:
            return None
        first = reference.earliest if reference.earliest <= last else (first if half else begin)
    return ApproximateDate(words, f"{first.isoformat()}/{last.isoformat()}", first, last, DateBasis.RESOLVED)


def _fiscal_now(words: str, reference, start: int) -> ApproximateDate | None:
    """"the current financial year": the fiscal year the reference day falls in; "next fiscal"
    the one after, "last fiscal year" the one before."""
    if reference is None:
        return None
    day = reference.earliest
    year = (day.year if day.month >= start else day.year - 1) + (
        1 if re.search(r"next|coming", words) else -1 if re.search(r"last|previous|past", words) else 0)
    first = date(year, start, 1)
    last = _month_end(year + 1, start - 1) if start > 1 else date(year, 12, 31)
    if re.match(r"(?:by|before) ", words, re.IGNORECASE) and day <= last:
        # "by the end of the current financial year": a deadline, from the publication day
        return ApproximateDate(words, f"{day.isoformat()}/{last.isoformat()}", day, last, DateBasis.RESOLVED)
    return ApproximateDate(words, f"{first.year}-{first.month:02d}/{last.year}-{last.month:02d}", first, last, DateBasis.RESOLVED)


# As a month's or a year's thirds: the first three years, the middle four, the last three.
_DECADE_PARTS = {"early": (0, 2), "mid": (3, 6), "late": (7, 9), "": (0, 9)}


def _decade(words: str) -> ApproximateDate:
    """"the 1990s": 1990 to 1999; "the early 2000s" its first three years, "mid" the middle
    four, "late" the last three."""
    decade = int(re.search(r"(\d{4})s", words)[1])
    part = re.search(r"([Ee]arly|[Mm]id|[Ll]ate)[- ]", words)
    low, high = _DECADE_PARTS[part[1].lower() if part else ""]
    first, last = date(decade + low, 1, 1), date(decade + high, 12, 31)
    return ApproximateDate(words, f"{first.year}/{last.year}", first, last, DateBasis.STATED)


def _decade_part(words: str, reference, last_decade) -> ApproximateDate | None:
    """"the second half of the decade" (its last five years), "the end of the decade" (its last
    three, as "the late 2020s"), of the decade just named ("the early 1990s") or else the
    reference's. "By" the end runs from the reference day."""
    if last_decade is not None:
        decade = last_decade.earliest.year // 10 * 10
    elif reference is not None:
        decade = reference.earliest.year // 10 * 10
    else:
        return None
    low, high = 0, 9
    if half := re.search(r"(first|second|1st|2nd) half", words):
        low, high = (0, 4) if half[1] in ("first", "1st") else (5, 9)
    elif re.search(r"\bend of", words):
        low, high = _DECADE_PARTS["late"]
    elif re.search(r"beginning of|start of", words):
        low, high = _DECADE_PARTS["early"]
    elif re.search(r"middle of", words):
        low, high = _DECADE_PARTS["mid"]
    first, last = date(decade + low, 1, 1), date(decade + high, 12, 31)
    if re.match(r"[Bb]y|[Bb]efore", words):
        # as "by the end of 2016": from the reference day, or all of it when that is past
        first = reference.earliest if reference is not None and reference.earliest <= last else date(decade, 1, 1)
        return ApproximateDate(words, f"{first.isoformat()}/{last.isoformat()}", first, last, DateBasis.RESOLVED)
    return ApproximateDate(words, f"{first.year}/{last.year}", first, last, DateBasis.RESOLVED)


def _month_beside(words: str, reference) -> ApproximateDate | None:
    """"last March": the latest March before the reference's month; "next October" the first
    October after it."""
    if reference is None:
        return None
    month = next(i for i, name in enumerate(calendar.month_abbr) if i and re.search(rf"{_MONTH}", words)[0][:3] == name)
    day = reference.earliest
    if re.search(r"\b(?:[Ll]ast|[Pp]ast) ", words):
        year = day.year if month < day.month else day.year - 1
    else:
        year = day.year if month > day.month else day.year + 1
    first = date(year, month, 1)
    last = _month_end(year, month)
    return ApproximateDate(words, f"{year}-{month:02d}", first, last, DateBasis.RESOLVED)


def _quarter_end(words: str, reference, *, ahead: bool) -> ApproximateDate | None:
    """"the end of the second quarter (of 2026)" is the quarter's last month, as the end of a
    year is its last third; "by the end of Q2" runs from the reference day to the quarter's
    last day (from its first day when that is later), as "by the end of 2026" does."""
    deadline = re.match(r"(?:[Bb]y|[Bb]efore) ", words)
    quarter = _parse(words, reference, candidates=[re.sub(r"^.*?end of (?:the )?", "", words)], ahead=ahead or bool(deadline))
    if quarter is None:
        return None
    last = quarter.latest
    if deadline:
        first = reference.earliest if reference is not None and reference.earliest <= last else quarter.earliest
    else:
        first = last.replace(day=1)
    return ApproximateDate(words, f"{first.isoformat()}/{last.isoformat()}", first, last, quarter.basis)


def _turn_of_the_year(words: str, reference, *, ahead: bool) -> ApproximateDate | None:
    """"the turn of the year": a December and the January after, like a season the latest one
    begun by the reference day (the first not over, looking ahead). "By" it runs from the
    reference day to its last day."""
    if reference is None:
        return None
    day = reference.latest if ahead else reference.earliest
    year = day.year - 1 if ahead and day.month == 1 or not ahead and day.month < 12 else day.year
    first, last = date(year, 12, 1), date(year + 1, 1, 31)
    if re.match(r"[Bb]y|[Bb]efore", words):
        first = min(reference.earliest, last)
    return ApproximateDate(words, f"{first.isoformat()}/{last.isoformat()}", first, last, DateBasis.RESOLVED)


_VERB_BEFORE_THAT = re.compile(
    r"\b(?:say|says|said|tell|tells|told|add|adds|added|announce[sd]?|note[sd]?|report(?:s|ed)?|state[sd]?|warn(?:s|ed)?|"
    r"know|knows|knew|believe[sd]?|think|thinks|thought|expect(?:s|ed)?|hope[sd]?|claim(?:s|ed)?|insist(?:s|ed)?|"
    r"show(?:s|ed)?|mean(?:s|t)?|confirm(?:s|ed)?|den(?:y|ies|ied)|argue[sd]?|suggest(?:s|ed)?|so|such|clear|fact)\s+$"
)


def _that_introduces_a_clause(text: str, match: re.Match, doc) -> bool:
    """"that" before a month or season opens a clause ("said that March deliveries slipped")
    rather than pointing back to a date: by the word before it, and with the article's parse
    by the word after the month."""
    at = re.search(r"\b[Tt]hat\b", match.group())
    if at is None or at.start() > 0 and not match.group()[: at.start()].strip().lower() in ("in", "by", "until", "since", "during", "from"):
        return False
    offset = match.start() + at.start()
    if _VERB_BEFORE_THAT.search(text, max(0, offset - 30), offset):
        return True
    # "that March deliveries slipped", "that summer heat hurts": the month or season is the
    # start of the clause's subject when a noun or a verb follows it.
    following = token_from(doc, match.end()) if doc is not None else None
    return following is not None and following.idx == match.end() + 1 and following.pos_ in ("NOUN", "VERB", "AUX")


def _stated(words: str, reference) -> ApproximateDate | None:
    """A year or month told by reference to the one the text stated last: "in December that
    year" and "that October" are months of its year, "late that year" its last third, "later
    that year" from that date to the year's end, "the following year" the year after it, "the
    same month" its month (when it named one)."""
    year = reference.earliest.year
    if rest := re.search(r"([Ll]ater|[Ee]arlier) that (year|month)", words):
        if rest[2] == "month" and (reference.earliest.year, reference.earliest.month) != (reference.latest.year, reference.latest.month):
            return None
        return _rest_of(words, reference, later=rest[1].lower() == "later", unit=rest[2])
    shift = 1 if re.search(r"following|after", words) else -1 if re.search(r"previous|preceding|before", words) else 0
    if re.search(r"month", words):
        if (reference.earliest.year, reference.earliest.month) != (reference.latest.year, reference.latest.month):
            return None  # "the same month" after a year names no month
        number = reference.earliest.year * 12 + reference.earliest.month - 1 + shift
        first = reference.earliest.replace(year=number // 12, month=number % 12 + 1, day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return ApproximateDate(words, f"{first.year}-{first.month:02d}", first, last, DateBasis.RESOLVED)
    if re.fullmatch(r"(?:[Tt]hat|[Tt]he same|[Tt]he (?:following|previous|preceding)) year|[Tt]he year (?:before|after)", words):
        first = reference.earliest.replace(year=year + shift, month=1, day=1)
        return ApproximateDate(words, str(first.year), first, first.replace(month=12, day=31), DateBasis.RESOLVED)
    # The rest names the year: "in December that year" is "December 2016", "that October"
    # "October 2016", "late that year" "late 2016", "that summer" "the summer of 2016".
    candidate = re.sub(r"(?:that|the same) year", str(year), words)
    candidate = re.sub(rf"(?:[Tt]hat|[Tt]he same) ({_SEASON})", rf"the \1 of {year}", candidate)
    candidate = re.sub(rf"(?:[Tt]hat|[Tt]he same) ({_MONTH})", rf"\1 {year}", candidate)
    candidate = re.sub(r"(?:[Ee]arly|[Ll]ate) in (\d{4})", lambda m: m[0].replace(" in ", " "), candidate)
    parsed = _parse(words, reference, candidates=[candidate])
    if parsed is None or parsed.earliest.year != year and parsed.latest.year != year:
        return None
    return ApproximateDate(words, parsed.edtf, parsed.earliest, parsed.latest, DateBasis.RESOLVED)


INDIAN_FISCAL_YEAR_START = 4  # India's fiscal year runs from April to March
# Where else fiscal years do not start in April: the United States' in October ("fiscal 2026" is
# October 2025 to September 2026), Pakistan's, Egypt's and Australia's in July.
_FISCAL_COUNTRIES = [
    (10, re.compile(r"\b(?:U\.S\.|US|United States|American|Pentagon|Congress(?:ional)?|Washington)(?![\w$])")),
    (7, re.compile(r"\b(?:Pakistan\w*|Islamabad|Egypt\w*|Cairo|Australia\w*|Canberra)\b")),
    (INDIAN_FISCAL_YEAR_START, re.compile(r"\b(?:India\w*|(?:New )?Delhi|Japan\w*|Tokyo|Britain|British|UK|London)\b")),
]


def _fiscal_year_start(text: str, sentence, at: int, *, indian: bool, split: bool = False) -> int:
    """The month the fiscal year at ``at`` starts in: that of the country its sentence names last
    before it, else India's in an article written the Indian way, else that of the country the
    article names last before it, else India's (the corpus's usual one). ``split``: the year is
    written "2024-25", which the United States never writes, so its names are passed over
    ("Despite US sanctions threats, the ministry raised its outlay for 2024-25")."""
    countries = [(month, names) for month, names in _FISCAL_COUNTRIES if not (split and month == 10)]

    def named_last(start: int) -> int | None:
        found = [(m.start(), month) for month, names in countries for m in names.finditer(text, start, at)]
        return max(found)[1] if found else None

    in_sentence = named_last(sentence.start) if sentence else None
    if in_sentence is not None:
        return in_sentence
    if indian:
        return INDIAN_FISCAL_YEAR_START
    return named_last(0) or INDIAN_FISCAL_YEAR_START


def _parse(words: str, reference, *, candidates=(), **options) -> ApproximateDate | None:
    candidates = [*candidates, words, re.sub(r"^(?:[Ss]ince|[Uu]ntil|[Ff]rom|[Oo]f|[Ff]or|[Oo]ver) ", "", words)]
    for candidate in dict.fromkeys(candidates):
        try:
            parsed = parse(candidate, reference=reference, **options)
        except DateError:
            continue
        return ApproximateDate(words, parsed.edtf, parsed.earliest, parsed.latest, parsed.basis)
    return None


def _in_a_name(text: str, match: re.Match) -> bool:
    """A year or "Today" that ends a name: "Arms Expo 2018", "Defence Today". The word before
    is capitalised and is neither a month, a weekday nor a function word starting a sentence."""
    words = match.group()
    if not re.fullmatch(rf"{_YEAR}|Today", words):
        return False
    before = re.search(r"([A-Z][\w&.-]*)\s+$", text[max(0, match.start() - 40) : match.start()])
    return bool(before) and before[1] not in _FUNCTION_WORDS and not _MONTH_OR_DAY_NAME.fullmatch(before[1].rstrip("."))


def _headline_future(text: str, sentence, doc, offset: int) -> bool:
    """A headline's infinitive before the date tells what is to come, as "will" does in the
    body: "IAF to get fourth squadron in February", "Turkey to receive second batch in June"."""
    if sentence is None or doc is None or text[: sentence.start].strip() or not is_headline(text[sentence.start : sentence.end]):
        return False
    date = token_from(doc, offset)
    return any(token.tag_ == "TO" and token.dep_ == "aux" and token.head.tag_ == "VB" for token in doc[: date.i if date else len(doc)])


def _clause_before(text: str, match: re.Match, sentence) -> str:
    """The words of the date's clause before it."""
    before = text[(sentence.start if sentence else max(0, match.start() - 200)) : match.start()]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def _ahead(text: str, match: re.Match, sentence, *, doc=None, offset: int = 0) -> bool:
    """Whether the date's clause speaks of the future ("will test … during 3-7 May", "is
    expected to visit in the autumn", "runs until Sunday"). A weekday looks only before
    itself: "told reporters on Friday it will" dates the telling, not what will be."""
    if re.match(r"(?:[Uu]ntil|[Ff]or)\b", match.group()):
        return True  # "runs until Sunday"; "for" is only read after a word of planning
    start = sentence.start if sentence else max(0, match.start() - 200)
    end = sentence.end if sentence else match.end() + 200
    before = text[start : match.start()]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    before = before[breaks[-1].end() :] if breaks else before
    if _FUTURE.search(before):
        # unless the date's own verb is told in the past: "the battery, which will be upgraded,
        # arrived in the autumn"
        return not (doc is not None and _told_in_the_past(doc, offset, passive_present=False))
    if doc is not None and _told_in_the_future(doc, offset):
        return True  # "On Monday, the minister will travel to Ankara": the verb it hangs on says so
    if _headline_future(text, sentence, doc, offset):
        return True
    if re.search(rf"{_WEEKDAY}$", match.group()):
        return False
    after = text[match.end() : end]
    if cut := _CLAUSE_BREAK.search(after):
        after = after[: cut.start()]
    if _FUTURE.search(after):
        # unless the date's own verb is told in the past: "arrived in the autumn, the ministry expects more"
        return not (doc is not None and _told_in_the_past(doc, offset, passive_present=False))
    # a hedge elsewhere in the clause ("the deal, which could be worth $2 billion, was signed in
    # the autumn") does not move a date whose own verb is told in the past
    return bool(_HEDGED.search(before) or _HEDGED.search(after)) and not (
        doc is not None and _told_in_the_past(doc, offset, passive_present=False))
