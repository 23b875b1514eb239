"""Tests for deals.approximate_dates: reading article dates into EDTF and calendar bounds."""

from datetime import date

import pytest

from deals.approximate_dates import ApproximateDate, DateBasis, DateError, bounds, describe, from_edtf, parse

STATED, RESOLVED = DateBasis.STATED, DateBasis.RESOLVED
D = date.fromisoformat

# Publication dates of the articles the phrases come from.
ARTICLE_A = D("2021-06-09")
ARTICLE_B = D("2021-11-14")
ARTICLE_C = from_edtf("2019-06")  # known only to the month
ARTICLE_D = from_edtf("2016")  # known only to the year
ARTICLE_E = D("2019-04-03")
ARTICLE_D_AS_CURATED = from_edtf("2016?")  # the year inferred, uncertain

# words, reference, EDTF, earliest, latest, basis
ARTICLE_PHRASES = [
    ("on June 9", ARTICLE_A, "2021-06-09", "2021-06-09", "2021-06-09", RESOLVED),
    ("In February 2019", ARTICLE_A, "2019-02", "2019-02-01", "2019-02-28", STATED),
    ("A year earlier", from_edtf("2019-02"), "2018-02", "2018-02-01", "2018-02-28", RESOLVED),
    ("In July 2018", ARTICLE_A, "2018-07", "2018-07-01", "2018-07-31", STATED),
    ("October–December 2021", ARTICLE_A, "2021-10/2021-12", "2021-10-01", "2021-12-31", STATED),
    ("In October 2018", ARTICLE_A, "2018-10", "2018-10-01", "2018-10-31", STATED),
    ("mid-June 2019", ARTICLE_A, "2019-06-11/2019-06-20", "2019-06-11", "2019-06-20", STATED),
    ("In April", ARTICLE_A, "2021-04", "2021-04-01", "2021-04-30", RESOLVED),
    ("November 14th", ARTICLE_B, "2021-11-14", "2021-11-14", "2021-11-14", RESOLVED),
    ("on Sunday", ARTICLE_B, "2021-11-14", "2021-11-14", "2021-11-14", RESOLVED),
    ("this year", ARTICLE_B, "2021", "2021-01-01", "2021-12-31", RESOLVED),
    ("on August 25", ARTICLE_B, "2021-08-25", "2021-08-25", "2021-08-25", RESOLVED),
    ("On October 23, 2019", ARTICLE_B, "2019-10-23", "2019-10-23", "2019-10-23", STATED),
    ("On December 7, 2020", ARTICLE_B, "2020-12-07", "2020-12-07", "2020-12-07", STATED),
    ("In mid-October 2020", ARTICLE_B, "2020-10-11/2020-10-20", "2020-10-11", "2020-10-20", STATED),
    ("In September of this year", ARTICLE_B, "2021-09", "2021-09-01", "2021-09-30", RESOLVED),
    ("In June 2019", ARTICLE_B, "2019-06", "2019-06-01", "2019-06-30", STATED),
    ("in July 2019", ARTICLE_B, "2019-07", "2019-07-01", "2019-07-31", STATED),
    ("on Friday", ARTICLE_C, "2019-05-31/2019-06-28", "2019-05-31", "2019-06-28", RESOLVED),
    ("May 30", ARTICLE_C, "2019-05-30", "2019-05-30", "2019-05-30", RESOLVED),
    ("Last month", ARTICLE_C, "2019-05", "2019-05-01", "2019-05-31", RESOLVED),
    ("In August 2016", ARTICLE_C, "2016-08", "2016-08-01", "2016-08-31", STATED),
    ("in 2007", ARTICLE_C, "2007", "2007-01-01", "2007-12-31", STATED),
    ("last year", ARTICLE_C, "2018", "2018-01-01", "2018-12-31", RESOLVED),
    ("on Wednesday", ARTICLE_D, "2015-12-30/2016-12-28", "2015-12-30", "2016-12-28", RESOLVED),
    ("by the end of this year", ARTICLE_D, "2016-01-01/2016-12-31", "2016-01-01", "2016-12-31", RESOLVED),
    ("In 2014-2015", ARTICLE_D, "2014/2015", "2014-01-01", "2015-12-31", STATED),
    # What is resolved against an uncertain publication year is as uncertain.
    ("on Wednesday", ARTICLE_D_AS_CURATED, "2015-12-30?/2016-12-28?", "2015-12-30", "2016-12-28", RESOLVED),
    ("by the end of this year", ARTICLE_D_AS_CURATED, "2016-01-01?/2016-12-31?", "2016-01-01", "2016-12-31", RESOLVED),
    ("In 2014-2015", ARTICLE_D_AS_CURATED, "2014/2015", "2014-01-01", "2015-12-31", STATED),
    ("on Wednesday", ARTICLE_E, "2019-04-03", "2019-04-03", "2019-04-03", RESOLVED),
    ("on April 1", ARTICLE_E, "2019-04-01", "2019-04-01", "2019-04-01", RESOLVED),
    ("in December 2017", ARTICLE_E, "2017-12", "2017-12-01", "2017-12-31", STATED),
    ("Back in April 2018", ARTICLE_E, "2018-04", "2018-04-01", "2018-04-30", STATED),
    ("between late 2019 and early 2020", ARTICLE_E, "2019-09/2020-04", "2019-09-01", "2020-04-30", STATED),
    ("in 2015", ARTICLE_E, "2015", "2015-01-01", "2015-12-31", STATED),
    ("in July 2016", ARTICLE_E, "2016-07", "2016-07-01", "2016-07-31", STATED),
]

