"""Accepting an ingestion draft: mapping what the editor confirmed on the review form to a
call of the knowledge base's write services (``deals.services``), in one transaction.

The services validate, save, take versions through the one lock and write the change
records; what stays here is ingest's own part — finding the records a draft names (people
by name, systems by alias, the deal the form links), the article's Source on the first
accepted draft, and the optimistic lock of the deal form. If any of it is invalid, nothing
is written.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from countries.models import Country
from deals import services
from deals.consistency import status_contradictions
from deals.models import Contract, Deal, DealStatus, Organisation, OrganisationKind, Source, ValueCertainty
from deals.models.sources import check_excerpt
from history.locking import EditConflict, check_version

from .extract import Kind
from .models import Article, Draft, DraftStatus
from .selectors import government_name, organisation_matching, person_matching, system_matching
from .services import (
    NEW_DEAL,
    check_pending,
    date_recorded,
    delivery_carrying,
    draft_date,
    draft_initial,
    figure_deal,
    record_named,
    without_dateline,
)

VIA = "ingest"

# What accepting each kind writes, for the permission check.
WRITES = {
    Kind.STATEMENT: ["deals.add_statement", "deals.add_citation"],
    Kind.DEAL: ["deals.add_deal", "deals.add_citation"],
    Kind.MONEY: ["deals.add_contract", "deals.change_contract", "deals.change_deal", "deals.add_citation"],  # a reported value is the deal's
    Kind.QUANTITY: ["deals.add_contract", "deals.change_contract", "deals.add_delivery", "deals.add_citation"],
    Kind.DATE: ["deals.add_event", "deals.add_citation"],
    Kind.DELIVERY: ["deals.add_delivery", "deals.add_citation"],
    Kind.COUNTRY: [],
    Kind.SYSTEM: [],
    Kind.ORGANISATION: ["deals.add_organisation"],
}
# A system draft the base does not know creates the system.
NEW_SYSTEM_WRITES = ["deals.add_weaponsystem"]


def draft_accept(*, draft: Draft, user, data: dict | None = None) -> Draft:
    """Create or link the draft's record with its citation, in one transaction.

    ``data`` holds the editor's corrections (the review form's cleaned data); missing keys
    take the draft's own values. Raises ValidationError, writing nothing, when the result
    would break a rule of the knowledge base.
    """
    writes = NEW_SYSTEM_WRITES if draft.kind == Kind.SYSTEM and not draft.value.get("slug") else WRITES[draft.kind]
    if not user.has_perms(["ingest.change_draft", "deals.add_source", *writes]):
        raise PermissionDenied("You may not accept drafts of this kind.")
    data = {**draft_initial(draft), **(data or {})}
    with transaction.atomic():
        draft = Draft.objects.select_for_update().select_related("article").get(pk=draft.pk)
        check_pending(draft)
        accept = {
            Kind.STATEMENT: _accept_statement,
            Kind.DEAL: _accept_deal,
            Kind.MONEY: _accept_money,
            Kind.QUANTITY: _accept_quantity,
            Kind.DATE: _accept_date,
            Kind.DELIVERY: _accept_delivery,
            Kind.COUNTRY: _accept_country,
            Kind.SYSTEM: _accept_system,
            Kind.ORGANISATION: _accept_organisation,
        }[draft.kind]
        record, description = accept(draft, data, user)
        draft.status, draft.decided_by, draft.decided_at = DraftStatus.ACCEPTED, user, timezone.now()
        draft.result = description[:300]
        draft.result_url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
        draft.value = {**draft.value, "accepted": {"model": record._meta.model_name, "pk": str(record.pk)}}
        if draft.kind == Kind.DEAL:
            # Saved, and said: a status its facts do not support yet (see deals.consistency).
            draft.value["warnings"] = [c.message for c in status_contradictions(deal=record)]
        draft.save()
    return draft


def draft_link_recorded(*, draft: Draft, user) -> str:
    """Accept a date draft as the record its sentence already gave that date (an accepted
    delivery, contract or statement), making no second event, and say which record; "",
    changing nothing, when there is none. Only the draft is written: the record cites the
    sentence already."""
    if not user.has_perm("ingest.change_draft"):
        raise PermissionDenied("You may not decide drafts.")
    with transaction.atomic():
        draft = Draft.objects.select_for_update().select_related("article").get(pk=draft.pk)
        check_pending(draft)
        found = date_recorded(draft) if draft.kind == Kind.DATE else None
        if found is None:
            return ""
        record, by = found
        named = f"{record_named(record)} (from draft #{by.pk})"
        draft.status, draft.decided_by, draft.decided_at = DraftStatus.ACCEPTED, user, timezone.now()
        draft.result = f"Recorded already by {named}: no second event was made"[:300]
        draft.result_url = record.get_absolute_url()
        draft.value = {**draft.value, "accepted": {"model": record._meta.model_name, "pk": str(record.pk)}}
        draft.save()
    return named


# --- Looking up what a draft names --------------------------------------------------------


def _source_for(article: Article, user) -> Source:
    """The article's Source, created from it when the first draft is accepted."""
    if article.source_id:
        return article.source
    source = services.source_create(
        slug=f"{slugify(article.title)[:80] or 'article'}-{article.fingerprint[:8]}",
        title=article.title,
        outlet=article.outlet,
        text=article.text,
        url=article.url,
        date=article.approximate_date,
        notes=f"Ingested by {user.get_username()} on {timezone.now():%Y-%m-%d}; "
        f"publication date as the editor typed it: “{article.date_words}”.",
        user=user,
        via=VIA,
    )
    article.source = source
    article.save(update_fields=["source"])
    return source


