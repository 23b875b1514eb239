"""Approximate dates as every page shows them (includes/approximate_date.html): the normalised
reading first, built from the bounds, so a column scans as dates; then, in small type, the
source's words, unless they are the reading itself."""
import datetime
import re
from html import unescape

import pytest

from deals.approximate_dates import ApproximateDate, DateBasis, from_edtf
from deals.models import Delivery, Event, Statement
from deals.templatetags.browsing import approximate_date, date_label

pytestmark = pytest.mark.django_db

D = datetime.date


def approximate(words, edtf, earliest, latest, basis="resolved"):
    return ApproximateDate(words=words, edtf=edtf, earliest=earliest, latest=latest, basis=DateBasis(basis))


@pytest.mark.parametrize(
    "edtf, label",
    [
        ("2021-11-14", "14 Nov 2021"),  # a day
        ("2019-06", "Jun 2019"),  # a month
        ("2020-02", "Feb 2020"),
        ("2019-06-11/2019-06-20", "mid-Jun 2019"),  # a third of a month
        ("2019-05-01/2019-05-10", "early May 2019"),
        ("2019-02-21/2019-02-28", "late Feb 2019"),
        ("2019-22", "Jun–Aug 2019"),  # a season
        ("2021-10/2021-12", "Oct–Dec 2021"),  # a range within a year
        ("2019-12/2020-02", "Dec 2019 – Feb 2020"),  # a winter, across the new year
        ("2019-05-31/2019-06-28", "31 May – 28 Jun 2019"),  # "on Friday", the week unknown
        ("[2019-01-03,2019-01-05]", "3–5 Jan 2019"),
        ("2018", "2018"),  # a year
        ("2014/2015", "2014–2015"),  # a year range
        ("2007/2016-08", "Jan 2007 – Aug 2016"),
        ("2015-12-30/2016-12-28", "Dec 2015 – Dec 2016"),  # a weekday whose year is uncertain
        ("2019~", "c. 2019"),
        ("2016?", "2016?"),  # an uncertain year
    ],
)
def test_a_dates_label_is_short_and_never_narrower_than_its_bounds(edtf, label):
    assert date_label(from_edtf(edtf)) == label


def test_an_undated_fact_says_so_once():
    assert date_label(None) == ""
    assert str(approximate_date(None)) == '<span class="date date-none">undated</span>'
    assert str(approximate_date(None, "date not given")) == '<span class="date date-none">date not given</span>'


def test_the_label_leads_and_the_words_follow_in_small_type():
    html = str(approximate_date(approximate("on Friday", "2019-05-31/2019-06-28", D(2019, 5, 31), D(2019, 6, 28))))
    assert first_text(html) == "31 May – 28 Jun 2019"
    assert words_beside(html) == "on Friday"
    assert 'class="date date-range"' in html
    title = unescape(re.search(r'title="([^"]*)"', html)[1])
    assert title == "“on Friday” · 2019-05-31/2019-06-28: 31 May 2019 – 28 Jun 2019 (resolved)"


def test_words_that_are_the_label_are_not_repeated_but_stay_in_the_title():
    html = str(approximate_date(approximate("14 November 2021", "2021-11-14", D(2021, 11, 14), D(2021, 11, 14), "stated")))
    assert first_text(html) == "14 Nov 2021"
    assert words_beside(html) is None
    assert "“14 November 2021”" in unescape(html)


def test_words_no_source_wrote_are_not_quoted_as_a_sources():
    delivery = Delivery.objects.get(date_edtf="2007/2016-08")  # the S-300s for Iran: inferred, no words
    html = str(approximate_date(delivery.approximate_date))
    assert first_text(html) == "Jan 2007 – Aug 2016"
    assert words_beside(html) is None
    assert "between 2007 and August 2016" in unescape(html)  # in the title


