"""Every read of the deals app, as chainable QuerySet methods (`Deal.objects.for_table()`,
`TimelineItem.objects.for_country(country)`): the pages, the API, the exports and the
feeds all start here, and each method fetches the related rows its readers use up front,
so a page costs the same few queries at any length.

Models are imported inside the methods: this module is imported by the model modules
themselves, before the models exist.
"""
from collections import Counter
from dataclasses import dataclass, field

from django.db import models
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, Lower, RowNumber
from django.db.models.query import ModelIterable

# The system the knowledge base is about. Its family, the S-400 "alone" of the system scope,
# is the system with this slug and its variants (systems whose `variant_of` is it): the deal
# list's `scope=s-400`, the home page and the countries' counts all read it so.
S_400 = "s-400"


# The same family's systems as SQL, for the read model's and the pages' hand-written statements.
S400_SYSTEMS_SQL = (
    "SELECT family.id FROM deals_weaponsystem family "
    "LEFT JOIN deals_weaponsystem parent ON parent.id = family.variant_of_id "
    f"WHERE family.slug = '{S_400}' OR parent.slug = '{S_400}'"
)


def s400_family(prefix=""):
    """Q of the records (deals with `prefix="system__"`, systems with none) whose system is
    the S-400 or one of its variants."""
    return Q(**{f"{prefix}slug": S_400}) | Q(**{f"{prefix}variant_of__slug": S_400})

# Deals offered as choices read "RU → TR: four divisions of S-400…": sorted as they read.
DEAL_CHOICE_ORDER = ("supplier_id", "recipient_id", Lower("subject"))
# Everything a cited fact's name and link need, for a citation's `fact`.
CITED_FACT_RELATED = ("source", "deal", "contract__deal", "delivery__deal", "statement", "event", "specification__system")
# A citation's own columns, and what a link to the fact it supports reads (a deal's slug, the
# fact's id, the deal or system whose page holds it): not the facts' texts.
CITATION_COLUMNS = (
    "id", "excerpt", "source", "deal", "contract", "delivery", "statement", "event", "specification",
)
FACT_LINK_COLUMNS = (
    "deal__slug", "contract__deal__slug", "delivery__deal__slug", "statement__id", "event__id",
    "specification__system__slug",
)

# What a fact's label and address read (`deals.views.sources`): a deal's parties and subject,
# a contract's or delivery's description and its deal's page, a statement's words, their
# form (quoted or reported: its name marks which) and who spoke, an event's title, a
# specification's figure and its system's page.
FACT_NAME_RELATED = (
    "deal", "contract__deal", "delivery__deal", "statement__speaker", "statement__organisation", "event",
    "specification__system",
)
FACT_NAME_COLUMNS = (
    "deal__slug", "deal__supplier", "deal__recipient", "deal__subject",
    "contract__description", "contract__deal__slug",
    "delivery__kind", "delivery__description", "delivery__deal__slug",
    "statement__text", "statement__mode", "statement__speaker", "statement__organisation", "statement__speaker__name",
    "statement__organisation__name",
    "event__title",
    "specification__parameter", "specification__words", "specification__system__name", "specification__system__slug",
)


def citations_prefetch(lookup="citations", *, texts=True):
    """Citations with their sources, for any fact's `citations`; without the sources' full
    texts and notes (`texts=False`) where only their names and addresses are shown, as in
    the API and the downloads, since a page of deals cites hundreds of articles."""
    from deals.provenance import with_origins

    from . import Citation

    citations = with_origins(Citation.objects.select_related("source").order_by("pk"))
    if not texts:
        citations = citations.defer(*SOURCE_TEXTS)
    return Prefetch(lookup, queryset=citations)


def milestones_prefetch(lookup="milestones"):
    """A deal's milestones in the order they are folded (its status history, as its page and
    its JSON give it), each with its citation and that citation's source (without its text),
    and whether it set the deal's status (`sets_status`: a status period begins with it,
    found along the periods' (deal, since) index): one query for a batch of deals."""
    from . import DealMilestone, DealStatusPeriod

    began = DealStatusPeriod.objects.filter(
        deal_id=OuterRef("deal_id"), since=OuterRef("date_latest"), milestone_id=OuterRef("pk")
    )
    milestones = (
        DealMilestone.objects.select_related("citation__source")
        .defer(*(f"citation__{name}" for name in SOURCE_TEXTS))
        .annotate(sets_status=Exists(began))
        .order_by("date_latest", "rank", "date_earliest", "id")
    )
    return Prefetch(lookup, queryset=milestones)