def _excerpt(draft: Draft, data) -> str:
    # The article is not a Source yet, so the check names it as the article.
    check_excerpt(text=draft.article.text, excerpt=data["excerpt"], within="article")
    return data["excerpt"]


def _date(draft: Draft, data, source: Source):
    """Words as drafted keep the date the review page showed for them ("A year earlier"
    resolved against the date before it, "At the time"); words the editor typed instead
    resolve against the publication date."""
    words, drafted = (data.get("date_words") or "").strip(), draft_date(draft)
    try:
        if drafted and words and words == drafted.get("words"):
            return services.resolve_date(words=words, edtf=drafted["edtf"], basis=drafted["basis"])
        return services.resolve_date(words=words, reference=source.approximate_date)
    except ValidationError as error:
        raise ValidationError({"date_words": error.messages}) from None


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




# --- One mapping per kind ----------------------------------------------------------------


def _speaker_body(draft, name: str, user) -> tuple[Organisation | None, str]:
    """The body a statement is credited to, and how accepting found it. A country's speakers
    ("a Vietnamese official said", "Hanoi said") speak for its government: when the form keeps
    the name the review page proposed and the base has no such body, it is created, and said so."""
    code = draft.value.get("speaker_country", "") if draft.value.get("speaker_kind") == "country" else ""
    if name and code and name.casefold() == government_name(code).casefold() and organisation_matching(name) is None:
        name = government_name(code)
        if not user.has_perm("deals.add_organisation"):
            raise ValidationError({"organisation": f"{name} is not in the base yet, and you may not add bodies: "
                                                   "ask an editor who may, or give a body that is in the base."})
        country = Country.objects.get(code=code)
        body = services.organisation_create(name=name, kind=OrganisationKind.GOVERNMENT, country=country, user=user, via=VIA)
        return body, f" (created the body {body.name})"
    return _organisation(name, "organisation"), ""


