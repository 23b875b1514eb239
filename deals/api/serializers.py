"""How each record looks as JSON, in the API and in the JSON exports.

Two shapes recur everywhere and have one implementation each: an approximate date
(`ApproximateDateField`) and an amount of money (`MoneyField`). Every record carries
`url`, the absolute address of its HTML page; every cited fact carries `citations`.
"""
import datetime
from typing import TypedDict

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from deals.approximate_dates import words_or_described
from deals.columns import (
    CITATION_FIELDS,
    DEAL_FIELDS,
    PERSON_FIELDS,
    REGISTER,
    SOURCE_FIELDS,
    STATEMENT_FIELDS,
    SYSTEM_FIELDS,
    TIMELINE_FIELDS,
)
from deals.models import (
    Citation,
    Contract,
    Deal,
    DealStatus,
    Delivery,
    Event,
    MilestoneKind,
    Organisation,
    Person,
    Source,
    Specification,
    Statement,
    TimelineItem,
    WeaponSystem,
)
from deals.provenance import support
from lists.serializers import PageUrlField, RecordUrlField, absolute, page_url


class ApproximateDateField(serializers.Serializer):
    """An approximate date: the source's words, the EDTF form, its bounds and how it was
    established; `null` for an undated record. Reads the `date_*` columns of the record."""

    words = serializers.CharField(help_text="As the source wrote it, e.g. “mid-June 2019”.")
    edtf = serializers.CharField(help_text="Extended Date/Time Format, e.g. 2019-06-11/2019-06-20.")
    earliest = serializers.DateField(help_text="The earliest day the words can mean.")
    latest = serializers.DateField(help_text="The latest day the words can mean.")
    basis = serializers.ChoiceField(
        choices=["stated", "resolved", "inferred"], help_text="How the date was established."
    )

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, record):
        if not record.date_edtf:
            return None
        return {
            "words": words_or_described(record.date_words, record.date_edtf),
            "edtf": record.date_edtf,
            "earliest": record.date_earliest.isoformat(),
            "latest": record.date_latest.isoformat(),
            "basis": record.date_basis,
        }


class MoneyField(serializers.Serializer):
    """An amount in an ISO 4217 currency with the source's words; `null` when none is known.

    `prefix` names the record's columns: "value" reads value_amount, value_currency and
    value_words; the attribute names can also be given one by one.
    """

    amount = serializers.DecimalField(max_digits=18, decimal_places=2, coerce_to_string=True)
    currency = serializers.CharField(help_text="ISO 4217 code, e.g. USD.")
    words = serializers.CharField(help_text="As the source wrote it, e.g. “$2.5 billion”.")

    def __init__(self, prefix="value", *, amount=None, currency=None, words=None, **kwargs):
        self.attributes = (amount or f"{prefix}_amount", currency or f"{prefix}_currency", words or f"{prefix}_words")
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, record):
        amount_attr, currency_attr, words_attr = self.attributes
        amount = getattr(record, amount_attr, None)
        if amount is None:
            return None
        return {
            "amount": f"{amount:.2f}",
            "currency": getattr(record, currency_attr) or "",
            "words": getattr(record, words_attr) or "",
        }


def source_page(source):
    return "deals:source_detail", source.slug


def deal_page(deal):
    return "deals:deal_detail", deal.slug


def person_page(person):
    return "deals:person_detail", person.slug


def organisation_page(organisation):
    return "deals:organisation_detail", organisation.slug


def system_page(system):
    return "deals:system_detail", system.slug


def country_page(country):
    return "countries:country_detail", country.code


class SourceRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField(source="__str__")
    url = PageUrlField(source_page)


class CitationSerializer(serializers.ModelSerializer):
    """A verbatim excerpt a fact rests on, its source, and where it is highlighted.

    A page of deals nests hundreds of these: each is written out directly (the same object
    the fields declared here give, as the tests check), its addresses from `page_url`."""

    source = SourceRefSerializer()
    url = PageUrlField(help_text="The excerpt highlighted in its source's page.")

    class Meta:
        model = Citation
        fields = ["id", "source", "excerpt", "url"]

    def to_representation(self, citation):
        source = citation.source
        source_url = page_url(self.context, "deals:source_detail", source.slug)
        return {
            "id": citation.pk,
            "source": {"slug": source.slug, "title": str(source), "url": source_url},
            "excerpt": citation.excerpt,
            "url": f"{source_url}#citation-{citation.pk}",
        }


