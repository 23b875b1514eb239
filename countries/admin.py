"""Admin for countries and the other names the news uses for them. Aliases drive the
ingestion's extraction, so every change to them is recorded in the change history."""
from django import forms
from django.contrib import admin
from django.db.models import Case, Exists, OuterRef, Q, Value, When

from deals import services
from history.admin import TrackedModelAdmin

from .models import Country, CountryAlias


class AliasesFormSet(forms.BaseInlineFormSet):
    """Rows of aliases, unique regardless of case.

    The database holds that rule as a unique constraint on ``Lower("name")``. Each row is
    checked against the stored aliases, but the formset's own uniqueness check compares rows
    with each other only on plain fields, so two new rows differing in case ("PAC-3",
    "pac-3") would reach the database and fail there.
    """

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if form.errors or not (form.instance.pk or form.has_changed()):
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            name = form.cleaned_data.get("name") or ""
            if not name:
                continue
            if (first := seen.get(name.lower())) is not None:
                form.add_error("name", f"“{name}” is the same alias as “{first}”: aliases are compared regardless of case.")
            else:
                seen[name.lower()] = name


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    formset = AliasesFormSet
    extra = 0


@admin.register(Country)
class CountryAdmin(TrackedModelAdmin):
    writes = services  # the knowledge base's one write path
    list_display = ["code", "name", "region", "subregion"]
    list_filter = ["region"]
    search_fields = ["code", "name", "aliases__name"]
    inlines = [CountryAliasInline]

    def get_readonly_fields(self, request, obj=None):
        # The code is the primary key: changing it would orphan every deal that points at it.
        return ["code"] if obj else []

    def get_search_results(self, request, queryset, search_term):
        """The matches of `search_term` (name, code or alias, anywhere in them), best first:
        the country named or coded so, then those whose name starts so, then by an alias
        that is the term or starts so, then the rest, each by name. The deal form's supplier
        and recipient pickers list these, and Enter takes the first: "Russia" must give
        Russia, not Belarus (found by its alias "Byelorussia")."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if not term:
            return queryset, may_have_duplicates
        aliases = CountryAlias.objects.filter(country=OuterRef("pk"))
        ranked = queryset.annotate(
            match_rank=Case(
                When(Q(name__iexact=term) | Q(code__iexact=term), then=Value(0)),
                When(name__istartswith=term, then=Value(1)),
                When(Exists(aliases.filter(name__iexact=term)), then=Value(2)),
                When(Exists(aliases.filter(name__istartswith=term)), then=Value(3)),
                default=Value(4),
            )
        )
        return ranked.order_by("match_rank", "name"), may_have_duplicates


@admin.register(CountryAlias)
class CountryAliasAdmin(TrackedModelAdmin):
    writes = services
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country__region"]
    search_fields = ["name", "country__name", "country__code"]
    autocomplete_fields = ["country"]
