"""How well the assistant reads: its drafts for the curated sources against the records
editors curated from them, as recall and precision per kind.

What "found" means, per kind (a draft's evidence span and words span are offsets in the
source text; a curated record's spans are those of its citations' excerpts in that source):
- statements: a statement draft whose evidence overlaps one of the statement's excerpts and
  whose speaker links to the same person (or, for a statement without a person, the same
  body) as the curated speaker;
- money: for each contract whose excerpts from the source state its value (its "value as
  written" occurs in one), a money draft whose words overlap one of those excerpts, with
  the same amount and currency (either of a figure given in two currencies);
- quantities: likewise for contracts and deliveries whose excerpts state their quantity, a
  quantity draft with the same number and unit;
- dates: each distinct date phrase the curated contracts, deliveries, statements and events
  rest on (their "date as written", located in the text at or nearest their excerpts; dates
  an editor inferred are left out) is found by a date draft whose words overlap it, with
  the same earliest and latest day;
- countries, systems and deals: per source, the set the curated records citing it involve
  (deal supplier and recipient, event and statement countries; deal and specification
  systems; deals as supplier, recipient and system) against the set the drafts name.
Precision is the share of drafts that match a curated record by the same test.
"""
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from deals import approximate_dates
from deals.models import Contract, Deal, Delivery, Event, Source, Specification, Statement

from .extract import Kind, extract_all
from .output import findings_as_json
from .selectors import extraction_lexicon, speaker_matching, system_matching

# The bar the assistant must meet on the curated sources (checked by the test suite).
BAR = {"statements": 0.90, "money": 1.0, "quantities": 1.0, "dates": 0.90}
KINDS = ["statements", "money", "quantities", "dates", "countries", "systems", "deals"]


@dataclass
class Score:
    kind: str
    gold: int = 0
    found: int = 0
    drafts: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.drafts if self.drafts else 1.0

    @property
    def bar(self) -> float | None:
        return BAR.get(self.kind)

    @property
    def meets_bar(self) -> bool:
        return self.bar is None or self.recall >= self.bar


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _spans(record, source) -> list[tuple[int, int]]:
    spans = []
    for citation in record.citations.all():
        if citation.source_id == source.pk and (start := source.text.find(citation.excerpt)) >= 0:
            spans.append((start, start + len(citation.excerpt)))
    return spans


def _cited(model, source):
    return model.objects.filter(citations__source=source).distinct().prefetch_related("citations")


def _tally(score: Score, gold: list, drafts: list, matches, describe_gold, describe_draft):
    score.gold += len(gold)
    score.drafts += len(drafts)
    for item in gold:
        if any(matches(item, draft) for draft in drafts):
            score.found += 1
        else:
            score.misses.append(describe_gold(item))
    for draft in drafts:
        if any(matches(item, draft) for item in gold):
            score.correct += 1
        else:
            score.wrong.append(describe_draft(draft))


def extraction_report(*, sources=None) -> dict[str, Score]:
    """Scores per kind over the sources (default: every source with a citation)."""
    if sources is None:
        sources = Source.objects.filter(citations__isnull=False).distinct().order_by("slug")
    lexicon = extraction_lexicon()
    scores = {kind: Score(kind) for kind in KINDS}
    for source in sources:
        findings = extract_all(source.text, published=source.approximate_date, lexicon=lexicon)
        by_kind = {kind: [f for f in findings if f.kind == kind] for kind in Kind.ALL}
        _statements(scores["statements"], source, by_kind[Kind.STATEMENT])
        _money(scores["money"], source, by_kind[Kind.MONEY])
        _quantities(scores["quantities"], source, by_kind[Kind.QUANTITY])
        _dates(scores["dates"], source, by_kind[Kind.DATE])
        _sets(scores, source, by_kind)
    return scores


