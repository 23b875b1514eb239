"""Each deal's status history: the milestones derived from its facts (on the curated data and
through the write path), the status periods folded from them, and `as_of`, which answers the
same on the deal list's page, API and CSV, on the home page and a country's page."""
import csv
import datetime
import io
import json
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.db.models import Min, Q
from django.test.utils import CaptureQueriesContext

from countries.models import Country
from deals import services
from deals.models import Citation, Deal, DealMilestone, DealStatusPeriod, MilestoneKind, Person
from deals.read_model import status_periods
from history.services import data_changed

from . import builders
from .test_read_model import EXCERPT, assert_as_rebuilt

pytestmark = pytest.mark.django_db

END_2018, END_2019 = datetime.date(2018, 12, 31), datetime.date(2019, 12, 31)


def milestones(slug):
    """(status, kind, EDTF) of a deal's milestones, in the order they are folded."""
    return list(DealMilestone.objects.filter(deal__slug=slug).values_list("status", "kind", "date_edtf"))


def status_on(slug, day):
    """The deal's status on `day` as the lists read it (None: no evidence by then)."""
    deal = Deal.objects.filter(slug=slug).as_of(day).first()
    return deal and deal.status


def test_turkeys_s400_is_signed_in_december_2017_then_delivering_and_delivered_in_2019():
    assert milestones("ru-tr-s-400") == [
        ("reported", "first_fact", "2017-12"),
        ("signed", "signature", "2017-12"),
        ("delivering", "first_delivery", "2019-06-11/2019-06-20"),
        # Talks on localising production under the contract: no step back from delivering.
        ("negotiating", "talks", "2019-07"),
        ("delivered", "last_delivery", "2019-10-23"),
        ("delivered", "curated", "2021-11-14"),
    ]
    # A milestone counts from the latest day its date can mean: "in December 2017" on the 31st.
    assert status_on("ru-tr-s-400", datetime.date(2017, 12, 30)) is None
    assert status_on("ru-tr-s-400", datetime.date(2017, 12, 31)) == "signed"
    assert status_on("ru-tr-s-400", END_2018) == "signed"
    assert status_on("ru-tr-s-400", datetime.date(2019, 6, 19)) == "signed"  # "mid-June": not before the 20th
    assert status_on("ru-tr-s-400", datetime.date(2019, 6, 20)) == "delivering"
    assert status_on("ru-tr-s-400", END_2019) == "delivered"


def test_indias_s400_is_signed_from_october_2018():
    assert ("signed", "signature", "2018-10") in milestones("ru-in-s-400")
    assert status_on("ru-in-s-400", datetime.date(2018, 10, 30)) is None
    assert status_on("ru-in-s-400", datetime.date(2018, 10, 31)) == "signed"
    assert status_on("ru-in-s-400", END_2018) == "signed"


def test_a_denial_marks_a_denied_deal_and_undated_facts_mark_nothing():
    iran = milestones("ru-ir-s-400")
    assert iran[0] == ("reported", "first_fact", "2019-05-30")
    assert {kind for _, kind, _ in iran} == {"first_fact", "denial", "curated"}
    assert status_on("ru-ir-s-400", datetime.date(2019, 5, 31)) == "denied"
    # Belarus's deliveries of military products are undated: no delivery milestone.
    assert [kind for _, kind, _ in milestones("ru-by-military-products")] == ["first_fact", "signature", "curated"]
    # A deal with no dated fact is reported from its first source, and holds its curated
    # status from its latest.
    assert milestones("ru-cn-s-400") == [("reported", "first_source", "2019-04-03"), ("signed", "curated", "2021-06")]


def test_chinas_s400_with_no_dated_fact_is_reported_from_its_first_source_and_signed_from_its_latest():
    """Its facts are undated (China bought S-400s at no date the sources give), but a source
    published on 3 April 2019 reports it: from that day it was at least reported; the
    editors' "signed" holds from its latest source, of June 2021."""
    [first, curated] = DealMilestone.objects.filter(deal__slug="ru-cn-s-400").select_related("citation__source")
    assert (first.kind, first.status, first.fact_kind) == ("first_source", "reported", "source")
    assert first.fact_id == first.citation.source_id and first.citation.source.date_edtf == "2019-04-03"
    # Its evidence is an excerpt about this deal (its own or its facts'), from the earliest
    # source any of them cites.
    about = Citation.objects.filter(
        Q(deal__slug="ru-cn-s-400") | Q(contract__deal__slug="ru-cn-s-400") | Q(delivery__deal__slug="ru-cn-s-400")
        | Q(statement__deals__slug="ru-cn-s-400") | Q(event__deals__slug="ru-cn-s-400")
    )
    assert about.filter(pk=first.citation_id).exists()
    assert first.date_latest == about.aggregate(first=Min("source__date_latest"))["first"] == datetime.date(2019, 4, 3)
    assert status_on("ru-cn-s-400", datetime.date(2019, 4, 2)) is None
    assert status_on("ru-cn-s-400", datetime.date(2019, 4, 3)) == "reported"
    assert status_on("ru-cn-s-400", datetime.date(2021, 6, 29)) == "reported"
    assert status_on("ru-cn-s-400", datetime.date(2021, 6, 30)) == "signed"
    assert curated.kind == "curated"


