"""Whether a deal's status agrees with its facts: the one check the admin and the ingestion
assistant's accept both run when a deal's status is saved.

Each contradiction is either refused or warned about, and the difference is whether the
base already holds a fact the status denies:

- **Refused**: a status before signature (offered, reported, negotiating) while the deal
  has a dated contract. A contract's date is its signing date, so the base itself says the
  deal was signed; saving the earlier status would make the deal's page contradict its own
  contract. The editor picks the status the contract supports, or corrects the contract
  (follow-on talks are a deal of their own, as the second Turkish batch is).
- **Warned** (saved, with a message naming the deal): delivering or delivered without an
  actual delivery, and signed without a contract or anything saying it was signed. Here a
  fact is only *missing*: an official may announce a delivery before the editor has
  entered it, or a source may say a country "bought" the system without a date or terms.
  Refusing would block recording what a source states; the warning tells the editor what
  to add.
"""
import re
from dataclasses import dataclass

from .models import Deal, DealStatus
from .models.events import EventKind
from .models.statements import Stance

# Words by which a deal's own cited excerpt, or a statement asserting it, says the deal was
# concluded ("bought from Russia", "sold only to China and India", "signed a contract"): done,
# in the past tense; "in the case of purchases", "could sign", "is buying" say no such thing.
# Or that the transfer is decided and scheduled ("will enter service", "will be stationed").
_SIGNATURE_WORDS = re.compile(
    r"\b(signed|bought|purchased|sold|contracted|acquired|ordered"
    r"|will (be )?(enter service|stationed|delivered|supplied|handed over))\b",
    re.IGNORECASE,
)
_BEFORE_SIGNATURE = (DealStatus.OFFERED, DealStatus.REPORTED, DealStatus.NEGOTIATING)


@dataclass(frozen=True)
class Contradiction:
    """A status its facts contradict, in a sentence naming the deal; ``refused`` when it may not be saved."""

    message: str
    refused: bool = False


def status_contradictions(*, deal: Deal, status: str | None = None, dated_contracts: list[str] | None = None) -> list[Contradiction]:
    """What contradicts ``status`` (the deal's own by default) among the deal's stored facts.

    ``dated_contracts`` replaces the stored dated contracts (as their descriptions) when the
    caller holds newer ones: the admin's deal form, whose contract rows are not saved yet.
    An empty list when the status agrees with the facts.
    """
    status = DealStatus(status or deal.status)
    label = f"“{deal.slug}” ({deal})" if deal.slug else str(deal)
    stored = deal.pk is not None
    found = []
    if status in _BEFORE_SIGNATURE:
        if dated_contracts is None:
            dated_contracts = list(
                deal.contracts.exclude(date_edtf="").order_by("date_earliest", "pk").values_list("description", flat=True)
            ) if stored else []
        if dated_contracts:
            found.append(Contradiction(
                f"The deal {label} cannot be {status.label.lower()}: it has a dated signed contract "
                f"(“{_short(dated_contracts[0])}”), and a contract's date is its signing date. Choose the status "
                "the contract supports (signed or later), or correct the contract; talks on a further batch are "
                "a deal of their own.",
                refused=True,
            ))
    if status in (DealStatus.DELIVERING, DealStatus.DELIVERED):
        if not (stored and deal.deliveries.filter(kind="actual").exists()):
            found.append(Contradiction(
                f"The deal {label} is saved as {status.label.lower()}, but it has no actual delivery. "
                "Add the delivery the source reports (kind “actual”), or choose an earlier status."
            ))
    if status == DealStatus.SIGNED and not _signature_recorded(deal):
        found.append(Contradiction(
            f"The deal {label} is saved as signed, but it has no contract, no agreement event, and no "
            "statement or cited excerpt saying it was signed, bought or sold. Add the contract or the "
            "statement of the signature, or choose an earlier status."
        ))
    return found


def _signature_recorded(deal: Deal) -> bool:
    if deal.pk is None:
        return False
    return (
        deal.contracts.exists()
        or deal.events.filter(kind=EventKind.AGREEMENT).exists()
        or any(_SIGNATURE_WORDS.search(text) for text in deal.statements.filter(stance=Stance.ASSERTS).values_list("text", flat=True))
        or any(_SIGNATURE_WORDS.search(excerpt) for excerpt in deal.citations.values_list("excerpt", flat=True))
    )


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:79] + "…"
