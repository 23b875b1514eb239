"""A bounded, repeatable fuzz of the public pages' query strings.

Thousands of generated query strings (a seeded generator, so a failure names the request
and reruns the same) over every page family: valid vocabulary mixed with wrong types, huge
numbers, NUL bytes, unicode, repeated and unknown parameters, very long strings and raw
percent-escapes; page numbers for `page` and for each detail page's own lists (`*_page`:
an organisation's `published_page`, a deal's `events_page`…). No request may answer 5xx, and
markup sent in a parameter must never come back unescaped. Runs through Django's test client against the curated data.
"""
import random
from urllib.parse import urlencode

import pytest
from django.test import Client

from countries.models import Country
from deals.models import (
    Deal,
    DealStatus,
    Event,
    Organisation,
    Person,
    Source,
    Stance,
    Statement,
    StatementMode,
    SystemCategory,
    TimelineKind,
    WeaponSystem,
)

pytestmark = pytest.mark.django_db

SEED = 400
REQUESTS = 2_000
MARKUP = ["<script>x</script>", '"><img src=x onerror=alert(1)>', "<b>bold</b>", "'><svg/onload=alert(2)>"]
# Past int()'s 4,300-digit limit too: such a page number is the usual 400, not a 500.
MAX_PAGE_DIGITS = 6_000
# The organisation page's lists, each with its own page parameter.
ORGANISATION_PAGES = ["statements_page", "carried_page", "published_page", "relayed_page"]


def _families() -> dict[str, tuple[list[str], dict[str, list[str]]]]:
    """Each page family: its addresses, and the parameters it reads with values it knows."""
    codes = list(Country.objects.values_list("code", flat=True)[:8]) + ["TR", "RU", "IN"]
    systems = list(WeaponSystem.objects.values_list("slug", flat=True)[:5])
    deals = list(Deal.objects.values_list("slug", flat=True)[:5])
    people = list(Person.objects.values_list("slug", flat=True)[:5])
    sources = list(Source.objects.values_list("slug", flat=True)[:3])
    years = ["2007", "2017", "2021", "1900", "2100"]
    span = {"year_from": years, "year_to": years}
    as_of = {"as_of": ["2018-12-31", "2019-06-20", "1900-01-01", "2100-12-31", "2018-12-32", "31/12/2018"]}
    scope = {"scope": ["s-400", "all", "S-400", "s-300"]}
    deal = {**scope, "supplier": codes, "recipient": codes, "system": systems, "status": list(DealStatus.values),
            "disputed": ["true", "false", "yes"], "q": ["S-400", "Turkey", "Ankara"],
            "sort": ["status", "-value", "quantity", "-first_date", "last_date"], **span, **as_of}
    statement = {"speaker": people, "country": codes, "deal": deals, "mode": list(StatementMode.values),
                 "stance": list(Stance.values), "q": ["sanctions"], **span}
    timeline = {"country": codes, "system": systems, "deal": deals, "kind": list(TimelineKind.values), **span}
    country = {"region": ["europe", "asia", "middle-east"], "q": ["Turk", "India"], **scope}
    person = {"country": codes, "q": ["Erdo"]}
    system = {"category": list(SystemCategory.values), "maker_country": codes, "q": ["Triumf"]}
    source = {"q": ["Reuters"], **span}
    detail = {"tab": ["all"], "focus": ["1"]}
    # Each detail page's own page parameters (`lists.pages.bounded_page`), numbers as `page` gets.
    numbered = ["1", "2"]
    deal_detail = {**detail, "statements_page": numbered, "events_page": numbered}
    organisation = {**detail, **{name: numbered for name in ORGANISATION_PAGES}}
    country_detail = {
        **detail, **scope, **as_of, **{f"{name}_page": numbered for name in ("recipient", "supplier", "statements", "timeline")},
    }
    # Organisations with sources published and relayed, so their lists have pages to ask for.
    organisations = [
        *Organisation.objects.values_list("slug", flat=True)[:3],
        *Organisation.objects.filter(published_sources__isnull=False).values_list("slug", flat=True).distinct()[:2],
        *Organisation.objects.filter(relayed_in_sources__isnull=False).values_list("slug", flat=True).distinct()[:2],
    ]
    exports = {**deal, **statement, **timeline, **country, **system}
    return {
        "home": (["/"], {**scope, **as_of}),
        "deal list": (["/deals/"], deal),
        "deal detail": ([f"/deals/{slug}/" for slug in deals] + ["/deals/no-such-deal/"], deal_detail),
        "statements": (["/statements/"], statement),
        "a statement": ([f"/statements/{pk}/" for pk in Statement.objects.values_list("pk", flat=True)[:3]], detail),
        "timeline": (["/timeline/"], timeline),
        "an event": ([f"/events/{pk}/" for pk in Event.objects.values_list("pk", flat=True)[:2]], detail),
        "countries": (["/countries/"], country),
        "the map": (["/map/"], {**scope, **as_of, "country": [*codes, "ZZ", "tr", "T"]}),
        "a country": ([f"/countries/{code}/" for code in codes[:4]] + ["/countries/ZZ/", "/countries/%3Cb%3E/"],
                      country_detail),
        "people": (["/people/"], person),
        "a person": ([f"/people/{slug}/" for slug in people[:3]], detail),
        "an organisation": ([f"/organisations/{slug}/" for slug in organisations], organisation),
        "systems": (["/systems/"], system),
        "a system": ([f"/systems/{slug}/" for slug in systems[:3]], detail),
        "sources": (["/sources/"], source),
        "a source": ([f"/sources/{slug}/" for slug in sources], {**detail, "facts_page": numbered}),
        "search": (["/search/"], {"q": ["S-400", "Erdoğan", "turkiye", "\"S 400\"", "a*"], "kind": ["deal", "statement", "person", "x"]}),
        "feeds": (["/timeline/feed/", "/countries/TR/feed/", "/countries/ZZ/feed/"], timeline),
        "changes": (["/changes/", "/changes/feed/"], {"before": ["1", "40"], "after": ["1", "3"]}),
        "exports": ([f"/export/{name}.{fmt}" for name in ("deals", "statements", "timeline", "countries", "systems")
                     for fmt in ("csv", "json")], exports),
    }


