"""Small builders for valid rows; a test changes only what it is about.

They save straight through the ORM (no change records), then bring the read model (the
timeline, the deal summaries, the totals) up to date as the services do; a test that changes
a row itself calls `refreshed(row)` afterwards."""
import itertools

from countries.models import Country
from deals import read_model
from deals.models import Citation, Contract, Deal, Delivery, Organisation, Person, Source, Statement, WeaponSystem

_counter = itertools.count(1)

SOURCE_TEXT = (
    "Russia delivered five S-400 regiments to Freedonia in mid-June 2019, the minister said on Friday."
)


def refreshed(*records, created=False):
    """The (first) record, after bringing the read model up to date with the records
    (`created`: they are new, and count in the totals)."""
    read_model.records_refresh(list(records), created=created)
    return records[0]


def created(record):
    """A record just created, counted in the read model as the services count a new one."""
    return refreshed(record, created=True)


def build_source(**fields):
    n = next(_counter)
    values = {
        "slug": f"test-source-{n}",
        "title": f"Test article {n}",
        "text": SOURCE_TEXT,
        "date_words": "June 21, 2019",
        "date_edtf": "2019-06-21",
        "date_earliest": "2019-06-21",
        "date_latest": "2019-06-21",
        "date_basis": "stated",
    }
    return Source.objects.create(**(values | fields))


def build_deal(**fields):
    n = next(_counter)
    values = {
        "slug": f"test-deal-{n}",
        "supplier": Country.objects.get(code="RU"),
        "recipient": Country.objects.get(code="TR"),
        "system": WeaponSystem.objects.get(slug="s-400"),
        "subject": "S-400 systems",
        "status": "signed",
        "summary": "A deal made up for a test.",
    }
    return created(Deal.objects.create(**(values | fields)))


def build_contract(**fields):
    values = {
        "deal": fields.pop("deal", None) or build_deal(),
        "description": "Contract for five regiments",
        "quantity": 5,
        "quantity_unit": "regiments",
        "value_amount": 1000,
        "value_currency": "USD",
    }
    return created(Contract.objects.create(**(values | fields)))


def build_delivery(**fields):
    contract = fields.pop("contract", None) or build_contract()
    values = {
        "deal": contract.deal,
        "contract": contract,
        "kind": "actual",
        "description": "First regiment",
        "quantity": 1,
        "quantity_unit": "regiments",
    }
    return created(Delivery.objects.create(**(values | fields)))


def build_statement(**fields):
    values = {
        "speaker": Person.objects.create(slug=f"test-person-{next(_counter)}", name="A. Minister"),
        "text": "Deliveries are on schedule.",
        "mode": "reported",
    }
    return created(Statement.objects.create(**(values | fields)))


def build_citation(**fields):
    values = {"source": fields.pop("source", None) or build_source(), "excerpt": "five S-400 regiments"}
    if not any(key in fields for key in ("deal", "contract", "delivery", "statement", "event")):
        values["deal"] = build_deal()
    return created(Citation.objects.create(**(values | fields)))


def build_organisation(**fields):
    n = next(_counter)
    return Organisation.objects.create(**({"slug": f"test-org-{n}", "name": f"Org {n}", "kind": "news_agency"} | fields))
