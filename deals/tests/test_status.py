"""The deal status vocabulary carries what each status means and how deals move along it:
the home page's and deal pages' sentences, and the order the ingestion assistant follows."""
import pytest

from deals.models import DealStatus
from deals.tests.builders import build_deal

S = DealStatus


def test_every_status_has_a_sentence_saying_what_it_means():
    assert {status: status.meaning for status in S} == {
        S.OFFERED: "The supplier offered it.",
        S.REPORTED: "Interest or talks were reported; nothing is confirmed.",
        S.NEGOTIATING: "The parties say they are negotiating.",
        S.SIGNED: "A contract or agreement was concluded.",
        S.DELIVERING: "Deliveries have begun.",
        S.DELIVERED: "Everything contracted has been delivered.",
        S.SUSPENDED: "Deliveries or activities were suspended.",
        S.CANCELLED: "The deal was abandoned or turned down.",
        S.DENIED: "A party officially denied it.",
    }


def test_a_status_read_from_the_database_has_its_meaning_and_label():
    assert (S("signed").meaning, S("signed").label) == ("A contract or agreement was concluded.", "Signed")


def test_stages_run_from_an_offer_or_report_to_delivery():
    assert [(status.value, status.stage) for status in S if status.stage is not None] == [
        ("offered", 0), ("reported", 0), ("negotiating", 1), ("signed", 2), ("delivering", 3), ("delivered", 4),
    ]


def test_suspended_cancelled_and_denied_stop_a_deals_progress():
    assert [status.value for status in S if status.stops_progress] == ["suspended", "cancelled", "denied"]
    assert all(status.stage is None for status in S if status.stops_progress)


def test_a_deal_is_over_once_delivered_cancelled_or_denied_but_a_suspended_one_may_resume():
    assert [status.value for status in S if not status.is_active] == ["delivered", "cancelled", "denied"]
    assert S.SUSPENDED.is_active


@pytest.mark.parametrize("current, reported, step", [
    ("signed", "signed", "same"),
    ("signed", "reported", "none"),
    ("negotiating", "signed", "forward"),
    ("offered", "delivered", "forward"),
    ("delivering", "signed", "history"),
    ("reported", "offered", "history"),  # the same stage: no news
    ("signed", "cancelled", "forward"),  # an open deal closing
    ("suspended", "denied", "forward"),
    ("delivered", "suspended", "history"),  # a deal that is over cannot close again
    ("cancelled", "denied", "history"),
    ("suspended", "delivering", "forward"),  # a suspended deal resumes
    ("cancelled", "negotiating", "conflict"),  # a closed deal reported alive again
    ("denied", "signed", "conflict"),
])
def test_a_reported_status_is_placed_against_the_deals_own(current, reported, step):
    """What the ingestion assistant proposes when an article reports a status of a deal it
    already holds (ingest.selectors.status_after_link) follows from this."""
    assert S(reported).step_from(current) == step


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(S))
def test_the_deal_page_says_what_its_status_means(client, status):
    deal = build_deal(status=status)

    html = client.get(deal.get_absolute_url()).content.decode()

    assert f'<span class="status status-{status.value}">{status.label}</span>\n  {status.meaning}' in html
