"""Statements: the filtered list (/statements/) and a statement's page (/statements/<pk>/)."""
import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from deals.models import Deal, Organisation, Person, Statement
from deals.tests.builders import build_citation, build_deal, build_statement
from lists.keyset import MAX_NUMBERED_PAGE
from lists.testing import facet, leading

pytestmark = pytest.mark.django_db

URL = "/statements/"


def shown(response):
    return [statement.pk for statement in response.context["object_list"]]


def row(html, statement):
    match = re.search(rf'<tr id="statement-{statement.pk}">(.*?)</tr>', html, re.DOTALL)
    assert match, f"no row for statement {statement.pk}"
    return match.group(1)


def assert_no_inline_style_or_script(html):
    assert "style=" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None, "an inline script"


def test_list_shows_every_statement_dated_ones_in_order_undated_last(client):
    response = client.get(URL)

    assert response.status_code == 200
    statements = list(response.context["object_list"])
    assert len(statements) == Statement.objects.count()
    dated = [s for s in statements if s.date_earliest]
    assert statements[: len(dated)] == dated
    assert [(s.date_earliest, s.date_latest) for s in dated] == sorted((s.date_earliest, s.date_latest) for s in dated)
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert '<span class="date date-none">undated</span>' in html
    assert_no_inline_style_or_script(html)


def test_speaker_filter(client):
    response = client.get(URL, {"speaker": "dmitry-peskov"})

    expected = Statement.objects.filter(speaker__slug="dmitry-peskov")
    assert sorted(shown(response)) == sorted(s.pk for s in expected)
    assert "“I do not have such information”" in response.content.decode()


def test_speaker_filter_is_repeatable(client):
    response = client.get(URL, {"speaker": ["dmitry-peskov", "yuri-borisov"]})

    expected = Statement.objects.filter(speaker__slug__in=["dmitry-peskov", "yuri-borisov"])
    assert sorted(shown(response)) == sorted(s.pk for s in expected)
    assert {s.speaker.slug for s in response.context["object_list"]} == {"dmitry-peskov", "yuri-borisov"}


def test_denials_about_iran_are_borisovs_peskovs_and_sputniks(client):
    response = client.get(URL, {"stance": "denies", "country": "IR"})

    statements = list(response.context["object_list"])
    assert sorted(s.attribution for s in statements) == [
        "Dmitry Peskov (Kremlin (Office of the President of Russia))",
        "Sputnik",
        "Yuri Borisov",
        "Yuri Borisov",
    ]
    assert {s.text for s in statements} >= {"No", "Let them [media outlets] continue spreading fake news"}
    html = response.content.decode()
    sputnik = next(s for s in statements if s.organisation and s.organisation.slug == "sputnik")
    assert 'href="/organisations/sputnik/">Sputnik</a>' in row(html, sputnik)
    peskov = next(s for s in statements if s.speaker and s.speaker.slug == "dmitry-peskov")
    assert 'href="/people/dmitry-peskov/">Dmitry Peskov</a>' in row(html, peskov)
    assert 'href="/organisations/kremlin/"' in row(html, peskov)


def test_text_search(client):
    response = client.get(URL, {"q": "fake news"})

    assert [s.text for s in response.context["object_list"]] == ["Let them [media outlets] continue spreading fake news"]


def test_mode_filter_and_how_words_are_shown(client):
    quotes = client.get(URL, {"mode": "quote"})
    reported = client.get(URL, {"mode": "reported"})

    assert sorted(shown(quotes)) == sorted(Statement.objects.filter(mode="quote").values_list("pk", flat=True))
    assert sorted(shown(reported)) == sorted(Statement.objects.filter(mode="reported").values_list("pk", flat=True))
    quote = Statement.objects.get(text="I do not have such information")
    assert '<span class="words words-quote">“I do not have such information”</span>' in row(quotes.content.decode(), quote)
    speech = Statement.objects.get(text__startswith="Tehran and Moscow were")
    speech_row = row(reported.content.decode(), speech)
    assert '<span class="reported-label">Reported:</span> Tehran and Moscow were' in speech_row
    assert "“Tehran and Moscow" not in speech_row