def test_no_first_source_milestone_where_a_dated_fact_or_the_latest_source_comes_first():
    """Only a deal reported by a source before any of its dated facts, and before its latest
    source, gains one: elsewhere it would say nothing the other milestones do not."""
    gained = set(DealMilestone.objects.filter(kind="first_source").values_list("deal__slug", flat=True))
    assert gained == {"ru-cn-s-400"}


def test_a_first_source_counts_from_the_latest_day_its_publication_can_mean(editor):
    """A deal with no dated fact, cited from an article of "2015?" and one of 2020: reported
    from the last day of 2015 (the publication's latest bound), its curated status from 2020;
    once a fact dated before that article is added, that fact reports it and the source's
    milestone goes."""
    early = builders.build_source(date_words="2015", date_edtf="2015?", date_earliest="2015-01-01",
                                  date_latest="2015-12-31")
    late = builders.build_source(date_words="March 2020", date_edtf="2020-03", date_earliest="2020-03-01",
                                 date_latest="2020-03-31")
    deal = services.deal_create(
        supplier=Country.objects.get(code="RU"), recipient=Country.objects.get(code="EG"), system=None,
        subject="air defence", status="signed", summary="Talks.", citations=[(late, EXCERPT), (early, EXCERPT)],
        user=editor, via="test",
    )
    assert milestones(deal.slug) == [("reported", "first_source", "2015?"), ("signed", "curated", "2020-03")]
    assert status_on(deal.slug, datetime.date(2015, 12, 30)) is None
    assert status_on(deal.slug, datetime.date(2015, 12, 31)) == "reported"
    assert status_on(deal.slug, datetime.date(2020, 3, 31)) == "signed"
    assert_as_rebuilt()
    services.contract_create(
        deal=deal, description="Terms", date=services.resolve_date(edtf="2014"), citations=[(late, EXCERPT)],
        user=editor, via="test",
    )
    assert [kind for _, kind, _ in milestones(deal.slug)] == ["first_fact", "signature", "curated"]
    assert_as_rebuilt()


def test_from_its_latest_evidence_every_deal_stands_at_its_curated_status():
    for deal in Deal.objects.select_related("derived"):
        day = deal.derived.latest_evidence_latest
        assert day is not None
        assert status_on(deal.slug, day) == deal.status, deal.slug
        assert status_on(deal.slug, day + datetime.timedelta(days=4000)) == deal.status, deal.slug


def test_the_periods_of_a_deal_are_contiguous_and_the_last_is_open():
    for deal in Deal.objects.all():
        periods = list(DealStatusPeriod.objects.filter(deal=deal).order_by("since"))
        assert periods, deal.slug
        assert all(before.until == after.since for before, after in zip(periods, periods[1:], strict=False))
        assert all(period.since < period.until for period in periods[:-1])
        assert periods[-1].until is None and periods[-1].status == deal.status


def milestone(status, day, kind=MilestoneKind.SIGNATURE, pk=1):
    return SimpleNamespace(id=pk, deal_id=1, status=status, kind=kind, date_latest=datetime.date(*day))


def periods_of(*milestones_):
    return [(period.status, period.since, period.until) for period in status_periods(milestones_)]


def test_the_fold_adopts_forward_steps_and_keeps_the_rest():
    assert periods_of(
        milestone("reported", (2017, 1, 1), MilestoneKind.FIRST_FACT),
        milestone("signed", (2018, 1, 1)),
        milestone("reported", (2018, 6, 1), MilestoneKind.REPORT),  # a later report takes nothing back
        milestone("delivering", (2019, 1, 1), MilestoneKind.FIRST_DELIVERY),
        milestone("suspended", (2020, 1, 1), MilestoneKind.SUSPENSION),
        milestone("delivering", (2020, 6, 1), MilestoneKind.FIRST_DELIVERY),  # a suspended deal resumes
    ) == [
        ("reported", datetime.date(2017, 1, 1), datetime.date(2018, 1, 1)),
        ("signed", datetime.date(2018, 1, 1), datetime.date(2019, 1, 1)),
        ("delivering", datetime.date(2019, 1, 1), datetime.date(2020, 1, 1)),
        ("suspended", datetime.date(2020, 1, 1), datetime.date(2020, 6, 1)),
        ("delivering", datetime.date(2020, 6, 1), None),
    ]


