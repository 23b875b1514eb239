"""The parallel writers' workload, run inside the live app (`LiveApp.shell`): `prepare`
makes the editors, their sessions and the articles whose drafts they accept; `outcome` reads
back what the database holds afterwards. Both print JSON for the test to read.

Each round is twenty requests at once:
- CONTESTED editors save the same deal, each with the version they all loaded: one save wins,
  the others must be told someone else saved first;
- SEPARATE editors save one deal each, moving it to one of two weapon systems (the same two
  for all, so their saves adjust the same systems' deal counts at once): all must save;
- ACCEPTS editors accept the statement draft of an article of their own: all must be accepted
  (each writes a source, a statement, a citation, and links the statement to India's deal,
  which all of them change);
- two editors accept the same draft: one accepts it, the other is told it was already accepted.
"""
import json

CONTESTED, SEPARATE, ACCEPTS, SAME_DRAFT = 8, 6, 4, 2
WRITERS = CONTESTED + SEPARATE + ACCEPTS + SAME_DRAFT
SPEAKER = "Sergey Chemezov"
ARTICLE = (
    "Deliveries to India go on, says Chemezov\n"
    "Rostec chief executive Sergey Chemezov told Interfax on Friday that the S-400 deliveries to India "
    "would continue on schedule, in what he called batch number {n}."
)


def article_title(n: int) -> str:
    return f"Deliveries to India go on, says Chemezov (batch {n})"


def statement_text(n: int) -> str:
    return f"the S-400 deliveries to India would continue on schedule, in what he called batch number {n}"


def prepare(rounds: int) -> None:
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from deals.models import Deal, Organisation, WeaponSystem
    from history.models import Change
    from ingest.services import article_ingest
    from ingest.tests.helpers import draft_post

    call_command("setup_roles", verbosity=0)
    editors = Group.objects.get(name="editors")
    sessions = []
    for i in range(WRITERS):
        user = User.objects.create_user(f"writer{i}", password="unused", is_staff=True)
        user.groups.add(editors)
        # A session made here rather than through the login form, so the workload measures
        # saves, not the login page's protections.
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    # India's deal is the one the accepted statements link to; the admin edits stay off it.
    deals = list(Deal.objects.exclude(recipient_id="IN").order_by("pk").values_list("pk", flat=True))
    interfax = Organisation.objects.get(slug="interfax")
    accepts = []
    for n in range(rounds * (ACCEPTS + 1)):
        article = article_ingest(
            text=ARTICLE.format(n=n), outlet=interfax, published_words="June 9, 2021", title=article_title(n),
        )
        # The body's statement: the headline's credit ("…, says Chemezov") is drafted too.
        draft = article.drafts.get(kind="statement", start__gt=0)
        accepts.append({
            "n": n,
            "draft": draft.pk,
            "path": reverse("admin:ingest_article_decide", args=[article.pk, draft.pk]),
            "data": {key: str(value) for key, value in draft_post(draft).items()},
        })
    print(json.dumps({
        "cookie": settings.SESSION_COOKIE_NAME,
        "sessions": sessions,
        "contested": deals[0],
        "separate": deals[1 : 1 + SEPARATE],
        "systems": [WeaponSystem.objects.get(slug=slug).pk for slug in ("s-400", "s-300")],
        "accepts": accepts,
        "changes_before": Change.objects.count(),
    }))


def outcome(deal_pks: list[int], draft_pks: list[int]) -> None:
    from django.contrib.contenttypes.models import ContentType

    from deals.models import Citation, Deal, DealSummary, Source, Statement, SystemDealCount, WeaponSystem
    from history.models import Change
    from ingest.models import Draft

    def changes(model, via, action):
        return Change.objects.filter(content_type=ContentType.objects.get_for_model(model), via=via, action=action)

    print(json.dumps({
        "deals": {str(d.pk): {"summary": d.summary, "version": d.version} for d in Deal.objects.filter(pk__in=deal_pks)},
        "admin_deal_changes": {
            str(pk): changes(Deal, "admin", "changed").filter(object_id=str(pk)).count() for pk in deal_pks
        },
        "drafts": {str(d.pk): d.status for d in Draft.objects.filter(pk__in=draft_pks)},
        "statements": {
            text: Statement.objects.filter(text=text, speaker__name=SPEAKER).count()
            for text in Statement.objects.filter(speaker__name=SPEAKER, text__contains="batch number").values_list("text", flat=True)
        },
        "sources": Source.objects.filter(title__startswith="Deliveries to India go on").count(),
        "citations": Citation.objects.filter(statement__text__contains="batch number").count(),
        "ingest_statement_changes": changes(Statement, "ingest", "created").count(),
        "ingest_source_changes": changes(Source, "ingest", "created").count(),
        "changes": Change.objects.count(),
        # What the accepted statements' citations made of India's deal's latest evidence.
        "india_evidence": [
            [str(row.latest_evidence_earliest), str(row.latest_evidence_latest)]
            for row in DealSummary.objects.filter(deal__recipient_id="IN")
        ],
        # Each system's deals as the write path counted them, and as the deals give them.
        "system_deals": {
            system.slug: [SystemDealCount.objects.filter(system=system).values_list("deals", flat=True).first() or 0,
                          system.deals.count()]
            for system in WeaponSystem.objects.all()
        },
        # Last: it rebuilds the read model, to compare it with what the writers left.
        "read_model_as_rebuilt": read_model_as_rebuilt(),
    }))


def read_model_as_rebuilt() -> bool:
    """Whether the timeline and deal summaries the write path kept equal a rebuild from the facts."""
    from deals.read_model import read_model_rebuild
    from deals.tests.test_read_model import read_model

    kept = read_model()
    read_model_rebuild()
    return read_model() == kept
