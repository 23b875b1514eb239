"""Writes of the knowledge base: one service per fact (HackSoft style, keyword-only).

Each service creates or changes a record with its citations, runs ``full_clean()`` before
saving, takes the next version through the one optimistic lock
(``history.locking.save_versioned``) and writes the change record itself, so whoever calls
it — the ingestion assistant accepting a draft, the admin, a command — leaves the same
trace: who, when, via what, which fields, old and new values.

``resolve_date`` is the single place a date is derived from its words; the model's
``clean()``, the admin's date form and the ingest accept all call it.

A citation is given as ``(source, excerpt)``. Services run inside the caller's
transaction when there is one, and in their own otherwise, so a fact is never stored
without the citations it was created with.
"""
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.text import slugify

from countries.models import Country
from history.locking import save_versioned
from history.services import Action, change_record, snapshot

from . import approximate_dates, read_model
from .approximate_dates import ApproximateDate, DateBasis
from .models import (
    Citation,
    Contract,
    Deal,
    Delivery,
    Event,
    Organisation,
    Person,
    Source,
    Statement,
    WeaponSystem,
    is_editorial,
)

CitationSpec = tuple[Source, str]


# --- Dates -------------------------------------------------------------------------------


def resolve_date(
    *, words: str = "", edtf: str = "", basis: str = "", reference: "date | ApproximateDate | None" = None
) -> ApproximateDate | None:
    """What a date's words (or its EDTF form, when given) mean: None for no date.

    An EDTF form wins over the words and keeps the basis given (stated by default); words
    alone are parsed, relative ones ("last month") resolved against ``reference`` — the
    first cited source's publication date — and take the basis given, or the parser's.
    Raises ValidationError on the field the editor has to correct.
    """
    words, edtf = (words or "").strip(), (edtf or "").strip()
    if not words and not edtf:
        return None
    try:
        if edtf:
            return approximate_dates.from_edtf(edtf, words=words, basis=DateBasis(basis) if basis else DateBasis.STATED)
        parsed = approximate_dates.parse(words, reference=reference)
    except approximate_dates.DateError as error:
        raise ValidationError({"date_edtf" if edtf else "date_words": str(error)}) from None
    return replace(parsed, basis=DateBasis(basis)) if basis else parsed


def _set_date(record, parsed: ApproximateDate | None):
    if parsed is None:
        return
    record.date_words, record.date_edtf = parsed.words, parsed.edtf
    record.date_earliest, record.date_latest, record.date_basis = parsed.earliest, parsed.latest, parsed.basis.value


# --- Recording ---------------------------------------------------------------------------


def _create(obj, *, user, via: str, m2m: dict | None = None, citations: Iterable[CitationSpec] = ()):
    """Validate and save a new record, set its many-to-many fields, record it, then cite it."""
    with transaction.atomic():
        obj.full_clean()
        obj.save()
        for name, values in (m2m or {}).items():
            getattr(obj, name).set(values)
        read_model.records_refresh([obj], created=True)
        change_record(obj=obj, action=Action.CREATED, user=user, via=via)
        for source, excerpt in citations:
            citation_create(fact=obj, source=source, excerpt=excerpt, user=user, via=via)
    return obj


def _update(obj, *, loaded_version: int, user, via: str, fields: dict):
    """Change a versioned record's fields (many-to-many ones given as lists), validated,
    through the lock, and record old and new values."""
    m2m = {name: fields.pop(name) for name in list(fields) if obj._meta.get_field(name).many_to_many}
    with transaction.atomic():
        before = snapshot(obj)
        # What it touched before the change (a contract moved to another deal leaves the first).
        touched = read_model.records_affected([obj])
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.full_clean()
        save_versioned(obj, loaded_version=loaded_version)
        for name, values in m2m.items():
            getattr(obj, name).set(values)
        read_model.records_refresh([obj], affected=touched)
        change_record(obj=obj, action=Action.CHANGED, user=user, before=before, via=via)
    return obj


def fact_touched(*, fact, user, via: str, what: str) -> None:
    """An existing record gained something (a citation, a contract, a delivery, a statement):
    its last-changed time moves, and its history says what was added. Its version stays, so
    an editor who has it open in the admin can still save."""
    before = {"updated_at": _when(fact.updated_at)}
    fact.save(update_fields=["updated_at"])
    change_record(obj=fact, action=Action.CHANGED, user=user, via=via,
                  before=before, after={"updated_at": f"{_when(fact.updated_at)}: added {what}"})


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M:%S}" if moment else ""


def unique_slug(model, text: str) -> str:
    base = slugify(text)[:90] or model._meta.model_name
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- Sources, citations, people ----------------------------------------------------------


