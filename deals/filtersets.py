"""The deals app's FilterSets, one per list, each defined once: the page, the API and the
downloads of a list all use its FilterSet (through its declaration in `deals.lists`), so
they can never disagree about what a parameter means. The generic machinery they are
built from is `lists.filters`."""
import datetime
from functools import partial

import django_filters
from django import forms
from django.db import connections
from django.db.models import CharField, Count, Exists, F, Min, OrderBy, OuterRef, Q, StringAgg, Sum, Value
from django.db.models.functions import Cast

from countries.models import Country, CountryAlias
from lists.filters import (
    SEVERAL_HINT,
    CountedCountriesFilter,
    DayFilter,
    FacetRadios,
    FilterForm,
    NullsLastOrderingFilter,
    TypeAheadFilter,
    TypeAheadInput,
    TypeAheadMultipleFilter,
    WordFilter,
    WordsFilter,
    YearSpanFilterSet,
    YearSpanForm,
    YesNoFilter,
    among,
    cached_rows,
    chosen_values,
    contains_any,
    holding,
    named_any,
    overlapping,
    text_filter,
)
from lists.registry import Leading, once_per_version

from .models import (
    Citation,
    CountryDealCount,
    Deal,
    DealScope,
    DealStatus,
    DealSummary,
    Organisation,
    Person,
    RecordCount,
    Source,
    Stance,
    Statement,
    StatementCountry,
    StatementCountryCount,
    StatementMode,
    SystemCategory,
    TimelineCountryCount,
    TimelineDealCount,
    TimelineItem,
    TimelineKind,
    TimelineLink,
    TimelineSpanCount,
    TimelineSystemCount,
    WeaponSystem,
    WeaponSystemAlias,
)
from .models.querysets import DEAL_CHOICE_ORDER, s400_family
from .templatetags.browsing import deal_label

# --- what each filter can choose from ---------------------------------------------------
# People, deals, systems and sources grow with the knowledge base: they are type-ahead
# fields (`lists.filters.TypeAheadFilter`), checked against the records the list can be
# filtered by, and never counted. Countries (at most ~250) are offered as a list with
# their counts, from one grouped query per list.


# The free-text filters name the records of another table that hold the term by their keys
# (`lists.filters.among`): each table is then read through its own indexes (trigram indexes
# on PostgreSQL, deals/migrations/0016_text_filter_trigram_indexes.py) rather than every deal
# or statement being joined to it and tested.


def countries_holding(term, *, aliases=True):
    """Countries whose name (or, with `aliases`, one of whose other names) holds `term`."""
    named = contains_any("name", term)
    if aliases:
        named |= Exists(CountryAlias.objects.filter(contains_any("name", term), country=OuterRef("pk")))
    return Country.objects.filter(named)


def systems_holding(term):
    """Weapon systems whose name or one of whose aliases holds `term`."""
    return WeaponSystem.objects.filter(
        contains_any("name", term) | Exists(WeaponSystemAlias.objects.filter(contains_any("name", term), system=OuterRef("pk")))
    )


def deal_matching(term):
    """Deals whose subject, key or recipient's name holds `term`."""
    return contains_any("subject", term) | contains_any("slug", term) | among(countries_holding(term, aliases=False), "recipient")


def deal_named(text):
    """The deal named by `text`: its subject, or its label as offered ("RU → TR: subject")."""
    supplier, _, rest = text.partition(" → ")
    recipient, _, subject = rest.partition(": ")
    by_label = Q(supplier_id=supplier.upper(), recipient_id=recipient.upper(), subject__iexact=subject) if subject else Q(pk=None)
    return Q(subject__iexact=text) | by_label