def _statements(score, source, drafts):
    gold = []
    for statement in _cited(Statement, source):
        key = ("person", statement.speaker_id) if statement.speaker_id else ("organisation", statement.organisation_id)
        gold.append((key, _spans(statement, source), statement))
    keyed = []
    for draft in drafts:
        person, organisation = speaker_matching(draft.value)
        key = ("person", person.pk) if person else ("organisation", organisation.pk) if organisation else None
        keyed.append((key, draft))
    _tally(
        score, gold, keyed,
        lambda g, d: g[0] == d[0] and any(_overlaps(span, (d[1].start, d[1].end)) for span in g[1]),
        lambda g: f"{source.slug}: {g[2].attribution}: {g[2].text[:70]}",
        lambda d: f"{source.slug}: {d[1].value['speaker'] or '?'} ({d[1].value['speaker_kind']}): {d[1].words(source.text)[:70]}",
    )


def _amounts(value: dict) -> set[tuple[Decimal, str]]:
    return {(Decimal(v["amount"]), v["currency"]) for v in [value, *value.get("also", [])]}


def _states(record, source, words: str) -> bool:
    """Whether this source gives the figure: the record's words for it occur in one of its
    excerpts from the source (a contract cited by two articles may state its value in one)."""
    return any(words and words in source.text[a:b] for a, b in _spans(record, source))


def _money(score, source, drafts):
    gold = [
        ((contract.value_amount, contract.value_currency), _spans(contract, source), contract)
        for contract in _cited(Contract, source).filter(value_amount__isnull=False)
        if _states(contract, source, contract.value_words)
    ]
    _tally(
        score, gold, drafts,
        lambda g, d: g[0] in _amounts(d.value) and any(_overlaps(s, (d.words_start, d.words_end)) for s in g[1]),
        lambda g: f"{source.slug}: {g[2].value_words or g[0]}",
        lambda d: f"{source.slug}: {d.value['words']}",
    )


def _quantities(score, source, drafts):
    gold = [
        ((record.quantity, record.quantity_unit), _spans(record, source), record)
        for model in (Contract, Delivery)
        for record in _cited(model, source).filter(quantity__isnull=False)
        if _states(record, source, record.quantity_words)
    ]
    _tally(
        score, gold, drafts,
        lambda g, d: g[0] == (d.value["quantity"], d.value["unit"]) and any(_overlaps(s, (d.words_start, d.words_end)) for s in g[1]),
        lambda g: f"{source.slug}: {g[2].quantity_words or g[0]}",
        lambda d: f"{source.slug}: {d.value['words']}",
    )


def _date_phrases(source) -> list[tuple[tuple[int, int], str, str, str]]:
    """(span, earliest, latest, words) of each distinct date phrase curated records rest on."""
    text, phrases = source.text, {}
    for model in (Contract, Delivery, Statement, Event):
        for record in _cited(model, source).exclude(date_words="").exclude(date_basis="inferred"):
            spans = _spans(record, source)
            occurrences = _occurrences(text, record.date_words)
            if not occurrences or not spans:
                continue
            inside = [o for o in occurrences if any(_overlaps(o, s) for s in spans)]
            chosen = inside[0] if inside else min(
                occurrences, key=lambda o: min(abs(o[0] - s[0]) for s in spans)
            )
            key = (chosen, record.date_earliest.isoformat(), record.date_latest.isoformat())
            phrases[key] = record.date_words
    return [(span, earliest, latest, words) for (span, earliest, latest), words in phrases.items()]


def _occurrences(text: str, words: str) -> list[tuple[int, int]]:
    found, lowered, start = [], text.lower(), 0
    for haystack, needle in ((text, words), (lowered, words.lower())):
        start = haystack.find(needle)
        while start >= 0:
            found.append((start, start + len(needle)))
            start = haystack.find(needle, start + 1)
        if found:
            break
    return found


