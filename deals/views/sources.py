"""Sources: /sources/ (filtered) and /sources/<slug>/, an article's full text with every cited
excerpt highlighted and linked to the facts that cite it, listed a page at a time below."""
from dataclasses import dataclass, field
from itertools import groupby

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.generic import DetailView

from deals.models import CITATION_TARGETS, Citation, Deal, Source
from deals.templatetags.browsing import deal_label
from lists.pages import DETAIL_PAGE_SIZE, BoundedListsMixin, bounded_page
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


class SourceDetailView(BoundedListsMixin, DetailView):
    template_name = "deals/source_detail.html"

    def get_queryset(self):
        return Source.objects.for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The most cited articles are cited hundreds of times. The text shows every excerpt
        # (as many as the article's length holds), read without the facts that cite them;
        # the facts drawn, named and linked, come a bounded page at a time, and each
        # excerpt's chip leads to its fact's entry on the page of the list that holds it.
        citations = list(self.object.citations.with_fact_keys().order_by("pk"))
        facts = facts_cited(citations)
        # Read whole already (an article holds so many excerpts), the list has every page.
        page = bounded_page(
            facts, self.request.GET, "facts_page", total=lambda: len(facts), anchor="facts", every_page=True
        )
        read_facts(page.rows)
        context["highlighted_text"], unplaced = highlighted_text(self.object.text, citations, facts_page=page)
        context["unplaced"] = unplaced
        context["unplaced_pks"] = {citation.pk for citation in unplaced}
        context["facts"] = page
        context["fact_groups"] = [
            {"kind": kind, "label": FACT_GROUPS[kind], "facts": list(entries)}
            for kind, entries in groupby(page.rows, key=lambda entry: entry.kind)
        ]
        return context


@dataclass
class CitedFact:
    """A fact drawn from the source, known by its kind and key until its page of the list reads it."""

    kind: str  # one of CITATION_TARGETS
    pk: int
    number: int  # its place in the list of facts drawn (1-based)
    citations: list = field(default_factory=list)  # the source's citations of it, in pk order
    fact: object = None
    label: str = ""

    @property
    def anchor(self):
        return f"fact-{self.kind}-{self.pk}"

    @property
    def page_number(self):
        return (self.number - 1) // DETAIL_PAGE_SIZE + 1


def facts_cited(citations):
    """The facts the citations cite, each once: grouped by kind (in CITATION_TARGETS order),
    within a kind in the order the source was first cited for them, and numbered so. Each
    citation is marked with its fact (`cited_fact`), which its chip in the text links to."""
    by_kind = {kind: {} for kind in CITATION_TARGETS}
    for citation in citations:
        kind = next(kind for kind in CITATION_TARGETS if getattr(citation, f"{kind}_id"))
        pk = getattr(citation, f"{kind}_id")
        fact = by_kind[kind].setdefault(pk, CitedFact(kind, pk, 0))
        fact.citations.append(citation)
        citation.cited_fact = fact
    facts = [fact for entries in by_kind.values() for fact in entries.values()]
    for number, fact in enumerate(facts, start=1):
        fact.number = number
    return facts


def read_facts(facts):
    """Reads the facts on a page of the list, with what their names and links need, in one
    query (a citation of each, joined to its fact)."""
    first = {fact.citations[0].pk: fact for fact in facts}
    for citation in Citation.objects.with_fact_names().filter(pk__in=first):
        entry = first[citation.pk]
        entry.fact = citation.fact
        entry.label = fact_label(entry.fact)


@dataclass
class Span:
    start: int
    end: int
    citation: Citation


def highlighted_text(text, citations, *, facts_page=None):
    """The text as HTML with each citation's excerpt in a <mark>, and the citations whose
    excerpt no longer occurs in the text (so they cannot be highlighted).

    The text is split at every excerpt's start and end; marks open and close at those
    boundaries, nested so the HTML stays well formed even when excerpts overlap without
    one containing the other. A mark that must close while one opened inside it stays
    open is closed and reopened as a continuation: only a citation's first mark carries
    its id (`citation-<pk>`), so ids stay unique. After the last piece of each excerpt
    comes a link to the fact that cites it: to its entry in the list of facts drawn
    (`facts_page`, the page of `facts_cited` shown), on this page or the one holding it.
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
                    pieces.append(fact_link(span.citation, facts_page))
                pieces.append("</mark>")
            open_spans = open_spans[: min(ending)]
            for span in sorted((s for s in closing if s.end != position), key=lambda s: -s.end):
                pieces.append(open_mark(span, first=False))
                open_spans.append(span)
        for span in starting.get(position, []):
            pieces.append(open_mark(span, first=True))
            open_spans.append(span)
        if index + 1 < len(boundaries):
            pieces.append(escape(text[position : boundaries[index + 1]]))
    # Safe: every piece is a literal tag, a tag holding only integers and escaped values
    # (open_mark, fact_link) or escape() output, so the source's own text is always escaped.
    return mark_safe("".join(pieces)), unplaced


def open_mark(span, *, first):
    # Formatted by hand, not by format_html: a source cited hundreds of times opens hundreds
    # of marks, and a citation's pk is an integer, so nothing in the tag needs escaping.
    if first:
        return f'<mark id="citation-{span.citation.pk:d}" class="citation">'
    return f'<mark class="citation citation-continued" data-citation="{span.citation.pk:d}">'


def fact_link(citation, facts_page):
    """The chip after an excerpt: the number of the fact citing it in the list of facts drawn
    and its kind ("fact 3 (deal)"), so the chips after one excerpt read differently, linked
    to that entry. It reads nothing but the citation's keys: a source cited hundreds of
    times names its facts in the list, a page at a time, not after every excerpt."""
    fact = getattr(citation, "cited_fact", None)
    if facts_page is None or fact is None:
        return ""
    if fact.page_number == facts_page.number:
        href = f"#{fact.anchor}"
    else:
        href = facts_page.link(fact.page_number, anchor=fact.anchor)
    return f'<a class="fact-link" href="{escape(href)}">fact {fact.number:d} ({escape(fact.kind)})</a>'


def fact_label(fact):
    return deal_label(fact) if isinstance(fact, Deal) else str(fact)
