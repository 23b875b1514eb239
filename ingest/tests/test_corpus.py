"""The development corpus and its measurement: the corpus is well formed, the matching
rules find, miss and reject as the corpus README says, and ``ingest_report`` prints a table
for the seed articles and one for the corpus. ``ingest --json`` gives the documented shape."""
import json

import pytest
from django.core.management import CommandError, call_command

from ingest.evaluation import (
    CHECK_DIR,
    CORPUS_ATTRIBUTES,
    CORPUS_KINDS,
    _folded,
    corpus_articles,
    score_article,
)
from ingest.models import Article

from .helpers import ARTICLE

EXPECTED = {
    "published": "June 5, 2020",
    "statements": [{"speaker": "Mohamed Zaki", "kind": "person", "quote": "first regiment will arrive"}],
    "money": [{"amount": "2100000000", "currency": "USD", "certainty": "stated"}],
    "quantities": [{"number": 2, "unit": "regiments"}],
    "dates": [{"words": "in March 2020", "earliest": "2020-03-01", "latest": "2020-03-31"}],
    "deals": [{"supplier": "RU", "recipient": "EG", "system": "S-400", "status": ["signed"]}],
    "countries": ["RU", "EG"],
    "systems": ["S-400"],
}


def _draft(kind, **fields):
    return {"kind": kind, "start": 0, "end": 10, "evidence": fields.pop("evidence", ""), "summary": "", **fields}


def test_every_corpus_article_is_news_with_expectations_found_in_its_text():
    """Short briefs and wire copy to long web pages copied with their clutter (bylines, captions, tags)."""
    articles = corpus_articles()
    assert len(articles) >= 33
    assert len(corpus_articles(CHECK_DIR)) == 128
    for name, text, expected in articles + corpus_articles(CHECK_DIR):
        assert 120 <= len(text.split()) <= 900, name
        flat = _folded(text)
        for statement in expected["statements"]:
            assert statement["kind"] in ("person", "body", "unnamed"), name
            assert _folded(statement["quote"]) in flat, (name, statement["quote"])
        for date in expected["dates"]:
            assert date["words"] in text and date["earliest"] <= date["latest"], (name, date)
        assert expected["outlet"] and expected["published"], name


def test_a_found_item_counts_for_recall_and_precision():
    drafts = [
        _draft("statement", evidence="“The First  Regiment will arrive next year,” Zaki said.",
               speaker={"name": "Zaki", "kind": "person", "role": None, "for": None}),
        _draft("money", amount="2100000000.00", currency="USD", certainty=None),
        _draft("quantity", number=2, unit="regiment"),
        _draft("date", words="March 2020", earliest="2020-03-01", latest="2020-03-31"),
        _draft("deal", supplier="RU", recipient="EG", system="S-400 Triumf", status="signed"),
        _draft("country", code="RU"), _draft("country", code="EG"), _draft("country", code="EG"),
        _draft("system", name="S-400 Triumf"),
    ]
    scores = score_article(EXPECTED, drafts)
    for kind in ("statements", "money", "quantities", "dates", "deals", "countries", "systems"):
        assert (scores[kind].recall, scores[kind].precision) == (1.0, 1.0), kind
    assert scores["deal status"].found == 1
    assert scores["money certainty"].found == 0  # found, but without the certainty expected


def test_a_miss_lowers_recall_and_names_the_item():
    drafts = [
        # The right words said by somebody else, and a sum in the wrong currency.
        _draft("statement", evidence="“The first regiment will arrive,” Putin said.",
               speaker={"name": "Vladimir Putin", "kind": "person", "role": None, "for": None}),
        _draft("money", amount="2100000000", currency="EUR", certainty=None),
        _draft("date", words="in March 2020", earliest="2020-03-01", latest="2020-03-02"),
    ]
    scores = score_article(EXPECTED, drafts, name="egypt")
    assert scores["statements"].recall == 0.0
    assert scores["statements"].misses == ["egypt: Mohamed Zaki: first regiment will arrive"]
    assert scores["money"].recall == 0.0 and scores["dates"].recall == 0.0
    assert scores["deliveries"].gold == 0 and scores["deliveries"].drafts == 0


def test_a_false_positive_lowers_precision_only():
    drafts = [
        _draft("quantity", number=2, unit="regiments"),
        _draft("quantity", number=3, unit="batteries"),
        _draft("country", code="RU"), _draft("country", code="EG"), _draft("country", code="US"),
        _draft("statement", evidence="Officials said talks continue.",
               speaker={"name": None, "kind": "unnamed", "role": "officials", "for": None}),
    ]
    scores = score_article(EXPECTED, drafts)
    assert scores["quantities"].recall == 1.0 and scores["quantities"].precision == 0.5
    assert scores["quantities"].wrong == ["number=3, unit=batteries"]
    assert scores["countries"].recall == 1.0 and scores["countries"].precision == pytest.approx(2 / 3)
    assert scores["statements"].correct == 0 and scores["statements"].drafts == 1


