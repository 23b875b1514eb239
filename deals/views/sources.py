"""Sources: /sources/ (filtered) and /sources/<slug>/, an article's full text with every cited
excerpt highlighted and linked to the facts that cite it."""
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.generic import DetailView

from deals.models import (
    CITATION_TARGETS,
    Citation,
    Contract,
    Deal,
    Delivery,
    Event,
    Source,
    Statement,
)
from deals.templatetags.browsing import deal_label
from lists.views import FilteredListView

FACT_GROUPS = {
    "deal": "Deals",
    "contract": "Contracts",
    "delivery": "Deliveries",
    "statement": "Statements",
    "event": "Events",
    "specification": "Specifications",
}


class SourceListView(FilteredListView):
    listing = "sources"
    template_name = "deals/source_list.html"
    paginate_by = 50


class SourceDetailView(DetailView):
    template_name = "deals/source_detail.html"
    def get_queryset(self):
        return Source.objects.for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        citations = list(self.object.citations.all())
        context["highlighted_text"], context["unplaced"] = highlighted_text(self.object.text, citations)
        context["fact_groups"] = fact_groups(citations)
        return context


@dataclass
class Span:
    start: int
    end: int
    citation: Citation


def highlighted_text(text, citations):
    """The text as HTML with each citation's excerpt in a <mark>, and the citations whose
    excerpt no longer occurs in the text (so they cannot be highlighted).

    The text is split at every excerpt's start and end; marks open and close at those
    boundaries, nested so the HTML stays well formed even when excerpts overlap without
    one containing the other. A mark that must close while one opened inside it stays
    open is closed and reopened as a continuation: only a citation's first mark carries
    its id (`citation-<pk>`), so ids stay unique. After the last piece of each excerpt
    comes a link to the fact that cites it.
    """
    spans, unplaced = [], []
    for citation in citations:
        start = text.find(citation.excerpt)
        if start < 0:
            unplaced.append(citation)
        else:
            spans.append(Span(start, start + len(citation.excerpt), citation))
    starting = {}
    for span in sorted(spans, key=lambda span: (span.start, -span.end, span.citation.pk)):
        starting.setdefault(span.start, []).append(span)
    boundaries = sorted({0, len(text), *(span.start for span in spans), *(span.end for span in spans)})

    pieces, open_spans = [], []
    for index, position in enumerate(boundaries):
        ending = [depth for depth, span in enumerate(open_spans) if span.end == position]
        if ending:
            closing = open_spans[min(ending):]
            for span in reversed(closing):
                if span.end == position:
                    pieces.append(fact_link(span.citation))
                pieces.append(mark_safe("</mark>"))  # a literal tag
            open_spans = open_spans[: min(ending)]
            for span in sorted((s for s in closing if s.end != position), key=lambda s: -s.end):
                pieces.append(open_mark(span, first=False))
                open_spans.append(span)
        for span in starting.get(position, []):
            pieces.append(open_mark(span, first=True))
            open_spans.append(span)
        if index + 1 < len(boundaries):
            pieces.append(escape(text[position : boundaries[index + 1]]))
    # Safe: every piece is a literal tag, format_html output or escape() output, so the
    # source's own text is always escaped.
    return mark_safe("".join(pieces)), unplaced


def open_mark(span, *, first):
    if first:
        return format_html('<mark id="citation-{}" class="citation">', span.citation.pk)
    return format_html('<mark class="citation citation-continued" data-citation="{}">', span.citation.pk)


def fact_link(citation):
    fact = citation.fact
    if fact is None:
        return ""
    label = fact_label(fact)
    return format_html(
        '<a class="fact-link" href="{}" title="{}">{}<span class="visually-hidden">: {}</span></a>',
        fact.get_absolute_url(),
        label,
        chip_text(fact),
        label,
    )


def chip_text(fact):
    """The fact a link after an excerpt leads to, in a few words ("deal: Turkey, S-400
    Triumf", "statement: Dmitry Peskov"), so the links after one excerpt read differently."""
    kind = fact._meta.verbose_name
    if isinstance(fact, Deal):
        return f"{kind}: {deal_in_brief(fact)}"
    if isinstance(fact, (Contract, Delivery)):
        return f"{kind}: {deal_in_brief(fact.deal)}"
    if isinstance(fact, Statement):
        return f"{kind}: {fact.speaker.name if fact.speaker else fact.organisation.name}"
    if isinstance(fact, Event):
        return f"{kind}: {Truncator(fact.title).chars(40)}"
    return f"{kind}: {fact.system.name}, {fact.parameter}"  # a specification


def deal_in_brief(deal):
    return f"{deal.recipient.name}, {deal.system.name if deal.system else Truncator(deal.subject).chars(30)}"


def fact_label(fact):
    return deal_label(fact) if isinstance(fact, Deal) else str(fact)


def fact_groups(citations):
    """The facts drawn from the source, grouped by kind, each once with the citations that cite it."""
    groups = {target: {} for target in CITATION_TARGETS}
    for citation in citations:
        fact = citation.fact
        target = next(target for target in CITATION_TARGETS if getattr(citation, f"{target}_id"))
        entry = groups[target].setdefault(fact.pk, {"fact": fact, "label": fact_label(fact), "citations": []})
        entry["citations"].append(citation)
    return [
        {"kind": target, "label": FACT_GROUPS[target], "facts": list(facts.values())}
        for target, facts in groups.items()
        if facts
    ]