OTHER_PHRASES = [
    # Exact days, in the ways articles write them.
    ("October 23, 2019", None, "2019-10-23", "2019-10-23", "2019-10-23", STATED),
    ("23 October 2019", None, "2019-10-23", "2019-10-23", "2019-10-23", STATED),
    ("the 23rd of October 2019", None, "2019-10-23", "2019-10-23", "2019-10-23", STATED),
    ("2019-10-23", None, "2019-10-23", "2019-10-23", "2019-10-23", STATED),
    ("Oct. 23, 2019.", None, "2019-10-23", "2019-10-23", "2019-10-23", STATED),
    ("Wednesday, October 23, 2019", None, "2019-10-23", "2019-10-23", "2019-10-23", STATED),
    ("OCTOBER 2018", None, "2018-10", "2018-10-01", "2018-10-31", STATED),
    ("Oct 2018", None, "2018-10", "2018-10-01", "2018-10-31", STATED),
    ("during Sept. 2018", None, "2018-09", "2018-09-01", "2018-09-30", STATED),
    ("2007", None, "2007", "2007-01-01", "2007-12-31", STATED),
    # Parts of a month and of a year.
    ("early June 2019", None, "2019-06-01/2019-06-10", "2019-06-01", "2019-06-10", STATED),
    ("mid June 2019", None, "2019-06-11/2019-06-20", "2019-06-11", "2019-06-20", STATED),
    ("the middle of June 2019", None, "2019-06-11/2019-06-20", "2019-06-11", "2019-06-20", STATED),
    ("late June 2019", None, "2019-06-21/2019-06-30", "2019-06-21", "2019-06-30", STATED),
    ("at the end of February 2020", None, "2020-02-21/2020-02-29", "2020-02-21", "2020-02-29", STATED),
    ("early 2020", None, "2020-01/2020-04", "2020-01-01", "2020-04-30", STATED),
    ("the beginning of 2020", None, "2020-01/2020-04", "2020-01-01", "2020-04-30", STATED),
    ("mid-2020", None, "2020-05/2020-08", "2020-05-01", "2020-08-31", STATED),
    ("the middle of 2020", None, "2020-05/2020-08", "2020-05-01", "2020-08-31", STATED),
    ("late 2019", None, "2019-09/2019-12", "2019-09-01", "2019-12-31", STATED),
    ("the end of 2019", None, "2019-09/2019-12", "2019-09-01", "2019-12-31", STATED),
    ("the first half of 2020", None, "2020-01/2020-06", "2020-01-01", "2020-06-30", STATED),
    ("the second half of 2020", None, "2020-07/2020-12", "2020-07-01", "2020-12-31", STATED),
    ("H2 2020", None, "2020-07/2020-12", "2020-07-01", "2020-12-31", STATED),
    # Seasons (northern hemisphere) and quarters.
    ("spring 2019", None, "2019-21", "2019-03-01", "2019-05-31", STATED),
    ("in the summer of 2019", None, "2019-22", "2019-06-01", "2019-08-31", STATED),
    ("autumn 2019", None, "2019-23", "2019-09-01", "2019-11-30", STATED),
    ("fall 2019", None, "2019-23", "2019-09-01", "2019-11-30", STATED),
    ("winter 2019", None, "2019-12/2020-02", "2019-12-01", "2020-02-29", STATED),
    ("winter of 2019-2020", None, "2019-12/2020-02", "2019-12-01", "2020-02-29", STATED),
    ("in the winter of 2019–20", None, "2019-12/2020-02", "2019-12-01", "2020-02-29", STATED),
    ("Q1 2019", None, "2019-33", "2019-01-01", "2019-03-31", STATED),
    ("Q3 2019", None, "2019-35", "2019-07-01", "2019-09-30", STATED),
    ("3Q 2019", None, "2019-35", "2019-07-01", "2019-09-30", STATED),
    ("the third quarter of 2019", None, "2019-35", "2019-07-01", "2019-09-30", STATED),
    ("the 4th quarter of this year", ARTICLE_B, "2021-36", "2021-10-01", "2021-12-31", RESOLVED),
    # Ranges.
    ("2014–2015", None, "2014/2015", "2014-01-01", "2015-12-31", STATED),
    ("from March to May 2020", None, "2020-03/2020-05", "2020-03-01", "2020-05-31", STATED),
    ("June 3–5, 2020", None, "2020-06-03/2020-06-05", "2020-06-03", "2020-06-05", STATED),
    ("June 30 — July 2, 2020", None, "2020-06-30/2020-07-02", "2020-06-30", "2020-07-02", STATED),
    ("early June - late July 2019", None, "2019-06-01/2019-07-31", "2019-06-01", "2019-07-31", STATED),
    ("June 3-5", ARTICLE_A, "2021-06-03/2021-06-05", "2021-06-03", "2021-06-05", RESOLVED),
    # A year written once, at the end of a range from one year's end into the next's start.
    ("December–January 2022", None, "2021-12/2022-01", "2021-12-01", "2022-01-31", STATED),
    ("from November 2021 to January 2022", None, "2021-11/2022-01", "2021-11-01", "2022-01-31", STATED),
    ("December 30 – January 2, 2022", None, "2021-12-30/2022-01-02", "2021-12-30", "2022-01-02", STATED),
    ("December–January", D("2022-01-14"), "2021-12/2022-01", "2021-12-01", "2022-01-31", RESOLVED),
    # Two digits after a year: the years of a span ("2019-20" has no month 20).
    ("2019-20", None, "2019/2020", "2019-01-01", "2020-12-31", STATED),
    ("in 2019–20", None, "2019/2020", "2019-01-01", "2020-12-31", STATED),
    ("2014-17", None, "2014/2017", "2014-01-01", "2017-12-31", STATED),
    # "By the end of": from the reference day, else from the start of the period.
    ("by the end of 2019", None, "2019-01-01/2019-12-31", "2019-01-01", "2019-12-31", STATED),
    ("by the end of 2016", D("2016-03-02"), "2016-03-02/2016-12-31", "2016-03-02", "2016-12-31", RESOLVED),
    ("before the end of 2016", D("2015-07-01"), "2015-07-01/2016-12-31", "2015-07-01", "2016-12-31", RESOLVED),
    ("by the end of 2016", D("2018-01-05"), "2016-01-01/2016-12-31", "2016-01-01", "2016-12-31", STATED),
    ("by 2020", None, "2020-01-01/2020-12-31", "2020-01-01", "2020-12-31", STATED),
    ("by the end of June 2019", ARTICLE_C, "2019-06-01/2019-06-30", "2019-06-01", "2019-06-30", RESOLVED),
    ("by the end of the year", D("2021-03-02"), "2021-03-02/2021-12-31", "2021-03-02", "2021-12-31", RESOLVED),
    ("by end of year", D("2021-03-02"), "2021-03-02/2021-12-31", "2021-03-02", "2021-12-31", RESOLVED),
    ("before the end of the year", D("2021-03-02"), "2021-03-02/2021-12-31", "2021-03-02", "2021-12-31", RESOLVED),
    ("by the end of the month", D("2021-03-02"), "2021-03-02/2021-03-31", "2021-03-02", "2021-03-31", RESOLVED),
    ("by the end of the year", ARTICLE_C, "2019-06-01/2019-12-31", "2019-06-01", "2019-12-31", RESOLVED),
    # A month without a year: the latest such month not after the publication month.
    ("In December", D("2020-01-03"), "2019-12", "2019-12-01", "2019-12-31", RESOLVED),
    ("In December", D("2022-01-14"), "2021-12", "2021-12-01", "2021-12-31", RESOLVED),
    ("In January", D("2020-01-03"), "2020-01", "2020-01-01", "2020-01-31", RESOLVED),
    ("on December 28", D("2020-01-03"), "2019-12-28", "2019-12-28", "2019-12-28", RESOLVED),
    ("In June", ARTICLE_C, "2019-06", "2019-06-01", "2019-06-30", RESOLVED),
    ("In July", ARTICLE_C, "2018-07", "2018-07-01", "2018-07-31", RESOLVED),
    ("In April", ARTICLE_D, "2015-04/2016-04", "2015-04-01", "2016-04-30", RESOLVED),
    # Relative phrases, including across a year boundary.
    ("last month", D("2020-01-15"), "2019-12", "2019-12-01", "2019-12-31", RESOLVED),
    ("on Friday", D("2021-01-01"), "2021-01-01", "2021-01-01", "2021-01-01", RESOLVED),
    ("on Thursday", D("2021-01-01"), "2020-12-31", "2020-12-31", "2020-12-31", RESOLVED),
    ("Friday", ARTICLE_B, "2021-11-12", "2021-11-12", "2021-11-12", RESOLVED),
    ("today", ARTICLE_B, "2021-11-14", "2021-11-14", "2021-11-14", RESOLVED),
    ("yesterday", D("2021-01-01"), "2020-12-31", "2020-12-31", "2020-12-31", RESOLVED),
    ("last week", ARTICLE_B, "2021-11-01/2021-11-07", "2021-11-01", "2021-11-07", RESOLVED),
    ("this month", ARTICLE_B, "2021-11", "2021-11-01", "2021-11-30", RESOLVED),
    ("next month", ARTICLE_B, "2021-12", "2021-12-01", "2021-12-31", RESOLVED),
    ("next year", ARTICLE_B, "2022", "2022-01-01", "2022-12-31", RESOLVED),
    ("a year earlier", D("2019-02-14"), "2018-02-14", "2018-02-14", "2018-02-14", RESOLVED),
    ("a year ago", D("2020-02-29"), "2019-02-28", "2019-02-28", "2019-02-28", RESOLVED),
    ("one year earlier", from_edtf("2019"), "2018", "2018-01-01", "2018-12-31", RESOLVED),
    ("two years ago", ARTICLE_B, "2019-11-14", "2019-11-14", "2019-11-14", RESOLVED),
    ("3 years later", from_edtf("2019-02"), "2022-02", "2022-02-01", "2022-02-28", RESOLVED),
    ("a month earlier", D("2021-03-31"), "2021-02-28", "2021-02-28", "2021-02-28", RESOLVED),
    ("a month earlier", from_edtf("2019-03"), "2019-02", "2019-02-01", "2019-02-28", RESOLVED),
    ("a month earlier", ARTICLE_D, "2015-12/2016-11", "2015-12-01", "2016-11-30", RESOLVED),
    # Against an uncertain or approximate reference, the qualifier is kept where EDTF allows it.
    ("a year earlier", ARTICLE_D_AS_CURATED, "2015?", "2015-01-01", "2015-12-31", RESOLVED),
    ("a year earlier", from_edtf("2016~"), "2015~", "2015-01-01", "2015-12-31", RESOLVED),
    ("a month earlier", from_edtf("2019-03%"), "2019-02%", "2019-02-01", "2019-02-28", RESOLVED),
    ("between 2015 and this year", ARTICLE_D_AS_CURATED, "2015/2016?", "2015-01-01", "2016-12-31", RESOLVED),
    ("the 4th quarter of this year", ARTICLE_D_AS_CURATED, "2016-36", "2016-10-01", "2016-12-31", RESOLVED),
]


