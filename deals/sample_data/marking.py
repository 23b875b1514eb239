"""Which records are generated sample data, whether a database holds editors' work, and
removing the generated records.

The mark: every generated record with a slug (source, deal, person, organisation, weapon
system) has a slug starting with ``PREFIX``, which ``slugify`` never produces from a name
(it folds repeated hyphens), and every generated source says in its notes — shown on its
page as "How this was established" — that it is invented. The other generated records
hang on those: contracts and deliveries on generated deals, aliases and specifications on
generated systems, citations on generated sources, and statements and events cite only
generated sources. No column was added: the mark is in the data, so the schema and its
migrations stay as they are.

Editors' work, which the generator refuses to mix with invented records unless told, is
(``editorial_records``): any recorded change but ``load_curated``'s (the admin, the write
services and accepted ingestion drafts write one), any article waiting in
the ingestion assistant, and any record of the knowledge base that is neither generated nor
one of those ``load_curated`` loads from the fixtures. A curated record edited outside
those paths (the database's own shell) is not detected. Likewise a generated record an
editor has changed (``edited_generated_records``) is not removed with the rest unless told.
"""
import json
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q

from countries.models import Country, CountryAlias
from deals.models import (
    Citation,
    Contract,
    Deal,
    Delivery,
    Event,
    Organisation,
    Person,
    Source,
    Specification,
    Statement,
    WeaponSystem,
    WeaponSystemAlias,
)
from history.selectors import changed_count, latest_edit_time

PREFIX = "sample--"
SOURCE_NOTE = (
    "Generated sample data (generate_sample_data, seed {seed}): an invented article, as are its outlet, "
    "the people it quotes and the facts it supports. Not a real source."
)
CURATED_FIXTURES = ["countries.json", "curated.json"]


def _generated_sources():
    return Source.objects.filter(slug__startswith=PREFIX)


def _citing_generated(model):
    return Exists(Citation.objects.filter(source__slug__startswith=PREFIX, **{model._meta.model_name: OuterRef("pk")}))


def generated(model):
    """The generated records of ``model``: a Q for its own queryset."""
    if model in (Source, Deal, Person, Organisation, WeaponSystem):
        return Q(slug__startswith=PREFIX)
    if model in (Contract, Delivery):
        return Q(deal__slug__startswith=PREFIX)
    if model in (WeaponSystemAlias, Specification):
        return Q(system__slug__startswith=PREFIX)
    if model is Citation:
        return Q(source__slug__startswith=PREFIX)
    if model in (Statement, Event):
        return Q(_citing_generated(model))
    if model in (Country, CountryAlias):
        return Q(pk__in=[])
    raise KeyError(model)


GENERATED_MODELS = [Source, Deal, Contract, Delivery, Statement, Event, Citation, Person, Organisation,
                    WeaponSystem, WeaponSystemAlias, Specification]


def generated_counts() -> dict[str, int]:
    return {model._meta.verbose_name_plural: model.objects.filter(generated(model)).count() for model in GENERATED_MODELS}


def _curated_keys() -> dict[str, set]:
    """{model label: keys} of what the curated fixtures hold: slugs where the fixtures refer
    to rows by natural key, primary keys elsewhere."""
    keys = {}
    for directory in settings.FIXTURE_DIRS or [Path(settings.BASE_DIR) / "fixtures"]:
        for name in CURATED_FIXTURES:
            path = Path(directory) / name
            if not path.exists():
                continue
            for row in json.loads(path.read_text()):
                key = row["pk"] if "pk" in row else row["fields"]["slug"]
                keys.setdefault(row["model"], set()).add(key)
    return keys


def editorial_records() -> list[str]:
    """Why the database holds editors' work, one reason a line; empty when it holds only
    the curated fixtures' records and generated ones."""
    reasons = []
    if latest_edit_time() is not None:
        reasons.append("the change history records edits (from the admin or ingestion)")
    # Every ingested article names its outlet, so this finds any article without importing ingest.
    if Organisation.objects.filter(ingested_articles__isnull=False).exists():
        reasons.append("the ingestion assistant holds articles")
    curated = _curated_keys()
    for model in [Country, CountryAlias, *GENERATED_MODELS]:
        keys = curated.get(model._meta.label_lower, set())
        has_slug = any(f.name == "slug" for f in model._meta.fields) and model is not Country
        outside = model.objects.exclude(generated(model)).exclude(
            **{"slug__in" if has_slug else "pk__in": keys})
        extra = outside.count()
        if extra:
            reasons.append(f"{extra} {model._meta.verbose_name_plural if extra > 1 else model._meta.verbose_name} "
                           "beyond the curated fixtures")
    return reasons


def edited_generated_records() -> dict[str, int]:
    """{model's name: how many} of the generated records an editor has changed since they were
    generated: those with a recorded change (the admin, the write services and accepted
    ingestion drafts write one; the generator writes none). Removing them would delete that
    work with the invented records."""
    edited = {}
    for model in GENERATED_MODELS:
        n = changed_count(model.objects.filter(generated(model)))
        if n:
            edited[model._meta.verbose_name_plural if n > 1 else model._meta.verbose_name] = n
    return edited


def remove_generated() -> dict[str, int]:
    """Delete every generated record, in one statement per table (the ORM's delete would load
    each row to send its signals; the search index is rebuilt afterwards instead). Foreign
    keys are checked at the end of the transaction, so the order only matters for finding
    the rows: statements and events by their citations before the citations go."""
    removed = {}
    for through, owner in [(Statement.deals.through, Statement), (Statement.countries.through, Statement),
                           (Event.deals.through, Event), (Event.countries.through, Event)]:
        name = owner._meta.model_name
        _delete(through, through.objects.filter(**{f"{name}__in": owner.objects.filter(generated(owner))}))
    # Links from editors' statements and events to generated deals go with the deals.
    for through in (Statement.deals.through, Event.deals.through):
        _delete(through, through.objects.filter(deal__slug__startswith=PREFIX))
    _delete(Source.agencies.through, Source.agencies.through.objects.filter(source__slug__startswith=PREFIX))
    for model in [Statement, Event, Citation, Specification, Delivery, Contract, Deal, Source, WeaponSystemAlias,
                  WeaponSystem, Person, Organisation]:
        removed[model._meta.verbose_name_plural] = _delete(model, model.objects.filter(generated(model)))
    return removed


def _delete(model, queryset) -> int:
    """DELETE the queryset's rows in one statement, without loading them."""
    select, params = queryset.values("pk").query.sql_with_params()
    table, pk = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        # MySQL would refuse a subquery on the table it deletes from; PostgreSQL and SQLite do not.
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN (SELECT * FROM ({select}) AS chosen)", params)
        return cursor.rowcount
