"""Admin for editors: every fact is entered with the source excerpt it rests on, and
none is left without one."""
import re
from collections import Counter, defaultdict

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Sum, Value, When
from django.forms.formsets import DEFAULT_MAX_NUM

from countries.admin import AliasesFormSet
from countries.models import Country, CountryAlias
from history import admin as history_admin
from history.admin import TrackedInlineMixin, VersionedModelForm

from . import services
from .consistency import status_contradictions
from .models import (
    CITATION_TARGETS,
    Citation,
    Contract,
    Deal,
    Delivery,
    Event,
    Organisation,
    Person,
    Source,
    Specification,
    Statement,
    WeaponSystem,
    WeaponSystemAlias,
)
from .models.sources import check_excerpt
from .services import citation_create, resolve_date

# Two parties, each a code or a one-word name or alias ("RU", "Turkey", "Ankara"), joined as
# a deal's name joins them ("RU → TR"), by "->", ">" or a space; then, optionally, what is
# transferred (after ": " in a copied name, or a space).
_PARTIES = re.compile(r"(?P<supplier>\w+)(?: ?(?:→|-+>|>) ?| to | )(?P<recipient>\w+)(?:(?::| ) ?(?P<rest>.*))?")


def country_named(word: str) -> str | None:
    """The code of the one country `word` is the code, name or an alias of; None otherwise."""
    codes = set(
        Country.objects.filter(Q(code__iexact=word) | Q(name__iexact=word) | Q(aliases__name__iexact=word))
        .values_list("code", flat=True)[:2]
    )
    return codes.pop() if len(codes) == 1 else None


def parties_named(term: str) -> tuple[str, str, str] | None:
    """(supplier code, recipient code, the words after them) when `term` begins with two
    countries, as a deal's name does; None otherwise."""
    match = _PARTIES.fullmatch(term)
    if match is None or match["supplier"].isdigit() or match["recipient"].isdigit():
        return None
    supplier = country_named(match["supplier"])
    recipient = country_named(match["recipient"]) if supplier else None
    if not recipient or supplier == recipient:
        return None
    return supplier, recipient, (match["rest"] or "").strip()


def names_a_part(word: str, *, whole: bool) -> Q:
    """A deal one of whose named parts is `word` (`whole`) or begins with it: a party's code,
    a party's name or alias, its system's name or alias, and, begun so, a word of its subject."""
    lookup = "iexact" if whole else "istartswith"
    countries = CountryAlias.objects.filter(**{f"name__{lookup}": word})
    named = (
        Q(supplier__code__iexact=word) | Q(recipient__code__iexact=word)
        | Q(**{f"supplier__name__{lookup}": word}) | Q(**{f"recipient__name__{lookup}": word})
        | Exists(countries.filter(country=OuterRef("supplier"))) | Exists(countries.filter(country=OuterRef("recipient")))
        | Q(**{f"system__name__{lookup}": word})
        | Exists(WeaponSystemAlias.objects.filter(system=OuterRef("system"), **{f"name__{lookup}": word}))
    )
    return named if whole else named | Q(subject__istartswith=word) | Q(subject__icontains=f" {word}")


def words_missed(term: str):
    """How far the words of `term` are from naming the parts of a deal (`names_a_part`): 0 for
    a word that is one of them, 1 for one that begins one, 2 for one that names none, summed.
    "tr s-400" is 1 for Russia's S-400 deals with Turkey (its code; the system's name begun),
    2 for Russia's with Belarus ("tr" only begins the system's alias "Triumph"), 3 for a deal
    with Turkey that mentions the S-400 only in its summary. The pickers rank by it after the
    whole term's rank, so exact and prefix matches on a deal's name come before looser ones."""
    words = [word.rstrip(":") for word in term.split() if word not in ("→", "->", ":", "to")]
    return sum(
        (
            Case(
                When(names_a_part(word, whole=True), then=Value(0)),
                When(names_a_part(word, whole=False), then=Value(1)),
                default=Value(2),
            )
            for word in words if word
        ),
        Value(0),
    )


class TrackedModelAdmin(history_admin.TrackedModelAdmin):
    """Every admin of the knowledge base writes through ``deals.services``, as every other
    writer does."""

    writes = services