SUPPORT_HELP = (
    "`sources`: how many sources cite this fact; `independent_outlets`: how many independent voices they are, "
    "sources relaying or crediting one agency, or published by one outlet, counting once."
)


class SupportDict(TypedDict):
    sources: int
    independent_outlets: int


class CitedSerializer(serializers.ModelSerializer):
    """A fact: its page and its citations (prefetched with their sources)."""

    # (Class docstrings are the schema's descriptions: how a serializer works is said in comments.)
    # `cited` names the attribute the citations are read from when a list gives them in one
    # of their own (as `DealQuerySet.for_api_list` does): the same field, read elsewhere.

    url = PageUrlField()  # subclasses say where a fact's page is, as `PageUrlField` reads it
    citations = CitationSerializer(many=True, read_only=True)

    def __init__(self, *args, cited=None, **kwargs):
        self.cited = cited
        super().__init__(*args, **kwargs)

    def get_fields(self):
        fields = super().get_fields()
        if self.cited is not None:
            fields["citations"] = CitationSerializer(source=self.cited, many=True, read_only=True)
        return fields

    def citations_of(self, fact):
        """The fact's citations as its `citations` field writes them."""
        field = self.fields["citations"]
        return field.to_representation(field.get_attribute(fact))

    def get_support(self, fact) -> SupportDict:
        """How many sources cite the fact and how many independent outlets they are."""
        cited = self.fields["citations"].get_attribute(fact)
        return support(cited.all() if hasattr(cited, "all") else cited)


class CountryRefSerializer(serializers.Serializer):
    # Written out directly, as `CitationSerializer` is: a page of deals names two countries a row.
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2.")
    name = serializers.CharField()
    url = PageUrlField(country_page)

    def to_representation(self, country):
        return {
            "code": country.code,
            "name": country.name,
            "url": page_url(self.context, *country_page(country)),
        }


class NamedRefSerializer(serializers.Serializer):
    """A person, organisation, system, deal or source named by its slug; `page` says where
    its page is (as `PageUrlField`'s `address`), else the record's own `get_absolute_url`."""

    # Written out directly, as `CountryRefSerializer` is.

    slug = serializers.CharField()
    name = serializers.CharField(source="__str__")
    url = PageUrlField()

    def __init__(self, page=None, **kwargs):
        super().__init__(**kwargs)
        self.page = page
        if page is not None:
            self.fields["url"] = PageUrlField(page)

    def to_representation(self, record):
        if self.page is None:
            url = absolute(self.context.get("request"), record.get_absolute_url())
        else:
            url = page_url(self.context, *self.page(record))
        return {"slug": record.slug, "name": str(record), "url": url}


class ContractSerializer(CitedSerializer):
    url = PageUrlField(lambda contract: (*deal_page(contract.deal), f"#contract-{contract.pk}"))
    date = ApproximateDateField(help_text="When it was signed.")
    value = MoneyField("value")
    support = serializers.SerializerMethodField(help_text=SUPPORT_HELP)

    class Meta:
        model = Contract
        fields = [
            "id", "url", "description", "date", "quantity", "quantity_unit", "quantity_words",
            "value", "citations", "support",
        ]

    def to_representation(self, contract):
        """Written out directly, as `CitationSerializer` is: a page of deals nests a contract
        or more each (the same object the fields declared here give, as the tests check)."""
        return {
            "id": contract.pk,
            "url": page_url(self.context, *deal_page(contract.deal), f"#contract-{contract.pk}"),
            "description": contract.description,
            "date": self.fields["date"].to_representation(contract),
            "quantity": contract.quantity,
            "quantity_unit": contract.quantity_unit,
            "quantity_words": contract.quantity_words,
            "value": self.fields["value"].to_representation(contract),
            "citations": self.citations_of(contract),
            "support": self.get_support(contract),
        }


