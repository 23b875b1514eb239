"""The held-out corpus (ingest/tests/corpus_heldout) is well formed, so that its figures mean
something: every sidecar parses and is complete, what it expects is in its article, and
``ingest_report`` gives it its own table."""
import json

import pytest
from django.core.management import CommandError, call_command

from deals import approximate_dates
from deals.models import DealStatus
from ingest.evaluation import CORPUS_KINDS, HELDOUT_DIR, corpus_articles

KEYS = {"outlet", "published", *CORPUS_KINDS}


def test_every_sidecar_parses_and_lists_every_kind():
    texts = sorted(HELDOUT_DIR.glob("*.txt"))
    assert len(texts) >= 15
    assert sorted(HELDOUT_DIR.glob("*.json")) == [path.with_suffix(".json") for path in texts]
    for path in texts:
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert set(expected) == KEYS, path.name
        approximate_dates.parse(expected["published"])  # raises on a publication date it cannot read


def test_every_expectation_is_in_its_article():
    statuses = set(DealStatus.values)
    for name, text, expected in corpus_articles(HELDOUT_DIR):
        assert 200 <= len(text.split()) <= 450, name
        flat = " ".join(text.split())
        for statement in expected["statements"]:
            assert statement["kind"] in ("person", "body", "unnamed"), (name, statement)
            assert (statement["speaker"] is None) == (statement["kind"] == "unnamed"), (name, statement)
            assert " ".join(statement["quote"].split()) in flat, (name, statement["quote"])
        for date in expected["dates"]:
            assert date["words"] in text, (name, date)
            assert date["earliest"] <= date["latest"], (name, date)
        for deal in expected["deals"]:
            assert deal["status"] and set(deal["status"]) <= statuses, (name, deal)
        phrases = {date["words"] for date in expected["dates"]}
        for delivery in expected["deliveries"]:
            assert delivery["date"] is None or delivery["date"] in phrases, (name, delivery)
        for sum_ in expected["money"]:
            assert sum_["certainty"] in ("stated", "reported", "expected"), (name, sum_)
        assert all(len(code) == 2 and code.isupper() for code in expected["countries"]), name


@pytest.mark.django_db
def test_report_prints_the_held_out_table_alone_or_after_the_other_two(capsys):
    call_command("ingest_report", "--corpus", "heldout")
    out = capsys.readouterr().out
    assert out.startswith(f"Held-out corpus ({len(corpus_articles(HELDOUT_DIR))} articles")
    assert "Development corpus" not in out and "Seed articles" not in out
    statements = next(line for line in out.splitlines() if line.startswith("statements"))
    gold = sum(len(expected["statements"]) for _, _, expected in corpus_articles(HELDOUT_DIR))
    assert int(statements.split()[1]) == gold

    call_command("ingest_report")
    out = capsys.readouterr().out
    assert out.index("Seed articles") < out.index("Development corpus") < out.index("Held-out corpus")


@pytest.mark.django_db
def test_report_for_one_held_out_article(capsys):
    name = corpus_articles(HELDOUT_DIR)[0][0]
    call_command("ingest_report", "--corpus", "heldout", "--article", name)
    assert capsys.readouterr().out.startswith("Held-out corpus (1 articles")
    with pytest.raises(CommandError, match=f"No corpus article named {name}"):
        call_command("ingest_report", "--corpus", "dev", "--article", name)
