"""Dates, money and quantities in invented sentences: one test per shape the extractors read."""
import pytest

from deals.approximate_dates import parse
from ingest.extract.dates import find_dates
from ingest.extract.money import find_money
from ingest.extract.quantities import find_quantities


def dates(text, published):
    return [(f.value["words"], f.value["earliest"], f.value["latest"]) for f in find_dates(text, published=parse(published))]


# --- dates ------------------------------------------------------------------------------


def test_seasons_and_halves_have_their_own_bounds_not_the_year():
    text = "The unit arrived in the summer of 2019. Drills followed in spring 2020. Payment slipped to the first half of 2021 and then to H2 2022."
    assert dates(text, "June 1, 2023") == [
        ("in the summer of 2019", "2019-06-01", "2019-08-31"),
        ("in spring 2020", "2020-03-01", "2020-05-31"),
        ("the first half of 2021", "2021-01-01", "2021-06-30"),
        ("H2 2022", "2022-07-01", "2022-12-31"),
    ]


def test_this_winter_and_a_season_without_a_year():
    assert dates("Crews trained this winter.", "January 20, 2024") == [("this winter", "2023-12-01", "2024-02-29")]
    assert dates("The offer was made in the autumn.", "March 2, 2024") == [("in the autumn", "2023-09-01", "2023-11-30")]


def test_a_season_quarter_or_half_ahead_in_a_future_sentence():
    text = "The envoy is expected to travel in the autumn. More launchers will come in the second quarter."
    assert dates(text, "March 2, 2024") == [
        ("in the autumn", "2024-09-01", "2024-11-30"),
        ("in the second quarter", "2024-04-01", "2024-06-30"),
    ]


def test_before_a_season_is_a_deadline_ahead_whatever_the_tense_around_it():
    # Hedged, not future: the summer before which the deal could come is still the next one.
    assert dates("Minsk says the contract could be signed before the summer.", "March 2, 2024") == [
        ("before the summer", "2024-03-02", "2024-05-31")]
    # In the summer itself, "before the summer" is before the next one to begin.
    assert dates("The first launchers may reach Lima before the summer.", "July 10, 2024") == [
        ("before the summer", "2024-07-10", "2025-05-31")]


def test_before_a_season_in_a_clause_told_in_the_past_is_no_deadline_ahead():
    from ingest.extract import nlp

    text = "The radars reached Minsk before the summer. The rest could follow before the winter."
    found = find_dates(text, published=parse("March 2, 2024"), doc=nlp.parse(text))
    assert [(f.value["words"], f.value["earliest"], f.value["latest"]) for f in found] == [
        ("before the winter", "2024-03-02", "2024-11-30")]


def test_a_year_joined_to_the_word_it_qualifies_is_not_a_date():
    assert dates("The radars were inspected by a 1991-batch colonel.", "May 5, 2024") == []
    assert dates("The regiment is due by 2026-end.", "May 5, 2024") == [("by 2026-end", "2024-05-05", "2026-12-31")]


@pytest.mark.parametrize("words", ["May 3-7", "3-7 May", "May 3 to 7"])
def test_day_ranges(words):
    assert dates(f"Trials ran {words} near the coast.", "May 20, 2022") == [(words, "2022-05-03", "2022-05-07")]


def test_a_day_without_a_year_is_past_unless_the_sentence_looks_ahead():
    assert dates("Talks were held on 15 March.", "April 1, 2023") == [("on 15 March", "2023-03-15", "2023-03-15")]
    # Published in November: a January ahead is next year's, not the one gone.
    assert dates("The battery will be handed over in January.", "November 10, 2023") == [("in January", "2024-01-01", "2024-01-31")]
    assert dates("The fair runs until Sunday.", "November 9, 2023") == [("until Sunday", "2023-11-12", "2023-11-12")]


def test_a_day_range_across_two_months_is_one_date_ahead_when_an_event_to_come_runs():
    assert dates("The exercises run from October 28 to November 3.", "September 5, 2024") == [
        ("from October 28 to November 3", "2024-10-28", "2024-11-03")]
    assert dates("Crews drilled 30 May to 2 June 2023.", "September 5, 2024") == [
        ("30 May to 2 June 2023", "2023-05-30", "2023-06-02")]


def test_an_abbreviated_month_without_a_full_stop_in_a_dateline():
    assert dates("ANKARA, Oct 4 (Wire) - Officials met.", "October 4, 2021") == [("Oct 4", "2021-10-04", "2021-10-04")]


def test_by_the_end_of_the_year_runs_from_publication():
    assert dates("The launchers are to be ready by the end of the year.", "March 5, 2021") == [
        ("by the end of the year", "2021-03-05", "2021-12-31"),
    ]


def test_by_a_month_keeps_the_year_it_states():
    assert dates("The final regiment will arrive by December 2027.", "February 1, 2025") == [
        ("by December 2027", "2025-02-01", "2027-12-31"),
    ]


def test_indian_fiscal_years_run_april_to_march():
    text = "The ministry sought Rs 900 crore for 2022-23. FY25 spending is higher."
    assert dates(text, "July 1, 2024") == [
        ("2022-23", "2022-04-01", "2023-03-31"),
        ("FY25", "2024-04-01", "2025-03-31"),
    ]


def test_by_a_fiscal_year_runs_to_its_last_day_not_to_the_end_of_its_first_year():
    text = "The yard hopes for orders worth Rs 4,000 crore by 2028-29. Lima wants its jets before 2030-31."
    assert dates(text, "June 3, 2025") == [
        ("by 2028-29", "2025-06-03", "2029-03-31"),
        ("before 2030-31", "2025-06-03", "2030-03-31"),  # before it begins
    ]


def test_two_years_named_a_fiscal_year_run_april_to_march_without_rupees():
    text = "Oslo was promised the radars for the 2027-28 fiscal year."
    assert dates(text, "May 5, 2025") == [("2027-28", "2027-04-01", "2028-03-31")]


def test_two_years_joined_by_and_are_one_span():
    text = "Lima took delivery of four jets in 2019 and 2020, and of none in 2021 and 2019."
    assert dates(text, "May 5, 2025") == [
        ("in 2019 and 2020", "2019-01-01", "2020-12-31"),
        ("in 2021", "2021-01-01", "2021-12-31"),
        ("2019", "2019-01-01", "2019-12-31"),
    ]


def test_two_years_elsewhere_keep_their_calendar_meaning():
    assert dates("Exports rose in 2019-20.", "July 1, 2021") == [("in 2019-20", "2019-01-01", "2020-12-31")]


def test_a_day_range_between_and_and_a_season_of_a_relative_year():
    assert dates("The drills ran between 3 and 7 May near Brest.", "June 1, 2024") == [
        ("between 3 and 7 May", "2024-05-03", "2024-05-07")]
    assert dates("Shipments resumed in the spring of this year.", "June 1, 2024") == [
        ("in the spring of this year", "2024-03-01", "2024-05-31")]


def test_end_dash_a_year_and_what_is_left_of_this_year_or_month():
    assert dates("The rest arrive by end-2026.", "June 1, 2024") == [("by end-2026", "2024-06-01", "2026-12-31")]
    assert dates("It was signed in end-2019.", "June 1, 2024") == [("in end-2019", "2019-09-01", "2019-12-31")]
    assert dates("A batch arrives later this year.", "June 1, 2024") == [("later this year", "2024-06-01", "2024-12-31")]
    assert dates("A batch arrived earlier this month.", "June 12, 2024") == [("earlier this month", "2024-06-01", "2024-06-12")]


def test_the_last_week_of_a_month_is_not_the_week_before_publication():
    assert dates("It was signed in the last week of October 2018.", "June 1, 2024") == [
        ("October 2018", "2018-10-01", "2018-10-31")]


def test_an_event_to_come_told_in_the_present_resolves_forwards():
    assert dates("The next arms fair near Lima runs from August 11 to 17.", "February 20, 2025") == [
        ("from August 11 to 17", "2025-08-11", "2025-08-17")]


def test_by_year_end_runs_from_publication_to_the_years_end():
    assert dates("A contract could be signed by year-end, aides said.", "May 4, 2023") == [
        ("by year-end", "2023-05-04", "2023-12-31")]


def test_the_longest_phrase_wins():
    assert dates("The battalion arrived earlier this year in February.", "June 3, 2022") == [
        ("earlier this year in February", "2022-02-01", "2022-02-28"),
    ]
    assert dates("It shipped in April this year.", "June 3, 2022") == [("in April this year", "2022-04-01", "2022-04-30")]