def test_the_curated_status_has_the_last_word_and_a_day_holds_its_last_stage():
    assert periods_of(
        milestone("reported", (2017, 12, 31), MilestoneKind.FIRST_FACT),
        milestone("signed", (2017, 12, 31)),  # the same day: no period of no days
        milestone("delivering", (2019, 1, 1), MilestoneKind.FIRST_DELIVERY),
        milestone("signed", (2020, 1, 1), MilestoneKind.CURATED),  # not forward, adopted all the same
        milestone("delivered", (2021, 1, 1), MilestoneKind.LAST_DELIVERY),  # after it: nothing changes
    ) == [
        ("signed", datetime.date(2017, 12, 31), datetime.date(2019, 1, 1)),
        ("delivering", datetime.date(2019, 1, 1), datetime.date(2020, 1, 1)),
        ("signed", datetime.date(2020, 1, 1), None),
    ]


@pytest.fixture
def editor():
    return User.objects.create_user("hana")


def test_the_write_path_keeps_the_milestones_and_periods_current(editor):
    source = builders.build_source()
    deal = services.deal_create(
        supplier=Country.objects.get(code="RU"), recipient=Country.objects.get(code="EG"), system=None,
        subject="air defence", status="delivering", summary="Talks.", citations=[(source, EXCERPT)],
        user=editor, via="test",
    )
    assert milestones(deal.slug) == [("delivering", "curated", source.date_edtf)]
    contract = services.contract_create(
        deal=deal, description="Terms", date=services.resolve_date(edtf="2001-03"), citations=[(source, EXCERPT)],
        user=editor, via="test",
    )
    assert status_on(deal.slug, datetime.date(2001, 3, 31)) == "signed"
    services.contract_update(contract=contract, loaded_version=contract.version, user=editor, via="test",
                             date_words="", date_edtf="2002")
    assert ("signed", "signature", "2002") in milestones(deal.slug)
    assert status_on(deal.slug, datetime.date(2001, 3, 31)) is None
    assert status_on(deal.slug, datetime.date(2002, 12, 31)) == "signed"
    delivery = services.delivery_create(
        deal=deal, kind="actual", description="A batch", date=services.resolve_date(edtf="2003-05"),
        citations=[(source, EXCERPT)], user=editor, via="test",
    )
    assert status_on(deal.slug, datetime.date(2003, 5, 31)) == "delivering"
    assert_as_rebuilt()
    services.delivery_update(delivery=delivery, loaded_version=delivery.version, user=editor, via="test",
                             kind="planned")  # planned: no longer a milestone
    assert status_on(deal.slug, datetime.date(2003, 5, 31)) == "signed"
    deal.refresh_from_db()
    services.deal_update(deal=deal, loaded_version=deal.version, user=editor, via="test", status="cancelled")
    assert milestones(deal.slug)[-1][:2] == ("cancelled", "curated")
    assert_as_rebuilt()
    services.record_delete(record=deal, user=editor, via="test")
    assert not DealMilestone.objects.filter(deal_id=deal.pk).exists()
    assert not DealStatusPeriod.objects.filter(deal_id=deal.pk).exists()
    assert_as_rebuilt()


# --- as_of on the lists -----------------------------------------------------------------------


def page_rows(client, query):
    response = client.get("/deals/", query)
    assert response.status_code == 200
    html = response.content.decode()
    rows = {(deal.slug, deal.status) for deal in response.context["deals"]}
    for slug, status in rows:  # the row shows the status on the day
        row = re.search(rf'<tr[^>]*>(?:(?!</tr>).)*?/deals/{slug}/(?:(?!</tr>).)*</tr>', html, re.S)[0]
        assert f"status-{status}" in row
    return rows, response


def api_rows(client, query):
    response = client.get("/api/deals/", {**query, "per_page": 100})
    assert response.status_code == 200
    return response.json()["results"]


def csv_rows(client, query):
    response = client.get("/export/deals.csv", query)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()[1:])))