def nested_citations(*facts):
    """Citations with what their JSON reads of them and of their source (`CitationSerializer`),
    by number, for a list to nest under the facts named (`deal`, `contract`, …): each one's key
    is read too, so that the citations can be given to their facts."""
    from deals.provenance import with_origins

    from . import Citation

    return with_origins(
        Citation.objects.select_related("source")
        .only("id", "excerpt", "source_id", *(f"{fact}_id" for fact in facts), *NESTED_SOURCE_COLUMNS)
        .order_by("pk")
    )


# What a nested citation's JSON reads of its source: its name and address.
NESTED_SOURCE_COLUMNS = ("source__slug", "source__title", "source__title_supplied")

# The source's columns a citation's JSON and CSV never read: its article and how it was dated.
SOURCE_TEXTS = ("source__text", "source__notes")
# The same, for sources read in a list of links or rows.
SOURCE_LIST_DEFERRED = tuple(name.removeprefix("source__") for name in SOURCE_TEXTS)


def deals_prefetch(lookup="deals"):
    """Deals with the rows their names and links need (system, supplier, recipient)."""
    from . import Deal

    return Prefetch(lookup, queryset=Deal.objects.with_parties().with_evidence())


def labelled_deals_prefetch(lookup="deals", to_attr=None):
    """Deals with what a table row shows of them: their label (`deal_label`: the parties'
    codes and the subject) and their link (the slug), without rows of their parties and
    system, which a page of fifty statements would otherwise build for each of their deals;
    with `to_attr`, as a plain list in that attribute (no manager and QuerySet built per row)."""
    from . import Deal

    return Prefetch(lookup, queryset=Deal.objects.only("slug", "supplier", "recipient", "subject"), to_attr=to_attr)


def concerning_countries(countries) -> Q:
    """Statements about any of `countries`: named in them, or supplier or recipient of their deals."""
    return Q(countries__in=countries) | Q(deals__supplier__in=countries) | Q(deals__recipient__in=countries)


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class DealCounts:
    """How many deals a country has in one role ("supplier" or "recipient"), per status, in
    a system scope (`scope`, a `DealScope`); and in all, how many are the S-400 family's
    (`s400`) and how many are any system's (`every`), so a page can say both."""

    role: str
    by_status: list[StatusCount] = field(default_factory=list)
    scope: str = "all"
    s400: int = 0
    every: int = 0

    @property
    def total(self):
        return sum(part.count for part in self.by_status)


# What a deal's row reads of its deliveries from its summary (`DealSummary` says what each
# means; `deals.columns.REGISTER` names them for the API and the CSV).
REGISTER_COLUMNS = (
    "delivered_quantity", "delivered_quantity_unit", "actual_deliveries", "deliveries_without_quantity",
    "first_delivery_year", "last_delivery_year",
)
# When the latest source its facts cite was published (bounds): what every status shown is "as of".
EVIDENCE_COLUMNS = ("latest_evidence_earliest", "latest_evidence_latest")


class StatusOnDayIterable(ModelIterable):
    """Deals of `DealQuerySet.as_of`, each with `status` set to its status on the day and its
    curated status kept in `curated_status`: the page's rows, the API's `status` and the CSV's
    all read `status`, so each shows the status on the day without a branch of its own (a row
    so read is for showing, never for saving)."""

    def __iter__(self):
        for deal in super().__iter__():
            deal.curated_status, deal.status = deal.status, deal.status_on_day
            yield deal


