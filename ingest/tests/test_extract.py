"""The extractors on the articles' own phrasings, with a small hand-made lexicon (no database)."""
from datetime import date

import pytest

from deals.approximate_dates import from_edtf, parse
from ingest.extract import Kind, Lexicon, OrganisationName, SystemName, extract_all
from ingest.extract.base import quotations, sentences
from ingest.extract.countries import find_countries
from ingest.extract.dates import find_dates
from ingest.extract.deals import status_cue
from ingest.extract.money import find_money
from ingest.extract.quantities import find_quantities
from ingest.extract.statements import find_statements
from ingest.extract.systems import find_systems

COUNTRIES = {
    "Turkey": ("TR", "Turkey"), "Ankara": ("TR", "Turkey"), "Turkish": ("TR", "Turkey"),
    "Russia": ("RU", "Russia"), "Russian": ("RU", "Russia"), "Moscow": ("RU", "Russia"),
    "Russian Federation": ("RU", "Russia"), "United States": ("US", "United States"),
    "US": ("US", "United States"), "Washington": ("US", "United States"), "Qatar": ("QA", "Qatar"),
    "Qatari": ("QA", "Qatar"), "Doha": ("QA", "Qatar"), "Iran": ("IR", "Iran"), "Tehran": ("IR", "Iran"),
    "India": ("IN", "India"), "New Delhi": ("IN", "India"), "Delhi": ("IN", "India"),
    "Belarus": ("BY", "Belarus"), "Belarusian": ("BY", "Belarus"), "Victoria": ("SC", "Seychelles"),
}
ORGS = [
    ("Interfax", "news_agency"), ("TASS", "news_agency"), ("Sputnik", "news_agency"), ("RIA Novosti", "news_agency"),
    ("NTV", "broadcaster"), ("Rosoboronexport", "company"), ("Pentagon", "government"), ("Bloomberg", "news_agency"),
    ("Kremlin", "government"),
]
LEXICON = Lexicon(
    countries=COUNTRIES,
    systems=[
        SystemName("S-400", "s-400", "S-400 Triumf", "RU"), SystemName("S-400 Triumph", "s-400", "S-400 Triumf", "RU"),
        SystemName("S-300", "s-300", "S-300", "RU"), SystemName("S-300PS", "s-300ps", "S-300PS", "RU"),
        SystemName("F-35", "f-35", "F-35", "US"), SystemName("Patriot", "patriot", "Patriot", "US"),
    ],
    organisations=[OrganisationName(name, name.lower(), name, kind) for name, kind in ORGS],
    people=["Dmitry Peskov"],
)


def statements(text, published=None):
    published = published or parse("June 9, 2021")
    return find_statements(text, lexicon=LEXICON, dates=find_dates(text, published=published))


# --- layout -----------------------------------------------------------------------------


def test_sentences_do_not_end_inside_quotes_or_after_abbreviations():
    text = (
        "“Russia is open. Of course, Russia is looking,” Peskov told reporters. "
        "Belarusian Defense Minister Gen. Lt. Andrey Ravkov told TASS. Next one."
    )
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "“Russia is open. Of course, Russia is looking,” Peskov told reporters.",
        "Belarusian Defense Minister Gen. Lt. Andrey Ravkov told TASS.",
        "Next one.",
    ]


def test_quotations_in_every_style_but_not_apostrophes():
    text = "“a” «b» \"c\" ‘d’ Russia’s Belarus’ main"
    spans = quotations(text, sentences(text)[0])
    assert [text[s.start : s.end] for s in spans] == ["“a”", "«b»", '"c"', "‘d’"]


# --- countries and systems --------------------------------------------------------------


def test_countries_by_capital_adjective_and_name_case_sensitive_whole_word():
    text = "Deliveries of Russian systems to Turkey led to a crisis between Ankara and Washington; us and USB are not countries, nor is victorious."
    found = find_countries(text, lexicon=LEXICON)
    assert [(f.words(text), f.value["code"]) for f in found] == [
        ("Russian", "RU"), ("Turkey", "TR"), ("Ankara", "TR"), ("Washington", "US"),
    ]


