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
from dataclasses import dataclass, field
from decimal import Decimal

from deals.models import Contract, Deal, Delivery, Event, Source, Specification, Statement

from .extract import Kind, extract_all
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
    for finding in by_kind[Kind.SYSTEM] + by_kind[Kind.DEAL]:
        slug = finding.value.get("slug") or finding.value.get("system")
        if slug not in systems:
            systems[slug] = system_matching(slug)
    drafted_countries = {f.value["code"] for f in by_kind[Kind.COUNTRY]}
    drafted_systems = {systems[f.value["slug"]].pk for f in by_kind[Kind.SYSTEM] if systems[f.value["slug"]]}
    drafted_deals = {
        (f.value["supplier"], f.value["recipient"], systems[f.value["system"]].pk if systems[f.value["system"]] else None)
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