class DealQuerySet(models.QuerySet):
    def as_of(self, day, *, statuses=()):
        """The deals that had a status on `day` (at one of `statuses`, when given), each with it
        (as `status`, `StatusOnDayIterable`), the day (`as_of`) and the date of the milestone
        it holds it since (`status_since_earliest`, `status_since_latest`, and its EDTF,
        `status_since_edtf`, which keeps its uncertainty: "since 2016?"): one
        join to the status period covering the day (`DealStatusPeriod`, along its (deal,
        since) index) and one to its milestone."""
        covering = Q(status_periods__since__lte=day) & (
            Q(status_periods__until__isnull=True) | Q(status_periods__until__gt=day)
        )
        if statuses:
            covering &= Q(status_periods__status__in=list(statuses))
        rows = (
            self.annotate(period_on_day=FilteredRelation("status_periods", condition=covering))
            .filter(period_on_day__isnull=False)
            .annotate(
                status_on_day=F("period_on_day__status"),
                as_of=Value(day, output_field=DateField()),
                status_since_earliest=F("period_on_day__milestone__date_earliest"),
                status_since_latest=F("period_on_day__milestone__date_latest"),
                status_since_edtf=F("period_on_day__milestone__date_edtf"),
            )
        )
        rows._iterable_class = StatusOnDayIterable
        return rows

    def without_status_on(self, day):
        """The deals with no milestone reached by `day` (no evidence of them by then)."""
        from . import DealStatusPeriod

        return self.exclude(Exists(DealStatusPeriod.objects.filter(deal=OuterRef("pk"), since__lte=day)))

    def with_parties(self):
        return self.select_related("supplier", "recipient", "system")

    def with_evidence(self):
        """Deals with when their latest evidence was published (`latest_evidence_earliest`,
        `latest_evidence_latest`, from their stored summaries, joined in the same query), for
        the "as of" every status shown carries (`deals.templatetags.browsing.deal_status`)."""
        return self.annotate(**{name: F(f"derived__{name}") for name in EVIDENCE_COLUMNS})

    def listed(self):
        """Deals with their first contract's terms and the span of their dated milestones,
        read from their stored summaries (`DealSummary`, kept by the write path), and when
        their latest evidence was published (`with_evidence`)."""
        return self.with_parties().with_evidence().annotate(
            contract_value=F("derived__contract_value"),
            contract_currency=F("derived__contract_currency"),
            contract_value_words=F("derived__contract_value_words"),
            contract_quantity=F("derived__contract_quantity"),
            contract_unit=F("derived__contract_unit"),
            first_date=F("derived__first_date"),
            last_date=F("derived__last_date"),
        ).order_by("recipient__name", "slug")

    def for_table(self):
        """Deals as the deal tables show them: listed() plus the rest of their first contract
        (its id, the quantity's words, its date), their first and last dated milestones'
        dates, what their actual deliveries add up to and the years they span, and when their
        latest evidence was published, all read from their stored summaries: a page of deals
        is one query."""
        stored = (
            "contract_quantity_words", "signed_words", "signed_edtf", "signed_earliest", "signed_latest",
            "signed_basis", "first_words", "first_edtf", "first_latest", "first_basis", "last_words", "last_edtf",
            "last_earliest", "last_basis", *REGISTER_COLUMNS,
        )
        return self.listed().annotate(
            first_contract_id=F("derived__contract_id"), **{name: F(f"derived__{name}") for name in stored}
        )

    def for_export(self, *, history=True):
        """The table's rows and order with what a deal's JSON and CSV add: its contracts,
        deliveries and citations, and (`history`, its JSON alone) its status history
        (`milestones_prefetch`)."""
        rows = self.for_table().prefetch_related(citations_prefetch(texts=False), *self._nested())
        return rows.prefetch_related(milestones_prefetch()) if history else rows

    def for_api_list(self):
        """`for_export`'s deals for a page of the API's list, with how many citations each
        has in all (`citation_count`, counted along their deal index), their contracts and
        deliveries each in a list of its own (`listed_contracts`, `listed_deliveries`; a
        related manager's cache costs a queryset built for every deal of the page), but not
        the citations: the page's are read for the page alone (`attach_nested_citations`)."""
        from . import Citation, Contract, Delivery

        cited = Citation.objects.filter(deal=OuterRef("pk")).order_by().values("deal").annotate(n=Count("pk"))
        return (
            self.for_table()
            .prefetch_related(
                Prefetch("contracts", queryset=Contract.objects.order_by("date_earliest", "pk"), to_attr="listed_contracts"),
                Prefetch("deliveries", queryset=Delivery.objects.order_by("date_earliest", "pk"), to_attr="listed_deliveries"),
            )
            .annotate(citation_count=Coalesce(Subquery(cited.values("n")), 0))
        )

    def _nested(self):
        """The contracts and deliveries a deal's JSON nests, each with its citations."""
        from . import Contract, Delivery

        return (
            Prefetch("contracts", queryset=Contract.objects.order_by("date_earliest", "pk")),
            citations_prefetch("contracts__citations", texts=False),
            Prefetch("deliveries", queryset=Delivery.objects.prefetch_related(citations_prefetch(texts=False))),
        )

    def for_page(self, *, shown):
        """Deals with what a deal's page shows of their own: their first `shown` citations,
        contracts and deliveries, and each contract's and delivery's first `shown` citations,
        each of those with how many its fact has in all (`citations_of_fact`), so the page
        counts and links to the rest when there are more, without a query per fact (contracts
        and deliveries in date order, citations by number). Its statements and events come a
        page at a time (`lists.pages.bounded_page`). A citation shows its source's name and
        date, never its text (`texts=False`)."""
        from . import Citation, Contract, Delivery

        def first(queryset, *order, within="deal_id", **counted):
            # Numbered within each deal (or fact) and filtered on the number: a sliced prefetch
            # would do the same, but leaves `deal.citations.all()` unusable (it could not be filtered).
            number = Window(RowNumber(), partition_by=F(within), order_by=[F(name).asc() for name in order])
            return queryset.annotate(number_within=number, **counted).filter(number_within__lte=shown).order_by(*order)

        from deals.provenance import with_origins

        # With what their sources relay or who published them: a fact's support counts outlets.
        citations = with_origins(Citation.objects.select_related("source").defer(*SOURCE_TEXTS))

        def first_citations(fact):
            # Counted over the same rows the numbering reads: the total costs no query of its own.
            in_all = Window(Count("pk"), partition_by=F(f"{fact}_id"))
            return Prefetch("citations", queryset=first(citations, "pk", within=f"{fact}_id", citations_of_fact=in_all))

        contracts = Contract.objects.prefetch_related(first_citations("contract"))
        deliveries = Delivery.objects.select_related("contract").prefetch_related(first_citations("delivery"))
        return self.listed().prefetch_related(
            Prefetch("citations", queryset=first(citations, "pk")),
            Prefetch("contracts", queryset=first(contracts, "date_earliest", "pk")),
            Prefetch("deliveries", queryset=first(deliveries, "date_earliest", "pk")),
        )

    def involving(self, country):
        return self.filter(Q(supplier=country) | Q(recipient=country))

    def in_scope(self, scope):
        """The deals of a system scope (`DealScope`): the S-400 family's alone, or all. The
        family's few systems as a subquery (`system_id IN (…)`), so the deals are read along
        their system index rather than joined to the systems table twice and tested."""
        from . import DealScope, WeaponSystem

        if scope != DealScope.S_400:
            return self
        return self.filter(system__in=WeaponSystem.objects.filter(s400_family()).values("pk"))

    def of_system(self, slug):
        """The deals for the system with this slug, with what the home page names them by."""
        return self.filter(system__slug=slug).select_related("recipient", "system").with_evidence()

    def disputed(self):
        """The deals whose existence or terms the sources dispute, with their parties and system."""
        return self.filter(disputed=True).select_related("supplier", "recipient", "system").with_evidence()