def test_stance_filter(client):
    response = client.get(URL, {"stance": "asserts"})

    assert sorted(shown(response)) == sorted(Statement.objects.filter(stance="asserts").values_list("pk", flat=True))
    assert all("Asserts or confirms" in row(response.content.decode(), s) for s in response.context["object_list"])


def test_country_filter(client):
    response = client.get(URL, {"country": "QA"})

    statements = list(response.context["object_list"])
    assert statements
    assert all(
        "QA" in {c.code for c in s.countries.all()} or any("QA" in (d.supplier_id, d.recipient_id) for d in s.deals.all())
        for s in statements
    )
    assert {s.speaker.slug for s in statements if s.speaker} >= {"ahmed-bin-nasser-al-thani", "nurmakhmad-kholov"}


def test_deal_filter(client):
    response = client.get(URL, {"deal": "ru-qa-s-400"})

    expected = Deal.objects.get(slug="ru-qa-s-400").statements.values_list("pk", flat=True)
    assert sorted(shown(response)) == sorted(expected)
    html = response.content.decode()
    assert 'href="/deals/ru-qa-s-400/">RU → QA: S-400 Triumph air defense systems</a>' in html


def test_year_filter(client):
    response = client.get(URL, {"year_from": 2021, "year_to": 2021})

    statements = list(response.context["object_list"])
    assert statements
    assert all(s.date_latest >= datetime.date(2021, 1, 1) and s.date_earliest <= datetime.date(2021, 12, 31) for s in statements)


def test_each_row_shows_role_medium_setting_stance_and_deals(client):
    html = client.get(URL).content.decode()
    shugaev = Statement.objects.get(text__startswith="Negotiations are continuing on the supply")

    cells = row(html, shugaev)
    assert 'href="/people/dmitry-shugaev/">Dmitry Shugaev</a>' in cells
    assert shugaev.speaker_role in cells
    assert 'href="/organisations/interfax/">Interfax</a>' in cells
    assert shugaev.setting in cells
    assert "Asserts or confirms" in cells
    assert 'href="/deals/ru-tr-s-400-second-batch/"' in cells
    assert f'href="/statements/{shugaev.pk}/"' in cells
    assert re.search(r'class="date date-day"[^>]*>14 Nov 2021<.*?“on Sunday”', cells)


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"speaker": "nobody"}, "speaker"),
        ({"country": "ZZ"}, "country"),
        ({"deal": "no-such-deal"}, "deal"),
        ({"mode": "bogus"}, "mode"),
        ({"stance": "bogus"}, "stance"),
        ({"year_from": "abc"}, "year_from"),
        ({"year_to": "99999"}, "year_to"),
        ({"q": "fake\x00news"}, "q"),
    ],
)
def test_invalid_filter_shows_the_page_with_a_message_naming_it_and_400(client, query, parameter):
    response = client.get(URL, query)

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Statements</h1>" in html
    assert f"<code>{parameter}</code>" in html
    assert list(response.context["object_list"]) == []


def test_unknown_parameters_are_ignored(client):
    response = client.get(URL, {"colour": "blue"})

    assert response.status_code == 200
    assert len(response.context["object_list"]) == Statement.objects.count()


@pytest.mark.parametrize("parameter, values", [("deal", ["ru-ir-s-400", "ru-qa-s-400"]), ("stance", ["denies", "asserts"]),
                                               ("mode", ["quote", "quote"]), ("year_from", ["2019", "2019.5"])])
def test_single_valued_parameter_given_twice_is_400_naming_it(client, parameter, values):
    response = client.get(URL, {parameter: values})

    assert response.status_code == 400
    html = response.content.decode()
    assert f"<li><code>{parameter}</code>: Give {parameter} only once; it takes a single value.</li>" in html
    assert list(response.context["object_list"]) == []


