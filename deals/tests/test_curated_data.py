"""The curated data: complete, cited verbatim, dated with its uncertainty, loadable twice."""
import json
import re
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from deals import approximate_dates
from deals.integrity import CITED_MODELS, integrity_problems
from deals.models import Citation, Contract, Deal, Delivery, Event, Source, Specification, Statement, TimelineItem
from deals.models.dates import ApproximatelyDated
from history.models import Change

pytestmark = pytest.mark.django_db

DATED_MODELS = [m for m in apps.get_app_config("deals").get_models() if issubclass(m, ApproximatelyDated)]


def test_integrity_check_finds_nothing():
    assert integrity_problems() == []


def test_every_excerpt_occurs_verbatim_once_in_its_source():
    citations = Citation.objects.select_related("source")
    assert citations.count() > 100
    for citation in citations:
        assert citation.source.text.count(citation.excerpt) == 1, citation.excerpt


@pytest.mark.parametrize("model", CITED_MODELS, ids=lambda m: m.__name__)
def test_every_fact_has_a_citation(model):
    assert model.objects.exists()
    assert not model.objects.filter(citations__isnull=True).exists()


def test_every_source_is_cited_and_holds_its_article():
    sources = Source.objects.annotate(n=Count("citations"))
    assert sorted(s.slug for s in sources) == [
        "000_d991f9e5e247daee",
        "001_f9e5821190d61208",
        "002_3883c2c760ea2280",
        "003_c5730690aef84ce7",
        "004_780518f76a4dacf2",
    ]
    assert all(s.n >= 10 for s in sources)
    assert Source.objects.get(slug="002_3883c2c760ea2280").text.startswith("Moscow Denies Its Selling S-400")


@pytest.mark.parametrize("model", DATED_MODELS, ids=lambda m: m.__name__)
def test_every_date_parses_and_its_bounds_are_derived(model):
    for obj in model.objects.exclude(date_edtf=""):
        assert approximate_dates.bounds(obj.date_edtf) == (obj.date_earliest, obj.date_latest), obj
        assert obj.date_earliest <= obj.date_latest


# Phrases anchored to another date in the text, not to the publication date.
ANAPHORIC = {
    "A year earlier",  # a year before "February 2019" (article 000)
}


def test_resolved_dates_reparse_against_their_sources_publication_date():
    anchored_elsewhere = set()
    checked = 0
    for model in [Contract, Delivery, Statement, Event]:
        for obj in model.objects.filter(date_basis="resolved").prefetch_related("citations__source"):
            source = obj.citations.all()[0].source
            try:
                parsed = approximate_dates.parse(obj.date_words, reference=source.approximate_date)
            except approximate_dates.DateError:
                anchored_elsewhere.add(obj.date_words)
                continue
            if (parsed.edtf, parsed.earliest, parsed.latest) != (obj.date_edtf, obj.date_earliest, obj.date_latest):
                anchored_elsewhere.add(obj.date_words)
                continue
            checked += 1
    assert anchored_elsewhere == ANAPHORIC
    assert checked >= 30


def date_word_problems():
    """Dated records whose date disagrees with their words: a stated date must be what its
    words say, and an inferred one must lie within them wherever the words can be read
    against the record's source (the publication date); resolved dates are checked above."""
    problems = []
    for model in DATED_MODELS:
        for obj in model.objects.filter(date_basis__in=["stated", "inferred"]).exclude(date_words=""):
            try:
                said = approximate_dates.parse(obj.date_words, reference=obj.date_reference())
            except approximate_dates.DateError as error:
                if obj.date_basis == "stated":
                    problems.append(f"{obj}: stated as “{obj.date_words}”, which does not parse: {error}")
                continue  # an inferred date's words may not be a date at all ("immediately after …")
            if obj.date_basis == "stated" and (said.edtf, said.basis) != (obj.date_edtf, "stated"):
                problems.append(f"{obj}: “{obj.date_words}” says {said.edtf} ({said.basis}), not {obj.date_edtf}")
            if obj.date_basis == "inferred" and not said.earliest <= obj.date_earliest <= obj.date_latest <= said.latest:
                problems.append(f"{obj}: {obj.date_edtf} is not within “{obj.date_words}” ({said.edtf})")
    return problems