@pytest.mark.parametrize(("words", "reference", "edtf", "earliest", "latest", "basis"), ARTICLE_PHRASES + OTHER_PHRASES)
def test_parse(words, reference, edtf, earliest, latest, basis):
    parsed = parse(words, reference=reference)
    assert parsed == ApproximateDate(words.strip(), edtf, D(earliest), D(latest), basis)
    assert bounds(parsed.edtf) == (parsed.earliest, parsed.latest)


def test_parse_keeps_the_words_as_written_but_stripped():
    assert parse("  In mid-October 2020 ").words == "In mid-October 2020"


@pytest.mark.parametrize(
    ("words", "reference", "message"),
    [
        ("", None, "No date was given."),
        ("   ", None, "No date was given."),
        ("2019-02-30", None, "“2019-02-30” is not a real date: February 2019 has 28 days."),
        ("2019-13", None, "“2019-13” is not a real date: there is no month 13."),
        ("February 30, 2019", None, "“February 30, 2019” is not a real date: February 2019 has 28 days."),
        ("June 0, 2019", None, "“June 0, 2019” is not a real date: June 2019 has 30 days."),
        ("Monday, June 9, 2021", None, "June 9, 2021 was a Wednesday, not a Monday."),
        ("mid-Smarch 2019", None, "“mid-Smarch 2019” is not a date the parser understands: “Smarch 2019” is not"),
        ("soon", None, "“soon” is not a date the parser understands."),
        ("– 2019", None, "“– 2019” is not a date the parser understands."),
        ("December–October 2021", None, "The range ends (October 2021) before it starts (December 2021)."),
        ("June–January 2022", None, "The range ends (January 2022) before it starts (June 2022)."),
        ("by by 2019", None, "“by by 2019” is not a date the parser understands."),
        ("before the end of by 2019", None, "“before the end of by 2019” is not a date the parser understands."),
        ("by the end of the year", None, "“by the end of the year” is relative: it needs the article's publication"),
        ("winter of 2019-2021", None, "“winter of 2019-2021”: a winter runs into the next year, not from 2019 to 2021."),
        ("between early 2020 and late 2019", None, "The range ends (late 2019) before it starts (early 2020)."),
        ("June " + "1" * 200, None, "at most 200 are allowed"),
        ("1850", None, "The year 1850 is outside 1900–2100."),
        ("June 2150", None, "The year 2150 is outside 1900–2100."),
        ("3 Sept. 0000", None, "The year 0000 is outside 1900–2100."),
        ("winter 2100", None, "“winter 2100” falls outside the years 1900–2100."),
        ("a year earlier", from_edtf("1900-05"), "“a year earlier” falls outside the years 1900–2100."),
        ("late Q3 2019", None, "In “late Q3 2019”, “late” should be followed by a month or a year."),
        ("last month", None, "“last month” is relative: it needs the article's publication date to be resolved."),
        ("on Friday", None, "“on Friday” is relative: it needs the article's publication date"),
        ("In April", None, "“In April” has no year: it needs the article's publication date"),
        ("by the end of this year", None, "is relative"),
        ("spring of June 2019", None, "“June 2019” should be a year."),
        ("mid-June 3, 2019", None, "“mid” should be followed by a month or a year."),
    ],
)
def test_parse_rejects(words, reference, message):
    with pytest.raises(DateError) as raised:
        parse(words, reference=reference)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("edtf", "earliest", "latest"),
    [
        ("2019-10-23", "2019-10-23", "2019-10-23"),
        ("2019-06-11/2019-06-20", "2019-06-11", "2019-06-20"),
        ("2021-10/2021-12", "2021-10-01", "2021-12-31"),
        ("2014/2015", "2014-01-01", "2015-12-31"),
        ("2019-35", "2019-07-01", "2019-09-30"),
        ("2019-21", "2019-03-01", "2019-05-31"),
        ("2016?", "2016-01-01", "2016-12-31"),
        ("2016~", "2016-01-01", "2016-12-31"),
        ("2019-06~/2019-08?", "2019-06-01", "2019-08-31"),
        ("2021-06-09/2021-06-09", "2021-06-09", "2021-06-09"),
        # The edtf package bounds winter to December; it may mean either side of the new year.
        ("2019-24", "2018-12-01", "2020-02-29"),
        ("2019-28", "2018-12-01", "2020-02-29"),
        ("2019-24/2020", "2018-12-01", "2020-12-31"),
    ],
)
def test_bounds(edtf, earliest, latest):
    assert bounds(edtf) == (D(earliest), D(latest))