def _accept_statement(draft, data, user):
    excerpt = _excerpt(draft, data)
    _check_role(draft, data)
    organisation, created = _speaker_body(draft, (data.get("organisation") or "").strip(), user)
    medium = _organisation(data.get("medium", ""), "medium")
    person = None
    if name := (data.get("speaker") or "").strip():
        person = person_matching(name) or services.person_create(
            name=name, country=Country.objects.filter(code=draft.value.get("speaker_country") or "").first(),
            user=user, via=VIA,
        )
    if person is None and organisation is None:
        if draft.value.get("unnamed"):
            raise ValidationError({"organisation": (
                f"The article does not name this speaker ({draft.value.get('role') or 'unnamed'}): give the body "
                "they speak for here (add it in the admin first if it is new), or the person if the article names them."
            )})
        raise ValidationError({"speaker": "Say who spoke: a person, or a body in the organisation field."})
    source = _source_for(draft.article, user)
    deal = data.get("deal")
    statement = services.statement_create(
        speaker=person, organisation=organisation, speaker_role=data.get("role", "")[:200], medium=medium,
        setting=data.get("setting", "")[:200], text=data["text"], mode=data["mode"], stance=data["stance"],
        date=_date(draft, data, source), countries=_country_codes(data.get("countries")),
        deals=[deal] if deal else [], citations=_citing(source, excerpt), user=user, via=VIA,
    )
    if deal:
        services.fact_touched(fact=deal, user=user, via=VIA, what=f"statement #{statement.pk} ({statement.attribution})")
    return statement, f"Created statement #{statement.pk} by {statement.attribution}{created}"


def _citing(source: Source, excerpt: str):
    """The citation a new record is created with; its errors are the excerpt's."""
    return [(source, excerpt)]


def _deal_linked(data) -> Deal | None:
    """The existing deal the editor chose on the form, or None for a new one."""
    link = str(data.get("link") or NEW_DEAL)
    if link == NEW_DEAL:
        return None
    deal = Deal.objects.select_for_update().filter(pk=link).first() if link.isdigit() else None
    if deal is None:
        raise ValidationError({"link": "That deal is no longer in the base; choose another, or a new deal."})
    return deal


def _loaded_version(deal: Deal | None, data, status: str) -> int | None:
    """The optimistic lock of the deal form: it carries the deal it described and that deal's
    version ("pk:version"), so an accept never changes a deal whose state the editor did not
    see. Returns the version to save the linked deal with."""
    loaded = str(data.get("loaded_version") or "")
    if not loaded:
        raise ValidationError("This form did not say which version of the deal it showed, so nothing was written. "
                              "Reload the review page and accept again.")
    if deal is None:
        return None
    shown_pk, _, shown_version = loaded.partition(":")
    if shown_pk == str(deal.pk):
        version = int(shown_version) if shown_version.isdigit() else -1
        try:
            check_version(deal, loaded_version=version)
        except EditConflict:
            raise _deal_moved(deal, shown_version) from None
        return version
    if status != deal.status:
        raise ValidationError(
            f"Accepting would change {deal.slug}’s status from {deal.get_status_display().lower()} to "
            f"{DealStatus(status).label.lower()}, which the form did not show when you chose that deal. Nothing "
            "was written: the form below now shows it; accept again to confirm."
        )
    return deal.version


def _deal_moved(deal: Deal, shown_version: str) -> ValidationError:
    deal.refresh_from_db()
    return ValidationError(
        f"{deal.slug} was changed by someone else after you opened this page (you loaded version {shown_version}; "
        f"it is now version {deal.version}, status {deal.get_status_display().lower()}). Nothing was written: "
        "check what accepting does now, shown below, and accept again."
    )