def test_stated_and_inferred_dates_agree_with_their_words():
    assert date_word_problems() == []
    stated = sum(model.objects.filter(date_basis="stated").count() for model in DATED_MODELS)
    assert stated >= 20


def test_a_stated_date_changed_away_from_its_words_is_caught():
    Contract.objects.filter(deal__slug="ru-in-s-400").update(
        date_edtf="2019-10", date_earliest="2019-10-01", date_latest="2019-10-31"
    )
    [problem] = date_word_problems()
    assert "“In October 2018” says 2018-10 (stated), not 2019-10" in problem


def test_an_inferred_date_outside_its_words_is_caught():
    Statement.objects.filter(speaker__name="Dmitry Peskov", date_words="Last month").update(
        date_edtf="2019-06-01/2019-06-02", date_earliest="2019-06-01", date_latest="2019-06-02"
    )
    [problem] = date_word_problems()
    assert "2019-06-01/2019-06-02 is not within “Last month” (2019-05)" in problem


def test_dates_an_editor_inferred_read_as_words_not_edtf():
    s300 = Delivery.objects.get(deal__slug="ru-ir-s-300")
    assert (s300.date_words, s300.date_edtf, s300.date_basis) == ("between 2007 and August 2016", "2007/2016-08", "inferred")
    sanctions = Event.objects.get(kind="sanctions")
    assert (sanctions.date_words, sanctions.date_edtf) == ("between 2018 and June 2019", "2018/2019-06")
    for model in DATED_MODELS:
        for words in model.objects.exclude(date_edtf="").values_list("date_words", flat=True):
            assert not re.fullmatch(r"[0-9X?~%/-]+", words) or re.fullmatch(r"\d{4}", words), words


def test_a_date_without_words_is_described_from_its_edtf():
    assert Source.objects.get(slug="003_c5730690aef84ce7").approximate_date.words == "2016 (uncertain)"
    assert Source.objects.get(slug="002_3883c2c760ea2280").approximate_date.words == "June 2019"
    unworded = Delivery(date_edtf="2007/2016-08", date_earliest="2007-01-01", date_latest="2016-08-31", date_basis="inferred")
    assert unworded.approximate_date.words == "between 2007 and August 2016"


def statement_by(name, words):
    return Statement.objects.get(speaker__name=name, text__contains=words)


def test_dates_keep_the_uncertainty_the_articles_give():
    begun = Delivery.objects.get(deal__slug="ru-tr-s-400", date_words__contains="mid-June 2019")
    assert (begun.date_edtf, str(begun.date_earliest), str(begun.date_latest)) == (
        "2019-06-11/2019-06-20", "2019-06-11", "2019-06-20",
    )
    india = Delivery.objects.get(deal__slug="ru-in-s-400", kind="planned")
    assert (india.date_edtf, str(india.date_earliest), str(india.date_latest)) == (
        "2021-10/2021-12", "2021-10-01", "2021-12-31",
    )
    borisov = Statement.objects.get(speaker__name="Yuri Borisov", text="No")
    assert borisov.date_basis == "resolved"
    assert (str(borisov.date_earliest), str(borisov.date_latest)) == ("2019-05-31", "2019-06-28")
    # Article 003's year is inferred and uncertain (2016?), and so is what resolves against it.
    belarus = Delivery.objects.get(deal__slug="ru-by-s-300ps")
    assert (belarus.date_words, belarus.date_edtf) == ("by the end of this year", "2016-01-01?/2016-12-31?")


