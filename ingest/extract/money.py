"""Sums of money: "$5.43 billion", "$800-million", "$3.4-billion", "3 trillion rubles",
"€1.2bn", "USD 500 million", as a Decimal amount and an ISO 4217 currency.

Also "U.S. dollars", "a three-billion-dollar deal", "a two-and-a-half-billion-dollar deal",
"half a billion dollars", "Rp 16.75 trillion" (rupiah), "4.2 trillion won", Indian notation:
"Rs 35,000 crore", "₹42 lakh" (a crore is 10^7, a lakh 10^5), and the Gulf and Turkish
abbreviations written before the figure: "Dh11 billion", "SR 3bn", "QR500mn", "TL 4 billion",
"KD 300 million", and the Russian "trln". A currency word several countries share ("dinars",
"riyals", "rials", "dirhams", "rupees") is the currency of the one of them named nearest the sum.

A figure followed by the same sum in another currency in brackets — "$5.43 billion (more
than 3 trillion rubles)", "(Rs 40,000 crore at the time)" — is one finding: the first figure, with the second under "also".

Each sum has a ``certainty``: "expected" when its clause is conditional, future or hedged
("could cost", "is expected to cost", "may sign a $2 billion deal"), "reported" when it
rests on reports, sources or estimates ("reportedly", "estimated at", "according to a
report"), else "stated" (the article or a named speaker gives it as fact).
"""
import re
from decimal import Decimal

from .base import Finding, Kind, sentence_at, sentences

SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "¥": "CNY", "₹": "INR"}
SYMBOLS |= {"Rs": "INR", "Rs.": "INR", "US $": "USD", "U.S. $": "USD"}
# Gulf and Turkish English-language papers: "Dh11 billion", "Dhs 500 million", "SR 3bn", "QR 2bn", "TL 4 billion".
SYMBOLS |= {"Dh": "AED", "Dhs": "AED", "SR": "SAR", "QR": "QAR", "TL": "TRY", "₺": "TRY"}
# Kuwaiti papers write the dinar before the figure too: "KD 300 million".
SYMBOLS |= {"KD": "KWD"}
# Indonesian papers write the rupiah before the figure: "Rp 16.75 trillion".
SYMBOLS |= {"Rp": "IDR"}
CODES = {"USD", "EUR", "GBP", "RUB", "CNY", "INR", "TRY", "JPY", "SAR", "AED", "QAR", "IRR", "IQD", "EGP", "MYR", "BYN",
         "DZD", "KRW", "IDR", "PKR", "VND", "KZT", "CHF", "TND", "LYD", "KWD", "JOD", "BHD", "OMR", "MAD", "RSD", "YER", "LKR"}
CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "US dollars": "USD", "U.S. dollars": "USD", "euros": "EUR", "euro": "EUR",
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB", "pounds": "GBP",
    "yuan": "CNY", "rupees": "INR", "lira": "TRY", "liras": "TRY", "riyals": "SAR", "Saudi riyals": "SAR",
    "Qatari riyals": "QAR", "yen": "JPY", "dirhams": "AED", "UAE dirhams": "AED", "Iraqi dinars": "IQD",
    "dinars": "IQD",
    # A currency named by its country's adjective is that country's, whatever the bare word
    # would mean: "Egyptian pounds" are not sterling, "Belarusian roubles" not Russian ones.
    "Egyptian pounds": "EGP", "ringgit": "MYR", "Malaysian ringgit": "MYR", "Russian roubles": "RUB", "Russian rubles": "RUB",
    "Belarusian roubles": "BYN", "Belarusian rubles": "BYN", "Turkish lira": "TRY", "Turkish liras": "TRY",
    "Indian rupees": "INR", "Chinese yuan": "CNY", "renminbi": "CNY", "Algerian dinars": "DZD", "Iranian rials": "IRR",
    "rials": "IRR", "South Korean won": "KRW", "rupiah": "IDR", "Indonesian rupiah": "IDR", "Pakistani rupees": "PKR",
    "Vietnamese dong": "VND", "tenge": "KZT", "Swiss francs": "CHF", "Emirati dirhams": "AED",
    "Tunisian dinars": "TND", "Libyan dinars": "LYD", "Kuwaiti dinars": "KWD", "Jordanian dinars": "JOD",
    "Bahraini dinars": "BHD", "Serbian dinars": "RSD", "Omani rials": "OMR", "Omani riyals": "OMR",
    "Moroccan dirhams": "MAD", "Yemeni rials": "YER", "Sri Lankan rupees": "LKR",
    "dinar": "IQD", "riyal": "SAR", "rial": "IRR", "dirham": "AED", "rupee": "INR",
    # only after a multiplier ("4.2 trillion won"): "won" alone is the verb
    "won": "KRW",
}
# A currency word many countries share is the one of the country the article speaks of there:
# "180 billion dinars" in a piece about Algeria are Algerian dinars, "5 billion riyals" from
# Doha Qatari ones. The words above stand for the first country when none of these is named.
SHARED = {
    "dinars": {"IQ": "IQD", "DZ": "DZD", "TN": "TND", "LY": "LYD", "KW": "KWD", "JO": "JOD", "BH": "BHD", "RS": "RSD"},
    "riyals": {"SA": "SAR", "QA": "QAR", "OM": "OMR", "YE": "YER"},
    "rials": {"IR": "IRR", "OM": "OMR", "YE": "YER"},
    "dirhams": {"AE": "AED", "MA": "MAD"},
    "rupees": {"IN": "INR", "PK": "PKR", "LK": "LKR"},
}
SHARED |= {word[:-1]: countries for word, countries in SHARED.items()}
SHARED |= {"Dh": SHARED["dirhams"], "Dhs": SHARED["dirhams"]}  # "Dh 13 billion" from Rabat
# The names, adjectives and capitals of those countries.
_COUNTRY_NAMES = {
    "IQ": r"Iraq\w*|Baghdad", "DZ": r"Algeria\w*|Algiers", "TN": r"Tunisia\w*|Tunis", "LY": r"Libya\w*|Tripoli",
    "KW": r"Kuwait\w*", "JO": r"Jordan\w*|Amman", "BH": r"Bahrain\w*|Manama", "RS": r"Serbia\w*|Belgrade",
    "SA": r"Saudi|Riyadh", "QA": r"Qatar\w*|Doha", "OM": r"Oman\w*|Muscat", "YE": r"Yemen\w*|Sanaa",
    "IR": r"Iran\w*|Tehran", "AE": r"Emirat\w*|UAE|Abu Dhabi|Dubai", "MA": r"Morocc\w*|Rabat",
    "IN": r"India\w*|(?:New )?Delhi", "PK": r"Pakistan\w*|Islamabad", "LK": r"Sri Lanka\w*|Colombo",
}
_COUNTRY_NAMED = re.compile("|".join(f"(?P<{code}>\\b(?:{names})\\b)" for code, names in _COUNTRY_NAMES.items()))
MULTIPLIERS = {
    "thousand": 10**3, "million": 10**6, "mln": 10**6, "mn": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9,
    "b": 10**9, "bln": 10**9, "trillion": 10**12, "tn": 10**12, "lakh": 10**5, "lakhs": 10**5,
    "trln": 10**12, "crore": 10**7, "crores": 10**7, "cr": 10**7, "lakh crore": 10**12, "lakh crores": 10**12,  # "₹6.2 lakh crore"
}
# A sum written out before "-dollar": "a three-billion-dollar deal".
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "a": 1, "half a": 0.5, "half": 0.5,  # "a billion dollars", "half a billion dollars", "a half-billion-dollar"
}
# "a two-and-a-half-billion-dollar deal"
NUMBER_WORDS |= {f"{word} and a half": value + 0.5 for word, value in list(NUMBER_WORDS.items()) if value >= 1 and word != "a"}
QUALIFIERS = r"(?:more than|over|about|around|nearly|almost|some|up to|at least|less than|under|approximately)"