def test_empty_values_mean_the_filters_are_not_given(client):
    response = client.get(f"{URL}?speaker=&country=&deal=&stance=&mode=&year_from=&q=")

    assert response.status_code == 200
    assert len(response.context["object_list"]) == Statement.objects.count()


def test_stance_is_read_in_any_case(client):
    response = client.get(URL, {"stance": "Denies"})

    assert response.status_code == 200
    assert sorted(shown(response)) == sorted(Statement.objects.filter(stance="denies").values_list("pk", flat=True))


def choices(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.DOTALL)
    assert select, f"no {name} select"
    return re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select.group(0))


def test_country_choices_are_the_countries_statements_concern_with_counts(client):
    html = client.get(URL).content.decode()

    offered = facet(html, "country")
    for code, label in offered.items():
        count = client.get(URL, {"country": code}).context["paginator"].count
        assert label.endswith(f" ({count})"), (code, label, count)
    assert offered["IR"].startswith("Iran (") and "IN" not in offered  # India: no statement concerns it
    assert "Hold Ctrl" not in html and "Tick as many as you like." in html


def test_statements_about_countries_are_counted_once_each(client):
    """Filtered by country alone the total is counted from the statements' links: a statement
    that names a country and is about its deals too, or concerns both countries chosen,
    counts once."""
    for codes in (["TR"], ["TR", "IR"], ["QA"]):
        concerned = {
            statement.pk
            for statement in Statement.objects.prefetch_related("countries", "deals")
            if {c.code for c in statement.countries.all()} & set(codes)
            or any({deal.supplier_id, deal.recipient_id} & set(codes) for deal in statement.deals.all())
        }
        response = client.get(URL, {"country": codes})
        assert response.context["paginator"].count == len(concerned), codes
        assert {s.pk for s in response.context["object_list"]} <= concerned


def type_ahead(html, name):
    """The attributes of the text field of the type-ahead filter `name`."""
    fields = [dict(re.findall(r'([\w-]+)="([^"]*)"', attrs)) for attrs in re.findall(r"<input ([^>]*)>", html)]
    found = [attrs for attrs in fields if attrs.get("name") == name and attrs.get("type") == "text"]
    assert len(found) == 1, f"no single {name} text field"
    return found[0]


def suggested(client, parameter, term):
    response = client.get(f"/choices/statements/{parameter}/", {"q": term})
    assert response.status_code == 200
    return [(hit["value"], hit["label"]) for hit in response.json()["results"]]


def test_deal_and_speaker_are_type_ahead_fields_not_lists(client):
    html = client.get(URL).content.decode()

    assert '<select name="deal"' not in html and '<select name="speaker"' not in html
    deal = type_ahead(html, "deal")
    assert deal["data-suggest"] == "/choices/statements/deal/" and deal["list"] == "id_deal-suggestions"
    assert '<datalist id="id_deal-suggestions"></datalist>' in html
    assert type_ahead(html, "speaker")["data-suggest"] == "/choices/statements/speaker/"


def test_deal_suggestions_are_deals_with_statements_labelled_by_their_parties(client):
    hits = dict(suggested(client, "deal", "s-400"))

    assert hits["ru-ir-s-400"] == "RU → IR: S-400 missile defense systems"
    assert "ru-in-s-400" not in hits  # no statement is about India's deal
    with_statements = set(Deal.objects.filter(statements__isnull=False).values_list("slug", flat=True))
    assert set(hits) <= with_statements
    assert set(dict(suggested(client, "deal", "Iran"))) == {"ru-ir-s-400"}  # by the recipient's name


def test_speaker_suggestions_match_part_of_a_name_in_order_and_are_bounded(client):
    assert suggested(client, "speaker", "peskov") == [("dmitry-peskov", "Dmitry Peskov")]
    for number in range(25):
        person = Person.objects.create(slug=f"ivan-{number:02d}", name=f"Ivan Ivanov {number:02d}")
        build_statement(speaker=person)
    Person.objects.create(slug="ivan-silent", name="Ivan Ivanov 00 (silent)")  # said nothing

    hits = suggested(client, "speaker", "ivanov")
    assert hits == [(f"ivan-{number:02d}", f"Ivan Ivanov {number:02d}") for number in range(20)]