def test_sorting_by_date_follows_the_turkish_story():
    story = [
        Contract.objects.get(deal__slug="ru-tr-s-400"),  # December 2017
        statement_by("Recep Tayyip Erdogan", "expedite"),  # April 2018
        Event.objects.get(kind="suspension", deals__slug="us-tr-f-35"),  # April 1, 2019
        statement_by("Mevlut Cavusoglu", "tomorrow we may buy another S-400"),  # April 3, 2019
        Delivery.objects.get(deal__slug="ru-tr-s-400", date_words__contains="mid-June 2019"),
        Event.objects.get(kind="exclusion", date_words__startswith="immediately after"),  # from 11 June 2019
        Delivery.objects.get(deal__slug="ru-tr-s-400", kind="planned"),  # late 2019 – early 2020
        Event.objects.get(kind="test_launch"),  # mid-October 2020
        Event.objects.get(kind="payment"),  # December 7, 2020
        statement_by("Alexander Mikheev", "may be signed this year"),  # August 25, 2021
        statement_by("Recep Tayyip Erdogan", "another batch"),  # September 2021
        statement_by("Dmitry Shugaev", "Negotiations are continuing"),  # November 14, 2021
    ]
    shuffled = story[::2] + story[1::2]
    assert sorted(shuffled, key=lambda item: (item.date_earliest, item.date_latest)) == story


def test_turkeys_exclusion_from_the_f35_programme_does_not_precede_the_s400_deliveries():
    deliveries_began = Delivery.objects.get(deal__slug="ru-tr-s-400", date_words__contains="mid-June 2019")
    exclusion = Event.objects.get(kind="exclusion", date_words__startswith="immediately after")
    assert (str(exclusion.date_earliest), str(exclusion.date_latest)) == ("2019-06-11", "2019-12-31")
    assert exclusion.date_earliest >= deliveries_began.date_earliest


def timeline_order(deal_slug, kind):
    items = TimelineItem.objects.filter(kind=kind, links__deal__slug=deal_slug).distinct()
    return list(items.values_list("object_id", flat=True))


def test_the_iran_timeline_puts_bloombergs_report_before_the_denials_that_answer_it():
    order = timeline_order("ru-ir-s-400", "statement")
    reports = Statement.objects.filter(organisation__name="Bloomberg", deals__slug="ru-ir-s-400")
    denials = Statement.objects.filter(deals__slug="ru-ir-s-400", stance="denies")
    peskov = statement_by("Dmitry Peskov", "I do not have such information")
    assert peskov in denials and reports.count() == 2 and denials.count() >= 4
    assert max(order.index(report.pk) for report in reports) < min(order.index(denial.pk) for denial in denials)
    assert (str(peskov.date_earliest), str(peskov.date_latest), peskov.date_basis) == (
        "2019-05-30", "2019-05-31", "inferred",
    )


def test_statements_cover_at_least_ten_named_speakers():
    assert Statement.objects.count() >= 25
    speakers = Statement.objects.filter(speaker__isnull=False).values_list("speaker__name", flat=True)
    assert len(set(speakers)) >= 10
    assert {"Dmitry Peskov", "Yuri Borisov", "Andrey Ravkov", "Mevlut Cavusoglu"} <= set(speakers)


def test_media_reports_are_statements_attributed_to_the_outlet():
    bloomberg = Statement.objects.filter(organisation__name="Bloomberg", speaker__isnull=True)
    assert bloomberg.exists()
    assert all(s.stance == "asserts" for s in bloomberg)


EXPECTED_DEALS = {
    "ru-tr-s-400": ("RU", "TR", "delivered"),
    "ru-tr-s-400-second-batch": ("RU", "TR", "negotiating"),
    "ru-tr-military-products": ("RU", "TR", "negotiating"),
    "ru-tr-su-35": ("RU", "TR", "offered"),
    "us-tr-f-35": ("US", "TR", "suspended"),
    "us-tr-patriot": ("US", "TR", "reported"),
    "cn-tr-air-defence": ("CN", "TR", "cancelled"),
    "ru-qa-s-400": ("RU", "QA", "negotiating"),
    "ru-in-s-400": ("RU", "IN", "signed"),
    "ru-cn-s-400": ("RU", "CN", "signed"),
    "ru-ir-s-400": ("RU", "IR", "denied"),
    "ru-ir-s-300": ("RU", "IR", "delivered"),
    "ru-by-s-400": ("RU", "BY", "negotiating"),
    "ru-by-s-300ps": ("RU", "BY", "signed"),
    "ru-by-military-products": ("RU", "BY", "delivering"),
}