# A decimal comma before a multiplier, as Maghreb and Russian outlets write it: "1,2 billion
# dinars" is 1.2 billion, never "2 billion".
_DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?=[\s-]?(?:thousand|million|billion|trillion|mln|mn|bln|bn|trln|tn|m\b|b\b))"
# Not the "16" of "Rp 16,75 triliun": a figure cut at a decimal comma before words it does not read.
_NUMBER = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|{_DECIMAL_COMMA}|\d+(?:\.\d+)?(?![\d.]|,\d)"
_MULTIPLIER = r"(?:[\s-](?:thousand|million|billion|trillion|mln|mn|bln|bn|trln|tn|lakh[\s-]crores?|lakhs?|crores?|cr)\b|(?:m|mn|bn|b|tn|cr)\b)"
_SPELLED = "|".join(words.replace(" ", r"[\s-]") for words in sorted(NUMBER_WORDS, key=len, reverse=True))
# Symbols made of letters only as a word of their own, in the case written: "years 2019" is no sum.
_SYMBOL = "|".join(
    f"(?<!\\w)(?-i:{re.escape(symbol)})" if symbol[0].isalpha() else re.escape(symbol)
    for symbol in sorted(SYMBOLS, key=len, reverse=True)
)
# What crores and lakhs may count instead of rupees: "140 crore citizens", "5 lakh doses".
_COUNTED_PEOPLE = (r"(?:[a-z-]+\s+)?(?:people|persons|population|citizens|indians|voters|users|subscribers|households|farmers|workers|"
                   r"jobs|children|students|tonnes|litres|doses|passengers|accounts|beneficiaries|visitors|homes|houses|women|men)\b")
# "$1.5-2 billion", "Rs 500-600 crore": a range with one multiplier, drafted as its first figure
# (the second under "upper"), never as "$1.5".
_RANGE = r"(?:\s?(?:-|–|to)\s?(?P<r{0}>\d+(?:\.\d+)?)(?=[\s-]?(?:thousand|million|billion|trillion|mln|mn|bln|bn|trln|tn|lakh|crore|cr|m\b|b\b)))?"
_WORD = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
# Algerian papers write the dinar after the figure: "200 billion DA".
POSTFIX_SYMBOLS = {"DA": "DZD"}
_CODE = "(?-i:" + "|".join(sorted([*CODES, *POSTFIX_SYMBOLS])) + ")"  # codes only in capitals: "try" is a verb

MONEY = re.compile(
    rf"(?:(?<![\w-])(?P<qualifier>{QUALIFIERS}) )?"  # not "over" in "cover"
    rf"(?:"
    rf"(?P<symbol>{_SYMBOL})\s?(?P<n1>{_NUMBER}){_RANGE.format(1)}(?P<m1>{_MULTIPLIER})?"
    rf"|(?P<code>{_CODE})\s?(?P<n2>{_NUMBER}){_RANGE.format(2)}(?P<m2>{_MULTIPLIER})?"
    rf"|(?P<n3>{_NUMBER}){_RANGE.format(3)}(?P<m3>{_MULTIPLIER})?[\s-](?P<word>{_WORD}|{_CODE})\b"
    rf"|(?<![\w-])(?P<n4>{_SPELLED})[\s-](?P<m4>thousand|million|billion|trillion)[\s-](?P<word4>{_WORD})\b"
    # "a deal worth 400 crore": crore and lakh count rupees only (not people: "140 crore citizens").
    rf"|(?<![\w$.,-])(?P<n5>{_NUMBER}){_RANGE.format(5)}(?P<m5>[\s-](?:lakh[\s-]crores?|lakhs?|crores?|cr)\b)(?![\s-]+{_COUNTED_PEOPLE})"
    rf")",
    re.IGNORECASE,
)
_ALSO = re.compile(r"\s*\(\s*(?P<inner>[^()]{1,80})\)")
# What may follow the converted sum inside the brackets: "(Rs 40,000 crore at the time)",
# "(about €2 billion at current rates)".
_AFTER_CONVERSION = re.compile(r"(?:\s+(?:at|by|in|on|as of|using)\b[^\d()]{0,40})?", re.IGNORECASE)