def test_names_with_date_words_are_not_dates():
    text = "Aerospace Today wrote that the system was shown at Arms Expo 2018 and at the Army-2020 forum."
    assert dates(text, "June 3, 2021") == []


def test_the_following_day_follows_the_last_day_named():
    text = "The envoy spoke on Monday. The pact dates from October 2017. The following day, the ministry replied."
    assert dates(text, "January 24, 2018")[-1] == ("The following day", "2018-01-23", "2018-01-23")


# --- money ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "amount", "currency"),
    [
        ("Rs 12,500 crore", "125000000000", "INR"),
        ("₹70 lakh", "7000000", "INR"),
        ("INR 300 crore", "3000000000", "INR"),
        ("4 billion U.S. dollars", "4000000000", "USD"),
        ("US$ 1.5 billion", "1500000000", "USD"),
        ("$6.2bn", "6200000000", "USD"),
        ("900 million euros", "900000000", "EUR"),
        ("80 billion roubles", "80000000000", "RUB"),
        ("2 billion dirhams", "2000000000", "AED"),
        # a currency named with its country's adjective is that country's
        ("35 billion Egyptian pounds", "35000000000", "EGP"),
        ("1.8 billion ringgit", "1800000000", "MYR"),
        ("90 million Russian roubles", "90000000", "RUB"),
        ("400 million Belarusian rubles", "400000000", "BYN"),
        ("12 billion Turkish lira", "12000000000", "TRY"),
        # a lakh crore is 10^12
        ("₹6.2 lakh crore", "6200000000000", "INR"),
        ("Rs 1.72 lakh crore", "1720000000000", "INR"),
    ],
)
def test_currencies_and_indian_notation(words, amount, currency):
    [found] = find_money(f"The budget line is {words} this time.")
    assert (found.value["amount"], found.value["currency"], found.value["words"]) == (amount, currency, words)


def test_a_sum_spelled_out_before_dollar():
    [found] = find_money("Delhi approved a four-billion-dollar purchase.")
    assert (found.value["amount"], found.value["currency"]) == ("4000000000", "USD")


def test_the_same_sum_in_brackets_is_one_item():
    [found] = find_money("The deal is worth Rs 7,000 crore ($850 million).")
    assert (found.value["amount"], found.value["currency"]) == ("70000000000", "INR")
    assert found.value["also"][0]["currency"] == "USD"


@pytest.mark.parametrize(
    ("sentence", "certainty"),
    [
        ("Cairo signed a $2 billion contract in 2019.", "stated"),
        ("A second batch could be worth $1 billion.", "expected"),
        ("The upgrade is expected to cost $400 million.", "expected"),
        ("Riyadh may sign a $2 billion deal next year.", "expected"),
        ("The package is reportedly worth $3 billion.", "reported"),
        ("The order was estimated at $900 million.", "reported"),
        ("Hanoi paid $1.2 billion, according to a report by a local think tank.", "reported"),
        ("The price is often cited as around $700 million per regiment.", "reported"),
        ("Prices are often cited loosely, though the Peruvian order cost $1.1 billion.", "stated"),
        ("Local media have put the value of the batteries at about $800 million.", "reported"),
        ("Analysts have described it as a two-billion-dollar deal.", "reported"),
        ("Defence officials have said the order book is worth over $9 billion.", "reported"),
        # unnamed officials' figure, as when they "have said" it
        ("Government officials put the final price at $1.4 billion.", "reported"),
        ("The order, thought to be worth $700 million, was signed in May.", "reported"),
        ("The contract was worth around $1.1 billion, the newspaper wrote.", "reported"),
        ("Unconfirmed reports put the price at $600 million.", "reported"),
        ("A report by the Lima Institute puts the price at $600 million.", "stated"),
        ("Peru is to pay $900 million for the batteries.", "expected"),
        ("The maker wants $2 billion for the package.", "expected"),
        ("The shipyard expects export orders worth over $3 billion.", "expected"),
        ("Lima is hoping for a sale of about $400 million.", "expected"),
        ("The ministry, which wants to modernise, signed a $2 billion contract.", "stated"),
        ("The order was signed in 2015, according to regional analysts, who put it at $1.6 billion.", "reported"),
    ],
)
def test_money_certainty(sentence, certainty):
    [found] = find_money(sentence)
    assert found.value["certainty"] == certainty


def test_a_hedge_right_before_a_sum_speaks_for_it_before_the_rest_of_the_sentence():
    found = find_money("The order, reportedly worth €600 million, could exceed €1 billion if radars are added.")
    assert [(f.value["amount"], f.value["certainty"]) for f in found] == [("600000000", "reported"), ("1000000000", "expected")]


# --- quantities ---------------------------------------------------------------------------


def quantities(text):
    return [(f.value["quantity"], f.value["unit"]) for f in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delhi ordered five squadrons.", [(5, "squadrons")]),
        ("Two more S-400 squadrons are due.", [(2, "squadrons")]),
        ("The three remaining S-400 batteries stayed in depots.", [(3, "batteries")]),
        ("A dozen launchers and eight missiles were shown.", [(12, "launchers"), (8, "missiles")]),
        ("Minsk has four battalions and two divisions.", [(4, "battalions"), (2, "divisions")]),
        ("Nineteen regiments were deployed.", [(19, "regiments")]),
        ("Lima wants three Tor fire units and six Pantsir sets.", [(3, "fire units"), (6, "sets")]),
        ("It adds 200 interceptor missiles and two radar stations.", [(200, "missiles"), (2, "radar stations")]),
        ("Oslo imposed two sets of sanctions.", []),
        ("Minsk takes its missiles one battery at a time.", []),
        ("Lima ordered five S-400 Triumf long-range surface-to-air missile squadrons.", [(5, "squadrons")]),
        ("Lima ordered more than 20 Su-35 multirole fighters.", [(20, "aircraft")]),
        # a unit word describing the unit after it is not the unit
        ("Quito wants two S-400 Triumf long-range surface-to-air missile defence system battalions.", [(2, "battalions")]),
        ("The package includes 5,000 missiles.", [(5000, "missiles")]),
        ("Moscow has handed over the first two of five squadrons.", [(2, "squadrons"), (5, "squadrons")]),
        ("Three squadrons are operational, with two more to come.", [(3, "squadrons"), (2, "squadrons")]),
        ("Lima ordered six squadrons, with four in service and the rest due in 2027.", [(6, "squadrons"), (4, "squadrons")]),
        ("Accra will receive three (3) S-400 batteries and 48 warplanes.", [(3, "batteries"), (48, "aircraft")]),
        # Other arms are outside what the knowledge base records; helicopters are aircraft it does.
        ("The same package lists 40 tanks, six helicopters and 12 armoured vehicles.", [(6, "helicopters")]),
        ("The same package lists 40 tanks and 12 armoured vehicles.", []),
        # hardware counted by the piece, not any items
        ("Minsk will put about 150 items of military equipment on show; the agenda has five items.", [(150, "items")]),
    ],
)
def test_units_and_words_between_number_and_unit(text, expected):
    assert quantities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quito is said to want 18 to 30 jets.", [(18, 30, "18 to 30 jets")]),
        ("Minsk may take between two and four batteries.", [(2, 4, "between two and four batteries")]),
        ("Lima sought two or three regiments and 10-12 launchers.",
         [(2, 3, "two or three regiments"), (10, 12, "10-12 launchers")]),
    ],
)
def test_a_range_is_its_first_figure_with_the_second_as_upper_never_the_second_alone(text, expected):
    from ingest.output import finding_summary

    found = find_quantities(text)
    assert [(f.value["quantity"], f.value.get("upper"), f.value["words"]) for f in found] == expected
    # The review page says the range, not one figure of it.
    assert all(f" to {f.value['upper']} " in finding_summary(f) for f in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quito ordered 32 F-16 Block 52 jets.", [(32, "aircraft")]),
        ("The army wants six Type 03 launchers.", [(6, "launchers")]),
        ("Oslo ordered 14 Rafale F4 fighters.", [(14, "aircraft")]),
    ],
)
def test_a_designations_own_number_is_not_the_count(text, expected):
    assert [(f.value["quantity"], f.value["unit"]) for f in find_quantities(text)] == expected


