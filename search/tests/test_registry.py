"""The registry of searchable kinds: each app's search.py is found and read, every kind it
declares is indexed and found, and a malformed declaration is refused with a message."""
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from deals.models import Deal, WeaponSystem
from deals.tests.builders import build_statement
from search import registry, services
from search.models import Kind, SearchDocument

pytestmark = pytest.mark.django_db

REGISTERED = registry.indexed()


def test_every_kind_is_declared_by_the_app_that_owns_its_records():
    assert [(indexed.kind, indexed.model._meta.label) for indexed in REGISTERED] == [
        ("deal", "deals.Deal"),
        ("statement", "deals.Statement"),
        ("person", "deals.Person"),
        ("system", "deals.WeaponSystem"),
        ("country", "countries.Country"),
        ("source", "deals.Source"),
    ]
    assert {indexed.model.__module__.split(".")[0] for indexed in REGISTERED} == {"deals", "countries"}
    assert [indexed.label for indexed in REGISTERED] == [label for _, label in Kind.choices]
    assert [indexed.verbose_name for indexed in REGISTERED] == [
        "Deal", "Statement", "Person", "Weapon system", "Country", "Source",
    ]


@pytest.mark.parametrize("indexed", REGISTERED, ids=[indexed.kind for indexed in REGISTERED])
def test_each_kind_indexes_a_record_that_its_title_then_finds(client, indexed):
    record = indexed.queryset().order_by("pk").first()
    # Alone of its kind in the index, so the only hit of the kind must be this record.
    SearchDocument.objects.filter(kind=indexed.kind).delete()

    services.index_record(record)

    document = SearchDocument.objects.get(kind=indexed.kind)
    assert (document.object_key, document.url) == (str(record.pk), record.get_absolute_url())
    assert document.title == indexed.document(record)["title"]
    response = client.get("/api/search/", {"q": document.title, "kind": indexed.kind})
    assert response.status_code == 200, response.content
    assert [hit["url"] for hit in response.json()["results"]] == [f"http://testserver{record.get_absolute_url()}"]


def test_a_rebuild_indexes_every_record_of_every_kind():
    SearchDocument.objects.all().delete()

    total = services.rebuild_search_index()

    counts = {indexed.kind: indexed.model.objects.count() for indexed in REGISTERED}
    assert {kind: SearchDocument.objects.filter(kind=kind).count() for kind in counts} == counts
    assert total == sum(counts.values())


def _index_rows():
    return {
        (document.kind, document.object_key): (
            document.title, document.names, document.keywords, document.body, document.url, document.search_vector,
        )
        for document in SearchDocument.objects.all()
    }


def test_a_rebuilt_index_holds_the_rows_saving_each_record_writes():
    """The rebuild writes documents in batches (on PostgreSQL, its vectors computed in SQL in
    one statement); every record's row, vector included, is the one the write path gives it
    when the record is saved on its own. Text that COPY escapes and accents included."""
    build_statement(text="Tabs\tand back\\slashes,\r\nnew lines and Çavuşoğlu in Kraków.", setting="a\\b")
    services.rebuild_search_index(batch_size=7)
    rebuilt = _index_rows()

    SearchDocument.objects.all().delete()
    for indexed in REGISTERED:
        for record in indexed.queryset():
            services.index_record(record)
    written = _index_rows()

    assert len(rebuilt) == sum(indexed.model.objects.count() for indexed in REGISTERED)
    assert rebuilt == written
    if connection.vendor == "postgresql":
        assert all(row[-1] for row in rebuilt.values())
        assert "'krakow':" in next(row[-1] for row in rebuilt.values() if "Kraków" in row[3])


def test_a_new_system_alias_rewrites_its_systems_document(client):
    system = WeaponSystem.objects.get(slug="s-400")
    system.aliases.create(name="Zqxtriumf")

    results = client.get("/api/search/", {"q": "Zqxtriumf"}).json()["results"]

    assert [hit["url"] for hit in results] == ["http://testserver/systems/s-400/"]
    assert registry.refreshed_by()[type(system.aliases.get(name="Zqxtriumf"))] == "system"


@pytest.fixture
def scratch_registry(monkeypatch):
    """The registry as the apps left it, to register into without touching the real one."""
    monkeypatch.setattr(registry, "_registry", dict(registry._registry))


class Declaration:
    kind = "deal"
    model = Deal
    verbose_name = "Deal"

    @staticmethod
    def queryset():
        return Deal.objects.all()

    @staticmethod
    def document(deal):
        return {"title": deal.subject, "names": [], "keywords": "", "body": ""}


def test_a_kind_the_index_does_not_know_is_refused(scratch_registry):
    class TankIndex(Declaration):
        kind = "tank"

    with pytest.raises(ImproperlyConfigured, match="declares the kind 'tank', which search.models.Kind does not name"):
        registry.register(TankIndex, origin="armour.search")


def test_a_kind_declared_twice_is_refused(scratch_registry):
    with pytest.raises(ImproperlyConfigured, match="Declaration repeats the kind 'deal' \\(Deal\\)"):
        registry.register(Declaration)


def test_a_declaration_without_its_document_is_refused(scratch_registry):
    class Incomplete:
        kind = "deal"
        model = Deal

    with pytest.raises(ImproperlyConfigured, match="lacks verbose_name, queryset, document"):
        registry.register(Incomplete, origin="deals.search")


def test_discovering_again_keeps_one_registration_per_kind():
    registry.autodiscover()

    assert [indexed.kind for indexed in registry.indexed()] == Kind.values