@pytest.mark.parametrize("query", [
    {"as_of": "2018-12-31"},
    {"as_of": "2019-12-31"},
    {"as_of": "2016-12-31", "recipient": "BY"},
    {"as_of": "2019-12-31", "status": ["signed", "delivered"]},
    {"as_of": "2018-12-31", "system": "s-400", "sort": "-status"},
])
def test_as_of_answers_the_same_on_the_page_the_api_and_the_csv(client, query):
    day = datetime.date.fromisoformat(query["as_of"])
    page, _ = page_rows(client, query)
    api = api_rows(client, query)
    table = csv_rows(client, query)
    expected = {(deal.slug, deal.status) for deal in Deal.objects.as_of(day, statuses=query.get("status", ()))
                if not query.get("recipient") or deal.recipient_id == query["recipient"]
                if not query.get("system") or (deal.system and deal.system.slug == query["system"])}
    assert expected and page == expected
    assert {(row["slug"], row["status"]) for row in api} == expected
    assert {(row["slug"], row["status"]) for row in table} == expected
    assert {row["as_of"] for row in api} == {row["as_of"] for row in table} == {query["as_of"]}
    for row, line in zip(sorted(api, key=lambda r: r["slug"]), sorted(table, key=lambda r: r["slug"]), strict=True):
        assert row["status_since"] == {"earliest": line["status_since_earliest"], "latest": line["status_since_latest"]}
        assert row["status_since"]["latest"] <= query["as_of"]


def test_status_and_as_of_filter_by_the_status_on_that_day(client):
    rows, _ = page_rows(client, {"status": "signed", "as_of": "2018-12-31"})
    assert rows == {("ru-tr-s-400", "signed"), ("ru-in-s-400", "signed"), ("ru-by-s-300ps", "signed")}
    # Turkey's deal is delivered today, so without a day it is not signed.
    assert "ru-tr-s-400" not in {deal.slug for deal in client.get("/deals/", {"status": "signed"}).context["deals"]}


def test_without_as_of_the_api_and_csv_leave_the_day_empty(client):
    assert {(row["as_of"], row["status_since"]) for row in api_rows(client, {})} == {(None, None)}
    assert {(row["as_of"], row["status_since_latest"]) for row in csv_rows(client, {})} == {("", "")}


@pytest.mark.parametrize("value", ["2018-13-01", "31/12/2018", "2021-02-30", "yesterday", "1899-12-31", "2018-12-31\x00"])
@pytest.mark.parametrize("address", ["/deals/", "/api/deals/", "/export/deals.csv", "/export/deals.json", "/", "/countries/TR/"])
def test_a_bad_as_of_is_a_400_naming_it(client, address, value):
    response = client.get(address, {"as_of": value})
    assert response.status_code == 400
    assert "as_of" in response.content.decode()


def test_as_of_given_twice_is_a_400(client):
    for address in ("/deals/", "/api/deals/", "/"):
        assert client.get(f"{address}?as_of=2018-12-31&as_of=2019-12-31").status_code == 400


def test_the_s400_deals_at_the_end_of_2018_answer_who_had_contracts_and_who_had_deliveries(client):
    """The issue's question, from one page: which countries had S-400 contracts at the end of
    2018, and which had received deliveries by then?"""
    rows, response = page_rows(client, {"system": "s-400", "as_of": "2018-12-31"})
    recipients = {deal.slug: deal.recipient.name for deal in response.context["deals"]}
    assert rows == {
        ("ru-tr-s-400", "signed"), ("ru-in-s-400", "signed"),
        ("ru-qa-s-400", "negotiating"), ("ru-by-s-400", "negotiating"),
    }
    contracted = {recipients[slug] for slug, status in rows if status in ("signed", "delivering", "delivered")}
    delivered = {recipients[slug] for slug, status in rows if status in ("delivering", "delivered")}
    assert contracted == {"India", "Turkey"} and delivered == set()
    html = response.content.decode()
    # China's deal (no dated fact; its first source is of April 2019), Iran's (2019) and
    # Turkey's second batch (2019) have no evidence by then.
    assert response.context["left_out"] == 3
    assert "3 deals left out for having no evidence by that day" in html
    # Named, so a reader sees which deals the day cannot place: China's S-400 was bought at
    # no date the sources give.
    assert [deal.slug for deal in response.context["left_out_deals"]] == [
        "ru-cn-s-400", "ru-ir-s-400", "ru-tr-s-400-second-batch",
    ]
    assert response.context["left_out_more"] == 0
    assert '<a href="/deals/ru-cn-s-400/">RU → CN: The S-400 complex</a>;' in html
    assert "each at its status on 31 Dec 2018" in html
    # The register columns are not cut to the day: the note says so.
    assert "The other columns give all the sources report, later contracts and deliveries included." in html
    # Each status says since when it held on that day: Turkey's from its contract of December
    # 2017; Qatar's from July 2018, when Russia's ambassador said the two sides were discussing
    # it; Belarus's from its minister's "stage of discussions", on a Wednesday of a year the
    # source itself is unsure of.
    assert ">as of 31 Dec 2018, since Dec 2017<" in html and ">as of 31 Dec 2018, since Jul 2018<" in html
    assert ">as of 31 Dec 2018, since Dec 2015 – Dec 2016?<" in html
    # A year on, Turkey's S-400s have been delivered, and China's deal, reported by a source
    # of 3 April 2019, is listed as reported since then (its signature is dated by no source).
    rows, response = page_rows(client, {"system": "s-400", "as_of": "2019-12-31"})
    assert ("ru-tr-s-400", "delivered") in rows and ("ru-cn-s-400", "reported") in rows
    assert ">as of 31 Dec 2019, since 3 Apr 2019<" in response.content.decode()


