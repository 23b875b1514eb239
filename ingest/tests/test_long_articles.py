"""A 100,000-word article: the ingest form refuses it quickly, naming the limit, and so does
the command unless told otherwise; the review page of such an article (one ingested with the
command's --no-word-limit) answers in bounded time, a page of drafts at a time, highlighting that page's drafts."""
import io
import re
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from deals.models import Organisation
from ingest.documents import MAX_WORDS
from ingest.extract import extract_all
from ingest.extract.base import sentences
from ingest.extract.systems import find_systems
from ingest.models import Article, Draft, DraftStatus
from ingest.review import CONTEXT, PER_PAGE, highlighted, page_of, windows
from ingest.selectors import extraction_lexicon
from ingest.services import article_check

from .helpers import user_in
from .long_article import long_article

pytestmark = pytest.mark.django_db

INGEST = reverse("admin:ingest_article_ingest")
# Far below a worker's 60 s timeout, with room for a slow test machine.
BOUND = 20


@pytest.fixture
def editor(client):
    client.force_login(user_in("editors", "alice"))
    return client


def interfax():
    return Organisation.objects.get(slug="interfax")


@pytest.fixture
def long_review(editor):
    return stored_long_article()


def stored_long_article() -> Article:
    """A stored 100,000-word article with thousands of drafts. Extracting all of it takes
    about 17 s (why the form refuses it), so its first 3,000 words get every kind of draft
    from the assistant and the rest the weapon-system drafts (find_systems is the quick one)."""
    text = long_article(100_000)
    checked = article_check(text=text, outlet=interfax(), published_words="June 5, 2024")
    article = Article(
        title=checked.title, outlet=interfax(), text=checked.text, fingerprint=checked.fingerprint,
        date_words="June 5, 2024", date_edtf=checked.published.edtf, date_basis=checked.published.basis.value,
    )
    article.full_clean()
    article.save()
    head = len(" ".join(checked.text.split(" ")[:3_000]))
    lexicon = extraction_lexicon()
    findings = [f for f in extract_all(checked.text[:head], published=checked.published, lexicon=lexicon)
                if f.kind != "system"]
    findings += find_systems(checked.text, lexicon=lexicon, sentence_spans=sentences(checked.text))
    Draft.objects.bulk_create(
        Draft(article=article, kind=f.kind, start=f.start, end=f.end, words_start=f.words_start,
              words_end=f.words_end, value=f.value)
        for f in findings
    )
    return article


def review(client, article, query=""):
    start = time.perf_counter()
    response = client.get(reverse("admin:ingest_article_review", args=[article.pk]) + query)
    return response, time.perf_counter() - start


def marked(page: str, draft: Draft) -> bool:
    """Whether the page's text marks the draft's words with its kind, at its anchor."""
    words = re.escape(draft.words)
    return bool(re.search(
        rf'<span id="evidence-{draft.pk}"></span>(<span id="evidence-\d+"></span>)*'
        rf'<mark class="[^"]*k-{draft.kind}[^"]*">{words}', page,
    ))


def test_the_form_refuses_a_100000_word_article_quickly_naming_the_limit(editor):
    text = long_article(100_000)
    assert len(text.encode()) < 1_000_000  # under the size limit: the words are what is refused
    start = time.perf_counter()
    response = editor.post(INGEST, {"outlet": interfax().pk, "published": "June 5, 2024", "title": "", "text": text})
    elapsed = time.perf_counter() - start
    assert response.status_code == 200 and elapsed < 5
    message = f"The article has {len(text.split()):,} words; the admin ingests at most {MAX_WORDS:,} words at a time."
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_an_article_of_exactly_the_word_limit_is_accepted(editor, monkeypatch):
    # A smaller limit, so that the test does not wait for 10,000 words to be read.
    monkeypatch.setattr("ingest.documents.MAX_WORDS", 60)
    words = long_article(100).split()
    data = {"outlet": interfax().pk, "published": "June 5, 2024", "title": "Sixty words"}
    refused = editor.post(INGEST, data | {"text": " ".join(words[:61])})
    assert "The article has 61 words; the admin ingests at most 60 words at a time." in refused.content.decode()
    assert editor.post(INGEST, data | {"text": " ".join(words[:60])}).status_code == 302
    assert Article.objects.get().drafts.exists()