class DeliverySerializer(CitedSerializer):
    url = PageUrlField(lambda delivery: (*deal_page(delivery.deal), f"#delivery-{delivery.pk}"))
    date = ApproximateDateField()
    contract = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    support = serializers.SerializerMethodField(help_text=SUPPORT_HELP)

    class Meta:
        model = Delivery
        fields = [
            "id", "url", "kind", "description", "date", "quantity", "quantity_unit",
            "quantity_words", "contract", "citations", "support",
        ]

    def to_representation(self, delivery):
        """Written out directly, as `ContractSerializer.to_representation` is."""
        return {
            "id": delivery.pk,
            "url": page_url(self.context, *deal_page(delivery.deal), f"#delivery-{delivery.pk}"),
            "kind": delivery.kind,
            "description": delivery.description,
            "date": self.fields["date"].to_representation(delivery),
            "quantity": delivery.quantity,
            "quantity_unit": delivery.quantity_unit,
            "quantity_words": delivery.quantity_words,
            "contract": delivery.contract_id,
            "citations": self.citations_of(delivery),
            "support": self.get_support(delivery),
        }


class RegisterValue:
    """A register column of a deal (`deals.columns.REGISTER`), read by the accessor the CSV
    reads it by, so DRF's fields (and the schema's types) and the CSV give the same value."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, deal):
        return REGISTER[self.field_name](deal)


class RegisterCharField(RegisterValue, serializers.CharField):
    pass


class RegisterDateField(RegisterValue, serializers.DateField):
    pass


class RegisterIntegerField(RegisterValue, serializers.IntegerField):
    pass


class RegisterDecimalField(RegisterValue, serializers.DecimalField):
    pass


class FirstContractSerializer(serializers.Serializer):
    """The terms of a deal's first contract, as the deal list shows them; `null` if none."""

    quantity = serializers.IntegerField(source="contract_quantity", allow_null=True)
    quantity_unit = serializers.CharField(source="contract_unit", allow_null=True)
    value = MoneyField(amount="contract_value", currency="contract_currency", words="contract_value_words")

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, deal):
        """Written out directly, as `DealSerializer.to_representation` is."""
        if deal.contract_quantity is None and deal.contract_value is None:
            return None
        unit = deal.contract_unit
        return {
            "quantity": deal.contract_quantity,
            "quantity_unit": None if unit is None else str(unit),
            "value": self.fields["value"].to_representation(deal),
        }


# How many of its own citations a deal nests in a page of the API's deal list (its record,
# `record`, and the downloads nest them all): a page's size is then bounded, however much
# evidence a deal gathers.
LISTED_CITATIONS = 5


class StatusSinceSerializer(serializers.Serializer):
    earliest = serializers.DateField(help_text="Earliest day of the date of the milestone that set the status.")
    latest = serializers.DateField(help_text="Latest day of that date: the day the milestone was reached.")


# Where a milestone's fact is: its page (view name and key, and the anchor on the deal's
# page for its contracts and deliveries) and its API record (view name and key).
FACT_PAGES = {
    "contract": lambda m: (*deal_page(m.deal), f"#contract-{m.fact_id}"),
    "delivery": lambda m: (*deal_page(m.deal), f"#delivery-{m.fact_id}"),
    "statement": lambda m: ("deals:statement_detail", m.fact_id),
    "event": lambda m: ("deals:event_detail", m.fact_id),
}
FACT_RECORDS = {
    "contract": lambda m: (TIMELINE_RECORD, f"contract-{m.fact_id}"),
    "delivery": lambda m: (TIMELINE_RECORD, f"delivery-{m.fact_id}"),
    "statement": lambda m: ("api:statement-detail", m.fact_id),
    "event": lambda m: (TIMELINE_RECORD, f"event-{m.fact_id}"),
}
TIMELINE_RECORD = "api:timeline-detail"


