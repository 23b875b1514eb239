"""Site search (/search/ and /api/search/): names, aliases, phrases and quotes found first,
escaped snippets with <mark>, facets by kind, clear 400s, and an index kept current."""
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Q

from countries.models import Country
from deals.models import Deal, Person, Source, Statement
from deals.tests.builders import build_deal, build_statement
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def hits(client, q, **params):
    response = client.get("/api/search/", {"q": q, **params})
    assert response.status_code == 200, response.content
    return response.json()


def first_of(results, kind=None):
    return next(hit for hit in results["results"] if kind is None or hit["kind"] == kind)


def test_a_name_finds_the_person_first(client):
    assert first_of(hits(client, "Peskov"))["url"] == "http://testserver/people/dmitry-peskov/"


def test_an_alias_finds_the_country_first_among_countries(client):
    results = hits(client, "Ankara")

    assert first_of(results)["url"] == "http://testserver/countries/TR/"
    assert results["facets"]["country"] == 1 and results["count"] > 1
    assert "<mark>Ankara</mark>" in first_of(results)["snippet"]
    ranks = [hit["rank"] for hit in results["results"]]
    assert ranks[0] > ranks[1] and ranks == sorted(ranks, reverse=True)


@pytest.mark.parametrize("q, url", [
    ("Moscow", "/countries/RU/"),
    ("New Delhi", "/countries/IN/"),
    ("turkish", "/countries/TR/"),
    ("TR", "/countries/TR/"),
    ("Dmitry Peskov", "/people/dmitry-peskov/"),
])
def test_a_record_named_by_the_whole_query_comes_first_overall(client, q, url):
    results = hits(client, q)

    assert first_of(results)["url"] == f"http://testserver{url}"
    assert results["results"][0]["rank"] > results["results"][1]["rank"]


def test_a_title_outranks_the_same_word_in_text(client):
    """After Russia (whose alias is Moscow), the article titled "Moscow Denies…" comes
    before every record that only mentions Moscow in its text."""
    source = Source.objects.get(title__startswith="Moscow Denies")

    results = hits(client, "Moscow")["results"]

    assert [hit["url"] for hit in results[:2]] == [
        "http://testserver/countries/RU/", f"http://testserver/sources/{source.slug}/",
    ]
    assert all("moscow" not in hit["title"].lower() for hit in results[2:])


def test_a_system_alias_finds_the_system(client):
    assert first_of(hits(client, "Triumf"))["url"] == "http://testserver/systems/s-400/"


def test_a_phrase_from_an_article_finds_the_article_first(client):
    results = hits(client, '"The file picture shows sophisticated Russian-made"')

    assert first_of(results)["url"] == "http://testserver/sources/004_780518f76a4dacf2/"
    assert "<mark>" in first_of(results)["snippet"]


def test_words_of_a_quote_find_the_statement_first(client):
    results = hits(client, "fake news")

    assert first_of(results)["url"] == "http://testserver/statements/20/"
    assert Statement.objects.get(pk=20).speaker.slug == "yuri-borisov"
    assert first_of(results)["snippet"].endswith("<mark>fake</mark> <mark>news</mark>")


@pytest.mark.parametrize("q", ["-", "the", "The", "of the", "—", "...", '"the"', "-the"])
def test_stop_words_and_punctuation_alone_find_nothing(client, q):
    """PostgreSQL drops English stop words and punctuation from a query; SQLite does too,
    so both answer these with no results rather than (on SQLite) nearly every record."""
    results = hits(client, q)

    assert (results["count"], results["facets"], results["results"]) == (0, {}, [])


def test_stop_words_beside_other_words_are_ignored(client):
    with_stop_words = hits(client, "the S-400 of")
    plain = hits(client, "S-400")

    assert with_stop_words["count"] == plain["count"] > 0
    assert with_stop_words["facets"] == plain["facets"]
    assert "<mark>the</mark>" not in " ".join(hit["snippet"] for hit in with_stop_words["results"]).lower()


