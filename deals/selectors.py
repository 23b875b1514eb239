"""Read-side queries shared by the pages and the API: each returns a queryset whose
related rows are fetched up front, so a page costs the same few queries at any length."""
from django.db.models import OuterRef, Prefetch, Subquery

from .models import Citation, Contract, Deal, Delivery, Event, Statement, TimelineLink


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


def citations_prefetch(lookup="citations"):
    """Citations with their sources, for any fact's `citations`."""
    return Prefetch(lookup, queryset=Citation.objects.select_related("source").order_by("pk"))


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
