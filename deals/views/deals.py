"""The deals: /deals/ (a filtered, sortable table) and /deals/<slug>/ (one deal's story)."""
from dataclasses import dataclass

from django.http import Http404
from django.views.generic import DetailView

from deals.approximate_dates import ApproximateDate
from deals.lists import sorted_columns
from deals.models import Deal, DealStatus, DeliveryKind, Stance
from deals.timeline import attach_milestones
from lists.pages import GroupedPaginator
from lists.views import FilteredListView


class DealListView(FilteredListView):
    listing = "deals"
    template_name = "deals/deal_list.html"

    def get_paginator(self, queryset, per_page, **kwargs):
        """Unfiltered and in the default order (by recipient's name), the deals are paged by
        recipient: the recipient filter's counts (one grouped query, kept per knowledge-base
        version) say which recipients a page falls in, so a deep page reads only those."""
        form = self.filterset.form
        if getattr(form, "cleaned_data", None) is not None and not any(form.cleaned_data.values()):
            groups = [(code, count) for code, _, count in form.fields["recipient"].counted_rows()]
            return GroupedPaginator(queryset, per_page, groups=groups, grouped_by="recipient", **kwargs)
        return super().get_paginator(queryset, per_page, **kwargs)

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
            return Deal.objects.for_page().get(slug=self.kwargs["slug"])
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