DEAL_CHOICE = {
    "matching": deal_matching, "named": deal_named, "order": DEAL_CHOICE_ORDER, "noun": "deal", "labelled": deal_label,
}
PERSON_CHOICE = {
    "matching": lambda term: Q(name__icontains=term) | Q(slug__icontains=term),
    "named": lambda text: Q(name__iexact=text), "order": ("name", "slug"), "noun": "person", "nouns": "people",
}
SYSTEM_CHOICE = {
    # In any spelling: "s400" suggests the S-400 as "s-400" does.
    "matching": lambda term: (
        contains_any("name", term) | contains_any("slug", term)
        | Exists(WeaponSystemAlias.objects.filter(contains_any("name", term), system=OuterRef("pk")))
    ),
    "named": lambda text: named_any("name", text) | Exists(WeaponSystemAlias.objects.filter(named_any("name", text), system=OuterRef("pk"))),
    "order": ("name", "slug"), "noun": "weapon system",
}
SOURCE_CHOICE = {
    "matching": lambda term: Q(title__icontains=term) | Q(slug__icontains=term),
    "named": lambda text: Q(title__iexact=text), "order": ("-date_earliest", "slug"), "noun": "source",
}


def with_statements(model, link):
    return model.objects.filter(Exists(Statement.objects.filter(**{link: OuterRef("pk")})))


def on_timeline(model, link):
    return model.objects.filter(Exists(TimelineLink.objects.filter(**{link: OuterRef("pk")})))


def countries_in_deals(role, *, s400=False):
    """(code, name, deals) for each country in deals as `role`, in one query over the deals
    counted per country (`CountryDealCount`); with `s400`, the same countries (a choice valid
    in one scope stays valid in the other, so the scope switch never leads to a 400), each
    with its S-400 deals in that role counted (0 for none)."""
    if s400:
        return lambda: Country.objects.in_deals_counting_s400(role).values_list("code", "name", "s400_count")
    return lambda: Country.objects.in_deals(role).values_list("code", "name", "row_count")


def country_aliases():
    """(code, alias) for every other name of a country ("TR", "Ankara"): the country facets'
    narrowing boxes find a country by any of its names, as the search and the pickers do."""
    return CountryAlias.objects.values_list("country", "name").order_by("country", "name")


def countries_on_timeline():
    """(code, name, timeline items) for each country the timeline concerns, read from the
    items counted per country (`TimelineCountryCount`), not counted over the links."""
    return TimelineCountryCount.objects.values_list("country", "country__name", "items").order_by("country__name")


def countries_in_statements():
    """(code, name, statements) for each country some statement concerns (named in it, or a
    party to a deal it is about), read from the statements counted per country
    (`StatementCountryCount`, kept by the write path), not counted over the pairs."""
    return (
        StatementCountryCount.objects.filter(statements__gt=0)
        .values_list("country", "country__name", "statements")
        .order_by("country__name")
    )


def concerned_by_statements():
    """The countries some statement concerns, each found through an index (to check a choice)."""
    deals = Statement.deals.through.objects
    return Country.objects.filter(
        Exists(Statement.countries.through.objects.filter(country=OuterRef("pk")))
        | Exists(deals.filter(deal__supplier=OuterRef("pk")))
        | Exists(deals.filter(deal__recipient=OuterRef("pk")))
    )


def every_record(model, chosen):
    """A list's `stored_count` when it lists every record of `model` unfiltered: a function
    reading how many there are from `RecordCount` (kept by the write path: one row read by
    key instead of a COUNT over the table, 208 ms for the citations at scale 10, paid by the
    first request after every save); None when a filter is chosen."""
    return None if chosen else partial(RecordCount.objects.total, model)


# A recipient whose deals hold a term in fewer than one in this many is read by its matches'
# keys (`DealFilterSet.recipient_groups`); a walk of another's deals passes at most this many
# rows for each one kept, from the match kept as a bookmark every MATCHES_BETWEEN_BOOKMARKS.
SPARSE_MATCHES = 4
MATCHES_BETWEEN_BOOKMARKS = 100
# The choices of filters (besides the scope of every deal) under which the list, in its
# default order, is paged recipient by recipient (`DealFilterSet.recipient_groups`): none; a
# free-text term; a day (`as_of`), with or without statuses on it.
GROUPED_CHOICES = ({"q"}, {"as_of"}, {"as_of", "status"})


def grouped_by(column):
    """A facet's count (`lists.registry.Listing.facet_counts`): the rows grouped by `column`."""
    return lambda rows, others: rows.values_list(column).annotate(rows=Count("pk"))