@pytest.mark.parametrize(
    ("edtf", "message"),
    [
        ("", "“” is not a valid EDTF date."),
        ("2019-02-30", "“2019-02-30” is not a valid EDTF date."),
        ("2019-02-29", "“2019-02-29” is not a valid EDTF date."),
        ("June 2019", "“June 2019” is not a valid EDTF date."),
        ("2021-12/2021-10", "The interval “2021-12/2021-10” ends before it starts."),
        ("2019/..", "“2019/..” is open-ended: give both ends of the interval."),
        ("../2019", "“../2019” is open-ended"),
        ("2019/", "“2019/” is open-ended"),
        ("2019-06/..", "“2019-06/..” is open-ended"),
    ],
)
def test_bounds_rejects(edtf, message):
    with pytest.raises(DateError) as raised:
        bounds(edtf)
    assert message in str(raised.value)


def test_from_edtf_defaults_the_words_to_the_edtf_in_words():
    assert from_edtf(" 2019-06 ") == ApproximateDate("June 2019", "2019-06", D("2019-06-01"), D("2019-06-30"), STATED)


@pytest.mark.parametrize(
    ("edtf", "words"),
    [
        # The dates an editor inferred for the curated data, with no words from the source.
        ("2007/2016-08", "between 2007 and August 2016"),
        ("2018/2019-06", "between 2018 and June 2019"),
        ("2019-06-11/2019-12", "between 11 June 2019 and December 2019"),
        ("2007", "2007"),
        ("2019-06", "June 2019"),
        ("2019-10-23", "23 October 2019"),
        ("2014/2015", "2014–2015"),
        ("2019-06-11/2019-06-20", "between 11 June 2019 and 20 June 2019"),
        ("2019-21", "spring 2019"),
        ("2019-24", "winter 2019"),
        ("2019-35", "the third quarter of 2019"),
        ("2016?", "2016 (uncertain)"),
        ("2019-06~", "about June 2019"),
        ("2016%", "about 2016 (uncertain)"),
        ("2015-12-30?/2016-12-28?", "between 30 December 2015 and 28 December 2016 (uncertain)"),
        # No plain words for unspecified digits: the bounds, in words.
        ("201X", "between 1 January 2010 and 31 December 2019"),
    ],
)
def test_describe_says_an_edtf_date_in_words(edtf, words):
    assert describe(edtf) == words


