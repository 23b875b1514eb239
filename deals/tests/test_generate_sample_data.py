"""generate_sample_data: an invented knowledge base at a scale, every row valid and cited
verbatim, marked as generated, the same for the same seed, refused where editors work."""
import hashlib
import random
import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q

from deals import approximate_dates, services
from deals.models import (
    Citation,
    Contract,
    Deal,
    DealStatus,
    Delivery,
    Event,
    Organisation,
    Person,
    Source,
    Specification,
    Statement,
    WeaponSystem,
)
from deals.sample_data import words
from deals.sample_data.generator import HOT_DEAL_SHARE, HOT_SPEAKER_SHARE, LAST_DAY, Sizes
from deals.sample_data.marking import GENERATED_MODELS, PREFIX, generated
from deals.sample_data.writer import Writer

pytestmark = pytest.mark.django_db

SCALE = 0.002
FACTS = [Deal, Contract, Delivery, Statement, Event, Specification]
DATED = [Source, Contract, Delivery, Statement, Event]


def generate(*args):
    out = StringIO()
    call_command("generate_sample_data", *args, stdout=out)
    return out.getvalue()


def mine(model):
    return model.objects.filter(generated(model))


def digest() -> str:
    """A fingerprint of every knowledge-base row and link but their last-changed times."""
    models = [*GENERATED_MODELS, Source.agencies.through, Statement.deals.through, Statement.countries.through,
              Event.deals.through, Event.countries.through]
    hashed = hashlib.sha256()
    for model in models:
        names = [f.attname for f in model._meta.concrete_fields if f.attname != "updated_at"]
        for row in model.objects.order_by("pk").values_list(*names):
            hashed.update(repr(row).encode())
    return hashed.hexdigest()


@pytest.fixture
def generated_data():
    generate("--scale", str(SCALE), "--seed", "7")


def test_scale_1_is_sipri_sized_and_scale_10_ten_times_it():
    assert Sizes.at(1).as_dict() == {
        "deals": 30_000, "contracts": 20_000, "deliveries": 25_000, "statements": 100_000, "events": 30_000,
        "sources": 10_000, "people": 5_000, "organisations": 1_000, "systems": 500,
    }
    assert Sizes.at(10).as_dict() == {name: 10 * n for name, n in Sizes.at(1).as_dict().items()}


def test_counts_follow_the_scale(generated_data):
    counts = {model: mine(model).count() for model in GENERATED_MODELS}
    assert counts[Deal] == 60
    assert counts[Contract] == 40
    assert counts[Delivery] == 50
    assert counts[Statement] == 200
    assert counts[Event] == 60
    assert counts[Source] == 20
    assert counts[Person] == 10
    # Below their floors (an outlet, a ministry, a maker…) the small kinds round up.
    assert counts[Organisation] == 12
    assert counts[WeaponSystem] == 2
    # About 300,000 citations at scale 1: about 600 here.
    assert 500 <= counts[Citation] <= 700


def test_every_row_keeps_every_rule_and_every_excerpt_is_verbatim(generated_data):
    # Foreign keys are checked when a transaction commits, which a test's never does: now, then.
    connection.check_constraints()
    citations = mine(Citation).select_related("source")
    assert citations.count() > 500
    for citation in citations:
        assert citation.source.text.count(citation.excerpt) == 1, citation.excerpt
    for model in FACTS:
        assert not mine(model).filter(citations__isnull=True).exists(), model


def test_full_clean_finds_nothing_to_refuse_or_change_in_a_sample_of_each_model(generated_data):
    """Generated rows pass full_clean() (the model's validation and constraints, the verbatim
    excerpt, the date derived from its words and EDTF), which changes none of their values."""
    rng = random.Random(5)
    for model in GENERATED_MODELS:
        rows = list(mine(model).select_related("source") if model is Citation else mine(model))
        assert rows, model
        for row in rng.sample(rows, min(40, len(rows))):
            before = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
            row.full_clean()
            assert {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields} == before
        if model in DATED:
            assert all(approximate_dates.bounds(row.date_edtf) == (row.date_earliest, row.date_latest) for row in rows)


def test_dates_run_from_1950_to_2026_at_mixed_precision(generated_data):
    dates = [row for model in DATED for row in mine(model)]
    assert min(row.date_earliest for row in dates) >= date(1950, 1, 1)
    assert max(row.date_latest for row in dates) <= date(2026, 12, 31)
    precisions = {row.approximate_date.precision for row in dates}
    assert precisions == {"day", "month", "year", "range"}
    facts = [row for row in dates if not isinstance(row, Source)]
    assert any(re.fullmatch(r"\d{4}-2[123]", row.date_edtf) for row in facts)  # a season
    assert any(row.date_words.startswith("mid-") for row in facts)
    assert sum(row.date_earliest.year >= 2000 for row in dates) > sum(row.date_earliest.year < 1975 for row in dates)


