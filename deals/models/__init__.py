"""Models of the deals app, one module per family of facts."""
from .deals import Contract, Deal, DealStatus, Delivery, DeliveryKind, QuantityUnit, ValueCertainty
from .events import Event, EventKind
from .people import Organisation, OrganisationKind, Person
from .sources import CITATION_TARGETS, Citation, Source
from .statements import Stance, Statement, StatementMode
from .systems import Specification, SystemCategory, WeaponSystem, WeaponSystemAlias
from .timeline import TimelineItem, TimelineKind, TimelineLink

__all__ = [
    "CITATION_TARGETS",
    "Citation",
    "Contract",
    "Deal",
    "DealStatus",
    "Delivery",
    "DeliveryKind",
    "Event",
    "EventKind",
    "Organisation",
    "OrganisationKind",
    "Person",
    "QuantityUnit",
    "Source",
    "Specification",
    "Stance",
    "Statement",
    "StatementMode",
    "SystemCategory",
    "TimelineItem",
    "TimelineKind",
    "TimelineLink",
    "ValueCertainty",
    "WeaponSystem",
    "WeaponSystemAlias",
]