def test_a_factbox_heading_in_capitals_names_its_country_and_no_word_in_capitals_does():
    text = "Factbox: buyers\n\nTURKEY\n\nSigned in 2017.\n\nTURKEY AND BELARUS:\n\nBoth field it.\n\nOTHERS:\n\nTURKEY LEADS."
    found = find_countries(text, lexicon=LEXICON)
    assert [(f.words(text), f.value["code"]) for f in found] == [("TURKEY", "TR")]


def test_longest_country_name_wins():
    text = "the press secretary of the President of the Russian Federation said"
    assert [f.words(text) for f in find_countries(text, lexicon=LEXICON)] == ["Russian Federation"]


def test_systems_by_name_and_alias_longest_first():
    text = "four divisions and command post of S-300PS missile defense systems; the S-400 Triumph system; S-300 units"
    assert [(f.words(text), f.value["slug"]) for f in find_systems(text, lexicon=LEXICON)] == [
        ("S-300PS", "s-300ps"), ("S-400 Triumph", "s-400"), ("S-300", "s-300"),
    ]


# --- money ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, amount, currency",
    [
        ("$5.43 billion", "5430000000", "USD"),
        ("$800-million", "800000000", "USD"),
        ("$3.4-billion", "3400000000", "USD"),
        ("$2.5 billion", "2500000000", "USD"),
        ("3 trillion rubles", "3000000000000", "RUB"),
        ("€1.2bn", "1200000000", "EUR"),
    ],
)
def test_money_as_amount_and_iso_currency(words, amount, currency):
    [found] = find_money(f"It will cost {words}.")
    assert (found.value["amount"], found.value["currency"], found.value["words"]) == (amount, currency, words)


def test_figure_given_in_two_currencies_is_one_draft_with_both():
    text = "five regiments of the latest air defense systems will cost New Delhi $5.43 billion (more than 3 trillion rubles)."
    [found] = find_money(text)
    assert found.words(text) == "$5.43 billion (more than 3 trillion rubles)"
    assert (found.value["amount"], found.value["currency"]) == ("5430000000", "USD")
    assert found.value["also"] == [
        {"amount": "3000000000000", "currency": "RUB", "qualifier": "more than", "words": "more than 3 trillion rubles"}
    ]
    assert found.evidence(text) == text


def test_distances_are_not_money():
    assert find_money("targets at ranges of up to 400 kilometers (249 miles)") == []


# --- quantities -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, words, quantity, unit",
    [
        ("five regiments of the latest air defense systems", "five regiments", 5, "regiments"),
        ("Turkey bought four divisions of S-400 air defense systems", "four divisions", 4, "divisions"),
        ("1096779Four Russian S-300 missile systems will be stationed", "Four Russian S-300 missile systems", 4, "systems"),
        ("«around 50 contracts were signed", "around 50 contracts", 50, "contracts"),
    ],
)
def test_quantities_with_units(text, words, quantity, unit):
    [found] = find_quantities(text)
    assert (found.words(text), found.value["quantity"], found.value["unit"]) == (words, quantity, unit)


@pytest.mark.parametrize(
    "text, words, quantity",
    [
        ("Cairo will receive two regiments of the systems.", "two regiments", 2),
        ("India ordered five regiments of S-400 systems.", "five regiments", 5),
    ],
)
def test_a_unit_followed_by_of_and_another_unit_is_counted_once(text, words, quantity):
    [found] = find_quantities(text)
    assert (found.words(text), found.value["quantity"], found.value["unit"]) == (words, quantity, "regiments")


def test_years_and_other_nouns_are_not_quantities():
    assert find_quantities("in 2015 systems were bought by three states and the two countries") == []