def statuses_counted(rows, others):
    """The status facet's count: the deals by status, or by their status on the `as_of` day."""
    return grouped_by("status_on_day" if others.get("as_of") else "status")(rows, others)


def disputed_counted(rows, others):
    """The disputed facet's count: the deals disputed and not, keyed as the parameter takes
    them (`true`, `false`)."""
    grouped = rows.values_list("disputed").annotate(rows=Count("pk"))
    return [("true" if disputed else "false", count) for disputed, count in grouped.order_by()]


def timeline_links(rows):
    """The links of the timeline's items `rows` (to their systems and deals, for their facets)."""
    return TimelineLink.objects.filter(item__in=rows.values("pk"))


def kinds_counted(rows, others):
    """The timeline's kind facet's count: under no other filter, the items counted per kind
    and span of years (`TimelineSpanCount`, kept by the write path) summed per kind, rather
    than grouping every item (a third of a second at scale 10); else the rows by kind."""
    if not others:
        return TimelineSpanCount.objects.values_list("kind").annotate(rows=Sum("items")).order_by()
    return grouped_by("kind")(rows, others)


def linked_countries(rows, others):
    """The timeline's country facet's count: the items linked to each country."""
    links = TimelineLink.objects.filter(item__in=rows.values("pk"), country__isnull=False)
    return links.values_list("country").annotate(rows=Count("item", distinct=True))


def concerned_countries(rows, others):
    """The statements' country facet's count: the statements concerning each country (named
    in them or a party to a deal they are about), from the rows the statements' countries
    keep (`StatementCountry`), one per statement and country."""
    concerned = StatementCountry.objects.filter(statement__in=rows.values("pk"))
    return concerned.values_list("country").annotate(rows=Count("statement"))


# The deals' summaries' columns (`DealSummary`), which the register's sorts read.
SUMMARY_COLUMNS = frozenset(field.name for field in DealSummary._meta.concrete_fields)


def on_day(order):
    """A deal list's order term, with the status read as the status on the `as_of` day."""
    if isinstance(order, OrderBy) and isinstance(order.expression, F) and order.expression.name == "status":
        return OrderBy(F("status_on_day"), descending=order.descending, nulls_last=True)
    return order


# Where a request keeps the S-400 family's condition once looked up (`s400_family_condition`).
FAMILY_KEPT_AS = "s400_family_condition"


def s400_family_condition(request):
    """A Q for the deals of the S-400 family's systems, looked up once per request (none:
    each time): the family's few systems looked up first and their keys written in
    (`among`), not as `in_scope`'s subquery, for which PostgreSQL guessed a quarter of all
    deals and walked the list in its order to fill a page (98 ms for the S-400's deals
    signed as of a day at scale 1, against 0.2 ms along the system index). Once per request
    as a page under the scope filters by it several times: its list, and each facet counted
    under the other filters, a FilterSet of its own (`lists.registry.Listing.without`)."""
    condition = getattr(request, FAMILY_KEPT_AS, None)
    if condition is None:
        condition = among(WeaponSystem.objects.filter(s400_family()), "system")
        if request is not None:
            setattr(request, FAMILY_KEPT_AS, condition)
    return condition


