"""The assistant, measured on the five curated articles, must stay above the bar."""
import pytest
from django.core.management import call_command

from ingest.evaluation import extraction_report

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def scores(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return extraction_report()


def test_statements_found_with_the_right_speaker(scores):
    s = scores["statements"]
    assert s.gold == 44
    assert s.recall >= 0.90, s.misses
    assert s.precision >= 0.90, s.wrong


def test_every_money_value_found(scores):
    s = scores["money"]
    assert s.gold == 4 and s.found == 4, s.misses


def test_every_quantity_found(scores):
    s = scores["quantities"]
    assert s.gold == 3 and s.found == 3, s.misses


def test_dates_found_with_the_right_bounds(scores):
    s = scores["dates"]
    assert s.gold >= 30
    assert s.recall >= 0.90, s.misses


def test_countries_and_systems_found(scores):
    assert scores["countries"].recall >= 0.95, scores["countries"].misses
    assert scores["systems"].recall >= 0.95, scores["systems"].misses


def test_report_command_prints_figures_and_checks_the_bar(capsys):
    call_command("ingest_report", "--check")
    out = capsys.readouterr().out
    assert "statements" in out and "precision" in out and "BELOW" not in out
