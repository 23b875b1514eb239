"""Generating a knowledge base of invented but realistic records at any size.

``generate(scale=…, seed=…)`` writes, at scale 1, about the size of SIPRI's arms-transfer
register: 30,000 deals, 20,000 contracts, 25,000 deliveries, 100,000 statements, 30,000
events, 10,000 sources, 5,000 people, 1,000 organisations, 500 weapon systems and about
300,000 citations (``Sizes``). Its shape is the news's: a few suppliers, recipients over
some 150 countries with a Zipf-like skew, every deal status, dates from 1950 to 2026 at
every precision the date parser knows, more of everything in recent decades, and two hot
spots — a spokesperson with about 3.5% of all statements and a deal with about 1.5% of
them (over a thousand at scale 1).

Every row keeps every rule of the knowledge base: each fact cites generated sources with
an excerpt that occurs exactly once in the source's text (the source's text is assembled
from the sentences that cite it), dates carry words, EDTF and the bounds
``deals.services.resolve_date`` derives, and deliveries never exceed their contract.

Memory stays bounded: after the people, organisations and systems (the prelude), the
records are made in chunks of ``SOURCES_PER_CHUNK`` sources with their share of every
kind of fact, each chunk written and forgotten before the next. Each chunk draws from its
own random generator seeded by (seed, chunk), so the same seed gives the same rows.
"""
import bisect
import functools
import itertools
import math
import random
from dataclasses import dataclass, fields
from datetime import date, timedelta

from django.utils import timezone
from django.utils.text import slugify

from countries.models import Country
from deals.models import (
    Citation,
    Contract,
    Deal,
    Delivery,
    Event,
    Organisation,
    Person,
    Source,
    Specification,
    Statement,
    WeaponSystem,
    WeaponSystemAlias,
)
from deals.services import resolve_date

from . import words as w
from .marking import PREFIX, SOURCE_NOTE
from .writer import Writer, reset_sequences

SOURCES_PER_CHUNK = 200
FIRST_YEAR = 1950
LAST_DAY = date(2026, 11, 15)  # fixed, so a seed gives the same dates whenever it runs
LAST_YEAR = LAST_DAY.year
# Share of all statements said by the busiest spokesperson, and about the busiest deal.
HOT_SPEAKER_SHARE = 0.035
HOT_DEAL_SHARE = 0.015
HOT_DEAL_EVENT_SHARE = 0.01
# Suppliers and their shares of deals (those in the database are used).
SUPPLIERS = [("RU", 34), ("US", 28), ("FR", 8), ("CN", 7), ("DE", 5), ("GB", 4), ("IT", 3), ("IL", 3),
             ("SE", 2), ("KR", 2), ("ES", 2), ("TR", 2)]
# The busiest recipients, in order; the other recipients follow in an order the seed draws.
TOP_RECIPIENTS = ["IN", "SA", "EG", "DZ", "CN", "AE", "TR", "PK", "VN", "IQ", "QA", "KR", "AU", "JP", "ID",
                  "SG", "GR", "BY", "KZ", "MY"]
RECIPIENT_COUNT = 150
STATUSES = [("offered", 8), ("reported", 14), ("negotiating", 11), ("signed", 15), ("delivering", 12),
            ("delivered", 26), ("suspended", 4), ("cancelled", 7), ("denied", 3)]
WITH_CONTRACT = {"signed", "delivering", "delivered", "suspended", "cancelled"}
ACTUAL_DELIVERIES = {"delivering", "delivered"}
PLANNED_DELIVERIES = {"signed", "suspended"}


@dataclass(frozen=True)
class Sizes:
    """How many records of each kind a scale asks for (citations follow from the facts)."""

    deals: int
    contracts: int
    deliveries: int
    statements: int
    events: int
    sources: int
    people: int
    organisations: int
    systems: int

    AT_SCALE_1 = {"deals": 30_000, "contracts": 20_000, "deliveries": 25_000, "statements": 100_000,
                  "events": 30_000, "sources": 10_000, "people": 5_000, "organisations": 1_000, "systems": 500}
    # Below these the shape cannot be kept (an outlet, a ministry and a maker, a hot spot and
    # someone else), so tiny scales round up to them.
    FLOORS = {"organisations": 12, "people": 3, "systems": 2}

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        return cls(**{
            name: max(cls.FLOORS.get(name, 1), round(count * scale)) for name, count in cls.AT_SCALE_1.items()
        })

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class Weighted:
    """Draws items with the given weights, by bisecting the cumulative weights."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rng):
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


def zipf(items, exponent=1.1, offset=1):
    return Weighted(items, [1 / (rank + offset) ** exponent for rank in range(len(items))])


DATE_FIELDS = ("date_words", "date_edtf", "date_earliest", "date_latest", "date_basis")


@functools.lru_cache(maxsize=16384)
def _resolved(words: str, edtf: str) -> tuple:
    """The date as the knowledge base stores it, derived where every record's date is."""
    parsed = resolve_date(words=words, edtf=edtf, basis="stated")
    return parsed.words, parsed.edtf, parsed.earliest, parsed.latest, parsed.basis.value