class DealFilterSet(YearSpanFilterSet):
    supplier = CountedCountriesFilter(
        field_name="supplier", to_field_name="code",
        queryset=lambda request: Country.objects.filter(Exists(Deal.objects.filter(supplier=OuterRef("pk")))),
        counted=countries_in_deals("supplier"), aliases=country_aliases, help_text=SEVERAL_HINT,
        distinct=False,  # a deal has one supplier: no join can repeat it
    )
    recipient = CountedCountriesFilter(
        field_name="recipient", to_field_name="code",
        queryset=lambda request: Country.objects.filter(Exists(Deal.objects.filter(recipient=OuterRef("pk")))),
        counted=countries_in_deals("recipient"), aliases=country_aliases, help_text=SEVERAL_HINT, distinct=False,
    )
    system = TypeAheadFilter(
        field_name="system", to_field_name="slug",
        queryset=lambda request: WeaponSystem.objects.filter(Exists(Deal.objects.filter(system=OuterRef("pk")))),
        **SYSTEM_CHOICE,
        widget=TypeAheadInput(leading="Most deals under the other filters:"),
    )
    status = WordsFilter(choices=DealStatus.choices, distinct=False, method="filter_status")
    as_of = DayFilter(
        label="Status as of", method="filter_as_of",
        help_text="A day (YYYY-MM-DD): each deal's status on that day, from its dated milestones; "
        "deals with no evidence by then are left out.",
    )
    disputed = YesNoFilter()
    # The system scope: `s-400` keeps the deals of the S-400 and its variants; `all` (and no
    # value: the list's addresses and the API answer as before) every deal, the related ones
    # included. The page switches it with two links above the table, not in the form, which
    # carries it along hidden so that "Show" keeps it.
    scope = WordFilter(
        label="Systems", choices=DealScope.choices, method="filter_scope", widget=forms.HiddenInput,
    )
    q = text_filter()
    sort = NullsLastOrderingFilter(
        fields=[
            ("supplier__name", "supplier"),
            ("recipient__name", "recipient"),
            ("system__name", "system"),
            ("status", "status"),
            # The register's columns, under their names in the CSV and the API
            # (`deals.columns.REGISTER`): the ordered date by its earliest day, the delivery
            # years by the first year.
            ("signed_earliest", "ordered_date"),
            ("contract_quantity", "ordered_quantity"),
            ("delivered_quantity", "delivered_quantity"),
            ("first_delivery_year", "delivery_years"),
            ("contract_value", "value_amount"),
            # The span of its dated milestones, not columns of the page but still sortable.
            ("first_date", "first_date"),
            ("last_date", "last_date"),
        ],
        # Their names before they were the fields' (`sort=-value` in links made then).
        aliases={"quantity": "ordered_quantity", "delivered": "delivered_quantity", "value": "value_amount"},
        # Offered under the page's column headings.
        field_labels={
            "system__name": "System or subject", "signed_earliest": "Ordered", "contract_quantity": "Number ordered",
            "delivered_quantity": "Number delivered", "contract_value": "Value",
            "first_date": "First dated", "last_date": "Last dated",
        },
        label="Sort by",
        empty_label="Default order",
    )

    # The filters whose choices are counted under the other filters (Datasette's facets).
    facets = {
        "supplier": grouped_by("supplier"), "recipient": grouped_by("recipient"), "status": statuses_counted,
        "disputed": disputed_counted, "system": Leading("system"),
    }
    # The filters under which the country filters' own counts (per scope) still hold.
    counted_alone = frozenset({"scope"})

    class Meta:
        model = Deal
        fields = ["supplier", "recipient", "system", "status", "as_of", "disputed", "scope", "year_from", "year_to", "q"]
        form = YearSpanForm

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if (self.data.get("scope") or "").lower() == DealScope.S_400:
            # The countries are offered with their S-400 deals counted, as the list shows them.
            for role in ("supplier", "recipient"):
                field = self.form.fields[role]
                field.counted, field.cache_variant = countries_in_deals(role, s400=True), ":s-400"
                field.count_words = (" S-400 deal", " S-400 deals")

    def filter_status(self, queryset, name, value):
        if not value or self.form.cleaned_data.get("as_of"):
            return queryset  # with a day, the status on that day is filtered (`filter_queryset`)
        return queryset.filter(status__in=value)

    def filter_as_of(self, queryset, name, value: datetime.date):  # the hint types it in the OpenAPI schema
        return queryset  # applied last, with the status, in filter_queryset

    def filter_scope(self, queryset, name, value):
        if value != DealScope.S_400:
            return queryset
        return queryset.filter(s400_family_condition(self.request))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        chosen = self.form.cleaned_data
        day = chosen.get("as_of")
        if day:
            # The deals the other filters keep, before those with no status on the day go
            # (`left_out_count` counts those with no evidence by then).
            self.undated_on_day = queryset.without_status_on(day)
            queryset = queryset.as_of(day, statuses=chosen.get("status") or ())
            # Sorted by status: by the status on the day, as the rows show it.
            queryset = queryset.order_by(*(on_day(order) for order in queryset.query.order_by))
        if self.sorted_by_summary(chosen.get("sort")):
            # Every deal has its summary (the write path keeps one per deal): joined as such,
            # not as an outer join, PostgreSQL reads a page in the sort's order along the
            # summary column's index (migration 0026 has the descending ones) and stops
            # there, rather than joining every deal to sort them (82 ms at scale 1).
            queryset = queryset.filter(derived__isnull=False)
        if len(chosen.get("recipient") or ()) == 1 and not chosen.get("sort"):
            # One recipient: the default order (recipient's name, then slug) is the slug's, and
            # the (recipient, status, slug) index hands a page of it over without sorting all of
            # the country's deals.
            queryset = queryset.order_by("slug")
        return queryset

    def sorted_by_summary(self, sort):
        """Whether the chosen sort (`sort`'s values) reads a column of the deals' summaries."""
        names = {self.filters["sort"].param_map.get(value.removeprefix("-")) for value in sort or ()}
        return bool(names & SUMMARY_COLUMNS)

    def left_out_count(self):
        """How many deals the other filters keep that are left out for having no evidence by
        the `as_of` day (no milestone reached by then); None without a day."""
        rows = getattr(self, "undated_on_day", None)
        if rows is None:
            return None
        # Counted once per version and choice, as the list's own count is (`whole_count`).
        return once_per_version(self.request, "deals:left-out", self.chosen_unsorted(), rows.order_by().count)

    def left_out_first(self, count):
        """The first `count` of those deals, by recipient and slug, with their parties: a
        reader asking who had contracts on a day sees which deals the list cannot place then
        (China's S-400, bought at no date the sources give), not only how many."""
        rows = getattr(self, "undated_on_day", None)
        if rows is None:
            return []
        # Kept once per version and choice too: in the recipients' order, PostgreSQL walks the
        # first recipients' deals to find them (40 ms at scale 10).
        first = rows.select_related(None).order_by("recipient__name", "slug")[:count]
        return once_per_version(self.request, f"deals:left-out-first-{count}", self.chosen_unsorted(), lambda: list(first))

    def chosen_unsorted(self):
        """The filters' values (`chosen_values`) without the order, which changes no count."""
        chosen = chosen_values(self.form)
        chosen.pop("sort", None)
        return chosen

    def recipient_groups(self, rows):
        """The deals' recipients in the list's default order (by name) with how many of `rows`
        (this FilterSet's rows) each holds, as `lists.pages.GroupedPaginator` takes them, when
        the list pages recipient by recipient: unfiltered, from the recipient filter's counts;
        with a free-text term alone, counted by recipient once per knowledge-base version and
        term (in the cache, beside what the term found: `lists.filters.holding`); as of a day
        (`GROUPED_CHOICES`), once per version and choice (`once_per_version`), so a page
        reads from each recipient it falls in only its own rows along the (recipient, slug)
        index, not every match of the countries before it sorted by name. Where a term's
        matches are few among a recipient's deals (under one in SPARSE_MATCHES), walking that
        recipient's deals would pass many rows for each one kept (10,000 for a page of
        "Ankara" at scale 10): its matches' keys, in slug order, are kept with its count and a
        page reads them by key; of another's, every MATCHES_BETWEEN_BOOKMARKS-th key, so a
        deep page inside it walks from the nearest match before it, not from its first deal
        (7,000 rows for page 300 of "Ankara" inside Turkey's deals at scale 10). None
        otherwise (another filter or an order chosen): the list is paged by offset."""
        chosen = chosen_values(self.form)
        if chosen is not None and chosen.get("scope") == DealScope.ALL:
            del chosen["scope"]  # every deal, as without a scope
        if chosen == {}:
            return [(code, count) for code, _, count in self.form.fields["recipient"].counted_rows()]
        if chosen is None or chosen.keys() not in GROUPED_CHOICES:
            return None

        def count():
            counted = {"matches": Count("pk")}
            if connections[rows.db].features.supports_aggregate_order_by_clause:  # not SQLite before 3.44: walked
                counted["keys"] = StringAgg(Cast("pk", CharField()), Value(","), order_by="slug")
            found = rows.order_by("recipient__name", "recipient").values_list("recipient").annotate(**counted)
            deals = {code: count for code, _, count in self.form.fields["recipient"].counted_rows()}
            groups = []
            for code, matches, *keys in found:
                if not keys:
                    groups.append((code, matches))
                    continue
                keys = [int(key) for key in keys[0].split(",")]
                step = 1 if matches * SPARSE_MATCHES < deals.get(code, 0) else MATCHES_BETWEEN_BOOKMARKS
                groups.append((code, matches, keys[::step], step))
            return groups

        if "q" not in chosen:
            # As of a day: the deals holding a status then (at the chosen ones), counted by
            # recipient once per version and choice.
            return once_per_version(self.request, "deals:recipients", chosen, count)
        key = getattr(self, "text_cache_key", None)
        return cached_rows(key and key.replace("holding:", "recipients:", 1), count)

    @property
    def narrows_groups(self):
        """Whether `recipient_groups` counts a recipient's rows as filtered (a term's matches,
        the deals on a day), not all its deals: a page then reads a group's rows with the
        filters (`GroupedPaginator`'s `narrowed`)."""
        cleaned = getattr(self.form, "cleaned_data", {})
        return bool(cleaned.get("q") or cleaned.get("as_of"))

    def stored_count(self, chosen):
        """A function answering how many deals the filters in `chosen` ({name: value})
        select, from the deals counted per country, role, status and scope
        (`CountryDealCount`, kept by the write path: a few rows read by key instead of a
        COUNT over a country's deals); None when it cannot tell: another filter is chosen,
        or both a supplier and a recipient (no pair of countries is counted)."""
        chosen = dict(chosen)
        scope = chosen.pop("scope", None) or DealScope.ALL
        if not chosen.keys() <= {"supplier", "recipient", "status"} or {"supplier", "recipient"} <= chosen.keys():
            return None
        role = "supplier" if "supplier" in chosen else "recipient"
        return partial(
            CountryDealCount.objects.in_scope(scope).total,
            role=role,
            countries=[country.pk for country in chosen.get(role, ())],
            statuses=list(chosen.get("status", ())),
        )

    def filter_text(self, queryset, name, value):
        """Deals whose subject, summary or key holds `value`, or whose system or either party
        is named with it (any of their names)."""
        return holding(
            queryset,
            lambda: (
                contains_any("subject", value)
                | contains_any("summary", value)
                | contains_any("slug", value)
                | among(systems_holding(value), "system")
                | among(countries_holding(value), "supplier", "recipient")
            ),
            cache_key=getattr(self, "text_cache_key", None),
        )

    def filter_span(self, queryset, start, end):
        milestones = TimelineLink.objects.filter(overlapping(start, end, "item__"), deal=OuterRef("pk"))
        return queryset.filter(Exists(milestones))