DATE = re.compile(
    r'<span class="date date-(\w+)"[^>]*>([^<]*)<span class="visually-hidden">[^<]*</span></span>'
    r'(?:<span class="date-words"> “([^”]*)”</span>)?'
)
# What a normalised reading may start with: a day, a month, a year, or a third of a month.
NORMALISED = re.compile(
    r"(?:c\. )?(?:(?:early |mid-|late )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
    r"|\d{1,2}(?:–\d{1,2})? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[– ]"
    r"|\d{4}(?:–\d{4})?\??$)"
)


def first_text(html):
    match = DATE.search(html)
    return unescape(match[2]) if match else None


def words_beside(html):
    match = DATE.search(html)
    return unescape(match[3]) if match and match[3] else None


def dates_shown(html):
    """(class, label, words beside or None) for every date on a page."""
    return [(kind, unescape(label), unescape(words) if words else None) for kind, label, words in DATE.findall(html)]


def date_cells(html):
    """The first text of each table cell labelled as a date."""
    cells = re.findall(r'<td data-label="[^"]*(?:Date|date|Ordered|Signed|Delivered|First|Last|milestone)[^"]*">(.*?)</td>', html, re.DOTALL)
    return [re.sub(r"<[^>]+>", "\x00", cell).strip("\x00 \n").split("\x00")[0].strip() for cell in cells]


@pytest.mark.parametrize(
    "address",
    ["/deals/", "/statements/", "/statements/?country=IR", "/timeline/", "/timeline/?year_from=2019&year_to=2019"],
)
def test_every_date_cell_of_the_lists_leads_with_a_normalised_date(client, address):
    html = client.get(address).content.decode()

    cells = date_cells(html)
    assert cells, f"no date cells on {address}"
    for text in cells:
        assert text in {"undated", "—", "date not given"} or NORMALISED.match(unescape(text)), (address, text)


def test_the_statement_list_shows_relative_words_after_the_date_they_resolve_to(client):
    shown = dates_shown(client.get("/statements/", {"country": "IR"}).content.decode())

    for words in ("Last month", "at the time", "on May 30", "on Friday"):
        statement = Statement.objects.filter(date_words=words).first()
        assert (statement.approximate_date.precision, date_label(statement.approximate_date), words) in shown, words
    assert ("day", "30 May 2019", "on May 30") in shown


def test_the_timeline_leads_with_the_date_and_keeps_the_words(client):
    shown = dates_shown(client.get("/timeline/", {"year_from": 2019, "year_to": 2019}).content.decode())

    assert ("day", "3 Apr 2019", "on Wednesday") in shown
    assert ("day", "1 Apr 2019", "on April 1") in shown
    assert ("range", "mid-Jun 2019", "in mid-June 2019") in shown
    assert ("day", "23 Oct 2019", "On October 23, 2019") in shown
    exclusion = Event.objects.get(date_words="immediately after Turkey acquired the S-400")
    assert ("range", date_label(exclusion.approximate_date), exclusion.date_words) in shown


def test_a_weekday_whose_year_is_uncertain_reads_as_months_then_its_words():
    html = str(approximate_date(approximate("on Wednesday", "2015-12-30/2016-12-28", D(2015, 12, 30), D(2016, 12, 28))))
    assert (first_text(html), words_beside(html)) == ("Dec 2015 – Dec 2016", "on Wednesday")


def test_statement_event_and_deal_pages_lead_with_the_date(client):
    peskov = Statement.objects.get(date_words="Last month")
    suspension = Event.objects.get(date_words="on April 1")

    assert (peskov.approximate_date.precision, date_label(peskov.approximate_date), "Last month") in dates_shown(
        client.get(f"/statements/{peskov.pk}/").content.decode()
    )
    assert ("day", "1 Apr 2019", "on April 1") in dates_shown(client.get(f"/events/{suspension.pk}/").content.decode())
    deal = dates_shown(client.get("/deals/ru-ir-s-400/").content.decode())
    assert ("day", "30 May 2019", "on May 30") in deal
    assert (peskov.approximate_date.precision, date_label(peskov.approximate_date), "Last month") in deal
