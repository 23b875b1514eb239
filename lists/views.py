"""What every filtered list page shares, whichever app owns it: validating its filters,
reporting bad input with status 400 naming the parameter, paginating (a malformed page
number is a 400, a page past the end a 404), and listing the active filters so each can be
removed on its own."""
from django.http import QueryDict
from django.views.generic import ListView

from lists.parameters import PAGE_PARAMETER

from .registry import LISTS

PAGE_PARAMETERS = {PAGE_PARAMETER}


class FilteredListView(ListView):
    """A list page of one list of `lists.registry.LISTS`: subclasses name it in `listing`
    and set `template_name`; its rows and FilterSet come from the list's declaration."""

    listing = ""
    paginate_by = 25

    def get_queryset(self):
        return LISTS[self.listing].rows()

    def get(self, request, *args, **kwargs):
        self.filterset, problems = LISTS[self.listing].filter(
            request.GET, queryset=self.get_queryset(), request=request, paginated=True
        )
        if problems:
            self.object_list = self.filterset.queryset.none()
            self.paginate_by = None  # the filters are the problem, not the page number
            context = self.get_context_data(
                filter_problems=[
                    ("" if name == "__all__" else name, message)
                    for name, messages in problems.items()
                    for message in messages
                ]
            )
            return self.render_to_response(context, status=400)
        self.object_list = self.filterset.qs
        return self.render_to_response(self.get_context_data())

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
                        "value": labels.get(raw.lower(), raw),
                        "remove": self.querystring_without({name, *PAGE_PARAMETERS}, value=raw),
                    }
                )
        return active


def value_labels(field, cleaned):
    """Human labels for a field's raw values, keyed in lower case (codes and words are
    accepted in any case): country codes to names, statuses to words."""
    if hasattr(field, "queryset"):
        chosen = cleaned if isinstance(cleaned, (list, tuple)) or hasattr(cleaned, "model") else [cleaned]
        key = field.to_field_name or "pk"
        return {str(getattr(obj, key)).lower(): str(obj) for obj in chosen if obj is not None}
    return {str(value).lower(): str(label) for value, label in getattr(field, "choices", [])}