@pytest.mark.parametrize("address", ["/deals/?scope=s-400", "/?", "/countries/BY/?"])
def test_a_status_since_an_uncertain_date_keeps_its_question_mark(client, address):
    """Belarus's S-400 has been under negotiation since its minister spoke of "the stage of
    discussions" on a Wednesday of a year its source is unsure of (EDTF "2015-12-30?/2016-12-28?"):
    every page showing its status on a day keeps the "?", as the date is labelled elsewhere,
    never the firmer-sounding "since Dec 2015 – Dec 2016"."""
    talks = DealMilestone.objects.get(deal__slug="ru-by-s-400", kind=MilestoneKind.TALKS)
    assert talks.date_edtf == "2015-12-30?/2016-12-28?"
    html = client.get(f"{address}&as_of=2018-12-31").content.decode()
    row = re.search(r'href="/deals/ru-by-s-400/".*?class="as-of"[^>]*>([^<]*)<', html, re.S)
    assert row and row[1] == "as of 31 Dec 2018, since Dec 2015 – Dec 2016?"
    assert "since Dec 2015 – Dec 2016<" not in html


def test_a_list_as_of_a_day_names_the_first_deals_it_leaves_out_and_counts_the_rest(client, monkeypatch):
    monkeypatch.setattr("deals.views.deals.LEFT_OUT_NAMED", 2)
    response = client.get("/deals/", {"as_of": "2018-12-31"})
    left_out = response.context["left_out"]
    assert left_out == Deal.objects.without_status_on(END_2018).count() > 2
    assert len(response.context["left_out_deals"]) == 2 and response.context["left_out_more"] == left_out - 2
    assert f"; and {left_out - 2} more." in response.content.decode()
    nothing_left = client.get("/deals/", {"as_of": "2021-12-31", "recipient": "TR"})
    assert nothing_left.context["left_out"] == 0 and nothing_left.context["left_out_deals"] == []


def test_the_home_page_counts_and_lists_the_s400_deals_as_of_a_day(client):
    response = client.get("/", {"as_of": "2018-12-31"})  # the S-400's deals alone, by default
    assert response.status_code == 200
    counts = {row.status: row.count for row in response.context["statuses"]}
    assert counts == {"negotiating": 2, "signed": 2}
    assert {(deal.slug, deal.status) for deal in response.context["s400_deals"]} == {
        ("ru-by-s-400", "negotiating"), ("ru-in-s-400", "signed"), ("ru-qa-s-400", "negotiating"), ("ru-tr-s-400", "signed"),
    }
    html = response.content.decode()
    assert response.context["deal_total"] == Deal.objects.count()
    assert 'href="/deals/?status=signed&amp;scope=s-400&amp;as_of=2018-12-31"' in html
    # With the related deals: the S-300's to Iran delivered, Belarus's other deals under way.
    related = client.get("/", {"as_of": "2018-12-31", "scope": "all"})
    counts = {row.status: row.count for row in related.context["statuses"]}
    assert counts == {"reported": 1, "negotiating": 2, "signed": 3, "delivering": 1, "delivered": 1}
    # Its lists and its map's stages on the day are read once per version and day, and so are
    # its charts' counts of what was known by then (three): asked again, the same rows without
    # those six queries.
    with CaptureQueriesContext(connection) as first:
        response = client.get("/", {"as_of": "2017-12-31"})
    with CaptureQueriesContext(connection) as again:
        repeated = client.get("/", {"as_of": "2017-12-31"})
    assert len(again.captured_queries) == len(first.captured_queries) - 3 - 3
    for name in ("s400_deals", "disputed_deals"):
        shown = [(deal.slug, deal.status, deal.status_since_latest) for deal in response.context[name]]
        assert shown == [(deal.slug, deal.status, deal.status_since_latest) for deal in repeated.context[name]]
    assert ("ru-tr-s-400", "signed") in {(deal.slug, deal.status) for deal in repeated.context["s400_deals"]}