def test_a_speaker_typed_by_name_selects_as_by_slug_and_shows_ticked(client):
    by_slug = client.get(URL, {"speaker": "dmitry-peskov"})
    by_name = client.get(URL, {"speaker": "dmitry PESKOV"})

    assert by_name.status_code == 200
    assert sorted(shown(by_name)) == sorted(shown(by_slug)) != []
    html = by_name.content.decode()
    # Ticked, with his statements counted (the speaker facet's count; 4 in all).
    assert ('<input type="checkbox" name="speaker" value="dmitry-peskov" id="id_speaker_dmitry-peskov" checked>'
            ' Dmitry Peskov <span class="count">(4)</span>') in html
    assert type_ahead(html, "speaker").get("value") is None  # the text field adds another


def test_chosen_deal_is_shown_by_its_label(client):
    html = client.get(URL, {"deal": "ru-ir-s-400"}).content.decode()

    assert type_ahead(html, "deal")["value"] == "ru-ir-s-400"
    assert '<span class="chosen-name">RU → IR: S-400 missile defense systems</span>' in html


def test_unknown_speaker_is_400_saying_so(client):
    response = client.get(URL, {"speaker": ["dmitry-peskov", "Nobody Known"]})

    assert response.status_code == 400
    assert "No person to filter by is named “Nobody Known” or has it as key." in response.content.decode()


def test_a_name_two_speakers_share_is_400_listing_their_keys(client):
    for slug in ("jane-doe", "jane-doe-2"):
        build_statement(speaker=Person.objects.create(slug=slug, name="Jane Doe"))

    response = client.get(URL, {"speaker": "jane doe"})

    assert response.status_code == 400
    assert "Several people are named “jane doe”: give the key of the one you mean (jane-doe, jane-doe-2)." in (
        response.content.decode()
    )
    assert client.get(URL, {"speaker": "jane-doe-2"}).status_code == 200


@pytest.mark.parametrize("path", ["/choices/statements/mode/", "/choices/statements/nothing/", "/choices/nothing/deal/"])
def test_suggestions_only_for_type_ahead_filters(client, path):
    assert client.get(path, {"q": "a"}).status_code == 404


@pytest.mark.parametrize("query, message", [
    ({"q": "x" * 201}, "Use at most 200 characters."),
    ({"q": ["a", "b"]}, "Give q only once; it takes a single value."),
])
def test_unusable_suggestion_term_is_400_saying_why(client, query, message):
    response = client.get("/choices/statements/speaker/", query)

    assert response.status_code == 400
    assert response.json() == {"q": [message]}


def test_suggestion_term_with_nul_is_400(client):
    response = client.get("/choices/statements/speaker/?q=a%00b")

    assert response.status_code == 400
    assert "NUL" in response.json()["q"][0]


def test_page_past_the_end_is_404(client):
    assert client.get(URL, {"page": MAX_NUMBERED_PAGE}).status_code == 404


# count, page, their deals, and the filter form's countries with their counts (deals are a
# type-ahead field: nothing is read for them)
LIST_QUERIES = 4 + 1  # + the knowledge base version for the ETag (config/caching.py)
LIST_QUERIES += 1  # + the sources' coverage the downloads line states (deals.totals.source_coverage, once per version)
LIST_QUERIES += 1  # + the countries' other names, which narrow the country facets (lists.filters.CountedCountriesField, once per version)
# + the facets (`lists.registry.Listing.facet_counts`): the leading speakers, the modes and the
# stances, a GROUP BY each; the countries, with no other filter, are their choices' own counts.
LIST_QUERIES += 3
# Under another filter, the countries are grouped too (their statements' rows, one GROUP BY),
# and a chosen speaker not among the leaders is counted on its own.
FILTERED_QUERIES = LIST_QUERIES + 1


