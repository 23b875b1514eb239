"""The public "Recent changes": /changes/ (a page of them, newest first) and /changes/feed/
(the same page as Atom: the newest, or older or newer ones with the page's `before=` /
`after=`). What changed and when, with links; never who (history/recent.py)."""
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .recent import PositionProblem, changes_page


def recent_changes(request):
    try:
        page = changes_page(request.GET)
    except PositionProblem as problem:
        return render(request, "400.html", {"problems": problem.problems}, status=400)
    return render(request, "history/recent_changes.html", {"page": page})


def change_summary(change) -> str:
    """"Corrected deal “RU → TR: S-400” (date, status)": what the feed and the page say. A
    statement's name carries its own marks ("Peskov: Reported: …"), so it is not quoted."""
    title = f"— {change.title}" if change.title_holds_words else f"“{change.title}”"
    summary = f"{change.action_words} {change.kind} {title}"
    if change.fields:
        summary += f" ({', '.join(change.fields)})"
    return summary


class RecentChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "S-400 deals: recent changes"
    subtitle = "Records added, corrected or removed in the knowledge base, newest first."
    author_name = "S-400 deals knowledge base editors"

    def __call__(self, request, *args, **kwargs):
        # A position that cannot be used is answered as the page answers it, in plain text
        # (a feed reader shows no HTML page), rather than with the newest changes under an
        # address that asks for others.
        try:
            return super().__call__(request, *args, **kwargs)
        except PositionProblem as problem:
            return HttpResponse(problem.as_text(), status=400, content_type="text/plain; charset=utf-8")

    def get_object(self, request, *args, **kwargs):
        """The page of changes the query asks for, as /changes/ reads it."""
        return changes_page(request.GET)

    def link(self):
        return reverse("history:recent_changes")

    def feed_url(self):
        return reverse("history:recent_changes_feed")

    def feed_guid(self):
        return "tag:s400kb,2024:changes"

    def items(self, page):
        return page.changes

    def item_title(self, change):
        return change_summary(change)

    def item_description(self, change):
        when = timezone.localtime(change.at).strftime("%-d %B %Y, %H:%M %Z")
        if change.url:
            return f"{change_summary(change)}, {when}."
        if change.action == "deleted":
            return f"{change_summary(change)}, {when}. The record no longer exists."
        return f"{change_summary(change)}, {when}. The record has since been removed."

    def item_link(self, change):
        # A removed record has no page: the entry points at its line among the changes.
        return change.url or f"{reverse('history:recent_changes')}?before={change.pk + 1}#change-{change.pk}"

    def item_guid(self, change):
        return f"tag:s400kb,2024:change:{change.pk}"

    def item_guid_is_permalink(self, change):
        return False

    def item_pubdate(self, change):
        return change.at

    def item_updateddate(self, change):
        return change.at
