"""Recent changes, as the public sees them (/changes/ and its Atom feed): what was added,
corrected or removed in the knowledge base, when, with a link to each record that still has a
page. Never who: editors' accounts, and how a change was made (admin, ingestion), stay in
the admin's change history.

A page reads `PAGE_SIZE` changes (one more, to know whether older ones exist) in the order
they were recorded, newest first, from a position (`before=` / `after=` a change's number,
along the primary key), never past an OFFSET and never counting them all; the records to
link are read by key, one query per kind of record on the page. So a page costs the same
queries whether the history holds a hundred changes or a million."""
import re
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from lists.parameters import problems_as_text

from .models import Action, Change

PAGE_SIZE = 50
# Changes of these apps are public: the knowledge base's records. (Ingested articles and
# their drafts are editors' work in progress.)
PUBLIC_APPS = ("countries", "deals")
# What a record's address is built from, read with it (and no more of it: a source's text
# is long): a fact's page is its deal's, an excerpt's its source's.
URL_RELATED = {
    ("deals", "contract"): ("deal", ("deal__slug",)),
    ("deals", "delivery"): ("deal", ("deal__slug",)),
    ("deals", "citation"): ("source", ("source__slug",)),
    ("deals", "specification"): ("system", ("system__slug",)),
    ("countries", "countryalias"): ("country", ("country__code",)),
}
ACTION_WORDS = {Action.CREATED: "Added", Action.CHANGED: "Corrected", Action.DELETED: "Removed"}
# Records whose name holds what someone said (a statement's is its speaker and words, the
# words marked as its page marks them: a quote in quotation marks, reported speech as such):
# the name is shown as it is, never wrapped in quotation marks of its own, which would
# pass a paraphrase off as a quote.
NAMES_HOLDING_WORDS = {("deals", "statement")}


POSITION_MESSAGE = "Expected a change's number (a whole number), as the page's own links give it."
# A day or a time, as a reader might guess the positions are: they are changes' numbers.
DAY_LIKE = re.compile(r"[0-9]{4}-[0-9]{1,2}(?:-[0-9]{1,2})?(?:[T ].*)?")


class PositionProblem(ValueError):
    """A `before=`/`after=` that cannot be used: a 400 naming the parameter, with `message`."""

    def __init__(self, name, message=POSITION_MESSAGE, *, problems=None):
        self.problems = problems or {name: [message]}
        super().__init__("; ".join(f"{name}: {' '.join(messages)}" for name, messages in self.problems.items()))

    def as_text(self) -> str:
        """The problems as plain text, one "parameter: message" a line (the feed's 400)."""
        return problems_as_text(self.problems)


@dataclass
class PublicChange:
    pk: int
    at: object  # datetime
    action: str
    action_words: str
    kind: str  # "deal", "citation"…
    title: str
    title_holds_words: bool  # the title is what someone said: never put in quotation marks
    fields: list[str]  # the labels of the fields corrected
    url: str  # "" when the record no longer exists (or has no page)
    removed_since: bool  # the record was removed after this change


@dataclass
class ChangesPage:
    changes: list[PublicChange]
    newer: int | None  # `after=` for the newer page, None on the newest
    older: int | None  # `before=` for the older page, None on the oldest


def public_changes():
    return Change.objects.filter(content_type__app_label__in=PUBLIC_APPS)


def _position(query, name):
    values = query.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise PositionProblem(name, f"Give {name} only once; it takes a single value.")
    value = values[0]
    if DAY_LIKE.fullmatch(value.strip()):
        # Whether or not the day is real, it is no position: say what one is.
        raise PositionProblem(
            name, "Takes a change's number (a whole number, as the page's own links give it), not a day: "
            "the changes are paged in the order they were recorded, and each shows its day."
        )
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise PositionProblem(name)
    return int(value)


def changes_page(query, *, size=None) -> ChangesPage:
    """The page `query` (a QueryDict) asks for: the newest, `before=N` (older than change N)
    or `after=N` (newer than change N); a PositionProblem for a position that cannot be used."""
    size = size or PAGE_SIZE
    positions, problems = {}, {}
    for name in ("before", "after"):
        try:
            positions[name] = _position(query, name)
        except PositionProblem as problem:
            problems.update(problem.problems)
    if problems:  # each parameter's, at once
        raise PositionProblem("", problems=problems)
    before, after = positions["before"], positions["after"]
    if before is not None and after is not None:
        raise PositionProblem(
            "after", "Give before or after, not both: before=N shows the changes older than change N, "
            "after=N those newer than it."
        )
    rows = public_changes().select_related("content_type").only(
        "pk", "at", "action", "object_id", "object_repr", "fields",
        "content_type__app_label", "content_type__model",
    )
    if after is not None:
        read = list(rows.filter(pk__gt=after).order_by("pk")[: size + 1])
        more_newer = len(read) > size
        changes = list(reversed(read[:size]))
        newer = changes[0].pk if more_newer and changes else None
        older = changes[-1].pk if changes else after + 1
    else:
        if before is not None:
            rows = rows.filter(pk__lt=before)
        read = list(rows.order_by("-pk")[: size + 1])
        changes = read[:size]
        older = changes[-1].pk if len(read) > size else None
        if before is None:
            newer = None  # the newest page
        else:
            newer = changes[0].pk if changes else before - 1
    return ChangesPage(changes=describe(changes), newer=newer, older=older)


def describe(changes) -> list[PublicChange]:
    """Each change as the public page shows it, with a link to its record where the record
    still exists: the records read by key, one query per kind of record."""
    ids = defaultdict(set)
    for change in changes:
        if change.action != Action.DELETED:
            ids[change.content_type_id].add(change.object_id)
    addresses = {}
    for type_id, keys in ids.items():
        content_type = ContentType.objects.get_for_id(type_id)  # cached: read with the change
        model = content_type.model_class()
        if model is None or not hasattr(model, "get_absolute_url"):
            continue
        records = model._default_manager.order_by()
        related = URL_RELATED.get((content_type.app_label, content_type.model))
        pk_name = model._meta.pk.name
        if related:
            records = records.select_related(related[0]).only(pk_name, *related[1])
        else:
            records = records.only(*{pk_name, *_url_fields(model)})
        # The keys were stored as text; a record whose key no longer reads as one is gone.
        valid = [key for key in keys if _is_key(model, key)]
        for record in records.filter(pk__in=valid):
            addresses[type_id, str(record.pk)] = record.get_absolute_url()
    described = []
    for change in changes:
        model = change.content_type.model_class()
        url = addresses.get((change.content_type_id, change.object_id), "")
        deleted = change.action == Action.DELETED
        described.append(PublicChange(
            pk=change.pk,
            at=change.at,
            action=change.action,
            action_words=ACTION_WORDS.get(change.action, change.action),
            kind=str(model._meta.verbose_name) if model is not None else change.content_type.model,
            title=change.object_repr,
            title_holds_words=(change.content_type.app_label, change.content_type.model) in NAMES_HOLDING_WORDS,
            fields=[item.get("label") or item.get("field", "") for item in change.fields] if change.action == Action.CHANGED else [],
            url=url,
            removed_since=not deleted and not url and model is not None and hasattr(model, "get_absolute_url"),
        ))
    return described


def _url_fields(model):
    """The fields a page address is built from: a slug, a code, or the key alone."""
    names = {field.name for field in model._meta.concrete_fields}
    return [name for name in ("slug", "code") if name in names]


def _is_key(model, key):
    try:
        model._meta.pk.to_python(key)
    except Exception:  # a ValidationError of the key's field: not a key of this model
        return False
    return True

