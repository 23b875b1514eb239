"""Writes of the ingestion assistant: ingesting an article (drafts only), and accepting or
rejecting a draft. Accepting creates or links the knowledge-base record and its citation —
excerpt = the draft's evidence, unless the editor changed it — and the article's Source if
it is the first accepted draft, all in one transaction: if any of it is invalid, nothing is
written. Every record written is recorded in the change history."""
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from countries.models import Country
from deals import approximate_dates
from deals.models import (
    Citation,
    Contract,
    Deal,
    Delivery,
    Event,
    Organisation,
    Person,
    Source,
    Statement,
)
from history.models import Action
from history.services import change_record, snapshot

from .documents import UnreadableArticle, check_text
from .extract import Kind, extract_all
from .models import Article, Draft, DraftStatus
from .selectors import (
    deal_matching,
    duplicate_of,
    extraction_lexicon,
    government_of,
    normalised_text,
    organisation_matching,
    person_matching,
    system_matching,
)


@dataclass(frozen=True)
class CheckedArticle:
    text: str
    title: str
    published: approximate_dates.ApproximateDate
    fingerprint: str


def article_check(*, text: str, outlet: Organisation | None, published_words: str, title: str = "") -> CheckedArticle:
    """Everything that would stop an article being ingested, as a ValidationError per field."""
    errors = {}
    try:
        text = check_text(text)
    except UnreadableArticle as error:
        raise ValidationError({"text": str(error)}) from None
    if outlet is None:
        errors["outlet"] = "Say which outlet published the article."
    try:
        published = approximate_dates.parse(published_words or "")
    except approximate_dates.DateError as error:
        errors["published"] = f"{error} Type the publication date as words, e.g. “June 9, 2021” or “June 2021”."
        published = None
    title = " ".join((title or _first_line(text)).split())[:300]
    fingerprint = hashlib.sha256(normalised_text(text).encode()).hexdigest()
    if duplicate := duplicate_of(fingerprint=fingerprint, text=text, outlet=outlet, title=title):
        errors["__all__"] = f"{duplicate} Nothing was ingested."
    if errors:
        raise ValidationError(errors)
    return CheckedArticle(text, title, published, fingerprint)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def article_ingest(
    *, text: str, outlet: Organisation | None, published_words: str, title: str = "", filename: str = "", user=None
) -> Article:
    """Store the article and the assistant's drafts for it; nothing else is written."""
    with transaction.atomic():
        checked = article_check(text=text, outlet=outlet, published_words=published_words, title=title)
        published = checked.published
        article = Article(
            title=checked.title,
            outlet=outlet,
            text=checked.text,
            fingerprint=checked.fingerprint,
            filename=filename,
            created_by=user if user is not None and user.is_authenticated else None,
            date_words=published.words,
            date_edtf=published.edtf,
            date_basis=published.basis.value,
        )
        article.full_clean()
        article.save()
        findings = extract_all(article.text, published=article.approximate_date, lexicon=extraction_lexicon())
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
        _check_pending(draft)
        draft.status, draft.decided_by, draft.decided_at = DraftStatus.REJECTED, user, timezone.now()
        draft.save(update_fields=["status", "decided_by", "decided_at"])
    return draft


def _check_pending(draft: Draft):
    if draft.status != DraftStatus.PENDING:
        raise ValidationError(f"This draft was already {draft.get_status_display().lower()}; nothing was changed.")


# What accepting each kind writes, for the permission check.
WRITES = {
    Kind.STATEMENT: ["deals.add_statement", "deals.add_citation"],
    Kind.DEAL: ["deals.add_deal", "deals.add_citation"],
    Kind.MONEY: ["deals.add_contract", "deals.change_contract", "deals.add_citation"],
    Kind.QUANTITY: ["deals.add_contract", "deals.change_contract", "deals.add_delivery", "deals.add_citation"],
    Kind.DATE: ["deals.add_event", "deals.add_citation"],
    Kind.COUNTRY: [],
    Kind.SYSTEM: [],
}