DATE_FIELDS = ["date_words", "date_edtf", "date_basis", "date_earliest", "date_latest"]
DATE_FIELDSET = (
    "Date",
    {
        "fields": [("date_words", "date_edtf", "date_basis"), ("date_earliest", "date_latest"), "date_understood"],
        "description": "Type the source's words; the EDTF form and the bounds are derived. "
        "Relative words (“last month”) resolve against the first cited source's publication date.",
    },
)


def understood(obj) -> str:
    """What a record's date words were understood as, in a line an editor can check."""
    if not obj or not obj.date_edtf or not obj.date_earliest:
        return "—"
    bounds = (
        f"{obj.date_earliest:%-d %B %Y}"
        if obj.date_earliest == obj.date_latest
        else f"{obj.date_earliest:%-d %B %Y} to {obj.date_latest:%-d %B %Y}"
    )
    return f"{obj.date_edtf}: {bounds} ({obj.get_date_basis_display().lower()})"


class UnderstoodDateMixin:
    """Shows how the date words were understood: a read-only line on the form and a message after saving."""

    @admin.display(description="understood as")
    def date_understood(self, obj):
        return understood(obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.date_edtf and {"date_words", "date_edtf"} & set(form.changed_data):
            self.message_user(request, f"The date “{obj.date_words or obj.date_edtf}” was understood as {understood(obj)}.")


class ApproximateDateForm(VersionedModelForm):
    """Derives the EDTF form from the words an editor typed.

    The form does it rather than leaving it to the model, because only the form knows what
    a record not saved yet will rest on (the source chosen for its citation on the same
    form, which relative words resolve against) and whether the editor chose the basis.
    """

    def chosen_source(self) -> Source | None:
        """The source of the first citation entered on this form; forms with citations override it."""
        return None

    def date_reference(self):
        """What relative words resolve against: the record's first cited source, or the source
        chosen for its first citation on this form."""
        reference = self.instance.date_reference() if self.instance.pk else None
        if reference is None and (source := self.chosen_source()) is not None:
            reference = source.approximate_date
        return reference

    def clean(self):
        cleaned = super().clean()
        basis_chosen = cleaned.get("date_basis", "") if "date_basis" in self.changed_data else ""
        if "date_words" in self.changed_data and "date_edtf" not in self.changed_data:
            # New words: their EDTF form is derived again, and the basis unless the editor chose one.
            cleaned["date_edtf"] = self.instance.date_edtf = ""
            cleaned["date_basis"] = self.instance.date_basis = basis_chosen
        words, edtf = (cleaned.get("date_words") or "").strip(), (cleaned.get("date_edtf") or "").strip()
        if words and not edtf:
            try:
                parsed = resolve_date(words=words, basis=basis_chosen, reference=self.date_reference())
            except ValidationError as error:
                self.add_error(None, error)
            else:
                # The model checks the EDTF form and takes its bounds, keeping this basis.
                cleaned["date_edtf"] = self.instance.date_edtf = parsed.edtf
                cleaned["date_basis"] = self.instance.date_basis = parsed.basis.value
        return cleaned


class FactForm(ApproximateDateForm):
    """A dated fact's own form, its citations entered in the inline below it."""

    citations_prefix = "citations"

    def chosen_source(self) -> Source | None:
        # The inline is validated after this form, so its rows are read as submitted: the
        # first row with a source, not marked for deletion, is the one saved first.
        prefix, data = self.citations_prefix, self.data
        try:
            rows = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), DEFAULT_MAX_NUM)
        except (TypeError, ValueError):
            return None
        for index in range(rows):
            row = f"{prefix}-{index}-"
            if forms.CheckboxInput().value_from_datadict(data, None, f"{row}DELETE"):
                continue
            pk = data.get(f"{row}source") or ""
            if pk.isdigit() and (source := Source.objects.filter(pk=pk).first()):
                return source
        return None