def test_the_home_page_as_of_a_day_keeps_the_day_in_its_disputed_deals_links_and_recipients_caption(client):
    """Nothing on the home page "as of" a day shows a status from after it unlabelled: Iran's
    S-400 was denied in 2019, so at the end of 2018 no disputed deal is listed; the links
    keep the day; the recipients' counts, read as curated, say so."""
    assert [deal.slug for deal in client.get("/").context["disputed_deals"]] == ["ru-ir-s-400"]
    response = client.get("/", {"as_of": "2018-12-31"})
    assert response.context["disputed_deals"] == []
    html = response.content.decode()
    assert "Denied" not in html
    assert 'href="/deals/?scope=s-400&amp;as_of=2018-12-31">All S-400 deals in the table' in html
    assert 'href="?scope=all&amp;as_of=2018-12-31">Count them too' in html
    assert "each deal at its status as curated (as of its latest source), not on 31 Dec 2018" in html
    disputed = client.get("/", {"as_of": "2019-12-31"}).context["disputed_deals"]
    assert [(deal.slug, deal.status, deal.as_of) for deal in disputed] == [
        ("ru-ir-s-400", "denied", datetime.date(2019, 12, 31)),
    ]


def test_a_countrys_deal_tables_show_the_status_on_the_day(client):
    response = client.get("/countries/TR/", {"as_of": "2018-12-31"})
    assert response.status_code == 200
    rows = {(deal.slug, deal.status) for deal in response.context["deals_as_recipient"].rows}
    assert rows == {("ru-tr-s-400", "signed"), ("us-tr-patriot", "reported")}
    assert "The other columns give all the sources report" in response.content.decode()
    supplied = {(deal.slug, deal.status) for deal in client.get("/countries/RU/", {"as_of": "2018-12-31"}).context[
        "deals_as_supplier"].rows}
    assert ("ru-tr-s-400", "signed") in supplied and ("ru-in-s-400", "signed") in supplied
    assert not any(slug == "ru-cn-s-400" for slug, _ in supplied)


def test_the_deal_page_shows_its_status_history_with_dates_facts_and_evidence(client):
    html = client.get("/deals/ru-tr-s-400/").content.decode()
    section = html[html.index('id="status-history"'):html.index('id="summary"')]
    rows = re.findall(r'<tr class="milestone.*?</tr>', section, re.S)
    assert len(rows) == 6
    statuses = [re.search(r'class="status status-(\w+)"', row)[1] for row in rows]
    assert statuses == ["reported", "signed", "delivering", "negotiating", "delivered", "delivered"]
    # The date leads with its normalised reading; the fact is linked; the excerpt and its source follow.
    assert re.search(r'data-label="Date"><span class="date[^"]*"[^>]*>Dec 2017<', rows[1])
    assert 'href="#contract-1">Contract signed</a>' in rows[1]
    assert 'href="#delivery-2">Last delivery</a>' in rows[4]
    # Its evidence: the excerpt, quoted once on the page (with the contract), linked from here
    # with its source.
    assert 'class="citations"' in rows[1] and 'class="quoted-elsewhere"><a href="#excerpt-' in rows[1]
    assert 'href="/sources/004_780518f76a4dacf2/#citation-' in rows[1]
    assert "status unchanged" in rows[0] and "status unchanged" in rows[3] and "status unchanged" in rows[5]
    assert "status unchanged" not in rows[2]


def test_a_list_as_of_a_day_is_counted_once_per_version(client, editor):
    """The deals holding a status on the day and those left out are counted by the first
    request after a save and read from the cache by the next: each COUNT joins every deal to
    its periods (47 ms at scale 1). A save moves the version, so the counts stay exact."""

    def counted(query):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/deals/", query)
        counts = sum('SELECT COUNT(*) AS "__count"' in query["sql"] for query in queries.captured_queries)
        return response.context["paginator"].count, response.context["left_out"], counts

    query = {"as_of": "2018-12-31", "recipient": "TR"}
    # Of Turkey's seven deals, two held a status on the day and five had no evidence by then.
    assert counted(query) == (2, 5, 2)
    assert counted(query) == (2, 5, 0)
    source = builders.build_source()
    deal = services.deal_create(
        supplier=Country.objects.get(code="RU"), recipient=Country.objects.get(code="TR"), system=None,
        subject="radars", status="signed", summary="A contract.", citations=[(source, EXCERPT)],
        user=editor, via="test",
    )
    services.contract_create(
        deal=deal, description="Terms", date=services.resolve_date(edtf="2015-06"), citations=[(source, EXCERPT)],
        user=editor, via="test",
    )
    assert counted(query) == (3, 5, 2)
    # Another day is counted on its own: by the end of 2014 the new deal had no evidence.
    assert counted({**query, "as_of": "2014-12-31"})[1:] == (8, 2)