def test_accents_are_folded_in_the_query_and_the_records(client):
    accented, plain = hits(client, "Erdoğan"), hits(client, "Erdogan")

    assert accented["count"] == plain["count"] > 0
    assert [hit["url"] for hit in accented["results"]] == [hit["url"] for hit in plain["results"]]
    assert first_of(accented)["url"] == "http://testserver/people/recep-tayyip-erdogan/"
    unaccented = hits(client, "Turkiye")
    assert first_of(unaccented)["url"] == "http://testserver/countries/TR/"
    assert "<mark>Türkiye</mark>" in first_of(unaccented)["snippet"]


def test_an_accented_record_is_found_and_marked_without_its_accents(client):
    build_statement(text="Çavuşoğlu spoke to zqxv reporters in Kraków.")

    [hit] = hits(client, "cavusoglu krakow")["results"]

    assert hit["snippet"] == "<mark>Çavuşoğlu</mark> spoke to zqxv reporters in <mark>Kraków</mark>."


def test_a_country_alias_finds_every_deal_of_the_country(client):
    turkish = Deal.objects.filter(Q(supplier="TR") | Q(recipient="TR"))

    results = hits(client, "Ankara", kind="deal")

    assert turkish.count() == 7
    assert sorted(hit["url"] for hit in results["results"]) == sorted(
        f"http://testserver{deal.get_absolute_url()}" for deal in turkish
    )


def test_statement_hits_are_titled_by_the_speaker_and_the_normalised_date(client):
    build_statement(
        text="The zqxv batteries arrive soon.", date_words="on Wednesday", date_edtf="2019-07-10",
        date_earliest="2019-07-10", date_latest="2019-07-10", date_basis="stated",
    )

    [hit] = hits(client, "zqxv")["results"]

    assert hit["title"].endswith(", 10 Jul 2019")
    assert "Wednesday" not in hit["title"]
    assert first_of(hits(client, "Ankara", kind="statement"))["title"] == "Recep Tayyip Erdogan, Apr 2018"


def test_air_defence_finds_what_air_defense_finds(client):
    british, american = hits(client, "air defence"), hits(client, "air defense")

    assert british["count"] == american["count"] > 10
    assert [hit["url"] for hit in british["results"]] == [hit["url"] for hit in american["results"]]


def test_a_designator_written_without_its_hyphen_finds_what_it_finds_with_it(client):
    """"S400" is how many type it: it finds the S-400's deals, as "S-400" does."""
    run_together, hyphenated = hits(client, "S400", kind="deal"), hits(client, "S-400", kind="deal")

    assert run_together["count"] == hyphenated["count"] >= 5
    assert {hit["url"] for hit in run_together["results"]} == {hit["url"] for hit in hyphenated["results"]}
    assert "http://testserver/deals/ru-tr-s-400/" in {hit["url"] for hit in run_together["results"]}


@pytest.mark.parametrize("dash", ["\u2013", "\u2011"])  # an en dash, a non-breaking hyphen
def test_a_designator_copied_with_a_typeset_dash_finds_what_the_hyphen_finds(client, dash):
    typeset, hyphenated = hits(client, f"S{dash}400", kind="deal"), hits(client, "S-400", kind="deal")

    assert typeset["count"] == hyphenated["count"] >= 5
    assert 'href="/deals/ru-tr-s-400/"' in client.get("/deals/", {"q": f"S{dash}400"}).content.decode()


def test_the_deal_list_and_the_system_suggestions_take_s400(client):
    listed = client.get("/deals/", {"q": "s400"}).content.decode()
    assert 'href="/deals/ru-tr-s-400/"' in listed and "No deal matches" not in listed

    suggested = client.get("/choices/deals/system/", {"q": "s400"}).json()
    assert "s-400" in [choice["value"] for choice in suggested["results"]]


@pytest.fixture
def both_spellings():
    """A British and an American statement of the same words."""
    return (
        build_statement(text="The zqxv air defence programme was organised in the centre."),
        build_statement(text="The zqxv air defense program was organized in the center."),
    )


@pytest.mark.parametrize("q", [
    "zqxv air defence programme organised centre",
    "zqxv air defense program organized center",
    "zqxv defense programme organised center",
    '"zqxv air defence"',
    '"zqxv air defense"',
])
def test_british_and_american_spellings_find_each_other(client, both_spellings, q):
    results = hits(client, q)

    assert sorted(hit["url"] for hit in results["results"]) == sorted(
        f"http://testserver{statement.get_absolute_url()}" for statement in both_spellings
    )


