"""Which records the site search indexes, declared by the apps that own them.

Each app that has something to find says so in its own `search.py`: a list `indexes` of
plain classes, one per kind of record. They import nothing from this app, so the apps that
hold the knowledge base do not depend on search (as NetBox's `<app>/search.py`, the other
way round: here search reads the declarations, the declaring app never calls in).
`autodiscover()`, run once from `SearchConfig.ready`, imports every installed app's
`search` module and registers what it lists.

A declaration has:

- `kind`: one of `search.models.Kind`'s values (the index's database constraint names the
  kinds, so a new kind is added there, with a migration, before an app can declare it);
- `model`: the model whose records are indexed; a hit links its `get_absolute_url()`;
- `verbose_name`: what one hit of the kind is called on the results page ("Weapon system");
- `queryset()`: every record, with what `document` reads, for a rebuild of the index;
- `document(record)`: the record's text as `{"title": str, "names": [str], "keywords": str,
  "body": str}`. Where a word occurs decides its weight (`WEIGHTS`): the title and the names
  (aliases, codes) weigh most, then the keywords, then the body;
- optionally `refresh_on`: `{related model: attribute}` for records that are part of another
  record's document (an alias of a country): saving or deleting one rewrites the document
  of the record its attribute names;
- optionally `also_known_as(keys)`: for records whose keywords copy other records' names (a
  deal's: its parties' and system's aliases), `{key: [(role, name, [other names])]}` for the
  records of those primary keys (as strings), read in a few queries, so a hit found by one
  of those names says whose name it is ("Recipient: Turkey, also known as Ankara") rather
  than showing its keywords as they are stored, a row of names.
"""
from dataclasses import dataclass, field
from importlib import import_module
from types import MappingProxyType

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

from .models import Kind

# The weight of each part of a document: PostgreSQL's tsvector weights (A counts most),
# which the SQLite ranking follows with its bands (see services._word_rank).
WEIGHTS = MappingProxyType({"title": "A", "names": "A", "keywords": "B", "body": "C"})
DOCUMENT_PARTS = tuple(WEIGHTS)
REQUIRED = ("kind", "model", "verbose_name", "queryset", "document")


@dataclass(frozen=True)
class Indexed:
    """One registered kind of record."""

    kind: str
    model: type
    verbose_name: str
    queryset: callable
    document: callable
    refresh_on: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    also_known_as: callable = None

    @property
    def label(self) -> str:
        """The kind's name for a facet and the kind filter ("Weapon systems")."""
        return Kind(self.kind).label


_registry: dict[str, Indexed] = {}


def register(declaration, *, origin: str = "") -> Indexed:
    """Register one declaration (see the module's docstring); a clear error for a malformed
    one, or one whose kind or model is registered already."""
    where = f"{origin}.{declaration.__name__}" if origin else getattr(declaration, "__name__", repr(declaration))
    missing = [name for name in REQUIRED if not hasattr(declaration, name)]
    if missing:
        raise ImproperlyConfigured(f"The search declaration {where} lacks {', '.join(missing)}.")
    if declaration.kind not in Kind.values:
        raise ImproperlyConfigured(
            f"The search declaration {where} declares the kind {declaration.kind!r}, which search.models.Kind "
            f"does not name (it names {', '.join(Kind.values)}); add it there, with a migration, first."
        )
    for registered in _registry.values():
        if declaration.kind == registered.kind or declaration.model is registered.model:
            raise ImproperlyConfigured(
                f"The search declaration {where} repeats the kind {registered.kind!r} "
                f"({registered.model.__name__}), which is registered already."
            )
    indexed = Indexed(
        kind=declaration.kind,
        model=declaration.model,
        verbose_name=declaration.verbose_name,
        queryset=declaration.queryset,
        document=declaration.document,
        refresh_on=MappingProxyType(dict(getattr(declaration, "refresh_on", {}))),
        also_known_as=getattr(declaration, "also_known_as", None),
    )
    _registry[indexed.kind] = indexed
    return indexed


def autodiscover() -> None:
    """Register the `indexes` of every installed app's `search` module. Safe to call again:
    an app's declarations are read once."""
    if _registry:
        return
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, "search"):
            continue
        module = import_module(f"{app_config.name}.search")
        for declaration in getattr(module, "indexes", ()):
            register(declaration, origin=module.__name__)


def indexed() -> list[Indexed]:
    """Every registered kind, in the order of `Kind` (the order of the facets)."""
    return [_registry[kind] for kind in Kind.values if kind in _registry]


def for_model(model) -> Indexed:
    """The registered kind of `model`'s records; KeyError for a model that is not indexed."""
    for registered in _registry.values():
        if registered.model is model:
            return registered
    raise KeyError(f"{model.__name__} is not indexed by the site search.")


def for_kind(kind: str) -> Indexed:
    """The registered kind named `kind`; KeyError for one that is not registered."""
    return _registry[kind]


def refreshed_by() -> dict[type, str]:
    """{related model: attribute naming the indexed record} over every kind."""
    return {model: attribute for registered in _registry.values() for model, attribute in registered.refresh_on.items()}