def test_parts_of_a_whole():
    assert quantities("The army gets the last three of its seven S-400 squadrons.") == [(3, "squadrons"), (7, "squadrons")]
    assert quantities("It wanted 60 of the jets.") == [(60, "aircraft")]
    assert quantities("It bought Su-30 fighters, 24 of which arrived.") == [(24, "aircraft")]
    assert quantities("One of the regiments moved.") == []


# --- shapes of the second round of development articles ----------------------------------


def test_a_converted_sum_in_brackets_with_words_after_it_is_one_item():
    [found] = find_money("The order came to $3.1 billion (Rs 25,500 crore at current rates).")
    assert (found.value["amount"], found.value["currency"]) == ("3100000000", "USD")
    assert found.value["also"][0]["currency"] == "INR"


@pytest.mark.parametrize(
    ("sentence", "certainty"),
    [
        # A future clause joined by "and" is not the sum's own.
        ("The $700 million order was scrapped in May and the navy will look elsewhere.", "stated"),
        ("The deal is valued at $1.4 billion, officials said.", "reported"),
        ("The frigates, worth $800 million, were dropped and the ministry will rethink, a senior official added.", "reported"),
        ("Industry estimates put the bill at $6 billion.", "reported"),
    ],
)
def test_money_certainty_of_the_sums_own_clause_and_of_unnamed_speakers(sentence, certainty):
    [found] = find_money(sentence)
    assert found.value["certainty"] == certainty


def test_by_a_relative_year_a_quarter_or_a_half_and_a_third_of_a_relative_month():
    text = ("The radars came late last month. The rest follow by early next year, and crews should be ready "
            "by the third quarter of 2027. Early this year the plan slipped.")
    assert dates(text, "June 3, 2026") == [
        ("late last month", "2026-05-21", "2026-05-31"),
        ("by early next year", "2026-06-03", "2027-04-30"),
        ("by the third quarter of 2027", "2026-06-03", "2027-09-30"),
        ("Early this year", "2026-01-01", "2026-04-30"),
    ]


def test_a_count_standing_alone_takes_the_unit_named_before_it():
    assert quantities("Delhi ordered six batteries; four have been delivered.") == [(6, "batteries"), (4, "batteries")]
    assert quantities("Eight jets came in May, and the remaining two follow in June.") == [(8, "aircraft"), (2, "aircraft")]
    # Counted already with its unit, or with no unit before it: nothing more.
    assert quantities("Six jets came, and the remaining two squadrons follow.") == [(6, "aircraft"), (2, "squadrons")]
    assert quantities("The remaining two were not named.") == []
    # "a further", "another": more of the same unit, not another noun's count
    assert parsed_quantities("Lima runs five battalions, and a further three are on order.") == [
        (5, "battalions", "five battalions"), (3, "battalions", "three")]
    assert parsed_quantities("Lima ordered five battalions; talks took another two years.") == [(5, "battalions", "five battalions")]


def test_a_part_of_a_count_and_the_rest_after_a_unit_named_once():
    # "three of its five": the unit of the count told just before, in the paragraph
    assert quantities("Delhi ordered five squadrons in 2018. It has received three of its five so far.") == [
        (5, "squadrons"), (3, "squadrons")]
    # "the remaining four" after the unit named singly in the sentence
    assert quantities("The first regiment is due in May and the remaining four by next spring.") == [(4, "regiments")]
    assert quantities("Two of the three envoys left; three of the five stayed.") == []


def test_early_or_late_in_a_year_is_its_first_or_last_third():
    assert dates("Talks resumed late in 2023. Early in 2024 they stalled.", "June 9, 2025") == [
        ("late in 2023", "2023-09-01", "2023-12-31"), ("Early in 2024", "2024-01-01", "2024-04-30")]


@pytest.mark.parametrize("sentence", [
    "The deal is worth around $1.25bn, according to people familiar with the matter.",
    "It cost $2 billion, according to defence officials.",
])
def test_a_sum_from_people_familiar_or_unnamed_officials_is_reported(sentence):
    [found] = find_money(sentence)
    assert found.value["certainty"] == "reported"


# --- shapes of the speakers-and-values round (articles 80-84) ------------------------------


@pytest.mark.parametrize(
    ("sentence", "amount", "currency"),
    [
        ("The Gulf order came to Dh7.5 billion.", "7500000000", "AED"),
        ("Abu Dhabi set aside Dhs 400 million for radars.", "400000000", "AED"),
        ("Riyadh budgeted SR 6bn for the shield.", "6000000000", "SAR"),
        ("Doha paid QR900mn for the radars.", "900000000", "QAR"),
        ("Ankara spent TL 3 billion on the shelters.", "3000000000", "TRY"),
        ("The upgrade cost ₺850 million.", "850000000", "TRY"),
        ("The spares package was worth $240mn.", "240000000", "USD"),
        ("Each battery costs about half a billion dollars.", "500000000", "USD"),
        ("Lima spent more than a billion dollars on jets.", "1000000000", "USD"),
    ],
)
def test_gulf_and_turkish_abbreviations_mn_and_a_spelled_fraction_of_a_billion(sentence, amount, currency):
    [found] = find_money(sentence)
    assert (found.value["amount"], found.value["currency"]) == (amount, currency)


def test_letters_of_an_abbreviation_inside_a_designation_are_no_sum():
    assert find_money("The SR-71 and the TL-2 prototype flew.") == []


def test_a_sum_restated_in_another_currency_after_or_is_as_sure_as_the_first():
    found = find_money("A trade weekly reported the order at Dh5 billion, or about 1.4 billion U.S. dollars, and it would cover radars.")
    assert [(f.value["currency"], f.value["certainty"]) for f in found] == [("AED", "reported"), ("USD", "reported")]


@pytest.mark.parametrize(
    ("sentence", "certainty"),
    [
        # A contrast without a comma starts another clause; an aside may stand between an unnamed speaker and the verb.
        ("A Qatari official, asked about the schedule, indicated that a deal could follow soon but stressed "
         "that QR 2 billion had already been approved.", "reported"),
        ("The ministry said a deal could follow soon but that $2 billion had been approved.", "stated"),
    ],
)
def test_a_contrast_without_a_comma_and_an_unnamed_speaker_set_off_by_an_aside(sentence, certainty):
    [found] = find_money(sentence)
    assert found.value["certainty"] == certainty


def test_a_qualifier_is_a_word_of_its_own():
    [found] = find_money("The insurance would cover $3 billion of losses.")
    assert found.value["qualifier"] == "" and found.value["words"] == "$3 billion"
    [counted] = find_quantities("The order would cover four batteries.")
    assert counted.value["qualifier"] == "" and counted.value["words"] == "four batteries"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lima weighs a five-battery order.", [(5, "batteries")]),
        ("Delhi cleared a two-squadron follow-on deal.", [(2, "squadrons")]),
        ("Oslo signed a 3-regiment contract.", [(3, "regiments")]),
        # A designation is no count; a range is read as a range (its first figure, the second
        # as its upper bound: see the test of ranges), not as a "2-" count of 3.
        ("The S-400 regiment moved, and 2-3 launchers stayed.", [(2, "launchers")]),
    ],
)
def test_a_count_joined_to_its_unit_by_a_hyphen(text, expected):
    assert quantities(text) == expected


def parsed_quantities(text):
    from ingest.extract import nlp

    return [(f.value["quantity"], f.value["unit"], f.value["words"]) for f in find_quantities(text, doc=nlp.parse(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Minsk bought ten Tor-M2 self-propelled systems.", [(10, "systems", "ten Tor-M2 self-propelled systems")]),
        ("It ordered about 150 long-range 48N6 interceptor missiles and spares.",
         [(150, "missiles", "about 150 long-range 48N6 interceptor missiles")]),
        ("Moscow handed over the two remaining S-400 regimental sets.", [(2, "sets", "two remaining S-400 regimental sets")]),
        ("Lima received six Pantsir-S1 gun-missile systems.", [(6, "systems", "six Pantsir-S1 gun-missile systems")]),
        # the parse may hang the number on a designation that is part of the unit's name
        ("Five Russian Y-20 transport aircraft flew into Caracas on Friday, bringing the radars.",
         [(5, "aircraft", "Five Russian Y-20 transport aircraft")]),
        # A year, the figure of a designation and a count of something else are not read.
        ("The 2019 contracts were signed by 400 officials of two ministries.", []),
    ],
)
def test_a_number_the_parse_hangs_on_a_unit_counts_it_whatever_words_stand_between(text, expected):
    assert parsed_quantities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru also bought Italian Aspide 2 interceptor missiles, officials said.", []),
        ("Quito would rather have Block 70 jets.", []),
        # a headline's capitals and a day's name are no designation
        ("Lima Buys 24 Su-35 Jets From Moscow", [(24, "aircraft", "24 Su-35 Jets")]),
        ("Ankara said on Monday 12 batteries would follow.", [(12, "batteries", "12 batteries")]),
    ],
)
def test_a_figure_right_after_a_name_is_the_names_not_a_count(text, expected):
    assert parsed_quantities(text) == expected