def _odd_value(rng: random.Random) -> str:
    """A value no page expects."""
    choice = rng.randrange(12)
    if choice == 0:
        return rng.choice(["abc", "1.5", "-1", "0", "1e9", "[]", "{}", "null", "true", " ", ""])
    if choice == 1:
        return "9" * rng.choice([19, 20, 40, 400, 4_301, MAX_PAGE_DIGITS])
    if choice == 2:
        return rng.choice(["\x00", "a\x00b", "TR\x00", "%00"])
    if choice == 3:
        return rng.choice(["İstanbul", "Türkiye", "Эрдоган", "١٢٣", "٣", "²", "😀", "\u202eRT", "ǅ", "e\u0301", "\ufeff"])
    if choice == 4:
        return rng.choice("abcxyz<>\"'&;") * rng.choice([300, 5_000, 60_000])
    if choice == 5:
        return rng.choice(MARKUP)
    if choice == 6:
        return rng.choice(["-9223372036854775809", "9223372036854775808", "-" + "9" * 30, "+1", "0x10", "1_000"])
    if choice == 7:
        return rng.choice(["2021-02-30", "../../etc/passwd", "' OR 1=1 --", "%s", "{0}", "{{ 7*7 }}"])
    return "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(1, 12)))


def _query(rng: random.Random, params: dict[str, list[str]]) -> tuple[str, list[str]]:
    """A query string, and the markup values it carries."""
    names = [*params, "page", "format", "per_page", "q", rng.choice(["x", "<script>", "page[]", "\x00"])]
    pairs = []
    for _ in range(rng.randrange(0, 6)):
        name = rng.choice(names)
        if name == "page" or name.endswith("_page"):
            value = rng.choice(["1", "2", "last", "-1", "0", "9" * rng.randrange(1, MAX_PAGE_DIGITS + 1), _odd_value(rng)])
            if value.isdigit():
                value = value[:MAX_PAGE_DIGITS]
        elif params.get(name) and rng.random() < 0.5:
            value = rng.choice(params[name])
        else:
            value = _odd_value(rng)
        pairs.append((name, value))
        if rng.random() < 0.15:  # the same parameter again
            pairs.append((name, rng.choice(params.get(name) or [value])))
    markup = [value for _, value in pairs if "<" in value]
    query = urlencode(pairs)
    if rng.random() < 0.05:
        # Escapes a browser would not send: bad percent-codes, bytes that are not UTF-8.
        query += "&" + rng.choice(["%", "%zz", "%ff%fe=1", "q=%c3%28", "&&==", "status=%E2%82"])
    return query, markup


def test_no_generated_query_string_gives_a_server_error_or_reflects_markup():
    rng = random.Random(SEED)
    families = _families()
    client = Client(raise_request_exception=False)
    failures, tried = [], 0
    # Which detail pages' own page parameters were tried (each must be, at least once).
    page_parameters = {(family, name) for family, (_, params) in families.items() for name in params if name.endswith("_page")}
    pages_tried = set()
    for _ in range(REQUESTS):
        family = rng.choice(list(families))
        paths, params = families[family]
        path = rng.choice(paths)
        query, markup = _query(rng, params)
        url = f"{path}?{query}" if query else path
        pages_tried |= {(family, pair.split("=")[0]) for pair in query.split("&")} & page_parameters
        response = client.get(url)
        tried += 1
        shown = url if len(url) < 300 else url[:300] + "…"
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {family}: {shown}")
            continue
        # A browser renders HTML and XML; JSON and CSV bodies (exports' 400s name the refused
        # value) are data, served with X-Content-Type-Options: nosniff.
        if not any(kind in response.get("Content-Type", "") for kind in ("html", "xml")):
            continue
        body = response.content.decode("utf-8", "replace")
        for value in markup:
            for fragment in {value, value.replace(" ", "+")} | {m for m in MARKUP if m in value}:
                if fragment in body:
                    failures.append(f"unescaped {fragment!r} in {family} ({response.status_code}): {shown}")
    assert tried == REQUESTS
    assert {("an organisation", name) for name in ORGANISATION_PAGES} <= page_parameters
    assert pages_tried == page_parameters, f"never tried: {sorted(page_parameters - pages_tried)}"
    assert not failures, f"{len(failures)} of {tried} requests failed:\n" + "\n".join(failures[:20])