# --- dates ------------------------------------------------------------------------------


def dates(text, published):
    return [(f.words(text), f.value["edtf"]) for f in find_dates(text, published=published)]


def test_absolute_dates_and_ranges():
    text = (
        "In October 2018 they signed. Deliveries began in mid-June 2019. The first deliveries will take "
        "place in October–December 2021. On October 23, 2019, it was done. In 2014-2015, contracts. "
        "It could be made between late 2019 and early 2020."
    )
    assert dates(text, parse("June 2021")) == [
        ("In October 2018", "2018-10"),
        ("in mid-June 2019", "2019-06-11/2019-06-20"),
        ("in October–December 2021", "2021-10/2021-12"),
        ("On October 23, 2019", "2019-10-23"),
        ("In 2014-2015", "2014/2015"),
        ("between late 2019 and early 2020", "2019-09/2020-04"),
    ]


def test_relative_dates_resolve_against_the_publication_date():
    text = "Peskov told Sputnik on Friday. Last month, he rejected it. The US abandoned the deal last year."
    assert dates(text, parse("June 2019")) == [
        ("on Friday", "2019-05-31/2019-06-28"),
        ("Last month", "2019-05"),
        ("last year", "2018"),
    ]


def test_relative_dates_across_a_year_boundary():
    published = parse("January 3, 2020")  # a Friday
    text = "He spoke on Monday. Last month the deal was signed. In December the talks began. It happened last week."
    assert dates(text, published) == [
        ("on Monday", "2019-12-30"),
        ("Last month", "2019-12"),
        ("In December", "2019-12"),  # the latest December not after the January it was published in
        ("last week", "2019-12-23/2019-12-29"),
    ]


@pytest.mark.parametrize("headline, edtf", [
    ("IAF to get fourth S-400 squadron in February", "2026-02"),  # a headline's infinitive: ahead
    ("Turkey to receive second S-400 batch in June", "2026-06"),
    ("IAF got fourth S-400 squadron in February", "2025-02"),
    ("Delhi says yes to talks in February", "2025-02"),  # "to" before a noun is no infinitive
])
def test_a_yearless_month_in_a_headline_infinitive_lies_ahead(headline, edtf):
    text = f"{headline}\nNEW DELHI: Officials gave no more detail on Tuesday."
    found = extract_all(text, published=parse("November 18, 2025"), lexicon=Lexicon())
    assert [f.value["edtf"] for f in found if f.kind == Kind.DATE][0] == edtf


def test_anaphoric_dates_resolve_against_the_date_before_them():
    text = "In February 2019, it was reported. A year earlier, the Saudi authorities threatened Qatar."
    assert dates(text, parse("June 2021")) == [("In February 2019", "2019-02"), ("A year earlier", "2018-02")]


def test_after_with_an_object_is_not_a_date_after_the_last_one():
    text = "Deliveries began in December 2021, two months after Indian crews completed their training. Two weeks after, the first regiment was on duty."
    assert dates(text, parse("January 14, 2022")) == [("in December 2021", "2021-12"), ("Two weeks after", "2021-12-15/2022-01-14")]


def test_by_the_end_of_this_year_against_an_uncertain_year():
    text = "Four systems will be stationed by the end of this year in Belarus."
    [found] = find_dates(text, published=from_edtf("2016?", basis="inferred"))
    assert (found.value["words"], found.value["earliest"], found.value["latest"]) == (
        "by the end of this year", "2016-01-01", "2016-12-31",
    )


def test_relative_dates_without_a_publication_date_are_left_out():
    assert dates("He spoke on Friday in October 2018.", None) == [("in October 2018", "2018-10")]


def test_modal_may_and_airshow_years_are_not_dates():
    assert dates("The contract may be signed at the Dubai Airshow-2021.", parse("2021")) == []


# --- statements -------------------------------------------------------------------------


def speakers(found, text):
    return [(f.value["speaker"], f.value["mode"], f.words(text)) for f in found]