@pytest.mark.parametrize(
    ("sentence", "amount", "upper", "currency"),
    [
        ("The package could cost $1.5-2 billion.", "1500000000", "2000000000", "USD"),
        ("Estimates run to Rs 700-800 crore.", "7000000000", "8000000000", "INR"),
        ("It may reach USD 2.5 to 3 billion.", "2500000000", "3000000000", "USD"),
        ("Bids came in at 4-5 billion euros.", "4000000000", "5000000000", "EUR"),
    ],
)
def test_a_range_with_one_multiplier_is_one_sum_from_its_first_figure(sentence, amount, upper, currency):
    [found] = find_money(sentence)
    assert (found.value["amount"], found.value["upper"], found.value["currency"]) == (amount, upper, currency)


@pytest.mark.parametrize(
    ("sentence", "amount"),
    [
        ("The radar order is worth Rs 4,200 cr.", "42000000000"),
        ("Delhi cleared a Rs 9,000-cr upgrade.", "90000000000"),
        # Crores and lakhs count rupees even with no currency written.
        ("The army signed a 600-crore deal for spares.", "6000000000"),
        ("Spares worth 35 lakh were flown in.", "3500000"),
    ],
)
def test_cr_for_crore_and_a_bare_crore_or_lakh_in_rupees(sentence, amount):
    [found] = find_money(sentence)
    assert (found.value["amount"], found.value["currency"]) == (amount, "INR")


def test_crores_of_people_are_no_sum():
    assert find_money("The scheme reaches 80 crore citizens and 5 lakh farmers.") == []



def test_modernisation_kits_and_jets_counted_in_one_sentence():
    assert [(f.value["quantity"], f.value["unit"]) for f in find_quantities(
        "The air force wants 32 new fighters and 60 modernisation kits for its older jets; two dozen jets are idle."
    )] == [(32, "aircraft"), (60, "kits"), (24, "aircraft")]

# --- yearless months: past, deadline, planned (issue 11, shape 1) ---------------------------------


def test_a_yearless_month_after_the_publication_month_told_in_the_past_is_last_year():
    from ingest.extract import nlp

    # the future later in the sentence is another verb's: the month hangs on "was commissioned"
    text = "The first upgraded launcher was commissioned in October and will be tested again next year."
    found = find_dates(text, published=parse("February 9, 2026"), doc=nlp.parse(text))
    assert [(f.value["words"], f.value["earliest"]) for f in found] == [("in October", "2025-10-01"), ("next year", "2027-01-01")]


def test_a_past_clause_joined_by_and_to_a_future_one_keeps_its_month_behind():
    from ingest.extract import nlp

    text = "Crews finished their courses in August, and the radars will be linked up by November."
    found = find_dates(text, published=parse("May 5, 2026"), doc=nlp.parse(text))
    assert [(f.value["words"], f.value["earliest"], f.value["latest"]) for f in found] == [
        ("in August", "2025-08-01", "2025-08-31"),
        ("by November", "2026-05-05", "2026-11-30"),
    ]


def test_a_deadline_by_a_month_is_the_coming_one_unless_told_in_the_past():
    assert dates("A deal for six launchers could be agreed by September.", "March 12, 2026") == [
        ("by September", "2026-03-12", "2026-09-30"),
    ]
    # told in the past, the deadline is behind: the parser's own reading
    assert dates("The launchers had arrived by September.", "March 12, 2026")[0][1].startswith("2025-09")


def test_a_month_a_plan_is_set_for_is_a_date_ahead():
    assert dates("A third round of talks is scheduled for January.", "October 3, 2025") == [
        ("for January", "2026-01-01", "2026-01-31"),
    ]


def test_at_the_time_is_no_date_of_its_own():
    text = "Sanctions followed in March 2021. Officials called them unfair at the time."
    assert [words for words, *_ in dates(text, "June 1, 2024")] == ["in March 2021"]


# --- values2: dates relative to a stated year, hedged and Indian sums, counts by type -------


def test_by_the_end_of_the_summer_runs_from_publication_to_the_last_of_august():
    text = "Quito expects the two remaining batteries by the end of the summer, an aide said."
    assert dates(text, "May 4, 2027") == [("by the end of the summer", "2027-05-04", "2027-08-31")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lima signed for the radars in March 2016. In December that year, its crews began training.",
         ("In December that year", "2016-12-01", "2016-12-31")),
        ("Minsk ordered the system in 2011. That October, a first battalion was formed.",
         ("That October", "2011-10-01", "2011-10-31")),
        ("The contract was signed in June 2019. Sanctions followed the same month.",
         ("the same month", "2019-06-01", "2019-06-30")),
        ("The first regiment arrived in 2020, and a second was handed over the following year.",
         ("the following year", "2021-01-01", "2021-12-31")),
        ("The talks began in 2014. Three years later, Quito signed for two battalions.",
         ("Three years later", "2017-01-01", "2017-12-31")),
        # The month stated last, even when a year without a month was named after it.
        ("Oslo ordered jets in May 2022, and the first is due in 2027. Talks on missiles stalled the same month.",
         ("the same month", "2022-05-01", "2022-05-31")),
    ],
)
def test_a_year_or_month_told_by_reference_is_the_one_the_text_stated_not_the_publications(text, expected):
    assert dates(text, "September 9, 2025")[-1] == expected


@pytest.mark.parametrize(
    ("words", "earliest", "latest"),
    [
        ("Later that year", "2016-03-01", "2016-12-31"),
        ("Late that year", "2016-09-01", "2016-12-31"),
        ("By the end of that year", "2016-03-01", "2016-12-31"),
        ("That summer", "2016-06-01", "2016-08-31"),
        ("Earlier that month", "2016-03-01", "2016-03-31"),
        ("The year before", "2015-01-01", "2015-12-31"),
    ],
)
def test_a_part_of_the_stated_year_or_month(words, earliest, latest):
    text = f"Lima signed for the radars in March 2016. {words}, its crews trained abroad."
    assert dates(text, "May 5, 2025")[-1] == (words, earliest, latest)


def test_that_opening_a_clause_before_a_month_or_season_is_no_date():
    text = "Lima signed in 2016. Officials said that March deliveries slipped, and we know that summer heat hurts radars."
    assert dates(text, "May 5, 2025") == [("in 2016", "2016-01-01", "2016-12-31")]


def test_a_year_told_by_reference_with_no_year_stated_before_is_left_out():
    text = "Three years later, the batteries were still in storage, and the same month the crews left. That October they came back."
    assert dates(text, "September 9, 2025") == []


def test_today_at_the_end_of_an_outlets_name_is_no_date():
    text = "India Today reported the order on Monday, and Gulf Defence Today confirmed it."
    assert dates(text, "April 2, 2025") == [("on Monday", "2025-03-31", "2025-03-31")]


@pytest.mark.parametrize(
    ("sentence", "certainty"),
    [
        ("The package, estimated at $3 billion, would include four batteries, two officials said.", "reported"),
        ("Quito is in talks for six jets worth about $3 billion, according to people familiar with the talks.", "reported"),
        ("Moscow has offered a three-billion-dollar package, according to sources who asked not to be named.", "reported"),
        ("The Rs 35,000 crore contract signed in 2018 is the largest air defence deal, although payments may slip.", "stated"),
        ("The ₹35,000-crore deal was signed in 2018, though officials could not say when the last batch may arrive.", "stated"),
        # an estimate right before the sum outweighs a plan elsewhere in the sentence
        ("Quito plans to buy 40 jets in a programme estimated at over Rs 1.2 lakh crore.", "reported"),
        # ", and" before a longer subject with a future verb starts a clause of its own
        ("Lima ordered six jets in a deal worth 2 billion euros, and the first of the jets will arrive in 2029.", "stated"),
    ],
)
def test_an_estimate_or_an_unnamed_sources_sum_is_reported_and_a_signed_indian_contract_stated(sentence, certainty):
    [found] = find_money(sentence)
    assert found.value["certainty"] == certainty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The air force received 11 aircraft last month.", [(11, "aircraft")]),
        ("Lima wants a dozen jets and two more squadrons.", [(12, "aircraft"), (2, "squadrons")]),
        ("The remaining three units stay in storage.", [(3, "units")]),
        ("The holding completed a contract for 200 helicopters.", [(200, "helicopters")]),
        ("Quito is negotiating for 12 more Rafales, 40 F-16s and two Su-35s.",
         [(12, "aircraft"), (40, "aircraft"), (2, "aircraft")]),
        # a system's designation in the plural is no aircraft, nor a storm a jet
        ("Ankara kept its two S-400s, and two typhoons hit the coast.", []),
    ],
)
def test_counts_of_aircraft_named_by_type_helicopters_and_units(text, expected):
    assert quantities(text) == expected