def test_the_review_page_of_a_100000_word_article_is_paged_and_bounded(editor, long_review):
    article = long_review
    total = article.drafts.count()
    assert total > 3_000
    pages = -(-total // PER_PAGE)
    for number, query in ((1, ""), (40, "?page=40"), (pages, f"?page={pages}")):
        response, elapsed = review(editor, article, query)
        page = response.content.decode()
        assert response.status_code == 200 and elapsed < BOUND, (query, elapsed)
        assert f"page {number} of {pages}" in page
        cards = re.findall(r'<article class="draft [^"]*" id="draft-(\d+)"', page)
        forms = re.findall(r'<form method="post" action="[^"]*" class="decide"', page)
        expected = PER_PAGE if number < pages else total - PER_PAGE * (pages - 1)
        assert len(cards) == len(forms) == expected
        # Every draft of the page is marked in the text; drafts of other pages are not.
        shown = Draft.objects.filter(pk__in=cards).select_related("article")
        assert all(marked(page, draft) for draft in shown)
        assert len(re.findall(r'<span id="evidence-\d+">', page)) == expected
        # The text shown is windows around the page's drafts, not the whole 600 kB article.
        shown_text = re.search(r'<div class="text" id="article-text">(.*?)</div>', page, re.DOTALL)[1]
        assert len(shown_text) < 100_000 and "[…]" in shown_text


def test_kinds_focus_and_decisions_find_their_page_and_nonsense_is_no_error(editor, long_review):
    article, systems = long_review, long_review.drafts.filter(kind="system")
    page = review(editor, article, "?page=40")[0].content.decode()
    assert f'Weapon system <span class="count">({systems.count()}, {systems.count()} waiting)</span>' in page
    assert re.search(r'<a href="\?page=1#kind-statement">Statement \(\d+\)</a>', page)

    # "Show in the text" of a draft listed on a later page opens that page, its evidence marked.
    draft = systems.order_by("-words_start")[0]
    page = review(editor, article, f"?focus={draft.pk}")[0].content.decode()
    assert f'id="draft-{draft.pk}"' in page and f"page {page_of(draft)} of" in page and page_of(draft) > 1
    focus = re.search(r'<mark class="[^"]*focus">(.*?)</mark>', page, re.DOTALL)
    assert focus and focus[1] in draft.evidence

    for query in ("?page=x", "?page=0", "?page=" + "9" * 4000, "?focus=x", "?focus=" + "9" * 30, "?focus=-1"):
        response = review(editor, article, query)[0]
        assert response.status_code == 200, query
        assert 0 < len(re.findall(r'class="decide"', response.content.decode())) <= PER_PAGE

    url = reverse("admin:ingest_article_decide", args=[article.pk, draft.pk])
    response = editor.post(url, {"action": "reject"})
    assert response.status_code == 302
    assert response.url.endswith(f"?page={page_of(draft)}#draft-{draft.pk}")
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.REJECTED


class _Draft:
    def __init__(self, pk, kind, words_start, words_end, start=None, end=None, status=DraftStatus.PENDING):
        self.pk, self.kind, self.status = pk, kind, status
        self.words_start, self.words_end = words_start, words_end
        self.start, self.end = start if start is not None else words_start, end if end is not None else words_end


def test_highlighting_overlapping_spans_marks_each_piece_with_every_kind_covering_it():
    text = "Turkey paid $2.5 billion for S-400 systems."
    drafts = [_Draft(1, "money", 12, 24), _Draft(2, "deal", 0, 42), _Draft(3, "country", 0, 6),
              _Draft(4, "system", 29, 34, status=DraftStatus.REJECTED)]
    pieces = highlighted(text, drafts, drafts[0], [(0, len(text))])
    assert [(p["text"], p["kinds"], p["focus"], p["anchors"]) for p in pieces] == [
        ("Turkey", ["country", "deal"], False, [2, 3]),
        (" paid ", ["deal"], False, []),
        ("$2.5 billion", ["deal", "money"], True, [1]),
        (" for S-400 systems", ["deal"], False, []),  # the rejected system draft is not marked
        (".", [], False, []),
    ]


def test_windows_keep_the_lines_of_far_apart_drafts_and_mark_the_gaps():
    lines = [f"Line {i} speaks of Turkey and India at some length." for i in range(200)]
    text = "\n".join(lines)
    first, last = text.index("Turkey", 1000), text.rindex("India")
    drafts = [_Draft(1, "country", first, first + 6), _Draft(2, "country", last, last + 5)]
    shown = windows(text, drafts, None)
    assert [text[a:b] for a, b in shown] == [text[text.rindex("\n", 0, first) + 1 : text.index("\n", first)], lines[-1]]
    pieces = highlighted(text, drafts, None, shown)
    assert [p.get("gap", False) for p in pieces] == [True, False, False, False, True, False, False, False]
    assert "".join(p.get("text", "|") for p in pieces).count("|") == 2
    assert all(b - a < len(lines[0]) + 2 * CONTEXT for a, b in shown)


def test_the_command_refuses_a_100000_word_article_unless_told_otherwise(tmp_path, monkeypatch):
    path = tmp_path / "long.txt"
    path.write_text(long_article(100_000), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(CommandError) as refused:
        call_command("ingest", str(path), "--outlet", "Volga Courier", "--published", "June 5, 2024")
    assert time.perf_counter() - start < 5
    assert str(refused.value).startswith(
        f"The article has {len(path.read_text().split()):,} words; the command ingests at most {MAX_WORDS:,} words"
    )
    assert "--no-word-limit" in str(refused.value)
    # Nothing half-written: neither the article nor the outlet it named.
    assert not Article.objects.exists() and not Organisation.objects.filter(name="Volga Courier").exists()

    # Told otherwise, it reads an article over the limit (a smaller limit, for a quick test).
    monkeypatch.setattr("ingest.documents.MAX_WORDS", 60)
    path.write_text(" ".join(long_article(100).split()[:61]), encoding="utf-8")
    with pytest.raises(CommandError, match="The article has 61 words; the command ingests at most 60 words"):
        call_command("ingest", str(path), "--outlet", "Interfax", "--published", "June 5, 2024")
    call_command("ingest", str(path), "--outlet", "Interfax", "--published", "June 5, 2024", "--no-word-limit",
                 stdout=io.StringIO())
    assert Article.objects.get().drafts.exists()
