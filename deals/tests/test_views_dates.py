"""Approximate dates as every page shows them (includes/approximate_date.html): the source's
words and, when they are relative or partial, the date they resolve to, visibly."""
import datetime
import re

import pytest

from deals.approximate_dates import ApproximateDate, DateBasis
from deals.models import Delivery, Event, Statement
from deals.templatetags.browsing import resolved_date, span_in_words

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    "earliest, latest, words",
    [
        (D(2019, 5, 30), D(2019, 5, 30), "30 May 2019"),
        (D(2019, 5, 1), D(2019, 5, 31), "May 2019"),
        (D(2020, 2, 1), D(2020, 2, 29), "Feb 2020"),
        (D(2018, 1, 1), D(2018, 12, 31), "2018"),
        (D(2007, 1, 1), D(2016, 12, 31), "2007–2016"),
        (D(2019, 6, 1), D(2019, 12, 31), "Jun – Dec 2019"),
        (D(2007, 1, 1), D(2016, 8, 31), "Jan 2007 – Aug 2016"),
        (D(2019, 5, 31), D(2019, 6, 28), "31 May – 28 Jun 2019"),
        (D(2015, 12, 30), D(2016, 12, 28), "30 Dec 2015 – 28 Dec 2016"),
    ],
)
def test_span_in_words_is_short_and_exact(earliest, latest, words):
    assert span_in_words(earliest, latest) == words


def approximate(words, edtf, earliest, latest, basis):
    return ApproximateDate(words=words, edtf=edtf, earliest=earliest, latest=latest, basis=DateBasis(basis))


def test_resolved_date_is_shown_only_when_the_words_do_not_say_it():
    assert resolved_date(approximate("on Friday", "2019-05-31/2019-06-28", D(2019, 5, 31), D(2019, 6, 28), "resolved")) == (
        "31 May – 28 Jun 2019"
    )
    assert resolved_date(approximate("Last month", "2019-05", D(2019, 5, 1), D(2019, 5, 31), "resolved")) == "May 2019"
    # An editor's words without a year still need the date beside them.
    assert resolved_date(
        approximate("immediately after Turkey acquired the S-400", "2019-06/2019-12", D(2019, 6, 1), D(2019, 12, 31), "inferred")
    ) == "Jun – Dec 2019"
    # Words that state the date, or name the year of each end, say it themselves.
    assert resolved_date(approximate("in mid-June 2019", "2019-06-11/2019-06-20", D(2019, 6, 11), D(2019, 6, 20), "stated")) == ""
    assert resolved_date(approximate("Jan 2007 – Aug 2016", "2007/2016-08", D(2007, 1, 1), D(2016, 8, 31), "inferred")) == ""
    assert resolved_date(None) == ""


def resolved_after(html, words):
    """The resolved date shown right after the date whose words are `words`, or None."""
    match = re.search(
        rf'>{re.escape(words)}<span class="visually-hidden">[^<]*</span></span>'
        r'(?:<span class="date-resolved" aria-hidden="true"> \(([^)]+)\)</span>)?',
        html,
    )
    assert match, f"no date worded {words!r} on the page"
    return match.group(1)


def resolves_to(record):
    """What a sighted reader must see beside the record's words: its day, month or span."""
    return span_in_words(record.date_earliest, record.date_latest)


def test_statement_list_shows_what_relative_dates_resolve_to(client):
    html = client.get("/statements/", {"country": "IR"}).content.decode()

    for words in ("Last month", "at the time", "on May 30", "on Friday"):
        statement = Statement.objects.filter(date_words=words).first()
        assert resolved_after(html, words) == resolves_to(statement), words
    assert resolved_after(html, "on May 30") == "30 May 2019"


def test_timeline_shows_what_relative_dates_resolve_to_and_nothing_after_stated_ones(client):
    html = client.get("/timeline/", {"year_from": 2019, "year_to": 2019}).content.decode()

    assert resolved_after(html, "on Wednesday") == "3 Apr 2019"
    assert resolved_after(html, "on April 1") == "1 Apr 2019"
    exclusion = Event.objects.get(date_words="immediately after Turkey acquired the S-400")
    assert resolved_after(html, exclusion.date_words) == resolves_to(exclusion)
    assert resolved_after(html, "On October 23, 2019") is None
    assert resolved_after(html, "in mid-June 2019") is None


def test_a_date_no_source_worded_reads_as_words_not_edtf_and_only_once(client):
    delivery = Delivery.objects.get(date_edtf="2007/2016-08")  # the S-300s for Iran: inferred, no words

    html = client.get("/timeline/", {"year_to": 2007}).content.decode()

    row = re.search(rf'<tr id="delivery-{delivery.pk}".*?</tr>', html, re.DOTALL).group(0)
    assert "2007/2016-08<" not in row
    assert re.search(r'class="date date-range"[^>]*>[^<]*2007[^<]*2016[^<]*<', row)
    assert "date-resolved" not in row


def test_statement_and_event_pages_show_the_resolved_date(client):
    peskov = Statement.objects.get(date_words="Last month")
    suspension = Event.objects.get(date_words="on April 1")

    html = client.get(f"/statements/{peskov.pk}/").content.decode()
    assert resolved_after(html, "Last month") == resolves_to(peskov)
    assert resolved_after(client.get(f"/events/{suspension.pk}/").content.decode(), "on April 1") == "1 Apr 2019"


def test_deal_page_shows_resolved_dates_the_same_way(client):
    html = client.get("/deals/ru-ir-s-400/").content.decode()

    assert resolved_after(html, "on May 30") == "30 May 2019"
    assert resolved_after(html, "Last month") == resolves_to(Statement.objects.get(date_words="Last month"))