def test_quote_attributed_after_with_role_and_medium():
    text = "“No,” Russia’s Deputy Prime Minister Yuri Borisov told Sputnik on Friday when asked."
    [found] = statements(text, parse("June 2019"))
    assert found.value | {} == found.value
    assert (found.value["speaker"], found.value["role"], found.value["medium"], found.value["mode"]) == (
        "Yuri Borisov", "Russia’s Deputy Prime Minister", "Sputnik", "quote",
    )
    assert found.words(text) == "No"
    assert found.value["date"]["edtf"] == "2019-05-31/2019-06-28"
    assert found.value["stance"] == "denies"


def test_quote_whose_speaker_is_named_in_the_previous_sentence():
    text = (
        "Russia is discussing supplies with Turkey, Dmitry Shugaev, director of the FSMTC, told Interfax.\n"
        '"Military-technical cooperation with the Republic of Turkey is steadily developing," Shugaev said.\n'
        'He said that "many countries in the region are showing interest in the S-400 Triumph system."'
    )
    found = statements(text)
    assert [f.value["speaker"] for f in found] == ["Dmitry Shugaev"] * 3
    assert found[0].value["role"] == "director of the FSMTC" and found[0].value["medium"] == "Interfax"
    assert [f.value["mode"] for f in found] == ["reported", "quote", "quote"]
    assert found[2].words(text) == "many countries in the region are showing interest in the S-400 Triumph system."


def test_guillemet_quotes_and_adding_that():
    text = (
        "Four Russian S-300 missile systems will be stationed in Belarus, Belarusian Defense Minister Gen. Lt. "
        "Andrey Ravkov told TASS on Wednesday.\n"
        "«Four divisions will enter service,» he said. The issue of delivering S-400 missile systems to Belarus is "
        "the stage of discussions, Ravkov noted, adding that «it is yet premature to talk about concrete dates.»"
    )
    found = statements(text)
    assert speakers(found, text) == [
        ("Andrey Ravkov", "reported", "Four Russian S-300 missile systems will be stationed in Belarus"),
        ("Andrey Ravkov", "quote", "Four divisions will enter service"),
        ("Andrey Ravkov", "reported", "The issue of delivering S-400 missile systems to Belarus is the stage of discussions"),
        ("Andrey Ravkov", "quote", "it is yet premature to talk about concrete dates."),
    ]
    assert found[0].value["role"] == "Belarusian Defense Minister" and found[0].value["medium"] == "TASS"


def test_according_to_him_and_the_senior_diplomat_resolve_to_the_last_person():
    text = (
        "There is no progress on S-400 supplies. This was announced on June 9 by the Qatari Ambassador to Russia, "
        "Sheikh Ahmed bin Nasser Al Thani.\n"
        "According to him, military cooperation between the states remains, RIA Novosti notes. "
        '"Russia is a strategic partner," the senior diplomat said.'
    )
    found = statements(text)
    assert [f.value["speaker"] for f in found] == ["Ahmed bin Nasser Al Thani"] * 3
    assert found[0].words(text) == "There is no progress on S-400 supplies."
    assert found[0].value["date"]["edtf"] == "2021-06-09"
    assert found[1].words(text) == "military cooperation between the states remains"
    assert found[1].value["medium"] == "RIA Novosti"


def test_bodies_countries_and_two_speakers_at_once():
    text = (
        "In addition, the Pentagon stated that Turkey should return the S-400. The US announced on April 1 that it "
        "would be suspending all “deliveries and activities” related to the F-35. Back in April 2018, Turkish "
        "President Recep Tayyip Erdogan and his Russian counterpart Vladimir Putin said in Ankara that they had agreed."
    )
    found = statements(text, parse("April 3, 2019"))
    assert [(f.value["speaker"], f.value["speaker_kind"]) for f in found] == [
        ("Pentagon", "organisation"), ("United States", "country"),
        ("Recep Tayyip Erdogan", "person"), ("Vladimir Putin", "person"),
    ]
    assert found[1].words(text).startswith("it would be suspending all “deliveries and activities”")