def _dates(score, source, drafts):
    gold = _date_phrases(source)
    _tally(
        score, gold, drafts,
        lambda g, d: (g[1], g[2]) == (d.value["earliest"], d.value["latest"]) and _overlaps(g[0], (d.words_start, d.words_end)),
        lambda g: f"{source.slug}: “{g[3]}” {g[1]}–{g[2]}",
        lambda d: f"{source.slug}: “{d.value['words']}” {d.value['edtf']}",
    )


def _sets(scores, source, by_kind):
    deals = set(_cited(Deal, source))
    for model in (Contract, Delivery):
        deals.update(record.deal for record in _cited(model, source).select_related("deal"))
    gold_countries = {code for deal in deals for code in (deal.supplier_id, deal.recipient_id)}
    linked = set()
    for model in (Statement, Event):
        for record in _cited(model, source).prefetch_related("deals", "countries"):
            linked.update(record.deals.all())
            gold_countries.update(country.code for country in record.countries.all())
    gold_systems = {deal.system_id for deal in deals | linked if deal.system_id}
    gold_systems.update(spec.system_id for spec in _cited(Specification, source))
    gold_deals = {(deal.supplier_id, deal.recipient_id, deal.system_id) for deal in deals}

    systems = {}

    def system_key(slug: str, name: str):
        # A system the base does not know yet (no slug) is a system of its own, never "no system".
        if not slug:
            return f"new:{name}"
        if slug not in systems:
            found = system_matching(slug)
            systems[slug] = found.pk if found else None
        return systems[slug]

    drafted_countries = {f.value["code"] for f in by_kind[Kind.COUNTRY]}
    drafted_systems = {system_key(f.value["slug"], f.value["name"]) for f in by_kind[Kind.SYSTEM]} - {None}
    drafted_deals = {
        (f.value["supplier"], f.value["recipient"], system_key(f.value["system"], f.value.get("system_name", "")))
        for f in by_kind[Kind.DEAL]
    }
    for kind, gold, drafted in (
        ("countries", gold_countries, drafted_countries),
        ("systems", gold_systems, drafted_systems),
        ("deals", gold_deals, drafted_deals),
    ):
        score = scores[kind]
        score.gold += len(gold)
        score.found += len(gold & drafted)
        score.drafts += len(drafted)
        score.correct += len(gold & drafted)
        score.misses += [f"{source.slug}: {item}" for item in sorted(gold - drafted, key=str)]
        score.wrong += [f"{source.slug}: {item}" for item in sorted(drafted - gold, key=str)]


# --- The development corpus ----------------------------------------------------------------
#
# Invented articles with hand-made expectations (ingest/tests/corpus/, its README gives the
# rules). The drafts are read in the ``ingest --json`` shape, so the measurement does not
# depend on how the extractors store their values. The matching functions below are pure.

CORPUS_DIR = Path(__file__).resolve().parent / "tests" / "corpus"
# Held out: written by a reader independent of the extractors, never tuned on (its README).
HELDOUT_DIR = Path(__file__).resolve().parent / "tests" / "corpus_heldout"
# Check set: written by the team before a round of work and never tuned on (its README), so
# that its figures before and after the round say whether the rules generalise.
CHECK_DIR = Path(__file__).resolve().parent / "tests" / "corpus_check"
CORPUS_KINDS = ["statements", "money", "quantities", "dates", "deals", "deliveries", "countries", "systems"]
# Attributes scored on the items already found: "deal status" is a found deal with a draft
# of the same deal giving one of the statuses the article supports; "money certainty" a
# found sum whose draft gives the expected certainty.
CORPUS_ATTRIBUTES = ["deal status", "money certainty"]
_DRAFT_KIND = {
    "statements": "statement", "money": "money", "quantities": "quantity", "dates": "date",
    "deals": "deal", "deliveries": "delivery", "countries": "country", "systems": "system",
}


