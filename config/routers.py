"""Reads from replicas, writes to the primary.

`DATABASE_REPLICA_URLS` (config/settings/base.py) names PostgreSQL streaming replicas of the
primary, `default`. `ReplicaReadsMiddleware` picks one replica for an anonymous visitor's GET
or HEAD of a public page and `PrimaryReplicaRouter` sends that request's reads there; every
write goes to the primary. Everything else reads from the primary too: the admin (sign-in and
ingestion live under /admin/), any other method (a POST, whatever it reads), a request with
a session cookie (an editor, who must see their own save although a replica may lag), and
all work outside a request (commands, the shell, tests). With no replicas configured, every
query goes to `default`, as if there were no router.

One replica serves the whole request, a download streamed after the view returned included,
so a page never mixes two replicas' moments.
"""
import contextvars
import random

from django.conf import settings

SAFE_METHODS = ("GET", "HEAD")
PRIMARY_PREFIXES = ("/admin/",)

# The alias this request reads from; None (outside a pinned request) means the primary.
_read_alias: contextvars.ContextVar[str | None] = contextvars.ContextVar("read_alias", default=None)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return _read_alias.get()  # None: Django's default choice, `default`

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"  # replicas follow the primary's schema by replication


def reads_from_primary(request) -> bool:
    return (
        request.method not in SAFE_METHODS
        or request.path.startswith(PRIMARY_PREFIXES)
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


def _streamed_from(alias, content):
    token = _read_alias.set(alias)
    try:
        yield from content
    finally:
        _read_alias.reset(token)


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replicas = settings.DATABASE_REPLICAS
        if not replicas or reads_from_primary(request):
            return self.get_response(request)
        alias = random.choice(replicas)
        token = _read_alias.set(alias)
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(token)
        if response.streaming:
            response.streaming_content = _streamed_from(alias, response.streaming_content)
        return response