class StatementFilterSet(YearSpanFilterSet):
    speaker = TypeAheadMultipleFilter(
        label="Speaker",
        # The predicate compares the chosen people's slugs, so it must name the slug column.
        field_name="speaker__slug",
        to_field_name="slug",
        queryset=lambda request: with_statements(Person, "speaker"),
        widget=TypeAheadInput(multiple=True, leading="Most statements under the other filters:"),
        **PERSON_CHOICE,
    )
    country = CountedCountriesFilter(
        label="Country", method="filter_country", to_field_name="code",
        queryset=lambda request: concerned_by_statements(),
        counted=countries_in_statements, aliases=country_aliases, help_text=SEVERAL_HINT,
    )
    deal = TypeAheadFilter(
        label="Deal", field_name="deals", to_field_name="slug",
        queryset=lambda request: with_statements(Deal, "deals").select_related("system"),
        **DEAL_CHOICE,
    )
    # One word each (the parameters take a single value), offered as radio buttons with counts.
    mode = WordFilter(choices=StatementMode.choices, widget=FacetRadios)
    stance = WordFilter(choices=Stance.choices, widget=FacetRadios)
    q = text_filter()

    # The filters whose choices are counted under the other filters (Datasette's facets); the
    # people, thousands at scale, by their leaders and those chosen (`Leading`).
    facets = {
        "speaker": Leading("speaker"), "country": concerned_countries,
        "mode": grouped_by("mode"), "stance": grouped_by("stance"),
    }

    class Meta:
        model = Statement
        fields = ["speaker", "country", "deal", "mode", "stance", "year_from", "year_to", "q"]
        form = YearSpanForm

    def stored_count(self, chosen):
        return every_record(Statement, chosen)

    def filter_country(self, queryset, name, countries):
        if not countries:
            return queryset
        if len(countries) == 1:
            return queryset.of_country(countries[0])
        return queryset.concerning(countries)

    def filter_text(self, queryset, name, value):
        """Statements whose words, speaker's role or setting hold `value`, or whose speaker or
        organisation is named with it."""
        return holding(
            queryset,
            lambda: (
                contains_any("text", value)
                | among(Person.objects.filter(contains_any("name", value)), "speaker")
                | among(Organisation.objects.filter(contains_any("name", value)), "organisation")
                | contains_any("speaker_role", value)
                | contains_any("setting", value)
            ),
            cache_key=getattr(self, "text_cache_key", None),
        )