def _folded(words) -> str:
    """Lower case, one space, straight apostrophes and no double quotation marks: how
    quotations and names are compared (the words said in 'had "closed the sky"' are "had closed
    the sky")."""
    words = str(words or "")
    for curly, straight in (("‘", "'"), ("’", "'")):
        words = words.replace(curly, straight)
    words = re.sub(r'["“”„«»]', "", words)
    return " ".join(words.casefold().split())


def _name_tokens(name) -> list[str]:
    return [t for t in re.findall(r"[\w'-]+", _folded(name)) if t not in {"the", "of", "a", "an"}]


def same_person(expected: str, drafted: str | None) -> bool:
    """The same surname, and one name's words all in the other ("Erdogan" is "Recep Tayyip Erdogan")."""
    a, b = _name_tokens(expected), _name_tokens(drafted)
    return bool(a and b) and a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


def same_body(expected, drafted: str | None) -> bool:
    """Any of the expected names (a body may be written several ways), ignoring case and
    articles, equal to the drafted name or containing it, or contained in it."""
    b = " ".join(_name_tokens(drafted))
    for name in [expected] if isinstance(expected, str) else expected:
        a = " ".join(_name_tokens(name))
        if a and b and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "):
            return True
    return False


def statement_matches(expected: dict, draft: dict) -> bool:
    speaker = draft.get("speaker") or {}
    if _folded(expected["quote"]) not in _folded(draft.get("evidence")):
        return False
    if expected["kind"] == "person":
        return speaker.get("kind") == "person" and same_person(expected["speaker"], speaker.get("name"))
    if expected["kind"] == "body":
        return speaker.get("kind") == "body" and same_body(expected["speaker"], speaker.get("name"))
    return speaker.get("kind") == "unnamed"


def money_matches(expected: dict, draft: dict) -> bool:
    try:
        return Decimal(expected["amount"]) == Decimal(str(draft.get("amount"))) and expected["currency"] == draft.get("currency")
    except ArithmeticError:
        return False


def _unit(unit) -> str:
    unit = _folded(unit)
    return unit[:-3] + "y" if unit.endswith("ies") else unit.removesuffix("s")


def quantity_matches(expected: dict, draft: dict) -> bool:
    return expected["number"] == draft.get("number") and _unit(expected["unit"]) == _unit(draft.get("unit"))


def date_matches(expected: dict, draft: dict) -> bool:
    """The same bounds, and the words overlap: one contains the other ("in July" and "July")."""
    a, b = _folded(expected["words"]), _folded(draft.get("words"))
    return bool(a and b) and (a in b or b in a) and (expected["earliest"], expected["latest"]) == (draft.get("earliest"), draft.get("latest"))


def system_key(name) -> str:
    """A system by its first word, folded: "S-400 Triumf" and "S-400" are one system."""
    tokens = _folded(name).split()
    return tokens[0] if tokens else ""


def deal_matches(expected: dict, draft: dict) -> bool:
    return (expected["supplier"], expected["recipient"], system_key(expected["system"])) == (
        draft.get("supplier"), draft.get("recipient"), system_key(draft.get("system"))
    )


def delivery_matches(expected: dict, draft: dict) -> bool:
    """The same recipient and system, and the same count when both give one."""
    deal = draft.get("deal") or {}
    if (expected["recipient"], system_key(expected["system"])) != (deal.get("recipient"), system_key(deal.get("system"))):
        return False
    return expected.get("quantity") is None or draft.get("quantity") is None or expected["quantity"] == draft["quantity"]


MATCHERS = {
    "statements": statement_matches, "money": money_matches, "quantities": quantity_matches,
    "dates": date_matches, "deals": deal_matches, "deliveries": delivery_matches,
    "countries": lambda expected, draft: expected == draft.get("code"),
    "systems": lambda expected, draft: system_key(expected) == system_key(draft.get("name")),
}


