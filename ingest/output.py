"""The assistant's drafts in a stable, machine-readable shape (``ingest --json``).

The shape names what a draft means, not how today's extractors store it, so that the
extractors can be rewritten while scripts, and the development corpus's measurement
(``ingest.evaluation``), keep reading the same fields. Every draft has ``kind``, ``start``,
``end`` (the evidence span), ``evidence``, ``words`` (what the value was read from),
``summary`` and its kind's fields; a field the text does not give is null.
"""
from .extract import Kind
from .models import Draft

# Every kind of the shape, with its fields (all present, null when unknown).
FIELDS = {
    "statement": ("speaker", "mode", "medium", "date"),
    "deal": ("supplier", "recipient", "system", "status"),
    "delivery": ("deal", "planned", "quantity", "unit", "date"),
    "money": ("amount", "currency", "certainty", "qualifier"),
    "quantity": ("number", "unit", "qualifier"),
    "date": ("words", "edtf", "earliest", "latest"),
    "country": ("code",),
    "system": ("name",),
    "organisation": ("name", "organisation_kind", "country"),
}


# Drafts come in the order the review page lists them: by kind, then by position.
_ORDER = {kind: index for index, kind in enumerate(FIELDS)}


def _or_none(value):
    return value if value not in ("", None) else None


def _date(value: dict | None) -> dict | None:
    if not value:
        return None
    return {key: value.get(key) for key in ("words", "edtf", "earliest", "latest")}


def _speaker(value: dict) -> dict:
    """Today's speaker kinds (person, organisation, country, unnamed-for-something) as
    person / body / unnamed; ``for`` is the body or country an unnamed speaker or a
    person's role speaks for."""
    name = _or_none(value.get("speaker"))
    role = _or_none(value.get("role"))
    if value.get("unnamed") or value.get("speaker_kind") == "unnamed":
        return {"name": None, "kind": "unnamed", "role": role, "for": name}
    if value.get("speaker_kind") == "person":
        return {"name": name, "kind": "person", "role": role, "for": _or_none(value.get("organisation"))}
    return {"name": name, "kind": "body", "role": role, "for": None}


def _fields(kind: str, value: dict) -> dict:
    if kind == Kind.STATEMENT:
        return {
            "speaker": _speaker(value),
            "mode": _or_none(value.get("mode")),
            "medium": _or_none(value.get("medium")),
            "date": _date(value.get("date")),
        }
    if kind == Kind.DEAL:
        return {
            "supplier": _or_none(value.get("supplier")),
            "recipient": _or_none(value.get("recipient")),
            "system": _or_none(value.get("system_name")),
            "status": _or_none(value.get("status")),
        }
    if kind == Kind.MONEY:
        # The qualifier is how far the amount is a bound: "up to", "more than", "about".
        return {field: _or_none(value.get(field)) for field in FIELDS["money"]}
    if kind == Kind.DELIVERY:
        deal = value.get("deal") or {}
        return {
            "deal": {field: _or_none(deal.get(field)) for field in ("supplier", "recipient", "system")},
            "planned": value.get("planned"),
            "quantity": value.get("quantity"),
            "unit": _or_none(value.get("unit")),
            "date": _date(value.get("date")),
        }
    if kind == Kind.ORGANISATION:
        return {"name": _or_none(value.get("name")), "organisation_kind": _or_none(value.get("kind")),
                "country": _or_none(value.get("country"))}
    if kind == Kind.QUANTITY:
        return {"number": value.get("quantity"), "unit": _or_none(value.get("unit")), "qualifier": _or_none(value.get("qualifier"))}
    if kind == Kind.DATE:
        return _date(value)
    if kind == Kind.COUNTRY:
        return {"code": _or_none(value.get("code"))}
    if kind == Kind.SYSTEM:
        return {"name": _or_none(value.get("name"))}
    return {field: _or_none(value.get(field)) for field in FIELDS.get(kind, ())}


def draft_as_json(*, kind: str, text: str, start: int, end: int, words_start: int, words_end: int,
                  value: dict, summary: str) -> dict:
    """One draft (or one finding, with the summary the review page would show) in the shape."""
    return {
        "kind": kind,
        "start": start,
        "end": end,
        "evidence": text[start:end],
        "words": text[words_start:words_end],
        "summary": summary,
        **_fields(kind, value),
    }


def finding_summary(finding) -> str:
    """The one-line summary the review page shows, for a finding not stored as a draft (the
    model's own, so that the two never differ)."""
    return Draft(kind=finding.kind, value=finding.value).summary


def findings_as_json(text: str, findings) -> list[dict]:
    return [
        draft_as_json(kind=f.kind, text=text, start=f.start, end=f.end, words_start=f.words_start,
                      words_end=f.words_end, value=f.value, summary=finding_summary(f))
        for f in findings
    ]


def article_as_json(article) -> dict:
    text = article.text
    return {
        "article": {"id": article.pk, "title": article.title, "published_edtf": article.date_edtf},
        "drafts": [
            draft_as_json(kind=d.kind, text=text, start=d.start, end=d.end, words_start=d.words_start,
                          words_end=d.words_end, value=d.value, summary=d.summary)
            for d in sorted(article.drafts.all(), key=lambda d: (_ORDER.get(d.kind, len(_ORDER)), d.words_start, d.pk))
        ],
    }
