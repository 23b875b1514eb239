"""Deals, statuses and deliveries, one shape per test, in invented sentences: the recipient in
its role, sellers of systems the base does not know, status never more certain than the text,
cues that carry to the article's deal, and delivery drafts (actual or planned)."""
import pytest

from deals.approximate_dates import parse
from ingest.extract import Kind, Lexicon, extract_all

from .test_extract import COUNTRIES, LEXICON

WORLD = Lexicon(
    countries=COUNTRIES | {
        "China": ("CN", "China"), "Chinese": ("CN", "China"), "American": ("US", "United States"),
        "Saudi Arabia": ("SA", "Saudi Arabia"), "Riyadh": ("SA", "Saudi Arabia"), "Ukraine": ("UA", "Ukraine"),
        "Egypt": ("EG", "Egypt"), "Cairo": ("EG", "Egypt"), "Algeria": ("DZ", "Algeria"), "Indian": ("IN", "India"),
    },
    systems=LEXICON.systems, organisations=LEXICON.organisations,
)


def found(text, kind=Kind.DEAL):
    return [f.value for f in extract_all(text, published=parse("June 9, 2021"), lexicon=WORLD) if f.kind == kind]


def deals(text):
    return sorted((v["supplier"], v["recipient"], v["system_name"], v["status"]) for v in found(text))


def test_recipients_listed_after_a_colon():
    text = "Moscow has sold the S-400 to three customers: Egypt, Algeria and China."
    assert {d[1] for d in deals(text)} == {"EG", "DZ", "CN"}


def test_the_state_that_warns_is_not_a_recipient():
    assert deals("Washington warned Ankara against buying the S-400 from Moscow.") == [("RU", "TR", "S-400 Triumf", "reported")]


def test_an_envoys_posting_a_newspapers_nationality_and_a_wars_name_are_not_recipients():
    text = "Egypt intends to buy the S-400, a Turkish daily reported, citing the Indian ambassador in Moscow."
    assert {d[1] for d in deals(text)} == {"EG"}
    assert {d[1] for d in deals("Since the Ukraine war began, Algeria has signed a contract for the S-400.")} == {"DZ"}


def test_a_system_the_base_does_not_know_is_drafted_by_name_with_its_seller():
    systems = found("Cairo has shown interest in the Chinese HQ-9 and the Pantsir-S1.", Kind.SYSTEM)
    assert {(s["name"], s["slug"]) for s in systems} == {("HQ-9", ""), ("Pantsir-S1", "")}
    assert deals("Egypt operates the American THAAD system.") == [("US", "EG", "THAAD", "delivered")]
    assert deals("Moscow supplied Tor-M2 batteries to Egypt in 2019.") == [("RU", "EG", "Tor-M2", "delivered")]


@pytest.mark.parametrize(
    "sentence, status",
    [
        ("The first S-400 batteries have been delivered to Algeria.", "delivering"),
        ("The S-400 batteries have been delivered to Algeria.", "delivered"),
        ("Several S-400 launchers were handed over to Egypt on Friday.", "delivering"),
        ("Officials said a contract for the S-400 had been made with Algeria.", "signed"),
        ("Egypt signed a deal for the S-400 last year.", "signed"),
        ("Russia would stop deliveries of the S-400 to Egypt, the ministry said.", "suspended"),
        ("Algeria suspended payments for the S-400.", "suspended"),
        ("Egypt cancelled its S-400 order.", "cancelled"),
        ("Cairo is negotiating with Moscow over the S-400.", "negotiating"),
    ],
)
def test_status_wording_beyond_the_cue_list(sentence, status):
    assert [d[3] for d in deals(sentence)] == [status]


@pytest.mark.parametrize(
    "sentence, allowed",
    [
        ("A contract for the S-400 could be signed with Egypt by the end of the year.", {"negotiating"}),
        ("Algeria may buy the S-400 from Russia.", {"reported", "negotiating"}),
        ("Egypt plans to purchase the S-400.", {"reported", "negotiating"}),
        ("Algeria is expected to acquire the S-400.", {"reported", "negotiating"}),
        ("Russia will deliver the S-400 to Egypt next year.", {"reported", "negotiating"}),
        ("Cairo wants to buy the S-400, officials said.", {"reported", "negotiating"}),
        ("Talks on buying the S-400 were held in Cairo with Russia.", {"reported", "negotiating"}),
    ],
)
def test_hedged_wording_never_gives_a_signed_or_delivered_status(sentence, allowed):
    statuses = {d[3] for d in deals(sentence)}
    assert statuses and statuses <= allowed
    assert all(d["planned"] for d in found(sentence, Kind.DELIVERY))


def test_a_cue_about_the_missiles_carries_to_the_last_deal():
    text = "Egypt signed a contract for the S-400 in 2019. The missiles were handed over in March."
    assert deals(text) == [("RU", "EG", "S-400 Triumf", "delivered"), ("RU", "EG", "S-400 Triumf", "signed")]


def test_an_actual_delivery_with_its_quantity_and_date():
    text = "Algeria signed a contract for the S-400 in 2019. Russia delivered the first regiment in December."
    [delivery] = found(text, Kind.DELIVERY)
    assert delivery["planned"] is False
    assert (delivery["quantity"], delivery["unit"], delivery["date"]["words"]) == (1, "regiments", "in December")
    assert (delivery["deal"]["supplier"], delivery["deal"]["recipient"], delivery["deal"]["system"]) == ("RU", "DZ", "S-400 Triumf")
    assert ("RU", "DZ", "S-400 Triumf", "delivering") in deals(text)


def test_planned_deliveries():
    [planned] = found("Deliveries of the S-400 to Egypt are scheduled for 2025.", Kind.DELIVERY)
    assert planned["planned"] is True and planned["date"]["earliest"] == "2025-01-01"
    [later] = found("Two more S-400 regiments will arrive in Algeria next year.", Kind.DELIVERY)
    assert (later["planned"], later["quantity"], later["unit"]) == (True, 2, "regiments")


def test_a_suspension_or_denial_is_no_delivery():
    assert found("Russia halted deliveries of the S-400 to Egypt.", Kind.DELIVERY) == []
