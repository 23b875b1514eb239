"""Per fact, how many sources cite it and how many independent outlets those are: reprints of
one agency's wire count once, whoever republished them."""
import pytest

from deals.tests.builders import (
    build_citation,
    build_contract,
    build_delivery,
    build_organisation,
    build_source,
)

pytestmark = pytest.mark.django_db


def source(outlet=None, relays=()):
    built = build_source(outlet=outlet)
    built.agencies.set(relays)
    return built


def record_of(client, deal):
    return client.get(f"/api/deals/{deal.slug}/").json()


def test_two_reprints_of_one_agency_and_an_outlet_of_its_own_are_three_sources_two_outlets(client):
    tass, interfax = build_organisation(name="Wire A"), build_organisation(name="Wire B")
    site_a, site_b = build_organisation(kind="news_outlet"), build_organisation(kind="news_outlet")
    contract = build_contract()
    for cited in (source(site_a, [tass]), source(site_b, [tass]), source(interfax)):
        build_citation(source=cited, contract=contract)
    [written] = record_of(client, contract.deal)["contracts"]
    assert written["support"] == {"sources": 3, "independent_outlets": 2}


def test_two_excerpts_of_one_article_are_one_source(client):
    delivery = build_delivery()
    article = source()
    build_citation(source=article, delivery=delivery)
    build_citation(source=article, delivery=delivery, excerpt="S-400")
    [written] = record_of(client, delivery.deal)["deliveries"]
    assert written["support"] == {"sources": 1, "independent_outlets": 1}


def test_articles_naming_no_outlet_each_count_as_their_own_and_one_outlet_counts_once(client):
    outlet = build_organisation(kind="news_outlet")
    contract = build_contract()
    for cited in (source(), source(), source(outlet), source(outlet)):
        build_citation(source=cited, contract=contract)
    [written] = record_of(client, contract.deal)["contracts"]
    assert written["support"] == {"sources": 4, "independent_outlets": 3}


def test_a_source_relaying_two_agencies_joins_both_into_one_voice(client):
    wire_a, wire_b = build_organisation(), build_organisation()
    contract = build_contract()
    for cited in (source(relays=[wire_a, wire_b]), source(relays=[wire_a]), source(relays=[wire_b])):
        build_citation(source=cited, contract=contract)
    [written] = record_of(client, contract.deal)["contracts"]
    assert written["support"] == {"sources": 3, "independent_outlets": 1}


def test_the_curated_turkish_contract_rests_on_two_sources_of_two_outlets(client):
    from deals.models import Deal

    record = record_of(client, Deal.objects.get(slug="ru-tr-s-400"))
    assert [c["support"] for c in record["contracts"]] == [{"sources": 2, "independent_outlets": 2}]


def test_the_deal_page_says_what_each_contract_and_delivery_rests_on(client):
    wire, outlet = build_organisation(), build_organisation(kind="news_outlet")
    delivery = build_delivery()
    for cited in (source(outlet, [wire]), source(relays=[wire]), source(outlet)):
        build_citation(source=cited, contract=delivery.contract)
    build_citation(source=source(), delivery=delivery)
    page = client.get(delivery.deal.get_absolute_url()).content.decode()
    contract_part = page.split(f'id="contract-{delivery.contract.pk}"')[1].split("</article>")[0]
    delivery_part = page.split(f'id="delivery-{delivery.pk}"')[1].split("</li>")[0]
    # the first two relay one wire (whoever republished it); the third is its outlet's own
    assert '<p class="support">Supported by 3 sources, 2 independent outlets.</p>' in contract_part
    assert '<p class="support">Supported by 1 source, 1 independent outlet.</p>' in delivery_part


def test_a_statement_in_the_api_list_and_record_says_what_it_rests_on(client):
    from deals.tests.builders import build_statement

    wire = build_organisation()
    statement = build_statement(text="Support counted for this statement.")
    for cited in (source(relays=[wire]), source(relays=[wire])):
        build_citation(source=cited, statement=statement, excerpt="S-400")
    record = client.get(f"/api/statements/{statement.pk}/").json()
    assert record["support"] == {"sources": 2, "independent_outlets": 1}
    listed = client.get("/api/statements/", {"q": "Support counted"}).json()["results"]
    assert [row["support"] for row in listed] == [{"sources": 2, "independent_outlets": 1}]
