"""Run inside a scratch app (`LiveApp.shell`) by test_backups: `edit` leaves the traces editors
leave (an account, a changed deal with its change record, an ingested article with an
accepted and a rejected draft), and `public_pages` prints every public page family's body,
to compare the site before a backup and after its restore."""
import json
import re

PAGES = [
    "/", "/deals/", "/statements/", "/timeline/", "/timeline/?country=TR", "/countries/", "/countries/TR/",
    "/people/", "/systems/", "/sources/", "/search/?q=Chemezov", "/search/?q=Ankara", "/search/?q=S-400",
    "/timeline/feed/", "/api/timeline/", "/api/search/?q=Erdogan", "/api/deals/?recipient=IN",
]
ARTICLE = (
    "Chemezov on India's regiments\n"
    "Rostec chief executive Sergey Chemezov told Interfax on Friday that the S-400 deliveries to India "
    "would be completed by the end of the year, with the fifth regiment the last."
)


def edit() -> None:
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from deals.models import Deal, Organisation
    from history.models import Action
    from history.services import change_record, snapshot
    from ingest.accepting import draft_accept
    from ingest.services import article_ingest, draft_reject

    call_command("setup_roles", verbosity=0)
    editor = User.objects.create_user("editor", password="a long passphrase", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    deal = Deal.objects.get(slug="ru-tr-s-400")
    before = snapshot(deal)
    # Saved as the admin saves it (the search index follows the save), with its change record.
    deal.summary, deal.version = "Restored from a backup, word for word.", deal.version + 1
    deal.save()
    change_record(obj=deal, action=Action.CHANGED, user=editor, before=before, via="admin")
    article = article_ingest(
        text=ARTICLE, outlet=Organisation.objects.get(slug="interfax"), published_words="June 9, 2021", user=editor
    )
    draft_accept(draft=article.drafts.get(kind="statement"), user=editor)
    draft_reject(draft=article.drafts.filter(kind="country").first(), user=editor)


def public_pages() -> None:
    from django.test import Client

    from deals.models import Deal, Person, Source, Statement, WeaponSystem

    paths = [
        *PAGES,
        *(m.objects.order_by("slug").first().get_absolute_url() for m in (Deal, Person, Source, WeaponSystem)),
        Deal.objects.get(slug="ru-tr-s-400").get_absolute_url(),
        Source.objects.get(title__startswith="Chemezov on India").get_absolute_url(),
        Statement.objects.get(text__contains="fifth regiment").get_absolute_url(),
    ]
    client, pages = Client(), {}
    for path in paths:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # A nonce is new on every response, and the data version a citation names is the
        # database's count of saves, which a restore starts afresh (deals.backups.LEFT_OUT);
        # everything else must be the same.
        text = re.sub(r'nonce="[^"]*"', 'nonce=""', body.decode())
        text = re.sub(r"([Dd]ata version |version = \{|&quot;version&quot;: &quot;)\d+", r"\g<1>N", text)
        pages[path] = [response.status_code, text]
    print(json.dumps(pages))
