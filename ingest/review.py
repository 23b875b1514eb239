"""What the review page shows of a long article: its drafts in review order, a page at a
time, and the article text around one page's drafts with their words highlighted.

An article of up to 1 MB can hold thousands of drafts; the page builds a form for each
draft it shows, so it shows ``PER_PAGE`` of them, and highlights in one pass over the
sorted span edges, so its time grows with the page, not with the article.
"""
from collections import Counter
from itertools import pairwise

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from .extract import Kind
from .models import Article, Draft, DraftStatus

PER_PAGE = 50
# Characters of text kept on each side of a page's drafts when the article does not fit on
# one page; the window stops sooner at the start or end of the line.
CONTEXT = 200


def in_review_order(drafts: QuerySet) -> QuerySet:
    """Drafts by kind (statements first, as ``Kind.ALL``), then where their words start."""
    rank = Case(*(When(kind=kind, then=Value(i)) for i, kind in enumerate(Kind.ALL)), output_field=IntegerField())
    return drafts.annotate(kind_rank=rank).order_by("kind_rank", "words_start", "start", "pk")


def review_page(article: Article, number) -> Page:
    """The page of the article's drafts numbered ``number`` (the first or last page when
    the number is not one of them)."""
    drafts = in_review_order(article.drafts.select_related("decided_by"))
    return Paginator(drafts, PER_PAGE).get_page(number)


def page_of(draft: Draft) -> int:
    """The number of the review page that shows the draft."""
    rank = Kind.ALL.index(draft.kind)
    before = in_review_order(Draft.objects.filter(article_id=draft.article_id)).filter(
        Q(kind_rank__lt=rank)
        | Q(kind_rank=rank, words_start__lt=draft.words_start)
        | Q(kind_rank=rank, words_start=draft.words_start, start__lt=draft.start)
        | Q(kind_rank=rank, words_start=draft.words_start, start=draft.start, pk__lt=draft.pk)
    )
    return before.count() // PER_PAGE + 1


def kind_starts(counts: dict[str, int]) -> dict[str, int]:
    """For each kind with drafts, the page its first draft is on, given the count per kind."""
    starts, seen = {}, 0
    for kind in Kind.ALL:
        if counts.get(kind):
            starts[kind] = seen // PER_PAGE + 1
            seen += counts[kind]
    return starts


def windows(text: str, drafts, focus: Draft | None) -> list[tuple[int, int]]:
    """The stretches of text to show around the drafts' evidence and words, in order and
    merged where they touch."""
    extents = [(min(d.start, d.words_start), max(d.end, d.words_end)) for d in drafts]
    if focus:
        extents.append((focus.start, focus.end))
    stretches = []
    for lo, hi in sorted(extents):
        a, b = max(0, lo - CONTEXT), min(len(text), hi + CONTEXT)
        # Start at the beginning of the span's line, or else of a word, when that is near.
        if (line := text.rfind("\n", a, lo)) >= 0:
            a = line + 1
        elif a > 0 and (space := text.find(" ", a, lo)) >= 0:
            a = space + 1
        if (line := text.find("\n", hi, b)) >= 0:
            b = line
        elif b < len(text) and (space := text.rfind(" ", hi, b)) >= 0:
            b = space
        if stretches and a <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], max(b, stretches[-1][1]))
        else:
            stretches.append((a, b))
    return stretches


def highlighted(text: str, drafts, focus: Draft | None, shown: list[tuple[int, int]]) -> list[dict]:
    """The shown stretches of the text cut where drafts' words begin and end, each piece
    with the kinds of draft that cover it, whether the focused draft's evidence covers it,
    and the drafts whose words start there; a ``gap`` piece stands for text left out.

    Every span must lie inside a shown stretch (``windows`` makes sure of it). One sweep over
    the sorted edges, keeping a count of the open spans per kind."""
    edges: dict[int, list[tuple[str, int]]] = {}
    anchors: dict[int, list[int]] = {}
    for d in drafts:
        if d.status == DraftStatus.REJECTED:
            continue
        edges.setdefault(d.words_start, []).append((d.kind, 1))
        edges.setdefault(d.words_end, []).append((d.kind, -1))
        anchors.setdefault(d.words_start, []).append(d.pk)
    if focus:
        edges.setdefault(focus.start, []).append(("focus", 1))
        edges.setdefault(focus.end, []).append(("focus", -1))
    cuts = sorted(set(edges) | {edge for stretch in shown for edge in stretch})
    starts, ends = {a for a, _ in shown}, {b for _, b in shown}
    open_spans, pieces, inside = Counter(), [], False
    for a, b in pairwise(cuts):
        for key, step in edges.get(a, ()):
            open_spans[key] += step
        if a in starts:
            if pieces:
                pieces.append({"gap": True})
            inside = True
        if a in ends and a not in starts:
            inside = False
        if inside:
            pieces.append({
                "text": text[a:b],
                "kinds": sorted(key for key, n in open_spans.items() if n > 0 and key != "focus"),
                "focus": open_spans["focus"] > 0,
                "anchors": anchors.get(a, []),
            })
    if shown and shown[-1][1] < len(text):
        pieces.append({"gap": True})
    if shown and shown[0][0] > 0:
        pieces.insert(0, {"gap": True})
    return pieces