class DealStatusPeriodQuerySet(models.QuerySet):
    def covering(self, day):
        """The periods that hold on `day`: at most one per deal."""
        return self.filter(Q(since__lte=day) & (Q(until__isnull=True) | Q(until__gt=day)))

    def status_counts(self, day, scope="all"):
        """Deals (of a system scope, `DealScope`) per status on `day`, as
        `CountryDealCountQuerySet.status_counts` gives them today: one grouped read of the
        periods begun by then along the (since, until, status) index, leaving out statuses no
        deal had; for the S-400 alone, of the periods whose deals are the family's."""
        from . import Deal, DealScope, DealStatus

        periods = self.covering(day)
        if scope == DealScope.S_400:
            periods = periods.filter(deal__in=Deal.objects.in_scope(scope).values("pk"))
        rows = periods.values("status").annotate(n=Count("pk")).order_by()
        found = {row["status"]: row["n"] for row in rows}
        return [StatusCount(status, label, found[status]) for status, label in DealStatus.choices if status in found]


class StatementQuerySet(models.QuerySet):
    def for_table(self):
        """Statements as the statement tables show them: speaker, body, outlet and deals (by
        their labels, a list in `listed_deals`), in date order (undated ones last on every
        database)."""
        return (
            self.select_related("speaker", "organisation", "medium")
            .prefetch_related(labelled_deals_prefetch(to_attr="listed_deals"))
            .order_by(F("date_earliest").asc(nulls_last=True), F("date_latest").asc(nulls_last=True), "pk")
        )

    def for_export(self):
        """The table's rows and order; their deals, countries and citations come batch by batch
        from `deals.lists.attach_statement_relations`."""
        return self.for_table().prefetch_related(None)

    def with_relations(self):
        return self.select_related("speaker", "organisation", "medium").prefetch_related(
            "deals__supplier", "deals__recipient", "countries", citations_prefetch()
        )

    def for_page(self):
        return self.select_related("speaker", "organisation", "medium").prefetch_related(
            citations_prefetch(), deals_prefetch(), "countries"
        )

    def of_country(self, country):
        """Statements about `country`, in the lists' order, read along the index of the
        statements' countries (`StatementCountry`): a page of them reads a page of rows,
        however many statements the country has."""
        return self.filter(country_rows__country=country).order_by(
            F("country_rows__date_earliest").asc(nulls_last=True),
            F("country_rows__date_latest").asc(nulls_last=True),
            "country_rows__statement_id",
        )

    def of_deal(self, deal):
        """The deal's statements, in the lists' order (undated last), read along the index
        of the statements' deals (`StatementDeal`)."""
        return _of_deal(self, deal)

    def count_for_country(self, country):
        """How many statements concern the country: its row of the statements counted per
        country (`StatementCountryCount`, kept by the write path), not a count of its rows."""
        from . import StatementCountryCount

        counted = StatementCountryCount.objects.filter(country=country).values_list("statements", flat=True).first()
        return counted or 0

    def concerning(self, countries):
        """Statements about any of `countries`, found from the countries' side: the ids named
        with them or on their deals, each through an index, rather than joining every
        statement to its countries and deals and removing the repeats (DISTINCT)."""
        return self.filter(pk__in=self.ids_concerning(countries))

    def ids_concerning(self, countries):
        """The ids of the statements about any of `countries`, each once (a UNION of the ids
        named with them and those on their deals): counting these counts the statements
        without reading them."""
        from . import Statement

        named = Statement.countries.through.objects.filter(country__in=countries).values("statement_id")
        on_deals = Statement.deals.through.objects.filter(
            Q(deal__supplier__in=countries) | Q(deal__recipient__in=countries)
        ).values("statement_id")
        return named.union(on_deals)