def test_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        client.get(URL)
    deal = build_deal()
    outlet = Organisation.objects.get(slug="interfax")
    for _ in range(5):
        statement = build_statement(medium=outlet, organisation=outlet, stance="denies")
        statement.deals.add(deal, Deal.objects.get(slug="ru-tr-s-400"))
    # The builders write no new knowledge-base version, as the site's writes do: the country
    # counts kept for the old one are dropped by hand, so they are counted again.
    cache.clear()
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(URL)
    assert len(response.context["object_list"]) == Statement.objects.count()


def test_filtered_list_query_count_is_fixed(client, django_assert_num_queries):
    with django_assert_num_queries(FILTERED_QUERIES):
        client.get(URL, {"stance": "denies", "country": "IR"})
    # A speaker chosen: looked up by key, and, as Yuri Borisov (3 statements) is not among the
    # five leaders (4 or more each), his statements counted on their own.
    cache.clear()
    with django_assert_num_queries(FILTERED_QUERIES + 2):
        client.get(URL, {"speaker": "yuri-borisov"})
    for _ in range(5):
        build_statement(stance="denies", speaker=Person.objects.get(slug="dmitry-peskov"))
    cache.clear()
    with django_assert_num_queries(FILTERED_QUERIES):
        client.get(URL, {"stance": "denies", "country": "IR"})


# --- facets: each filter's choices counted under the other filters -------------------------


def counted_by(statements, column):
    return {str(key): count for key, count in statements.values_list(column).annotate(n=Count("pk")).order_by()}


def test_the_stance_and_mode_counts_follow_the_other_filters(client):
    """The stances are counted under the mode and country chosen, the modes under the
    stance and country: each a radio button with its count ("Denies (3)")."""
    html = client.get(URL, {"country": "IR", "mode": "quote"}).content.decode()

    iran = Statement.objects.concerning(["IR"])
    stances, by_stance = facet(html, "stance"), counted_by(iran.filter(mode="quote"), "stance")
    assert stances == {
        "": "Any", "asserts": f"Asserts or confirms ({by_stance.get('asserts', 0)})",
        "denies": f"Denies ({by_stance.get('denies', 0)})", "comments": f"Comments ({by_stance.get('comments', 0)})",
    }
    modes, by_mode = facet(html, "mode"), counted_by(iran, "mode")
    # The mode's own choice does not narrow its counts: Reported still counts Iran's reported speech.
    assert modes["quote"] == f"Verbatim quote ({by_mode['quote']})"
    assert modes["reported"] == f"Reported speech ({by_mode['reported']})"
    assert by_mode["reported"] > 0 and sum(by_stance.values()) < iran.count()
    assert '<input type="radio" name="mode" value="quote" id="id_mode_quote" checked>' in html


def test_the_country_counts_follow_the_stance_chosen(client):
    html = client.get(URL, {"stance": "denies"}).content.decode()

    countries = facet(html, "country")
    denials = Statement.objects.filter(stance="denies")
    for code, label in countries.items():
        assert label.endswith(f"({denials.filter(pk__in=Statement.objects.ids_concerning([code])).count()})"), label
    assert countries["IR"] == "Iran (4)"
    # Unfiltered, Iran counts every statement about it.
    assert facet(client.get(URL).content.decode(), "country")["IR"] == f"Iran ({Statement.objects.concerning(['IR']).count()})"


def test_the_speakers_with_most_statements_are_offered_with_their_counts_under_the_other_filters(client):
    chosen, leaders = leading(client.get(URL).content.decode(), "speaker")
    # The most statements first, ties by name.
    assert chosen == {} and list(leaders.values()) == [
        "Andrey Ravkov (9)", "Dmitry Peskov (4)", "Dmitry Shugaev (4)", "Recep Tayyip Erdogan (4)",
        "Sheikh Ahmed bin Nasser Al Thani (4)",
    ]
    # Five leaders, not one box per person who spoke (eleven here, thousands at scale).
    assert Statement.objects.values("speaker").distinct().count() > 6

    chosen, leaders = leading(client.get(URL, {"stance": "denies"}).content.decode(), "speaker")
    assert chosen == {} and leaders == {"yuri-borisov": "Yuri Borisov (2)", "dmitry-peskov": "Dmitry Peskov (1)"}


