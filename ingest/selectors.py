"""Reads for the ingestion assistant: the names it recognises, and the existing records a
draft links to (people by name, bodies by name, systems by alias, deals by supplier,
recipient and system), so that accepting a draft never duplicates what the base holds."""
import difflib
import re
import unicodedata

from countries.models import AliasKind, Country, CountryAlias
from deals.models import (
    Deal,
    DealStatus,
    Organisation,
    OrganisationKind,
    Person,
    Source,
    WeaponSystem,
    WeaponSystemAlias,
)

from .extract import Lexicon, OrganisationName, SystemName
from .extract.deals import another_deal
from .models import Article

HONORIFICS = {"sheikh", "sheik", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "adm", "sir", "prof"}


_FUNCTION_WORDS = {"of", "for", "the", "and", "on", "in", "to", "de", "du", "des"}
# A company's legal form after its name: "Rostec State Corporation" is written "Rostec".
_LEGAL_FORM = re.compile(r"\s+(?:State Corporation|Corporation|Corp\.?|Company|Co\.|Group|Holding|JSC|PJSC|Ltd\.?|Inc\.?|plc)$")


def organisation_forms(name: str) -> list[str]:
    """The ways a body's name is written: "Pentagon (US Department of Defense)" is also
    "Pentagon" and "US Department of Defense"; a name of four or more significant words is
    also its initials ("Federal Service for Military-Technical Cooperation" is "FSMTC",
    whether or not the base wrote the acronym); a company is also its name without its legal
    form ("Rostec State Corporation" is "Rostec"). The body stays the base's, never a new one."""
    forms = [name]
    if match := re.fullmatch(r"(.+?)\s*\((.+)\)", name):
        forms += [match[1], match[2]]
    for form in list(forms):
        words = [w for w in re.split(r"[\s-]+", form) if w and w.lower() not in _FUNCTION_WORDS]
        # not "Ministry of Foreign Affairs of Turkey": a country's body is not known by such initials
        if len(words) >= 4 and all(w[:1].isupper() for w in words) and not re.search(r"\bof [A-Z][a-z]+$", form):
            forms.append("".join(w[0] for w in words))
        if (short := _LEGAL_FORM.sub("", form)) != form and len(short) >= 3:
            forms.append(short)
    return list(dict.fromkeys(forms))


def extraction_lexicon() -> Lexicon:
    countries = {country.name: (country.code, country.name) for country in Country.objects.all()}
    for alias in CountryAlias.objects.select_related("country"):
        countries.setdefault(alias.name, (alias.country_id, alias.country.name))
    systems = [
        SystemName(system.name, system.slug, system.name, system.maker_country_id)
        for system in WeaponSystem.objects.all()
    ]
    systems += [
        SystemName(alias.name, alias.system.slug, alias.system.name, alias.system.maker_country_id)
        for alias in WeaponSystemAlias.objects.select_related("system")
    ]
    organisations = [
        OrganisationName(form, org.slug, org.name, org.kind, org.country_id or "")
        for org in Organisation.objects.all()
        for form in organisation_forms(org.name)
    ]
    people = list(Person.objects.values_list("name", flat=True))
    capitals = set(CountryAlias.objects.filter(kind=AliasKind.CAPITAL).values_list("name", flat=True))
    return Lexicon(countries=countries, systems=systems, organisations=organisations, people=people, capitals=capitals)


