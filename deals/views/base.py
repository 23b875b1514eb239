"""What every filtered list page shares: validating its filters, reporting bad input with
status 400 naming the parameter, paginating (a page past the end is a 404), and listing
the active filters so each can be removed on its own."""
from django.http import QueryDict
from django.views.generic import ListView

PAGE_PARAMETERS = {"page"}


class FilteredListView(ListView):
    """A list page driven by a FilterSet from deals.filtersets.

    Subclasses set `filterset_class` and `template_name` and return the base queryset
    (with its related rows fetched) from `get_queryset`.
    """

    filterset_class = None
    paginate_by = 25

    def get(self, request, *args, **kwargs):
        self.filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        problems = self.input_problems()
        if problems:
            self.object_list = self.filterset.queryset.none()
            self.paginate_by = None  # the filters are the problem, not the page number
            context = self.get_context_data(filter_problems=problems)
            return self.render_to_response(context, status=400)
        self.object_list = self.filterset.qs
        return self.render_to_response(self.get_context_data())

    def input_problems(self):
        """(parameter, message) pairs for every value that cannot be used as given."""
        for name, values in self.request.GET.lists():
            if any("\x00" in value for value in values):
                return [(name, "Contains a NUL character, which no value may contain.")]
        if self.filterset.is_valid():
            return []
        return [
            (name, message)
            for name, messages in self.filterset.errors.items()
            for message in messages
            if name != "__all__"
        ] + [("", message) for message in self.filterset.errors.get("__all__", [])]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        context["active_filters"] = self.active_filters() if "filter_problems" not in kwargs else []
        context["querystring"] = self.querystring_without(PAGE_PARAMETERS)
        return context

    def querystring_without(self, names, *, value=None):
        """The current query string minus the named parameters (or only one of their values)."""
        query = QueryDict(mutable=True)
        for name, values in self.request.GET.lists():
            if name in PAGE_PARAMETERS and name in names:
                continue  # a changed filter starts again from the first page
            if name in names:
                values = [v for v in values if value is not None and v != value]
            if values:
                query.setlist(name, values)
        return query.urlencode()

    def active_filters(self):
        """Each filter value in use, with its label and the query string that removes it."""
        form = self.filterset.form
        active = []
        for name, field in form.fields.items():
            raw_values = [value for value in self.request.GET.getlist(name) if value != ""]
            if not raw_values or name == "sort":
                continue
            labels = value_labels(field, form.cleaned_data.get(name))
            for raw in raw_values:
                active.append(
                    {
                        "name": name,
                        "label": field.label or name.replace("_", " ").capitalize(),
                        "value": labels.get(raw.upper(), labels.get(raw, raw)),
                        "remove": self.querystring_without({name, *PAGE_PARAMETERS}, value=raw),
                    }
                )
        return active


def value_labels(field, cleaned):
    """Human labels for a field's raw values: country codes to names, statuses to words."""
    if hasattr(field, "queryset"):
        chosen = cleaned if isinstance(cleaned, (list, tuple)) or hasattr(cleaned, "model") else [cleaned]
        key = field.to_field_name or "pk"
        return {str(getattr(obj, key)): str(obj) for obj in chosen if obj is not None}
    return {str(value): str(label) for value, label in getattr(field, "choices", [])}
