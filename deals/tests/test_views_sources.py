"""Sources: the list (/sources/) and a source's page (/sources/<slug>/), whose text has every
cited excerpt highlighted, even where excerpts overlap."""
import re
from html.parser import HTMLParser

import pytest

from deals.models import CITATION_TARGETS, Source, Statement
from deals.tests.builders import build_citation, build_deal, build_source, build_statement
from deals.views.sources import highlighted_text
from history.services import data_changed
from lists.keyset import MAX_NUMBERED_PAGE

pytestmark = pytest.mark.django_db

URL = "/sources/"
ARTICLE_002 = "002_3883c2c760ea2280"


class SourceText(HTMLParser):
    """Reads the highlighted text back: the plain text, which citations cover each character,
    the text and links inside each citation's own mark (the one with its id), and whether
    the tags nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # open elements: (tag, citation pk or None, carries the id, is a fact link)
        self.text = ""
        self.coverage = []  # per character of text: the pks of the citations covering it
        self.marks = {}  # pk -> {"text": ..., "links": [...]}, from the mark carrying its id
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        pk, own = None, False
        if tag == "mark" and attrs.get("id", "").startswith("citation-"):
            pk, own = int(attrs["id"].removeprefix("citation-")), True
            assert pk not in self.marks, "a citation's id appears twice"
            self.marks[pk] = {"text": "", "links": []}
        elif tag == "mark" and "data-citation" in attrs:
            pk = int(attrs["data-citation"])
        fact_link = tag == "a" and "fact-link" in (attrs.get("class") or "")
        if fact_link:
            for open_pk in self.own_marks():
                self.marks[open_pk]["links"].append(attrs["href"])
        self.stack.append((tag, pk, own, fact_link))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.balanced = False
            return
        self.stack.pop()

    def handle_data(self, data):
        if any(fact_link for *_, fact_link in self.stack):
            return
        self.text += data
        self.coverage.extend([{pk for tag, pk, _, _ in self.stack if pk is not None}] * len(data))
        for pk in self.own_marks():
            self.marks[pk]["text"] += data

    def own_marks(self):
        return [pk for _, pk, own, _ in self.stack if own]


def read_source_text(html):
    match = re.search(r'<div class="source-text"[^>]*>(.*?)</div>\s*</section>', html, re.DOTALL)
    assert match, "no source text"
    parser = SourceText()
    parser.feed(match.group(1))
    parser.close()
    assert parser.balanced and not parser.stack, "marks are not properly nested"
    return parser


def expected_coverage(text, citations):
    coverage = [set() for _ in text]
    for citation in citations:
        start = text.index(citation.excerpt)
        for position in range(start, start + len(citation.excerpt)):
            coverage[position].add(citation.pk)
    return coverage


def assert_no_inline_style_or_script(html):
    assert "style=" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None, "an inline script"


# --- The list -------------------------------------------------------------------------------


def test_source_list_shows_outlet_agencies_date_notes_and_facts_drawn(client):
    response = client.get(URL)

    assert response.status_code == 200
    sources = {s.slug: s for s in response.context["object_list"]}
    assert set(sources) == set(Source.objects.values_list("slug", flat=True))
    article = Source.objects.get(slug=ARTICLE_002)
    facts = {(target, getattr(c, f"{target}_id")) for c in article.citations.all() for target in CITATION_TARGETS
             if getattr(c, f"{target}_id")}
    assert sources[ARTICLE_002].fact_count == len(facts)
    html = response.content.decode()
    assert 'href="/organisations/al-bawaba/">Al Bawaba</a>' in html
    assert 'href="/organisations/bloomberg/">Bloomberg</a>, <a href="/organisations/sputnik/">Sputnik</a>' in html
    assert article.notes[:60].replace("'", "&#x27;") in html
    assert re.search(r'class="date date-month"[^>]*>Jun 2019<', html)
    assert html.count("<h1>") == 1
    assert_no_inline_style_or_script(html)


def test_source_text_filter(client):
    response = client.get(URL, {"q": "Al Bawaba"})

    assert [s.slug for s in response.context["object_list"]] == [ARTICLE_002]


def test_source_year_filter(client):
    response = client.get(URL, {"year_from": 2021, "year_to": 2021})

    sources = list(response.context["object_list"])
    assert sources and all(s.date_earliest.year <= 2021 <= s.date_latest.year for s in sources)
    assert ARTICLE_002 not in {s.slug for s in sources}


@pytest.mark.parametrize(
    "query, parameter",
    [({"year_from": "abc"}, "year_from"), ({"year_to": "99999"}, "year_to"), ({"q": "\x00"}, "q")],
)
def test_source_list_invalid_filter_is_400_naming_it(client, query, parameter):
    response = client.get(URL, query)

    assert response.status_code == 400
    assert "<h1>Sources</h1>" in response.content.decode()
    assert f"<code>{parameter}</code>" in response.content.decode()


def test_source_list_page_past_the_end_is_404(client):
    assert client.get(URL, {"page": MAX_NUMBERED_PAGE}).status_code == 404


# --- A source's page --------------------------------------------------------------------------


def fact_entries(html):
    """The list of facts drawn, read back: {anchor: (number, the fact's address, its label)}."""
    facts = html.split('id="facts-heading"')[1]
    return {
        anchor: (int(number), href, label)
        for anchor, number, href, label in re.findall(r'<li id="([^"]+)" value="(\d+)"><a href="([^"]+)">([^<]*)</a>', facts)
    }


def test_fake_news_excerpt_is_marked_and_linked_to_its_statement(client):
    statement = Statement.objects.get(text="Let them [media outlets] continue spreading fake news")
    citation = statement.citations.get(source__slug=ARTICLE_002)

    html = client.get(f"/sources/{ARTICLE_002}/").content.decode()

    mark = read_source_text(html).marks[citation.pk]
    assert "Let them [media outlets] continue spreading fake news" in mark["text"]
    # The chip after the excerpt leads to the statement's entry in the list, which links to it.
    assert mark["links"] == [f"#fact-statement-{statement.pk}"]
    assert fact_entries(html)[f"fact-statement-{statement.pk}"][1] == f"/statements/{statement.pk}/"
    assert citation.get_absolute_url() == f"/sources/{ARTICLE_002}/#citation-{citation.pk}"


def test_facts_citing_one_excerpt_have_chips_saying_which_fact(client):
    excerpt = "The S-400 complex was bought from Russia by three states-China, Turkey and India."
    html = client.get("/sources/000_d991f9e5e247daee/").content.decode()

    # Each citation's mark closes after the excerpt with its link to the fact: the links in a row.
    links = re.match(r"(?:<a [^>]*>.*?</a></mark>)+", html[html.index(excerpt) + len(excerpt) :]).group(0)
    chips = re.findall(r'<a class="fact-link" href="#([^"]+)">([^<]*)</a>', links)
    entries = fact_entries(html)
    assert [(entries[anchor][1], text) for anchor, text in chips] == [
        ("/deals/ru-cn-s-400/", f"fact {entries[chips[0][0]][0]} (deal)"),
        ("/deals/ru-in-s-400/", f"fact {entries[chips[1][0]][0]} (deal)"),
        ("/deals/ru-tr-s-400/", f"fact {entries[chips[2][0]][0]} (deal)"),
    ]
    assert len({text for _, text in chips}) == 3


def test_statement_chip_leads_to_its_entry_naming_the_speaker(client):
    statement = Statement.objects.get(text="Let them [media outlets] continue spreading fake news")

    html = client.get(f"/sources/{ARTICLE_002}/").content.decode()

    number, href, label = fact_entries(html)[f"fact-statement-{statement.pk}"]
    assert f'<a class="fact-link" href="#fact-statement-{statement.pk}">fact {number} (statement)</a>' in html
    assert label.startswith("Yuri Borisov")


def test_every_citation_of_the_source_has_its_mark_and_the_text_is_whole(client):
    source = Source.objects.get(slug=ARTICLE_002)
    citations = list(source.citations.all())

    response = client.get(f"/sources/{ARTICLE_002}/")

    assert response.status_code == 200
    parsed = read_source_text(response.content.decode())
    assert set(parsed.marks) == {c.pk for c in citations}
    assert parsed.text == source.text  # line breaks and all, nothing added or lost
    assert parsed.coverage == expected_coverage(source.text, citations)
    for citation in citations:
        assert f'href="{citation.fact.get_absolute_url()}"' in response.content.decode()  # all on one page


def test_facts_drawn_are_grouped_by_kind_and_linked(client):
    source = Source.objects.get(slug=ARTICLE_002)

    html = client.get(f"/sources/{ARTICLE_002}/").content.decode()

    facts = html.split('id="facts-heading"')[1]
    headings = re.findall(r"<h3>(\w+)</h3>", facts)
    assert headings == ["Deals", "Contracts", "Deliveries", "Statements", "Events", "Specifications"]
    for citation in source.citations.all():
        assert f'href="{citation.fact.get_absolute_url()}"' in facts
        assert f'href="#citation-{citation.pk}"' in facts


def test_text_outside_and_inside_marks_is_escaped(client):
    source = build_source(text='<script>alert("x")</script> & <b>bold</b>\nfive S-400 regiments <i>here</i>')
    build_citation(source=source, excerpt="five S-400 regiments <i>here</i>")

    html = client.get(source.get_absolute_url()).content.decode()

    assert "<script>alert" not in html and "<b>bold</b>" not in html and "<i>here</i>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;\n" in html
    assert "five S-400 regiments &lt;i&gt;here&lt;/i&gt;" in html
    assert read_source_text(html).text == source.text


def test_overlapping_and_nested_excerpts_render(client):
    text = "Alpha beta gamma delta epsilon.\nZeta eta theta."
    source = build_source(text=text)
    statement = build_statement()
    excerpts = [
        "Alpha beta gamma",  # crosses the next one
        "gamma delta epsilon",
        "beta gamma",  # inside the first
        "Alpha beta gamma",  # the same span cited by another fact
        "epsilon.\nZeta",  # across a line break
        "Zeta eta theta.",
    ]
    citations = [build_citation(source=source, excerpt=excerpt, statement=statement) for excerpt in excerpts]

    response = client.get(source.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    parsed = read_source_text(html)
    assert set(parsed.marks) == {c.pk for c in citations}
    assert parsed.text == text
    assert parsed.coverage == expected_coverage(text, citations)
    assert all(html.count(f'id="citation-{c.pk}"') == 1 for c in citations)
    assert parsed.marks[citations[0].pk]["text"].startswith("Alpha beta gamma")
    for citation in citations:
        assert parsed.marks[citation.pk]["text"]


def test_highlighting_places_an_excerpt_missing_from_the_text_nowhere():
    source = build_source()
    placed = build_citation(source=source)
    missing = build_citation(source=source, excerpt="not in the text")

    html, unplaced = highlighted_text(source.text, [placed, missing])

    assert unplaced == [missing]
    assert f'id="citation-{placed.pk}"' in html and f'id="citation-{missing.pk}"' not in html


def test_unknown_source_is_404(client):
    assert client.get("/sources/no-such-source/").status_code == 404


@pytest.fixture
def much_cited_source():
    """A source from which 55 statements are drawn, each from its own sentence: two pages of facts."""
    sentences = [f"Claim number {n:02d} was made." for n in range(1, 56)]
    source = build_source(text=" ".join(sentences))
    statements = [build_statement(text=f"Claim {n}") for n in range(1, 56)]
    for sentence, statement in zip(sentences, statements, strict=True):
        build_citation(source=source, excerpt=sentence, statement=statement)
    return source, statements


def test_second_page_of_facts_shows_the_51st_fact(client, much_cited_source):
    source, statements = much_cited_source

    first = client.get(source.get_absolute_url()).content.decode()
    second = client.get(source.get_absolute_url(), {"facts_page": 2}).content.decode()

    assert [number for number, *_ in fact_entries(first).values()] == list(range(1, 51))
    assert fact_entries(second) == {
        f"fact-statement-{s.pk}": (n, f"/statements/{s.pk}/", f"A. Minister: Reported: Claim {n}")
        for n, s in enumerate(statements[50:], start=51)
    }
    assert 'href="?facts_page=2#facts" rel="next"' in first
    assert 'href="?facts_page=1#facts" rel="prev"' in second
    assert "facts 51–55 of 55" in second


def test_every_excerpt_is_highlighted_on_each_page_and_its_chip_finds_its_fact(client, much_cited_source):
    source, statements = much_cited_source

    for page in (1, 2):
        html = client.get(source.get_absolute_url(), {"facts_page": page}).content.decode()
        parsed = read_source_text(html)
        assert parsed.text == source.text
        assert len(parsed.marks) == 55
        chips = {link for mark in parsed.marks.values() for link in mark["links"]}
        # The 51st fact is listed on page 2: from page 1 its chip leads there, on page 2 to the entry.
        fifty_first = f"fact-statement-{statements[50].pk}"
        assert (f"?facts_page=2#{fifty_first}" if page == 1 else f"#{fifty_first}") in chips
        assert (f"#fact-statement-{statements[0].pk}" if page == 1 else f"?facts_page=1#fact-statement-{statements[0].pk}") in chips


@pytest.mark.parametrize("value", ["x", "0", "-1", "1.5"])
def test_malformed_facts_page_is_400_naming_it(client, much_cited_source, value):
    source, _ = much_cited_source

    response = client.get(source.get_absolute_url(), {"facts_page": value})

    assert response.status_code == 400
    assert "<code>facts_page</code>" in response.content.decode()


def test_facts_page_past_the_end_is_404(client, much_cited_source):
    source, _ = much_cited_source

    assert client.get(source.get_absolute_url(), {"facts_page": 3}).status_code == 404


# --- Queries --------------------------------------------------------------------------------

# count and page (with outlets), their agencies
LIST_QUERIES = 3 + 1  # + the knowledge base version for the ETag (config/caching.py)
LIST_QUERIES += 1  # + the sources' coverage the downloads line states (deals.totals.source_coverage, once per version)
LIST_QUERIES += 1  # + the outlet facet: the leading outlets under the other filters (a GROUP BY)
# source (with outlet), its agencies, its citations (their excerpts and facts' keys), the facts
# on the page of the list with their names and links
DETAIL_QUERIES = 4 + 1  # + the knowledge base version for the ETag (config/caching.py)


def test_source_pages_query_counts_do_not_grow_with_rows(client, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        client.get(URL)
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(f"/sources/{ARTICLE_002}/")

    source = Source.objects.get(slug=ARTICLE_002)
    deal = build_deal()
    for excerpt in ("Moscow Denies", "Bloomberg claimed", "Original source"):
        build_citation(source=source, excerpt=excerpt, deal=deal)
        build_citation(source=source, excerpt=excerpt, statement=build_statement())
        build_citation(source=build_source(), deal=deal)
    data_changed(reason="more citations")  # as every write does

    with django_assert_num_queries(LIST_QUERIES):
        client.get(URL)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(f"/sources/{ARTICLE_002}/")
    assert set(read_source_text(response.content.decode()).marks) == set(source.citations.values_list("pk", flat=True))