_SYMBOL_KEYS = {key.lower(): value for key, value in SYMBOLS.items()}
_WORD_KEYS = {key.lower(): value for key, value in CURRENCY_WORDS.items()}


def _exact(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01")) if amount != amount.to_integral() else amount.to_integral()


def parse_money(match: re.Match) -> dict:
    upper = None
    if match["n4"]:  # "three-billion-dollar"
        number, multiplier = str(NUMBER_WORDS[" ".join(match["n4"].lower().replace("-", " ").split())]), match["m4"].lower()
        currency = _WORD_KEYS[" ".join(match["word4"].split()).lower()]
    else:
        number = match["n1"] or match["n2"] or match["n3"] or match["n5"]
        multiplier = " ".join((match["m1"] or match["m2"] or match["m3"] or match["m5"] or "").strip(" -").lower().replace("-", " ").split())
        upper = match["r1"] or match["r2"] or match["r3"] or match["r5"]
        if match["n5"]:
            currency = "INR"
        elif match["symbol"]:
            currency = SYMBOLS.get(match["symbol"]) or _SYMBOL_KEYS[match["symbol"].lower()]
        elif match["code"]:
            currency = POSTFIX_SYMBOLS.get(match["code"]) or match["code"].upper()
        else:
            word = " ".join(match["word"].split())
            currency = POSTFIX_SYMBOLS.get(word) or (word.upper() if word.upper() in CODES else _WORD_KEYS[word.lower()])
    if re.fullmatch(r"\d{1,3},\d{1,2}", number):
        number = number.replace(",", ".")  # a decimal comma
    amount = _exact(Decimal(number.replace(",", "")) * MULTIPLIERS.get(multiplier, 1))
    return {
        "amount": str(amount),
        **({"upper": str(_exact(Decimal(upper) * MULTIPLIERS.get(multiplier, 1)))} if upper else {}),
        "currency": currency,
        "qualifier": (match["qualifier"] or "").lower(),
        "words": match.group(),
    }


# Hedged, conditional or future wording: the sum is expected, not settled. "may" only in
# lower case, as the month is not one.
_EXPECTED = re.compile(
    r"\b(?:could|might|would|will|shall|(?-i:may)|(?:expected|likely|set|due|slated|poised|planned|going) to|"
    r"plans? to|intends? to|propos(?:e|es|ed|al)|potential|prospective|if|unless|(?:is|are) to be)\b|['’]ll\b",
    re.IGNORECASE,
)
# A sum yet to be paid or only asked for, said right before it: "India is to pay $5 billion",
# "Russia wants $2 billion for them", "is asking about $1 billion".
_ASKED_OR_DUE = re.compile(
    r"\b(?:(?:is|are) to (?:pay|spend|cost|receive|get)|wants?|asking|asks|seeks?|seeking|demand(?:s|ing|ed)?)\s+(?:\w+\s+){0,2}$"
    # what a buyer or seller looks forward to: "expects orders worth over Rs 20,000 crore"
    r"|\b(?:expects?|expecting|anticipates?|anticipating|hopes? for|hoping for)\s+(?:[\w-]+\s+){0,5}$",
    re.IGNORECASE,
)
# Wording that rests a sum on reports, unnamed sources or estimates.
_REPORTED = re.compile(
    r"\b(?:reported(?:ly)?|estimated|(?:often |widely |usually )?(?:cited|quoted) (?:as|at)|(?:often|widely|usually|is|are|was|were|be|been|being|deal|contract|package|order|sale|purchase) put at|estimates? (?:that|it|the)|sources?|said to be|believed to|rumou?red|"
    r"according to (?:\S+ ){0,5}?(?:reports?|notes?|estimates?|sources?|media|data|study|analys[ie]s|newspapers?|daily)|"
    r"(?:estimates?|reports) (?:put|puts|suggest|suggests|show|shows|place|places)|"
    # "There were reports that some $2 billion is stuck"
    r"(?:there (?:were|are|have been|had been) )?reports (?:that|of)|"
    # hearsay: "thought to be worth", "understood to have cost"
    r"(?:thought|understood|rumou?red|alleged|reported|said|believed) to (?:be|have)|"
    # an outlet's word: "the newspaper wrote", "the daily reported"
    r"(?:newspaper|daily|paper|magazine|outlet|agency|broadcaster|channel|report) (?:said|says|wrote|writes|reported|reports|added|claimed)|by (?:some |most |one |industry )?estimates?|"
    r"people (?:familiar with|with knowledge of|aware of|close to|briefed on)|"
    r"according to (?:\S+ ){0,3}?(?:officials?|diplomats?|insiders?|analysts?|experts?|observers?|aides|organi[sz]ers)|"
    # others' valuations: "Russian media have put the value at", "analysts have described it as"
    r"(?:media|analysts?|experts?|observers?|commentators?|press),?\s+(?:\w+\s+){0,2}?(?:put|puts|described|describe|describes|"
    r"valued|values?|estimated|estimates?|reported|reports?|called|calls?|priced))\b",
    re.IGNORECASE,
)
# An estimate right before the sum is what the article knows of it, whatever hedge the rest of
# the sentence carries: "plans to buy jets in a programme estimated at over Rs 1.5 lakh crore".
_ESTIMATED_AT = re.compile(
    r"\bestimated at\s+(?:(?:an? )?(?:estimated|about|around|roughly|nearly|almost|over|more than|some|"
    r"approximately|up to|close to)\s+)?$|\ban estimated\s+$",
    re.IGNORECASE,
)
# Others' valuation right before the sum: "Russian media have put its value at", "in a deal the
# study values at about", "Russian media put the potential value of the package at", "one analyst
# has described as a". Reported, whatever the clause hedges.
_VALUED_BY = re.compile(
    r"\b(?:media|press|analysts?|experts?|observers?|sources?|insiders?|diplomats?|reports?|estimates?|"
    # "Indian officials have put its value at", "the official put the value of the package at": an estimate
    r"study|studies|think[- ]tanks?|daily|newspapers?|papers?|outlets?|officials?)(?:\s+(?-i:[a-z][\w'’-]*)){0,5}?\s+"
    r"(?:put|puts|valued|values|value|estimated|estimates|estimate|described|describes|describe|priced|prices|price)"
    r"(?:\s+[\w'’-]+){0,6}?\s+(?:at|as)(?:\s+an?)?(?:\s+(?:about|around|roughly|nearly|almost|some|approximately|close to))?\s*$",
    re.IGNORECASE,
)
# A deal the sum's own phrase says was made, or under which things are done: "Peru, which ordered
# three batteries for $1.1 billion, will receive…", "will take delivery under a $2 billion deal
# approved last year". Settled, whatever the rest of the sentence looks forward to.
_SETTLED = re.compile(r"\b(?:signed|ordered|approved|inked|inking|concluded|bought|purchased|awarded|completing|fulfilling)\b", re.IGNORECASE)
# "under a $2 billion deal": settled when nothing in the phrase hedges ("is expected to order radars under a contract worth…")
_UNDER = re.compile(r"\bunder (?:a|an|the|its|their|this|that)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# "a $2 billion deal approved last year": the deal the sum is the value of, made
_DEAL_MADE = re.compile(rf"^\s*(?:[\w-]+\s+){{0,2}}?(?:deal|contract|agreement|order|package|purchase|sale)\s+(?:{_SETTLED.pattern})", re.IGNORECASE)
# Aid announced is decided: "Berlin announced that it would send fire units worth €2.7 billion"
# tells of a package given, its "would" only the announcement's tense.
_ANNOUNCED_AID = re.compile(
    r"\bannounce[sd]?\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:it|they|he|she|[A-Z]\w+)\s+would\s+(?=(?:send|give|supply|provide|donate|transfer)\b)"
)
# A contrast after the sum leaves the speakers of the next clause to it: "offered a package worth
# $3.5 billion, but two officials said…".
_CONTRAST = re.compile(r",\s+(?:though|although|but|while|whereas)\b|\s+but\s+(?!also\b)")

# The sentence rests on speakers it does not name: "officials said", "a senior official added".
_UNNAMED_SAID = re.compile(
    r"\b(?:(?:an?|one|two|three|several|some|the|other)\s+(?:[\w-]+\s+){0,2}?)?"
    # "An Emirati official, asked about the timetable, indicated": an aside may stand before the verb.
    r"(?:officials|official|diplomats?|insiders?|sources?|organi[sz]ers)(?:,[^,;]{1,60},)?\s+(?:(?:have|has|had)\s+)?"
    r"(?:said|says|added|adds|told|confirmed|noted|indicated|stressed|explained|specified|revealed|insisted)\b",
    re.IGNORECASE,
)


# A speaker the article does not name: "cited an unnamed executive as putting the value at".
# Read after the hedges: an unnamed source's sum for a deal to come is still expected.
_UNNAMED = re.compile(r"\b(?:unnamed|anonymous|anonymity|declined to be (?:named|identified))\b", re.IGNORECASE)


# A contrast ("… could be signed soon but stressed that $1 billion had been approved"), or "and" before a new subject and its verb ("…worth $1 billion, was cancelled,
# and the air force will buy jets instead"), starts another clause.
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:though|although|but|while|whereas)\b|\s+but\s+(?!also\b)"
    r"|\band\s+(?=(?:the|its|their|a|an|this|that)\s+(?:[\w-]+\s+){0,2}?(?:will|would|could|may|might|shall)\b)"
    # after a comma the new subject may be longer: "…worth 16 billion euros, and the first of
    # the aircraft will be delivered in 2027"
    r"|,\s+and\s+(?=(?:the|its|their|a|an|this|that)\s+(?:[\w-]+\s+){0,4}?(?:will|would|could|may|might|shall)\b)"
    # a named subject after ", and": "agreed to buy it for $2.5 billion, and Russia has said it would …"
    r"|,\s+and\s+(?=(?-i:[A-Z])[\w-]+\s+(?:[\w-]+\s+)?(?:has|have|had|is|are|was|were|said|says|will|would|could|may)\b)"
    # "…, and the first radars are expected to arrive next year": a new subject's own hedge
    r"|,\s+and\s+(?=(?:the|its|their|a|an|this|that)\s+(?:[\w-]+\s+){0,4}?(?:is|are)\s+(?:expected|likely|due|set)\b)"
    # or a subject without a determiner: "…is worth $2 billion and deliveries will start in 2026"
    r"|\band\s+(?=[a-z]+s\s+(?:will|would|could|may|might|shall)\b)"
    # a subordinate clause with a named subject of its own: "…reportedly asked for data since Turkey walked away from a $3.4 billion contract"
    r"|\b(?:since|after|before|because|when)\s+(?=(?-i:[A-Z])[\w-]+\s+(?:(?-i:[a-z]+ed)|(?-i:[a-z]+ly)\s+(?-i:[a-z]+ed))\b)"
    # "…, and, according to sources, …": an aside opens the next clause
    r"|,\s+and,"
    # a warning or risk brushed aside: "signed despite warnings that it could bring sanctions"
    r"|\b(?:despite|in spite of|brushing aside|ignoring|defying)\b"
)
# What follows a sum after ", with" is said of something else: "signed a $1 billion contract,
# with deliveries expected next year" (before the sum it is not: "…could be spread out, with an advance of $5 million").
_AFTER_BREAK = re.compile(r",\s+with\b")