def draft_accept(*, draft: Draft, user, data: dict | None = None) -> Draft:
    """Create or link the draft's record with its citation, in one transaction.

    ``data`` holds the editor's corrections (the review form's cleaned data); missing keys
    take the draft's own values. Raises ValidationError, writing nothing, when the result
    would break a rule of the knowledge base.
    """
    if not user.has_perms(["ingest.change_draft", "deals.add_source", *WRITES[draft.kind]]):
        raise PermissionDenied("You may not accept drafts of this kind.")
    data = {**draft_initial(draft), **(data or {})}
    with transaction.atomic():
        draft = Draft.objects.select_for_update().select_related("article").get(pk=draft.pk)
        _check_pending(draft)
        accept = {
            Kind.STATEMENT: _accept_statement,
            Kind.DEAL: _accept_deal,
            Kind.MONEY: _accept_money,
            Kind.QUANTITY: _accept_quantity,
            Kind.DATE: _accept_date,
            Kind.COUNTRY: _accept_country,
            Kind.SYSTEM: _accept_system,
        }[draft.kind]
        record, description = accept(draft, data, user)
        draft.status, draft.decided_by, draft.decided_at = DraftStatus.ACCEPTED, user, timezone.now()
        draft.result = description[:300]
        draft.result_url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
        draft.value = {**draft.value, "accepted": {"model": record._meta.model_name, "pk": str(record.pk)}}
        draft.save()
    return draft


def draft_initial(draft: Draft) -> dict:
    """The review form's starting values for a draft: what the assistant read."""
    v, evidence = draft.value, draft.evidence
    initial = {"excerpt": evidence}
    if draft.kind == Kind.STATEMENT:
        person_kind = v.get("speaker_kind") == "person"
        organisation = v.get("organisation", "")
        if v.get("speaker_kind") == "country":
            government = government_of(v.get("speaker_country", ""))
            organisation = government.name if government else ""
        initial |= {
            "speaker": v.get("speaker", "") if person_kind else "",
            "organisation": organisation,
            "role": v.get("role", ""),
            "medium": v.get("medium", ""),
            "setting": v.get("setting", ""),
            "text": v.get("text", ""),
            "mode": v.get("mode", "reported"),
            "stance": v.get("stance", "comments"),
            "date_words": (v.get("date") or {}).get("words", ""),
            "countries": ", ".join(v.get("countries", [])),
            "deal": suggested_deal(draft),
        }
    elif draft.kind == Kind.DEAL:
        system = system_matching(v.get("system", ""))
        existing = deal_matching(supplier=v.get("supplier", ""), recipient=v.get("recipient", ""), system=system)
        initial |= {
            "supplier": v.get("supplier", ""),
            "recipient": v.get("recipient", ""),
            "system": system.slug if system else "",
            "status": existing.status if existing else v.get("status", "reported"),
            "subject": f"{system.name} systems" if system else "",
            "summary": evidence,
        }
    elif draft.kind == Kind.MONEY:
        initial |= {
            "deal": suggested_deal(draft),
            "amount": Decimal(v["amount"]),
            "currency": v["currency"],
            "value_words": v.get("words", ""),
            "description": evidence[:300],
            "date_words": _date_in(draft),
        }
    elif draft.kind == Kind.QUANTITY:
        initial |= {
            "deal": suggested_deal(draft),
            "target": "contract",
            "quantity": v["quantity"],
            "unit": v["unit"],
            "quantity_words": v.get("words", ""),
            "description": evidence[:300],
            "date_words": _date_in(draft),
        }
    elif draft.kind == Kind.DATE:
        initial |= {
            "event_kind": "report",
            "title": evidence[:200],
            "description": "",
            "date_words": v.get("words", ""),
            "countries": ", ".join(_countries_in(draft)),
            "deal": suggested_deal(draft),
        }
    return initial


def _same_sentence(draft: Draft, kind: str):
    return Draft.objects.filter(article_id=draft.article_id, kind=kind, start__lt=draft.end, end__gt=draft.start)


def _date_in(draft: Draft) -> str:
    date = _same_sentence(draft, Kind.DATE).order_by("words_start").first()
    return date.value["words"] if date else ""