def test_an_unnamed_official_stays_unnamed_for_their_country():
    text = (
        "A high-ranking Russian official says his country is ready to consider new contracts.\n"
        "“Russia is open,” Kremlin Spokesman Dmitry Peskov told reporters in the capital Moscow on Wednesday."
    )
    found = statements(text, parse("April 3, 2019"))
    assert [(f.value["speaker"], f.value["speaker_kind"], f.value["unnamed"]) for f in found] == [
        ("Russia", "country", True), ("Dmitry Peskov", "person", False),
    ]
    assert found[0].value["role"] == "high-ranking Russian official"
    assert found[1].value["organisation"] == "Kremlin"
    assert found[1].value["setting"] == "told reporters in the capital Moscow"


def test_an_unnamed_official_does_not_borrow_the_next_named_person():
    text = (
        "In October, a senior Egyptian official said that Cairo was \"studying several options\". "
        "\"We have made our concerns very clear,\" State Department spokesman Ned Price told reporters on Wednesday."
    )
    lexicon = Lexicon(countries=COUNTRIES | {"Egyptian": ("EG", "Egypt"), "Cairo": ("EG", "Egypt")})
    found = find_statements(text, lexicon=lexicon)
    assert [(f.value["speaker"], f.value["role"], f.value["unnamed"]) for f in found] == [
        ("Egypt", "senior Egyptian official", True),
        ("Ned Price", "State Department spokesman", False),
    ]


@pytest.mark.parametrize(
    "text, speaker, kind, role",
    [
        ("Officials said the talks would resume.", "", "unnamed", "Officials"),
        ("A source in Rosoboronexport told Interfax the contract was ready.", "Rosoboronexport", "organisation", "source in Rosoboronexport"),
        ("Two Turkish diplomats said the batteries were not yet active.", "Turkey", "country", "Two Turkish diplomats"),
    ],
)
def test_unnamed_sources_are_drafted_with_their_role(text, speaker, kind, role):
    [found] = statements(text)
    assert (found.value["speaker"], found.value["speaker_kind"], found.value["role"], found.value["unnamed"]) == (
        speaker, kind, role, True,
    )


def test_he_after_an_unnamed_official_is_that_official():
    text = (
        "“Russia is open,” Dmitry Peskov told reporters.\n"
        "A senior Turkish official said the second batch was agreed. He added that payment was due in March."
    )
    found = statements(text)
    assert [(f.value["speaker"], f.value["role"]) for f in found] == [
        ("Dmitry Peskov", ""), ("Turkey", "senior Turkish official"), ("Turkey", "senior Turkish official"),
    ]


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("The contract is worth $2.1 billion, the newspaper Kommersant wrote last month.", "Kommersant"),
        ("The deal was signed in December, Vedomosti daily reported.", "Vedomosti"),
        ("The regiments will arrive in spring, the TV channel Zvezda said.", "Zvezda"),
        ("Ankara paid in advance, news agency TASS reported.", "TASS"),
    ],
)
def test_an_outlet_is_a_body_not_a_person(text, outlet):
    [found] = statements(text)
    assert (found.value["speaker"], found.value["speaker_kind"], found.value["organisation"]) == (outlet, "organisation", outlet)


def test_a_quoted_system_name_is_not_a_statement():
    text = "Russia and Egypt have signed a contract for «S-400» systems, Rostec head Sergey Chemezov told TASS."
    [found] = statements(text)
    assert (found.value["speaker"], found.value["role"], found.value["mode"], found.value["medium"]) == (
        "Sergey Chemezov", "Rostec head", "reported", "TASS",
    )
    assert found.words(text) == "Russia and Egypt have signed a contract for «S-400» systems"


