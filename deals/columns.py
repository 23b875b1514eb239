"""The fields of the deals app's lists, each declared once (`lists.columns`): the CSV columns
and the API record's keys come from here, the serializers' `Meta.fields` included, and for
the deals and statements the page's table headings too. The other lists' pages still write
their headings in their templates; their page-only columns (a statement count, a deal count)
could be declared here as fields with a label and neither CSV columns nor an API key. Also
the accessors the countries' CSV columns share."""
from lists.columns import Column, Field, Fields, joined


def date_columns(prefix="date", attribute="date"):
    """The approximate date as words and as bounds, so a spreadsheet can sort and filter it."""
    return [
        Column(f"{prefix}_words", lambda r: getattr(r, f"{attribute}_words") or getattr(r, f"{attribute}_edtf") or ""),
        Column(f"{prefix}_edtf", lambda r: getattr(r, f"{attribute}_edtf") or ""),
        Column(f"{prefix}_earliest", lambda r: getattr(r, f"{attribute}_earliest") or ""),
        Column(f"{prefix}_latest", lambda r: getattr(r, f"{attribute}_latest") or ""),
    ]


def citation_columns(citations=lambda r: r.citations.all()):
    return [Column("sources", lambda r: joined(dict.fromkeys(c.source.slug for c in citations(r))))]


def delivery_years(deal) -> str:
    """The years its dated actual deliveries span: "2019", "2007–2016"; "" without one."""
    first, last = deal.first_delivery_year, deal.last_delivery_year
    if first is None:
        return ""
    return str(first) if first == last else f"{first}–{last}"


def amount(value):
    return None if value is None else f"{value:.2f}"


# What a register row says of a deal (SIPRI's columns: ordered when, how many, how many
# delivered, delivered when, for how much), each value under one name, a CSV column and an
# API key alike, flat so a spreadsheet and a script read the same words; from the deal's
# stored summary (`DealSummary` says what each means when the sources leave it open). Each
# accessor gives the value as the API writes it (None for null, a date or a number as
# such); the CSV writes None as an empty cell. The ordered date, number and unit and the
# value are the first contract's (earliest dated first).
REGISTER = {
    "ordered_date_words": lambda d: d.signed_words or d.signed_edtf or "",
    "ordered_date_edtf": lambda d: d.signed_edtf or "",
    "ordered_date_earliest": lambda d: d.signed_earliest,
    "ordered_date_latest": lambda d: d.signed_latest,
    "ordered_quantity": lambda d: d.contract_quantity,
    "ordered_unit": lambda d: d.contract_unit or "",
    "ordered_quantity_words": lambda d: d.contract_quantity_words or "",
    "delivered_quantity": lambda d: d.delivered_quantity,
    "delivered_unit": lambda d: d.delivered_quantity_unit or "",
    "actual_deliveries": lambda d: d.actual_deliveries,
    "deliveries_without_quantity": lambda d: d.deliveries_without_quantity,
    "delivery_years": delivery_years,
    "first_delivery_year": lambda d: d.first_delivery_year,
    "last_delivery_year": lambda d: d.last_delivery_year,
    "value_amount": lambda d: amount(d.contract_value),
    "value_currency": lambda d: d.contract_currency or "",
    "value_words": lambda d: d.contract_value_words or "",
}
# The page's register columns: a heading on the field whose value the column sorts by (the
# ordered date by its earliest day, the delivery years by the first; its `sort=` name the
# field's own, but the ordered date's, one name for its four fields), the cell showing all
# of its group (`deals.templatetags.browsing.deal_row`).
REGISTER_HEADINGS = {
    "ordered_date_earliest": ("Ordered", "ordered_date", False),
    "ordered_quantity": ("Number ordered", "ordered_quantity", True),
    "delivered_quantity": ("Number delivered", "delivered_quantity", True),
    "delivery_years": ("Delivery years", "delivery_years", False),
    "value_amount": ("Value", "value_amount", True),
}


def register_field(name):
    accessor = REGISTER[name]
    label, sort, numeric = REGISTER_HEADINGS.get(name, ("", "", False))
    return Field(
        name, label, sort, numeric,
        csv=[Column(name, lambda d: "" if (value := accessor(d)) is None else value)],
    )


def evidence_field(name):
    """When its latest evidence was published (a bound): what its status holds "as of"."""
    return Field(name, csv=[Column(name, lambda d: getattr(d, name) or "")])