def record_url(context, viewname, key):
    """The absolute address of a record in the API; a timeline item's, whose key ("event-1")
    is no plain number or slug, from the timeline list's address."""
    if viewname == TIMELINE_RECORD:
        return absolute(context.get("request"), f"{reverse('api:timeline-list')}{key}/")
    return page_url(context, viewname, key)


class MilestoneFactSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["contract", "delivery", "statement", "event", "source"],
        help_text="What the milestone is drawn from: a fact of the deal, or, for its curated status, the latest "
        "source its facts cite.",
    )
    id = serializers.IntegerField(help_text="The fact's number (a contract's, a delivery's…; a source's id).")
    url = serializers.URLField(allow_null=True, help_text="The fact's place on the site; null if unknown.")
    record = serializers.URLField(
        allow_null=True,
        help_text="The fact's record in the API (a contract, delivery or event on the timeline, a statement, a "
        "source); null if unknown.",
    )


class MilestoneSerializer(serializers.Serializer):
    """One stage of the deal, dated and cited: the status it marks, what it is drawn from
    (`kind`), its date (the fact's own, with its uncertainty; a milestone counts from the
    latest day its date can mean), the fact, and the excerpt that is its evidence."""

    kind = serializers.ChoiceField(choices=MilestoneKind.choices)
    label = serializers.CharField(help_text="What `kind` means, e.g. “Contract signed”.")
    status = serializers.ChoiceField(choices=DealStatus.choices, help_text="The status the milestone marks.")
    sets_status = serializers.BooleanField(
        help_text="Whether a period of the deal's status begins with it, as its page shows (false: the status "
        "stayed as it was, such as on a report of a deal already signed, or was overtaken the same day by a "
        "later milestone, as a first report by the signature it reports)."
    )
    date = ApproximateDateField(help_text="When it was reached (its latest day).")
    fact = MilestoneFactSerializer()
    citation = CitationSerializer(allow_null=True, read_only=True, help_text="Its evidence; null when none is recorded.")

    def to_representation(self, milestone):
        """Written out directly, as `CitationSerializer.to_representation` is."""
        context, kind = self.context, milestone.fact_kind
        citation = milestone.citation if milestone.citation_id else None
        if kind == "source":
            source = citation.source if citation is not None else None
            page = ("deals:source_detail", source.slug) if source else None
            record = ("api:source-detail", source.slug) if source else None
        else:
            page, record = FACT_PAGES[kind](milestone), FACT_RECORDS[kind](milestone)
        return {
            "kind": milestone.kind,
            "label": MilestoneKind(milestone.kind).label,
            "status": milestone.status,
            "sets_status": milestone.sets_status,
            "date": self.fields["date"].to_representation(milestone),
            "fact": {
                "kind": kind,
                "id": milestone.fact_id,
                "url": page_url(context, *page) if page else None,
                "record": record_url(context, *record) if record else None,
            },
            "citation": self.fields["citation"].to_representation(citation) if citation is not None else None,
        }


