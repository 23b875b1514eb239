"""Read-side queries shared by the pages and the API: each returns a queryset whose
related rows are fetched up front, so a page costs the same few queries at any length."""
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Prefetch, Subquery

from .models import Citation, Contract, Deal, DealStatus, Delivery, Event, Statement, TimelineLink


def deal_list():
    """Deals with their first contract's terms and the span of their dated milestones."""
    first_contract = Contract.objects.filter(deal=OuterRef("pk")).order_by("date_earliest", "pk")
    milestones = TimelineLink.objects.filter(deal=OuterRef("pk"))
    return Deal.objects.select_related("supplier", "recipient", "system").annotate(
        contract_value=Subquery(first_contract.values("value_amount")[:1]),
        contract_currency=Subquery(first_contract.values("value_currency")[:1]),
        contract_value_words=Subquery(first_contract.values("value_words")[:1]),
        contract_quantity=Subquery(first_contract.values("quantity")[:1]),
        contract_unit=Subquery(first_contract.values("quantity_unit")[:1]),
        first_date=Subquery(milestones.order_by("item__date_earliest").values("item__date_earliest")[:1]),
        last_date=Subquery(milestones.order_by("-item__date_latest").values("item__date_latest")[:1]),
    ).order_by("recipient__name", "slug")


def deal_rows():
    """Deals as the deal tables show them: deal_list() plus each deal's contracts (the first
    gives the signing date and the quantity's words) and the ids of its first and last dated
    milestones (timeline items), so a table's dates keep their words and precision."""
    milestones = TimelineLink.objects.filter(deal=OuterRef("pk"))
    return deal_list().prefetch_related(
        Prefetch("contracts", queryset=Contract.objects.order_by("date_earliest", "pk"))
    ).annotate(
        first_milestone_id=Subquery(
            milestones.order_by("item__date_earliest", "item__date_latest", "item_id").values("item_id")[:1]
        ),
        last_milestone_id=Subquery(
            milestones.order_by("-item__date_latest", "-item__date_earliest", "item_id").values("item_id")[:1]
        ),
    )


def citations_prefetch(lookup="citations"):
    """Citations with their sources, for any fact's `citations`."""
    return Prefetch(lookup, queryset=Citation.objects.select_related("source").order_by("pk"))


def deals_prefetch(lookup="deals"):
    """Deals with the rows their names and links need (system, supplier, recipient)."""
    return Prefetch(lookup, queryset=Deal.objects.select_related("supplier", "recipient", "system"))


def statement_rows():
    """Statements as the statement tables show them: speaker, body, outlet and deals, in date order
    (undated ones last on every database)."""
    return (
        Statement.objects.select_related("speaker", "organisation", "medium")
        .prefetch_related(deals_prefetch())
        .order_by(F("date_earliest").asc(nulls_last=True), F("date_latest").asc(nulls_last=True), "pk")
    )


def statement_list():
    return Statement.objects.select_related("speaker", "organisation", "medium").prefetch_related(
        "deals__supplier", "deals__recipient", "countries", citations_prefetch()
    )


def deal_detail(slug):
    """One deal with everything its page shows; raises Deal.DoesNotExist."""
    return deal_list().prefetch_related(
        citations_prefetch(),
        Prefetch("contracts", queryset=Contract.objects.prefetch_related(citations_prefetch())),
        Prefetch(
            "deliveries",
            queryset=Delivery.objects.select_related("contract").prefetch_related(citations_prefetch()),
        ),
        Prefetch("statements", queryset=statement_list().order_by("date_earliest", "date_latest", "pk")),
        Prefetch("events", queryset=Event.objects.prefetch_related(citations_prefetch())),
    ).get(slug=slug)


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class DealCounts:
    """How many deals a country has in one role ("supplier" or "recipient"), per status."""

    role: str
    by_status: list[StatusCount] = field(default_factory=list)

    @property
    def total(self):
        return sum(part.count for part in self.by_status)


def status_counts(deals=None):
    """Deals per status, in the vocabulary's order, leaving out statuses no deal has."""
    rows = (deals if deals is not None else Deal.objects.all()).values("status").annotate(n=Count("pk")).order_by()
    found = {row["status"]: row["n"] for row in rows}
    return [StatusCount(status, label, found[status]) for status, label in DealStatus.choices if status in found]


def deal_counts(role, codes):
    """{country code: DealCounts} for the given countries in `role`, in one query."""
    rows = (
        Deal.objects.filter(**{f"{role}__in": codes})
        .values(role, "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {(row[role], row["status"]): row["n"] for row in rows}
    return {
        code: DealCounts(
            role,
            [StatusCount(status, label, found[code, status]) for status, label in DealStatus.choices if (code, status) in found],
        )
        for code in codes
    }
