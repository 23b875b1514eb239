"""The ingest form and the review page, in the admin.

An editor ingests an article (admin:ingest_article_ingest), then reviews its drafts beside
the highlighted text (admin:ingest_article_review): accept as read, correct then accept, or
reject. Accepting writes to the knowledge base through ``ingest.accepting``.
"""
import re
from itertools import groupby

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .accepting import draft_accept, draft_link_recorded
from .forms import ArticleIngestForm, draft_form
from .models import Article, Draft, DraftKind, DraftStatus
from .review import highlighted, kind_starts, page_of, review_page, windows
from .services import article_ingest, draft_reject, draft_unreject


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "date_words", "created_at", "created_by", "pending", "accepted"]
    list_filter = ["outlet"]
    search_fields = ["title", "text"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("outlet", "created_by").annotate(
            pending_count=Count("drafts", filter=Q(drafts__status=DraftStatus.PENDING)),
            accepted_count=Count("drafts", filter=Q(drafts__status=DraftStatus.ACCEPTED)),
        )

    @admin.display(description="drafts waiting", ordering="pending_count")
    def pending(self, obj):
        return obj.pending_count

    @admin.display(description="accepted", ordering="accepted_count")
    def accepted(self, obj):
        return obj.accepted_count

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("ingest/", view(self.ingest_view), name="ingest_article_ingest"),
            path("<int:pk>/review/", view(self.review_view), name="ingest_article_review"),
            path("<int:pk>/review/<int:draft_pk>/", view(self.decide_view), name="ingest_article_decide"),
            path("<int:pk>/review/<int:draft_pk>/undo/", view(self.undo_view), name="ingest_article_undo"),
            path("<int:pk>/review/all/", view(self.decide_all_view), name="ingest_article_decide_all"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:ingest_article_ingest")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:ingest_article_review", pk=object_id)

    def has_change_permission(self, request, obj=None):
        # Articles are not edited: their drafts are decided on the review page.
        return request.user.has_perm("ingest.change_draft")

    def ingest_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleIngestForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                article = article_ingest(
                    text=form.cleaned_data["text"],
                    outlet=form.cleaned_data["outlet"],
                    outlet_name=form.cleaned_data["new_outlet"],
                    url=form.cleaned_data["url"],
                    published_words=form.cleaned_data["published"],
                    title=form.cleaned_data["title"],
                    filename=form.cleaned_data.get("filename", ""),
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                counts = ", ".join(
                    f"{row['n']} {DraftKind(row['kind']).label.lower()}"
                    for row in article.drafts.values("kind").annotate(n=Count("pk")).order_by("kind")
                )
                if form.cleaned_data["outlet_is_new"]:
                    messages.info(request, f"New outlet created: {article.outlet.name} (news outlet).")
                messages.success(request, f"Ingested “{article.title}”: {counts or 'no drafts'}. Review them below.")
                return redirect("admin:ingest_article_review", pk=article.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Ingest an article",
            "form": form,
        }
        return TemplateResponse(request, "admin/ingest/ingest.html", context)

    def review_view(self, request, pk, bound=None):
        article = get_object_or_404(Article.objects.select_related("outlet", "source"), pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        focus_pk = bound[0].pk if bound else request.GET.get("focus", "")
        # Anything but a draft id of this article (say "?focus=x") shows no focus, never an error.
        focus = article.drafts.filter(pk=focus_pk).first() if re.fullmatch(r"[0-9]{1,18}", str(focus_pk)) else None
        # A draft sent back with errors, or shown in the text, is on the page that lists it.
        number = page_of(bound[0]) if bound else request.GET.get("page") or (page_of(focus) if focus else 1)
        page = review_page(article, number)
        drafts = list(page)
        can_decide = self.has_change_permission(request, article)
        counts = {
            row["kind"]: row
            for row in article.drafts.values("kind").annotate(
                n=Count("pk"), pending=Count("pk", filter=Q(status=DraftStatus.PENDING))
            )
        }
        groups = []
        for kind, items in groupby(drafts, key=lambda d: d.kind):
            cards = []
            for draft in items:
                if bound and bound[0].pk == draft.pk:
                    form = bound[1]
                elif draft.status == DraftStatus.PENDING and can_decide:
                    form = draft_form(draft)
                else:
                    form = None
                cards.append({"draft": draft, "form": form, "open": bool(bound and bound[0].pk == draft.pk)})
            groups.append({"kind": DraftKind(kind).label, "code": kind, "cards": cards, "plural": _plural(kind), "singular": _singular(kind),
                           "total": counts[kind]["n"], "pending": counts[kind]["pending"]})
        text = article.text
        # One page holds every draft: the whole text, as written. Otherwise only the text
        # around this page's drafts, so the page stays small however long the article.
        shown = [(0, len(text))] if page.paginator.num_pages == 1 else windows(text, drafts, focus)
        starts = kind_starts({kind: row["n"] for kind, row in counts.items()})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Review: {article.title}",
            "article": article,
            "pieces": highlighted(text, drafts, focus, shown),
            "groups": groups,
            "page": page,
            "kinds": [{"code": kind, "kind": DraftKind(kind).label, "n": counts[kind]["n"], "page": first}
                      for kind, first in starts.items()],
            "focus": focus,
            "can_decide": can_decide,
            "pending_total": sum(row["pending"] for row in counts.values()),
        }
        return TemplateResponse(request, "admin/ingest/review.html", context)

    def decide_view(self, request, pk, draft_pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        draft = get_object_or_404(Draft, pk=draft_pk, article=article)
        back = f"{reverse('admin:ingest_article_review', args=[article.pk])}?page={page_of(draft)}#draft-{draft.pk}"
        if request.POST.get("action") == "reject":
            try:
                draft_reject(draft=draft, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.info(request, f"Rejected: {draft}. Nothing was written to the knowledge base.")
            return redirect(back)
        form = draft_form(draft, request.POST)
        if form.is_valid():
            try:
                draft = draft_accept(draft=draft, user=request.user, data=form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Accepted. {draft.result}.")
                for warning in draft.value.get("warnings", []):
                    messages.warning(request, warning)
                return redirect(back)
        form.show_current()
        messages.error(request, "The draft was not accepted and nothing was written; see the errors below.")
        return self.review_view(request, article.pk, bound=(draft, form))


    def undo_view(self, request, pk, draft_pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        draft = get_object_or_404(Draft, pk=draft_pk, article=article)
        try:
            draft = draft_unreject(draft=draft)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.info(request, f"Rejection undone: {draft} waits for review again.")
        return redirect(f"{reverse('admin:ingest_article_review', args=[article.pk])}?page={page_of(draft)}#draft-{draft.pk}")

    def decide_all_view(self, request, pk):
        """Accept or reject every waiting draft of one kind. Each draft is decided in its own
        transaction, as a single decision is: one that cannot be accepted as drafted is
        named and stays waiting, and the others keep their result."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        kind, action = request.POST.get("kind", ""), request.POST.get("action", "")
        review = reverse("admin:ingest_article_review", args=[article.pk])
        if kind not in DraftKind.values or action not in ("accept", "reject"):
            messages.error(request, "Say which kind of draft to decide, and whether to accept or reject them all.")
            return redirect(review)
        drafts = list(article.drafts.filter(kind=kind, status=DraftStatus.PENDING).order_by("start", "words_start", "pk"))
        if not drafts:
            messages.info(request, f"No {_plural(kind)} wait for review: nothing was {action}ed.")
            return redirect(f"{review}#kind-{kind}")
        done, failed, warnings, created, recorded = 0, [], {}, [], []
        for draft in drafts:
            try:
                if action == "accept" and kind == DraftKind.DATE and (by := draft_link_recorded(draft=draft, user=request.user)):
                    # its sentence's delivery, contract or statement holds this date: no second event
                    recorded.append(f"#{draft.pk} “{draft.value.get('words')}” by {by}")
                elif action == "accept":
                    accepted = draft_accept(draft=draft, user=request.user)
                    # Several drafts of one deal: its warnings once, as they stand after the last of them.
                    record = accepted.value["accepted"]
                    warnings[(record["model"], record["pk"])] = accepted.value.get("warnings", [])
                    created += re.findall(r"\(created the body (.+)\)$", accepted.result)
                else:
                    draft_reject(draft=draft, user=request.user)
            except PermissionDenied:
                # The same for every draft of the kind: stop before the rest and say so.
                messages.error(request, f"You may not accept {_plural(kind)}; nothing more was written.")
                break
            except ValidationError as error:
                failed.append(f"#{draft.pk} “{draft}”: {' '.join(error.messages).rstrip('.')}")
            else:
                done += 1
        for warning in dict.fromkeys(w for record in warnings.values() for w in record):
            messages.warning(request, warning)
        for body in dict.fromkeys(created):
            messages.info(request, f"Created the body {body}, which the unnamed speakers speak for.")
        if recorded:
            messages.info(request, "Recorded already, so no second event was made: " + "; ".join(recorded) + ".")
        verb = "Accepted" if action == "accept" else "Rejected"
        if done or not failed:
            messages.success(request, f"{verb} {done} of {len(drafts)} {_plural(kind)}.")
        if failed:
            messages.error(request, f"Not {verb.lower()}, still waiting: " + "; ".join(failed)
                           + ". Open each to correct it.")
        return redirect(f"{review}#kind-{kind}")


PLURALS = {"delivery": "deliveries", "money": "sums of money", "country": "countries", "quantity": "quantities"}


SINGULARS = {"money": "sum of money"}


def _singular(kind: str) -> str:
    return SINGULARS.get(kind, DraftKind(kind).label.lower())


def _plural(kind: str) -> str:
    label = DraftKind(kind).label.lower()
    return PLURALS.get(kind, f"{label}s")


def _add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    """Read-only list of every draft, for finding one across articles; decide on the review page."""

    list_display = ["__str__", "kind", "status", "article", "decided_by", "decided_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["article", "decided_by"]
    search_fields = ["article__title", "result"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("ingest.delete_draft")