class DealSerializer(CitedSerializer):
    """A deal with its contracts, deliveries and all its citations, as its API record and
    the downloads give it; a page of the deal list gives `DealListSerializer`'s."""

    url = PageUrlField(deal_page)
    record = RecordUrlField("api:deal-detail", help_text="This deal's record in the API, with all its citations.")
    supplier = CountryRefSerializer()
    recipient = CountryRefSerializer()
    system = NamedRefSerializer(system_page, allow_null=True)
    label = serializers.CharField(
        read_only=True,
        help_text="The deal's one name, as its page, the lists and the downloads write it: its parties' codes "
        "and what is transferred, e.g. “RU → TR: an additional batch of S-400”.",
    )
    first_contract = FirstContractSerializer()
    as_of = serializers.DateField(
        allow_null=True, read_only=True,
        help_text="With the `as_of` filter, the day `status` is the deal's status on; null without it.",
    )
    status_since = StatusSinceSerializer(
        allow_null=True, read_only=True,
        help_text="With `as_of`, the date of the milestone the deal has held that status since; null without it.",
    )
    first_date = serializers.DateField(allow_null=True, help_text="Earliest day of its first dated milestone.")
    last_date = serializers.DateField(allow_null=True, help_text="Latest day of its last dated milestone.")
    # Its register columns, read from its stored summary, flat under the CSV's names
    # (`deals.columns.REGISTER` gives each value; `DealSummary` says what each means).
    ordered_date_words = RegisterCharField(
        help_text="When its first contract was signed, as the source wrote it; empty without one."
    )
    ordered_date_edtf = RegisterCharField(help_text="The same date in EDTF, e.g. 2017-12.")
    ordered_date_earliest = RegisterDateField(
        allow_null=True, help_text="The earliest day that date can mean (the column sorts by it)."
    )
    ordered_date_latest = RegisterDateField(allow_null=True, help_text="The latest day it can mean.")
    ordered_quantity = RegisterIntegerField(
        allow_null=True, help_text="How many its first contract orders, in `ordered_unit`."
    )
    ordered_unit = RegisterCharField(help_text="What `ordered_quantity` counts (divisions, regiments…).")
    ordered_quantity_words = RegisterCharField(help_text="The number ordered as the source wrote it.")
    delivered_quantity = RegisterIntegerField(
        allow_null=True, read_only=True,
        help_text="What its actual deliveries stating a quantity add up to, when all state it in one unit; "
        "null when none states one or their units differ.",
    )
    delivered_unit = RegisterCharField(help_text="The unit of `delivered_quantity`; empty when it is null.")
    actual_deliveries = RegisterIntegerField(help_text="How many actual (not planned) deliveries it has.")
    deliveries_without_quantity = RegisterIntegerField(
        help_text="How many of its actual deliveries state no quantity: above 0, "
        "`delivered_quantity` is a lower bound.",
    )
    delivery_years = RegisterCharField(
        help_text="The years its dated actual deliveries span, \"2019\" or \"2007–2016\"; empty without one."
    )
    first_delivery_year = RegisterIntegerField(
        allow_null=True, help_text="Year of the earliest day of its first dated actual delivery."
    )
    last_delivery_year = RegisterIntegerField(
        allow_null=True, help_text="Year of the latest day of its last dated actual delivery."
    )
    value_amount = RegisterDecimalField(
        max_digits=18, decimal_places=2, coerce_to_string=True, allow_null=True, read_only=True,
        help_text="Its first contract's value, in `value_currency`.",
    )
    value_currency = RegisterCharField(help_text="ISO 4217 code, e.g. USD.")
    value_words = RegisterCharField(help_text="The value as the source wrote it, e.g. “$2.5 billion”.")
    latest_evidence_earliest = serializers.DateField(
        allow_null=True, read_only=True,
        help_text="The latest source its facts cite was published on or after this day (the greatest earliest "
        "day of their publication dates): what its status holds as of.",
    )
    latest_evidence_latest = serializers.DateField(
        allow_null=True, read_only=True,
        help_text="… and on or before this day (the greatest latest day of their publication dates).",
    )
    contracts = ContractSerializer(many=True, read_only=True)
    deliveries = DeliverySerializer(many=True, read_only=True)
    citation_count = serializers.SerializerMethodField(help_text="How many citations the deal itself has.")
    status_history = MilestoneSerializer(
        source="milestones", many=True, read_only=True,
        help_text="Its milestones in the order they are folded into its status on a day (by the latest day of "
        "their dates): how it moved from reported to signed, delivering, delivered. Its record and the "
        "downloads give it; a page of the list leaves it out.",
    )

    class Meta:
        model = Deal
        fields = DEAL_FIELDS.api_fields  # the deals list's one declaration

    def get_citation_count(self, deal) -> int:
        return len(deal.citations.all())

    def to_representation(self, deal):
        """Written out directly, as `ContractSerializer.to_representation` is (a page of deals
        is 25 of these), in the declared fields' order: the same object the fields declared
        here give (deals/tests/test_api.py checks it over the curated data)."""
        fields, context = self.fields, self.context

        def nested(name):
            field = fields[name]
            return field.to_representation(field.get_attribute(deal))

        def day(value):
            return value.isoformat() if value else None

        writers = {
            "slug": lambda: deal.slug,
            "url": lambda: page_url(context, *deal_page(deal)),
            "record": lambda: page_url(context, "api:deal-detail", deal.slug),
            "supplier": lambda: fields["supplier"].to_representation(deal.supplier),
            "recipient": lambda: fields["recipient"].to_representation(deal.recipient),
            "system": lambda: fields["system"].to_representation(deal.system) if deal.system_id else None,
            "subject": lambda: deal.subject,
            "label": lambda: deal.label,
            "status": lambda: deal.status,
            "as_of": lambda: day(getattr(deal, "as_of", None)),
            "status_since": lambda: {
                "earliest": day(deal.status_since_earliest), "latest": day(deal.status_since_latest),
            } if getattr(deal, "status_since_latest", None) else None,
            "disputed": lambda: deal.disputed,
            "summary": lambda: deal.summary,
            "first_contract": lambda: fields["first_contract"].to_representation(deal),
            "first_date": lambda: day(deal.first_date),
            "last_date": lambda: day(deal.last_date),
            "latest_evidence_earliest": lambda: day(deal.latest_evidence_earliest),
            "latest_evidence_latest": lambda: day(deal.latest_evidence_latest),
            **{name: register_value(value, deal) for name, value in REGISTER.items()},
            "contracts": lambda: nested("contracts"),
            "deliveries": lambda: nested("deliveries"),
            "citations": lambda: nested("citations"),
            "citation_count": lambda: self.get_citation_count(deal),
            "status_history": lambda: nested("status_history"),
            "updated_at": lambda: fields["updated_at"].to_representation(deal.updated_at),
        }
        return {name: writers[name]() for name in self.Meta.fields}