class TimelineFilterSet(YearSpanFilterSet):
    country = CountedCountriesFilter(
        label="Country", method="filter_links", to_field_name="code", queryset=lambda request: on_timeline(Country, "country"),
        counted=countries_on_timeline, aliases=country_aliases, help_text=SEVERAL_HINT,
    )
    system = TypeAheadFilter(
        label="System", method="filter_links", to_field_name="slug", queryset=lambda request: on_timeline(WeaponSystem, "system"),
        **SYSTEM_CHOICE,
        widget=TypeAheadInput(leading="Most items under the other filters:"),
    )
    deal = TypeAheadFilter(
        label="Deal", method="filter_links", to_field_name="slug",
        queryset=lambda request: on_timeline(Deal, "deal").select_related("system"),
        widget=TypeAheadInput(leading="Most items under the other filters:"),
        **DEAL_CHOICE,
    )
    kind = WordsFilter(choices=TimelineKind.choices)

    # The systems and deals, by their leaders and the one chosen (`Leading`), through the links.
    facets = {
        "country": linked_countries, "kind": kinds_counted,
        "system": Leading("system", through=timeline_links, counted="item", stored=TimelineSystemCount.objects.all),
        "deal": Leading("deal", name=None, through=timeline_links, counted="item", stored=TimelineDealCount.objects.all),
    }

    class Meta:
        model = TimelineItem
        fields = ["country", "system", "deal", "kind", "year_from", "year_to"]
        form = YearSpanForm

    def stored_count(self, chosen):
        """A function answering how many items the filters in `chosen` select, from the
        items counted per kind and span of years (`TimelineSpanCount`) or per country
        (`TimelineCountryCount`), both kept by the write path, as /timeline/ counts its pages:
        a few hundred rows summed instead of a COUNT over the timeline (61 ms at scale 1,
        paid by the first request after every save). None for other choices (several
        countries, a system, a deal, a country with other filters)."""
        countries = chosen.get("country") or ()
        if chosen.keys() == {"country"} and len(countries) == 1:
            return partial(TimelineItem.objects.count_for_country, countries[0])
        if not chosen.keys() <= {"kind", "year_from", "year_to"}:
            return None
        return partial(
            TimelineSpanCount.objects.total,
            kinds=chosen.get("kind") or (), year_from=chosen.get("year_from"), year_to=chosen.get("year_to"),
        )

    def filter_links(self, queryset, name, value):
        if not value:
            return queryset
        lookup = {"country": "country__in"}.get(name, name)
        return queryset.linked(**{lookup: value})

    def filter_span(self, queryset, start, end):
        """Items that can fall within [start, end]; from a start, also those beginning no
        earlier than the first year of any item that can reach it (read from the items
        counted per span of years), so the timeline's order index is read from there on
        instead of from its first item."""
        queryset = super().filter_span(queryset, start, end)
        if start is None:
            return queryset
        first_year = TimelineSpanCount.objects.filter(last_year__gte=start.year).aggregate(
            first=Min("first_year")
        )["first"]
        if first_year is None:
            return queryset
        return queryset.filter(date_earliest__gte=datetime.date(first_year, 1, 1))