@pytest.mark.parametrize("kind", sorted({kind for _, kind in words.FACT_PRECISIONS + words.SOURCE_PRECISIONS}))
def test_each_kind_of_date_reads_back_to_its_edtf(kind):
    """The words the generator writes are words the date parser reads as the EDTF it stores."""
    rng = random.Random(kind)
    for _ in range(200):
        day = date(rng.randint(1950, 2026), rng.randint(1, 12), rng.randint(1, 28))
        text, edtf = words.date_phrase(kind, day, rng, last_year=LAST_DAY.year)
        assert approximate_dates.parse(text).edtf == edtf, text
        earliest, latest = approximate_dates.bounds(edtf)
        assert earliest <= day <= latest and latest.year <= 2026


def test_few_suppliers_many_recipients_every_status(generated_data):
    deals = mine(Deal)
    assert set(deals.values_list("status", flat=True)) == set(DealStatus.values)
    suppliers = deals.values("supplier").annotate(n=Count("pk")).order_by("-n")
    recipients = deals.values("recipient").annotate(n=Count("pk")).order_by("-n")
    assert len(suppliers) <= 12 and suppliers[0]["supplier"] == "RU"
    assert len(recipients) > len(suppliers)
    assert recipients[0]["recipient"] == "IN" and recipients[0]["n"] >= 4 * recipients[len(recipients) // 2]["n"]


def test_the_recipients_are_150_countries_with_a_skewed_share():
    from deals.sample_data.generator import Generator

    generator = Generator(scale=SCALE, seed=1)
    generator._countries()
    recipients = generator.recipients
    assert len(recipients.items) == 150
    weights = [b - a for a, b in zip([0, *recipients.cumulative], recipients.cumulative, strict=False)]
    assert weights[0] > 100 * weights[-1]


def test_hot_spots_a_busy_spokesperson_and_a_busy_deal(generated_data):
    statements = mine(Statement).count()
    speaker = Person.objects.filter(generated(Person)).order_by("pk").first()
    said = speaker.statements.count()
    assert speaker.description.startswith("Spokesperson of the Ministry of Foreign Affairs")
    assert HOT_SPEAKER_SHARE / 2 * statements <= said <= HOT_SPEAKER_SHARE * 2 * statements
    busiest = mine(Deal).annotate(n=Count("statements")).order_by("-n").first()
    hot_deal = mine(Deal).order_by("pk").first()
    assert (hot_deal.supplier_id, hot_deal.recipient_id, hot_deal.status) == ("RU", "IN", "delivering")
    assert hot_deal.statements.count() >= HOT_DEAL_SHARE * statements
    assert busiest.n >= hot_deal.statements.count() / 2


def test_generated_records_are_marked_and_the_source_page_says_so(client, generated_data):
    sources = mine(Source)
    assert sources.count() == Source.objects.filter(notes__startswith="Generated sample data").count()
    for model in (Source, Deal, Person, Organisation, WeaponSystem):
        assert not model.objects.exclude(generated(model)).filter(slug__startswith=PREFIX).exists()
        assert all(slug.startswith(PREFIX) for slug in mine(model).values_list("slug", flat=True))
    page = client.get(sources.first().get_absolute_url())
    assert page.status_code == 200
    assert "Generated sample data" in page.content.decode()


def test_the_search_index_holds_the_generated_records(client, generated_data):
    speaker = mine(Person).order_by("pk").first()
    page = client.get("/search/", {"q": speaker.name})
    assert page.status_code == 200
    assert speaker.get_absolute_url() in page.content.decode()


def test_same_seed_same_data_and_remove_leaves_the_curated_data():
    curated = digest()
    generate("--scale", str(SCALE), "--seed", "3")
    first = digest()
    assert first != curated
    removed = generate("--remove")
    assert "Removed the generated sample data" in removed
    assert digest() == curated
    generate("--scale", str(SCALE), "--seed", "3")
    assert digest() == first
    generate("--scale", str(SCALE), "--seed", "4", "--replace")
    assert digest() not in (first, curated)


def test_refuses_to_generate_twice_unless_replacing(generated_data):
    with pytest.raises(CommandError, match=r"already holds generated sample data \(20 sources, 60 deals"):
        generate("--scale", str(SCALE))
    output = generate("--scale", str(SCALE), "--replace")
    assert "Generated sample data at scale 0.002 (seed 1)" in output
    assert mine(Deal).count() == 60


def test_refuses_a_database_where_editors_have_worked():
    services.person_create(name="An Editor's Person", user=None, via="admin")
    with pytest.raises(CommandError) as refused:
        generate("--scale", str(SCALE))
    assert "holds editors' work" in str(refused.value)
    assert "the change history records edits" in str(refused.value)
    assert "--allow-editorial-data" in str(refused.value)
    assert not mine(Deal).exists()
    generate("--scale", str(SCALE), "--allow-editorial-data")
    assert mine(Deal).count() == 60
    assert Person.objects.filter(name="An Editor's Person").exists()


def test_remove_and_replace_refuse_generated_records_an_editor_has_changed(generated_data):
    deal = mine(Deal).order_by("pk").first()
    services.deal_update(deal=deal, loaded_version=deal.version, user=None, via="admin",
                         summary="An editor's own summary of this deal.")

    for args in (["--remove"], ["--scale", str(SCALE), "--replace"]):
        with pytest.raises(CommandError) as refused:
            generate(*args)
        message = str(refused.value)
        assert "Editors have changed generated records (1 deal)" in message
        assert f"{args[-1]} would delete them" in message and "--discard-edits" in message
        assert Deal.objects.get(pk=deal.pk).summary == "An editor's own summary of this deal."
        assert mine(Deal).count() == 60

    assert "Removed the generated sample data" in generate("--remove", "--discard-edits")
    assert not mine(Deal).exists()


def test_remove_of_unedited_generated_records_needs_no_flag(generated_data):
    services.person_create(name="An Editor's Person", user=None, via="admin")  # editors' work, none of it generated

    assert "Removed the generated sample data" in generate("--remove")
    assert not mine(Deal).exists() and Person.objects.filter(name="An Editor's Person").exists()


def test_refuses_records_beyond_the_curated_fixtures_even_without_history():
    Person.objects.create(slug="someone-new", name="Someone New")
    with pytest.raises(CommandError, match="1 person beyond the curated fixtures"):
        generate("--scale", str(SCALE))
    assert not mine(Deal).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scale", "0"], "--scale must be above 0 and at most 100, not 0."),
        (["--scale", "abc"], "--scale must be a number, such as 1 or 0.01, not “abc”."),
        (["--scale", "nan"], "--scale must be above 0"),
        (["--scale", "1000"], "--scale must be above 0 and at most 100, not 1000."),
        ([], "Say how much to generate"),
        (["--remove", "--scale", "1"], "--remove takes no --scale"),
    ],
)
def test_bad_arguments_are_refused_with_a_message(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        generate(*args)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_writes_text_with_tabs_newlines_and_backslashes_as_it_is():
    text = "A tab\there, a backslash \\ there,\nand a line break.\r\n\\N is not null."
    writer = Writer(use_copy=True)
    source = Source.objects.order_by("-pk").first()
    writer.add(Person, id=source.pk + 10_000, slug="copy-test", name=text[:50], description=text[:300])
    writer.flush()
    person = Person.objects.get(slug="copy-test")
    assert (person.name, person.description, person.country_id) == (text[:50], text[:300], None)


def test_the_generated_deals_summaries_give_what_their_deliveries_and_sources_say(generated_data):
    """The bulk path's rebuild fills the register values as the facts, read one by one, give
    them: actual deliveries' quantities summed when in one unit, their years, and the
    bounds of the latest cited source's publication date."""
    from deals.models import DealSummary

    checked = quantified = 0
    for deal in mine(Deal).order_by("pk")[:60]:
        actual = list(deal.deliveries.filter(kind="actual"))
        stated = [d for d in actual if d.quantity is not None]
        units = {d.quantity_unit for d in stated}
        dated = [d for d in actual if d.date_earliest]
        citations = Citation.objects.filter(
            Q(deal=deal) | Q(contract__deal=deal) | Q(delivery__deal=deal) | Q(statement__deals=deal)
            | Q(event__deals=deal)
        ).select_related("source")
        sources = {citation.source for citation in citations}
        row = DealSummary.objects.get(deal=deal)
        assert (row.delivered_quantity, row.delivered_quantity_unit) == (
            (sum(d.quantity for d in stated), units.pop()) if len(units) == 1 else (None, "")
        )
        assert (row.actual_deliveries, row.deliveries_without_quantity) == (len(actual), len(actual) - len(stated))
        assert (row.first_delivery_year, row.last_delivery_year) == (
            (min(d.date_earliest for d in dated).year, max(d.date_latest for d in dated).year) if dated else (None, None)
        )
        assert (row.latest_evidence_earliest, row.latest_evidence_latest) == (
            max(s.date_earliest for s in sources), max(s.date_latest for s in sources)
        )
        checked += 1
        quantified += row.delivered_quantity is not None
    assert checked == 60 and quantified  # (some deals were delivered in numbers)