def register_value(value, deal):
    """A writer of a register column's value (`deals.columns.REGISTER`) as JSON has it."""

    def write():
        found = value(deal)
        return found.isoformat() if isinstance(found, datetime.date) else found

    return write


class DealListSerializer(DealSerializer):
    """A deal in a page of the API's deal list: the first `LISTED_CITATIONS` of its own
    citations (by number), how many it has (`citation_count`), and its record (`record`)
    for the rest. Expects deals from `DealQuerySet.for_api_list`."""

    # The citations of each, and of its contracts and deliveries, come from
    # `attach_nested_citations` (as the viewset calls it on each page).
    citations = CitationSerializer(
        source="listed_citations",
        many=True,
        read_only=True,
        help_text=f"The first {LISTED_CITATIONS} of the deal's citations, by number; "
        "`citation_count` says how many it has, `record` gives them all.",
    )
    # The same contracts and deliveries as a record's, each with all its citations, from the
    # lists `for_api_list` and `attach_nested_citations` give them in.
    contracts = ContractSerializer(source="listed_contracts", cited="cited", many=True, read_only=True)
    deliveries = DeliverySerializer(source="listed_deliveries", cited="cited", many=True, read_only=True)

    class Meta(DealSerializer.Meta):
        fields = DEAL_FIELDS.api_list_fields  # the record's, less its status history

    def get_citation_count(self, deal) -> int:
        return deal.citation_count


class SpecificationSerializer(CitedSerializer):
    url = PageUrlField(lambda spec: (*system_page(spec.system), f"#specification-{spec.pk}"))
    value = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)

    class Meta:
        model = Specification
        fields = ["id", "url", "parameter", "value", "unit", "words", "citations"]

    def to_representation(self, spec):
        """Written out directly, as `ContractSerializer.to_representation` is."""
        return {
            "id": spec.pk,
            "url": page_url(self.context, *system_page(spec.system), f"#specification-{spec.pk}"),
            "parameter": spec.parameter,
            "value": self.fields["value"].to_representation(spec.value),
            "unit": spec.unit,
            "words": spec.words,
            "citations": self.citations_of(spec),
        }


def related_or_none(serializer, record, name):
    """The nested record `name` of `record` as the field `name` of `serializer` writes it;
    None without one, as DRF gives a field whose attribute is None."""
    related = getattr(record, name)
    return None if related is None else serializer.fields[name].to_representation(related)


