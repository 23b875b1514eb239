"""Change history and optimistic locking for the admin.

``TrackedModelAdmin`` is the base of every knowledge-base admin: each save or delete writes
a ``Change`` (who, when, which fields, old and new values), shown on the record's History
page; and a record with a ``version`` column cannot be overwritten by an editor who loaded
an older version: the form carries the version it was loaded with, the save refuses when
the row has moved on and lists what the other editor changed, and the update increments
the version only if it is still the one loaded (compare-and-set), so of two simultaneous
saves exactly one wins.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten, unquote
from django.core.exceptions import ValidationError
from django.db import transaction

from .locking import EditConflict, check_version, save_versioned, short
from .models import Action, Change
from .services import change_record, snapshot


class VersionedFormMixin(forms.Form):
    """Carries the version the form was loaded with and refuses a save over a newer one."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and hasattr(self.instance, "version"):
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if not instance.pk or not hasattr(instance, "version") or not self.has_changed() and self.prefix:
            return cleaned
        loaded = cleaned.get("loaded_version")
        # Every form the admin renders carries its version; a post without one cannot show
        # that it saw the current record, so it could silently overwrite another's save.
        if loaded is None:
            raise ValidationError(
                f"This form did not say which version of the {instance._meta.verbose_name} it was "
                "loaded with, so saving it could overwrite someone else's change. Nothing was "
                "saved: open the record again and make your change there.",
                code="edit_version_missing",
            )
        try:
            check_version(instance, loaded_version=loaded)
        except EditConflict as conflict:
            raise ValidationError(str(conflict), code="edit_conflict") from None
        return cleaned


class VersionedModelForm(VersionedFormMixin, forms.ModelForm):
    pass


def _with_loaded_version(fieldsets):
    if any("loaded_version" in flatten(options.get("fields", ())) for _, options in fieldsets):
        return fieldsets
    return [*fieldsets, (None, {"fields": ["loaded_version"], "classes": ["hidden"]})]


class TrackedModelAdmin(admin.ModelAdmin):
    form = VersionedModelForm
    object_history_template = "admin/history/object_history.html"

    def get_fieldsets(self, request, obj=None):
        return _with_loaded_version(super().get_fieldsets(request, obj))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Another save landed between our validation and our save, and everything of
            # ours was rolled back; validating again now reports it as a form error.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            form._history_before = snapshot(type(obj)._default_manager.get(pk=obj.pk))
            if hasattr(obj, "version") and form.cleaned_data.get("loaded_version") is not None:
                save_versioned(obj, loaded_version=form.cleaned_data["loaded_version"])
                return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        change_record(
            obj=form.instance,
            action=Action.CHANGED if change else Action.CREATED,
            user=request.user,
            before=getattr(form, "_history_before", None),
            via="admin",
        )

    def save_formset(self, request, form, formset, change):
        model = formset.model
        existing = [f.instance.pk for f in formset.initial_forms if f.instance.pk]
        before = {obj.pk: snapshot(obj) for obj in model._default_manager.filter(pk__in=existing)}
        deleted = [(f.instance.pk, f.instance) for f in formset.deleted_forms if f.instance.pk]
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            change_record(obj=obj, action=Action.CREATED, user=request.user, via="admin")
        for obj, _ in formset.changed_objects:
            change_record(obj=obj, action=Action.CHANGED, user=request.user, before=before.get(obj.pk), via="admin")
        for pk, obj in deleted:
            obj.pk = pk
            change_record(obj=obj, action=Action.DELETED, user=request.user, before=before.get(pk), via="admin")

    def delete_model(self, request, obj):
        before, pk = snapshot(obj), obj.pk
        super().delete_model(request, obj)
        obj.pk = pk
        change_record(obj=obj, action=Action.DELETED, user=request.user, before=before, via="admin")

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            rows = [(obj.pk, obj, snapshot(obj)) for obj in queryset]
            super().delete_queryset(request, queryset)
            for pk, obj, before in rows:
                obj.pk = pk
                change_record(obj=obj, action=Action.DELETED, user=request.user, before=before, via="admin")

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        changes = Change.objects.for_object(obj).select_related("user") if obj else Change.objects.none()
        return super().history_view(request, object_id, extra_context={**(extra_context or {}), "field_changes": changes})


class VersionedFormSetMixin:
    """Saves each changed row of an inline with the version its form was loaded with."""

    def save_existing(self, form, obj, commit=True):
        loaded = form.cleaned_data.get("loaded_version")
        if not commit or not hasattr(obj, "version") or loaded is None:
            return super().save_existing(form, obj, commit=commit)
        obj = form.save(commit=False)
        save_versioned(obj, loaded_version=loaded)
        form.save_m2m()
        return obj


class TrackedInlineMixin:
    """Inlines of versioned records carry their version too, and save through the lock."""

    def get_fieldsets(self, request, obj=None):
        return _with_loaded_version(super().get_fieldsets(request, obj))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (VersionedFormSetMixin, formset), {})


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    """The history itself: read-only, for every editor and viewer."""

    list_display = ["at", "username", "action", "content_type", "object_repr", "version", "field_names", "via"]
    list_filter = ["action", "content_type", "via", "username"]
    search_fields = ["object_repr", "username", "object_id"]
    date_hierarchy = "at"
    readonly_fields = ["at", "username", "action", "content_type", "object_id", "object_repr", "version", "via", "changes_table"]
    fields = readonly_fields

    @admin.display(description="fields")
    def field_names(self, obj):
        return obj.field_names

    @admin.display(description="changes")
    def changes_table(self, obj):
        return "; ".join(f"{item['label']}: “{short(item['old'])}” → “{short(item['new'])}”" for item in obj.fields) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