def test_every_deal_the_articles_mention_is_there_with_its_status():
    deals = {d.slug: (d.supplier_id, d.recipient_id, d.status) for d in Deal.objects.all()}
    assert EXPECTED_DEALS.items() <= deals.items()


def test_the_belarus_s300ps_status_says_why_an_agreement_is_inferred_and_cites_it():
    deal = Deal.objects.get(slug="ru-by-s-300ps")
    assert deal.status == "signed" and not deal.contracts.exists()
    assert "Status signed (an agreement concluded) is inferred, not stated" in deal.summary
    excerpts = [citation.excerpt for citation in deal.citations.all()]
    assert any(excerpt.startswith("In the framework of creating a joint regional system") for excerpt in excerpts)


def test_contract_terms_as_the_articles_state_them():
    turkey = Contract.objects.get(deal__slug="ru-tr-s-400")
    assert (turkey.value_amount, turkey.value_currency, turkey.quantity, turkey.quantity_unit) == (
        2_500_000_000, "USD", 4, "divisions",
    )
    assert turkey.date_edtf == "2017-12"
    india = Contract.objects.get(deal__slug="ru-in-s-400")
    assert (india.value_amount, india.value_currency, india.quantity, india.quantity_unit) == (
        5_430_000_000, "USD", 5, "regiments",
    )
    assert india.date_edtf == "2018-10"
    china = Contract.objects.get(deal__slug="cn-tr-air-defence")
    assert (china.value_amount, china.date_edtf) == (3_400_000_000, "")
    assert Deal.objects.get(slug="cn-tr-air-defence").system is None


def test_the_iran_dispute_shows_both_sides():
    deal = Deal.objects.get(slug="ru-ir-s-400")
    assert deal.disputed
    stances = Counter(deal.statements.values_list("stance", flat=True))
    assert stances["asserts"] >= 1 and stances["denies"] >= 2


def test_conflicting_range_figures_are_each_kept_with_their_source():
    ranges = Specification.objects.filter(system__slug="s-400").prefetch_related("citations__source")
    figures = {(spec.value, spec.citations.all()[0].source.slug[:3]) for spec in ranges}
    assert {(400, "002"), (402, "004"), (600, "000")} <= figures


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("countries", "deals")
        for model in apps.get_app_config(app).get_models()
    }


def fixture_counts():
    records = []
    for name in ("countries.json", "curated.json"):
        records += json.loads(Path(settings.BASE_DIR, "fixtures", name).read_text())
    return Counter(apps.get_model(record["model"])._meta.label for record in records)


def test_loading_into_an_empty_database_loads_every_fixture_record():
    # The test database started empty; the session's set-up ran load_curated once.
    counts = row_counts()
    assert {label: counts[label] for label in fixture_counts()} == fixture_counts()
    assert counts["deals.Statement"] == 44 and counts["deals.Citation"] == 123


def test_loading_twice_leaves_the_same_row_counts():
    before = row_counts()
    call_command("load_curated", verbosity=0)
    assert row_counts() == before
    call_command("load_curated", "--replace", verbosity=0)
    assert row_counts() == before
    assert before["deals.Statement"] >= 25