class TimelineItemQuerySet(models.QuerySet):
    def with_links(self, *related):
        """Items with their links (and the links' `related` rows: by default deal and country)."""
        from . import TimelineLink

        links = TimelineLink.objects.select_related(*(related or ("deal", "country"))).order_by("pk")
        return self.prefetch_related(Prefetch("links", queryset=links))

    def linked(self, **lookup):
        """Items linked to what `lookup` names (`country__in=[...]`, `deal=deal`)."""
        from . import TimelineLink

        return self.filter(Exists(TimelineLink.objects.filter(item=OuterRef("pk"), **lookup)))

    def for_country(self, country):
        """Items concerning the country (what `country=` means on /timeline/)."""
        return self.linked(country=country)

    def count_for_country(self, country):
        """How many items concern the country: its row of the items counted per country
        (`TimelineCountryCount`, kept by the write path), not a count of its links."""
        from . import TimelineCountryCount

        counted = TimelineCountryCount.objects.filter(country=country).values_list("items", flat=True).first()
        return counted or 0

    def newest_first(self):
        return self.order_by("-date_earliest", "-date_latest", "-kind", "-object_id")


class RecordCountQuerySet(models.QuerySet):
    """Records counted per table (a read-model table of a row per counted model)."""

    def total(self, model):
        """How many records of `model` are stored, as last counted by the write path."""
        counted = self.filter(label=model._meta.label_lower).values_list("records", flat=True).first()
        return counted or 0


class CountryDealCountQuerySet(models.QuerySet):
    """Deals counted per country, role, status and whether their system is the S-400 family's
    (a read-model table of a few hundred rows)."""

    def in_scope(self, scope):
        """The rows counting the deals of a system scope (`DealScope`): the S-400 family's
        alone, or all (both kinds of rows, summed by the methods below)."""
        from . import DealScope

        return self.filter(s400=True) if scope == DealScope.S_400 else self

    def scoped_status_counts(self, scope):
        """(deals per status within `scope`, as `status_counts` lists them; how many deals
        are the S-400 family's; how many are not: the related deals), in one query."""
        from . import DealScope, DealStatus

        found, by_family = Counter(), Counter()
        rows = self.filter(role="recipient").values("status", "s400").annotate(n=Sum("deals")).order_by()
        for row in rows:
            by_family[row["s400"]] += row["n"]
            if row["s400"] or scope != DealScope.S_400:
                found[row["status"]] += row["n"]
        statuses = [StatusCount(status, label, found[status]) for status, label in DealStatus.choices if found[status]]
        return statuses, by_family[True], by_family[False]

    def status_counts(self):
        """Deals per status, in the vocabulary's order, leaving out statuses no deal has
        (every deal has one recipient, so the recipients' rows count each deal once)."""
        from . import DealStatus

        rows = self.filter(role="recipient").values("status").annotate(n=Sum("deals")).order_by()
        found = {row["status"]: row["n"] for row in rows}
        return [StatusCount(status, label, found[status]) for status, label in DealStatus.choices if status in found]

    def by_country(self, role, codes, scope="all"):
        """{country code: DealCounts} for the given countries in `role`, per status within
        `scope` (a `DealScope`), with their S-400 and all deals counted, in one query."""
        from . import DealScope, DealStatus

        found, s400, every = Counter(), Counter(), Counter()
        rows = self.filter(role=role, country__in=codes).values_list("country_id", "status", "s400", "deals")
        for code, status, in_family, n in rows:
            every[code] += n
            if in_family:
                s400[code] += n
            if in_family or scope != DealScope.S_400:
                found[code, status] += n
        return {
            code: DealCounts(
                role,
                [
                    StatusCount(status, label, found[code, status])
                    for status, label in DealStatus.choices
                    if found[code, status]
                ],
                scope=scope, s400=s400[code], every=every[code],
            )
            for code in codes
        }

    def total(self, *, role="recipient", countries=(), statuses=()):
        """How many deals have one of `countries` (country codes; any when none) in `role`
        and one of `statuses` (any when none), as the deal list's `supplier` or `recipient`
        and `status` select them (within a scope when called on `in_scope`). Every deal has one supplier and one recipient, so either
        role's rows count each deal once; no pair of countries can be counted here."""
        rows = self.filter(role=role)
        if countries:
            rows = rows.filter(country__in=countries)
        if statuses:
            rows = rows.filter(status__in=statuses)
        return rows.aggregate(n=Coalesce(Sum("deals"), 0))["n"]


