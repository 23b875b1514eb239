"""The deals: /deals/ (a filtered, sortable table) and /deals/<slug>/ (one deal's story)."""
from dataclasses import dataclass

from django.http import Http404
from django.views.generic import DetailView

from deals.approximate_dates import ApproximateDate
from deals.lists import sorted_columns
from deals.models import (
    Citation,
    Contract,
    Deal,
    DealMilestone,
    DealScope,
    DealStatus,
    DealStatusPeriod,
    Delivery,
    DeliveryKind,
    Event,
    EventDeal,
    Stance,
    Statement,
    StatementDeal,
)
from deals.models.querysets import SOURCE_TEXTS, citations_prefetch
from deals.scopes import scope_switch
from deals.templatetags.facts import excerpt_key
from deals.timeline import attach_milestones
from lists.addresses import address
from lists.pages import BoundedListsMixin, FullList, GroupedPaginator, bounded_page
from lists.views import FilteredListView

# The deal's own timeline shows its first milestones; the whole timeline, filtered to the
# deal, has the rest.
DEAL_TIMELINE_LENGTH = 30
# A deal's page shows its first citations, contracts and deliveries up to this many each; a deal
# with more says how many and links to them all (its record, the timeline filtered to it). A
# deal has a few of each, so a reader expects them on its page whole, not on pages of their own.
DEAL_FACTS_SHOWN = 50
# A list "as of" a day names the first of the deals it leaves out for having no evidence by
# then, and counts the rest.
LEFT_OUT_NAMED = 5


class DealListView(FilteredListView):
    listing = "deals"
    template_name = "deals/deal_list.html"

    def get_paginator(self, queryset, per_page, **kwargs):
        """In the default order (by recipient's name), unfiltered, with a free-text term
        alone or as of a day, the deals are paged by recipient: the deals counted per
        recipient (the recipient filter's counts, or the term's matches or the deals on the
        day counted by recipient, each kept per knowledge-base version) say which recipients a page falls in, so a page, however deep,
        reads only those (`DealFilterSet.recipient_groups`)."""
        groups = self.filterset.recipient_groups(queryset)
        if groups is not None:
            return GroupedPaginator(
                queryset, per_page, groups=groups, grouped_by="recipient", within=["slug"],
                narrowed=self.filterset.narrows_groups, **kwargs
            )
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deals"] = attach_milestones(list(context["object_list"]))
        sort = getattr(self.filterset.form, "cleaned_data", {}).get("sort")
        context["columns"] = columns = sorted_columns(sort)
        by = next((column for column in columns if column.state), None)
        scope = getattr(self.filterset.form, "cleaned_data", {}).get("scope") or DealScope.ALL
        what = "S-400 deals" if scope == DealScope.S_400 else "Deals (S-400 and related)"
        context["caption"] = (
            f"{what}, sorted by {by.label.lower()} ({by.state}; those without one last)"
            if by
            else f"{what}, by recipient"
        )
        context["scope_links"] = scope_switch(self.request.GET, scope)
        day = getattr(self.filterset.form, "cleaned_data", {}).get("as_of")
        if day and not context.get("filter_problems"):
            # Each row's status is its status on the day; the deals with none then are counted.
            context["as_of"] = day
            context["left_out"] = left_out = self.filterset.left_out_count()
            # Named, the first few: one query more, only when some are left out.
            context["left_out_deals"] = named = self.filterset.left_out_first(LEFT_OUT_NAMED) if left_out else []
            context["left_out_more"] = (left_out or 0) - len(named)
            context["caption"] += f", each at its status on {day:%-d %b %Y}"
        return context


@dataclass
class Milestone:
    """One line of a deal's own timeline, pointing at the fact: further down its page, or on
    the fact's own page when another page of the deal's statements or events holds it."""

    date: ApproximateDate | None
    kind: str
    title: str
    href: str