def _day_in(rng, year: int, *, after: date | None = None, until: date = LAST_DAY) -> date:
    first = max(date(year, 1, 1), after or date(FIRST_YEAR, 1, 1))
    last = min(date(year, 12, 31), until)
    if first > last:
        first = last = min(max(after or first, date(FIRST_YEAR, 1, 1)), until)
    return first + timedelta(days=rng.randrange((last - first).days + 1))


@dataclass
class Dated:
    values: dict  # the date fields of the record
    earliest: date


def _dated(rng, day: date, precisions: Weighted) -> Dated:
    words, edtf = w.date_phrase(precisions.pick(rng), day, rng, last_year=LAST_YEAR)
    values = dict(zip(DATE_FIELDS, _resolved(words, edtf), strict=True))
    return Dated(values, values["date_earliest"])


# Recent decades have more deals and more news: a year's weight grows from 1 in 1950 to 8.6 in 2026.
YEARS = Weighted(range(FIRST_YEAR, LAST_YEAR + 1), [1 + (y - FIRST_YEAR) / 10 for y in range(FIRST_YEAR, LAST_YEAR + 1)])
FACT_PRECISION = Weighted([k for _, k in w.FACT_PRECISIONS], [n for n, _ in w.FACT_PRECISIONS])
UNITS = {category: Weighted([u for _, u in units], [n for n, _ in units]) for category, units in w.UNITS.items()}
SOURCE_PRECISION = Weighted([k for _, k in w.SOURCE_PRECISIONS], [n for n, _ in w.SOURCE_PRECISIONS])


class Ids:
    """The next primary key of each model, numbered past what the database holds."""

    def __init__(self, models):
        self.next = {}
        for model in models:
            last = model._base_manager.order_by("-pk").values_list("pk", flat=True).first()
            self.next[model] = (last or 0) + 1

    def take(self, model) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


def _nth_name(n: int, *parts) -> str:
    """The n-th combination of the parts' words (the first part varies fastest), numbered
    once every combination is used."""
    words, rest = [], n
    for part in parts:
        words.append(part[rest % len(part)])
        rest //= len(part)
    name = " ".join(words)
    return f"{name} {rest + 1}" if rest else name


@dataclass
class Org:
    id: int
    name: str
    kind: str
    country: str | None
    short: str = ""


@dataclass
class System:
    id: int
    name: str
    category: str
    maker_country: str


@dataclass
class DealInfo:
    id: int
    supplier: str
    recipient: str
    system: System | None
    subject: str
    status: str
    start: int
    quantity: int
    unit: str
    quantity_words: str


class GenerationError(Exception):
    """The database lacks what generating needs (its countries); the message says what to do."""


