"""The ingest form and the review page, in the admin.

An editor ingests an article (admin:ingest_article_ingest), then reviews its drafts beside
the highlighted text (admin:ingest_article_review): accept as read, correct then accept, or
reject. Accepting writes to the knowledge base through ``ingest.accepting``.
"""
from itertools import groupby

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .accepting import draft_accept
from .extract import Kind
from .forms import ArticleIngestForm, draft_form
from .models import Article, Draft, DraftKind, DraftStatus
from .services import article_ingest, draft_reject


def highlighted(article: Article, drafts, focus: Draft | None) -> list[dict]:
    """The article text cut where drafts' words begin and end, each piece with the kinds of
    draft that cover it, so the template can mark them (escaping the text as usual)."""
    text = article.text
    spans = [(d.words_start, d.words_end, d) for d in drafts if d.status != DraftStatus.REJECTED]
    cuts = {0, len(text)} | {a for a, _, _ in spans} | {b for _, b, _ in spans}
    if focus:
        cuts |= {focus.start, focus.end}
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    starts = {}
    for a, _, d in spans:
        starts.setdefault(a, []).append(d.pk)
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        covering = sorted({d.kind for start, end, d in spans if start <= a and b <= end})
        pieces.append(
            {
                "text": text[a:b],
                "kinds": covering,
                "focus": bool(focus and focus.start <= a and b <= focus.end),
                "anchors": starts.get(a, []),
            }
        )
    return pieces


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
        drafts = list(article.drafts.select_related("decided_by"))
        focus_pk = bound[0].pk if bound else request.GET.get("focus")
        focus = next((d for d in drafts if str(d.pk) == str(focus_pk)), None)
        can_decide = self.has_change_permission(request, article)
        groups = []
        order = {kind: i for i, kind in enumerate(Kind.ALL)}
        for kind, items in groupby(sorted(drafts, key=lambda d: (order[d.kind], d.words_start)), key=lambda d: d.kind):
            cards = []
            for draft in items:
                if bound and bound[0].pk == draft.pk:
                    form = bound[1]
                elif draft.status == DraftStatus.PENDING and can_decide:
                    form = draft_form(draft)
                else:
                    form = None
                cards.append({"draft": draft, "form": form, "open": bool(bound and bound[0].pk == draft.pk)})
            groups.append({"kind": DraftKind(kind).label, "code": kind, "cards": cards,
                           "pending": sum(c["draft"].status == DraftStatus.PENDING for c in cards)})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Review: {article.title}",
            "article": article,
            "pieces": highlighted(article, drafts, focus),
            "groups": groups,
            "focus": focus,
            "can_decide": can_decide,
            "pending_total": sum(d.status == DraftStatus.PENDING for d in drafts),
        }
        return TemplateResponse(request, "admin/ingest/review.html", context)

    def decide_view(self, request, pk, draft_pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        draft = get_object_or_404(Draft, pk=draft_pk, article=article)
        back = f"{reverse('admin:ingest_article_review', args=[article.pk])}#draft-{draft.pk}"
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
                return redirect(back)
        form.show_current()
        messages.error(request, "The draft was not accepted and nothing was written; see the errors below.")
        return self.review_view(request, article.pk, bound=(draft, form))


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