# --- counts written out, far from their unit, or in the sentence before -------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lima took delivery of thirty-two launchers and ninety six missiles.", [(32, "launchers"), (96, "missiles")]),
        ("The order lists two hundred interceptors.", [(200, "interceptors")]),
        ("Quito wants half a dozen radars and a pair of radar stations.", [(6, "radars"), (2, "radar stations")]),
    ],
)
def test_a_number_written_in_two_words_or_as_a_pair_is_the_whole_number(text, expected):
    assert quantities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oslo will buy two more of its Patriot units.", [(2, "units", "two more of its Patriot units")]),
        ("Lima has received three of Norway's NASAMS batteries.", [(3, "batteries", "three of Norway's NASAMS batteries")]),
        ("Minsk keeps four of its oldest mobile divisions.", [(4, "divisions", "four of its oldest mobile divisions")]),
        ("Quito added a pair of over-the-horizon radars.", [(2, "radars", "a pair of over-the-horizon radars")]),
        # "one of" singles a thing out; "of them" names no unit.
        ("One of its newest batteries moved, and two of them stayed.", []),
    ],
)
def test_a_part_of_a_whole_with_any_describing_words_between(text, expected):
    assert parsed_quantities(text) == expected


def test_a_count_standing_alone_takes_the_unit_of_the_sentence_before_in_its_paragraph():
    assert quantities("Lima ordered six batteries. The remaining two are due in May.") == [(6, "batteries"), (2, "batteries")]
    assert quantities("Lima ordered six batteries.\n\nThe remaining two are due in May.") == [(6, "batteries")]
    # "the last one" singles a thing out rather than counting.
    assert quantities("Lima ordered six batteries. The last one is due in May.") == [(6, "batteries")]


# --- currency words many countries share, and Russian abbreviations ----------------------


def currencies(text):
    return [(f.value["amount"], f.value["currency"]) for f in find_money(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tunis set aside 90 million dinars for radars.", [("90000000", "TND")]),
        ("The Iraqi cabinet approved 400 billion dinars.", [("400000000000", "IQD")]),
        # the country named nearest before the sum, in its sentence first, else in the article
        ("Muscat weighs its options. Riyadh paid 30 billion riyals, and the upgrade would cost 2 billion rials.",
         [("30000000000", "SAR"), ("2000000000", "OMR")]),
        ("Doha is studying bids.\n\nThe cheapest would cost 4 billion riyals.", [("4000000000", "QAR")]),
        # a country named after the sum, in its sentence, is not the one paying
        ("New Delhi ordered five batteries. The deal, worth 400 billion rupees, alarmed Pakistan.",
         [("400000000000", "INR")]),
        ("Rabat has budgeted 9 billion dirhams; Abu Dhabi spent Dh2 billion.", [("9000000000", "MAD"), ("2000000000", "AED")]),
        # without any of their countries, the words keep their usual currency
        ("The bill came to 7 billion dirhams.", [("7000000000", "AED")]),
        ("Kuwait's cabinet approved KD 250 million.", [("250000000", "KWD")]),
    ],
)
def test_a_currency_word_many_countries_share_is_the_one_of_the_country_named_nearest(text, expected):
    assert currencies(text) == expected


def test_trillions_abbreviated_the_russian_way():
    assert currencies("The order book reached 3.2 trln rubles.") == [("3200000000000", "RUB")]


# --- thirds of seasons, bare quarters, the turn of the year, hedges ahead ----------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The radars reached Lima in late summer 2021.", [("in late summer 2021", "2021-08-01", "2021-08-31")]),
        ("Crews left in early spring.", [("in early spring", "2024-03-01", "2024-03-31")]),
        ("The launchers will move in mid-autumn.", [("in mid-autumn", "2024-10-01", "2024-10-31")]),
        # a winter's last month is in the next year
        ("Tests ended in late winter 2022.", [("in late winter 2022", "2023-02-01", "2023-02-28")]),
    ],
)
def test_early_mid_or_late_in_a_season_is_its_first_middle_or_last_month(text, expected):
    assert dates(text, "June 5, 2024") == expected


def test_a_bare_quarter_or_half_after_a_preposition():
    assert dates("Payments resumed in Q1.", "June 5, 2024") == [("in Q1", "2024-01-01", "2024-03-31")]
    assert dates("The radar will ship in H2.", "June 5, 2024") == [("in H2", "2024-07-01", "2024-12-31")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Talks began at the turn of the year.", "March 2, 2024", ("at the turn of the year", "2023-12-01", "2024-01-31")),
        ("Talks will begin around the turn of the year.", "March 2, 2024", ("around the turn of the year", "2024-12-01", "2025-01-31")),
        ("Talks will end by the turn of the year.", "March 2, 2024", ("by the turn of the year", "2024-03-02", "2025-01-31")),
        # published in its January, the turn ahead is the one under way
        ("The battery will be handed over at the turn of the year.", "January 10, 2024",
         ("at the turn of the year", "2023-12-01", "2024-01-31")),
    ],
)
def test_the_turn_of_the_year_is_a_december_and_the_january_after(text, published, expected):
    assert dates(text, published) == [expected]


def test_a_hedge_looks_ahead_except_for_a_weekday_or_a_perfect():
    assert dates("A contract could be signed in Q3.", "March 2, 2024") == [("in Q3", "2024-07-01", "2024-09-30")]
    assert dates("Talks may resume in May.", "June 5, 2024") == [("in May", "2025-05-01", "2025-05-31")]
    assert dates("It could have arrived in May.", "June 5, 2024") == [("in May", "2024-05-01", "2024-05-31")]
    assert dates("A deal could be signed soon, the envoy said on Sunday.", "March 6, 2024") == [
        ("on Sunday", "2024-03-03", "2024-03-03")]


def test_a_range_between_parts_of_months():
    assert dates("The launchers came between late October and mid-December.", "January 15, 2024") == [
        ("between late October and mid-December", "2023-10-21", "2023-12-20")]


def test_the_end_of_a_quarter_is_its_last_month_and_by_it_a_deadline_from_publication():
    assert dates("Payments stopped at the end of the first quarter of 2023.", "June 5, 2024") == [
        ("the end of the first quarter of 2023", "2023-03-01", "2023-03-31")]
    assert dates("The radars are due by the end of Q3.", "June 5, 2024") == [("by the end of Q3", "2024-06-05", "2024-09-30")]


def test_a_day_range_across_two_months_between_and_and():
    assert dates("Crews fired live missiles between 28 June and 3 July 2023.", "June 5, 2024") == [
        ("between 28 June and 3 July 2023", "2023-06-28", "2023-07-03")]
    assert dates("The exhibition will run between May 30 and June 2.", "March 5, 2024") == [
        ("between May 30 and June 2", "2024-05-30", "2024-06-02")]


def test_over_after_hand_is_a_particle_not_a_qualifier():
    found = find_quantities("Moscow will hand over two divisions and over 40 missiles.")
    assert [(f.value["quantity"], f.value["qualifier"], f.value["words"]) for f in found] == [
        (2, "", "two divisions"), (40, "over", "over 40 missiles")]



@pytest.mark.parametrize("text", ["The air force takes over three batteries.", "The air force is taking over three batteries."])
def test_over_after_takes_or_taking_is_a_particle_too(text):
    found = find_quantities(text)
    assert [(f.value["quantity"], f.value["qualifier"], f.value["words"]) for f in found] == [(3, "", "three batteries")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lima has received three out of six batteries.", [(3, "batteries"), (6, "batteries")]),
        ("Quito signed for four regiments in 2020 and has received two of them.", [(4, "regiments"), (2, "regiments")]),
        ("Oslo bought six launchers, and Lima later ordered four more.", [(6, "launchers"), (4, "launchers")]),
        ("Minsk formed two S-300 brigades.", [(2, "brigades")]),
        # with no count before it, "of them" and "more" count nothing
        ("Two of them said so, and Oslo wants more.", []),
    ],
)
def test_out_of_of_them_and_more_after_a_count(text, expected):
    assert quantities(text) == expected