def _name_tokens(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [token for token in re.findall(r"[a-z]+", plain) if token not in HONORIFICS]


def person_matching(name: str) -> Person | None:
    """The person of that name: exactly (ignoring case, accents and honorifics), else the
    only person whose name contains every word of it and ends with the same surname."""
    tokens = _name_tokens(name)
    if not tokens:
        return None
    people = list(Person.objects.all())
    exact = [p for p in people if _name_tokens(p.name) == tokens]
    if exact:
        return exact[0]
    partial = [
        p for p in people
        if _name_tokens(p.name) and _name_tokens(p.name)[-1] == tokens[-1] and set(tokens) <= set(_name_tokens(p.name))
    ]
    return partial[0] if len(partial) == 1 else None


def organisation_matching(name: str) -> Organisation | None:
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    for org in Organisation.objects.all():
        if wanted in {form.casefold() for form in organisation_forms(org.name)} or wanted == org.slug:
            return org
    return None


def organisations_like(name: str) -> list[str]:
    """Names of bodies in the base written almost like ``name`` ("Reuter", "Interfacs"), a
    name or alias at most a letter or two away: a likely slip, to ask about before creating."""
    wanted = " ".join(name.split()).casefold()
    if len(wanted) < 3:
        return []  # "AP" is not a slip for "AFP": two letters are too few to tell
    names = {}
    for org in Organisation.objects.all():
        for form in organisation_forms(org.name):
            names.setdefault(form.casefold(), org.name)
    return list(dict.fromkeys(names[form] for form in difflib.get_close_matches(wanted, names, n=3, cutoff=0.8)))


def government_of(code: str) -> Organisation | None:
    """The body that speaks for a country as a whole ("The US announced" is the United States
    government, a Saudi official speaks for the Saudi authorities), not one of its ministries."""
    governments = Organisation.objects.filter(country_id=code, kind=OrganisationKind.GOVERNMENT).order_by("pk")
    return next((g for g in governments if re.search(r"\b(?:government|authorities|administration)\b", g.name, re.IGNORECASE)), None)


def government_name(code: str) -> str:
    """The name of the body a country's speakers speak for: the base's government body, or
    "Government of X", which accepting a statement creates ("A Vietnamese official said")."""
    if government := government_of(code):
        return government.name
    country = Country.objects.filter(code=code).first()
    if country is None:
        return ""
    # "the United Kingdom", "the Philippines", "the Czech Republic"
    the = re.match(r"United |Republic |Kingdom |Federated |Holy |State of ", country.name) or re.search(
        r"\b(?:Republic|Islands|Emirates|Netherlands|Philippines|Bahamas|Maldives|Comoros|Seychelles|Gambia)\b", country.name)
    return f"Government of {'the ' if the else ''}{country.name}"


def speaker_matching(value: dict) -> tuple[Person | None, Organisation | None]:
    """The person and body a statement draft's speaker links to (either may be None)."""
    kind, name = value.get("speaker_kind"), value.get("speaker", "")
    organisation = organisation_matching(value.get("organisation", "")) if value.get("organisation") else None
    if kind == "person":
        return person_matching(name), organisation
    if kind == "organisation":
        return None, organisation or organisation_matching(name)
    if kind == "country":
        return None, government_of(value.get("speaker_country", ""))
    return None, organisation


def system_matching(name: str) -> WeaponSystem | None:
    """A system by slug, name or alias, ignoring case."""
    if not name:
        return None
    return (
        WeaponSystem.objects.filter(slug=name).first()
        or WeaponSystem.objects.filter(name__iexact=name).first()
        or WeaponSystem.objects.filter(aliases__name__iexact=name).first()
    )


def deals_matching(*, supplier: str, recipient: str, system: WeaponSystem | None) -> list[Deal]:
    """Every deal of the base for that supplier, recipient and system (a country may buy a
    system twice: RU → TR S-400 and its second batch)."""
    return list(Deal.objects.filter(supplier_id=supplier, recipient_id=recipient, system=system).order_by("pk"))


_STEP_RANK = {"same": 0, "none": 1, "history": 2, "forward": 3, "conflict": 4}


def deal_best_matching(
    *, supplier: str, recipient: str, system: WeaponSystem | None, status: str, text: str
) -> Deal | None:
    """The existing deal a deal draft most likely concerns, or None for a new one: of the
    deals for that supplier, recipient and system, the one whose status the draft's fits best
    (the same, then no news, then an earlier stage, then a later one); when the text speaks of
    another batch or new contracts, never a deal that is over — none at all if every one is."""
    deals = deals_matching(supplier=supplier, recipient=recipient, system=system)
    if another_deal(text):
        deals = [deal for deal in deals if DealStatus(deal.status).is_active]
    ranked = sorted(deals, key=lambda deal: (_STEP_RANK[DealStatus(status).step_from(deal.status)], deal.pk))
    return ranked[0] if ranked else None


def status_after_link(deal: Deal, drafted: str) -> str:
    """The status an accept proposes for an existing deal: the draft's when it moves the
    deal on, else the deal's own (an old mention never winds a deal back)."""
    return drafted if DealStatus(drafted).step_from(deal.status) == "forward" else deal.status


def normalised_text(text: str) -> str:
    """What two copies of one article share: the same words, whatever the white space,
    case, typographic quotes or Unicode form."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[“”«»„\"]", '"', text)
    text = re.sub(r"[‘’`]", "'", text)
    return " ".join(text.split())


def duplicate_of(*, fingerprint: str, text: str, outlet: Organisation | None, title: str) -> str | None:
    """A sentence naming the article or source already in the base, or None."""
    if article := Article.objects.filter(fingerprint=fingerprint).first():
        return f"This article is already ingested: “{article.title}” (added {article.created_at:%Y-%m-%d})."
    normal = normalised_text(text)
    for source in Source.objects.only("slug", "title", "text", "title_supplied"):
        if normalised_text(source.text) == normal:
            return f"This article is already in the knowledge base as the source {source.slug} (“{source}”)."
    if outlet is not None and title:
        wanted = normalised_text(title)
        for article in Article.objects.filter(outlet=outlet).only("title"):
            if normalised_text(article.title) == wanted:
                return f"{outlet} already has an ingested article titled “{article.title}”."
        for source in Source.objects.filter(outlet=outlet).only("slug", "title"):
            if normalised_text(source.title) == wanted:
                return f"{outlet} already has the source {source.slug} titled “{source.title}”."
    return None