def certainty(text: str, sentence, start: int, end: int) -> str:
    """How sure the article is of the sum at text[start:end]: "expected", "reported" or
    "stated", read from the wording of its clause (up to a semicolon or a contrast either side)."""
    left = text[sentence.start : start] if sentence else text[max(0, start - 200) : start]
    right = text[end : sentence.end] if sentence else text[end : end + 200]
    # The sum's own clause: a contrast ("…, though X cost $2.5 billion") starts another.
    clause = _CLAUSE_BREAK.split(left)[-1] + " " + _AFTER_BREAK.split(_CLAUSE_BREAK.split(right, maxsplit=1)[0], maxsplit=1)[0]
    # Wording right before the sum in its own phrase speaks for it first: in "The package,
    # reportedly worth €900 million, could exceed €1 billion" the first sum is reported.
    phrase = _CLAUSE_BREAK.split(re.split(r"[,;:()]", left)[-1])[-1]
    if _REPORTED.search(phrase) and not _EXPECTED.search(phrase) or _ESTIMATED_AT.search(phrase) or _VALUED_BY.search(left):
        return "reported"
    if _ASKED_OR_DUE.search(left):
        return "expected"
    # (a hedge before the deal's own words is not its: "will take delivery under a $2 billion deal")
    after = re.split(r"[,;:()]", right)[0]
    made = [*_SETTLED.finditer(phrase)]
    settled = (not _EXPECTED.search(phrase[made[-1].start() :] + " " + after) if made
               else _DEAL_MADE.search(after) or (_SETTLED.search(after) or _UNDER.search(phrase)) and not _EXPECTED.search(phrase + " " + after))
    if _EXPECTED.search(_ANNOUNCED_AID.sub(" ", clause)) and not settled:
        return "expected"
    if _REPORTED.search(clause) or _UNNAMED_SAID.search(left + " " + _CONTRAST.split(right, maxsplit=1)[0]) or _UNNAMED.search(clause):
        return "reported"
    return "stated"