class WeaponSystemSerializer(serializers.ModelSerializer):
    url = PageUrlField(system_page)
    maker_country = CountryRefSerializer()
    maker = NamedRefSerializer(allow_null=True)
    variant_of = NamedRefSerializer(allow_null=True)
    aliases = serializers.SerializerMethodField()
    specifications = SpecificationSerializer(many=True, read_only=True)

    class Meta:
        model = WeaponSystem
        fields = SYSTEM_FIELDS.api_fields  # the systems list's one declaration

    def get_aliases(self, system) -> list[str]:
        return [alias.name for alias in system.aliases.all()]

    def to_representation(self, system):
        """Written out directly in the declared fields' order, as `DealSerializer`'s is."""
        fields = self.fields

        def nested(name):
            field = fields[name]
            return field.to_representation(field.get_attribute(system))

        writers = {
            "slug": lambda: system.slug,
            "name": lambda: system.name,
            "category": lambda: system.category,
            "maker_country": lambda: related_or_none(self, system, "maker_country"),
            "maker": lambda: related_or_none(self, system, "maker"),
            "variant_of": lambda: related_or_none(self, system, "variant_of"),
            "aliases": lambda: self.get_aliases(system),
            "description": lambda: system.description,
            "specifications": lambda: nested("specifications"),
            "url": lambda: page_url(self.context, *system_page(system)),
        }
        return {name: writers[name]() for name in self.Meta.fields}


class WeaponSystemListSerializer(WeaponSystemSerializer):
    """A system in a page of the API's system list: the same as its record, read from the
    lists `WeaponSystemQuerySet.for_api_list` gives its aliases, specifications and their
    citations in."""

    specifications = SpecificationSerializer(source="listed_specifications", cited="cited", many=True, read_only=True)

    def get_aliases(self, system) -> list[str]:
        return [alias.name for alias in system.listed_aliases]


class PersonSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    country = serializers.CharField(source="country_id", allow_null=True, help_text="ISO 3166-1 alpha-2.")

    class Meta:
        model = Person
        fields = PERSON_FIELDS.api_fields  # the people list's one declaration


class OrganisationSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    country = serializers.CharField(source="country_id", allow_null=True, help_text="ISO 3166-1 alpha-2.")

    class Meta:
        model = Organisation
        fields = ["slug", "name", "kind", "country", "url"]


class StatementSerializer(CitedSerializer):
    """Expects statements prepared by `datasets.attach_statement_relations`."""

    url = PageUrlField(lambda statement: ("deals:statement_detail", statement.pk))
    date = ApproximateDateField()
    speaker = NamedRefSerializer(person_page, allow_null=True)
    organisation = NamedRefSerializer(organisation_page, allow_null=True)
    medium = NamedRefSerializer(organisation_page, allow_null=True)
    deals = serializers.ListField(source="deal_slugs", child=serializers.CharField(), help_text="Deal slugs.")
    countries = serializers.ListField(
        source="country_codes", child=serializers.CharField(), help_text="ISO 3166-1 alpha-2 codes."
    )
    citations = CitationSerializer(source="cited", many=True, read_only=True)
    support = serializers.SerializerMethodField(help_text=SUPPORT_HELP)

    class Meta:
        model = Statement
        fields = STATEMENT_FIELDS.api_fields  # the statements list's one declaration


class EventSerializer(CitedSerializer):
    date = ApproximateDateField()
    deals = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    countries = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Event
        fields = ["id", "url", "kind", "title", "description", "date", "deals", "countries", "citations", "updated_at"]


class CitedFactSerializer(serializers.Serializer):
    """Which fact a citation supports."""

    kind = serializers.ChoiceField(choices=["deal", "contract", "delivery", "statement", "event", "specification"])
    id = serializers.CharField(help_text="The deal's slug, or the other fact's numeric id.")
    url = serializers.URLField()


