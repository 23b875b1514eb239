"""The search page: /search/?q=…&kind=…"""
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render

from lists.parameters import query_problems

from . import services


def search_page(request):
    """Ranked results with highlighted snippets and a facet per kind.

    Without `q`, or with a blank one (the header's box sent empty), the page shows the form
    and what to try; a `q` that cannot be searched (too long, a NUL character) or a malformed
    page number gets the form back with the reason and status 400, as on the list pages; a
    page past the last is a 404. (The API answers a blank `q` with a 400: a script wants to
    know.)
    """
    context = {"kinds": services.KINDS}
    if not request.GET.get("q", "").strip() and set(request.GET) <= {"q", "kind"}:
        return render(request, "search/search.html", context | {"form": services.SearchForm(), "blank": "q" in request.GET})
    form = services.SearchForm(request.GET)
    problems = query_problems(request.GET, form=form, paginated=True, nul_alone=True)
    if problems:
        problems = [(name, message) for name, messages in problems.items() for message in messages]
        return render(
            request, "search/search.html", context | {"form": form, "problems": problems}, status=400
        )
    query, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    results = services.search(query=query, kind=kind or None)
    paginator = Paginator(results.hits, 20)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("No such page of results.") from error
    services.highlight(page.object_list, query)
    return render(
        request,
        "search/search.html",
        context
        | {
            "form": form,
            "query": query,
            "kind": kind,
            "kind_label": services.KINDS.get(kind),
            "page_obj": page,
            "paginator": paginator,
            "facets": [(key, services.KINDS[key], count, key in results.more) for key, count in results.facets.items()],
            "total": results.total,
            "more": bool(results.more),
        },
    )
