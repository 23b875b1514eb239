"""The deals app's FilterSets, one per list, each defined once: the page, the API and the
downloads of a list all use its FilterSet (through its declaration in `deals.lists`), so
they can never disagree about what a parameter means. The generic machinery they are
built from is `lists.filters`."""
import django_filters
from django.db.models import Exists, OuterRef, Q

from countries.models import Country, CountryAlias
from lists.filters import (
    SEVERAL_HINT,
    CountryCodeFilter,
    FilterForm,
    NullsLastOrderingFilter,
    RecordField,
    RecordFilter,
    RecordsFilter,
    WordFilter,
    WordsFilter,
    YearSpanFilterSet,
    YearSpanForm,
    YesNoFilter,
    overlapping,
    text_filter,
)

from .models import (
    Citation,
    Deal,
    DealStatus,
    Person,
    Source,
    Stance,
    Statement,
    StatementMode,
    SystemCategory,
    TimelineItem,
    TimelineKind,
    TimelineLink,
    WeaponSystem,
    WeaponSystemAlias,
)
from .templatetags.browsing import deal_label


class DealField(RecordField):
    def name_of(self, deal):
        return deal_label(deal)  # two deals for one system (Turkey's two S-400 batches) read differently


class DealFilter(RecordFilter):
    field_class = DealField


class DealFilterSet(YearSpanFilterSet):
    supplier = CountryCodeFilter(
        field_name="supplier", to_field_name="code", queryset=lambda request: Country.objects.in_deals("supplier"),
        help_text=SEVERAL_HINT,
    )
    recipient = CountryCodeFilter(
        field_name="recipient", to_field_name="code", queryset=lambda request: Country.objects.in_deals("recipient"),
        help_text=SEVERAL_HINT,
    )
    system = RecordFilter(field_name="system", to_field_name="slug", queryset=lambda request: WeaponSystem.objects.in_deals())
    status = WordsFilter(choices=DealStatus.choices)
    disputed = YesNoFilter()
    q = text_filter()
    sort = NullsLastOrderingFilter(
        fields=[
            ("supplier__name", "supplier"),
            ("recipient__name", "recipient"),
            ("system__name", "system"),
            ("status", "status"),
            ("contract_quantity", "quantity"),
            ("contract_value", "value"),
            ("first_date", "first_date"),
            ("last_date", "last_date"),
        ],
        label="Sort by",
        empty_label="Default order",
    )

    class Meta:
        model = Deal
        fields = ["supplier", "recipient", "system", "status", "disputed", "year_from", "year_to", "q"]
        form = YearSpanForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(subject__icontains=value)
            | Q(summary__icontains=value)
            | Q(slug__icontains=value)
            | Q(system__name__icontains=value)
            | Q(supplier__name__icontains=value)
            | Q(recipient__name__icontains=value)
            | Exists(WeaponSystemAlias.objects.filter(system=OuterRef("system"), name__icontains=value))
            | Exists(CountryAlias.objects.filter(country=OuterRef("recipient"), name__icontains=value))
            | Exists(CountryAlias.objects.filter(country=OuterRef("supplier"), name__icontains=value))
        )

    def filter_span(self, queryset, start, end):
        milestones = TimelineLink.objects.filter(overlapping(start, end, "item__"), deal=OuterRef("pk"))
        return queryset.filter(Exists(milestones))


class StatementFilterSet(YearSpanFilterSet):
    speaker = RecordsFilter(
        label="Speaker",
        # The predicate compares the chosen people's slugs, so it must name the slug column.
        field_name="speaker__slug",
        to_field_name="slug",
        queryset=lambda request: Person.objects.in_statements(),
        help_text=SEVERAL_HINT,
    )
    country = CountryCodeFilter(
        label="Country", method="filter_country", to_field_name="code", queryset=lambda request: Country.objects.in_statements(),
        help_text=SEVERAL_HINT,
    )
    deal = DealFilter(label="Deal", field_name="deals", to_field_name="slug", queryset=lambda request: Deal.objects.in_statements())
    mode = WordFilter(choices=StatementMode.choices)
    stance = WordFilter(choices=Stance.choices)
    q = text_filter()

    class Meta:
        model = Statement
        fields = ["speaker", "country", "deal", "mode", "stance", "year_from", "year_to", "q"]
        form = YearSpanForm

    def filter_country(self, queryset, name, countries):
        if not countries:
            return queryset
        return queryset.concerning(countries)

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(text__icontains=value)
            | Q(speaker__name__icontains=value)
            | Q(organisation__name__icontains=value)
            | Q(speaker_role__icontains=value)
            | Q(setting__icontains=value)
        )


class TimelineFilterSet(YearSpanFilterSet):
    country = CountryCodeFilter(
        label="Country", method="filter_links", to_field_name="code", queryset=lambda request: Country.objects.on_timeline(),
        help_text=SEVERAL_HINT,
    )
    system = RecordFilter(
        label="System", method="filter_links", to_field_name="slug", queryset=lambda request: WeaponSystem.objects.on_timeline()
    )
    deal = DealFilter(label="Deal", method="filter_links", to_field_name="slug", queryset=lambda request: Deal.objects.on_timeline())
    kind = WordsFilter(choices=TimelineKind.choices)

    class Meta:
        model = TimelineItem
        fields = ["country", "system", "deal", "kind", "year_from", "year_to"]
        form = YearSpanForm

    def filter_links(self, queryset, name, value):
        if not value:
            return queryset
        lookup = {"country": "country__in"}.get(name, name)
        return queryset.linked(**{lookup: value})


class PersonFilterSet(django_filters.FilterSet):
    country = CountryCodeFilter(
        field_name="country", to_field_name="code",
        queryset=lambda request: Country.objects.of_people(),
        help_text=SEVERAL_HINT,
    )
    q = text_filter("Name")

    class Meta:
        model = Person
        fields = ["country", "q"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))


class WeaponSystemFilterSet(django_filters.FilterSet):
    category = WordFilter(choices=SystemCategory.choices)
    maker_country = CountryCodeFilter(
        field_name="maker_country", to_field_name="code",
        queryset=lambda request: Country.objects.making_systems(),
        help_text=SEVERAL_HINT,
    )
    q = text_filter("Name or alias")

    class Meta:
        model = WeaponSystem
        fields = ["category", "maker_country", "q"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(aliases__name__icontains=value)).distinct()


class SourceFilterSet(YearSpanFilterSet):
    q = text_filter("Title or text")

    class Meta:
        model = Source
        fields = ["year_from", "year_to", "q"]
        form = YearSpanForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))


class CitationFilterSet(django_filters.FilterSet):
    source = RecordFilter(to_field_name="slug", queryset=Source.objects.all())
    q = text_filter("Excerpt")

    class Meta:
        model = Citation
        fields = ["source", "q"]
        form = FilterForm

    def filter_text(self, queryset, name, value):
        return queryset.filter(excerpt__icontains=value)