_RESTATED = re.compile(r",?\s+(?:or|i\.e\.|that is|equivalent to)\s+(?:(?:about|roughly|around|some|nearly|almost|approximately|close to)\s+)?",
                       re.IGNORECASE)


def find_money(text: str, *, sentence_spans=None) -> list[Finding]:
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    found, consumed_until = [], -1
    for match in MONEY.finditer(text):
        if match.start() < consumed_until or (match["word"] or "").lower() == "won" and not match["m3"]:
            continue
        value = parse_money(match)
        words_end = match.end()
        value["also"] = []
        # The same sum in another currency, in brackets straight after it.
        if bracket := _ALSO.match(text, match.end()):
            inner = MONEY.match(bracket["inner"].strip())
            rest = bracket["inner"].strip()[inner.end():] if inner else ""
            if inner and _AFTER_CONVERSION.fullmatch(rest):
                value["also"].append(parse_money(inner))
                words_end = bracket.end()
        value["words"] = text[match.start() : words_end]
        consumed_until = words_end
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), words_end)
        if shared := SHARED.get((match["word"] or match["word4"] or "").lower()) or SHARED.get(match["symbol"] or ""):
            value["currency"] = _local_currency(text, shared, sentence, match.start()) or value["currency"]
        value["certainty"] = certainty(text, sentence, match.start(), words_end)
        if found and _RESTATED.fullmatch(text, found[-1].words_end, match.start()):
            # "valued at Dh11 billion, or roughly three billion U.S. dollars": the same sum
            # restated in another currency is as sure as the first figure.
            value["certainty"] = found[-1].value["certainty"]
        found.append(Finding(Kind.MONEY, start, end, match.start(), words_end, value))
    return found


def _local_currency(text: str, shared: dict, sentence, at: int) -> str | None:
    """The currency of the country among ``shared`` the text names nearest before the sum (in its
    sentence, else earlier in the article), else the one it names first after the sum (in its
    sentence, else later): in a piece from Delhi, "The contract, worth 400 billion rupees, alarmed
    Pakistan" counts Indian rupees."""
    named = [(m.start(), shared[m.lastgroup]) for m in _COUNTRY_NAMED.finditer(text) if m.lastgroup in shared]
    end = sentence.end if sentence else at
    for chosen in (
        [c for p, c in named if p < at][-1:],
        [c for p, c in named if at < p < end][:1],
        [c for p, c in named if p > at][:1],
    ):
        if chosen:
            return chosen[0]
    return None
