"""A deal's stage as the site draws it: the register's statuses (`DealStatus`) grouped into
the stages a colour stands for, the same on the world map (`countries.world_map`) and in the
lane charts (`deals.charts`), in both themes. Each stage's colour is one CSS custom property,
`--stage-<key>` (static/css/site.css), that every drawing reads.

The stages, in order: offered or reported, negotiating, signed, delivering, delivered;
suspended, cancelled and denied deals stop (`stops_progress`) and are drawn as "stopped".
"""
from dataclasses import dataclass

from deals.models import DealStatus


@dataclass(frozen=True)
class Stage:
    key: str  # the CSS custom property's suffix: --stage-<key>
    label: str
    meaning: str


STAGES = [
    Stage("reported", "Offered or reported", "Offered, or interest or talks reported; nothing confirmed."),
    Stage("negotiating", "Negotiating", "The parties said they were negotiating."),
    Stage("signed", "Signed", "A contract or agreement was concluded."),
    Stage("delivering", "Delivering", "Deliveries had begun."),
    Stage("delivered", "Delivered", "Everything contracted had been delivered."),
    Stage("stopped", "Suspended, cancelled or denied", "Every deal it had was suspended, cancelled or denied."),
]
STAGE_BY_KEY = {stage.key: stage for stage in STAGES}
# A status's stage, and the order in which a country's stages give way: a live stage, the
# further along the better, over any stopped one.
STAGE_OF_STATUS = {
    DealStatus.OFFERED: "reported", DealStatus.REPORTED: "reported", DealStatus.NEGOTIATING: "negotiating",
    DealStatus.SIGNED: "signed", DealStatus.DELIVERING: "delivering", DealStatus.DELIVERED: "delivered",
    DealStatus.SUSPENDED: "stopped", DealStatus.CANCELLED: "stopped", DealStatus.DENIED: "stopped",
}
STAGE_RANK = {"stopped": -1, "reported": 0, "negotiating": 1, "signed": 2, "delivering": 3, "delivered": 4}


def most_advanced(statuses) -> str | None:
    """The stage key of the most advanced of `statuses`: a live stage, the further along the
    better, over any stopped one (so India's signed deal is not hidden by a cancelled one)."""
    stages = {STAGE_OF_STATUS[status] for status in statuses}
    return max(stages, key=STAGE_RANK.__getitem__) if stages else None


def stages_drawn(statuses) -> list[Stage]:
    """The stages `statuses` fall in, in the stages' order (a chart's legend)."""
    keys = {STAGE_OF_STATUS[status] for status in statuses}
    return [stage for stage in STAGES if stage.key in keys]
