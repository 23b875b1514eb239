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
    DealStatus,
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
    deal_best_matching,
    duplicate_of,
    extraction_lexicon,
    government_of,
    normalised_text,
    organisation_matching,
    person_matching,
    status_after_link,
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
    date_words = (draft_date(draft) or {}).get("words", "")
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
            "system": system.slug if system else "",
            "status": status_after_link(existing, drafted) if existing else drafted,
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
            "date_words": date_words,
        }
    elif draft.kind == Kind.QUANTITY:
        initial |= {
            "deal": suggested_deal(draft),
            "target": "contract",
            "quantity": v["quantity"],
            "unit": v["unit"],
            "quantity_words": v.get("words", ""),
            "description": evidence[:300],
            "date_words": date_words,
        }
    elif draft.kind == Kind.DATE:
        initial |= {
            "event_kind": "report",
            "title": evidence[:200],
            "description": "",
            "date_words": date_words,
            "countries": ", ".join(_countries_in(draft)),
            "deal": suggested_deal(draft),
        }
    return initial


def _same_sentence(draft: Draft, kind: str):
    return Draft.objects.filter(article_id=draft.article_id, kind=kind, start__lt=draft.end, end__gt=draft.start)


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
    if draft.kind in (Kind.MONEY, Kind.QUANTITY):
        date = _same_sentence(draft, Kind.DATE).order_by("words_start").first()
        return date.value if date else None
    return None


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
        if deal := deal_best_matching(
            supplier=candidate.value["supplier"], recipient=candidate.value["recipient"], system=system,
            status=candidate.value.get("status", "reported"), text=candidate.evidence,
        ):
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


def _cite(record, *, source: Source, excerpt: str, user) -> bool:
    """A citation of the record, unless it already cites this excerpt of this source.
    Returns whether one was added."""
    target = record._meta.model_name
    if Citation.objects.filter(source=source, excerpt=excerpt, **{target: record}).exists():
        return False
    citation = Citation(source=source, excerpt=excerpt, **{target: record})
    try:
        citation.full_clean()
    except ValidationError as error:
        raise ValidationError({"excerpt": error.message_dict.get("excerpt", error.messages)}) from None
    citation.save()
    _created(citation, user)
    return True


def _added_to(record, user, what: str):
    """An existing record gained something (a citation, a contract, a delivery, a statement):
    its last-changed time moves, and its history says what was added. Its version stays, so
    an editor who has it open in the admin can still save."""
    before = {"updated_at": _when(record.updated_at)}
    record.save(update_fields=["updated_at"])
    change_record(obj=record, action=Action.CHANGED, user=user, via="ingest",
                  before=before, after={"updated_at": f"{_when(record.updated_at)}: added {what}"})


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M:%S}" if moment else ""


def _check_excerpt(source_text: str, excerpt: str):
    count = source_text.count(excerpt)
    if not excerpt:
        raise ValidationError({"excerpt": "A citation needs an excerpt."})
    if count == 0:
        raise ValidationError({"excerpt": "This excerpt does not occur in the article's text; copy it verbatim."})
    if count > 1:
        raise ValidationError({"excerpt": f"This excerpt occurs {count} times in the article; lengthen it so it points at one place."})


def _dated(record, words: str, source: Source, drafted: dict | None):
    """Set a record's date from the words. Words as drafted keep the date the review page
    showed for them ("A year earlier" resolved against the date before it, "At the time");
    words the editor typed instead resolve against the publication date."""
    words = (words or "").strip()
    if not words:
        return
    try:
        if drafted and words == drafted.get("words"):
            parsed = approximate_dates.from_edtf(
                drafted["edtf"], words=words, basis=approximate_dates.DateBasis(drafted["basis"])
            )
        else:
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