def _describe(kind: str, item) -> str:
    if isinstance(item, str):
        return item
    if kind == "statements" and "quote" in item:
        return f"{item['speaker'] or 'unnamed'}: {item['quote'][:60]}"
    if kind == "statements":
        speaker = item.get("speaker") or {}
        return f"{speaker.get('name') or 'unnamed'} ({speaker.get('kind')}): {item.get('words', '')[:60]}"
    fields = {k: v for k, v in item.items() if k not in ("kind", "start", "end", "evidence", "summary", "status", "certainty", "note")}
    return ", ".join(f"{k}={v}" for k, v in fields.items() if v is not None)


def score_article(expected: dict, drafts: list[dict], *, name: str = "", scores: dict | None = None) -> dict[str, Score]:
    """Add one article's expectations and drafts (``ingest --json`` shape) to the scores.
    Countries, systems and deals are sets: a kind drafted twice counts once."""
    scores = scores if scores is not None else {kind: Score(kind) for kind in CORPUS_KINDS + CORPUS_ATTRIBUTES}
    prefix = f"{name}: " if name else ""
    for kind in CORPUS_KINDS:
        gold = list(expected.get(kind, []))
        of_kind = [d for d in drafts if d["kind"] == _DRAFT_KIND[kind]]
        if kind in ("countries", "systems", "deals"):
            unique = {}
            for draft in of_kind:
                key = draft.get("code") if kind == "countries" else system_key(draft.get("name")) if kind == "systems" else (
                    draft.get("supplier"), draft.get("recipient"), system_key(draft.get("system")))
                unique.setdefault(key, draft)
            of_kind = list(unique.values())
            gold = list({json.dumps(item, sort_keys=True): item for item in gold}.values())
        _tally(scores[kind], gold, of_kind, MATCHERS[kind],
               lambda g, kind=kind: prefix + _describe(kind, g), lambda d, kind=kind: prefix + _describe(kind, d))

    def drafts_of(kind):
        return [d for d in drafts if d["kind"] == _DRAFT_KIND[kind]]

    for item in expected.get("deals", []):
        same = [d for d in drafts_of("deals") if deal_matches(item, d)]
        if same and item.get("status"):
            _attribute(scores["deal status"], any(d.get("status") in item["status"] for d in same),
                       prefix + f"{_describe('deals', item)}: {'/'.join(item['status'])}, drafted {sorted({str(d.get('status')) for d in same})}")
    for item in expected.get("money", []):
        same = [d for d in drafts_of("money") if money_matches(item, d)]
        if same and item.get("certainty"):
            _attribute(scores["money certainty"], any(d.get("certainty") == item["certainty"] for d in same),
                       prefix + f"{item['amount']} {item['currency']}: {item['certainty']}, drafted {sorted({str(d.get('certainty')) for d in same})}")
    return scores


def _attribute(score: Score, right: bool, description: str):
    score.gold += 1
    score.drafts += 1
    if right:
        score.found += 1
        score.correct += 1
    else:
        score.misses.append(description)


def corpus_articles(directory: Path = CORPUS_DIR) -> list[tuple[str, str, dict]]:
    """(name, text, expectations) of each article of the corpus, in name order."""
    return [
        (path.stem, path.read_text(encoding="utf-8"), json.loads(path.with_suffix(".json").read_text(encoding="utf-8")))
        for path in sorted(directory.glob("*.txt"))
    ]


def corpus_report(*, directory: Path = CORPUS_DIR, names=None) -> dict[str, Score]:
    """Scores per kind over the development corpus (or the named articles of it)."""
    lexicon = extraction_lexicon()
    scores = {kind: Score(kind) for kind in CORPUS_KINDS + CORPUS_ATTRIBUTES}
    for name, text, expected in corpus_articles(directory):
        if names and name not in names:
            continue
        published = approximate_dates.parse(expected["published"])
        drafts = findings_as_json(text, extract_all(text, published=published, lexicon=lexicon))
        score_article(expected, drafts, name=name, scores=scores)
    return scores