def test_a_word_left_out_is_left_out_in_either_spelling(client, both_spellings):
    radar = build_statement(text="The zqxv radar was moved.")

    assert [hit["url"] for hit in hits(client, "zqxv -defence")["results"]] == [
        f"http://testserver{radar.get_absolute_url()}"
    ]
    assert [hit["url"] for hit in hits(client, "zqxv -organize")["results"]] == [
        f"http://testserver{radar.get_absolute_url()}"
    ]


def test_the_other_spelling_is_marked_in_the_snippet(client, both_spellings):
    american = both_spellings[1]

    [hit] = [hit for hit in hits(client, "zqxv defence programme")["results"] if hit["url"].endswith(american.get_absolute_url())]

    assert "<mark>defense</mark>" in hit["snippet"] and "<mark>program</mark>" in hit["snippet"]


def test_kind_narrows_the_results_and_facets_count_every_kind(client):
    everything = hits(client, "Ankara")
    statements = hits(client, "Ankara", kind="statement")

    assert statements["facets"] == everything["facets"]
    assert {hit["kind"] for hit in statements["results"]} == {"statement"}
    assert statements["count"] == everything["facets"]["statement"] < everything["count"]


def test_snippets_escape_the_text_and_mark_the_words(client):
    build_statement(text="Fish & chips <i>zqxw</i> 'ok'")

    [hit] = hits(client, "zqxw")["results"]

    assert hit["snippet"] == "Fish &amp; chips &lt;i&gt;<mark>zqxw</mark>&lt;/i&gt; &#x27;ok&#x27;"


def deal_hit(client, q, slug):
    [hit] = [hit for hit in hits(client, q, kind="deal")["results"] if hit["url"].endswith(f"/deals/{slug}/")]
    return hit


@pytest.mark.parametrize("q, slug, said", [
    # Neither the title nor the summary says Ankara: the recipient's alias found the deal.
    ("Ankara", "ru-tr-su-35", "Recipient: Turkey, also known as <mark>Ankara</mark>. "),
    ("Beijing", "cn-tr-air-defence", "Supplier: China, also known as <mark>Beijing</mark>. "),
    ("Moscow", "ru-ir-s-300", "Supplier: Russia, also known as <mark>Moscow</mark>. "),
])
def test_a_deal_found_by_a_partys_other_name_says_whose_name_it_is_then_its_summary(client, q, slug, said):
    deal = Deal.objects.get(slug=slug)
    assert q.lower() not in (deal.summary + deal.label).lower()

    snippet = deal_hit(client, q, slug)["snippet"]

    assert snippet.startswith(said)
    # Then the summary from its beginning, not the deal's keywords, a row of every name.
    assert snippet[len(said):].startswith(deal.summary[:40].replace("'", "&#x27;"))
    assert "Republic of" not in snippet and deal.slug not in snippet


def test_a_deal_found_by_its_systems_other_name_names_the_system_and_the_matching_names_only(client):
    snippet = deal_hit(client, "Triumph", "ru-in-s-400")["snippet"]

    assert snippet.startswith("System: S-400 <mark>Triumf</mark>, also known as S-400 <mark>Triumph</mark>, <mark>Triumph</mark>. ")
    assert "S-400s" not in snippet  # an alias the words do not match is not listed


def test_a_deal_found_by_its_address_shows_its_summary_not_its_keywords(client):
    deal = Deal.objects.get(slug="ru-tr-s-400")

    snippet = deal_hit(client, "ru-tr-s-400", "ru-tr-s-400")["snippet"]

    assert snippet.startswith(deal.summary[:40])
    assert "Triumf" not in snippet and "Ankara" not in snippet


def test_the_search_page_shows_whose_other_name_found_a_deal(client):
    html = client.get("/search/", {"q": "Ankara", "kind": "deal"}).content.decode()

    assert "Recipient: Turkey, also known as <mark>Ankara</mark>. It was officially reported" in html
    assert "Republic of Turkey Republic of Turkiye" not in html


def test_search_page_shows_ranked_hits_with_facet_links(client):
    response = client.get("/search/", {"q": "Ankara"})

    html = response.content.decode()
    assert response.status_code == 200
    results = html[html.index('<ol class="search-results"'):]
    assert results.index('href="/countries/TR/"') < results.index('href="/statements/')
    assert 'href="?q=Ankara&amp;kind=statement"' in html
    assert "<mark>Ankara</mark>" in html
    assert "<script" not in html