def _check_role(draft, data):
    """The role was read for the drafted speaker: typed over with another person's name, it
    would silently describe someone else, so the editor clears, corrects or confirms it."""
    drafted = draft.value.get("speaker", "") if draft.value.get("speaker_kind") == "person" else ""
    name, role = (data.get("speaker") or "").strip(), (data.get("role") or "").strip()
    if not (drafted and name and role) or role != draft.value.get("role", "") or data.get("role_confirmed"):
        return
    same = person_matching(name)
    if _same_name(name, drafted) or (same is not None and same == person_matching(drafted)):
        return
    raise ValidationError({"role": f"“{role}” was read for {drafted}, not {name}: clear or correct it, "
                                   f"or tick “the role is the new speaker’s”."})


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _accept_statement(draft, data, user):
    article = draft.article
    _check_excerpt(article.text, data["excerpt"])
    _check_role(draft, data)
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
        if draft.value.get("unnamed"):
            raise ValidationError({"organisation": (
                f"The article does not name this speaker ({draft.value.get('role') or 'unnamed'}): give the body "
                "they speak for here (add it in the admin first if it is new), or the person if the article names them."
            )})
        raise ValidationError({"speaker": "Say who spoke: a person, or a body in the organisation field."})
    source = _source_for(article, user)
    statement = Statement(
        speaker=person, organisation=organisation, speaker_role=data.get("role", "")[:200], medium=medium,
        setting=data.get("setting", "")[:200], text=data["text"], mode=data["mode"], stance=data["stance"],
    )
    _dated(statement, data.get("date_words", ""), source, draft_date(draft))
    _save_new(statement, user)
    statement.countries.set(_country_codes(data.get("countries")))
    if deal := data.get("deal"):
        statement.deals.set([deal])
    _created(statement, user)
    _cite(statement, source=source, excerpt=data["excerpt"], user=user)
    if deal:
        _added_to(deal, user, f"statement #{statement.pk} ({statement.attribution})")
    return statement, f"Created statement #{statement.pk} by {statement.attribution}"


def _deal_linked(data) -> Deal | None:
    """The existing deal the editor chose on the form, or None for a new one."""
    link = str(data.get("link") or NEW_DEAL)
    if link == NEW_DEAL:
        return None
    deal = Deal.objects.select_for_update().filter(pk=link).first() if link.isdigit() else None
    if deal is None:
        raise ValidationError({"link": "That deal is no longer in the base; choose another, or a new deal."})
    return deal