class TimelineSpanCountQuerySet(models.QuerySet):
    """Timeline items counted per kind and span of years (a read-model table of a few hundred rows)."""

    def year_counts(self):
        """(year, number of items that may fall in it) for every year the items cover,
        counted as `year_from`/`year_to` on /timeline/ count: an item spanning years is in each."""
        per_year = Counter()
        for first, last, n in self.values_list("first_year", "last_year", "items"):
            for year in range(first, last + 1):
                per_year[year] += n
        return sorted(per_year.items())

    def total(self, *, kinds=(), year_from=None, year_to=None):
        """How many items of these kinds (all when none) may fall between these years, as
        the timeline's `kind`, `year_from` and `year_to` select them."""
        rows = self.filter(kind__in=kinds) if kinds else self
        if year_from is not None:
            rows = rows.filter(last_year__gte=year_from)
        if year_to is not None:
            rows = rows.filter(first_year__lte=year_to)
        return rows.aggregate(n=Coalesce(Sum("items"), 0))["n"]


class PersonQuerySet(models.QuerySet):
    def for_table(self):
        from . import Statement

        # Counted per person in a subquery on the statements' speaker index, which the database
        # evaluates for the page's people only (after the sort and limit), not for everyone.
        said = Statement.objects.filter(speaker=OuterRef("pk")).order_by().values("speaker").annotate(n=Count("pk"))
        return self.select_related("country").annotate(
            statement_count=Coalesce(Subquery(said.values("n")), 0)
        ).order_by("name", "slug")

    def for_export(self):
        return self.select_related("country").order_by("name", "slug")

    def for_page(self):
        """The person with their country; their statements come a page at a time
        (`lists.pages.bounded_page`), as the page shows them."""
        return self.select_related("country")


class OrganisationQuerySet(models.QuerySet):
    def for_page(self):
        """The organisation with its country and how many sources it published
        (`published_count`) and relays (`relayed_count`), each counted in a subquery on its
        own index for this one row. Its statements, made and carried, and its sources, an
        outlet's thousands, come a page at a time (`lists.pages.bounded_page`), as the page
        shows them (`Source.objects.for_links()`)."""
        from . import Source

        published = Source.objects.filter(outlet=OuterRef("pk")).order_by().values("outlet").annotate(n=Count("pk"))
        relayed = (
            Source.agencies.through.objects.filter(organisation=OuterRef("pk"))
            .order_by().values("organisation").annotate(n=Count("pk"))
        )
        return self.select_related("country").annotate(
            published_count=Coalesce(Subquery(published.values("n")), 0),
            relayed_count=Coalesce(Subquery(relayed.values("n")), 0),
        )