def _accept_deal(draft, data, user):
    excerpt = _excerpt(draft, data)
    system = system_matching(data.get("system", "")) if data.get("system") else None
    if data.get("system") and system is None:
        raise ValidationError({"system": f"No weapon system named “{data['system']}” is in the base."})
    supplier, recipient = (data.get("supplier") or "").upper(), (data.get("recipient") or "").upper()
    for field, code in (("supplier", supplier), ("recipient", recipient)):
        if not Country.objects.filter(code=code).exists():
            raise ValidationError({field: f"Unknown country code “{code}”."})
    status = data.get("status") or "reported"
    deal = _deal_linked(data)
    version = _loaded_version(deal, data, status)
    if deal and (deal.supplier_id, deal.recipient_id, deal.system_id) != (supplier, recipient, system.pk if system else None):
        raise ValidationError({"link": f"{deal.slug} is {deal}, not {supplier} → {recipient}: "
                                       f"{system or 'an unnamed system'}; link another deal, or a new one."})
    source = _source_for(draft.article, user)
    if deal:
        if status != deal.status:
            refused = [c.message for c in status_contradictions(deal=deal, status=status) if c.refused]
            if refused:
                raise ValidationError({"status": refused})
            was = deal.get_status_display().lower()
            try:
                services.deal_update(deal=deal, loaded_version=version, user=user, via=VIA, status=status)
            except EditConflict:
                raise _deal_moved(deal, str(version)) from None
            services.fact_cite(fact=deal, source=source, excerpt=excerpt, user=user, via=VIA)
            return deal, f"Linked to the existing deal {deal.slug} and changed its status from {was} to {deal.get_status_display().lower()}"
        if services.fact_cite(fact=deal, source=source, excerpt=excerpt, user=user, via=VIA):
            services.fact_touched(fact=deal, user=user, via=VIA, what=f"a citation of {source.slug}")
        return deal, f"Linked to the existing deal {deal.slug} (status {deal.get_status_display().lower()}, unchanged)"
    subject = data.get("subject") or (f"{system.name} systems" if system else "arms")
    deal = services.deal_create(
        supplier=Country.objects.get(code=supplier), recipient=Country.objects.get(code=recipient), system=system,
        subject=subject[:200], status=status, summary=data.get("summary") or without_dateline(excerpt),
        citations=_citing(source, excerpt), user=user, via=VIA,
    )
    return deal, f"Created the deal {deal.slug}"


def _require_deal(data, draft: Draft) -> Deal:
    """The deal the form chose; when none, a sum or count says why none was proposed."""
    if not data.get("deal"):
        wanting = figure_deal(draft).wanting if draft.kind in (Kind.MONEY, Kind.QUANTITY) else ""
        raise ValidationError({"deal": f"Choose the deal this figure belongs to: {wanting}." if wanting else
                                       "Choose the deal this figure belongs to (accept the deal draft first if it is new)."})
    return data["deal"]


def _contract_citing(deal: Deal, source: Source, start: int, end: int) -> Contract | None:
    """A contract of the deal already cited from the same passage of this source."""
    return _citing_passage(deal.contracts, source, start, end)


def _citing_passage(records, source: Source, start: int, end: int):
    """The first of the records (a deal's contracts or deliveries) cited from the passage
    start..end of this source."""
    for record in records.filter(citations__source=source).distinct():
        for citation in record.citations.filter(source=source):
            at = source.text.find(citation.excerpt)
            if at >= 0 and at < end and start < at + len(citation.excerpt):
                return record
    return None


def _cite_existing(record, deal: Deal, *, source: Source, excerpt: str, user):
    """Cite an existing contract or delivery of the deal; both show that they changed."""
    if services.fact_cite(fact=record, source=source, excerpt=excerpt, user=user, via=VIA):
        services.fact_touched(fact=record, user=user, via=VIA, what=f"a citation of {source.slug}")
        services.fact_touched(fact=deal, user=user, via=VIA,
                              what=f"a citation of {source.slug} to {record._meta.verbose_name} #{record.pk}")


def _figure(draft, data, user, *, match: dict, fill: dict, what: str):
    """A money or quantity draft: cite the deal's contract with this figure, give it to the
    contract cited from the same passage that lacks it, or create a contract."""
    excerpt, deal = _excerpt(draft, data), _require_deal(data, draft)
    source = _source_for(draft.article, user)
    contract = deal.contracts.filter(**match).first()
    if contract:
        _cite_existing(contract, deal, source=source, excerpt=excerpt, user=user)
        return contract, f"Linked to the existing contract #{contract.pk} of {deal.slug}"
    contract = _contract_citing(deal, source, draft.start, draft.end)
    if contract and getattr(contract, next(iter(match))) is None:
        services.contract_update(contract=contract, loaded_version=contract.version, user=user, via=VIA, **fill)
        services.fact_touched(fact=deal, user=user, via=VIA, what=f"the {what} of contract #{contract.pk}")
        return contract, f"Gave contract #{contract.pk} of {deal.slug} its {what}"
    if (stage := DealStatus(deal.status).stage) is not None and stage < DealStatus.SIGNED.stage:
        # a contract says the deal was signed: not of a deal only offered, reported or in talks
        how = " or record it as a reported or expected value (certainty)" if what == "value" else ""
        raise ValidationError({"deal": (
            f"{deal.slug} is {deal.get_status_display().lower()}: a contract would say it was signed, which its status "
            f"does not. Accept a deal draft that says it was signed first, choose a signed deal{how}, or reject this figure.")})
    contract = services.contract_create(
        deal=deal, description=(data.get("description") or without_dateline(excerpt))[:300], date=_date(draft, data, source),
        citations=_citing(source, excerpt), user=user, via=VIA, **fill,
    )
    services.fact_touched(fact=deal, user=user, via=VIA, what=f"contract #{contract.pk}")
    return contract, f"Created contract #{contract.pk} of {deal.slug}"


