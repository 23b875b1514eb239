"""Models of the deals app, one module per family of facts."""
from .charts import ChartFact, ChartYearCount
from .deals import Contract, Deal, DealScope, DealStatus, Delivery, DeliveryKind, QuantityUnit, ValueCertainty
from .events import Event, EventKind
from .milestones import DealMilestone, DealStatusPeriod, MilestoneKind
from .people import Organisation, OrganisationKind, Person
from .querysets import S400_SYSTEMS_SQL, S_400, s400_family
from .sources import CITATION_TARGETS, Citation, Source
from .statements import Stance, Statement, StatementMode, words_as_said
from .summaries import CountryDealCount, DealSummary, RecordCount, SystemDealCount
from .systems import Specification, SystemCategory, WeaponSystem, WeaponSystemAlias
from .timeline import (
    EventDeal,
    StatementCountry,
    StatementCountryCount,
    StatementDeal,
    TimelineCountryCount,
    TimelineDealCount,
    TimelineItem,
    TimelineKind,
    TimelineLink,
    TimelineSpanCount,
    TimelineSystemCount,
)

# Tables derived from the facts (rebuilt by `deals.read_model`): not editorial data, so no
# fixture, backup, history or integrity check holds them.
DERIVED_MODELS = (
    DealSummary, TimelineItem, TimelineLink, CountryDealCount, TimelineSpanCount, TimelineCountryCount,
    StatementCountry, StatementCountryCount, StatementDeal, EventDeal, RecordCount,
    SystemDealCount, DealMilestone, DealStatusPeriod, ChartFact, ChartYearCount, TimelineDealCount,
    TimelineSystemCount,
)


def is_editorial(model) -> bool:
    """Whether a model holds the knowledge base's own records (not a table derived from them)."""
    return model._meta.managed and not model._meta.proxy and model not in DERIVED_MODELS

__all__ = [
    "ChartFact",
    "ChartYearCount",
    "CITATION_TARGETS",
    "DERIVED_MODELS",
    "Citation",
    "Contract",
    "CountryDealCount",
    "Deal",
    "DealMilestone",
    "DealScope",
    "DealStatus",
    "DealStatusPeriod",
    "DealSummary",
    "Delivery",
    "DeliveryKind",
    "Event",
    "EventDeal",
    "EventKind",
    "MilestoneKind",
    "Organisation",
    "OrganisationKind",
    "Person",
    "QuantityUnit",
    "RecordCount",
    "S400_SYSTEMS_SQL",
    "S_400",
    "SystemDealCount",
    "Source",
    "Specification",
    "Stance",
    "Statement",
    "StatementCountry",
    "StatementCountryCount",
    "StatementDeal",
    "StatementMode",
    "SystemCategory",
    "TimelineCountryCount",
    "TimelineDealCount",
    "TimelineItem",
    "TimelineKind",
    "TimelineLink",
    "TimelineSpanCount",
    "TimelineSystemCount",
    "ValueCertainty",
    "is_editorial",
    "s400_family",
    "WeaponSystem",
    "WeaponSystemAlias",
    "words_as_said",
]