def test_describe_rejects_invalid_edtf_like_bounds():
    with pytest.raises(DateError, match="“2019-02-30” is not a valid EDTF date."):
        describe("2019-02-30")


def test_from_edtf_keeps_words_and_basis():
    made = from_edtf("2019-35", words="  the summer quarter ", basis=DateBasis.INFERRED)
    inferred = DateBasis.INFERRED
    assert made == ApproximateDate("the summer quarter", "2019-35", D("2019-07-01"), D("2019-09-30"), inferred)


def test_from_edtf_accepts_a_stored_basis_value():
    assert from_edtf("2019", basis="resolved").basis is DateBasis.RESOLVED


@pytest.mark.parametrize(
    ("edtf", "message"),
    [
        ("  ", "The EDTF date is empty."),
        ("2019-02-30", "“2019-02-30” is not a valid EDTF date."),
        ("2021-12/2021-10", "ends before it starts"),
        ("2019/..", "open-ended"),
        ("1850", "“1850” falls outside the years 1900–2100."),
    ],
)
def test_from_edtf_rejects(edtf, message):
    with pytest.raises(DateError) as raised:
        from_edtf(edtf)
    assert message in str(raised.value)


def test_basis_values_are_what_the_database_stores():
    assert [basis.value for basis in DateBasis] == ["stated", "resolved", "inferred"]