class CitedInlineForm(VersionedModelForm):
    """A fact added on another record's form (a contract under a deal, a specification under
    its system) must come with the excerpt it rests on."""

    citation_source = forms.ModelChoiceField(
        Source.objects.only("pk", "title", "title_supplied"), required=False, label="Source"
    )
    citation_excerpt = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Excerpt"
    )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or not self.has_changed():
            return cleaned
        source, excerpt = cleaned.get("citation_source"), cleaned.get("citation_excerpt", "")
        if not source or not excerpt:
            raise ValidationError("A new fact needs its source and a verbatim excerpt.")
        try:
            check_excerpt(text=source.text, excerpt=excerpt)
        except ValidationError as error:
            self.add_error("citation_excerpt", error.message_dict["excerpt"])
        return cleaned


class DatedCitedInlineForm(CitedInlineForm, ApproximateDateForm):
    """A contract or delivery added under a deal: its relative date words resolve against the
    source chosen for its citation."""

    def chosen_source(self) -> Source | None:
        return None if self.instance.pk else self.cleaned_data.get("citation_source")


class AtLeastOneCitationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
        ]
        if not kept:
            raise ValidationError("A fact needs at least one citation: a source and a verbatim excerpt.")


class CitationInline(TrackedInlineMixin, admin.TabularInline):
    model = Citation
    form = VersionedModelForm
    formset = AtLeastOneCitationFormSet
    fields = ["source", "excerpt"]
    autocomplete_fields = ["source"]
    extra = 0
    min_num = 1
    formfield_overrides = {
        # Excerpts are a sentence or two; a short textarea keeps the inline readable.
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})}
    }


class CitedInline(TrackedInlineMixin, admin.StackedInline):
    form = DatedCitedInlineForm
    extra = 0
    show_change_link = True


class ContractsFormSet(forms.BaseInlineFormSet):
    """A deal's contracts, checked with the status chosen on the same form: a status before
    signature is refused while a contract row kept on the form is dated (``deals.consistency``
    says why that one is refused rather than warned about). Refused here, as a form error,
    so the editor's form comes back as typed."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms) or not self.instance.status:
            return
        dated = [
            form.cleaned_data.get("description") or str(form.instance)
            for form in self.forms
            if (form.instance.pk or form.has_changed())
            and not (self.can_delete and self._should_delete_form(form))
            and (form.cleaned_data.get("date_edtf") or form.cleaned_data.get("date_words"))
        ]
        refused = [c.message for c in status_contradictions(deal=self.instance, dated_contracts=dated) if c.refused]
        if refused:
            raise ValidationError(refused)


class ContractInline(CitedInline):
    model = Contract
    formset = ContractsFormSet
    fields = [
        "description",
        ("date_words", "date_edtf", "date_basis"),
        ("value_amount", "value_currency", "value_words"),
        ("quantity", "quantity_unit", "quantity_words"),
        ("citation_source", "citation_excerpt"),
    ]


class DeliveriesFormSet(forms.BaseInlineFormSet):
    """A deal's deliveries: each may name only one of the deal's own contracts, and together
    they stay within each contract's quantity, per kind.

    ``Delivery.clean`` counts only the deliveries already stored, so two new rows under one
    contract would each pass it; this counts the rows on the form as well.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        own = self.instance.contracts.all() if self.instance.pk else Contract.objects.none()
        form.fields["contract"].queryset = own

    def clean(self):
        super().clean()
        totals, contracts = defaultdict(int), {}
        for form in self.forms:
            if form.errors or not (form.instance.pk or form.has_changed()):
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            contract, quantity = form.cleaned_data.get("contract"), form.cleaned_data.get("quantity")
            if contract is None or contract.quantity is None or quantity is None:
                continue
            if form.cleaned_data.get("quantity_unit") != contract.quantity_unit:
                continue  # Delivery.clean refuses a unit other than the contract's
            contracts[contract.pk] = contract
            totals[contract.pk, form.cleaned_data["kind"]] += quantity
        on_form = [form.instance.pk for form in self.forms if form.instance.pk]
        errors = []
        for (contract_pk, kind), total in totals.items():
            contract = contracts[contract_pk]
            elsewhere = (
                contract.deliveries.filter(kind=kind, quantity_unit=contract.quantity_unit)
                .exclude(pk__in=on_form)
                .aggregate(total=Sum("quantity"))["total"]
                or 0
            )
            if elsewhere + total > contract.quantity:
                errors.append(
                    f"The contract “{contract}” covers {contract.quantity} {contract.quantity_unit}; "
                    f"with these its {kind} deliveries would add up to {elsewhere + total}."
                )
        if errors:
            raise ValidationError(errors)