def test_from_one_part_of_a_month_to_another_and_the_last_quarter():
    assert dates("The drills ran from late May to early June.", "March 10, 2025") == [
        ("from late May to early June", "2024-05-21", "2024-06-10")]
    assert dates("Payments froze in the last quarter of 2024.", "March 10, 2025") == [
        ("in the last quarter of 2024", "2024-10-01", "2024-12-31")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal, worth 1,2 billion dinars, was signed in Algiers.", [("1200000000", "DZD")]),
        ("Algiers set aside 350 billion DA and DA 20 billion more.", [("350000000000", "DZD"), ("20000000000", "DZD")]),
        ("Rabat will spend Dh 4 billion; Dubai spent Dh 2 billion.", [("4000000000", "MAD"), ("2000000000", "AED")]),
        ("The order is worth Rs 1.1 lakh-crore.", [("1100000000000", "INR")]),
        # thousands still group: "1,200 crore", "2,500 million"
        ("It paid Rs 1,200 crore and 2,500 million euros.", [("12000000000", "INR"), ("2500000000", "EUR")]),
    ],
)
def test_maghreb_notation_a_decimal_comma_and_a_hyphenated_lakh_crore(text, expected):
    assert currencies(text) == expected


def test_a_sum_from_a_speaker_left_unnamed_is_reported_unless_hedged():
    def sure(text):
        return [f.value["certainty"] for f in find_money(text)]

    assert sure("The weekly cited an anonymous banker as putting the price at $900 million.") == ["reported"]
    assert sure("An unnamed executive said a second order would be worth about $1.1 billion.") == ["expected"]


@pytest.mark.parametrize(
    "text",
    ["The battery is to arrive in March.", "The battery is due in March.", "Lima aims to sign in March.",
     "The air force expects the squadron in March."],
)
def test_a_plan_told_in_the_present_puts_a_yearless_month_ahead(text):
    assert dates(text, "June 10, 2025") == [("in March", "2026-03-01", "2026-03-31")]


def test_a_month_something_was_due_in_stays_behind():
    assert dates("The battery was due in March.", "June 10, 2025") == [("in March", "2025-03-01", "2025-03-31")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Payments were made in the July-September quarter of 2024.", ("in the July-September quarter of 2024", "2024-07-01", "2024-09-30")),
        ("The radar came in Q3 of 2024.", ("in Q3 of 2024", "2024-07-01", "2024-09-30")),
        ("Deliveries began in the early part of 2024.", ("in the early part of 2024", "2024-01-01", "2024-04-30")),
        ("Talks stalled in the latter part of last year.", ("in the latter part of last year", "2024-09-01", "2024-12-31")),
        ("The contract is expected by the fourth quarter.", ("by the fourth quarter", "2025-06-10", "2025-12-31")),
    ],
)
def test_quarters_named_by_months_or_q_of_a_year_parts_of_a_year_and_a_deadline_by_a_bare_quarter(text, expected):
    assert dates(text, "June 10, 2025") == [expected]


def test_a_third_of_a_relative_season_and_firing_units():
    assert dates("The radars arrived late last summer.", "June 10, 2025") == [("late last summer", "2024-08-01", "2024-08-31")]
    assert dates("Crews trained in the late spring of 2023.", "June 10, 2025") == [
        ("in the late spring of 2023", "2023-05-01", "2023-05-31")]
    assert quantities("Delhi got six firing units.") == [(6, "firing units")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Pentagon asked Congress for the radars in fiscal 2026.", ("in fiscal 2026", "2025-10-01", "2026-09-30")),
        ("Islamabad budgeted for the launchers in FY2026.", ("in FY2026", "2025-07-01", "2026-06-30")),
        ("India will pay the rest in FY2026.", ("in FY2026", "2025-04-01", "2026-03-31")),
        # a sentence that names no country: the country named before it in the article
        ("Washington approved the sale. The money comes from fiscal 2026.", ("from fiscal 2026", "2025-10-01", "2026-09-30")),
    ],
)
def test_a_fiscal_year_starts_when_its_countrys_does(text, expected):
    assert dates(text, "June 10, 2025") == [expected]


def test_a_hedge_or_a_future_elsewhere_in_the_clause_does_not_move_a_date_told_in_the_past():
    from ingest.extract import nlp

    def parsed_dates(text, published):
        return [(f.value["words"], f.value["earliest"], f.value["latest"])
                for f in find_dates(text, published=parse(published), doc=nlp.parse(text))]

    assert parsed_dates("The deal, which could be worth $2 billion, was signed in the autumn.", "June 10, 2025") == [
        ("in the autumn", "2024-09-01", "2024-11-30")]
    assert parsed_dates("The battery, which will be upgraded, arrived in the autumn.", "June 10, 2025") == [
        ("in the autumn", "2024-09-01", "2024-11-30")]
    assert parsed_dates("A contract could be signed in the autumn.", "June 10, 2025") == [
        ("in the autumn", "2025-09-01", "2025-11-30")]


def test_the_remaining_few_followed_by_a_noun_count_that_noun_not_the_unit_before():
    assert parsed_quantities("Minsk has four battalions. The remaining two officials left.") == [
        (4, "battalions", "four battalions")]
    assert parsed_quantities("Minsk has four battalions. The remaining two are due in May.") == [
        (4, "battalions", "four battalions"), (2, "battalions", "two")]


def test_could_not_tells_of_a_past_inability_and_does_not_look_ahead():
    text = "Moscow said the fourth squadron could not be delivered in February."
    assert dates(text, "June 10, 2025") == [("in February", "2025-02-01", "2025-02-28")]
    assert dates("Moscow said the squadron could be delivered in February.", "June 10, 2025") == [
        ("in February", "2026-02-01", "2026-02-28")]


def test_a_bare_season_before_a_comma_and_a_count_is_still_a_date():
    assert dates("By the summer, 12 launchers will be in place.", "March 2, 2025") == [
        ("By the summer", "2025-03-02", "2025-08-31")]
    assert dates("In Q3, 12 launchers arrived.", "November 2, 2025") == [("In Q3", "2025-07-01", "2025-09-30")]
    assert dates("The radar came in Q3, 2024.", "November 2, 2025") == []  # a year this pattern does not read


def test_a_split_fiscal_year_in_an_indian_article_is_not_the_united_states_one_named_beside_it():
    text = "The army spent Rs 700 crore on spares. Despite US sanctions threats, the ministry raised its outlay for 2024-25."
    assert dates(text, "June 10, 2025") == [("2024-25", "2024-04-01", "2025-03-31")]


def parsed_dates(text, published):
    from ingest.extract import nlp

    return [(f.value["words"], f.value["earliest"], f.value["latest"])
            for f in find_dates(text, published=parse(published), doc=nlp.parse(text))]


def test_the_end_or_a_half_of_a_split_fiscal_year_is_the_fiscal_years():
    text = "The ministry set aside Rs 900 crore. The radars are due by the end of 2026-27, the launchers in the first half of 2027-28."
    assert dates(text, "August 4, 2025") == [
        ("by the end of 2026-27", "2025-08-04", "2027-03-31"),
        ("in the first half of 2027-28", "2027-04-01", "2027-09-30"),
    ]
    # without a word of fiscal years, the end of "2026-27" is the end of the two years
    assert dates("Both radars will be replaced by the end of 2026-27.", "August 4, 2025") == [
        ("by the end of 2026-27", "2025-08-04", "2027-12-31")]


def test_the_current_financial_year_is_the_one_the_publication_falls_in():
    text = "The navy spent Rs 40 crore in the current financial year and plans more next fiscal."
    assert dates(text, "February 10, 2026") == [
        ("in the current financial year", "2025-04-01", "2026-03-31"),
        ("next fiscal", "2026-04-01", "2027-03-31"),
    ]
    # a year written after it is the fiscal year's own, read once
    assert dates("The navy spent Rs 40 crore in the current financial year 2025-26.", "February 10, 2026") == [
        ("financial year 2025-26", "2025-04-01", "2026-03-31")]


