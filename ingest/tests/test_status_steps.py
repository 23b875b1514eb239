"""What a drafted status says about a deal already in the knowledge base, read from the
status vocabulary's stages (`DealStatus.stage`, `stops_progress`, `is_active`)."""
import pytest

from ingest.selectors import status_step


@pytest.mark.parametrize("current, drafted, step", [
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
def test_a_drafted_status_is_placed_against_the_deals_own(current, drafted, step):
    assert status_step(current, drafted) == step