def source_create(
    *, slug: str, title: str, text: str, outlet: Organisation | None = None, date: ApproximateDate,
    language: str = "en", notes: str = "", url: str = "", user, via: str,
) -> Source:
    source = Source(slug=slug, title=title, outlet=outlet, text=text, language=language, notes=notes, url=url)
    _set_date(source, date)
    return _create(source, user=user, via=via)


def citation_create(*, fact, source: Source, excerpt: str, user, via: str) -> Citation:
    """Cite a fact (deal, contract, delivery, statement, event or specification)."""
    citation = Citation(source=source, excerpt=excerpt, **{fact._meta.model_name: fact})
    return _create(citation, user=user, via=via)


def fact_cite(*, fact, source: Source, excerpt: str, user, via: str) -> Citation | None:
    """A citation of the fact, unless it already cites this excerpt of this source (None)."""
    target = fact._meta.model_name
    if Citation.objects.filter(source=source, excerpt=excerpt, **{target: fact}).exists():
        return None
    try:
        return citation_create(fact=fact, source=source, excerpt=excerpt, user=user, via=via)
    except ValidationError as error:
        raise ValidationError({"excerpt": error.message_dict.get("excerpt", error.messages)}) from None


def person_create(*, name: str, country: Country | None = None, description: str = "", user, via: str) -> Person:
    person = Person(slug=unique_slug(Person, name), name=name, country=country, description=description)
    return _create(person, user=user, via=via)


# --- Facts -------------------------------------------------------------------------------


def deal_create(
    *, supplier: Country, recipient: Country, system: WeaponSystem | None, subject: str, status: str,
    summary: str, slug: str = "", disputed: bool = False, citations: Iterable[CitationSpec], user, via: str,
) -> Deal:
    slug = slug or unique_slug(Deal, f"{supplier.pk}-{recipient.pk}-{system.slug if system else subject}")
    deal = Deal(slug=slug, supplier=supplier, recipient=recipient, system=system, subject=subject,
                status=status, summary=summary, disputed=disputed)
    return _create(deal, user=user, via=via, citations=citations)


def organisation_create(*, name: str, kind: str, country: Country | None = None, user, via: str) -> Organisation:
    organisation = Organisation(slug=unique_slug(Organisation, name), name=name, kind=kind, country=country)
    return _create(organisation, user=user, via=via)


def weapon_system_create(
    *, name: str, category: str, maker_country: Country, description: str = "", user, via: str
) -> WeaponSystem:
    system = WeaponSystem(slug=unique_slug(WeaponSystem, name), name=name, category=category,
                          maker_country=maker_country, description=description)
    return _create(system, user=user, via=via)


def deal_update(*, deal: Deal, loaded_version: int, user, via: str, **fields) -> Deal:
    return _update(deal, loaded_version=loaded_version, user=user, via=via, fields=fields)


def contract_create(
    *, deal: Deal, description: str, date: ApproximateDate | None = None,
    value_amount=None, value_currency: str = "", value_words: str = "",
    quantity: int | None = None, quantity_unit: str = "", quantity_words: str = "",
    citations: Iterable[CitationSpec], user, via: str,
) -> Contract:
    contract = Contract(deal=deal, description=description, value_amount=value_amount, value_currency=value_currency,
                        value_words=value_words, quantity=quantity, quantity_unit=quantity_unit,
                        quantity_words=quantity_words)
    _set_date(contract, date)
    return _create(contract, user=user, via=via, citations=citations)


def contract_update(*, contract: Contract, loaded_version: int, user, via: str, **fields) -> Contract:
    return _update(contract, loaded_version=loaded_version, user=user, via=via, fields=fields)


def delivery_create(
    *, deal: Deal, kind: str, description: str, contract: Contract | None = None, date: ApproximateDate | None = None,
    quantity: int | None = None, quantity_unit: str = "", quantity_words: str = "",
    citations: Iterable[CitationSpec], user, via: str,
) -> Delivery:
    delivery = Delivery(deal=deal, contract=contract, kind=kind, description=description, quantity=quantity,
                        quantity_unit=quantity_unit, quantity_words=quantity_words)
    _set_date(delivery, date)
    return _create(delivery, user=user, via=via, citations=citations)


def delivery_update(*, delivery: Delivery, loaded_version: int, user, via: str, **fields) -> Delivery:
    return _update(delivery, loaded_version=loaded_version, user=user, via=via, fields=fields)


def statement_create(
    *, text: str, mode: str, stance: str, speaker: Person | None = None, organisation: Organisation | None = None,
    speaker_role: str = "", medium: Organisation | None = None, setting: str = "", date: ApproximateDate | None = None,
    deals: Iterable[Deal] = (), countries: Iterable[Country] = (), citations: Iterable[CitationSpec], user, via: str,
) -> Statement:
    statement = Statement(speaker=speaker, organisation=organisation, speaker_role=speaker_role, medium=medium,
                          setting=setting, text=text, mode=mode, stance=stance)
    _set_date(statement, date)
    return _create(statement, user=user, via=via, m2m={"countries": list(countries), "deals": list(deals)},
                   citations=citations)