class DeliveryInline(CitedInline):
    model = Delivery
    formset = DeliveriesFormSet
    fields = [
        ("kind", "contract"),
        "description",
        ("date_words", "date_edtf", "date_basis"),
        ("quantity", "quantity_unit", "quantity_words"),
        ("citation_source", "citation_excerpt"),
    ]


class SavesInlineCitationsMixin:
    """Saves the citation entered with each fact added in a ``CitedInline``."""

    def save_formset(self, request, form, formset, change):
        new_forms = [
            f for f in formset.forms if isinstance(f, CitedInlineForm) and not f.instance.pk
        ]
        super().save_formset(request, form, formset, change)
        for inline_form in new_forms:
            if inline_form.instance.pk and inline_form.cleaned_data.get("citation_source"):
                citation_create(
                    fact=inline_form.instance,
                    source=inline_form.cleaned_data["citation_source"],
                    excerpt=inline_form.cleaned_data["citation_excerpt"],
                    user=request.user,
                    via="admin",
                )


@admin.register(Deal)
class DealAdmin(SavesInlineCitationsMixin, TrackedModelAdmin):
    list_display = ["name", "slug", "supplier", "recipient", "system", "status", "disputed"]
    list_filter = ["status", "disputed", "system", "recipient", "supplier"]
    list_select_related = ["supplier", "recipient", "system"]
    # The parties by their other names too, as the site search finds them ("Ankara": Turkey's deals).
    search_fields = [
        "slug", "subject", "summary", "recipient__name", "supplier__name", "system__name",
        "recipient__aliases__name", "supplier__aliases__name",
    ]
    autocomplete_fields = ["supplier", "recipient", "system"]
    prepopulated_fields = {"slug": ["subject"]}
    inlines = [ContractInline, DeliveryInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["slug", "supplier", "recipient", "system", "subject", "status", "disputed", "summary"]}),
        ("Value reported or expected (not a signed contract's)", {"fields": [
            ("reported_value_amount", "reported_value_currency", "reported_value_words", "reported_value_certainty"),
        ]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """The deals matching `search_term`, best first, as the pickers of every form naming a
        deal list them (Enter takes the first): a deal named by its parties ("RU → TR", as
        `Deal.label` begins, or "RU->TR", "RU TR", "Russia Turkey", then what is transferred)
        comes first, then the recipient named ("TR": Turkey's deals) or the subject given
        whole, then the supplier named, then a subject, recipient or system beginning with
        the term, then the rest; within each, the deals most of whose words name a part of
        them exactly or by its beginning ("turkey s-400": Turkey's S-400 deals before its
        others mentioning the S-400), each in the lists' order. Ranked as the country
        picker is (`countries.admin.CountryAdmin.get_search_results`)."""
        term = " ".join(search_term.split())
        if not term:
            return super().get_search_results(request, queryset, search_term)
        pair = parties_named(term)
        if pair is not None:
            supplier, recipient, rest = pair
            between = queryset.filter(supplier=supplier, recipient=recipient)
            if rest:
                between, _ = super().get_search_results(request, between, rest)
            pair_q = Q(pk__in=between.values("pk"))
            if "→" in term or "->" in term or ":" in term:
                # Typed as the deal's name: the pair's deals alone, however many words follow.
                return queryset.filter(pair_q).order_by(*Deal._meta.ordering), False
        searched, may_have_duplicates = super().get_search_results(request, queryset, term)
        if pair is not None:
            searched = queryset.filter(Q(pk__in=searched.values("pk")) | pair_q)
            may_have_duplicates = False
        aliases = CountryAlias.objects.filter(name__iexact=term)
        ranked = searched.annotate(
            match_rank=Case(
                *([When(pair_q, then=Value(0))] if pair is not None else []),
                When(
                    Q(recipient__code__iexact=term) | Q(recipient__name__iexact=term) | Q(subject__iexact=term)
                    | Q(slug__iexact=term) | Exists(aliases.filter(country=OuterRef("recipient"))),
                    then=Value(1),
                ),
                When(
                    Q(supplier__code__iexact=term) | Q(supplier__name__iexact=term)
                    | Exists(aliases.filter(country=OuterRef("supplier"))),
                    then=Value(2),
                ),
                When(
                    Q(subject__istartswith=term) | Q(recipient__name__istartswith=term)
                    | Q(system__name__istartswith=term) | Q(slug__istartswith=term),
                    then=Value(3),
                ),
                default=Value(4),
            )
        )
        ranked = ranked.annotate(words_missed=words_missed(term))
        return ranked.order_by("match_rank", "words_missed", *Deal._meta.ordering), may_have_duplicates

    @admin.display(description="deal", ordering="recipient__name")
    def name(self, obj):
        """The deal's one name (`Deal.label`), as the site and the pickers write it."""
        return obj.label

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Checked once the contracts and deliveries on the same form are saved too.
        for contradiction in status_contradictions(deal=form.instance):
            self.message_user(request, contradiction.message, level=messages.WARNING)


class FactAdmin(UnderstoodDateMixin, TrackedModelAdmin):
    """Shared by the dated facts: the date fieldset and citations that must not be empty."""

    form = FactForm
    inlines = [CitationInline]
    readonly_fields = ["date_earliest", "date_latest", "date_understood"]

    @admin.display(description="date", ordering="date_earliest")
    def date_display(self, obj):
        if not obj.date_edtf:
            return "—"
        return f"{obj.date_words} ({obj.date_edtf})" if obj.date_words else obj.date_edtf


@admin.register(Contract)
class ContractAdmin(FactAdmin):
    list_display = ["description", "deal", "date_display", "value_words", "quantity_words"]
    list_filter = ["deal__status", "deal__system", "deal__recipient"]
    list_select_related = ["deal__supplier", "deal__recipient", "deal__system"]
    search_fields = ["description", "deal__slug", "value_words"]
    autocomplete_fields = ["deal"]
    fieldsets = [
        (None, {"fields": ["deal", "description"]}),
        DATE_FIELDSET,
        ("Value", {"fields": [("value_amount", "value_currency", "value_words")]}),
        ("Quantity", {"fields": [("quantity", "quantity_unit", "quantity_words")]}),
    ]


@admin.register(Delivery)
class DeliveryAdmin(FactAdmin):
    list_display = ["description", "kind", "deal", "date_display", "quantity_words"]
    list_filter = ["kind", "deal__status", "deal__system", "deal__recipient"]
    list_select_related = ["deal__supplier", "deal__recipient", "deal__system"]
    search_fields = ["description", "deal__slug"]
    autocomplete_fields = ["deal", "contract"]
    fieldsets = [
        (None, {"fields": ["deal", "contract", "kind", "description"]}),
        DATE_FIELDSET,
        ("Quantity", {"fields": [("quantity", "quantity_unit", "quantity_words")]}),
    ]


@admin.register(Statement)
class StatementAdmin(FactAdmin):
    list_display = ["attribution_display", "short_text", "mode", "stance", "date_display"]
    list_filter = ["mode", "stance", "deals__status", "deals__system", "countries", "speaker"]
    list_select_related = ["speaker", "organisation"]
    search_fields = ["text", "speaker__name", "organisation__name", "speaker_role", "setting"]
    autocomplete_fields = ["speaker", "organisation", "medium", "deals", "countries"]
    fieldsets = [
        (None, {"fields": [("speaker", "organisation"), "speaker_role", ("medium", "setting")]}),
        ("Words", {"fields": ["text", ("mode", "stance")]}),
        DATE_FIELDSET,
        ("Concerns", {"fields": ["deals", "countries"]}),
    ]

    @admin.display(description="speaker", ordering="speaker__name")
    def attribution_display(self, obj):
        return obj.attribution

    @admin.display(description="words")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"


@admin.register(Event)
class EventAdmin(FactAdmin):
    list_display = ["title", "kind", "date_display"]
    list_filter = ["kind", "countries", "deals__system"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["countries", "deals"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "description"]}),
        DATE_FIELDSET,
        ("Concerns", {"fields": ["countries", "deals"]}),
    ]