REGISTER_FIELDS = [register_field(name) for name in REGISTER]
EVIDENCE_FIELDS = [evidence_field(name) for name in ("latest_evidence_earliest", "latest_evidence_latest")]

DEAL_FIELDS = Fields(
    Field("slug", csv=[Column("slug", lambda d: d.slug)]),
    Field("url"),  # every CSV ends with the record's page, whatever its list
    Field("record"),  # the deal's own answer in the API, where a list's row nests only some citations
    Field("supplier", "Supplier", "supplier", csv=[
        Column("supplier", lambda d: d.supplier_id), Column("supplier_name", lambda d: d.supplier.name),
    ]),
    Field("recipient", "Recipient", "recipient", csv=[
        Column("recipient", lambda d: d.recipient_id), Column("recipient_name", lambda d: d.recipient.name),
    ]),
    Field("system", "System or subject", "system", csv=[Column("system", lambda d: d.system.name if d.system else "")]),
    Field("subject", csv=[Column("subject", lambda d: d.subject)]),
    # The deal's one name (`Deal.label`), as its page, the lists, the pickers and the admin write it.
    Field("label", csv=[Column("label", lambda d: d.label)]),
    Field("status", "Status", "status", csv=[Column("status", lambda d: d.status)]),
    *EVIDENCE_FIELDS,
    # With `as_of`, `status` is the status on that day (`DealQuerySet.as_of`): the day, and
    # the bounds of the date of the milestone it has held it since; empty without a day.
    Field("as_of", csv=[Column("as_of", lambda d: getattr(d, "as_of", None) or "")]),
    Field("status_since", csv=[
        Column("status_since_earliest", lambda d: getattr(d, "status_since_earliest", None) or ""),
        Column("status_since_latest", lambda d: getattr(d, "status_since_latest", None) or ""),
    ]),
    Field("disputed", csv=[Column("disputed", lambda d: "yes" if d.disputed else "no")]),
    *REGISTER_FIELDS,
    # The first contract's terms as one nested object, as the API gave them before the
    # register's flat keys (kept for the clients reading it).
    Field("first_contract"),
    # The span of its dated milestones: sortable (`sort=first_date`, `last_date`), not a column of the page.
    Field("first_date", csv=[Column("first_date", lambda d: d.first_date or "")]),
    Field("last_date", csv=[Column("last_date", lambda d: d.last_date or "")]),
    Field("contracts", csv=[Column("contracts", lambda d: len(d.contracts.all()))]),
    Field("deliveries", csv=[Column("deliveries", lambda d: len(d.deliveries.all()))]),
    Field("summary", csv=[Column("summary", lambda d: d.summary)]),
    Field("citations", csv=citation_columns()),
    Field("citation_count"),
    Field("updated_at"),
    # Its dated, cited milestones (`DealMilestone`): its record and the JSON downloads.
    Field("status_history"),
    page=(
        "supplier", "recipient", "system", "status", "ordered_date_earliest", "ordered_quantity",
        "delivered_quantity", "delivery_years", "value_amount",
    ),
    api=(
        "slug", "url", "record", "supplier", "recipient", "system", "subject", "label", "status",
        *(field.name for field in EVIDENCE_FIELDS), "as_of", "status_since", "disputed", "summary",
        *(field.name for field in REGISTER_FIELDS), "first_contract", "first_date", "last_date", "contracts",
        "deliveries", "citations", "citation_count", "updated_at", "status_history",
    ),
    record_only=("status_history",),
)