def test_date_error_is_a_value_error():
    assert issubclass(DateError, ValueError)


# --- Forward resolution, periods without a year, fiscal years ----------------------------


@pytest.mark.parametrize(
    ("words", "options", "earliest", "latest"),
    [
        ("3-7 May 2021", {}, "2021-05-03", "2021-05-07"),
        ("between July and September this year", {}, "2022-07-01", "2022-09-30"),
        ("in the summer", {}, "2022-06-01", "2022-08-31"),
        ("last summer", {}, "2022-06-01", "2022-08-31"),
        ("next spring", {}, "2023-03-01", "2023-05-31"),
        ("this winter", {}, "2022-12-01", "2023-02-28"),
        ("in the autumn", {"ahead": True}, "2022-09-01", "2022-11-30"),
        ("in the first quarter", {"ahead": True}, "2023-01-01", "2023-03-31"),
        ("in the first quarter", {}, "2022-01-01", "2022-03-31"),
        ("the second half of the year", {}, "2022-07-01", "2022-12-31"),
        ("in February", {"ahead": True}, "2023-02-01", "2023-02-28"),
        ("Saturday", {"ahead": True}, "2022-09-17", "2022-09-17"),
        ("before 2024", {}, "2022-09-14", "2023-12-31"),
        ("before the winter", {}, "2022-09-14", "2022-11-30"),
        ("before the summer", {}, "2022-09-14", "2023-05-31"),  # the next to begin, not the last
        ("the following day", {}, "2022-09-15", "2022-09-15"),
        ("2021-22", {"fiscal_year_start": 4}, "2021-04-01", "2022-03-31"),
        ("FY2024", {"fiscal_year_start": 4}, "2023-04-01", "2024-03-31"),
        ("fiscal 2023-24", {"fiscal_year_start": 4}, "2023-04-01", "2024-03-31"),
    ],
)
def test_parse_resolves_forwards_periods_without_a_year_and_fiscal_years(words, options, earliest, latest):
    made = parse(words, reference=D("2022-09-14"), **options)  # a Wednesday
    assert (made.earliest, made.latest) == (D(earliest), D(latest))