class SourceCitationSerializer(CitationSerializer):
    """A citation listed under its source: the excerpt and the fact it supports."""

    fact = serializers.SerializerMethodField()

    class Meta(CitationSerializer.Meta):
        fields = ["id", "excerpt", "url", "fact"]

    to_representation = serializers.ModelSerializer.to_representation  # its own fields

    @extend_schema_field(CitedFactSerializer)
    def get_fact(self, citation):
        return cited_fact(citation, self.context.get("request"))


def cited_fact(citation, request):
    for kind in ("deal", "contract", "delivery", "statement", "event", "specification"):
        if getattr(citation, f"{kind}_id"):
            fact = getattr(citation, kind)
            key = fact.slug if kind == "deal" else str(fact.pk)
            return {"kind": kind, "id": key, "url": absolute(request, fact.get_absolute_url())}
    return None


class FullCitationSerializer(CitationSerializer):
    fact = serializers.SerializerMethodField()

    class Meta(CitationSerializer.Meta):
        fields = CITATION_FIELDS.api_fields  # the citations list's one declaration

    to_representation = serializers.ModelSerializer.to_representation  # its own fields

    @extend_schema_field(CitedFactSerializer)
    def get_fact(self, citation):
        return cited_fact(citation, self.context.get("request"))


class BlankAsNullURLField(serializers.URLField):
    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None


class SourceSerializer(serializers.ModelSerializer):
    """A source with all its citations, as its API record and the downloads give it; a page
    of the source list gives `SourceListSerializer`'s."""

    url = PageUrlField()
    record = RecordUrlField("api:source-detail", help_text="This source's record in the API, with all its citations.")
    original_url = BlankAsNullURLField(source="url", help_text="Where the article was published; null if unknown.")
    date = ApproximateDateField(help_text="When it was published (often inferred; see notes).")
    outlet = NamedRefSerializer(allow_null=True)
    agencies = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    citations = SourceCitationSerializer(many=True, read_only=True)
    citation_count = serializers.SerializerMethodField(help_text="How many citations are drawn from the source.")

    class Meta:
        model = Source
        fields = SOURCE_FIELDS.api_fields  # the sources list's one declaration

    def get_citation_count(self, source) -> int:
        return len(source.citations.all())


class SourceListSerializer(SourceSerializer):
    """A source in a page of the API's source list: the first `LISTED_CITATIONS` of its
    citations (by number), how many it has (`citation_count`), and its record (`record`)
    for the rest, as a listed deal gives them; not its article's text, which the record and
    the downloads give (an article runs to tens of kilobytes, so a page's size would follow
    its articles' lengths). Expects sources from `SourceQuerySet.for_api_list`, given their
    first citations by `attach_listed_citations`."""

    citations = SourceCitationSerializer(
        source="listed_citations",
        many=True,
        read_only=True,
        help_text=f"The first {LISTED_CITATIONS} of the source's citations, by number; "
        "`citation_count` says how many it has, `record` gives them all.",
    )

    class Meta(SourceSerializer.Meta):
        fields = SOURCE_FIELDS.api_list_fields

    def get_citation_count(self, source) -> int:
        return source.citation_count


class TimelineLinksSerializer(serializers.Serializer):
    deals = serializers.ListField(child=serializers.CharField(), help_text="Deal slugs.")
    countries = serializers.ListField(child=serializers.CharField(), help_text="ISO 3166-1 alpha-2 codes.")
    systems = serializers.ListField(child=serializers.CharField(), help_text="Weapon system slugs.")


class TimelineItemSerializer(serializers.ModelSerializer):
    """A dated contract, delivery, statement or event; `url` is the page of that record.

    Expects items prepared by `deals.api.timeline.attach_extras` (links, citations, page)."""

    date = ApproximateDateField()
    url = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()
    citations = serializers.SerializerMethodField()

    class Meta:
        model = TimelineItem
        fields = TIMELINE_FIELDS.api_fields  # the timeline list's one declaration

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, item):
        return absolute(self.context.get("request"), item.page_url)

    @extend_schema_field(TimelineLinksSerializer)
    def get_links(self, item):
        return item.link_summary

    @extend_schema_field(CitationSerializer(many=True))
    def get_citations(self, item):
        return CitationSerializer(item.cited, many=True, context=self.context).data

