"""Ingestion: checking and storing an article, running the extractors on it, and its
drafts — rejecting one, and the values the review form starts from. Nothing here writes
to the knowledge base: accepting a draft (``ingest.accepting``) maps it to a call of the
write services in ``deals.services``."""
import hashlib
import logging
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from deals import approximate_dates
from deals import services as deal_services
from deals.models import Contract, Deal, Delivery, Organisation, OrganisationKind, QuantityUnit, Statement
from deals.services import resolve_date

from .documents import UnreadableArticle, check_text
from .extract import Kind, extract_all
from .extract.base import Span
from .extract.money import certainty
from .models import Article, Draft, DraftStatus
from .selectors import (
    deal_best_matching,
    duplicate_of,
    extraction_lexicon,
    government_name,
    normalised_text,
    organisation_matching,
    status_after_link,
    system_matching,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckedArticle:
    text: str
    title: str
    published: approximate_dates.ApproximateDate
    fingerprint: str


def article_check(
    *, text: str, outlet: Organisation | None, published_words: str, title: str = "", outlet_name: str = "", url: str = ""
) -> CheckedArticle:
    """Everything that would stop an article being ingested, as a ValidationError per field.

    ``outlet_name`` is an outlet typed by name: a known one is linked, an unknown one is
    created by ``article_ingest``, so only its name is checked here."""
    errors = {}
    try:
        text = check_text(text)
    except UnreadableArticle as error:
        raise ValidationError({"text": str(error)}) from None
    outlet_name = " ".join(outlet_name.split())
    if outlet is None and outlet_name:
        outlet = organisation_matching(outlet_name)
        if outlet is None and len(outlet_name) > OUTLET_NAME_MAX:
            errors["outlet"] = f"An outlet's name has at most {OUTLET_NAME_MAX} characters."
    elif outlet is None:
        errors["outlet"] = "Say which outlet published the article: choose it, or type a new outlet's name."
    if url and (problem := url_problem(url)):
        errors["url"] = problem
    try:
        # The knowledge base's one date resolver; a publication date has nothing to be relative to.
        published = resolve_date(words=published_words)
        problem = "" if published else approximate_dates.NO_DATE
        if published and published.earliest > timezone.localdate():
            # A date ahead would make "last year" and "in December" of the text resolve to the future.
            problem = f"An article cannot appear after today ({timezone.localdate():%-d %B %Y})."
    except ValidationError as error:
        published, problem = None, " ".join(error.messages)
    if problem:
        errors["published"] = f"{problem} Type the publication date as words, e.g. “June 9, 2021” or “June 2021”."
    title = " ".join((title or _first_line(text)).split())[:300]
    fingerprint = hashlib.sha256(normalised_text(text).encode()).hexdigest()
    if duplicate := duplicate_of(fingerprint=fingerprint, text=text, outlet=outlet, title=title):
        errors["__all__"] = f"{duplicate} Nothing was ingested."
    if errors:
        raise ValidationError(errors)
    return CheckedArticle(text, title, published, fingerprint)


OUTLET_NAME_MAX = Organisation._meta.get_field("name").max_length


def url_problem(url: str) -> str:
    """Why an article's address cannot be stored (only web addresses are), or ""."""
    try:
        # The model field's own check, narrowed to the web: no ftp://, javascript: or bare names.
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return f"“{url[:80]}” is not a web address: give the article's http:// or https:// address."
    if len(url) > Article._meta.get_field("url").max_length:
        return f"The address is too long (at most {Article._meta.get_field('url').max_length} characters)."
    return ""


def outlet_find_or_create(*, name: str, user=None) -> tuple[Organisation, bool]:
    """The outlet of that name or alias in the base, or a new news outlet of that name;
    True when it was created."""
    name = " ".join(name.split())
    if (existing := organisation_matching(name)) is not None:
        return existing, False
    try:
        created = deal_services.organisation_create(
            name=name, kind=OrganisationKind.NEWS_OUTLET, user=user if user is not None and user.is_authenticated else None,
            via="ingest",
        )
    except ValidationError as error:
        raise ValidationError({"outlet": error.messages}) from None
    return created, True


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def article_ingest(
    *, text: str, outlet: Organisation | None, published_words: str, title: str = "", filename: str = "", user=None,
    outlet_name: str = "", url: str = "",
) -> Article:
    """Store the article and the assistant's drafts for it; nothing else is written, except a
    new outlet typed by name (``outlet_name``), created as a news outlet in the same
    transaction: an article that is refused leaves no outlet behind."""
    with transaction.atomic():
        checked = article_check(text=text, outlet=outlet, published_words=published_words, title=title,
                                outlet_name=outlet_name, url=url)
        if outlet is None:
            outlet, _ = outlet_find_or_create(name=outlet_name, user=user)
        published = checked.published
        article = Article(
            title=checked.title,
            outlet=outlet,
            text=checked.text,
            fingerprint=checked.fingerprint,
            filename=filename,
            url=url,
            created_by=user if user is not None and user.is_authenticated else None,
            date_words=published.words,
            date_edtf=published.edtf,
            date_basis=published.basis.value,
        )
        article.full_clean()
        article.save()
        try:
            findings = extract_all(article.text, published=article.approximate_date, lexicon=extraction_lexicon())
        except Exception:  # a fault in the assistant must not cost the editor the form, nor store half an article
            logger.exception("The ingestion assistant failed on an article (%s words)", len(article.text.split()))
            raise ValidationError(
                "The assistant failed while reading this article; the fault is logged for the developers. "
                "Nothing was stored: add its facts by hand, or try again once it is fixed."
            ) from None
        Draft.objects.bulk_create(
            Draft(
                article=article,
                kind=finding.kind,
                start=finding.start,
                end=finding.end,
                words_start=finding.words_start,
                words_end=finding.words_end,
                value=finding.value,
            )
            for finding in findings
        )
    return article


def draft_reject(*, draft: Draft, user) -> Draft:
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        check_pending(draft)
        draft.status, draft.decided_by, draft.decided_at = DraftStatus.REJECTED, user, timezone.now()
        draft.save(update_fields=["status", "decided_by", "decided_at"])
    return draft


def draft_unreject(*, draft: Draft) -> Draft:
    """Undo a rejection: the draft waits for review again (a rejection wrote nothing, so
    nothing else changes)."""
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        if draft.status != DraftStatus.REJECTED:
            raise ValidationError(f"Only a rejected draft can be undone; this one is {draft.get_status_display().lower()}.")
        draft.status, draft.decided_by, draft.decided_at = DraftStatus.PENDING, None, None
        draft.save(update_fields=["status", "decided_by", "decided_at"])
    return draft


# A wire dateline before the first sentence: "MOSCOW, Nov 6 (Agency) -", "NEW DELHI (Reuters) —",
# "ANKARA, Turkey, Jan. 5 --": a place in capitals, then optional date and agency, then a dash.
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’-]+[A-Z](?:\s+[A-Z][A-Z.'’-]*[A-Z])*"
    r"(?:\s*,\s*[A-Za-z0-9.]+(?:[\s,]+[A-Za-z0-9.]+){0,3}?)?"
    r"\s*(?:\([^()\n]{1,60}\))?\s*(?:-{1,2}|[–—:])\s+"
)


def without_dateline(sentence: str) -> str:
    """The sentence without a wire dateline at its start; a summary begins with the news."""
    stripped = DATELINE.sub("", sentence, count=1)
    return stripped[:1].upper() + stripped[1:] if stripped != sentence else sentence


def check_pending(draft: Draft):
    if draft.status != DraftStatus.PENDING:
        raise ValidationError(f"This draft was already {draft.get_status_display().lower()}; nothing was changed.")


def draft_initial(draft: Draft) -> dict:
    """The review form's starting values for a draft: what the assistant read."""
    v, evidence = draft.value, draft.evidence
    initial = {"excerpt": evidence}
    date_words = (draft_date(draft) or {}).get("words", "")
    if draft.kind == Kind.STATEMENT:
        person_kind = v.get("speaker_kind") == "person"
        organisation = v.get("organisation", "")
        if v.get("speaker_kind") == "country":
            organisation = government_name(v.get("speaker_country", ""))
        initial |= {
            "speaker": v.get("speaker", "") if person_kind else "",
            "organisation": organisation,
            "role": v.get("role", ""),
            "medium": v.get("medium", ""),
            "setting": v.get("setting", ""),
            "text": v.get("text", ""),
            "mode": v.get("mode", "reported"),
            "stance": v.get("stance", "comments"),
            "date_words": date_words,
            "countries": ", ".join(v.get("countries", [])),
            "deal": suggested_deal(draft),
        }
    elif draft.kind == Kind.DEAL:
        system = system_matching(v.get("system", ""))
        drafted = v.get("status", "reported")
        existing = deal_best_matching(
            supplier=v.get("supplier", ""), recipient=v.get("recipient", ""), system=system, status=drafted, text=evidence
        )
        initial |= {
            "link": str(existing.pk) if existing else NEW_DEAL,
            "loaded_version": loaded_version(existing),
            "supplier": v.get("supplier", ""),
            "recipient": v.get("recipient", ""),
            # A system the base does not know keeps its name: the accept names what to create first.
            "system": system.slug if system else v.get("system_name", "") if not v.get("system") else "",
            "status": status_after_link(existing, drafted) if existing else drafted,
            "subject": f"{system.name} systems" if system else (f"{v['system_name']} systems" if v.get("system_name") else ""),
            "summary": without_dateline(evidence),
        }
    elif draft.kind == Kind.MONEY:
        initial |= {
            "deal": suggested_deal(draft),
            "amount": Decimal(v["amount"]),
            "currency": v["currency"],
            "value_words": v.get("words", ""),
            "certainty": money_certainty(draft),
            "description": without_dateline(evidence)[:300],
            "date_words": date_words,
        }
    elif draft.kind == Kind.DELIVERY:
        deal = v.get("deal") or {}
        initial |= {
            "deal": _delivery_deal(draft, deal),
            "delivery_kind": "planned" if v.get("planned") else "actual",
            "quantity": v.get("quantity"),
            "unit": _base_unit(v.get("unit") or ""),
            "quantity_words": v.get("quantity_words", ""),
            "description": without_dateline(evidence)[:300],
            "date_words": date_words,
        }
    elif draft.kind == Kind.ORGANISATION:
        initial |= {"name": v.get("name", ""), "organisation_kind": v.get("kind", ""), "country": v.get("country", "")}
    elif draft.kind == Kind.SYSTEM and not v.get("slug"):
        initial |= {"name": v.get("name", ""), "category": "air_defence",
                    "maker_country": v.get("maker_country") or v.get("maker_named") or v.get("maker_family", "")}
    elif draft.kind == Kind.QUANTITY:
        carrying = delivery_carrying(draft)
        initial |= {
            "deal": suggested_deal(draft),
            # "has received three of its five squadrons": three is the hand-over's count, not a contract's
            "target": ("planned" if carrying.value.get("planned") else "actual") if carrying else "contract",
            "quantity": v["quantity"],
            "unit": _base_unit(v["unit"]),
            "quantity_words": v.get("words", ""),
            "description": without_dateline(evidence)[:300],
            "date_words": date_words,
        }
    elif draft.kind == Kind.DATE:
        initial |= {
            "event_kind": "report",
            "title": event_title(draft),
            "description": "",
            "date_words": date_words,
            "countries": ", ".join(_countries_in(draft)),
            "deal": suggested_deal(draft),
        }
    return initial


# Where a sentence's clauses part: a semicolon, a colon, a dash set off by spaces, or a comma
# and a conjunction that starts another clause ("…in October, and took delivery in 2019"); the
# conjunction goes with the break, so the next clause's title starts with its news.
_CLAUSE_BREAK = re.compile(r";\s*|:\s+|\s[–—-]{1,2}\s+|,\s+(?:but|while|whereas|although|though|and|after|before|when)\s+")
# A closing attribution: ", the newspaper Kommersant reported.", ", KBP said on Monday."
_ATTRIBUTION = re.compile(
    r",\s+[^,;]{1,80}?\b(?:said|says|reported|reports|told|added|adds|wrote|writes|announced|stated|confirmed)\b[^,;]*$")
TITLE_LENGTH = 120


def event_title(draft: Draft) -> str:
    """A date's event title: the clause of its sentence that holds the date, without the
    dateline or a closing attribution, cut at a word to at most TITLE_LENGTH characters."""
    evidence, at = draft.evidence, draft.words_start - draft.start
    dateline = DATELINE.match(evidence)
    begin = dateline.end() if dateline else 0
    at = max(at, begin)  # a date in the dateline ("MOSCOW, Nov 6 -") dates the news after it
    clause_start, clause_end = begin, len(evidence)
    for brk in _CLAUSE_BREAK.finditer(evidence, begin):
        if brk.start() < at:
            clause_start = brk.end()
        else:
            clause_end = brk.start()
            break
    clause = evidence[clause_start:clause_end]
    if (said := _ATTRIBUTION.search(clause)) and said.start() > at - clause_start:
        clause = clause[: said.start()]
    clause = clause.strip().rstrip(".,;:").strip()
    return _cut_at_word(clause[:1].upper() + clause[1:], TITLE_LENGTH)


def _cut_at_word(text: str, length: int) -> str:
    """The text, or its words that fit in length characters with "…" after them."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if not text[length - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


def date_recorded(draft: Draft):
    """The record that an accepted draft of a date draft's sentence made and that carries the
    same date (a delivery, a contract, a statement), with that draft; or None."""
    models = {"delivery": Delivery, "contract": Contract, "statement": Statement}
    edtf = draft.value.get("edtf")
    others = Draft.objects.filter(article_id=draft.article_id, status=DraftStatus.ACCEPTED, start__lt=draft.end,
                                  end__gt=draft.start).exclude(kind=Kind.DATE).order_by("words_start")
    for other in others if edtf else ():
        accepted = other.value.get("accepted") or {}
        model = models.get(accepted.get("model"))
        if model and (record := model.objects.filter(pk=accepted["pk"], date_edtf=edtf).first()):
            return record, other
    return None


def record_named(record) -> str:
    """"actual delivery #5 of ru-in-s-400", "contract #3 of ru-eg-s-400", "statement #9"."""
    if isinstance(record, Delivery):
        return f"{record.kind} delivery #{record.pk} of {record.deal.slug}"
    if isinstance(record, Contract):
        return f"contract #{record.pk} of {record.deal.slug}"
    return f"{record._meta.verbose_name} #{record.pk}"


# Indian reporting counts S-400 regiments as squadrons; the words as written stay in "quantity as written".
_BASE_UNITS = {"squadrons": QuantityUnit.REGIMENTS}


def _base_unit(unit: str) -> str:
    """The base's unit for a drafted one, or "" for the editor to pick ("missiles" has none)."""
    unit = _BASE_UNITS.get(unit, unit)
    return unit if unit in QuantityUnit.values else ""


def _same_sentence(draft: Draft, kind: str):
    return Draft.objects.filter(article_id=draft.article_id, kind=kind, start__lt=draft.end, end__gt=draft.start)


def delivery_carrying(draft: Draft) -> Draft | None:
    """The delivery draft of the quantity draft's sentence that counts the same units, the one
    whose words are nearest ("Two were delivered in 2017, but the other two are due next year")."""
    carrying = [d for d in _same_sentence(draft, Kind.DELIVERY)
                if d.value.get("quantity") == draft.value.get("quantity") and d.value.get("unit") == draft.value.get("unit")]
    return min(carrying, key=lambda d: abs(d.words_start - draft.words_start), default=None)


NEW_DEAL = "new"


def loaded_version(deal: Deal | None) -> str:
    """What a deal draft's form records of the deal it links to, for the optimistic lock:
    "pk:version", or "new"."""
    return f"{deal.pk}:{deal.version}" if deal else NEW_DEAL


def draft_date(draft: Draft) -> dict | None:
    """The date the review page shows for a draft, as the assistant resolved it: a date
    draft's own; a statement's; for a figure, the first date of its sentence."""
    if draft.kind == Kind.DATE:
        return draft.value
    if draft.kind == Kind.STATEMENT:
        return draft.value.get("date")
    if draft.kind == Kind.DELIVERY:
        return draft.value.get("date")
    if draft.kind in (Kind.MONEY, Kind.QUANTITY):
        date = _same_sentence(draft, Kind.DATE).order_by("words_start").first()
        return date.value if date else None
    return None


def _countries_in(draft: Draft) -> list[str]:
    return sorted({d.value["code"] for d in _same_sentence(draft, Kind.COUNTRY)})


def money_certainty(draft: Draft) -> str:
    """A sum's certainty as drafted (a missing one is a figure given as fact), but never more
    certain than its sentence: beside a hedged signature ("could be signed"), it is expected."""
    certainty = draft.value.get("certainty") or "stated"
    if certainty == "stated" and any(d.value.get("hedged") for d in _same_sentence(draft, Kind.DEAL)):
        return "expected"
    return certainty


def _delivery_deal(draft: Draft, deal: dict) -> Deal | None:
    """The deal a delivery draft names (supplier, recipient, system), as accepted from a deal
    draft of the same sentence or as it stands in the base."""
    for candidate in _same_sentence(draft, Kind.DEAL).order_by("words_start"):
        accepted = candidate.value.get("accepted")
        same = (candidate.value.get("supplier"), candidate.value.get("recipient")) == (deal.get("supplier"), deal.get("recipient"))
        if same and accepted and (found := Deal.objects.filter(pk=accepted["pk"]).first()):
            return found
    system = system_matching(deal.get("slug") or deal.get("system") or "")
    return deal_best_matching(supplier=deal.get("supplier", ""), recipient=deal.get("recipient", ""), system=system,
                              status="delivering", text=draft.evidence)


def suggested_deal(draft: Draft) -> Deal | None:
    """The deal a draft most likely concerns: that of a deal draft in the same sentence
    (accepted, or matching an existing deal); for a sum or a count, else the deal its sentence
    follows on from (``figure_deal``)."""
    if draft.kind in (Kind.MONEY, Kind.QUANTITY):
        return figure_deal(draft).deal
    for candidate in _same_sentence(draft, Kind.DEAL).order_by("words_start"):
        if deal := _deal_of(candidate):
            return deal
    return None


@dataclass(frozen=True)
class FigureDeal:
    """The deal a sum or count is proposed for, or, when none is plain, what to do first."""

    deal: Deal | None
    wanting: str = ""


def figure_deal(draft: Draft) -> FigureDeal:
    """The deal of a sum or count: that of a deal draft of its sentence; else, in a sentence
    that names a system or speaks of "the deal", the deal accepted from the nearest earlier
    deal draft naming that system, else the article's only accepted deal. A hedged count
    ("may order two more") that would be a contract's quantity is given no deal of another
    sentence (a deal draft of its own sentence carries its hedge in its status)."""
    own = list(_same_sentence(draft, Kind.DEAL).exclude(status=DraftStatus.REJECTED).order_by("words_start"))
    for candidate in own:
        if deal := _deal_of(candidate):
            return FigureDeal(deal)
    if own:
        return FigureDeal(None, f"accept the deal draft of its sentence first, {_drafts_named(own)}")
    if draft.kind == Kind.QUANTITY and count_hedged(draft) and delivery_carrying(draft) is None:
        return FigureDeal(None, "the count is conditional or hedged, and a contract's quantity would say it was "
                                "signed; reject it, or choose the deal and a planned delivery if it is one")
    if _follow_on_value(draft):
        deals = {_deal_of(c) for c in Draft.objects.filter(article_id=draft.article_id, kind=Kind.DEAL)
                 .exclude(status=DraftStatus.REJECTED)}
        if len(deals) == 1 and (deal := deals.pop()):
            return FigureDeal(deal)
    return _deal_followed(draft)


def _deal_followed(draft: Draft) -> FigureDeal:
    """The accepted deal a figure in a sentence without a deal draft follows on from: the last
    one before it naming a system its sentence names, else the article's only one."""
    systems = {d.value["slug"]: d.value.get("name") or d.value["slug"] for d in _same_sentence(draft, Kind.SYSTEM)
               if d.value.get("slug")}
    parties = set(_countries_in(draft))
    drafts = [d for d in Draft.objects.filter(article_id=draft.article_id, kind=Kind.DEAL).exclude(status=DraftStatus.REJECTED)
              if not parties or parties & {d.value.get("supplier"), d.value.get("recipient")}]
    if systems:
        naming = [d for d in drafts if d.start < draft.start and d.value.get("system") in systems]
        if not naming:
            return FigureDeal(None, f"no deal draft before it names {', '.join(sorted(systems.values()))}; accept one that "
                                    "does, or choose the deal")
        nearest = max(naming, key=lambda d: (d.start, d.words_start))
        if nearest.status == DraftStatus.PENDING:
            return FigureDeal(None, f"accept {_drafts_named([nearest])} first, the last deal draft before it naming "
                                    f"{nearest.value.get('system_name') or 'its system'}")
        return FigureDeal(_accepted_deal(nearest))
    if not _THE_DEAL.search(draft.evidence):
        return FigureDeal(None, "its sentence names no system and does not speak of the deal")
    waiting = [d for d in drafts if d.status == DraftStatus.PENDING]
    if waiting:
        return FigureDeal(None, f"accept the article's deal drafts first: {_drafts_named(waiting)}")
    deals = {deal for d in drafts if (deal := _accepted_deal(d))}
    if len(deals) == 1:
        return FigureDeal(deals.pop())
    if not deals:
        return FigureDeal(None, "the article has no accepted deal draft for it")
    return FigureDeal(None, f"the article's accepted deals are several: {', '.join(sorted(d.slug for d in deals))}")


def _drafts_named(drafts) -> str:
    """Deal drafts as the review page shows them: "#12 (RU → EG: S-400 Triumf)"."""
    return ", ".join(f"#{d.pk} ({d.value.get('supplier')} → {d.value.get('recipient')}: "
                     f"{d.value.get('system_name') or 'no system'})" for d in drafts)


def _accepted_deal(deal_draft: Draft) -> Deal | None:
    """The deal a deal draft was accepted as (None while it waits, or if the deal is gone)."""
    accepted = deal_draft.value.get("accepted") if deal_draft.status == DraftStatus.ACCEPTED else None
    return Deal.objects.filter(pk=accepted["pk"]).first() if accepted else None


def count_hedged(draft: Draft) -> bool:
    """A count in a conditional, future or hedged clause ("Two more may follow"), read as a
    sum's certainty is: never a signed contract's quantity."""
    sentence = Span(draft.start, draft.end)
    return certainty(draft.article.text, sentence, draft.words_start, draft.words_end) == "expected"


# How a sentence of its own refers to the deal: "The deal could be worth …", "The purchase may cost …".
_THE_DEAL = re.compile(r"\b(?:the|this|that|such an?|an?) (?:[\w-]+ ){0,2}?(?:deal|contract|purchase|order|agreement|package|sale)\b",
                       re.IGNORECASE)


def _follow_on_value(draft: Draft) -> bool:
    """A sum reported or hedged ("could be worth") in a sentence that refers to the deal: what
    accepting records is the deal's reported value, never a contract, so the article's one deal
    may take it, even while its deal draft waits and matches a deal in the base."""
    return draft.kind == Kind.MONEY and draft.value.get("certainty") in ("reported", "expected") and bool(
        _THE_DEAL.search(draft.evidence))


def _deal_of(candidate: Draft) -> Deal | None:
    """The deal a deal draft was accepted as, or the existing deal it matches."""
    if (accepted := candidate.value.get("accepted")) and (deal := Deal.objects.filter(pk=accepted["pk"]).first()):
        return deal
    return deal_best_matching(
        supplier=candidate.value["supplier"], recipient=candidate.value["recipient"],
        system=system_matching(candidate.value.get("system", "")),
        status=candidate.value.get("status", "reported"), text=candidate.evidence,
    )