def test_a_first_load_records_each_curated_record_it_adds_by_no_account():
    """The session's set-up loaded the curated data into an empty database: the history
    holds one addition per curated fixture record (the ISO countries, where the base starts,
    excepted), by the load and no one's account."""
    curated = Counter(
        apps.get_model(record["model"])._meta.label
        for record in json.loads(Path(settings.BASE_DIR, "fixtures", "curated.json").read_text())
    )
    recorded = Change.objects.filter(via="load_curated")
    assert Counter(
        f"{app}.{apps.get_model(app, model).__name__}"
        for app, model in recorded.values_list("content_type__app_label", "content_type__model")
    ) == curated
    assert set(recorded.values_list("action", "username", "user")) == {("created", "", None)}
    assert not Change.objects.exclude(via="load_curated").exists()


def test_recent_changes_of_a_fresh_install_list_the_curated_records_with_links(client):
    page = client.get("/changes/")
    assert page.status_code == 200
    html = page.content.decode()
    # Newest first, the deals the load recorded last; each links to its page.
    for deal in Deal.objects.all()[:3]:
        assert f'<a href="{deal.get_absolute_url()}">' in html, deal
    assert html.count("Added deal") == Deal.objects.count()
    assert "No change is recorded" not in html and "load_curated" not in html
    assert client.get("/changes/feed/").content.decode().count("<entry>") == 50


def test_loading_again_records_nothing_new():
    before = list(Change.objects.values_list("pk", flat=True))
    call_command("load_curated", verbosity=0)
    call_command("load_curated", "--replace", verbosity=0)
    assert list(Change.objects.values_list("pk", flat=True)) == before


def test_loading_again_keeps_an_editors_change_and_says_how_to_replace_it():
    Deal.objects.filter(slug="ru-tr-s-400").update(status="suspended", summary="Edited by an editor.")
    out = StringIO()
    call_command("load_curated", stdout=out)
    turkey = Deal.objects.get(slug="ru-tr-s-400")
    assert (turkey.status, turkey.summary) == ("suspended", "Edited by an editor.")
    assert "already loaded (5 sources); nothing was changed" in out.getvalue()
    assert "python manage.py load_curated --replace" in out.getvalue()


def test_loading_with_replace_restores_the_fixture_values():
    Deal.objects.filter(slug="ru-tr-s-400").update(status="suspended")
    Contract.objects.filter(deal__slug="ru-in-s-400").update(value_amount=1)
    out = StringIO()
    call_command("load_curated", "--replace", stdout=out)
    assert Deal.objects.get(slug="ru-tr-s-400").status == "delivered"
    assert Contract.objects.get(deal__slug="ru-in-s-400").value_amount == 5_430_000_000
    assert "Curated data reloaded: 249 countries" in out.getvalue()


# What each article's own words say it comes from: the outlet that publishes it when the text
# names one, and the agencies or outlets it relays or credits. "Not stated" (no outlet) is
# kept only where the text names no publisher: 000 relays RIA Novosti and 003 a TASS interview
# on unnamed sites, 004 credits Sputnik's and AFP's photographs and NTV's interview.
NAMED_PROVENANCE = {
    "000_d991f9e5e247daee": (None, {"RIA Novosti"}),
    "001_f9e5821190d61208": ("Interfax", set()),
    "002_3883c2c760ea2280": ("Al Bawaba", {"Sputnik", "Bloomberg"}),
    "003_c5730690aef84ce7": (None, {"TASS"}),
    "004_780518f76a4dacf2": (None, {"Sputnik", "AFP", "NTV"}),
}


def test_every_curated_source_names_the_outlet_and_agencies_its_text_names():
    sources = Source.objects.filter(slug__in=NAMED_PROVENANCE).select_related("outlet").prefetch_related("agencies")
    found = {
        source.slug: (source.outlet.name if source.outlet else None, {a.name for a in source.agencies.all()})
        for source in sources
    }
    assert found == NAMED_PROVENANCE
    for source in sources:
        named = [source.outlet.name] if source.outlet else []
        named += [agency.name for agency in source.agencies.all()]
        # each is named in the article's own words, and a source without an outlet still
        # says whose words it carries
        assert named and all(name.upper() in source.text.upper() for name in named), source.slug