def test_a_short_quote_that_is_not_a_name_is_still_a_statement():
    text = "“Never,” Peskov said of a second deal."
    [found] = statements(text)
    assert (found.value["speaker"], found.words(text)) == ("Dmitry Peskov", "Never")


def test_a_second_speech_verb_heading_its_own_clause_is_a_second_statement():
    text = (
        "Officials in Cairo said the purchase was going ahead, and Washington has repeatedly warned that "
        "it could lead to sanctions."
    )
    lexicon = Lexicon(countries=COUNTRIES | {"Cairo": ("EG", "Egypt")})
    found = find_statements(text, lexicon=lexicon)
    assert [(f.value["speaker"], f.words(text)) for f in found] == [
        ("Egypt", "the purchase was going ahead"),
        ("United States", "it could lead to sanctions"),
    ]


def test_a_date_in_the_first_clause_is_not_the_second_clauses():
    text = "In October, officials in Cairo said the purchase was going ahead, and Washington has repeatedly warned against it."
    lexicon = Lexicon(countries=COUNTRIES | {"Cairo": ("EG", "Egypt")})
    found = find_statements(text, lexicon=lexicon, dates=find_dates(text, published=parse("January 14, 2022")))
    assert [(f.value["speaker"], (f.value["date"] or {}).get("edtf")) for f in found] == [
        ("Egypt", "2021-10"), ("United States", None),
    ]


def test_a_speech_verb_inside_what_was_said_is_not_a_second_statement():
    text = "Peskov said that Turkey had paid, and that Washington warned of sanctions."
    [found] = statements(text)
    assert (found.value["speaker"], found.words(text)) == ("Dmitry Peskov", "Turkey had paid, and that Washington warned of sanctions")


@pytest.mark.parametrize(
    "text, stance",
    [
        ("Reuters reported that Moscow had turned down Riyadh’s bid for the systems.", "asserts"),
        ("Reuters reported that the Saudi application had been rebuffed by the Kremlin.", "asserts"),
        ("Peskov dismissed the Reuters story that Moscow had turned down Riyadh’s bid.", "denies"),
        ("Peskov said Moscow has received no such request, dismissing claims that it declined the sale.", "denies"),
    ],
)
def test_stance_of_a_reported_refusal_and_of_a_denial(text, stance):
    lexicon = Lexicon(countries=COUNTRIES, organisations=LEXICON.organisations + [OrganisationName("Reuters", "reuters", "Reuters", "news_agency")], people=LEXICON.people)
    [found] = find_statements(text, lexicon=lexicon)
    assert found.value["stance"] == stance


def test_a_surname_is_a_known_person_and_they_is_the_last_body():
    text = (
        "“I do not have such information,” Peskov told reporters.\n"
        "A number of Pentagon officials have criticized Turkey. They also argue that the purchase could jeopardize it."
    )
    found = statements(text)
    assert [f.value["speaker"] for f in found] == ["Dmitry Peskov", "Pentagon", "Pentagon"]


def test_impersonal_reports_and_relative_clauses_are_not_statements():
    text = (
        "In February 2019, it was reported that Moscow was negotiating with Doha. It was officially reported that "
        "Russia offered Turkey other weapons. Fethullah Gulen, whom Ankara accuses of having masterminded a coup."
    )
    assert statements(text) == []


def test_extract_all_orders_drafts_by_kind_and_position():
    text = "Turkey bought four divisions of S-400 air defense systems from Russia at a cost of $2.5 billion."
    kinds = [f.kind for f in extract_all(text, published=parse("2021"), lexicon=LEXICON)]
    assert kinds == [Kind.DEAL, Kind.MONEY, Kind.QUANTITY, Kind.COUNTRY, Kind.COUNTRY, Kind.SYSTEM]
    [deal] = [f for f in extract_all(text, published=parse("2021"), lexicon=LEXICON) if f.kind == Kind.DEAL]
    assert (deal.value["supplier"], deal.value["recipient"], deal.value["system"], deal.value["status"]) == (
        "RU", "TR", "s-400", "signed",
    )