class WeaponSystemQuerySet(models.QuerySet):
    def for_table(self):
        from . import SystemDealCount

        # Each system's deals as the write path counted them (`SystemDealCount`), read by its
        # key for the page's systems only; a system without a row has none.
        deals = SystemDealCount.objects.filter(system=OuterRef("pk")).values("deals")[:1]
        # The other names as a plain list (`listed_aliases`): prefetched into the related
        # manager, each row of the page would build a manager and a QuerySet to hold them.
        return (
            self.select_related("maker", "maker_country", "variant_of")
            .prefetch_related(Prefetch("aliases", to_attr="listed_aliases"))
            .annotate(deal_count=Coalesce(Subquery(deals), 0))
            .order_by("name")
        )

    def for_export(self):
        from . import Specification

        return (
            self.select_related("maker_country", "maker", "variant_of")
            .prefetch_related(
                "aliases",
                Prefetch(
                    "specifications", queryset=Specification.objects.prefetch_related(citations_prefetch(texts=False))
                ),
            )
            .order_by("name")
        )

    def for_api_list(self):
        """`for_export`'s systems for a page of the API's list, their aliases, specifications
        and the specifications' citations each in a list of its own (`listed_aliases`,
        `listed_specifications`, `cited`), as `DealQuerySet.for_api_list` gives a deal's."""
        from . import Specification

        return (
            self.select_related("maker_country", "maker", "variant_of")
            .prefetch_related(
                Prefetch("aliases", to_attr="listed_aliases"),
                Prefetch("specifications", queryset=Specification.objects.all(), to_attr="listed_specifications"),
                Prefetch("listed_specifications__citations", queryset=nested_citations("specification"), to_attr="cited"),
            )
            .order_by("name")
        )

    def for_page(self):
        """A system with what its page shows whole; its deals come a page at a time (the view)."""
        from . import Specification

        specifications = Specification.objects.prefetch_related(citations_prefetch()).order_by(
            "parameter", "value", "pk"
        )
        return self.select_related("maker", "maker_country", "variant_of").prefetch_related(
            "aliases",
            "variants",
            Prefetch("specifications", queryset=specifications),
        )


class SourceQuerySet(models.QuerySet):
    def for_table(self):
        from . import CITATION_TARGETS, Citation, Organisation

        # A fact cited twice by one source counts once. Counted per source in a subquery on
        # the citations' source index, so the database counts the page's sources only (it
        # evaluates a select-list subquery after the sort and limit), not every citation.
        facts = sum(
            (Count(target, distinct=True) for target in CITATION_TARGETS[1:]), Count(CITATION_TARGETS[0], distinct=True)
        )
        cited = Citation.objects.filter(source=OuterRef("pk")).order_by().values("source").annotate(n=facts)
        return (
            self.select_related("outlet")
            .prefetch_related(Prefetch("agencies", queryset=Organisation.objects.order_by("name")))
            .annotate(fact_count=Coalesce(Subquery(cited.values("n")), 0))
            .order_by("date_earliest", "slug")
        )

    def for_export(self):
        from . import Citation

        return (
            self.select_related("outlet")
            .prefetch_related(
                "agencies",
                # Their source is the one they are listed under (the prefetch sets it).
                Prefetch("citations", queryset=Citation.objects.with_fact_links().order_by("pk")),
            )
            .order_by("date_earliest", "slug")
        )

    def for_links(self):
        """Sources as a list of links shows them (title, date, outlet), in date order, read
        without their articles' texts and notes: an outlet's page lists thousands."""
        return self.select_related("outlet").defer(*SOURCE_LIST_DEFERRED).order_by("date_earliest", "slug")

    def for_api_list(self):
        """`for_export`'s sources for a page of the API's list, with how many citations each
        has (`citation_count`, counted along their source index) but not the citations: the
        page's first few of each are read for the page alone (`attach_listed_citations`); nor
        their articles' texts, which a listed source does not give."""
        from . import Citation

        cited = Citation.objects.filter(source=OuterRef("pk")).order_by().values("source").annotate(n=Count("pk"))
        return (
            self.select_related("outlet")
            .prefetch_related("agencies")
            .annotate(citation_count=Coalesce(Subquery(cited.values("n")), 0))
            .defer("text")
            .order_by("date_earliest", "slug")
        )

    def for_page(self):
        """The source with its outlet and agencies. Its citations, hundreds for the most cited
        articles, are read by the page in two steps: all of them without the facts they cite
        (to highlight the text), then the facts of one page of its list (`with_fact_names`)."""
        from . import Organisation

        return self.select_related("outlet").prefetch_related(
            Prefetch("agencies", queryset=Organisation.objects.order_by("name"))
        )


class CitationQuerySet(models.QuerySet):
    def with_facts(self):
        """Citations with their source and the fact each supports (and that fact's deal)."""
        return self.select_related(*CITED_FACT_RELATED)

    def with_fact_keys(self):
        """Citations with their excerpt and the key of the fact each supports, read without
        the facts: what highlighting a source's text needs, for every citation of it."""
        return self.only(*CITATION_COLUMNS)

    def with_fact_names(self):
        """Citations with what the fact each supports needs to be named and linked on a page
        (its label and address) and nothing more: the joins are many, so the columns are few
        and the citations' own order (by their source's date) is dropped, which would join
        their sources too."""
        return self.select_related(*FACT_NAME_RELATED).only(*CITATION_COLUMNS, *FACT_NAME_COLUMNS).order_by()

    def with_fact_links(self):
        """Citations with what their JSON shows of the fact each supports (its kind, key and
        page), not the fact's own text, nor their source (for citations listed under it)."""
        return self.select_related(*CITED_FACT_RELATED[1:]).only(*CITATION_COLUMNS, *FACT_LINK_COLUMNS)

    def for_export(self):
        """Citations as the API and the downloads list them: their source named (never its
        text) and the fact each supports linked."""
        return self.select_related(*CITED_FACT_RELATED).only(
            *CITATION_COLUMNS, *FACT_LINK_COLUMNS, "source__slug", "source__title", "source__title_supplied"
        )