def _countries_in(draft: Draft) -> list[str]:
    return sorted({d.value["code"] for d in _same_sentence(draft, Kind.COUNTRY)})


def suggested_deal(draft: Draft) -> Deal | None:
    """The deal a draft most likely concerns: that of a deal draft in the same sentence
    (accepted, or matching an existing deal)."""
    for candidate in _same_sentence(draft, Kind.DEAL).order_by("words_start"):
        accepted = candidate.value.get("accepted")
        if accepted and (deal := Deal.objects.filter(pk=accepted["pk"]).first()):
            return deal
        system = system_matching(candidate.value.get("system", ""))
        if deal := deal_matching(supplier=candidate.value["supplier"], recipient=candidate.value["recipient"], system=system):
            return deal
    return None


# --- Writing records --------------------------------------------------------------------


def _source_for(article: Article, user) -> Source:
    """The article's Source, created from it when the first draft is accepted."""
    if article.source_id:
        return article.source
    base = slugify(article.title)[:80] or "article"
    slug = f"{base}-{article.fingerprint[:8]}"
    source = Source(
        slug=slug,
        title=article.title,
        outlet=article.outlet,
        text=article.text,
        language="en",
        date_words=article.date_words,
        date_edtf=article.date_edtf,
        date_basis=article.date_basis,
        notes=f"Ingested by {user.get_username()} on {timezone.now():%Y-%m-%d}; "
        f"publication date as the editor typed it: “{article.date_words}”.",
    )
    _save_new(source, user)
    _created(source, user)
    article.source = source
    article.save(update_fields=["source"])
    return source


def _save_new(obj, user):
    obj.full_clean()
    obj.save()
    return obj


def _created(obj, user):
    change_record(obj=obj, action=Action.CREATED, user=user, via="ingest")


def _changed(obj, user, before: dict):
    """Save a changed record, moving its version on."""
    obj.full_clean()
    obj.save()
    if hasattr(obj, "version"):
        type(obj)._default_manager.filter(pk=obj.pk).update(version=F("version") + 1)
        obj.refresh_from_db(fields=["version"])
    change_record(obj=obj, action=Action.CHANGED, user=user, before=before, via="ingest")


def _cite(record, *, source: Source, excerpt: str, user):
    """A citation of the record, unless it already cites this excerpt of this source."""
    target = record._meta.model_name
    if Citation.objects.filter(source=source, excerpt=excerpt, **{target: record}).exists():
        return
    citation = Citation(source=source, excerpt=excerpt, **{target: record})
    try:
        citation.full_clean()
    except ValidationError as error:
        raise ValidationError({"excerpt": error.message_dict.get("excerpt", error.messages)}) from None
    citation.save()
    _created(citation, user)


def _check_excerpt(source_text: str, excerpt: str):
    count = source_text.count(excerpt)
    if not excerpt:
        raise ValidationError({"excerpt": "A citation needs an excerpt."})
    if count == 0:
        raise ValidationError({"excerpt": "This excerpt does not occur in the article's text; copy it verbatim."})
    if count > 1:
        raise ValidationError({"excerpt": f"This excerpt occurs {count} times in the article; lengthen it so it points at one place."})


def _dated(record, words: str, source: Source):
    """Set a record's date from the words, resolving relative ones against the publication date."""
    if not words:
        return
    try:
        parsed = approximate_dates.parse(words, reference=source.approximate_date)
    except approximate_dates.DateError as error:
        raise ValidationError({"date_words": str(error)}) from None
    record.date_words, record.date_edtf = parsed.words, parsed.edtf
    record.date_earliest, record.date_latest, record.date_basis = parsed.earliest, parsed.latest, parsed.basis.value


def _unique_slug(model, text: str) -> str:
    base = slugify(text)[:90] or model._meta.model_name
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _country_codes(words) -> list[Country]:
    codes = [code.strip().upper() for code in (words or "").replace(";", ",").split(",") if code.strip()]
    countries = list(Country.objects.filter(code__in=codes))
    unknown = set(codes) - {c.code for c in countries}
    if unknown:
        raise ValidationError({"countries": f"Unknown country code(s): {', '.join(sorted(unknown))}."})
    return countries


