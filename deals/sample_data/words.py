"""The invented words of the sample data: names of people, outlets, bodies and systems; how a
date, a number and a sum of money are written; and the sentences sources say about facts.

Everything here is made up for the generator and written for it; nothing is taken from an
article. Each date phrase is one the date parser reads back to the same EDTF form (the
tests hold it to that), so a generated record's words, EDTF and bounds agree.
"""
import calendar
from datetime import date

MONTHS = list(calendar.month_name)[1:]
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
ORDINALS = ["first", "second", "third", "fourth"]
SEASONS = {"spring": (3, 21), "summer": (6, 22), "autumn": (9, 23)}  # first month, EDTF code


def number_words(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


# --- dates -----------------------------------------------------------------------------------
# (weight, kind): how precisely a fact's date is given. Most are days or months; the rest are
# the vaguer forms the news uses.
FACT_PRECISIONS = [
    (40, "day"), (6, "day_first"), (22, "month"), (4, "mid_month"), (5, "season"), (3, "winter"),
    (3, "quarter"), (3, "half"), (5, "part_of_year"), (6, "year"), (2, "month_range"), (1, "year_range"),
]
SOURCE_PRECISIONS = [(86, "day"), (6, "day_first"), (6, "month"), (2, "year")]
PARTS_OF_YEAR = {"early": (1, 4), "mid-": (5, 8), "late": (9, 12)}


def date_phrase(kind: str, day: date, rng, *, last_year: int) -> tuple[str, str]:
    """(words, EDTF) of a date around ``day``, given as ``kind`` says; nothing after
    ``last_year`` (a winter or range that would run past it falls back to the month)."""
    y, m, d = day.year, day.month, day.day
    month = MONTHS[m - 1]
    if kind == "day":
        return f"{month} {d}, {y}", day.isoformat()
    if kind == "day_first":
        return f"{d} {month} {y}", day.isoformat()
    if kind == "mid_month" and 11 <= d <= 20:
        return f"mid-{month} {y}", f"{y}-{m:02}-11/{y}-{m:02}-20"
    if kind == "season" and 3 <= m <= 11:
        name = ("spring", "summer", "autumn")[(m - 3) // 3]
        return f"{name} {y}", f"{y}-{SEASONS[name][1]}"
    if kind == "winter" and m == 12 and y < last_year:
        return f"winter {y}", f"{y}-12/{y + 1}-02"
    if kind == "quarter":
        q = (m - 1) // 3
        return f"the {ORDINALS[q]} quarter of {y}", f"{y}-{33 + q}"
    if kind == "half":
        first = 1 if m <= 6 else 7
        return f"the {ORDINALS[first // 6]} half of {y}", f"{y}-{first:02}/{y}-{first + 5:02}"
    if kind == "part_of_year":
        for part, (first, last) in PARTS_OF_YEAR.items():
            if first <= m <= last:
                words = f"mid-{y}" if part == "mid-" else f"{part} {y}"
                return words, f"{y}-{first:02}/{y}-{last:02}"
    if kind == "year":
        return str(y), str(y)
    if kind == "month_range" and m < 12:
        end = min(12, m + rng.randint(1, 3))
        return f"{month}–{MONTHS[end - 1]} {y}", f"{y}-{m:02}/{y}-{end:02}"
    if kind == "year_range" and y < last_year:
        end = min(last_year, y + rng.randint(1, 3))
        return f"{y}–{end}", f"{y}/{end}"
    return f"{month} {y}", f"{y}-{m:02}"


def on_date(words: str) -> str:
    """The date as it follows a verb: "on June 9, 2019", "in June 2019", "in the first half of 2019"."""
    return f"on {words}" if words[0].isdigit() and " " in words or "," in words else f"in {words}"


# --- money -------------------------------------------------------------------------------------
CURRENCIES = [(55, "USD"), (15, "RUB"), (14, "EUR"), (6, "INR"), (5, "GBP"), (5, "CNY")]


def money_words(amount: int, currency: str) -> str:
    """How an article writes a sum: "$1.25 billion", "€430 million", "62 billion roubles"."""
    if amount >= 1_000_000_000:
        figure, scale = amount / 1_000_000_000, "billion"
    else:
        figure, scale = amount / 1_000_000, "million"
    figure = f"{figure:,.2f}".rstrip("0").rstrip(".")
    return {
        "USD": f"${figure} {scale}", "EUR": f"€{figure} {scale}", "GBP": f"£{figure} {scale}",
        "RUB": f"{figure} {scale} roubles", "INR": f"{figure} {scale} rupees", "CNY": f"{figure} {scale} yuan",
    }[currency]


# --- names -------------------------------------------------------------------------------------
GIVEN_NAMES = """
Aleksei Amara Anders Anika Arjun Aylin Bao Beatriz Bogdan Camille Chen Dario Dilnoza Elif Emeka Esra Farid
Fatima Goran Hana Haruto Idris Ilya Ines Jamal Jana Javier Kaveh Keiko Kofi Lars Leila Lukas Malik Marek
Mariam Mateo Mehmet Mina Nadia Nikolai Noor Oksana Omar Pavel Priya Rafael Rania Rashid Rustam Sana Sergei
Sofia Tariq Tomas Valentina Viktor Yasmin Yusuf Zara Zoran
""".split()
SURNAMES = """
Abara Alvarez Andersen Aslan Barkov Bello Castell Chandra Demir Dorin Eklund Farouk Ferreira Galkin Haddad
Hoshino Ibrahim Ivanova Jensen Kahn Kareem Kovac Kurt Larsen Lindqvist Mansour Marin Mendez Morozov Nakamura
Nasser Novak Okafor Olsen Orlov Petrenko Quint Rahimi Rossi Saleh Santos Sato Sorensen Tamura Tanaka Toure
Ulrich Varga Vasquez Volkov Wren Yilmaz Zaki Zhukov Zoric
""".split()
ROLES = [
    (30, "spokesperson of {body}"), (14, "minister of {body_short}"), (10, "deputy minister of {body_short}"),
    (12, "senior official of {body}"), (8, "adviser to {body}"), (10, "director at {body}"),
    (8, "commander at {body}"), (8, "analyst at {body}"),
]
BODY_KINDS = [
    ("government", "Ministry of Defence of {country}", "defence"),
    ("government", "Ministry of Foreign Affairs of {country}", "foreign affairs"),
    ("government", "Presidential Office of {country}", "the presidency"),
    ("government", "Defence Procurement Agency of {country}", "procurement"),
    ("military", "Air Force of {country}", "the air force"),
    ("military", "Air Defence Forces of {country}", "air defence"),
]
OUTLET_WORDS = (
    "Northern Southern Eastern Western Coastal Capital Evening Morning Daily Weekly Continental Harbour "
    "Frontier Central Union Free National Independent Global Metropolitan"
).split()
OUTLET_NOUNS = (
    "Ledger Courier Herald Dispatch Observer Gazette Chronicle Tribune Review Monitor Bulletin Record Sentinel "
    "Journal Post Times Mirror Standard Register Examiner"
).split()
AGENCY_ROOTS = "Meridian Vector Polaris Compass Atlas Horizon Beacon Summit Keystone Equator".split()
COMPANY_KINDS = ["Aerospace", "Defence Systems", "Missile Works", "Radar Industries", "Engineering Group"]
ALLIANCE_NAMES = [
    "Collective Air Defence Council", "Regional Security Partnership", "Maritime Defence Compact",
    "Continental Arms Control Forum", "Joint Procurement Organisation",
]
# Invented code names; their first three letters are all different, so the aliases built
# from them ("KES-104") are too.
CODENAMES = """
Kestrel Aurora Bastion Cinder Dagger Ember Falcon Glacier Halberd Ironwall Javelin Kraken Lancet Monolith
Nimbus Obsidian Paladin Quasar Rampart Sabre Tempest Umbra Vanguard Warden Xenon Yukon Zephyr Arbalest
Bulwark Citadel Draco Eclipse Fortis Gorgon Hydra Icarus Jackal Kodiak Lynx Mistral Nomad Onyx Pegasus
Quill Raptor Spartan Titan Ursa Viper Wyvern
""".split()
SYSTEM_KINDS = {"air_defence": "air-defence systems", "fighter": "fighter aircraft"}
UNITS = {
    "air_defence": [(30, "batteries"), (25, "battalions"), (15, "regiments"), (10, "divisions"), (20, "systems"),
                    (10, "launchers")],
    "fighter": [(100, "aircraft")],
}
SPECIFICATIONS = {
    "air_defence": [("engagement range", "km", "kilometres", 40, 400), ("maximum altitude", "km", "kilometres", 10, 35)],
    "fighter": [("maximum speed", "km/h", "kilometres an hour", 1400, 2600), ("combat radius", "km", "kilometres", 600, 1800)],
}
CITIES = """
Arden Belmont Corvel Dunmore Estrel Falkirk Granton Hollis Irvale Jarrow Kelso Lorne Marlow Norwick Orley
Penrith Quarry Rosslyn Selby Thorne
""".split()
SETTINGS = [
    "at a news conference", "in an interview", "at a defence exhibition", "during a parliamentary hearing",
    "at a briefing for reporters", "on state television", "in a written statement", "at a security forum",
]


# --- sentences ---------------------------------------------------------------------------------
# Each takes the fact's words; the generator makes each sentence unique within its source.
DEAL_SENTENCES = {
    "offered": "{supplier} has offered {recipient} {subject}, officials in {supplier_short} said.",
    "reported": "{recipient} is reported to be interested in acquiring {subject} from {supplier}.",
    "negotiating": "{recipient} and {supplier} are negotiating the purchase of {subject}.",
    "signed": "{recipient} signed a deal with {supplier} for {subject}.",
    "delivering": "{supplier} has begun delivering {subject} to {recipient}.",
    "delivered": "{supplier} has completed the delivery of {subject} to {recipient}.",
    "suspended": "Work on the sale of {subject} by {supplier} to {recipient} has been suspended.",
    "cancelled": "{recipient} has abandoned its plan to buy {subject} from {supplier}.",
    "denied": "Officials in {recipient} denied reports of a purchase of {subject} from {supplier}.",
}
DEAL_VALUE_SENTENCE = "The deal for {subject} is {certainty} to be worth {value}."
CONTRACT_SENTENCES = [
    "The contract for {quantity} of {system} was signed {date}, according to {recipient}'s defence ministry.",
    "{recipient} and {supplier} signed the contract for {quantity} of {system} {date}.",
]
CONTRACT_VALUE_SENTENCE = "The contract for {quantity} of {system} signed {date} is worth {value}."
DELIVERY_SENTENCES = {
    "actual": [
        "{recipient} received {quantity} of {system} {date}.",
        "The {ordinal} batch of {system}, {quantity}, arrived in {recipient} {date}.",
    ],
    "planned": [
        "{quantity} of {system} are to be handed over to {recipient} {date}.",
        "The {ordinal} delivery of {system} to {recipient} is scheduled {date}.",
    ],
}
QUOTES = [
    "We expect the {system} to reach {recipient} {date}",
    "The talks on {system} with {recipient} are going according to plan",
    "{recipient} is free to choose where it buys its air defences",
    "No decision on the {system} has been taken yet",
    "Our partners in {recipient} have confirmed their interest in the {system}",
    "The {system} contract is a commercial matter between two sovereign states",
    "Any purchase of the {system} by {recipient} would have consequences",
    "There is no agreement on the {system} and there has never been one",
    "Training of {recipient}'s crews on the {system} has begun",
    "Payments for the {system} are being made on schedule",
]
REPORTED = [
    "the {system} would be delivered to {recipient} {date}",
    "negotiations with {recipient} on the {system} had reached their final stage",
    "{recipient} had not asked to buy the {system}",
    "the first {system} units were already on their way to {recipient}",
    "the {system} deal with {recipient} was on hold",
]
STATEMENT_QUOTE_SENTENCES = [
    "“{text},” {speaker} said {setting} {date}.",
    "{speaker} said {setting} {date}: “{text}.”",
]
STATEMENT_REPORTED_SENTENCE = "{speaker} said {setting} {date} that {text}."
EVENTS = {
    "agreement": ("{recipient} and {supplier} sign a cooperation agreement on {system}",
                  "{recipient} and {supplier} signed an agreement on cooperation over {system} {date}."),
    "announcement": ("{supplier} announces progress on {system} for {recipient}",
                     "{supplier} announced progress on the {system} order from {recipient} {date}."),
    "report": ("Reports of {recipient}'s interest in {system}",
               "Newspapers in {recipient} reported {date} that the government wants {system}."),
    "test_launch": ("{recipient} test-fires {system}",
                    "{recipient} test-fired its {system} for the first time {date}."),
    "payment": ("{recipient} pays an instalment for {system}",
                "{recipient} paid an instalment for its {system} {date}."),
    "deployment": ("{recipient} deploys {system}",
                   "{recipient} deployed its {system} near {city} {date}."),
    "suspension": ("Work on {system} for {recipient} suspended",
                   "Work on the {system} order from {recipient} was suspended {date}."),
    "exclusion": ("{recipient} excluded from a programme over {system}",
                  "{recipient} was excluded from a joint programme over its {system} purchase {date}."),
    "threat": ("Sanctions threatened over {recipient}'s {system}",
               "{third} threatened {recipient} with sanctions over the {system} {date}."),
    "sanctions": ("{third} imposes sanctions over {system}",
                  "{third} imposed sanctions on {recipient}'s procurement agency over the {system} {date}."),
    "military": ("{recipient} moves {system} to {city}",
                 "{recipient} moved part of its {system} to {city} {date}."),
    "political": ("{recipient}'s parliament debates {system}",
                  "{recipient}'s parliament debated the {system} purchase {date}."),
}
SPECIFICATION_SENTENCE = "The {system} has a {parameter} of up to {words}, its maker says."
VARIANTS = [
    "", " {outlet} reported.", " The report came from {city}.", " This was confirmed later.",
    " Officials gave no further details.", " The ministry did not comment.", " Analysts were not surprised.",
]
LEADS = [
    "{city}, {date} ({outlet}) – {headline}.",
    "{headline}, {outlet} reports from {city} ({date}).",
]
HEADLINES = [
    "Air-defence purchases in {country} draw attention", "{country} weighs its options for air defence",
    "Arms trade talks continue in {country}", "Defence officials in {country} speak about new systems",
    "A busy week for arms exporters in {country}",
]