def test_a_fiscal_year_needs_its_first_month():
    with pytest.raises(DateError, match="say in which month the fiscal year starts"):
        parse("FY23")
    assert parse("2021-22").edtf == "2021/2022"


def _plain_forms():
    """Every plain form, in a leap year and others, with invalid months and days among them."""
    for year in (1900, 1950, 2019, 2020, 2100):
        yield str(year)
        for month in range(0, 42):
            yield f"{year}-{month:02}"
        for month in (1, 2, 4, 12, 13):
            for day in (0, 1, 28, 29, 30, 31, 32):
                yield f"{year}-{month:02}-{day:02}"
    yield from ["2019-06-11/2019-06-20", "2019/2021", "2019-12/2020-02", "2019-21/2019-23", "2019-24/2020",
                "2019-06-09/2019-06", "2019-22/2019-36", "2019-33/2019-34", "2019/2019-33", "0000", "0000-01"]


def test_plain_dates_are_bounded_as_the_edtf_package_bounds_them():
    """The plain forms are bounded without the package (its parser is slow); where the quick
    way answers, it gives the package's answer, and it never accepts what the package refuses."""
    from edtf import parse_edtf

    from deals import approximate_dates

    answered = 0
    for edtf in _plain_forms():
        quick = approximate_dates._plain_bounds(edtf)
        try:
            expected = approximate_dates._object_bounds(parse_edtf(edtf), edtf)
        except Exception:  # the package refuses it, whichever way
            assert quick is None, edtf
            continue
        if quick is not None:
            answered += 1
            assert quick == expected, edtf
    assert answered > 180
