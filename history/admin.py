"""Change history and optimistic locking for the admin.

``TrackedModelAdmin`` is the base of every knowledge-base admin: each save or delete, of the
record or of an inline row, goes through the write service the owning app gives it
(``writes``: ``deals.services``), which writes a ``Change`` (who, when, which fields, old
and new values), shown on the record's History page; and a record with a ``version`` column cannot be overwritten by an editor who loaded
an older version: the form carries the version it was loaded with, the save refuses when
the row has moved on and lists what the other editor changed, and the update increments
the version only if it is still the one loaded (compare-and-set), so of two simultaneous
saves exactly one wins.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten, unquote
from django.core.exceptions import ValidationError

from .locking import EditConflict, check_version, short
from .models import Change


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
    # The write path, set by the app that owns the records: an object (deals.services) with
    # record_save, record_delete and records_delete, which save through the lock and write
    # the change records. history, the lower layer, imports nothing of it.
    writes = None
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

    def get_formsets_with_inlines(self, request, obj=None):
        # Every inline's rows are written through the same services as the record itself.
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            writes = {"writes": self.writes, "user": request.user}
            yield type(formset.__name__, (WritesThroughServicesFormSet, formset), writes), inline

    def save_model(self, request, obj, form, change):
        """Nothing yet: ``save_related``, which Django calls next, saves the record with its
        many-to-many values and inline rows in one call of the write service, so its change
        record lists them all (the admin has no other way to hand the service both)."""

    def save_related(self, request, form, formsets, change):
        self.writes.record_save(
            obj=form.instance,
            loaded_version=form.cleaned_data.get("loaded_version"),
            user=request.user,
            via="admin",
            clean=False,  # the form has just run the model's validation
            related=lambda: super(TrackedModelAdmin, self).save_related(request, form, formsets, change),
        )

    def delete_model(self, request, obj):
        self.writes.record_delete(record=obj, user=request.user, via="admin")

    def delete_queryset(self, request, queryset):
        self.writes.records_delete(queryset=queryset, user=request.user, via="admin")

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        changes = Change.objects.for_object(obj).select_related("user") if obj else Change.objects.none()
        return super().history_view(request, object_id, extra_context={**(extra_context or {}), "field_changes": changes})


class WritesThroughServicesFormSet:
    """An inline's rows saved, changed and deleted by the model admin's write service
    (``writes``, for ``user``), each with its change record; a changed row of a versioned
    record is saved with the version its form was loaded with."""

    writes = None
    user = None

    def save_new(self, form, commit=True):
        if not commit:
            return super().save_new(form, commit=False)
        obj = super().save_new(form, commit=False)  # an inline's sets the parent first
        return self.writes.record_save(obj=obj, user=self.user, via="admin", clean=False, related=form.save_m2m)

    def save_existing(self, form, obj, commit=True):
        if not commit:
            return super().save_existing(form, obj, commit=False)
        obj = super().save_existing(form, obj, commit=False)
        return self.writes.record_save(
            obj=obj, loaded_version=form.cleaned_data.get("loaded_version"), user=self.user, via="admin",
            clean=False, related=form.save_m2m,
        )

    def delete_existing(self, obj, commit=True):
        if commit:
            self.writes.record_delete(record=obj, user=self.user, via="admin")


class TrackedInlineMixin:
    """Inlines of versioned records carry their version too (the model admin saves each row
    through the lock)."""

    def get_fieldsets(self, request, obj=None):
        return _with_loaded_version(super().get_fieldsets(request, obj))


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