@admin.register(Specification)
class SpecificationAdmin(TrackedModelAdmin):
    list_display = ["system", "parameter", "words", "value", "unit"]
    list_filter = ["system", "parameter"]
    search_fields = ["system__name", "parameter", "words"]
    autocomplete_fields = ["system"]
    inlines = [CitationInline]


class WeaponSystemAliasInline(admin.TabularInline):
    model = WeaponSystemAlias
    formset = AliasesFormSet
    extra = 0


class SpecificationInline(CitedInline):
    model = Specification
    form = CitedInlineForm
    fields = [("parameter", "words"), ("value", "unit"), ("citation_source", "citation_excerpt")]


@admin.register(WeaponSystem)
class WeaponSystemAdmin(SavesInlineCitationsMixin, TrackedModelAdmin):
    list_display = ["name", "category", "maker_country", "maker", "deal_count"]
    list_filter = ["category", "maker_country"]
    search_fields = ["name", "slug", "aliases__name"]
    autocomplete_fields = ["maker_country", "maker", "variant_of"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [WeaponSystemAliasInline, SpecificationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(deal_count=Count("deals"))

    @admin.display(description="deals", ordering="deal_count")
    def deal_count(self, obj):
        return obj.deal_count


@admin.register(Person)
class PersonAdmin(TrackedModelAdmin):
    list_display = ["name", "country", "description"]
    list_filter = ["country"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(TrackedModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(UnderstoodDateMixin, TrackedModelAdmin):
    form = ApproximateDateForm
    list_display = ["__str__", "outlet", "date_words", "date_edtf", "date_basis"]
    list_filter = ["outlet", "agencies", "date_basis"]
    search_fields = ["slug", "title", "text"]
    autocomplete_fields = ["outlet", "agencies"]
    readonly_fields = ["date_earliest", "date_latest", "date_understood"]
    fieldsets = [
        (None, {"fields": ["slug", ("title", "title_supplied"), ("outlet", "agencies"), "url"]}),
        ("Publication date", DATE_FIELDSET[1]),
        (None, {"fields": ["notes", "language", "text"]}),
    ]


def _fact_key(citation) -> tuple[str, int] | None:
    """Which fact a citation supports, as (field, id), read from its columns without a query."""
    return next(((t, getattr(citation, f"{t}_id")) for t in CITATION_TARGETS if getattr(citation, f"{t}_id")), None)


def uncited_if_deleted(citations) -> list[str]:
    """For each fact that deleting these citations would leave without any, a line saying so."""
    taken, facts = Counter(), {}
    for citation in citations:
        if key := _fact_key(citation):
            taken[key] += 1
            facts.setdefault(key, citation)
    return [
        _left_uncited(facts[key].fact)
        for key, count in taken.items()
        if Citation.objects.filter(**{key[0]: key[1]}).count() <= count
    ]


def _left_uncited(fact) -> str:
    name = fact._meta.verbose_name
    return (
        f"The {name} “{fact}” would be left without a citation, and no fact may be: add another "
        f"citation to it first, or delete the {name} itself."
    )


class CitationForm(VersionedModelForm):
    """A citation moved to another fact must not leave the fact it supported without one."""

    def clean(self):
        cleaned = super().clean()
        # The instance still holds the stored citation here: the form's values are put on it later.
        before = _fact_key(self.instance) if self.instance.pk else None
        after = next(((t, cleaned[t].pk) for t in CITATION_TARGETS if cleaned.get(t)), None)
        if before and after and before != after:
            others = Citation.objects.filter(**{before[0]: before[1]}).exclude(pk=self.instance.pk)
            if not others.exists():
                raise ValidationError(_left_uncited(self.instance.fact))
        return cleaned


@admin.register(Citation)
class CitationAdmin(TrackedModelAdmin):
    form = CitationForm
    list_display = ["excerpt", "source", "fact_display"]
    list_filter = ["source"]
    list_select_related = ["source", "deal", "contract", "delivery", "statement", "event", "specification"]
    search_fields = ["excerpt"]
    autocomplete_fields = ["source", "deal", "contract", "delivery", "statement", "event", "specification"]

    @admin.display(description="supports")
    def fact_display(self, obj):
        fact = obj.fact
        return f"{fact._meta.verbose_name}: {fact}" if fact else "—"

    def get_deleted_objects(self, objs, request):
        # Both the delete page and the "delete selected" action refuse while anything is listed
        # as protected: a fact's last citation is, like a record another one protects.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed, [*protected, *uncited_if_deleted(objs)]