def test_decades_and_their_parts():
    text = "The regiment was formed in the early 1990s and rearmed in the late 1990s. By the end of the decade it had shrunk."
    assert dates(text, "August 4, 2025") == [
        ("in the early 1990s", "1990-01-01", "1992-12-31"),
        ("in the late 1990s", "1997-01-01", "1999-12-31"),
        ("By the end of the decade", "1990-01-01", "1999-12-31"),
    ]
    text = "Deliveries may slip into the second half of the decade, though Minsk wants them before the end of the decade."
    assert dates(text, "August 4, 2025") == [
        ("the second half of the decade", "2025-01-01", "2029-12-31"),
        ("before the end of the decade", "2025-08-04", "2029-12-31"),
    ]


def test_last_or_next_month_by_name_and_the_first_days_of_a_month():
    text = "The first crews left last March, the rest go next October. Training began in the first days of June."
    assert dates(text, "August 4, 2025") == [
        ("last March", "2025-03-01", "2025-03-31"),
        ("next October", "2025-10-01", "2025-10-31"),
        ("in the first days of June", "2025-06-01", "2025-06-10"),
    ]
    assert dates("The talks opened last August.", "August 4, 2025") == [("last August", "2024-08-01", "2024-08-31")]


def test_a_day_range_in_one_month_between_and():
    assert dates("Live firings will be held between June 3 and 7.", "May 20, 2025") == [
        ("between June 3 and 7", "2025-06-03", "2025-06-07")]


def test_by_a_season_of_a_year_and_by_a_season_already_begun():
    assert dates("The contract may be signed by the summer of 2026.", "August 4, 2025") == [
        ("by the summer of 2026", "2025-08-04", "2026-08-31")]
    # written in the autumn, "by the autumn" is the next one
    assert dates("The second battery should arrive by the autumn.", "October 4, 2025") == [
        ("by the autumn", "2025-10-04", "2026-11-30")]
    assert dates("The second battery should arrive by the autumn.", "May 4, 2025") == [
        ("by the autumn", "2025-05-04", "2025-11-30")]


def test_over_a_season_is_a_date():
    assert dates("Crews trained over the summer.", "October 4, 2025") == [("over the summer", "2025-06-01", "2025-08-31")]


def test_the_same_month_after_a_day_is_that_days_month():
    assert dates("The contract was signed on 12 March 2024. The first radar arrived the same month.", "October 4, 2025") == [
        ("on 12 March 2024", "2024-03-12", "2024-03-12"), ("the same month", "2024-03-01", "2024-03-31")]


def test_a_weekday_whose_verb_says_will_or_plans_in_the_present_is_ahead():
    assert parsed_dates("On Friday, the minister will travel to Ankara.", "October 7, 2025") == [
        ("On Friday", "2025-10-10", "2025-10-10")]
    assert parsed_dates("The envoy visits Minsk on Thursday.", "October 7, 2025") == [
        ("on Thursday", "2025-10-09", "2025-10-09")]
    # the telling is what the weekday dates, not what it reports
    assert parsed_dates("The minister told reporters on Friday it will sign.", "October 7, 2025") == [
        ("on Friday", "2025-10-03", "2025-10-03")]


def test_expected_to_without_its_verb_looks_ahead():
    assert dates("The deal, expected to be signed at the end of March, covers two batteries.", "October 7, 2025") == [
        ("the end of March", "2026-03-21", "2026-03-31")]



def test_a_weekday_on_a_participle_of_what_was_done_lies_behind_even_in_a_future_sentence():
    from ingest.extract import Kind, extract_all

    from .test_extract import LEXICON

    text = "The last batteries will be delivered by June, according to a report tabled in parliament on Monday."
    found = [(f.value["words"], f.value["earliest"]) for f in extract_all(text, published=parse("March 18, 2025"), lexicon=LEXICON)
             if f.kind == Kind.DATE]
    assert ("on Monday", "2025-03-17") in found


def test_a_sum_agreed_is_stated_when_another_subject_hedges_after_and():
    [found] = find_money("Egypt agreed in 2018 to buy the radars for $1.2 billion, and Russia has said it would send them by rail.")
    assert found.value["certainty"] == "stated"


@pytest.mark.parametrize("text, expected", [
    ("Quito took the radars in the summer and autumn of 2021.", ("in the summer and autumn of 2021", "2021-06-01", "2021-11-30")),
    ("Lima fired them in March and April 2020.", ("in March and April 2020", "2020-03-01", "2020-04-30")),
])
def test_two_months_or_seasons_sharing_one_year_are_the_span_of_both(text, expected):
    assert dates(text, "May 4, 2027") == [expected]


def test_a_deadline_that_was_expected_still_lies_ahead_of_the_report():
    text = "An aide said on Friday that the last battery was expected by spring."
    assert dates(text, "January 20, 2027")[-1] == ("by spring", "2027-01-20", "2027-05-31")


class TestMoneyCertaintyShapes:
    """How sure an article is of a sum, in the shapes reporting gives it."""

    @staticmethod
    def sure(text):
        return [f.value["certainty"] for f in find_money(text)]

    @pytest.mark.parametrize("text", [
        "Payments of about $300 million are still pending, according to a ministry official who declined to be named.",
        "Quito's $2 billion order has been frozen, according to congressional aides.",
        "Nearly $2 billion owed to the suppliers has been stuck for a year, people aware of the matter said.",
        "Show organisers said that deals worth $2 billion had been announced.",
    ])
    def test_a_sum_resting_on_a_single_unnamed_official_aides_or_organisers_is_reported(self, text):
        assert self.sure(text) == ["reported"]

    @pytest.mark.parametrize("text", [
        "According to the organisers, contracts worth $5 billion are to be signed at the show.",
        "An advance of about $600 million is to be released before March, one official said.",
    ])
    def test_a_sum_that_is_to_be_paid_or_signed_is_expected(self, text):
        assert self.sure(text) == ["expected"]

    @pytest.mark.parametrize("text", [
        "Quito signed the $800 million contract in 2019, and the first radars are expected to arrive next year.",
        "The deal, worth $900 million at the time, was signed despite warnings from Washington that it could bring sanctions.",
        "In 2020 Chile signed a $1.2 billion contract for four batteries, with deliveries expected to begin next year.",
        "Exports totalled more than $9 billion last year, and the figure for this year is expected to be higher.",
        "Lima bought radars in 2016 for about $700 million, and, according to industry sources, it is now eyeing jets.",
    ])
    def test_a_hedge_or_report_in_the_next_clause_leaves_a_sum_stated(self, text):
        assert self.sure(text)[0] == "stated"

    @pytest.mark.parametrize("text", [
        "Peru, which ordered three batteries in 2017 for $1.1 billion, will receive the last one next year.",
        "The two remaining batteries, ordered under the $1.1 billion contract, will arrive next year.",
        "The navy will take delivery of six corvettes under a $2 billion deal approved last year.",
        "Russia will hand over the last battery by May, completing a contract worth 40 billion roubles.",
        "The army will receive the radars, bought for $300 million in 2019, next spring.",
    ])
    def test_a_sum_whose_own_phrase_says_the_deal_was_made_is_stated_in_a_future_sentence(self, text):
        assert self.sure(text) == ["stated"]

    @pytest.mark.parametrize("text, expected", [
        ("Lima will pay $300 million for radars ordered last year.", "expected"),
        ("The ministry signed a letter of intent for radars that could cost $1 billion.", "expected"),
        ("Lima is expected to order radars under a contract worth $500 million.", "expected"),
        ("Russia and Peru signed an agreement under which Peru will pay $2 billion.", "expected"),
    ])
    def test_a_deal_still_to_be_made_stays_expected(self, text, expected):
        assert self.sure(text) == [expected]

    @pytest.mark.parametrize("text", [
        "Local media put the potential value of the package at about $3 billion.",
        "Chinese media at the time valued the memorandum at roughly $3 billion.",
        "Industry insiders have put its value at more than $5 billion.",
        "In a deal the study values at about three billion dollars, Lima bought two batteries.",
        "The sale would be part of a wider plan that one analyst has described as a two-billion-dollar rearmament.",
        "Payments of about $300 million are still pending, according to a ministry official who declined to be named.",
    ])
    def test_a_valuation_by_officials_media_or_analysts_is_reported_whatever_the_clause_hedges(self, text):
        assert self.sure(text) == ["reported"]

    @pytest.mark.parametrize("text", [
        "The batteries arrived under the deal, which the ministry put at $1.9 billion.",
        "Minister Ana Ruiz put the value of the deal at $1 billion.",
        "A study by the Lima Institute values the order at about $2 billion.",
        "Washington offered Ankara a package worth about $3.5 billion, but two officials said Ankara would refuse it.",
    ])
    def test_a_named_body_valuing_a_sum_or_unnamed_speakers_after_a_contrast_leave_it_stated(self, text):
        assert self.sure(text) == ["stated"]

    @pytest.mark.parametrize("text, expected", [
        ("Berlin announced on Thursday that it would send two fire units as part of a package worth €2.7 billion.", "stated"),
        ("Oslo announced that it would give Kyiv air defence missiles worth 90 million euros.", "stated"),
        ("Rome announced that it would back the request, a package that Paris said could be worth €1 billion.", "expected"),
        ("Oslo announced that it would propose aid worth 90 million euros.", "expected"),
    ])
    def test_aid_announced_is_decided_though_told_with_would(self, text, expected):
        assert self.sure(text) == [expected]

    def test_and_before_a_subject_without_a_determiner_and_its_future_starts_another_clause(self):
        assert self.sure("The contract, signed in May, is worth $2 billion and deliveries will start in 2026.") == ["stated"]
        assert self.sure("Peru will pay $2 billion and launchers will follow.") == ["expected"]

    @pytest.mark.parametrize("text, expected", [
        ("Officials have reportedly asked for data since Turkey walked away in May from a $3.4 billion contract.", "stated"),
        ("The deal could be revived, months after Peru walked away from a $3 billion order.", "stated"),
        ("Lima will pay $2 billion after Congress approved the deal.", "expected"),
    ])
    def test_a_subordinate_clause_with_its_own_named_subject_keeps_its_sum_from_the_main_clause(self, text, expected):
        assert self.sure(text) == [expected]