def people_per_country():
    """(code, name, people) for each country with people, from one GROUP BY over the people."""
    counted = Person.objects.filter(country__isnull=False).values_list("country", "country__name")
    return counted.annotate(rows=Count("pk")).order_by("country__name")


def systems_per_maker_country():
    """(code, name, systems) for each country making systems, from one GROUP BY over the systems."""
    counted = WeaponSystem.objects.filter(maker_country__isnull=False).values_list("maker_country", "maker_country__name")
    return counted.annotate(rows=Count("pk")).order_by("maker_country__name")


ORGANISATION_CHOICE = {
    "matching": lambda term: Q(name__icontains=term) | Q(slug__icontains=term),
    "named": lambda text: Q(name__iexact=text), "order": ("name", "slug"), "noun": "outlet",
}


class PersonFilterSet(django_filters.FilterSet):
    country = CountedCountriesFilter(
        field_name="country", to_field_name="code",
        queryset=lambda request: Country.objects.of_people(),
        counted=people_per_country, aliases=country_aliases, help_text=SEVERAL_HINT,
        distinct=False,  # a person has one country: no join can repeat them
    )
    q = text_filter("Name")

    # The filters whose choices are counted under the other filters (Datasette's facets).
    facets = {"country": grouped_by("country")}

    class Meta:
        model = Person
        fields = ["country", "q"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        return holding(
            queryset, contains_any("name", value) | contains_any("description", value), cache_key=getattr(self, "text_cache_key", None)
        )


class WeaponSystemFilterSet(django_filters.FilterSet):
    # A handful of words, offered as checkboxes with their counts; several may be ticked.
    category = WordsFilter(choices=SystemCategory.choices, distinct=False)
    maker_country = CountedCountriesFilter(
        field_name="maker_country", to_field_name="code",
        queryset=lambda request: Country.objects.making_systems(),
        counted=systems_per_maker_country, aliases=country_aliases, help_text=SEVERAL_HINT, distinct=False,
    )
    q = text_filter("Name or alias")

    facets = {"category": grouped_by("category"), "maker_country": grouped_by("maker_country")}

    class Meta:
        model = WeaponSystem
        fields = ["category", "maker_country", "q"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        # Its aliases through EXISTS, not a join: each system stays one row, so a facet's
        # GROUP BY counts it once however many of its names hold the term.
        aliased = WeaponSystemAlias.objects.filter(contains_any("name", value), system=OuterRef("pk"))
        return queryset.filter(contains_any("name", value) | Exists(aliased))


class SourceFilterSet(YearSpanFilterSet):
    outlet = TypeAheadFilter(
        field_name="outlet", to_field_name="slug",
        queryset=lambda request: Organisation.objects.filter(Exists(Source.objects.filter(outlet=OuterRef("pk")))),
        **ORGANISATION_CHOICE,
        widget=TypeAheadInput(leading="Most sources under the other filters:"),
    )
    q = text_filter("Title or text")

    # The outlets, by the hundred at scale, by their leaders and the one chosen (`Leading`).
    facets = {"outlet": Leading("outlet")}

    class Meta:
        model = Source
        fields = ["outlet", "year_from", "year_to", "q"]
        form = YearSpanForm

    def filter_text(self, queryset, name, value):
        return holding(queryset, contains_any("title", value) | contains_any("text", value), cache_key=getattr(self, "text_cache_key", None))


class CitationFilterSet(django_filters.FilterSet):
    source = TypeAheadFilter(to_field_name="slug", queryset=Source.objects.all(), **SOURCE_CHOICE)
    q = text_filter("Excerpt")

    class Meta:
        model = Citation
        fields = ["source", "q"]
        form = FilterForm

    def stored_count(self, chosen):
        return every_record(Citation, chosen)

    def filter_text(self, queryset, name, value):
        return holding(queryset, contains_any("excerpt", value), cache_key=getattr(self, "text_cache_key", None))
