"""Candidate deals: a weapon system changing hands, as supplier, recipient and system, with
the cue that says where it stands ("signed a contract", "negotiations are continuing",
"denied", "deliveries began").

The supplier is the system's maker country. The recipient is a country the sentence marks
as receiving it ("to Turkey", "Turkey's procurement", "supplying Ankara", "Turkey bought");
failing that, every other country the sentence names ("bought from Russia by three
states-China, Turkey and India"). A sentence that speaks of "the systems" without naming
them continues the system named in one of the two sentences before.
"""
import re

from .base import Finding, Kind, sentences

TRANSFER = re.compile(
    r"\b(?:suppl(?:y|ies|ied|ying)|deliver(?:y|ies|ed|ing)?|sell(?:s|ing)?|sold|sale|buy(?:s|ing)?|"
    r"bought|purchas(?:e|es|ed|ing)|acqui(?:re|res|red|ring|sition)|contracts?|deals?|order|"
    r"procurement|transfer|stationed|enter service)\b",
    re.IGNORECASE,
)
# What a refusal or a denial is about, and the verbs that make one: "rejected Iran’s request",
# "the demand had been rebuffed", "turned down the offer", "refused to sell".
_ASKED = r"(?:requests?|demands?|offers?|bids?|proposals?|applications?|sales?|orders?|deals?)"
_REFUSED = r"(?:rejected|rejecting|rejects|rebuffed|rebuffing|rebuffs|turned down|turning down|turns down|declined|declining|declines)"
_REPORTED = r"(?:reports?|claims?|allegations?|stor(?:y|ies)|rumou?rs?|information|speculation)"
# A refusal of what was asked for, in either voice.
REFUSAL = (
    rf"{_REFUSED}\s+(?:[\w’'-]+\s+){{0,3}}?{_ASKED}"
    rf"|{_ASKED}\s+(?:[\w’'-]+\s+){{0,4}}?(?:had|has|have|was|were)\s+(?:been\s+)?(?:rejected|rebuffed|turned down|declined|refused)"
    r"|refused to (?:supply|sell|deliver|provide|transfer)"
)
# A denial that something was asked for or is under way, or of a report that it was.
DENIAL = (
    r"denie[sd]|deny|denying"
    r"|(?:received|receiving|has|had|have) no (?:such |formal |official )?(?:requests?|applications?|orders?|offers?)"
    rf"|(?:rejected|rejecting|rejects|dismissed|dismissing|dismisses|refuted|refuting|refutes)\s+(?:(?:a|an|the|this|that|these|those|such)\s+)?(?:[\w’'-]+\s+){{0,3}}?{_REPORTED}"
    r"|(?:not|never) (?:been )?(?:discussing|negotiating|discussed|negotiated|in talks)"
)
# Most telling first: the first cue found in a sentence gives the status.
STATUS_CUES = [
    ("denied", rf"\b(?:{DENIAL})\b"),
    ("cancelled", rf"\b(?:walked out of|cancel(?:led|ed)?|abandon(?:ed)?|withdr[ae]w|{REFUSAL})\b"),
    ("suspended", r"\b(?:suspend(?:ed|ing)?|exclu(?:ded|sion)|froze|frozen)\b"),
    ("delivered", r"\b(?:fulfilled the contract|all (?:the )?(?:elements|components|regiments|divisions|batteries)|completed (?:the )?deliver(?:y|ies)|had paid)\b"),
    ("delivering", r"\b(?:deliveries (?:of [^.]{0,80})?began|began deliver(?:ing|ies)|started deliver(?:ing|ies)|were delivered|has received)\b"),
    ("signed", r"\b(?:signed (?:a|the) (?:contract|deal|agreement)|finali[sz]ed an agreement|concluded (?:a|the) contract|bought|sold|purchased)\b"),
    ("negotiating", r"\b(?:negotiat(?:ions?|ing)|in talks|talks|discuss(?:ing|ed|ion|ions)|may be signed|intends to buy|could order|ready to consider)\b"),
    ("offered", r"\b(?:offered|offers?)\b"),
]
_MARKED_BEFORE = re.compile(r"(?:\b(?:to|for|by|supplying|supply|cost)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}|states-)$")
_MARKED_AFTER = re.compile(
    r"^(?:(?:’s|'s)\s+(?:planned\s+)?(?:acquisition|procurement|purchase|order|plans to purchase)"
    r"|\s+(?:bought|buys|acquired|acquires|purchased|ordered|intends to buy|could order|may buy|wants to receive|will receive|received))"
)
_THE_SYSTEMS = re.compile(r"\bthe (?:systems?|complex(?:es)?)\b")


# Words saying a deal is not the one already known: "another batch", "new contracts",
# "an additional batch of S-400", "more S-400 systems".
ANOTHER_DEAL = re.compile(
    r"\b(?:another|new|additional|second|third|fourth|further|more)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:batch(?:es)?|lots?|contracts?|deals?|orders?|consignments?|deliveries|supplies|purchases?|"
    r"systems?|complexes|regiments?|divisions?|batteries)\b",
    re.IGNORECASE,
)


def another_deal(sentence_text: str) -> bool:
    return bool(ANOTHER_DEAL.search(sentence_text))


def status_cue(sentence_text: str) -> tuple[str, str]:
    for status, pattern in STATUS_CUES:
        if match := re.search(pattern, sentence_text, re.IGNORECASE):
            return status, match.group()
    return "reported", ""


def find_deals(text: str, *, countries: list[Finding], systems: list[Finding], sentence_spans=None) -> list[Finding]:
    sentence_spans = sentence_spans if sentence_spans is not None else sentences(text)
    found = []
    for index, sentence in enumerate(sentence_spans):
        words = text[sentence.start : sentence.end]
        if not TRANSFER.search(words):
            continue
        named = [s for s in systems if sentence.start <= s.words_start < sentence.end]
        if not named and _THE_SYSTEMS.search(words):
            earlier = [s for s in systems for previous in sentence_spans[max(0, index - 2) : index]
                       if previous.start <= s.words_start < previous.end]
            named = earlier[-1:]
        mentions = [c for c in countries if sentence.start <= c.words_start < sentence.end]
        status, cue = status_cue(words)
        seen = set()
        for system in named:
            supplier = system.value["maker_country"]
            # The maker of another system in the sentence is its supplier, not this one's buyer.
            other_makers = {s.value["maker_country"] for s in named if s.value["slug"] != system.value["slug"]}
            candidates = [c for c in mentions if c.value["code"] not in {supplier, *other_makers}]
            marked, previous_marked = [], False
            for mention in candidates:
                before = text[sentence.start : mention.words_start]
                after = text[mention.words_end : sentence.end]
                chained = previous_marked and re.search(r"(?:,|\band)\s*$", before)
                is_marked = bool(_MARKED_BEFORE.search(before) or _MARKED_AFTER.match(after) or chained)
                if is_marked:
                    marked.append(mention)
                previous_marked = is_marked
            for recipient in marked or candidates:
                key = (supplier, recipient.value["code"], system.value["slug"])
                if key in seen:
                    continue
                seen.add(key)
                found.append(
                    Finding(
                        Kind.DEAL, sentence.start, sentence.end, system.words_start, system.words_end,
                        {
                            "supplier": supplier,
                            "recipient": recipient.value["code"],
                            "recipient_name": recipient.value["name"],
                            "system": system.value["slug"],
                            "system_name": system.value["name"],
                            "status": status,
                            "cue": cue,
                        },
                    )
                )
    return found