class Generator:
    """One run: ``run()`` writes the prelude, then each chunk, then moves the tables'
    sequences past the keys it wrote; it returns how many rows it wrote per model."""

    def __init__(self, *, scale: float, seed: int, writer: Writer | None = None, progress=None):
        self.sizes = Sizes.at(scale)
        self.seed = seed
        self.writer = writer or Writer()
        self.progress = progress or (lambda message: None)
        self.now = timezone.now()
        self.ids = Ids([Organisation, Person, WeaponSystem, WeaponSystemAlias, Source, Deal, Contract, Delivery,
                        Statement, Event, Specification, Citation, Source.agencies.through,
                        Statement.deals.through, Statement.countries.through, Event.deals.through,
                        Event.countries.through])
        self.chunks = math.ceil(self.sizes.sources / SOURCES_PER_CHUNK)

    # --- the whole run ------------------------------------------------------------------

    def run(self) -> dict:
        self._countries()
        self._prelude()
        for chunk in range(self.chunks):
            self._chunk(chunk)
            if (chunk + 1) % 10 == 0 or chunk + 1 == self.chunks:
                self.progress(f"chunk {chunk + 1}/{self.chunks}: {self.writer.count(Citation):,} citations so far")
        reset_sequences(self.ids.next)
        return {str(model._meta.verbose_name_plural): n for model, n in self.writer.written.items()}

    def _rng(self, part: str) -> random.Random:
        # A string seed is hashed the same way in every process, unlike hash().
        return random.Random(f"{self.seed}/{part}")

    def _slice(self, total: int, chunk: int) -> int:
        return total * (chunk + 1) // self.chunks - total * chunk // self.chunks

    # --- countries, bodies, people, systems ---------------------------------------------

    def _countries(self):
        rng = self._rng("countries")
        names = dict(Country.objects.exclude(region="antarctica").values_list("code", "name"))
        if len(names) < 2:
            raise GenerationError("The database holds no countries: load them first (manage.py load_curated).")
        self.country_names = names
        suppliers = [(code, share) for code, share in SUPPLIERS if code in names] or [(sorted(names)[0], 1)]
        self.suppliers = Weighted([c for c, _ in suppliers], [s for _, s in suppliers])
        rest = sorted(set(names) - set(TOP_RECIPIENTS))
        rng.shuffle(rest)
        recipients = ([c for c in TOP_RECIPIENTS if c in names] + rest)[:RECIPIENT_COUNT]
        self.recipients = zipf(recipients)
        self.top_supplier, self.top_recipient = self.suppliers.items[0], next(
            c for c in recipients if c != self.suppliers.items[0])
        # The countries whose bodies speak most: suppliers first, then recipients by rank.
        self.speaking_countries = list(dict.fromkeys(self.suppliers.items + recipients))

    def _prelude(self):
        rng = self._rng("prelude")
        self._organisations(rng)
        self._people(rng)
        self._systems(rng)
        self.writer.flush()
        self.progress(f"prelude: {self.writer.count(Organisation)} organisations, {len(self.people)} people, "
                      f"{len(self.systems)} systems")

    def _org(self, name, kind, country, short=""):
        org = Org(self.ids.take(Organisation), name, kind, country, short)
        self.writer.add(Organisation, id=org.id, slug=f"{PREFIX}{slugify(name)[:70]}-{org.id}", name=name[:200],
                        kind=kind, country_id=country)
        return org

    def _organisations(self, rng):
        total = self.sizes.organisations
        shares = {"news_outlet": 0.35, "news_agency": 0.04, "broadcaster": 0.04, "government": 0.33,
                  "military": 0.14, "company": 0.08, "alliance": 0.02}
        counts = {kind: max(1, round(total * share)) for kind, share in shares.items()}
        counts["news_outlet"] += total - sum(counts.values())  # exactly `total`, whatever the rounding
        countries = self.speaking_countries
        self.outlets = [self._org("The " + _nth_name(i, w.OUTLET_WORDS, w.OUTLET_NOUNS), "news_outlet",
                                  self.recipients.pick(rng)) for i in range(counts["news_outlet"])]
        self.agencies = [self._org(_nth_name(i, w.AGENCY_ROOTS, ["News Agency", "Press", "Wire", "Newswire"]),
                                   "news_agency", self.suppliers.pick(rng)) for i in range(counts["news_agency"])]
        self.broadcasters = [self._org(_nth_name(i, w.AGENCY_ROOTS, ["Television", "Radio", "Broadcasting"]),
                                       "broadcaster", self.recipients.pick(rng)) for i in range(counts["broadcaster"])]
        self.bodies = []
        for kind in ("government", "military"):
            templates = [(name, short) for k, name, short in w.BODY_KINDS if k == kind]
            for i in range(counts[kind]):
                template, short = templates[i % len(templates)]
                code = countries[(i // len(templates)) % len(countries)]
                name = template.format(country=self.country_names[code])
                if i >= len(templates) * len(countries):
                    name += f" ({i // (len(templates) * len(countries)) + 1})"
                self.bodies.append(self._org(name, kind, code, short))
        self.companies = [self._org(_nth_name(i, w.SURNAMES, w.COMPANY_KINDS), "company", self.suppliers.pick(rng))
                          for i in range(counts["company"])]
        for i in range(counts["alliance"]):
            self._org(_nth_name(i, w.ALLIANCE_NAMES), "alliance", None)
        self.orgs = self.outlets + self.agencies + self.broadcasters + self.bodies + self.companies
        self.outlet_pick = zipf(self.outlets + self.broadcasters, exponent=0.9, offset=3)
        self.outlet_names = {org.id: org.name for org in self.outlets + self.broadcasters}
        # Bodies speak as often as their country deals: suppliers' and top recipients' most.
        self.body_pick = zipf(self.bodies, exponent=0.8, offset=5)

    def _people(self, rng):
        roles = Weighted([r for _, r in w.ROLES], [n for n, _ in w.ROLES])
        self.people = []
        combos = len(w.GIVEN_NAMES) * len(w.SURNAMES)
        for i in range(self.sizes.people):
            if i == 0:
                # The busiest spokesperson speaks for the main supplier's foreign ministry.
                body = next((b for b in self.bodies if b.country == self.top_supplier and "Foreign" in b.name),
                            self.bodies[0])
                role = "spokesperson of {body}"
            else:
                body, role = self.body_pick.pick(rng), roles.pick(rng)
            # A prime step walks every (given name, surname) pair once before any repeats.
            pair = i * 7919 % combos
            given, surname = w.GIVEN_NAMES[pair % len(w.GIVEN_NAMES)], w.SURNAMES[pair // len(w.GIVEN_NAMES)]
            name = f"{given} {surname}" if i < combos else f"{given} {chr(65 + (i // combos) % 26)}. {surname}"
            description = role.format(body=_the(body.name),
                                      body_short=body.short)
            description = description[0].upper() + description[1:]
            pid = self.ids.take(Person)
            self.writer.add(Person, id=pid, slug=f"{PREFIX}{slugify(name)}-{pid}", name=name, country_id=body.country,
                            description=description[:300])
            self.people.append((pid, name, body, description))
        self.hot_speaker = self.people[0]
        self.speaker_pick = zipf(self.people[1:] or self.people, exponent=0.7, offset=20)

    def _systems(self, rng):
        self.systems = []
        self.systems_by_maker: dict[str, list[System]] = {}
        makers = {}
        for company in self.companies:
            makers.setdefault(company.country, []).append(company)
        for i in range(self.sizes.systems):
            variant_of = None
            previous = self.systems[-1] if self.systems else None
            if i % 4 == 3 and previous and not previous.name.endswith("M"):
                name, category, country, variant_of = previous.name + "M", previous.category, previous.maker_country, previous
            else:
                codename = w.CODENAMES[i % len(w.CODENAMES)]
                name = f"{codename}-{100 + i // len(w.CODENAMES) * 10 + i % 7}"
                category = "air_defence" if rng.random() < 0.7 else "fighter"
                country = self.suppliers.pick(rng)
            sid = self.ids.take(WeaponSystem)
            maker = rng.choice(makers[country]) if country in makers else None
            kind_words = w.SYSTEM_KINDS[category][:-1] if category == "fighter" else "air-defence system"
            self.writer.add(WeaponSystem, id=sid, slug=f"{PREFIX}{slugify(name)}-{sid}", name=name, category=category,
                            maker_country_id=country, maker_id=maker.id if maker else None,
                            variant_of_id=variant_of.id if variant_of else None,
                            description=f"An invented {kind_words} made in {self.country_names[country]}.")
            if i % 3 == 0:
                self.writer.add(WeaponSystemAlias, id=self.ids.take(WeaponSystemAlias), system_id=sid,
                                name=f"{name[:3].upper()}{name[name.index('-'):]}")
            system = System(sid, name, category, country)
            self.systems.append(system)
            self.systems_by_maker.setdefault(country, []).append(system)

    # --- one chunk ----------------------------------------------------------------------

    def _chunk(self, chunk: int):
        rng = self._rng(f"chunk/{chunk}")
        self.texts: dict[int, list[str]] = {}
        # (target, fact id, index of the source in the chunk, [sentence]): the sentence may still change
        # when the source's text is assembled, so it is kept in a one-item list.
        self.citations: list[tuple[str, int, int, list[str]]] = []
        self._sources(rng, chunk)
        deals = self._deals(rng, chunk)
        contracts = self._contracts(rng, chunk, deals)
        self._deliveries(rng, chunk, deals, contracts)
        self._statements(rng, chunk, deals)
        self._events(rng, chunk, deals)
        self._specifications(rng, chunk)
        self._write_sources_and_citations()
        self.writer.flush()

    def _sources(self, rng, chunk):
        count = self._slice(self.sizes.sources, chunk)
        sources = []
        for _ in range(count):
            day = _day_in(rng, YEARS.pick(rng))
            sources.append((_dated(rng, day, SOURCE_PRECISION), self.outlet_pick.pick(rng)))
        sources.sort(key=lambda s: s[0].earliest)
        self.chunk_sources = []
        for dated, outlet in sources:
            sid = self.ids.take(Source)
            country = self.country_names[self.recipients.pick(rng)]
            headline = rng.choice(w.HEADLINES).format(country=country)
            lead = rng.choice(w.LEADS).format(city=rng.choice(w.CITIES), date=dated.values["date_words"],
                                              outlet=outlet.name, headline=headline)
            self.chunk_sources.append({
                "id": sid, "slug": f"{PREFIX}source-{sid}", "title": headline, "title_supplied": True,
                "outlet_id": outlet.id, "language": "en", "notes": SOURCE_NOTE.format(seed=self.seed),
                "lead": lead, "version": 1, "updated_at": self.now, **dated.values,
            })
            if rng.random() < 0.15 and self.agencies:
                self.writer.add(Source.agencies.through, id=self.ids.take(Source.agencies.through), source_id=sid,
                                organisation_id=rng.choice(self.agencies).id)
        self.source_days = [s["date_earliest"] for s in self.chunk_sources]

    def _source_for(self, rng, day: date, *, before=False) -> int:
        """A source of this chunk published on or soon after ``day`` (before it, for what
        is announced ahead)."""
        n = len(self.chunk_sources)
        at = bisect.bisect_left(self.source_days, day)
        low, high = (max(0, at - 6), at) if before else (at, at + 6)
        low, high = min(low, n - 1), min(max(high, low + 1), n)
        if low >= n - 1:
            low = max(0, n - 6)
        return rng.randrange(low, high) if high > low else n - 1

    def _cite(self, rng, target: str, fact: int, sentence: str, day: date, *, copies: int = 1, before=False):
        used = set()
        for _ in range(copies):
            index = self._source_for(rng, day, before=before)
            if index in used:
                continue
            used.add(index)
            self.citations.append((target, fact, index, [sentence]))

    def _citation_count(self, rng, weights):
        return rng.choices((1, 2, 3), weights=weights)[0]

    def _fill(self, template: str, deal: DealInfo, **more) -> str:
        system = deal.system.name if deal.system else "air-defence systems"
        return template.format(
            supplier=self.country_names[deal.supplier], supplier_short=self.country_names[deal.supplier],
            recipient=self.country_names[deal.recipient], subject=deal.subject, system=system, **more)

    def _deals(self, rng, chunk):
        statuses = Weighted([s for s, _ in STATUSES], [n for _, n in STATUSES])
        currencies = Weighted([c for _, c in w.CURRENCIES], [n for n, _ in w.CURRENCIES])
        deals = []
        for i in range(self._slice(self.sizes.deals, chunk)):
            hot = chunk == 0 and i == 0
            supplier = self.top_supplier if hot else self.suppliers.pick(rng)
            recipient = self.top_recipient if hot else self.recipients.pick(rng)
            while recipient == supplier:
                recipient = self.recipients.pick(rng)
            made_there = self.systems_by_maker.get(supplier)
            system = None if rng.random() < 0.04 and not hot else (
                rng.choice(made_there) if made_there else rng.choice(self.systems))
            category = system.category if system else "air_defence"
            unit = UNITS[category].pick(rng)
            quantity = rng.randint(2, 48 if unit == "aircraft" else 20)
            quantity_words = f"{w.number_words(quantity)} {unit}"
            subject = f"{quantity_words} of {system.name}" if system else f"{quantity_words} of {w.SYSTEM_KINDS[category]}"
            status = "delivering" if hot else statuses.pick(rng)
            start = 2016 if hot else min(YEARS.pick(rng), LAST_YEAR - (2 if status in WITH_CONTRACT else 0))
            deal = DealInfo(self.ids.take(Deal), supplier, recipient, system, subject, status, start, quantity, unit,
                            quantity_words)
            summary = self._fill(w.DEAL_SENTENCES[status], deal)
            values = {}
            if rng.random() < 0.25:
                currency = currencies.pick(rng)
                amount = rng.randint(20, 9000) * 1_000_000
                certainty = rng.choice(("reported", "expected"))
                values = {"reported_value_amount": amount, "reported_value_currency": currency,
                          "reported_value_words": w.money_words(amount, currency),
                          "reported_value_certainty": certainty}
            self.writer.add(Deal, id=deal.id, slug=f"{PREFIX}{deal.supplier}-{deal.recipient}-{deal.id}".lower(),
                            supplier_id=supplier, recipient_id=recipient, system_id=system.id if system else None,
                            subject=subject, status=status, disputed=status == "denied" or rng.random() < 0.03,
                            summary=summary, version=1, updated_at=self.now, **values)
            day = _day_in(rng, min(start + rng.randint(0, 3), LAST_YEAR))
            self._cite(rng, "deal", deal.id, summary, day, copies=self._citation_count(rng, (55, 35, 10)))
            if values:
                sentence = w.DEAL_VALUE_SENTENCE.format(subject=subject, certainty=values["reported_value_certainty"],
                                                        value=values["reported_value_words"])
                self._cite(rng, "deal", deal.id, sentence, day)
            deals.append(deal)
        if chunk == 0:
            self.hot_deal = deals[0]
        return deals

    def _contracts(self, rng, chunk, deals):
        count = self._slice(self.sizes.contracts, chunk)
        eligible = [d for d in deals if d.status in WITH_CONTRACT] or deals
        currencies = Weighted([c for _, c in w.CURRENCIES], [n for n, _ in w.CURRENCIES])
        contracts = {}  # deal id → [(contract id, quantity, unit, signed day)]
        for i in range(count):
            deal = eligible[i] if i < len(eligible) else rng.choice(eligible)
            follow_on = deal.id in contracts
            signed = _day_in(rng, min(deal.start + rng.randint(0, 2) + (3 if follow_on else 0), LAST_YEAR))
            dated = _dated(rng, signed, FACT_PRECISION)
            quantity = deal.quantity if not follow_on else rng.randint(1, max(1, deal.quantity // 2))
            quantity_words = f"{w.number_words(quantity)} {deal.unit}"
            system = deal.system.name if deal.system else "air-defence systems"
            values = {}
            if rng.random() < 0.7:
                currency = currencies.pick(rng)
                amount = rng.randint(20, 9000) * 1_000_000
                values = {"value_amount": amount, "value_currency": currency, "value_words": w.money_words(amount, currency)}
            cid = self.ids.take(Contract)
            self.writer.add(Contract, id=cid, deal_id=deal.id,
                            description=f"{'Follow-on contract' if follow_on else 'Contract'} for {quantity_words} of {system}",
                            quantity=quantity, quantity_unit=deal.unit, quantity_words=quantity_words,
                            version=1, updated_at=self.now, **values, **dated.values)
            when = w.on_date(dated.values["date_words"])
            if values:
                sentence = w.CONTRACT_VALUE_SENTENCE.format(quantity=quantity_words, system=system, date=when,
                                                            value=values["value_words"])
            else:
                sentence = self._fill(rng.choice(w.CONTRACT_SENTENCES), deal, quantity=quantity_words, date=when)
            self._cite(rng, "contract", cid, sentence, dated.earliest, copies=self._citation_count(rng, (60, 30, 10)))
            contracts.setdefault(deal.id, []).append((cid, quantity, deal.unit, dated.earliest))
        return contracts

    def _deliveries(self, rng, chunk, deals, contracts):
        count = self._slice(self.sizes.deliveries, chunk)
        eligible = [d for d in deals if d.id in contracts and d.status in ACTUAL_DELIVERIES | PLANNED_DELIVERIES]
        eligible = eligible or deals
        # Deliveries per deal: one each round, until the chunk's share is used up.
        per_deal = {}
        for i in range(count):
            deal = eligible[i % len(eligible)]
            per_deal[deal.id] = per_deal.get(deal.id, 0) + 1
        by_id = {d.id: d for d in eligible}
        for deal_id, n in per_deal.items():
            deal = by_id[deal_id]
            kind = "actual" if deal.status in ACTUAL_DELIVERIES else "planned"
            contract = contracts.get(deal_id, [None])[0]
            if contract:
                cid, quantity, unit, signed = contract
                total = quantity if kind == "planned" or deal.status == "delivered" else quantity * n // (n + 1)
            else:
                cid, quantity, unit, signed = None, None, "", date(deal.start, 1, 1)
                total = 0
            parts = _split(total, n, rng)
            day = signed
            for number, part in enumerate(parts):
                day = _day_in(rng, min(day.year + rng.randint(0, 2), LAST_YEAR), after=day + timedelta(days=30),
                              until=date(LAST_YEAR, 12, 31) if kind == "planned" else LAST_DAY)
                dated = _dated(rng, day, FACT_PRECISION)
                system = deal.system.name if deal.system else "air-defence systems"
                quantity_words = f"{w.number_words(part)} {unit}" if part else "a first consignment"
                did = self.ids.take(Delivery)
                self.writer.add(Delivery, id=did, deal_id=deal.id, contract_id=cid, kind=kind,
                                description=f"{'Delivery' if kind == 'actual' else 'Planned delivery'} of "
                                            f"{quantity_words} of {system}",
                                quantity=part or None, quantity_unit=unit if part else "",
                                quantity_words=quantity_words if part else "", version=1, updated_at=self.now,
                                **dated.values)
                template = rng.choice(w.DELIVERY_SENTENCES[kind])
                sentence = self._fill(template, deal, quantity=quantity_words, date=w.on_date(dated.values["date_words"]),
                                      ordinal=w.ORDINALS[min(number, 3)])
                sentence = sentence[0].upper() + sentence[1:]
                self._cite(rng, "delivery", did, sentence, dated.earliest,
                           copies=self._citation_count(rng, (70, 25, 5)), before=kind == "planned")

    def _statements(self, rng, chunk, deals):
        count = self._slice(self.sizes.statements, chunk)
        prominent = deals[: max(1, len(deals) // 10)]
        stances = Weighted(["asserts", "comments", "denies"], [50, 40, 10])
        for _ in range(count):
            deal = rng.choice(prominent if rng.random() < 0.5 else deals)
            hot_deal = rng.random() < HOT_DEAL_SHARE
            if hot_deal:
                deal = self.hot_deal
            linked = [] if rng.random() < 0.08 and not hot_deal else [deal.id]
            if rng.random() < 0.1 and not hot_deal:
                other = rng.choice(deals)
                if other.id not in linked:
                    linked.append(other.id)
            hot_speaker = rng.random() < HOT_SPEAKER_SHARE
            person = self.hot_speaker if hot_speaker else (self.speaker_pick.pick(rng) if rng.random() < 0.88 else None)
            first = 2016 if hot_deal or hot_speaker else deal.start
            day = _day_in(rng, min(first + rng.randint(0, 8), LAST_YEAR))
            dated = _dated(rng, day, FACT_PRECISION)
            when = w.on_date(dated.values["date_words"])
            quote = rng.random() < 0.6
            text = self._fill(rng.choice(w.QUOTES if quote else w.REPORTED), deal, date=when)
            setting = rng.choice(w.SETTINGS) if rng.random() < 0.5 else ""
            medium = self.outlet_pick.pick(rng) if rng.random() < 0.35 else None
            if person:
                pid, name, body, role = person
                organisation = body.id if rng.random() < 0.7 else None
                speaker = f"{name}, {role[0].lower()}{role[1:]},"
            else:
                pid, role, name = None, "", ""
                body = self.body_pick.pick(rng)
                organisation = body.id
                speaker = _the(body.name)
            said_where = setting or (f"to {medium.name}" if medium else "")
            if quote:
                template = rng.choice(w.STATEMENT_QUOTE_SENTENCES)
                sentence = template.format(text=text, speaker=speaker, setting=said_where, date=when)
                if template.startswith("{"):
                    sentence = sentence[0].upper() + sentence[1:]
            else:
                sentence = w.STATEMENT_REPORTED_SENTENCE.format(speaker=speaker, setting=said_where,
                                                                date=when, text=text)
                sentence = sentence[0].upper() + sentence[1:]
            sentence = " ".join(sentence.split())
            sid = self.ids.take(Statement)
            self.writer.add(Statement, id=sid, speaker_id=pid, organisation_id=organisation, speaker_role=role[:200],
                            medium_id=medium.id if medium else None, setting=setting,
                            text=text, mode="quote" if quote else "reported", stance=stances.pick(rng),
                            version=1, updated_at=self.now, **dated.values)
            for deal_id in linked:
                self.writer.add(Statement.deals.through, id=self.ids.take(Statement.deals.through),
                                statement_id=sid, deal_id=deal_id)
            if rng.random() < 0.4:
                for code in [deal.recipient, *([deal.supplier] if rng.random() < 0.5 else [])]:
                    self.writer.add(Statement.countries.through, id=self.ids.take(Statement.countries.through),
                                    statement_id=sid, country_id=code)
            self._cite(rng, "statement", sid, sentence, dated.earliest, copies=self._citation_count(rng, (62, 28, 10)))

    def _events(self, rng, chunk, deals):
        count = self._slice(self.sizes.events, chunk)
        kinds = list(w.EVENTS)
        for _ in range(count):
            deal = self.hot_deal if rng.random() < HOT_DEAL_EVENT_SHARE else rng.choice(deals)
            kind = rng.choice(kinds)
            third = self.country_names[self.suppliers.pick(rng)]
            day = _day_in(rng, min(deal.start + rng.randint(0, 8), LAST_YEAR))
            dated = _dated(rng, day, FACT_PRECISION)
            title_template, sentence_template = w.EVENTS[kind]
            more = {"third": third, "city": rng.choice(w.CITIES), "date": w.on_date(dated.values["date_words"])}
            title = self._fill(title_template, deal, **more)
            sentence = self._fill(sentence_template, deal, **more)
            eid = self.ids.take(Event)
            self.writer.add(Event, id=eid, kind=kind, title=title[:200], description=sentence if rng.random() < 0.3 else "",
                            version=1, updated_at=self.now, **dated.values)
            if rng.random() < 0.7:
                self.writer.add(Event.deals.through, id=self.ids.take(Event.deals.through), event_id=eid,
                                deal_id=deal.id)
            for code in [deal.recipient, *([deal.supplier] if rng.random() < 0.5 else [])]:
                self.writer.add(Event.countries.through, id=self.ids.take(Event.countries.through), event_id=eid,
                                country_id=code)
            self._cite(rng, "event", eid, sentence, dated.earliest, copies=self._citation_count(rng, (75, 20, 5)))

    def _specifications(self, rng, chunk):
        first = len(self.systems) * chunk // self.chunks
        last = len(self.systems) * (chunk + 1) // self.chunks
        for system in self.systems[first:last]:
            for parameter, unit, unit_words, low, high in w.SPECIFICATIONS[system.category]:
                value = rng.randint(low, high)
                words = f"{value:,} {unit_words}"
                spec = self.ids.take(Specification)
                self.writer.add(Specification, id=spec, system_id=system.id, parameter=parameter, value=value,
                                unit=unit, words=words, version=1, updated_at=self.now)
                sentence = w.SPECIFICATION_SENTENCE.format(system=system.name, parameter=parameter, words=words)
                self._cite(rng, "specification", spec, sentence, _day_in(rng, YEARS.pick(rng)))

    # --- sources' texts and their citations ---------------------------------------------

    def _write_sources_and_citations(self):
        by_source: dict[int, list[list[str]]] = {}
        for _, _, index, box in self.citations:
            by_source.setdefault(index, []).append(box)
        for index, source in enumerate(self.chunk_sources):
            boxes = by_source.get(index, [])
            source["text"] = _assemble(source.pop("lead"), boxes, self.outlet_names[source["outlet_id"]])
            self.writer.add(Source, **source)
        for target, fact, index, box in self.citations:
            self.writer.add(Citation, id=self.ids.take(Citation), source_id=self.chunk_sources[index]["id"],
                            excerpt=box[0], **{f"{target}_id": fact}, version=1, updated_at=self.now)


def _the(name: str) -> str:
    """A body's name as it runs in a sentence: "the Ministry of Defence of Egypt"."""
    return f"the {name}" if name.startswith(("Ministry", "Air", "Presidential", "Defence")) else name


def _split(total: int, parts: int, rng) -> list[int]:
    """``total`` as ``parts`` numbers that add up to it, zeros where there is not enough."""
    if total < parts:
        return [1] * total + [0] * (parts - total)
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _assemble(lead: str, boxes: list[list[str]], outlet: str) -> str:
    """The source's text: its lead, then the sentences citing it, three to a paragraph.
    A sentence that would not occur exactly once (a repeat, or one inside another) gets a
    closing remark added until it does; ``boxes`` hold the final sentences, the excerpts."""
    seen = set()
    for box in boxes:
        sentence, variant = box[0], 0
        while sentence in seen:
            variant += 1
            sentence = _varied(box[0], variant, outlet)
        box[0] = sentence
        seen.add(sentence)
    for attempt in range(1, 20):
        text = lead + "\n\n" + "\n\n".join(
            " ".join(box[0] for box in boxes[i:i + 3]) for i in range(0, len(boxes), 3))
        clashes = [box for box in boxes if text.count(box[0]) != 1]
        if not clashes:
            return text
        for box in clashes:
            box[0] = _varied(box[0], attempt + len(w.VARIANTS), outlet)
    raise RuntimeError("Could not make every excerpt of a generated source unique.")


def _varied(sentence: str, variant: int, outlet: str) -> str:
    remark = w.VARIANTS[variant % len(w.VARIANTS)] or " Officials confirmed it."
    if variant >= len(w.VARIANTS):
        remark = f" It was report number {variant} of the day."
    return sentence + remark.format(outlet=outlet or "The outlet", city="the capital")
