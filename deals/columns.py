"""The fields of the deals' and statements' lists, each declared once (`lists.columns`): the
page's table headings, the CSV columns and the API record's keys all come from here, the
serializers' `Meta.fields` included. Also the accessors the other lists' CSV columns share."""
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


DEAL_FIELDS = Fields(
    Field("slug", csv=[Column("slug", lambda d: d.slug)]),
    Field("url"),  # every CSV ends with the record's page, whatever its list
    Field("supplier", "Supplier", "supplier", csv=[
        Column("supplier", lambda d: d.supplier_id), Column("supplier_name", lambda d: d.supplier.name),
    ]),
    Field("recipient", "Recipient", "recipient", csv=[
        Column("recipient", lambda d: d.recipient_id), Column("recipient_name", lambda d: d.recipient.name),
    ]),
    Field("system", "System or subject", "system", csv=[Column("system", lambda d: d.system.name if d.system else "")]),
    Field("subject", csv=[Column("subject", lambda d: d.subject)]),
    Field("status", "Status", "status", csv=[Column("status", lambda d: d.status)]),
    Field("disputed", csv=[Column("disputed", lambda d: "yes" if d.disputed else "no")]),
    # The first contract's terms: two columns of the page and of the CSV, one nested object of the API.
    Field("first_contract"),
    Field("quantity", "Quantity", "quantity", numeric=True, api=False, csv=[
        Column("quantity", lambda d: d.contract_quantity if d.contract_quantity is not None else ""),
        Column("quantity_unit", lambda d: d.contract_unit or ""),
    ]),
    Field("value", "Value", "value", numeric=True, api=False, csv=[
        Column("value_amount", lambda d: f"{d.contract_value:.2f}" if d.contract_value is not None else ""),
        Column("value_currency", lambda d: d.contract_currency or ""),
        Column("value_words", lambda d: d.contract_value_words or ""),
    ]),
    Field("signed", "Signed", api=False, csv=date_columns("signed", "signed")),
    Field("first_date", "First dated", "first_date", csv=[Column("first_date", lambda d: d.first_date or "")]),
    Field("last_date", "Last dated", "last_date", csv=[Column("last_date", lambda d: d.last_date or "")]),
    Field("contracts", csv=[Column("contracts", lambda d: len(d.contracts.all()))]),
    Field("deliveries", csv=[Column("deliveries", lambda d: len(d.deliveries.all()))]),
    Field("summary", csv=[Column("summary", lambda d: d.summary)]),
    Field("citations", csv=citation_columns()),
    Field("updated_at"),
    page=("supplier", "recipient", "system", "status", "quantity", "value", "first_date", "last_date", "signed"),
    api=(
        "slug", "url", "supplier", "recipient", "system", "subject", "status", "disputed", "summary",
        "first_contract", "first_date", "last_date", "contracts", "deliveries", "citations", "updated_at",
    ),
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
    Field("updated_at"),
    page=("date", "speaker", "speaker_role", "medium", "text", "stance", "deals"),
    api=(
        "id", "url", "date", "speaker", "organisation", "speaker_role", "medium", "setting", "text", "mode",
        "stance", "deals", "countries", "citations", "updated_at",
    ),
)