def deal_timeline(*, contracts, deliveries, statements, events, shown=frozenset(), length=DEAL_TIMELINE_LENGTH):
    """The deal's first `length` facts in date order (by earliest, then latest day); undated
    ones last. `statements` and `events` need only be the first `length` of each in date
    order: the first milestones of the whole deal are among them. `shown` holds the anchors
    ("statement-7") of the statements and events on this page; the others link to their pages."""

    def href(kind, record):
        anchor = f"{kind}-{record.pk}"
        return f"#{anchor}" if anchor in shown else record.get_absolute_url()

    milestones = [
        *(Milestone(c.approximate_date, "Contract", c.description, f"#contract-{c.pk}") for c in contracts),
        *(
            Milestone(d.approximate_date, f"Delivery ({d.get_kind_display().lower()})", d.description, f"#delivery-{d.pk}")
            for d in deliveries
        ),
        *(Milestone(s.approximate_date, "Statement", f"{s.attribution}: {s.text}", href("statement", s)) for s in statements),
        *(Milestone(e.approximate_date, f"Event: {e.get_kind_display().lower()}", e.title, href("event", e)) for e in events),
    ]
    return sorted(
        milestones,
        key=lambda m: (m.date is None, m.date and m.date.earliest, m.date and m.date.latest),
    )[:length]


def quoted_excerpts(contracts, deliveries, statements, events, deal):
    """{excerpt: citation key}: where a deal's page quotes each excerpt, once. One excerpt
    often backs a milestone, a contract, a statement and the summary; it is quoted with the
    most particular fact that cites it (a contract, a delivery, a statement, an event, in
    that order, else the summary) and linked to from the others and the status history.
    Reads only the citations the page has read already."""
    quoted = {}
    facts = [*contracts, *deliveries, *statements, *events, deal]
    for fact in facts:
        for citation in fact.citations.all():
            quoted.setdefault(excerpt_key(citation), citation.pk)
    return quoted


class DealDetailView(BoundedListsMixin, DetailView):
    template_name = "deals/deal_detail.html"
    context_object_name = "deal"

    def get_object(self, queryset=None):
        try:
            return Deal.objects.for_page(shown=DEAL_FACTS_SHOWN).get(slug=self.kwargs["slug"])
        except Deal.DoesNotExist:
            raise Http404("no deal has this address") from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deal = self.object
        contracts = list(deal.contracts.all())
        deliveries = list(deal.deliveries.all())
        for fact in contracts + deliveries:
            # Each citation shown knows how many its fact has (`DealQuerySet.for_page`).
            shown_citations = fact.citations.all()
            fact.citation_total = shown_citations[0].citations_of_fact if shown_citations else 0
        # Counted along the deal's index only when the page shows as many as it can.
        contract_total = shown_total(contracts, lambda: Contract.objects.filter(deal=deal).count())
        delivery_total = shown_total(deliveries, lambda: Delivery.objects.filter(deal=deal).count())
        citation_total = shown_total(deal.citations.all(), lambda: Citation.objects.filter(deal=deal).count())
        # A much-reported deal has over ten thousand statements: statements and events come a
        # bounded page at a time, each list with its own page parameter, read and counted
        # along the index of their deals' rows (date order, undated last); their citations
        # name their sources without reading the articles' texts (a page cites hundreds).
        statements = bounded_page(
            Statement.objects.select_related("speaker", "organisation", "medium")
            .prefetch_related(citations_prefetch(texts=False))
            .of_deal(deal),
            self.request.GET, "statements_page", anchor="statements",
            total=lambda: StatementDeal.objects.filter(deal=deal).count(),
            full_list=FullList.of("deals:statement_list", "the statement list for this deal", deal=deal.slug),
        )
        events = bounded_page(
            Event.objects.prefetch_related(citations_prefetch(texts=False)).of_deal(deal),
            self.request.GET, "events_page", anchor="events",
            total=lambda: EventDeal.objects.filter(deal=deal).count(),
            full_list=FullList.of("deals:timeline", "the deal's events on the timeline", deal=deal.slug, kind="event"),
        )
        # The timeline's first milestones are among the first statements and events: the first
        # pages, when shown, or their first rows read on their own.
        first_statements = statements.rows if statements.number == 1 else (
            Statement.objects.select_related("speaker", "organisation").of_deal(deal)[:DEAL_TIMELINE_LENGTH]
        )
        first_events = events.rows if events.number == 1 else (
            Event.objects.of_deal(deal)[:DEAL_TIMELINE_LENGTH]
        )
        shown = {f"statement-{s.pk}" for s in statements.rows} | {f"event-{e.pk}" for e in events.rows}
        rows = statements.rows
        history, more_history = status_history(
            deal, shown_facts=shown | {f"contract-{c.pk}" for c in contracts} | {f"delivery-{d.pk}" for d in deliveries}
        )
        context.update(
            status_history=history,
            more_history=more_history,
            status_meaning=DealStatus(deal.status).meaning,
            contracts=contracts,
            contract_total=contract_total,
            delivery_total=delivery_total,
            citation_total=citation_total,
            facts_shown=DEAL_FACTS_SHOWN,
            actual_deliveries=[d for d in deliveries if d.kind == DeliveryKind.ACTUAL],
            planned_deliveries=[d for d in deliveries if d.kind == DeliveryKind.PLANNED],
            statements=statements,
            asserted=[s for s in rows if s.stance == Stance.ASSERTS],
            denied=[s for s in rows if s.stance == Stance.DENIES],
            other_statements=[s for s in rows if s.stance not in (Stance.ASSERTS, Stance.DENIES)],
            events=events,
            timeline=deal_timeline(
                contracts=contracts, deliveries=deliveries, statements=first_statements, events=first_events, shown=shown
            ),
            milestone_total=contract_total + delivery_total + statements.total + events.total,
            quoted_excerpts=quoted_excerpts(contracts, deliveries, statements.rows, events.rows, deal),
        )
        return context