def _accept_money(draft, data, user):
    amount, currency = data["amount"], data["currency"].upper()
    certainty = data.get("certainty") or "stated"
    if certainty in ValueCertainty.values:
        return _reported_value(draft, data, user, amount=amount, currency=currency, certainty=certainty)
    fill = {"value_amount": amount, "value_currency": currency, "value_words": data.get("value_words", "")[:200]}
    return _figure(draft, data, user, match={"value_amount": amount, "value_currency": currency}, fill=fill, what="value")


def _reported_value(draft, data, user, *, amount, currency, certainty):
    """A figure from reports or hedged wording ("could reach three billion dollars") is the
    deal's reported value, cited; never a signed contract's value."""
    excerpt, deal = _excerpt(draft, data), _require_deal(data, draft)
    source = _source_for(draft.article, user)
    fields = {"reported_value_amount": amount, "reported_value_currency": currency,
              "reported_value_words": data.get("value_words", "")[:200], "reported_value_certainty": certainty}
    held = f"{deal.reported_value_currency} {deal.reported_value_amount:,.0f}" if deal.reported_value_amount is not None else ""
    if held and (deal.reported_value_amount, deal.reported_value_currency) != (amount, currency):
        # A deal holds one reported value: another report's figure must not silently replace it.
        raise ValidationError({"deal": (
            f"{deal.slug} already has {_a(deal.get_reported_value_certainty_display().lower())} value, {held}"
            f"{f' (“{deal.reported_value_words}”)' if deal.reported_value_words else ''}, from another report. "
            "If this figure is of another contract or purchase, choose or create that deal; if it supersedes the "
            "one held, change the deal's reported value in its form; otherwise reject this draft.")})
    if not held:
        try:
            services.deal_update(deal=deal, loaded_version=deal.version, user=user, via=VIA, **fields)
        except EditConflict:
            raise _deal_moved(deal, str(deal.version)) from None
    services.fact_cite(fact=deal, source=source, excerpt=excerpt, user=user, via=VIA)
    if held:
        # the same sum told again: this report is cited, the value as first recorded (its words, its certainty) kept
        return deal, f"Cited this report for the value {deal.slug} already holds, {held}"
    label = ValueCertainty(certainty).label.lower()
    return deal, f"Recorded {currency} {amount:,.0f} as the {label} value of {deal.slug} (not a signed contract)"


def _accept_delivery(draft, data, user):
    excerpt, deal = _excerpt(draft, data), _require_deal(data, draft)
    source = _source_for(draft.article, user)
    quantity = data.get("quantity")
    delivery = services.delivery_create(
        deal=deal, kind=data["delivery_kind"], description=(data.get("description") or without_dateline(excerpt))[:300],
        date=_date(draft, data, source), quantity=quantity, quantity_unit=data.get("unit", "") if quantity is not None else "",
        quantity_words=data.get("quantity_words", "")[:200] if quantity is not None else "",
        citations=_citing(source, excerpt), user=user, via=VIA,
    )
    services.fact_touched(fact=deal, user=user, via=VIA, what=f"{delivery.kind} delivery #{delivery.pk}")
    return delivery, f"Created {_a(delivery.kind)} delivery #{delivery.pk} of {deal.slug}"