@pytest.mark.parametrize(
    "sentence, status, cue",
    [
        ("Moscow turned down Riyadh’s bid for S-400 batteries.", "cancelled", "turned down Riyadh’s bid"),
        ("Cairo’s application for the S-400 was declined last year.", "cancelled", "application for the S-400 was declined"),
        ("Russia refused to sell the S-400 to Pakistan.", "cancelled", "refused to sell"),
        ("The Kremlin dismissed media speculation about an S-400 sale to Egypt.", "denied", "dismissed media speculation"),
        ("The ministry said it had no formal request from Baghdad for the S-400.", "denied", "had no formal request"),
        ("Ankara and Moscow are currently not negotiating on the S-400.", "denied", "not negotiating"),
        ("Turkey could order more S-400 systems in case the US refuses to supply Patriots.", "negotiating", "could order"),
    ],
)
def test_status_cues_are_patterns_not_phrases(sentence, status, cue):
    assert status_cue(sentence) == (status, cue)


def test_deal_recipients_from_a_list():
    text = "The S-400 complex was bought from Russia by three states-China, Turkey and India."
    lexicon = Lexicon(countries=COUNTRIES | {"China": ("CN", "China")}, systems=LEXICON.systems)
    deals = [f for f in extract_all(text, published=None, lexicon=lexicon) if f.kind == Kind.DEAL]
    assert sorted(f.value["recipient"] for f in deals) == ["CN", "IN", "TR"]


def test_published_day_matters_for_weekdays():
    assert find_dates("on Wednesday", published=parse("April 3, 2019"))[0].value["earliest"] == date(2019, 4, 3).isoformat()


def test_a_states_armed_service_by_its_acronym_is_the_state():
    text = "The IAF will get two more squadrons for Rs 900 crore, while the IRGC watched."
    found = find_countries(text, lexicon=LEXICON)
    assert [(f.words(text), f.value["code"]) for f in found] == [("IAF", "IN"), ("IRGC", "IR")]
    # Without the Indian way of writing, "IAF" may be another air force: no country.
    assert find_countries("The IAF struck the depot at night.", lexicon=LEXICON) == []


def test_an_institution_named_after_a_city_is_not_the_state():
    text = "An analyst at the Moscow Institute of Security said Turkey would buy more."
    assert [f.value["code"] for f in find_countries(text, lexicon=LEXICON)] == ["TR"]


def test_a_think_tank_or_research_institute_named_after_a_capital_is_not_the_state():
    text = "A Moscow think tank and an Ankara research institute both said Turkey would buy more."
    assert [f.value["code"] for f in find_countries(text, lexicon=LEXICON)] == ["TR"]


# --- places, not states; systems the base does not know; bodies written out (issue 11) ----------


def _codes(text, lexicon=LEXICON):
    return sorted({f.value["code"] for f in find_countries(text, lexicon=lexicon)})


def test_the_place_of_a_war_or_of_a_sky_is_no_state():
    lexicon = Lexicon(countries=COUNTRIES | {"Ukraine": ("UA", "Ukraine"), "Syrian": ("SY", "Syria"), "Syria": ("SY", "Syria")})
    assert _codes("Shipments slowed after Russia's war in Ukraine began.", lexicon) == ["RU"]
    assert _codes("Jets patrol along Syrian airspace, years into the Syrian war.", lexicon) == []
    assert _codes("Fighting in Syria delayed the talks; Syria later signed.", lexicon) == ["SY"]


def test_a_capital_as_the_place_of_something_is_no_state_but_as_an_actor_it_is():
    lexicon = Lexicon(countries=COUNTRIES | {"Riga": ("LV", "Latvia"), "Abu Dhabi": ("AE", "United Arab Emirates")},
                      capitals={"Riga", "Abu Dhabi", "Ankara", "Moscow", "Washington", "Doha"})
    assert _codes("Talks were held in Riga, said a researcher at a forum in Abu Dhabi.", lexicon) == []
    assert _codes("Riga protested, and the batteries were sold to Ankara.", lexicon) == ["LV", "TR"]