def test_a_list_as_of_a_day_pages_recipient_by_recipient_in_the_lists_order(client):
    """As of a day the list (page and API) is paged recipient by recipient from the deals on
    the day counted per recipient, reading only the recipients a page falls in: every page
    holds the rows the plain order gives there, none lost or repeated across recipients."""
    from lists.pages import GroupedPaginator

    from .test_views_deals import add_deals, listed_slugs

    add_deals(20, recipient=Country.objects.get(code="EG"))
    add_deals(30, recipient=Country.objects.get(code="IN"), status="delivering")
    data_changed(reason="test")
    day = datetime.date(2020, 12, 31)
    for query in ({"as_of": "2020-12-31"}, {"as_of": "2020-12-31", "status": "delivering"}):
        rows = Deal.objects.as_of(day, statuses=[query["status"]] if "status" in query else ())
        expected = [deal.slug for deal in rows.order_by("recipient__name", "slug")]
        assert len(expected) > 25
        numbers = range(1, (len(expected) + 24) // 25 + 1)
        pages = [client.get("/deals/", {**query, "page": number}) for number in numbers]
        assert isinstance(pages[0].context["paginator"], GroupedPaginator)
        assert pages[0].context["paginator"].count == len(expected)
        assert [slug for page in pages for slug in listed_slugs(page)] == expected
        api = [client.get("/api/deals/", {**query, "page": number, "per_page": 25}).json() for number in numbers]
        assert api[0]["count"] == len(expected)
        assert [row["slug"] for page in api for row in page["results"]] == expected


# --- the status history in the API: a deal's record and the downloads --------------------


def test_a_deals_api_record_gives_its_status_history_in_order_with_dates_facts_and_evidence(client):
    """Turkey's S-400, as its page lists it: reported and signed in December 2017, delivering
    from mid-June 2019, delivered on 23 October 2019, and delivered as curated on its latest
    source; each with its date's words and bounds, the fact it comes from and its excerpt."""
    history = client.get("/api/deals/ru-tr-s-400/").json()["status_history"]
    assert [(m["kind"], m["status"], m["date"]["edtf"], m["fact"]["kind"], m["sets_status"]) for m in history] == [
        ("first_fact", "reported", "2017-12", "contract", False),  # overtaken the same day by the signature
        ("signature", "signed", "2017-12", "contract", True),
        ("first_delivery", "delivering", "2019-06-11/2019-06-20", "delivery", True),
        ("talks", "negotiating", "2019-07", "statement", False),  # no step back from delivering
        ("last_delivery", "delivered", "2019-10-23", "delivery", True),
        ("curated", "delivered", "2021-11-14", "source", False),  # delivered already
    ]
    signature = history[1]
    assert signature["label"] == "Contract signed"
    assert signature["date"] == {
        "words": "in December 2017", "edtf": "2017-12", "earliest": "2017-12-01", "latest": "2017-12-31", "basis": "stated",
    }
    milestones = DealMilestone.objects.filter(deal__slug="ru-tr-s-400").select_related("citation__source")
    by_kind = {milestone.kind: milestone for milestone in milestones}
    contract = by_kind["signature"].fact_id
    assert signature["fact"] == {
        "kind": "contract", "id": contract,
        "url": f"http://testserver/deals/ru-tr-s-400/#contract-{contract}",
        "record": f"http://testserver/api/timeline/contract-{contract}/",
    }
    for milestone in history:
        stored = by_kind[milestone["kind"]]
        assert milestone["citation"]["id"] == stored.citation_id
        assert milestone["citation"]["excerpt"] == stored.citation.excerpt
        assert milestone["citation"]["source"]["slug"] == stored.citation.source.slug
        # Each fact's record and page answer, and the record is that fact's.
        record = client.get(milestone["fact"]["record"]).json()
        assert client.get(milestone["fact"]["url"].split("#")[0]).status_code == 200
        if milestone["fact"]["kind"] == "source":
            assert record["slug"] == stored.citation.source.slug and stored.fact_id == stored.citation.source_id
        elif milestone["fact"]["kind"] == "statement":
            assert record["id"] == milestone["fact"]["id"]
        else:  # a contract, delivery or event, on the timeline
            assert record["id"] == f'{milestone["fact"]["kind"]}-{milestone["fact"]["id"]}'

    assert "December 2017" in history[1]["citation"]["excerpt"]


def test_the_status_history_keeps_a_dates_uncertainty(client):
    history = client.get("/api/deals/ru-by-s-400/").json()["status_history"]
    assert [(m["status"], m["date"]["edtf"], m["date"]["earliest"], m["date"]["latest"]) for m in history] == [
        ("reported", "2015-12-30?/2016-12-28?", "2015-12-30", "2016-12-28"),
        # The minister's "stage of discussions", on the same uncertain Wednesday.
        ("negotiating", "2015-12-30?/2016-12-28?", "2015-12-30", "2016-12-28"),
        ("negotiating", "2016?", "2016-01-01", "2016-12-31"),
    ]


def test_a_deal_with_no_dated_fact_has_its_first_and_latest_source_in_its_history(client):
    history = client.get("/api/deals/ru-cn-s-400/").json()["status_history"]
    assert [(m["kind"], m["status"], m["date"]["edtf"], m["fact"]["kind"]) for m in history] == [
        ("first_source", "reported", "2019-04-03", "source"), ("curated", "signed", "2021-06", "source"),
    ]
    assert history[0]["label"] == "First source reporting it"


def test_the_status_history_is_in_the_record_and_downloads_not_in_a_page_of_the_list(client):
    [row] = [row for row in client.get("/api/deals/").json()["results"] if row["slug"] == "ru-tr-s-400"]
    assert "status_history" not in row
    download = json.loads(b"".join(client.get("/export/deals.json", {"recipient": "TR"}).streaming_content))
    [exported] = [row for row in download["results"] if row["slug"] == "ru-tr-s-400"]
    assert exported["status_history"] == client.get(row["record"]).json()["status_history"]
    dataset = json.loads(b"".join(client.get("/export/dataset.json").streaming_content))
    [whole] = [row for row in dataset["deals"] if row["slug"] == "ru-tr-s-400"]
    assert whole["status_history"] == exported["status_history"]


def test_a_records_status_history_costs_one_query_however_many_milestones(client):
    """China's S-400 has two milestones, Turkey's six: each record reads them in one query
    (the record's count is pinned in tests/test_query_counts_at_scale.py; China's costs two
    fewer, having no contract or delivery whose citations to read)."""
    assert DealMilestone.objects.filter(deal__slug="ru-cn-s-400").count() == 2
    assert DealMilestone.objects.filter(deal__slug="ru-tr-s-400").count() == 6
    counts = []
    for slug in ("ru-cn-s-400", "ru-tr-s-400"):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/deals/{slug}/").status_code == 200
        counts.append(len(queries.captured_queries))
        assert sum("deals_dealmilestone" in query["sql"] for query in queries.captured_queries) == 1
    assert counts == [6, 8]


def test_the_schema_documents_the_status_history_of_a_record(client):
    schema = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    assert components["Deal"]["properties"]["status_history"]["items"] == {"$ref": "#/components/schemas/Milestone"}
    assert "status_history" not in components["DealList"]["properties"]
    assert set(components["Milestone"]["properties"]) == {"kind", "label", "status", "sets_status", "date", "fact", "citation"}
    assert set(components["MilestoneFact"]["properties"]) == {"kind", "id", "url", "record"}


def test_talks_under_way_mark_negotiating_but_a_denial_of_talks_does_not(editor):
    """A dated statement saying the sides are negotiating marks the start of talks; one denying
    any talks marks nothing (nor would a threat or sanctions over them)."""
    source = builders.build_source()
    deal = services.deal_create(
        supplier=Country.objects.get(code="RU"), recipient=Country.objects.get(code="EG"), system=None,
        subject="air defence", status="negotiating", summary="Talks.", citations=[(source, EXCERPT)],
        user=editor, via="test",
    )
    speaker = Person.objects.create(slug="a-spokesman", name="A. Spokesman")
    services.statement_create(
        text="There are no talks with Cairo on this.", mode="reported", stance="denies", speaker=speaker,
        date=services.resolve_date(edtf="2017-03"), deals=[deal], citations=[(source, EXCERPT)], user=editor, via="test",
    )
    assert status_on(deal.slug, datetime.date(2017, 12, 31)) == "reported"  # its first dated fact, nothing more
    services.statement_create(
        text="The two sides are Negotiating the terms.", mode="reported", stance="asserts", speaker=speaker,
        date=services.resolve_date(edtf="2018-05"), deals=[deal], citations=[(source, EXCERPT)], user=editor, via="test",
    )
    assert ("negotiating", "talks", "2018-05") in milestones(deal.slug)
    assert status_on(deal.slug, datetime.date(2018, 5, 31)) == "negotiating"
    assert_as_rebuilt()