def statement_update(*, statement: Statement, loaded_version: int, user, via: str, **fields) -> Statement:
    return _update(statement, loaded_version=loaded_version, user=user, via=via, fields=fields)


def event_create(
    *, kind: str, title: str, description: str = "", date: ApproximateDate | None = None,
    deals: Iterable[Deal] = (), countries: Iterable[Country] = (), citations: Iterable[CitationSpec], user, via: str,
) -> Event:
    event = Event(kind=kind, title=title, description=description)
    _set_date(event, date)
    return _create(event, user=user, via=via, m2m={"countries": list(countries), "deals": list(deals)},
                   citations=citations)


def event_update(*, event: Event, loaded_version: int, user, via: str, **fields) -> Event:
    return _update(event, loaded_version=loaded_version, user=user, via=via, fields=fields)


def citation_update(*, citation: Citation, loaded_version: int, user, via: str, **fields) -> Citation:
    return _update(citation, loaded_version=loaded_version, user=user, via=via, fields=fields)


def record_save(*, obj, user, via: str, loaded_version: int | None = None, clean: bool = True, related=None):
    """Save a new or changed record a caller has built (an admin form, an inline row), then
    what hangs on it (``related``: its many-to-many values, the admin's inline rows), and
    record it: created, or changed with its stored values before as the old ones.

    A changed record with a ``version`` is saved through the lock when ``loaded_version`` is
    given. ``clean=False`` when the caller has just validated it with the context only the
    caller has: the admin's ModelForm runs the model's ``full_clean`` and resolves relative
    date words against the source chosen in the form, which the record does not cite yet.
    """
    with transaction.atomic():
        adding = obj._state.adding
        stored = None if adding else type(obj)._default_manager.get(pk=obj.pk)
        before = None if adding else snapshot(stored)
        touched = read_model.records_affected([stored] if stored else [])
        if clean:
            obj.full_clean()
        if not adding and loaded_version is not None and hasattr(obj, "version"):
            save_versioned(obj, loaded_version=loaded_version)
        else:
            obj.save()
        if related is not None:
            related()
        read_model.records_refresh([obj], affected=touched, created=adding)
        change_record(obj=obj, action=Action.CREATED if adding else Action.CHANGED, user=user, before=before, via=via)
    return obj


def record_delete(*, record, user, via: str) -> None:
    """Delete a record, keeping its stored values, and those of every record its deletion
    takes with it (a deal's contracts, deliveries and citations), in their history."""
    _delete_recorded(type(record)._default_manager.filter(pk=record.pk), user=user, via=via)


def records_delete(*, queryset, user, via: str) -> None:
    """Delete every record of a queryset in one go (the admin's bulk delete), keeping each
    one's values, and those of the records the deletion cascades to, in their history."""
    _delete_recorded(queryset, user=user, via=via)


def _delete_recorded(queryset, *, user, via: str) -> None:
    with transaction.atomic():
        # Read before the delete: afterwards a cascaded row's relations can no longer be followed.
        rows = [(obj.pk, obj, snapshot(obj), str(obj)) for obj in _deleted_with(list(queryset))]
        touched = read_model.records_affected([obj for _, obj, _, _ in rows], deleting=True)
        queryset.delete()
        read_model.records_refresh(affected=touched, using=queryset.db)
        for pk, obj, before, label in rows:
            obj.pk = pk
            change_record(obj=obj, action=Action.DELETED, user=user, before=before, via=via, object_repr=label)


def _deleted_with(records: list) -> list:
    """The records, then every knowledge-base row that deleting them deletes too (what the
    database would cascade to, as Django's own delete collects it); not the tables derived from them."""
    if not records:
        return []
    collector = Collector(using=router.db_for_write(type(records[0])))
    collector.collect(records)
    keys = {(type(obj), obj.pk) for instances in collector.data.values() for obj in instances}
    keys |= {(type(obj), obj.pk) for rows in collector.fast_deletes for obj in rows}
    keys -= {(type(obj), obj.pk) for obj in records}
    by_model = {}
    for model, pk in keys:
        if is_editorial(model) and model._meta.app_label in ("deals", "countries"):
            by_model.setdefault(model, []).append(pk)
    # The collector loads only what deleting needs; the history wants every field.
    return records + [
        obj for model, pks in sorted(by_model.items(), key=lambda item: item[0]._meta.label)
        for obj in model._default_manager.filter(pk__in=pks).order_by("pk")
    ]