def test_bodies_match_any_of_their_names_and_unnamed_speakers_any_unnamed_draft():
    expected = {"statements": [
        {"speaker": ["Ministry of Defence of Belarus", "Belarusian Defence Ministry"], "kind": "body", "quote": "targets were hit"},
        {"speaker": None, "kind": "unnamed", "quote": "talks continue"},
    ]}
    drafts = [
        _draft("statement", evidence="“All targets were hit,” the ministry said.",
               speaker={"name": "Ministry of Defence of Belarus", "kind": "body", "role": None, "for": None}),
        _draft("statement", evidence="A source said talks continue.",
               speaker={"name": None, "kind": "unnamed", "role": "source", "for": "Russia"}),
        _draft("statement", evidence="A source said talks continue.",
               speaker={"name": "Russia", "kind": "body", "role": None, "for": None}),
    ]
    scores = score_article(expected, drafts)
    assert scores["statements"].found == 2 and scores["statements"].correct == 2 and scores["statements"].drafts == 3


@pytest.mark.django_db
def test_report_prints_a_table_for_the_seed_articles_and_one_for_the_corpus(capsys):
    call_command("ingest_report")
    out = capsys.readouterr().out
    seed, dev = out.split("Development corpus")
    assert "Seed articles" in seed and "statements        44" in seed
    assert dev.startswith(f" ({len(corpus_articles())} articles")
    for kind in CORPUS_KINDS + CORPUS_ATTRIBUTES:
        assert f"\n{kind} " in dev, kind
    deliveries = next(line for line in dev.splitlines() if line.startswith("deliveries"))
    # Delivery drafts are measured: 195 expected (28 in the first 25 articles, 17 in the eight
    # written next, 21 in the eight after, 9 in articles 42-48, 27 in articles 50-57, 10 in
    # articles 58-61, 15 in articles 62-66, 6 in articles 80-84, 13 in articles 85-88, 11 in
    # articles 89-90, 19 in articles 91-96 (14 found when they were written), the one 41's
    # "has operated … since 2007" states, added with 91-96, and 10 in articles 97-102, written
    # for other kinds, 8 in articles 113-116, written for dates, money and quantities, all 8
    # found when written, 6 in articles 103-106, written for speakers, 5 found when written,
    # and 16 in articles 107-112, written for deals and their stages, 5 found when written, 14
    # after, and 21 in articles 131-136, written for deals, deliveries and status in
    # multi-country pieces, 14 found when written, 19 after; 254 in all with the 16 of 117-124
    # below), at least the 232 found once both were merged;
    # 140 of the first 146 once a reference was read for the system of its kind and a hand-over for the
    # system its verb acts on (11 of the 15 in 62-66 before; 108 of 112 once the paragraph's
    # system was read for "it" and "the system"; 8 of 28 when deliveries were introduced; 12 of
    # the 13 in 85-88 when they were written). Articles 117-124, written for speakers, expect 16
    # more, 11 found when they were written. Articles 137-142, written for recipients in other
    # roles and hand-overs in the passive, expect 14 more, all found when they were written;
    # articles 145-149, written for speakers, 7 more, all found when they were written.
    # Articles 150-153, written for quantities, dates and money, expect 10 more, 9 found when
    # they were written; 8 once a part "two more of its S-400 units" carried its count, since a
    # draft without one had matched a hand-over of four fire units too. Article 154, written
    # after, expects 2, both found: 287 in all. Articles 155-159, written for recipients in
    # relative clauses, lists, forces and agencies' statements, expect 14 more, 9 found when
    # they were written, 13 after (gapped hand-overs, a buyer named later, units awaited,
    # "ship" ahead): 301 in all, 283 found once those and 85, 106, 153 were read. Articles
    # 160-164, written for buyers named late without the system, expect 9 more, 8 found when
    # they were written; 165-168, for rival sellers in one story, 7 more, 6 found; 170-172, for
    # dates and counts, 6 more, 4 found: 323 in all, 301 found once the three rounds were merged.
    # Articles 173-182, 183-192, 193-202, 203-212 and 213-222, each written as a check set by a
    # writer who had read no extractor, scored before any change and then moved here, expect 24,
    # 21, 29, 25 and 24 more, 18, 15, 28, 22 and 17 found when scored: 446 in all, 405 found after
    # the rounds they served. Articles 223-232, written the same way on 3 December 2026 and scored
    # before the round they served, expect 36 more, 29 found when scored: 482 in all. One fewer
    # found once a headline's hand-over the body tells again was drafted once: in 50 the headline's
    # undated, uncounted draft of the fourth squadron had matched the "first three squadrons" the
    # body states only as operational, which nothing drafts. Articles 233-242, written the same
    # way on 3 December 2026 (second session) and scored before the round they served, expect 35
    # more, 26 found when scored: 517 in all. 469 found on 3 December 2026 (third session), once
    # units said to be operational and bare counts after a count were read. Articles 243-262,
    # written the same way on 4 December 2026, expect 72 more, 57 found when scored: 589 in all.
    name, expected, found = deliveries.split()[:3]
    assert (name, expected) == ("deliveries", "589") and int(found) >= 525