def test_a_capital_before_an_institution_in_lower_case_is_the_seat_of_a_source():
    lexicon = Lexicon(countries=COUNTRIES | {"London": ("GB", "United Kingdom"), "Vienna": ("AT", "Austria")},
                      capitals={"London", "Vienna", "Moscow"})
    assert _codes("said a fellow at a London defence institute, now at a Vienna consultancy.", lexicon) == []
    # a capital that acts is the state, also before a verb that looks like such a noun
    assert _codes("London agreed. Moscow firms up its offer to the Vienna government.", lexicon) == ["AT", "GB", "RU"]


def test_a_country_word_in_an_institution_s_name_is_no_state():
    lexicon = Lexicon(countries=COUNTRIES | {"Emirates": ("AE", "United Arab Emirates")})
    assert _codes("said a researcher at the Emirates Policy Forum.", lexicon) == []


def test_systems_the_base_does_not_know_named_beside_weapon_words_but_not_weapon_words_themselves():
    text = ("The country's long-range air defence system, Project Vyom, will fly next year. Egypt ordered the "
            "Antey-2500 in 2011. Fighter jets from four air forces took part. The Army-2020 forum opened.")
    assert [f.value["name"] for f in find_systems(text, lexicon=LEXICON)] == ["Project Vyom", "Antey-2500"]


def test_an_export_variant_after_a_slash_is_part_of_the_designation():
    text = "Pakistan is due to receive the HQ-9/P, while others weigh an S-400/S-500 mix."
    assert [f.value["name"] for f in find_systems(text, lexicon=LEXICON)] == ["HQ-9/P", "S-400 Triumf", "S-500"]


def test_a_programme_s_name_is_a_system_only_in_a_sentence_about_weapons():
    assert [f.value["name"] for f in find_systems("Project Vyom is a missile shield.", lexicon=LEXICON)] == ["Project Vyom"]
    assert find_systems("Project Vyom ran over budget on office software.", lexicon=LEXICON) == []


def test_a_body_s_long_name_is_also_its_initials_and_a_company_s_without_its_legal_form():
    from ingest.selectors import organisation_forms

    assert organisation_forms("Federal Service for Military-Technical Cooperation") == [
        "Federal Service for Military-Technical Cooperation", "FSMTC"]
    assert organisation_forms("Almaz-Antey Air and Space Defence Corporation")[-1] == "Almaz-Antey Air and Space Defence"
    # a country's ministry is not known by its initials ("MFAT" is another country's)
    assert organisation_forms("Ministry of Foreign Affairs of Turkey") == ["Ministry of Foreign Affairs of Turkey"]


def test_a_place_named_after_a_system_and_a_nationality_before_batteries_are_no_systems():
    from ingest.extract.systems import find_systems

    text = "The forum runs at Patriot Park near Moscow. The first Korean batteries arrive in 2026."
    assert find_systems(text, lexicon=LEXICON) == []


def test_a_known_name_with_a_variant_after_a_hyphen_is_that_system():
    from ingest.extract.systems import find_systems

    assert [f.value["name"] for f in find_systems("Washington offered the NASAMS-II system.", lexicon=LEXICON)] == ["NASAMS-II"]


def test_a_headline_given_to_a_capital_is_the_states_statement_when_it_speaks_below():
    text = "Ankara: the purchase stands\n\nANKARA, Dec 16 (Wire) - Turkey on Tuesday condemned the sanctions, saying the purchase would stand."
    found = statements(text, parse("December 16, 2020"))
    assert [(f.value["speaker"], f.value["text"]) for f in found][0] == ("Turkey", "the purchase stands")
