"""British and American spellings (lists.spelling): which words have another spelling, and
a term's spellings in combination, bounded."""
import pytest

from lists.spelling import MAX_FOLDED_WORDS, other_spelling, spellings, substring_spellings


@pytest.mark.parametrize("word, other", [
    ("defence", "defense"), ("Defense", "defence"), ("programmes", "programs"), ("program", "programme"),
    ("organise", "organize"), ("organized", "organised"), ("modernisation", "modernization"),
    ("realising", "realizing"), ("analyse", "analyze"), ("armoured", "armored"), ("centre", "center"),
])
def test_a_word_with_two_spellings_gives_the_other(word, other):
    assert other_spelling(word) == other


@pytest.mark.parametrize("word", [
    "rise", "raise", "size", "seize", "prize", "noise", "cruise", "exercise", "exercised", "advertising",
    "promise", "surprised", "supervisor", "citizen", "fence", "hour", "four", "analysis", "2019", "covid19",
])
def test_a_word_spelled_one_way_has_no_other_spelling(word):
    assert other_spelling(word) is None


@pytest.mark.parametrize("word, other", [("S400", "s-400"), ("su35", "su-35"), ("S300PMU", "s-300pmu"), ("HQ9", "hq-9")])
def test_a_designator_run_together_is_also_spelled_with_its_hyphen(word, other):
    assert other_spelling(word) == other


def test_a_designator_in_a_term_is_spelled_both_ways():
    assert spellings("S400 air defence") == [
        "S400 air defence", "S400 air defense", "s-400 air defence", "s-400 air defense",
    ]


def test_a_term_is_spelled_every_way_its_words_are():
    assert spellings("Air Defence programme") == [
        "Air Defence programme", "Air Defence program", "Air defense programme", "Air defense program",
    ]
    assert spellings("S-400 radar") == ["S-400 radar"]


def test_only_the_first_words_with_two_spellings_are_spelled_both_ways():
    many = spellings("defence programme organise centre armour")

    assert len(many) == 2 ** MAX_FOLDED_WORDS
    assert all(spelling.endswith(" armour") for spelling in many)


def test_a_spelling_that_holds_another_is_not_searched_for_as_a_substring():
    assert substring_spellings("program") == ["program"]
    assert substring_spellings("programme") == ["program"]
    assert substring_spellings("air defence") == ["air defence", "air defense"]


def test_a_limit_leaves_the_later_words_as_written():
    assert spellings("defence programme", limit=1) == ["defence programme", "defense programme"]
    assert spellings("defence programme", limit=0) == ["defence programme"]


def test_typeset_dashes_are_also_spelled_as_hyphens():
    assert spellings("S\u2013400") == ["S\u2013400", "S-400"]  # en dash
    assert spellings("S\u2011400 defence") == [
        "S\u2011400 defence", "S\u2011400 defense", "S-400 defence", "S-400 defense",
    ]
