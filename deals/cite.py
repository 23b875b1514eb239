"""Citing a page of the knowledge base: what a reader pastes into a footnote or a reference
manager, in plain text, BibTeX and CSL-JSON, built from one `PageReference` — the record's
title, its permanent address, the day it was read (the access date) and the knowledge
base's data version.

Each record page offers the three in its "Cite this page" block (`{% cite_this %}` in
`deals/templatetags/citing.py`), and /cite/<kind>/<key>.<bib|json|txt> serves them as
files (`deals/views/cite.py`). The access date is today in the site's time zone, so the
page cache keys pages by that day too (config/caching.py)."""
import datetime
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Model
from django.utils import timezone

from countries.models import Country
from deals.models import Deal, Event, Organisation, Person, Source, Statement, WeaponSystem
from deals.templatetags.browsing import date_label, day_in_words
from history.selectors import data_version

PUBLISHER = "S-400 deals knowledge base"
AUTHOR = "S-400 deals knowledge base editors"

# kind in the address → (model, the field its key is, what its key looks like)
KINDS: dict[str, tuple[type[Model], str, str]] = {
    "deal": (Deal, "slug", r"[-a-zA-Z0-9_]+"),
    "statement": (Statement, "pk", r"[0-9]{1,18}"),
    "person": (Person, "slug", r"[-a-zA-Z0-9_]+"),
    "organisation": (Organisation, "slug", r"[-a-zA-Z0-9_]+"),
    "source": (Source, "slug", r"[-a-zA-Z0-9_]+"),
    "country": (Country, "code", r"[A-Za-z]{2}"),
    "system": (WeaponSystem, "slug", r"[-a-zA-Z0-9_]+"),
    "event": (Event, "pk", r"[0-9]{1,18}"),
}
# What each kind's page needs to write its title, read with the record.
RELATED = {
    "statement": ("speaker", "organisation"),
}
FORMATS = {
    "bib": "application/x-bibtex; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


def kind_of(record) -> str:
    for kind, (model, _field, _pattern) in KINDS.items():
        if isinstance(record, model):
            return kind
    raise TypeError(f"{type(record).__name__} has no page to cite")


def key_of(record) -> str:
    return str(getattr(record, KINDS[kind_of(record)][1]))


def title_of(record) -> str:
    """The title the record's page shows as its heading. A statement's adds its date as
    `date_label` reads it, uncertainty kept ("mid-Jun 2019", "2016?"), and its first words:
    one speaker's statements cite differently, those of one day included (a Qatari envoy's
    four of 9 June 2021, from one interview)."""
    if isinstance(record, Deal):
        return record.label  # the deal's one name (`Deal.label`)
    if isinstance(record, Statement):
        said = date_label(record.approximate_date)
        return f"Statement by {record.attribution}{', ' + said if said else ''}: “{first_words(record.text)}”"
    return str(record)


def nested_quotes(title: str) -> str:
    """A title's double quotes as single ones, for a citation that puts the title in double
    quotes (a statement's first words inside it: “Statement by …: ‘Qatar and …’”)."""
    return title.replace("“", "‘").replace("”", "’")


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def record_for(kind: str, key: str):
    """The record a citation address names, with what its title reads, or None when there is
    none (an unknown kind, a key of the wrong shape, no such record)."""
    if kind not in KINDS:
        return None
    model, field, pattern = KINDS[kind]
    if not re.fullmatch(pattern, key):
        return None
    value = key.upper() if kind == "country" else key
    records = model._default_manager.all()
    if kind in RELATED:
        records = records.select_related(*RELATED[kind])
    return records.filter(**{field: value}).first()


def absolute_url(path: str, request=None) -> str:
    """The page's permanent address: under SITE_URL when the deployment names it (so a
    citation never carries an internal host name), else the host the request came to."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/") + path
    return request.build_absolute_uri(path) if request is not None else path


def access_date() -> datetime.date:
    """Today in the site's time zone: the day a reader read the page."""
    return timezone.localdate()


@dataclass(frozen=True)
class PageReference:
    kind: str
    key: str
    title: str
    url: str
    accessed: datetime.date
    version: int | None = None
    version_date: datetime.date | None = None

    @property
    def version_words(self) -> str:
        """'data version 42 of 30 November 2026', or '' before the first write."""
        if self.version is None:
            return ""
        return f"data version {self.version}" + (f" of {day_in_words(self.version_date, full=True)}" if self.version_date else "")

    @property
    def citation_key(self) -> str:
        return "s400kb-" + re.sub(r"[^A-Za-z0-9]+", "-", f"{self.kind}-{self.key}").strip("-").lower()

    def plain(self) -> str:
        version = f", {self.version_words}" if self.version_words else ""
        return (
            f"{AUTHOR}. “{nested_quotes(self.title)}”. {PUBLISHER}{version}. {self.url} "
            f"(accessed {day_in_words(self.accessed, full=True)})."
        )

    def bibtex(self) -> str:
        fields = [
            ("author", "{" + _bibtex_escape(AUTHOR) + "}"),  # braces: one corporate name, not first and last
            ("title", "{" + _bibtex_escape(self.title) + "}"),
            ("howpublished", _bibtex_escape(PUBLISHER)),
            ("url", self.url),
            ("urldate", self.accessed.isoformat()),
        ]
        if self.version is not None:
            fields.append(("version", str(self.version)))
            if self.version_date:
                fields.append(("year", str(self.version_date.year)))
        fields.append(("note", f"Accessed {self.accessed.isoformat()}" + (
            f"; {_bibtex_escape(self.version_words)}" if self.version_words else "")))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.citation_key},\n{body}\n}}\n"

    def csl(self) -> dict:
        item = {
            "id": self.citation_key,
            "type": "webpage",
            "title": self.title,
            "author": [{"literal": AUTHOR}],
            "container-title": PUBLISHER,
            "publisher": PUBLISHER,
            "URL": self.url,
            "accessed": {"date-parts": [[self.accessed.year, self.accessed.month, self.accessed.day]]},
        }
        if self.version is not None:
            item["version"] = str(self.version)
            if self.version_date:
                day = self.version_date
                item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
        return item

    def csl_json(self) -> str:
        """CSL-JSON is a list of items, as reference managers import it."""
        return json.dumps([self.csl()], ensure_ascii=False, indent=2) + "\n"

    def render(self, fmt: str) -> str:
        return {"bib": self.bibtex, "json": self.csl_json, "txt": lambda: self.plain() + "\n"}[fmt]()


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_BIBTEX_WORDS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_WORDS.get(m.group(1), "\\" + m.group(1)), text)


_UNREAD = object()


def request_version(request):
    """The knowledge base's version the page is built at: config.caching puts it on every
    public request; an editor's (never cached) asks for it, one query."""
    version = getattr(request, "data_version", _UNREAD) if request is not None else _UNREAD
    return data_version() if version is _UNREAD else version


def page_reference(record, *, request=None) -> PageReference:
    kind = kind_of(record)
    version = request_version(request)
    return PageReference(
        kind=kind,
        key=key_of(record),
        title=title_of(record),
        url=absolute_url(record.get_absolute_url(), request),
        accessed=access_date(),
        version=version.pk if version is not None else None,
        version_date=timezone.localtime(version.at).date() if version is not None else None,
    )