def _check_loaded(deal: Deal | None, data, status: str):
    """The optimistic lock of the deal form: it carries the deal it described and that deal's
    version, so an accept never changes a deal whose state the editor did not see."""
    loaded = str(data.get("loaded_version") or "")
    if not loaded:
        raise ValidationError("This form did not say which version of the deal it showed, so nothing was written. "
                              "Reload the review page and accept again.")
    if deal is None:
        return
    shown_pk, _, shown_version = loaded.partition(":")
    if shown_pk == str(deal.pk) and shown_version != str(deal.version):
        raise ValidationError(
            f"{deal.slug} was changed by someone else after you opened this page (you loaded version {shown_version}; "
            f"it is now version {deal.version}, status {deal.get_status_display().lower()}). Nothing was written: "
            "check what accepting does now, shown below, and accept again."
        )
    if shown_pk != str(deal.pk) and status != deal.status:
        raise ValidationError(
            f"Accepting would change {deal.slug}’s status from {deal.get_status_display().lower()} to "
            f"{DealStatus(status).label.lower()}, which the form did not show when you chose that deal. Nothing "
            "was written: the form below now shows it; accept again to confirm."
        )


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
    status = data.get("status") or "reported"
    deal = _deal_linked(data)
    _check_loaded(deal, data, status)
    if deal and (deal.supplier_id, deal.recipient_id, deal.system_id) != (supplier, recipient, system.pk if system else None):
        raise ValidationError({"link": f"{deal.slug} is {deal}, not {supplier} → {recipient}: "
                                       f"{system or 'an unnamed system'}; link another deal, or a new one."})
    source = _source_for(article, user)
    if deal:
        if status != deal.status:
            before, was = snapshot(deal), deal.get_status_display().lower()
            deal.status = status
            _changed(deal, user, before)
            _cite(deal, source=source, excerpt=data["excerpt"], user=user)
            return deal, f"Linked to the existing deal {deal.slug} and changed its status from {was} to {deal.get_status_display().lower()}"
        if _cite(deal, source=source, excerpt=data["excerpt"], user=user):
            _added_to(deal, user, f"a citation of {source.slug}")
        return deal, f"Linked to the existing deal {deal.slug} (status {deal.get_status_display().lower()}, unchanged)"
    subject = data.get("subject") or (f"{system.name} systems" if system else "arms")
    deal = Deal(
        slug=_unique_slug(Deal, f"{supplier}-{recipient}-{system.slug if system else subject}"),
        supplier_id=supplier, recipient_id=recipient, system=system, subject=subject[:200],
        status=status, summary=data.get("summary") or data["excerpt"],
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


def _cite_existing(record, deal: Deal, *, source: Source, excerpt: str, user):
    """Cite an existing contract or delivery of the deal; both show that they changed."""
    if _cite(record, source=source, excerpt=excerpt, user=user):
        _added_to(record, user, f"a citation of {source.slug}")
        _added_to(deal, user, f"a citation of {source.slug} to {record._meta.verbose_name} #{record.pk}")


def _accept_money(draft, data, user):
    article = draft.article
    _check_excerpt(article.text, data["excerpt"])
    deal = _require_deal(data)
    source = _source_for(article, user)
    amount, currency = data["amount"], data["currency"].upper()
    contract = deal.contracts.filter(value_amount=amount, value_currency=currency).first()
    if contract:
        _cite_existing(contract, deal, source=source, excerpt=data["excerpt"], user=user)
        return contract, f"Linked to the existing contract #{contract.pk} of {deal.slug}"
    contract = _contract_citing(deal, source, draft.start, draft.end)
    if contract and contract.value_amount is None:
        before = snapshot(contract)
        contract.value_amount, contract.value_currency, contract.value_words = amount, currency, data.get("value_words", "")[:200]
        _changed(contract, user, before)
        _added_to(deal, user, f"the value of contract #{contract.pk}")
        return contract, f"Gave contract #{contract.pk} of {deal.slug} its value"
    contract = Contract(deal=deal, description=(data.get("description") or data["excerpt"])[:300],
                        value_amount=amount, value_currency=currency, value_words=data.get("value_words", "")[:200])
    _dated(contract, data.get("date_words", ""), source, draft_date(draft))
    _save_new(contract, user)
    _created(contract, user)
    _cite(contract, source=source, excerpt=data["excerpt"], user=user)
    _added_to(deal, user, f"contract #{contract.pk}")
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
        _dated(delivery, data.get("date_words", ""), source, draft_date(draft))
        _save_new(delivery, user)
        _created(delivery, user)
        _cite(delivery, source=source, excerpt=data["excerpt"], user=user)
        _added_to(deal, user, f"{delivery.kind} delivery #{delivery.pk}")
        return delivery, f"Created a {delivery.kind} delivery #{delivery.pk} of {deal.slug}"
    contract = deal.contracts.filter(quantity=quantity, quantity_unit=unit).first()
    if contract:
        _cite_existing(contract, deal, source=source, excerpt=data["excerpt"], user=user)
        return contract, f"Linked to the existing contract #{contract.pk} of {deal.slug}"
    contract = _contract_citing(deal, source, draft.start, draft.end)
    if contract and contract.quantity is None:
        before = snapshot(contract)
        contract.quantity, contract.quantity_unit, contract.quantity_words = quantity, unit, words
        _changed(contract, user, before)
        _added_to(deal, user, f"the quantity of contract #{contract.pk}")
        return contract, f"Gave contract #{contract.pk} of {deal.slug} its quantity"
    contract = Contract(deal=deal, description=description, quantity=quantity, quantity_unit=unit, quantity_words=words)
    _dated(contract, data.get("date_words", ""), source, draft_date(draft))
    _save_new(contract, user)
    _created(contract, user)
    _cite(contract, source=source, excerpt=data["excerpt"], user=user)
    _added_to(deal, user, f"contract #{contract.pk}")
    return contract, f"Created contract #{contract.pk} of {deal.slug}"


def _accept_date(draft, data, user):
    article = draft.article
    _check_excerpt(article.text, data["excerpt"])
    source = _source_for(article, user)
    event = Event(kind=data["event_kind"], title=data["title"][:200], description=data.get("description", ""))
    _dated(event, data.get("date_words", ""), source, draft_date(draft))
    _save_new(event, user)
    event.countries.set(_country_codes(data.get("countries")))
    if deal := data.get("deal"):
        event.deals.set([deal])
    _created(event, user)
    _cite(event, source=source, excerpt=data["excerpt"], user=user)
    if deal:
        _added_to(deal, user, f"event #{event.pk}")
    return event, f"Created event #{event.pk}: {event.title[:80]}"


def _accept_country(draft, data, user):
    country = Country.objects.get(code=draft.value["code"])
    return country, f"Confirmed: the article names {country.name}"


def _accept_system(draft, data, user):
    system = system_matching(draft.value["slug"])
    if system is None:
        raise ValidationError("This weapon system is no longer in the base.")
    return system, f"Confirmed: the article names {system.name}"
