"""The deals: /deals/ (a filtered, sortable table) and /deals/<slug>/ (one deal's story)."""
from dataclasses import dataclass, replace

from django.http import Http404
from django.views.generic import DetailView

from deals import selectors
from deals.approximate_dates import ApproximateDate
from deals.filtersets import DealFilterSet
from deals.models import Deal, DealStatus, DeliveryKind, Stance, TimelineItem

from .base import FilteredListView
from .timeline import item_date


@dataclass(frozen=True)
class Column:
    """A column of the deal table; `sort` is its value of the `sort` parameter, if it sorts."""

    label: str
    sort: str = ""
    numeric: bool = False
    state: str = ""  # "ascending" or "descending" when the table is sorted by this column

    @property
    def next_sort(self):
        """What its heading links to: the other direction if sorted by it, else ascending."""
        return f"-{self.sort}" if self.state == "ascending" else self.sort

    @property
    def next_direction(self):
        return "descending" if self.state == "ascending" else "ascending"


DEAL_COLUMNS = [
    Column("Supplier", "supplier"),
    Column("Recipient", "recipient"),
    Column("System or subject", "system"),
    Column("Status", "status"),
    Column("Quantity", "quantity", numeric=True),
    Column("Value", "value", numeric=True),
    Column("First dated", "first_date"),
    Column("Last dated", "last_date"),
    Column("Signed"),
]


def sorted_columns(sort):
    """The columns, the one the table is sorted by (the first `sort` value) marked so."""
    first = sort[0] if sort else ""
    return [
        replace(column, state="descending" if first.startswith("-") else "ascending")
        if column.sort and first.removeprefix("-") == column.sort
        else column
        for column in DEAL_COLUMNS
    ]


def attach_milestones(deals):
    """Give each deal (from selectors.deal_rows) its first contract and its first and last
    dated milestones as timeline items with their approximate dates, in one query."""
    ids = {pk for deal in deals for pk in (deal.first_milestone_id, deal.last_milestone_id) if pk}
    items = TimelineItem.objects.in_bulk(ids) if ids else {}
    for item in items.values():
        item.approximate_date = item_date(item)
    for deal in deals:
        deal.first_milestone = items.get(deal.first_milestone_id)
        deal.last_milestone = items.get(deal.last_milestone_id)
        contracts = deal.contracts.all()
        deal.first_contract = contracts[0] if contracts else None
    return deals


class DealListView(FilteredListView):
    filterset_class = DealFilterSet
    template_name = "deals/deal_list.html"

    def get_queryset(self):
        return selectors.deal_rows()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deals"] = attach_milestones(list(context["object_list"]))
        sort = getattr(self.filterset.form, "cleaned_data", {}).get("sort")
        context["columns"] = columns = sorted_columns(sort)
        by = next((column for column in columns if column.state), None)
        context["caption"] = (
            f"Deals, sorted by {by.label.lower()} ({by.state}; those without one last)"
            if by
            else "Deals, by recipient"
        )
        return context


@dataclass
class Milestone:
    """One line of a deal's own timeline, pointing at the fact further down its page."""

    date: ApproximateDate | None
    kind: str
    title: str
    anchor: str


def deal_timeline(*, contracts, deliveries, statements, events):
    """The deal's facts in date order (by earliest, then latest day); undated ones last."""
    milestones = [
        *(Milestone(c.approximate_date, "Contract", c.description, f"contract-{c.pk}") for c in contracts),
        *(
            Milestone(d.approximate_date, f"Delivery ({d.get_kind_display().lower()})", d.description, f"delivery-{d.pk}")
            for d in deliveries
        ),
        *(Milestone(s.approximate_date, "Statement", f"{s.attribution}: {s.text}", f"statement-{s.pk}") for s in statements),
        *(Milestone(e.approximate_date, f"Event: {e.get_kind_display().lower()}", e.title, f"event-{e.pk}") for e in events),
    ]
    return sorted(
        milestones,
        key=lambda m: (m.date is None, m.date and m.date.earliest, m.date and m.date.latest),
    )


class DealDetailView(DetailView):
    template_name = "deals/deal_detail.html"
    context_object_name = "deal"

    def get_object(self, queryset=None):
        try:
            return selectors.deal_detail(self.kwargs["slug"])
        except Deal.DoesNotExist:
            raise Http404("no deal has this address") from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deal = self.object
        contracts = list(deal.contracts.all())
        deliveries = list(deal.deliveries.all())
        statements = list(deal.statements.all())
        events = list(deal.events.all())
        context.update(
            status_meaning=DealStatus(deal.status).meaning,
            contracts=contracts,
            actual_deliveries=[d for d in deliveries if d.kind == DeliveryKind.ACTUAL],
            planned_deliveries=[d for d in deliveries if d.kind == DeliveryKind.PLANNED],
            statements=statements,
            asserted=[s for s in statements if s.stance == Stance.ASSERTS],
            denied=[s for s in statements if s.stance == Stance.DENIES],
            other_statements=[s for s in statements if s.stance not in (Stance.ASSERTS, Stance.DENIES)],
            events=events,
            timeline=deal_timeline(contracts=contracts, deliveries=deliveries, statements=statements, events=events),
        )
        return context