def status_history(deal, *, shown_facts):
    """The deal's first `DEAL_FACTS_SHOWN` milestones in the order they are folded, each with
    its evidence (`evidence`: its citation, with its source), the address of the fact it comes
    from (`fact_href`: on this page when `shown_facts`, anchors such as "statement-7", hold
    it), and whether it set the deal's status (`moved`: a period begins with it); and whether
    it has more. Two queries, whatever the number of milestones."""
    milestones = list(
        DealMilestone.objects.filter(deal=deal)
        .select_related("citation__source")
        .defer(*(f"citation__{name}" for name in SOURCE_TEXTS))[:DEAL_FACTS_SHOWN + 1]
    )
    more = len(milestones) > DEAL_FACTS_SHOWN
    milestones = milestones[:DEAL_FACTS_SHOWN]
    moved = set(DealStatusPeriod.objects.filter(deal=deal).values_list("milestone_id", flat=True))
    for milestone in milestones:
        anchor = milestone.fact_anchor
        milestone.evidence = [milestone.citation] if milestone.citation_id and milestone.citation else []
        if milestone.fact_kind == "source":
            source = milestone.citation.source if milestone.evidence else None
            milestone.fact_href = source.get_absolute_url() if source else ""
        elif anchor in shown_facts:
            milestone.fact_href = f"#{anchor}"
        else:
            milestone.fact_href = address(f"deals:{milestone.fact_kind}_detail", milestone.fact_id) if (
                milestone.fact_kind in ("statement", "event")
            ) else f"#{anchor}"
        milestone.moved = milestone.pk in moved
        milestone.status_label = DealStatus(milestone.status).label
    return milestones, more


def shown_total(rows, count):
    """How many rows a list capped at `DEAL_FACTS_SHOWN` holds: its length when shorter, else `count()`."""
    rows = list(rows)
    return count() if len(rows) >= DEAL_FACTS_SHOWN else len(rows)