def test_chosen_speakers_show_their_counts_under_the_other_filters_leaders_or_not(client):
    html = client.get(URL, {"stance": "denies", "speaker": ["sergey-chemezov", "yuri-borisov"]}).content.decode()

    chosen, leaders = leading(html, "speaker")
    # Sergey Chemezov denied nothing: chosen, he counts 0; Yuri Borisov is a leader and chosen.
    assert chosen == {"sergey-chemezov": "Sergey Chemezov (0)", "yuri-borisov": "Yuri Borisov (2)"}
    assert leaders == {"dmitry-peskov": "Dmitry Peskov (1)"}
    # The stance counts follow the speakers chosen.
    said = Statement.objects.filter(speaker__slug__in=["sergey-chemezov", "yuri-borisov"])
    assert facet(html, "stance")["denies"] == f"Denies ({said.filter(stance='denies').count()})"


def test_the_statement_facets_are_kept_once_per_version_and_choice(client):
    client.get(URL, {"stance": "denies", "speaker": "yuri-borisov"})
    with CaptureQueriesContext(connection) as again:
        html = client.get(URL, {"stance": "denies", "speaker": "dmitry-peskov"}).content.decode()
    # Only the speaker changed: the leaders (under stance=denies) come from the cache, and
    # Peskov is one of them; the stance and mode are counted for him, and the countries.
    grouped = [query["sql"] for query in again.captured_queries if "GROUP BY" in query["sql"]]
    assert len(grouped) == 3, grouped
    assert leading(html, "speaker")[0] == {"dmitry-peskov": "Dmitry Peskov (1)"}


# --- A statement's page -------------------------------------------------------------------


def test_statement_page_shows_it_in_full_with_its_sources(client):
    statement = Statement.objects.get(text="Let them [media outlets] continue spreading fake news")

    response = client.get(f"/statements/{statement.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert "“Let them [media outlets] continue spreading fake news”" in html
    assert 'href="/people/yuri-borisov/">Yuri Borisov</a>' in html
    assert statement.speaker_role in html
    assert 'href="/organisations/sputnik/">Sputnik</a>' in html
    assert "Denies" in html
    assert 'href="/deals/ru-ir-s-400/"' in html
    assert 'href="/countries/IR/">Iran</a>' in html
    assert re.search(r'class="date date-range"[^>]*>31 May – 28 Jun 2019<.*?“on Friday”', html)
    citation = statement.citations.get()
    assert f'href="/sources/{citation.source.slug}/#citation-{citation.pk}"' in html
    assert "continue spreading fake news,” Sputnik quoted" in html  # the excerpt itself
    assert "Last changed" in html
    assert_no_inline_style_or_script(html)


def test_unknown_statement_is_404(client):
    assert client.get("/statements/999999/").status_code == 404


# statement (with speaker, body, outlet), citations (with sources), deals, countries
DETAIL_QUERIES = 4 + 1  # + the knowledge base version for the ETag (config/caching.py)


def test_statement_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    statement = Statement.objects.get(text="Let them [media outlets] continue spreading fake news")
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(f"/statements/{statement.pk}/")
    for _ in range(3):
        statement.deals.add(build_deal())
        build_citation(statement=statement)
    statement.countries.add("QA", "TR")
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(f"/statements/{statement.pk}/")


def test_person_and_body_speakers_link_to_their_pages(client):
    person = Person.objects.get(slug="yuri-borisov")
    statement = build_statement(speaker=person, organisation=Organisation.objects.get(slug="kremlin"))

    html = client.get(f"/statements/{statement.pk}/").content.decode()

    assert 'href="/people/yuri-borisov/">Yuri Borisov</a> (<a href="/organisations/kremlin/">' in html