def _of_deal(queryset, deal):
    """A deal's statements or events in date order (undated last), along the index of their
    deals' rows: a page of them reads a page of rows, however many the deal has."""
    name = queryset.model._meta.model_name
    return queryset.filter(deal_rows__deal=deal).order_by(
        F("deal_rows__date_earliest").asc(nulls_last=True),
        F("deal_rows__date_latest").asc(nulls_last=True),
        f"deal_rows__{name}_id",
    )


class EventQuerySet(models.QuerySet):
    def of_deal(self, deal):
        """The deal's events, in date order (undated last), along `EventDeal`'s index."""
        return _of_deal(self, deal)

    def for_page(self):
        return self.prefetch_related(citations_prefetch(), deals_prefetch(), "countries")

    def for_export(self):
        return self.prefetch_related("deals", "countries", citations_prefetch(texts=False))


class ContractQuerySet(models.QuerySet):
    def for_export(self):
        return self.select_related("deal").prefetch_related(citations_prefetch(texts=False))


class DeliveryQuerySet(models.QuerySet):
    def for_export(self):
        return self.select_related("deal").prefetch_related(citations_prefetch(texts=False))


class SpecificationQuerySet(models.QuerySet):
    def for_export(self):
        return self.select_related("system").prefetch_related(citations_prefetch(texts=False))


def attach_nested_citations(deals, citations):
    """Gives each of `deals` (from `DealQuerySet.for_api_list`) its first `citations` own
    citations by number (`listed_citations`), and each of their contracts and deliveries
    all of its citations by number (`cited`), in two queries for the page however many they
    are: the deals' first ones chosen by number along their deal index, then all of them
    read along the citations' deal, contract and delivery indexes."""
    from . import Citation

    by_deal = {deal.pk: deal for deal in deals}
    contracts = {contract.pk: contract for deal in deals for contract in deal.listed_contracts}
    deliveries = {delivery.pk: delivery for deal in deals for delivery in deal.listed_deliveries}
    for deal in deals:
        deal.listed_citations = []
    for fact in (*contracts.values(), *deliveries.values()):
        fact.cited = []
    if not deals:
        return deals
    number = Window(RowNumber(), partition_by=F("deal_id"), order_by=F("pk").asc())
    first = (
        Citation.objects.filter(deal__in=list(by_deal)).annotate(number_in_deal=number)
        .filter(number_in_deal__lte=citations).values_list("pk", flat=True)
    )
    wanted = Q(pk__in=list(first))  # as numbers: an OR with the subquery would read every citation
    if contracts:
        wanted |= Q(contract__in=list(contracts))
    if deliveries:
        wanted |= Q(delivery__in=list(deliveries))
    for citation in nested_citations("deal", "contract", "delivery").filter(wanted):
        if citation.deal_id is not None:
            by_deal[citation.deal_id].listed_citations.append(citation)
        elif citation.contract_id is not None:
            contracts[citation.contract_id].cited.append(citation)
        else:
            deliveries[citation.delivery_id].cited.append(citation)
    return deals


def attach_listed_citations(sources, citations):
    """Gives each of `sources` its first `citations` citations by number, with what their
    JSON shows of the facts they support, as `listed_citations`. The first ones are chosen
    on the citations' source index alone, then read with their facts by number: numbering
    them after joining their facts (a sliced prefetch) joins every citation of the page's
    sources, hundreds for the most cited, to five tables before keeping a few."""
    from . import Citation

    number = Window(RowNumber(), partition_by=F("source_id"), order_by=F("pk").asc())
    first = (
        Citation.objects.filter(source__in=[source.pk for source in sources])
        .annotate(number_in_source=number)
        .filter(number_in_source__lte=citations)
        .values_list("pk", flat=True)
    )
    by_source = {source.pk: (source, []) for source in sources}
    for citation in Citation.objects.with_fact_links().filter(pk__in=list(first)).order_by("pk"):
        source, listed = by_source[citation.source_id]
        citation.source = source  # the one it is listed under: its address reads its slug
        listed.append(citation)
    for source, listed in by_source.values():
        source.listed_citations = listed
    return sources