def _accept_quantity(draft, data, user):
    quantity, unit, words = data["quantity"], data["unit"], data.get("quantity_words", "")[:200]
    fill = {"quantity": quantity, "quantity_unit": unit, "quantity_words": words}
    if data.get("target", "contract") == "contract":
        return _figure(draft, data, user, match={"quantity": quantity, "quantity_unit": unit}, fill=fill, what="quantity")
    excerpt, deal = _excerpt(draft, data), _require_deal(data, draft)
    source = _source_for(draft.article, user)
    told = _citing_passage(deal.deliveries.filter(kind=data["target"], quantity=quantity), source, draft.start, draft.end)
    if told is not None:
        _cite_existing(told, deal, source=source, excerpt=excerpt, user=user)
        return told, f"Linked to the existing {told.kind} delivery #{told.pk} of {deal.slug}"
    carrying = delivery_carrying(draft)
    if carrying is not None and carrying.status == DraftStatus.PENDING:
        # the sentence's delivery draft records this count with its date: one hand-over, not two
        raise ValidationError({"target": (
            f"This is the count of the delivery drafted from the same sentence (draft #{carrying.pk}): accept that "
            "draft, which records the hand-over with its count and date, then this one links to it.")})
    if carrying is not None and carrying.status == DraftStatus.REJECTED:
        raise ValidationError({"target": (
            f"This is the count of the delivery drafted from the same sentence (draft #{carrying.pk}), which was "
            "rejected: reject this count too, undo that rejection, or choose the contract.")})
    delivery = services.delivery_create(
        deal=deal, kind=data["target"], description=(data.get("description") or without_dateline(excerpt))[:300],
        date=_date(draft, data, source), citations=_citing(source, excerpt), user=user, via=VIA, **fill,
    )
    services.fact_touched(fact=deal, user=user, via=VIA, what=f"{delivery.kind} delivery #{delivery.pk}")
    return delivery, f"Created {_a(delivery.kind)} delivery #{delivery.pk} of {deal.slug}"


def _accept_date(draft, data, user):
    excerpt = _excerpt(draft, data)
    source = _source_for(draft.article, user)
    deal = data.get("deal")
    event = services.event_create(
        kind=data["event_kind"], title=data["title"][:200], description=data.get("description", ""),
        date=_date(draft, data, source), countries=_country_codes(data.get("countries")),
        deals=[deal] if deal else [], citations=_citing(source, excerpt), user=user, via=VIA,
    )
    if deal:
        services.fact_touched(fact=deal, user=user, via=VIA, what=f"event #{event.pk}")
    return event, f"Created event #{event.pk}: {event.title[:80]}"


def _accept_country(draft, data, user):
    country = Country.objects.get(code=draft.value["code"])
    return country, f"Confirmed: the article names {country.name}"


def _accept_system(draft, data, user):
    if not draft.value.get("slug"):
        return _new_system(draft, data, user)
    system = system_matching(draft.value["slug"])
    if system is None:
        raise ValidationError("This weapon system is no longer in the base.")
    return system, f"Confirmed: the article names {system.name}"


def _new_system(draft, data, user):
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": "Give the system's name."})
    if (existing := system_matching(name)) is not None:
        return existing, f"Confirmed: the article names {existing.name}, already in the base"
    maker = Country.objects.filter(code=(data.get("maker_country") or "").strip().upper()).first()
    if maker is None:
        raise ValidationError({"maker_country": "Give the ISO code of the country that makes it."})
    system = services.weapon_system_create(name=name, category=data["category"], maker_country=maker, user=user, via=VIA)
    return system, f"Created the weapon system {system.name}"


def _accept_organisation(draft, data, user):
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": "Give the body's name."})
    if (existing := organisation_matching(name)) is not None:
        return existing, f"Confirmed: {existing.name} is already in the base"
    code = (data.get("country") or "").strip().upper()
    country = Country.objects.filter(code=code).first() if code else None
    if code and country is None:
        raise ValidationError({"country": f"Unknown country code “{code}”."})
    organisation = services.organisation_create(
        name=name, kind=data.get("organisation_kind") or data.get("kind", ""), country=country, user=user, via=VIA,
    )
    return organisation, f"Created the organisation {organisation.name}"


def _a(word: str) -> str:
    """"an actual", "a planned"."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"
