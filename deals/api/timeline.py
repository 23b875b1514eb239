"""What a timeline item needs beyond its own row, fetched for a whole batch at once.

A `TimelineItem` is a row of a database view, so its citations and the page it stands for
belong to the contract, delivery, statement or event behind it. `attach_extras` adds them
to a batch (a page of the API, a chunk of an export, a feed) in two queries.
"""
from collections import defaultdict

from django.db.models import Q
from django.urls import reverse

from deals.models import Citation, TimelineLink


def attach_extras(items):
    """Set `link_summary`, `cited` and `page_url` on each item of `items`; returns `items`."""
    items = list(items)
    if not items:
        return items
    links = defaultdict(lambda: {"deals": [], "countries": [], "systems": []})
    for link in (
        TimelineLink.objects.filter(item_id__in=[item.pk for item in items])
        .select_related("deal", "system")
        .order_by("id")
    ):
        summary = links[link.item_id]
        if link.deal_id:
            summary["deals"].append(link.deal.slug)
        if link.country_id:
            summary["countries"].append(link.country_id)
        if link.system_id:
            summary["systems"].append(link.system.slug)

    ids = defaultdict(list)
    for item in items:
        ids[item.kind].append(item.object_id)
    condition = Q(pk__in=[])
    for kind, object_ids in ids.items():
        condition |= Q(**{f"{kind}_id__in": object_ids})
    cited = defaultdict(list)
    for citation in Citation.objects.filter(condition).select_related("source").order_by("pk"):
        for kind in ids:
            object_id = getattr(citation, f"{kind}_id")
            if object_id is not None:
                cited[f"{kind}-{object_id}"].append(citation)

    for item in items:
        summary = links[item.pk]
        item.link_summary = {key: sorted(set(values)) for key, values in summary.items()}
        item.cited = cited[item.pk]
        item.page_url = page_url(item, summary["deals"])
    return items


def page_url(item, deal_slugs):
    """The HTML page of the record behind a timeline item."""
    if item.kind in ("contract", "delivery"):
        # A contract or delivery belongs to exactly one deal; it is shown on that deal's page.
        deal_url = reverse("deals:deal_detail", args=[deal_slugs[0]]) if deal_slugs else ""
        return f"{deal_url}#{item.kind}-{item.object_id}"
    if item.kind == "statement":
        return reverse("deals:statement_detail", args=[item.object_id])
    return reverse("deals:event_detail", args=[item.object_id])