def _organisation(name: str, field: str) -> Organisation | None:
    if not name:
        return None
    organisation = organisation_matching(name)
    if organisation is None:
        raise ValidationError({field: f"No body or outlet named “{name}” is in the base; add it in the admin first, or leave this empty."})
    return organisation


def _accept_statement(draft, data, user):
    article = draft.article
    _check_excerpt(article.text, data["excerpt"])
    organisation = _organisation(data.get("organisation", ""), "organisation")
    medium = _organisation(data.get("medium", ""), "medium")
    person = None
    if name := (data.get("speaker") or "").strip():
        person = person_matching(name)
        if person is None:
            person = Person(slug=_unique_slug(Person, name), name=name,
                            country_id=draft.value.get("speaker_country") or None)
            _save_new(person, user)
            _created(person, user)
    if person is None and organisation is None:
        raise ValidationError({"speaker": "Say who spoke: a person, or a body in the organisation field."})
    source = _source_for(article, user)
    statement = Statement(
        speaker=person, organisation=organisation, speaker_role=data.get("role", "")[:200], medium=medium,
        setting=data.get("setting", "")[:200], text=data["text"], mode=data["mode"], stance=data["stance"],
    )
    _dated(statement, data.get("date_words", ""), source)
    _save_new(statement, user)
    statement.countries.set(_country_codes(data.get("countries")))
    if data.get("deal"):
        statement.deals.set([data["deal"]])
    _created(statement, user)
    _cite(statement, source=source, excerpt=data["excerpt"], user=user)
    return statement, f"Created statement #{statement.pk} by {statement.attribution}"


def _accept_deal(draft, data, user):
    article = draft.article
    _check_excerpt(article.text, data["excerpt"])
    system = system_matching(data.get("system", "")) if data.get("system") else None
    if data.get("system") and system is None:
        raise ValidationError({"system": f"No weapon system named “{data['system']}” is in the base."})
    supplier, recipient = (data.get("supplier") or "").upper(), (data.get("recipient") or "").upper()
    for field, code in (("supplier", supplier), ("recipient", recipient)):
        if not Country.objects.filter(code=code).exists():
            raise ValidationError({field: f"Unknown country code “{code}”."})
    source = _source_for(article, user)
    deal = deal_matching(supplier=supplier, recipient=recipient, system=system)
    if deal:
        if data.get("status") and data["status"] != deal.status:
            before = snapshot(deal)
            deal.status = data["status"]
            _changed(deal, user, before)
        _cite(deal, source=source, excerpt=data["excerpt"], user=user)
        return deal, f"Linked to the existing deal {deal.slug}"
    subject = data.get("subject") or (f"{system.name} systems" if system else "arms")
    deal = Deal(
        slug=_unique_slug(Deal, f"{supplier}-{recipient}-{system.slug if system else subject}"),
        supplier_id=supplier, recipient_id=recipient, system=system, subject=subject[:200],
        status=data.get("status") or "reported", summary=data.get("summary") or data["excerpt"],
    )
    _save_new(deal, user)
    _created(deal, user)
    _cite(deal, source=source, excerpt=data["excerpt"], user=user)
    return deal, f"Created the deal {deal.slug}"


def _require_deal(data) -> Deal:
    if not data.get("deal"):
        raise ValidationError({"deal": "Choose the deal this figure belongs to (accept the deal draft first if it is new)."})
    return data["deal"]


def _contract_citing(deal: Deal, source: Source, start: int, end: int) -> Contract | None:
    """A contract of the deal already cited from the same passage of this source."""
    for contract in deal.contracts.filter(citations__source=source).distinct():
        for citation in contract.citations.filter(source=source):
            at = source.text.find(citation.excerpt)
            if at >= 0 and at < end and start < at + len(citation.excerpt):
                return contract
    return None


