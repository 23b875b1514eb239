"""What every filtered list page shares, whichever app owns it: validating its filters,
reporting bad input with status 400 naming the parameter, paginating (a malformed page
number is a 400, a page past the end a 404; a long list's next and previous pages by
cursor, `lists.keyset`), and listing the active filters so each can be removed on its own."""
from functools import partial
from urllib.parse import urlencode

from django.http import Http404, JsonResponse, QueryDict
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from lists.keyset import AFTER, BEFORE, CURSOR_PARAMETERS
from lists.parameters import PAGE_PARAMETER, nul_problems

from .filters import TypeAhead
from .registry import LISTS, whole_count

MAX_TERM_LENGTH = 200

PAGE_PARAMETERS = {PAGE_PARAMETER, *CURSOR_PARAMETERS}


class FilteredListView(ListView):
    """A list page of one list of `lists.registry.LISTS`: subclasses name it in `listing`
    and set `template_name`; its rows and FilterSet come from the list's declaration."""

    listing = ""
    paginate_by = 25

    def get_queryset(self):
        return LISTS[self.listing].rows()

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        count = whole_count(self.listing, self.filterset, self.request, queryset)
        if count is not None:
            paginator.count = count  # the paginator's cached property, given
        return paginator

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
        keyset = self.filterset.keyset
        self.object_list = keyset.rows if keyset is not None else self.filterset.qs
        return self.render_to_response(self.get_context_data())

    def paginate_queryset(self, queryset, page_size):
        """A numbered page as Django's ListView reads it; a cursor's page from its position
        (the paginator then only counts the list, for "N in all")."""
        position = getattr(self.filterset, "position", None)
        if position is None:
            return super().paginate_queryset(queryset, page_size)
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=self.get_allow_empty())
        page = self.filterset.keyset.page(position, page_size)
        return paginator, page, page.object_list, True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for name, field in self.filterset.form.fields.items():
            if isinstance(field, TypeAhead):
                field.widget.attrs["data-suggest"] = reverse("lists:suggestions", args=[self.listing, name])
                # A single-valued filter's leaders link to the list with each chosen instead.
                field.widget.link = partial(self.choice_link, name)
        if "filter_problems" not in kwargs:
            # Each facet's choices counted under the other filters (`Listing.facet_counts`).
            counts = LISTS[self.listing].facet_counts(self.filterset, request=self.request)
            for name, counted in counts.items():
                self.filterset.form.fields[name].widget.counts = counted
        context["filterset"] = self.filterset
        context["active_filters"] = self.active_filters() if "filter_problems" not in kwargs else []
        context["querystring"] = self.querystring_without(PAGE_PARAMETERS)
        page = context.get("page_obj")
        if page is not None:
            context["previous_query"], context["next_query"] = self.neighbour_queries(page, context["querystring"])
        return context

    def neighbour_queries(self, page, querystring):
        """The query strings of the previous and the next page ("" where there is none): by
        cursor from the page's first and last rows where the list has cursors, else by number."""
        keyset = getattr(self.filterset, "keyset", None)
        if keyset is None:
            previous = {PAGE_PARAMETER: page.previous_page_number()} if page.has_previous() else None
            following = {PAGE_PARAMETER: page.next_page_number()} if page.has_next() else None
        else:
            rows = list(page.object_list)
            previous = following = None
            if page.has_previous():
                # An empty page (its rows removed since) leads back from its own position.
                first = keyset.cursor(rows[0]) if rows else keyset.cursor_of(page.position.values)
                previous = {BEFORE: first}
            if page.has_next() and rows:
                following = {AFTER: keyset.cursor(rows[-1])}
        return tuple(
            "" if wanted is None else "&".join(filter(None, [querystring, urlencode(wanted)]))
            for wanted in (previous, following)
        )

    def choice_link(self, name, key):
        """The list's address with `key` chosen for the single-valued filter `name` (from its first page)."""
        query = QueryDict(self.querystring_without({name, *PAGE_PARAMETERS}), mutable=True)
        query[name] = key
        return f"?{query.urlencode()}#results"

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


@require_safe
def suggestions(request, listing, parameter):
    """/choices/<list>/<parameter>/?q=term: at most `lists.filters.SUGGESTIONS` records that
    the list's type-ahead filter `parameter` can choose and whose name holds `term`, as
    {"results": [{"value": key, "label": name}]}; the first ones by name without a term.
    A term that cannot be used gets {"q": [message]} and status 400, as a list's filters do."""
    declared = LISTS.get(listing)
    if declared is None:
        raise Http404("No such list.")
    field = declared.filterset_class(QueryDict(), request=request).form.fields.get(parameter)
    if not isinstance(field, TypeAhead):
        raise Http404("This list has no such filter to suggest values for.")
    problems = nul_problems(request.GET)
    terms = request.GET.getlist("q")
    if not problems and len(terms) > 1:
        problems = {"q": ["Give q only once; it takes a single value."]}
    term = " ".join((terms[0] if terms else "").split())
    if not problems and len(term) > MAX_TERM_LENGTH:
        problems = {"q": [f"Use at most {MAX_TERM_LENGTH} characters."]}
    if problems:
        return JsonResponse(problems, status=400)
    return JsonResponse({"results": field.suggest(term)})
