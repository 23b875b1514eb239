"""Admin for editors: every fact is entered with the source excerpt it rests on."""
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count

from history.admin import TrackedInlineMixin, TrackedModelAdmin, VersionedModelForm
from history.models import Action
from history.services import change_record

from .models import (
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
    """Re-derives the EDTF form when an editor changes only the words."""

    def clean(self):
        cleaned = super().clean()
        if "date_words" in self.changed_data and "date_edtf" not in self.changed_data:
            self.instance.date_edtf = ""
            cleaned["date_edtf"] = ""
            if "date_basis" not in self.changed_data:
                self.instance.date_basis = ""
                cleaned["date_basis"] = ""
        return cleaned


class CitedInlineForm(ApproximateDateForm):
    """A contract or delivery added under a deal must come with the excerpt it rests on."""

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
            Citation(source=source, excerpt=excerpt).clean()
        except ValidationError as error:
            self.add_error("citation_excerpt", error.message_dict["excerpt"])
        return cleaned


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
    form = CitedInlineForm
    extra = 0
    show_change_link = True


class ContractInline(CitedInline):
    model = Contract
    fields = [
        "description",
        ("date_words", "date_edtf", "date_basis"),
        ("value_amount", "value_currency", "value_words"),
        ("quantity", "quantity_unit", "quantity_words"),
        ("citation_source", "citation_excerpt"),
    ]


class DeliveryInline(CitedInline):
    model = Delivery
    fields = [
        ("kind", "contract"),
        "description",
        ("date_words", "date_edtf", "date_basis"),
        ("quantity", "quantity_unit", "quantity_words"),
        ("citation_source", "citation_excerpt"),
    ]


@admin.register(Deal)
class DealAdmin(TrackedModelAdmin):
    list_display = ["slug", "supplier", "recipient", "system", "status", "disputed"]
    list_filter = ["status", "disputed", "system", "recipient", "supplier"]
    list_select_related = ["supplier", "recipient", "system"]
    search_fields = ["slug", "subject", "summary", "recipient__name", "supplier__name", "system__name"]
    autocomplete_fields = ["supplier", "recipient", "system"]
    prepopulated_fields = {"slug": ["subject"]}
    inlines = [ContractInline, DeliveryInline, CitationInline]

    def save_formset(self, request, form, formset, change):
        new_forms = [
            f for f in formset.forms if isinstance(f, CitedInlineForm) and not f.instance.pk
        ]
        super().save_formset(request, form, formset, change)
        for inline_form in new_forms:
            if inline_form.instance.pk and inline_form.cleaned_data.get("citation_source"):
                citation = Citation.objects.create(
                    source=inline_form.cleaned_data["citation_source"],
                    excerpt=inline_form.cleaned_data["citation_excerpt"],
                    **{inline_form.instance._meta.model_name: inline_form.instance},
                )
                change_record(obj=citation, action=Action.CREATED, user=request.user, via="admin")


class FactAdmin(UnderstoodDateMixin, TrackedModelAdmin):
    """Shared by the dated facts: the date fieldset and citations that must not be empty."""

    form = ApproximateDateForm
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
    extra = 0


class SpecificationInline(admin.TabularInline):
    model = Specification
    extra = 0
    show_change_link = True


@admin.register(WeaponSystem)
class WeaponSystemAdmin(TrackedModelAdmin):
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


@admin.register(Citation)
class CitationAdmin(TrackedModelAdmin):
    list_display = ["excerpt", "source", "fact_display"]
    list_filter = ["source"]
    list_select_related = ["source", "deal", "contract", "delivery", "statement", "event", "specification"]
    search_fields = ["excerpt"]
    autocomplete_fields = ["source", "deal", "contract", "delivery", "statement", "event", "specification"]

    @admin.display(description="supports")
    def fact_display(self, obj):
        fact = obj.fact
        return f"{fact._meta.verbose_name}: {fact}" if fact else "—"