def test_a_search_that_finds_nothing_says_so(client):
    response = client.get("/search/", {"q": "zqxwvk"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing matches “zqxwvk”." in html
    assert 'class="search-results"' not in html and 'class="facets"' not in html


def test_a_kind_without_hits_says_so_and_links_the_kinds_that_have_some(client):
    response = client.get("/search/", {"q": "Ankara", "kind": "system"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing matches “Ankara” among weapon systems." in html
    assert 'href="?q=Ankara&amp;kind=country"' in html


def test_search_page_without_a_query_shows_the_form(client):
    response = client.get("/search/")

    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


@pytest.mark.parametrize("q", ["", "   "])
def test_a_blank_search_shows_the_form_and_what_to_try_but_the_api_refuses_it(client, q):
    """The header's box sent empty is no error on the page (a 200 with the form, a hint and
    where to browse); a script asking the API for nothing is told so."""
    page = client.get("/search/", {"q": q})
    html = page.content.decode()

    assert page.status_code == 200
    assert "Type a name or a few words to search for." in html and "could not be run" not in html
    assert 'href="/deals/"' in html and 'href="/timeline/"' in html
    assert client.get("/api/search/", {"q": q}).json() == {"q": ["Type the words to search for."]}


def test_nothing_found_says_what_to_try_next(client):
    html = client.get("/search/", {"q": "zqxwv", "kind": "person"}).content.decode()

    assert "Nothing matches “zqxwv” among people." in html
    assert 'href="?q=zqxwv"' in html and "Try fewer words" in html and 'href="/countries/"' in html


@pytest.mark.parametrize("q, message", [
    ("x" * 201, "Use at most 200 characters."),
    ("Ankara\x00", "Contains a NUL character, which no value may contain."),
])
def test_a_query_that_cannot_be_searched_is_400_with_a_message(client, q, message):
    page = client.get("/search/", {"q": q})
    api = client.get("/api/search/", {"q": q})

    assert page.status_code == api.status_code == 400
    assert message in page.content.decode()
    assert api.json() == {"q": [message]}


def test_malformed_page_number_is_400_on_the_search_page_and_past_the_end_404(client):
    malformed = client.get("/search/", {"q": "S-400", "page": "abc"})

    assert malformed.status_code == 400
    assert "A page number is a whole number from 1 to 2147483647." in malformed.content.decode()
    assert client.get("/search/", {"q": "S-400", "page": "999"}).status_code == 404
    assert client.get("/search/", {"q": "S-400", "page": "1"}).status_code == 200


def test_missing_query_and_unknown_kind_are_400_in_the_api(client):
    assert client.get("/api/search/").json() == {"q": ["Type the words to search for."]}
    assert list(client.get("/api/search/", {"q": "S-400", "kind": "tank"}).json()) == ["kind"]


def test_saving_a_record_updates_the_index(client):
    deal = build_deal(slug="test-search-deal", subject="Zqxy interceptors")
    assert first_of(hits(client, "zqxy"))["url"] == "http://testserver/deals/test-search-deal/"

    deal.subject = "Other interceptors"
    deal.summary = "Nothing to see."
    deal.save()
    assert hits(client, "zqxy")["count"] == 0

    Deal.objects.get(slug="test-search-deal").delete()
    assert not SearchDocument.objects.filter(kind="deal", object_key=str(deal.pk)).exists()


def test_a_new_country_alias_is_searchable(client):
    Country.objects.get(code="TR").aliases.create(name="Zqxistan", kind="spelling")

    assert first_of(hits(client, "Zqxistan"))["url"] == "http://testserver/countries/TR/"


def test_rebuild_command_indexes_every_record(client):
    SearchDocument.objects.all().delete()

    call_command("rebuild_search_index", verbosity=0)

    assert SearchDocument.objects.filter(kind="country").count() == Country.objects.count()
    assert SearchDocument.objects.filter(kind="statement").count() == Statement.objects.count()
    assert first_of(hits(client, "Peskov"))["url"] == "http://testserver/people/dmitry-peskov/"


def test_migrating_the_documents_rebuilds_the_index():
    from django.db.migrations.loader import MigrationLoader

    from search.apps import rebuild_after_document_changes

    SearchDocument.objects.filter(kind="country").update(names="")
    migration = MigrationLoader(connection).get_migration("search", "0003_searchdocument_names")

    rebuild_after_document_changes(sender=None, plan=[(migration, True)])
    assert not SearchDocument.objects.filter(kind="country", object_key="TR", names__contains="Ankara").exists()
    rebuild_after_document_changes(sender=None, plan=[(migration, False)])

    assert SearchDocument.objects.get(kind="country", object_key="TR").names.split("\n")[:2] == ["TR", "Ankara"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only")
def test_postgresql_search_uses_the_gin_index_on_the_stored_vector():
    from search.services import matching_documents, search

    def plan(queryset):
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # the curated table is small
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())

    assert "search_document_vector_gin" in plan(matching_documents("fake news"))
    # The ranked candidates are matched against the stored vector, never recomputed.
    assert "to_tsvector" not in plan(search(query="fake news").hits.queryset)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite reads its candidates in key order")
def test_postgresql_reads_the_candidates_through_the_indexes_so_a_search_takes_the_same_sample_each_time():
    """A kind's first matches come in no set order. A table scan of a large table starts
    where another scan has got to (synchronize_seqscans), so the same search for a common
    word ranked a different sample each time; read through the indexes, with no parallel
    workers, the sample is the same while the records are. The curated table is small
    enough that the planner would scan it."""
    from search.services import search

    plans = []

    def explain_the_candidates(execute, sql, params, many, context):
        if " UNION ALL " in sql and not sql.startswith("EXPLAIN"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql, params)
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain_the_candidates):
        results = search(query="delivered", kind="statement")

    assert len(plans) == 1 and "Index Scan" in plans[0], plans
    assert "Seq Scan" not in plans[0] and "Parallel" not in plans[0]
    assert results.facets["statement"] > 0


@pytest.fixture
def few_candidates(monkeypatch):
    from search import services

    monkeypatch.setattr(services, "CANDIDATES", 3)
    monkeypatch.setattr(services, "SCANNED", 12)


def test_a_common_word_ranks_a_bounded_set_and_its_facet_says_there_are_more(client, few_candidates):
    from deals.models import Person

    for letter in "ABCDEF":
        Person.objects.create(slug=f"quorum-{letter.lower()}", name=f"Quorum {letter}", description="A quorum keeper.")
    Person.objects.create(slug="quorum", name="Quorum", description="Named last, ranked first.")

    results = hits(client, "quorum")
    assert results["facets"] == {"person": 3}
    assert results["count"] == 4  # three candidates, and the record whose title is the query
    assert first_of(results)["url"] == "http://testserver/people/quorum/"
    html = client.get("/search/", {"q": "quorum"}).content.decode()
    assert "People (3+)" in html and "Everything (3+)" in html


def test_a_rare_word_is_counted_exactly(client, few_candidates):
    results = hits(client, "Peskov")

    assert results["facets"]["person"] == 1
    assert "People (1)</a>" in client.get("/search/", {"q": "Peskov"}).content.decode()


def test_a_title_is_the_query_only_when_it_is_all_of_it_accents_folded(client):
    """The ranking's half for "the query is the record's title" goes to the person whose
    whole name the query is, accents folded either way, and not to a longer title that
    merely begins with it nor to a record that only mentions it."""
    person = Person.objects.create(slug="cagri-ozdemiroglu", name="Çağrı Özdemiroğlu")
    Person.objects.create(slug="cagri-ozdemiroglu-junior", name="Çağrı Özdemiroğlu Junior")
    build_statement(text="Cagri Ozdemiroglu said Cagri Ozdemiroglu would go.")

    for q in ("cagri ozdemiroglu", "Çağrı Özdemiroğlu", "CAGRI  OZDEMIROGLU"):
        results = hits(client, q)["results"]
        named = [hit for hit in results if hit["rank"] >= 0.5]
        assert [hit["url"] for hit in named] == [f"http://testserver{person.get_absolute_url()}"], q
        assert results[0]["url"] == named[0]["url"] and len(results) == 3
    assert all(hit["rank"] < 0.5 for hit in hits(client, "Ozdemiroglu")["results"])