STATEMENT_FIELDS = Fields(
    Field("id", csv=[Column("id", lambda s: s.pk)]),
    Field("url"),
    Field("date", "Date", csv=date_columns()),
    Field("speaker", "Speaker", csv=[Column("speaker", lambda s: s.speaker.name if s.speaker else "")]),
    Field("organisation", csv=[Column("organisation", lambda s: s.organisation.name if s.organisation else "")]),
    Field("speaker_role", "Role at the time", csv=[Column("speaker_role", lambda s: s.speaker_role)]),
    Field("medium", "Outlet or setting", csv=[Column("medium", lambda s: s.medium.name if s.medium else "")]),
    Field("setting", csv=[Column("setting", lambda s: s.setting)]),
    Field("mode", csv=[Column("mode", lambda s: s.mode)]),
    Field("stance", "Stance", csv=[Column("stance", lambda s: s.stance)]),
    Field("text", "Words", csv=[Column("text", lambda s: s.text)]),
    Field("deals", "Deals", csv=[Column("deals", lambda s: joined(s.deal_slugs))]),
    Field("countries", csv=[Column("countries", lambda s: joined(s.country_codes))]),
    Field("citations", csv=citation_columns(lambda s: s.cited)),
    Field("support"),  # how many sources and independent outlets its citations come from
    Field("updated_at"),
    page=("date", "speaker", "speaker_role", "medium", "text", "stance", "deals"),
    api=(
        "id", "url", "date", "speaker", "organisation", "speaker_role", "medium", "setting", "text", "mode",
        "stance", "deals", "countries", "citations", "support", "updated_at",
    ),
)

TIMELINE_FIELDS = Fields(
    Field("id", csv=[Column("id", lambda i: i.pk)]),
    Field("kind", csv=[Column("kind", lambda i: i.kind)]),
    Field("object_id"),
    Field("detail", csv=[Column("detail", lambda i: i.detail)]),
    Field("date", csv=date_columns()),
    Field("title", csv=[Column("title", lambda i: i.title)]),
    Field("url"),
    # What an item concerns: one nested object of the API, a column per kind in the CSV.
    Field("links", csv=[
        Column("deals", lambda i: joined(i.link_summary["deals"])),
        Column("countries", lambda i: joined(i.link_summary["countries"])),
        Column("systems", lambda i: joined(i.link_summary["systems"])),
    ]),
    Field("citations", csv=citation_columns(lambda i: i.cited)),
    api=("id", "kind", "object_id", "detail", "title", "date", "url", "links", "citations"),
)

PERSON_FIELDS = Fields(
    Field("slug", csv=[Column("slug", lambda p: p.slug)]),
    Field("name", csv=[Column("name", lambda p: p.name)]),
    Field("country", csv=[Column("country", lambda p: p.country_id or "")]),
    Field("description", csv=[Column("description", lambda p: p.description)]),
    Field("url"),
)

SYSTEM_FIELDS = Fields(
    Field("slug", csv=[Column("slug", lambda s: s.slug)]),
    Field("name", csv=[Column("name", lambda s: s.name)]),
    Field("category", csv=[Column("category", lambda s: s.category)]),
    Field("maker_country", csv=[Column("maker_country", lambda s: s.maker_country_id)]),
    Field("maker", csv=[Column("maker", lambda s: s.maker.name if s.maker else "")]),
    Field("variant_of", csv=[Column("variant_of", lambda s: s.variant_of.name if s.variant_of else "")]),
    Field("aliases", csv=[Column("aliases", lambda s: joined(alias.name for alias in s.aliases.all()))]),
    Field("description", csv=[Column("description", lambda s: s.description)]),
    Field("specifications"),  # nested in the API; a spreadsheet row has no room for them
    Field("url"),
)

SOURCE_FIELDS = Fields(
    Field("slug", csv=[Column("slug", lambda s: s.slug)]),
    Field("title", csv=[Column("title", lambda s: str(s))]),
    Field("title_supplied"),
    Field("url"),
    Field("outlet", csv=[Column("outlet", lambda s: s.outlet.name if s.outlet else "")]),
    Field("original_url", csv=[Column("original_url", lambda s: s.url)]),
    Field("agencies"),
    Field("language", csv=[Column("language", lambda s: s.language)]),
    Field("date", csv=date_columns()),
    Field("notes", csv=[Column("notes", lambda s: s.notes)]),
    Field("record"),  # the source's own answer in the API, where a list's row nests only some citations
    # The CSV counts the citations the API's record lists.
    Field("citations", csv=[Column("citations", lambda s: len(s.citations.all()))]),
    Field("citation_count"),
    Field("text", csv=[Column("text", lambda s: s.text)]),
    api=(
        "slug", "title", "title_supplied", "url", "record", "original_url", "outlet", "agencies",
        "language", "date", "notes", "text", "citations", "citation_count",
    ),
    # An article runs to tens of kilobytes: a page of the API's list stays bounded without it.
    record_only=("text",),
)

# The citations are listed by the API only (no page, no download).
CITATION_FIELDS = Fields(Field("id"), Field("source"), Field("excerpt"), Field("url"), Field("fact"))
