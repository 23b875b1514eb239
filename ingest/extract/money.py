"""Sums of money: "$5.43 billion", "$800-million", "$3.4-billion", "3 trillion rubles",
"€1.2bn", "USD 500 million", as a Decimal amount and an ISO 4217 currency.

A figure followed by the same sum in another currency in brackets — "$5.43 billion (more
than 3 trillion rubles)" — is one finding: the first figure, with the second under "also".
"""
import re
from decimal import Decimal

from .base import Finding, Kind, sentence_at, sentences

SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "¥": "CNY", "₹": "INR"}
CODES = {"USD", "EUR", "GBP", "RUB", "CNY", "INR", "TRY", "JPY", "SAR", "AED", "QAR", "IRR"}
CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "US dollars": "USD", "euros": "EUR", "euro": "EUR",
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB", "pounds": "GBP",
    "yuan": "CNY", "rupees": "INR", "lira": "TRY", "liras": "TRY", "riyals": "SAR", "yen": "JPY",
}
MULTIPLIERS = {
    "thousand": 10**3, "million": 10**6, "mln": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9,
    "b": 10**9, "trillion": 10**12, "tn": 10**12,
}
QUALIFIERS = r"(?:more than|over|about|around|nearly|almost|some|up to|at least|less than|under|approximately)"

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULTIPLIER = r"(?:[\s-](?:thousand|million|billion|trillion|mln|bn|tn)\b|(?:m|bn|b|tn)\b)"
_SYMBOL = "|".join(re.escape(symbol) for symbol in sorted(SYMBOLS, key=len, reverse=True))
_WORD = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
_CODE = "(?-i:" + "|".join(sorted(CODES)) + ")"  # codes only in capitals: "try" is a verb

MONEY = re.compile(
    rf"(?:(?P<qualifier>{QUALIFIERS}) )?"
    rf"(?:"
    rf"(?P<symbol>{_SYMBOL})\s?(?P<n1>{_NUMBER})(?P<m1>{_MULTIPLIER})?"
    rf"|(?P<code>{_CODE})\s?(?P<n2>{_NUMBER})(?P<m2>{_MULTIPLIER})?"
    rf"|(?P<n3>{_NUMBER})(?P<m3>{_MULTIPLIER})?[\s-](?P<word>{_WORD}|{_CODE})\b"
    rf")",
    re.IGNORECASE,
)
_ALSO = re.compile(r"\s*\(\s*(?P<inner>[^()]{1,80})\)")


def parse_money(match: re.Match) -> dict:
    number = match["n1"] or match["n2"] or match["n3"]
    multiplier = (match["m1"] or match["m2"] or match["m3"] or "").strip(" -").lower()
    if match["symbol"]:
        currency = SYMBOLS[match["symbol"].upper() if match["symbol"].startswith("us") else match["symbol"]]
    elif match["code"]:
        currency = match["code"].upper()
    else:
        word = match["word"]
        currency = word.upper() if word.upper() in CODES else CURRENCY_WORDS[word.lower()]
    amount = Decimal(number.replace(",", "")) * MULTIPLIERS.get(multiplier, 1)
    amount = amount.quantize(Decimal("0.01")) if amount != amount.to_integral() else amount.to_integral()
    return {
        "amount": str(amount),
        "currency": currency,
        "qualifier": (match["qualifier"] or "").lower(),
        "words": match.group(),
    }


def find_money(text: str, *, sentence_spans=None) -> list[Finding]:
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    found, consumed_until = [], -1
    for match in MONEY.finditer(text):
        if match.start() < consumed_until:
            continue
        value = parse_money(match)
        words_end = match.end()
        value["also"] = []
        # The same sum in another currency, in brackets straight after it.
        if bracket := _ALSO.match(text, match.end()):
            inner = MONEY.fullmatch(bracket["inner"].strip())
            if inner:
                value["also"].append(parse_money(inner))
                words_end = bracket.end()
        value["words"] = text[match.start() : words_end]
        consumed_until = words_end
        sentence = sentence_at(sentence_spans, match.start())
        start, end = (sentence.start, sentence.end) if sentence else (match.start(), words_end)
        found.append(Finding(Kind.MONEY, start, end, match.start(), words_end, value))
    return found