class TestQuantityShapes:
    """Counted hardware in the shapes reporting writes it."""

    @staticmethod
    def counts(text):
        from ingest.extract.nlp import parse
        return [(f.value["quantity"], f.value["unit"]) for f in find_quantities(text, doc=parse(text))]

    @pytest.mark.parametrize("text", ["Peru ordered four S-400 'divisions' (battalions).", 'Peru ordered four S-400 "divisions" in 2019.',
                                      "Peru ordered four (four) divisions."])
    def test_a_unit_in_quotes_and_a_figure_repeated_in_words_in_brackets(self, text):
        assert self.counts(text) == [(4, "divisions")]

    @pytest.mark.parametrize("text, expected", [
        ("Peru took three batteries in 2019 and two in 2020.", [(3, "batteries"), (2, "batteries")]),
        ("Two regiments arrived in 2021, two in 2022, and the fifth in 2023.", [(2, "regiments"), (2, "regiments")]),
        ("Of the ten batteries ordered, six have so far arrived.", [(10, "batteries"), (6, "batteries")]),
    ])
    def test_a_count_standing_alone_with_its_date_or_arrival_after_a_unit(self, text, expected):
        assert self.counts(text) == expected

    def test_a_part_written_after_its_whole_is_the_figure_alone(self):
        from ingest.extract.nlp import parse
        text = "Of the 10 batteries ordered, 6 have arrived."
        assert [(f.value["quantity"], f.value["words"]) for f in find_quantities(text, doc=parse(text))] == [(10, "10 batteries"), (6, "6")]

    @pytest.mark.parametrize("text, expected", [
        ("Peru's 5,000 housing units were built.", []),
        ("Peru ordered two S-400 units and three radar units.", [(2, "units"), (3, "units")]),
    ])
    def test_units_of_something_else_are_not_hardware(self, text, expected):
        assert self.counts(text) == expected


def test_a_day_month_and_year_with_full_stops_is_that_day_but_not_a_version_or_an_impossible_day():
    assert dates("Posted: 03.09.2023 - 11:20\nThe regiment arrived on 28.08.2023.", "September 3, 2023") == [
        ("03.09.2023", "2023-09-03", "2023-09-03"), ("on 28.08.2023", "2023-08-28", "2023-08-28")]
    assert dates("The radar runs software 1.2.2022; a report dated 30.02.2023 was forged.", "September 3, 2023") == []


def test_by_next_season_or_month_is_a_deadline_from_the_publication_day():
    assert dates("The last battalion should be handed over by next spring.", "September 21, 2023") == [
        ("by next spring", "2023-09-21", "2024-05-31")]
    assert dates("Crews will finish training by the coming winter.", "September 21, 2023") == [
        ("by the coming winter", "2023-09-21", "2024-02-29")]
    assert dates("The radars are to be shipped by next month.", "September 21, 2023") == [
        ("by next month", "2023-09-21", "2023-10-31")]


def test_the_decade_ahead_is_the_current_one_not_a_past_decade_named_before():
    text = ('The design has improved since the early 2000s. "By the second half of the decade, the new radar '
            'will match any rival," she said.')
    assert dates(text, "August 9, 2021") == [
        ("since the early 2000s", "2000-01-01", "2002-12-31"), ("By the second half of the decade", "2021-08-09", "2029-12-31")]
    # told in the past, the decade named before is still the one meant
    assert dates("In the late 1990s China bought S-300s; by the end of the decade it had four batches.", "August 9, 2021") == [
        ("In the late 1990s", "1997-01-01", "1999-12-31"), ("by the end of the decade", "1990-01-01", "1999-12-31")]


def test_between_a_month_or_season_and_another_is_the_span_of_both():
    assert dates("Four regiments are to be handed over between March 2024 and the autumn of 2025.", "May 2, 2023") == [
        ("between March 2024 and the autumn of 2025", "2024-03-01", "2025-11-30")]
    assert dates("Crews trained in Russia between the winter of 2019 and June 2020.", "May 2, 2023") == [
        ("between the winter of 2019 and June 2020", "2019-12-01", "2020-06-30")]


def test_by_the_end_of_the_current_or_next_financial_year_is_a_deadline_from_the_publication_day():
    text = "Two more squadrons, worth Rs 9,000 crore, will be handed over by the end of the next financial year."
    assert dates(text, "September 21, 2023") == [("by the end of the next financial year", "2023-09-21", "2025-03-31")]
    text = "The ministry wants the Rs 400 crore contract signed before the end of the current financial year."
    assert dates(text, "September 21, 2023") == [("before the end of the current financial year", "2023-09-21", "2024-03-31")]
    # without "by", the year itself
    assert dates("Rs 400 crore will be paid in the next financial year.", "September 21, 2023") == [
        ("in the next financial year", "2024-04-01", "2025-03-31")]


@pytest.mark.parametrize(
    ("sentence", "amount", "currency"),
    [
        ("Jakarta set aside Rp 21.3 trillion for the first batch of fighters.", "21300000000000", "IDR"),
        ("The ten batteries cost 3.9 trillion won, the ministry said.", "3900000000000", "KRW"),
        ("Ankara signed a three-and-a-half-billion-dollar package.", "3500000000", "USD"),
    ],
)
def test_rupiah_won_and_a_sum_spelled_with_a_half(sentence, amount, currency):
    [found] = find_money(sentence)
    assert (found.value["amount"], found.value["currency"]) == (amount, currency)


def test_won_without_a_multiplier_is_the_verb():
    assert find_money("Seoul won 3 export orders in 2023 and in 2024 won praise.") == []


@pytest.mark.parametrize(
    ("sentence", "certainty"),
    [
        ("Egyptian officials have put the value of the order at over $1 billion.", "reported"),
        ("The official put the likely value of the radars at roughly 2 billion dirhams.", "reported"),
        ("The paper put the potential value of the deal at around $900 million.", "reported"),
        ("There were reports that some $700 million in payments is frozen.", "reported"),
        ("Cairo turned to Beijing, inking a $1.1 billion contract in May, whose first batteries are due next year.", "stated"),
        # a named speaker's figure stays as stated as the speaker gives it
        ("Defence Minister Ali Khan put the cost at $500 million.", "stated"),
    ],
)
def test_money_certainty_of_officials_and_papers_estimates_and_reports_that(sentence, certainty):
    [found] = find_money(sentence)
    assert found.value["certainty"] == certainty


def test_a_figure_cut_at_a_decimal_comma_before_unread_words_is_no_sum_and_a_half_billion_dollar_deal_is():
    assert find_money("The first tranche is put at Rp 16,75 triliun.") == []
    [found] = find_money("Ankara signed a half-billion-dollar deal for radars.")
    assert (found.value["amount"], found.value["currency"]) == ("500000000", "USD")