@pytest.mark.django_db
def test_report_for_one_corpus_article_or_only_the_seed(capsys):
    call_command("ingest_report", "--corpus", "dev", "--article", "01_tr_second_batch_wire")
    out = capsys.readouterr().out
    assert "Development corpus (1 articles" in out and "Seed articles" not in out
    call_command("ingest_report", "--corpus", "seed")
    assert "Development corpus" not in capsys.readouterr().out
    call_command("ingest_report", "--corpus", "check")
    out = capsys.readouterr().out
    assert out.startswith("Check corpus (128 articles") and "Development corpus" not in out
    with pytest.raises(CommandError, match="No corpus article named nope"):
        call_command("ingest_report", "--article", "nope")


@pytest.mark.django_db
def test_ingest_json_prints_the_article_and_its_drafts_in_the_documented_shape(tmp_path, capsys):
    path = tmp_path / "egypt.txt"
    path.write_text(ARTICLE)
    call_command("ingest", str(path), "--outlet", "Interfax", "--published", "June 5, 2020", "--json")
    data = json.loads(capsys.readouterr().out)
    article = Article.objects.get()
    assert data["article"] == {"id": article.pk, "title": article.title, "published_edtf": "2020-06-05"}
    assert len(data["drafts"]) == article.drafts.count()
    by_kind = {}
    for draft in data["drafts"]:
        assert draft["evidence"] == ARTICLE[draft["start"] : draft["end"]]
        by_kind.setdefault(draft["kind"], []).append(draft)
    assert set(by_kind) <= {"statement", "deal", "delivery", "money", "quantity", "date", "country", "system", "organisation"}
    money = by_kind["money"][0]
    assert (money["amount"], money["currency"], money["certainty"]) == ("2100000000", "USD", "stated")  # a signed contract, as fact
    assert money["summary"] == "2100000000 USD" and money["qualifier"] is None
    [planned] = by_kind["delivery"]
    assert planned["deal"] == {"supplier": "RU", "recipient": "EG", "system": "S-400 Triumf"}  # no slug taken for the deal's
    assert (planned["planned"], planned["quantity"], planned["unit"], planned["date"]["earliest"]) == (True, 1, "regiments", "2021-01-01")
    zaki = next(s for s in by_kind["statement"] if s["words"] == "The first regiment will arrive next year")
    assert zaki["speaker"] == {"name": "Mohamed Zaki", "kind": "person", "role": "Egyptian Defense Minister", "for": None}
    assert zaki["mode"] == "quote" and zaki["date"]["earliest"] == "2020-06-05"
    deal = by_kind["deal"][0]
    assert (deal["supplier"], deal["recipient"], deal["system"], deal["status"]) == ("RU", "EG", "S-400 Triumf", "signed")
    assert {"number": 2, "unit": "regiments"}.items() <= by_kind["quantity"][0].items()
    march = next(d for d in by_kind["date"] if d["words"] == "in March 2020")
    assert (march["edtf"], march["earliest"], march["latest"]) == ("2020-03", "2020-03-01", "2020-03-31")
    assert {c["code"] for c in by_kind["country"]} == {"RU", "EG", "US"}  # Washington is the US, Cairo Egypt
    assert [s["name"] for s in by_kind["system"]] == ["S-400 Triumf"]


@pytest.mark.django_db
def test_ingest_json_gives_a_figures_bound_and_a_new_bodys_kind(tmp_path, capsys):
    path = tmp_path / "minsk.txt"
    path.write_text("MINSK, June 3 (Volga Courier) - Belarus will pay up to $500 million for more than 20 S-400 launchers, "
                    "the state arms agency Belspetsvneshtekhnika said.\n")
    call_command("ingest", str(path), "--outlet", "Interfax", "--published", "June 5, 2021", "--json")
    drafts = json.loads(capsys.readouterr().out)["drafts"]
    [money] = [d for d in drafts if d["kind"] == "money"]
    assert (money["amount"], money["qualifier"]) == ("500000000", "up to")
    [count] = [d for d in drafts if d["kind"] == "quantity"]
    assert (count["number"], count["unit"], count["qualifier"]) == (20, "launchers", "more than")
    courier = next(d for d in drafts if d["kind"] == "organisation" and d["name"] == "Volga Courier")
    assert (courier["organisation_kind"], courier["country"]) == ("news_outlet", None)
    assert courier["summary"] == "Volga Courier (news outlet) — not in the base yet"


@pytest.mark.django_db
def test_an_evaluation_sets_misses_are_listed_only_when_it_is_named(capsys):
    """`-v 2` over every corpus lists the development misses, never the check or held-out
    sentences to whoever is working on the extractors; naming the set lists them."""
    article = "01_analysis_camps_buyers_rivals"  # a check article
    call_command("ingest_report", "--article", article, verbosity=2)
    out = capsys.readouterr().out
    assert out.startswith("Check corpus (1 articles")
    assert "  (its misses are listed with --corpus check only)" in out
    assert not [line for line in out.splitlines() if line.startswith(("  missed", "  unmatched"))]
    call_command("ingest_report", "--corpus", "check", "--article", article, verbosity=2)
    assert "its misses are listed" not in capsys.readouterr().out