def _accept_money(draft, data, user):
    article = draft.article
    _check_excerpt(article.text, data["excerpt"])
    deal = _require_deal(data)
    source = _source_for(article, user)
    amount, currency = data["amount"], data["currency"].upper()
    contract = deal.contracts.filter(value_amount=amount, value_currency=currency).first()
    if contract:
        _cite(contract, source=source, excerpt=data["excerpt"], user=user)
        return contract, f"Linked to the existing contract #{contract.pk} of {deal.slug}"
    contract = _contract_citing(deal, source, draft.start, draft.end)
    if contract and contract.value_amount is None:
        before = snapshot(contract)
        contract.value_amount, contract.value_currency, contract.value_words = amount, currency, data.get("value_words", "")[:200]
        _changed(contract, user, before)
        return contract, f"Gave contract #{contract.pk} of {deal.slug} its value"
    contract = Contract(deal=deal, description=(data.get("description") or data["excerpt"])[:300],
                        value_amount=amount, value_currency=currency, value_words=data.get("value_words", "")[:200])
    _dated(contract, data.get("date_words", ""), source)
    _save_new(contract, user)
    _created(contract, user)
    _cite(contract, source=source, excerpt=data["excerpt"], user=user)
    return contract, f"Created contract #{contract.pk} of {deal.slug}"


def _accept_quantity(draft, data, user):
    article = draft.article
    _check_excerpt(article.text, data["excerpt"])
    deal = _require_deal(data)
    source = _source_for(article, user)
    quantity, unit, words = data["quantity"], data["unit"], data.get("quantity_words", "")[:200]
    description = (data.get("description") or data["excerpt"])[:300]
    if data.get("target", "contract") != "contract":
        delivery = Delivery(deal=deal, kind=data["target"], description=description,
                            quantity=quantity, quantity_unit=unit, quantity_words=words)
        _dated(delivery, data.get("date_words", ""), source)
        _save_new(delivery, user)
        _created(delivery, user)
        _cite(delivery, source=source, excerpt=data["excerpt"], user=user)
        return delivery, f"Created a {delivery.kind} delivery #{delivery.pk} of {deal.slug}"
    contract = deal.contracts.filter(quantity=quantity, quantity_unit=unit).first()
    if contract:
        _cite(contract, source=source, excerpt=data["excerpt"], user=user)
        return contract, f"Linked to the existing contract #{contract.pk} of {deal.slug}"
    contract = _contract_citing(deal, source, draft.start, draft.end)
    if contract and contract.quantity is None:
        before = snapshot(contract)
        contract.quantity, contract.quantity_unit, contract.quantity_words = quantity, unit, words
        _changed(contract, user, before)
        return contract, f"Gave contract #{contract.pk} of {deal.slug} its quantity"
    contract = Contract(deal=deal, description=description, quantity=quantity, quantity_unit=unit, quantity_words=words)
    _dated(contract, data.get("date_words", ""), source)
    _save_new(contract, user)
    _created(contract, user)
    _cite(contract, source=source, excerpt=data["excerpt"], user=user)
    return contract, f"Created contract #{contract.pk} of {deal.slug}"


def _accept_date(draft, data, user):
    article = draft.article
    _check_excerpt(article.text, data["excerpt"])
    source = _source_for(article, user)
    event = Event(kind=data["event_kind"], title=data["title"][:200], description=data.get("description", ""))
    _dated(event, data.get("date_words", ""), source)
    _save_new(event, user)
    event.countries.set(_country_codes(data.get("countries")))
    if data.get("deal"):
        event.deals.set([data["deal"]])
    _created(event, user)
    _cite(event, source=source, excerpt=data["excerpt"], user=user)
    return event, f"Created event #{event.pk}: {event.title[:80]}"


def _accept_country(draft, data, user):
    country = Country.objects.get(code=draft.value["code"])
    return country, f"Confirmed: the article names {country.name}"


def _accept_system(draft, data, user):
    system = system_matching(draft.value["slug"])
    if system is None:
        raise ValidationError("This weapon system is no longer in the base.")
    return system, f"Confirmed: the article names {system.name}"
