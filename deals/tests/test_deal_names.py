"""A deal has one name (`Deal.label`) wherever it is named, the admin included, and the
admin's deal pickers find it by that name, best matches first."""
import csv
import html
import io
import re

import pytest
from django.urls import reverse

from deals.models import Deal

pytestmark = pytest.mark.django_db

TURKISH_S400 = ("ru-tr-s-400", "ru-tr-s-400-second-batch")


def link_texts(page: str, href: str) -> set[str]:
    """What every link to `href` on the page reads, tags dropped and spaces folded."""
    found = re.findall(rf'<a [^>]*href="{re.escape(href)}"[^>]*>(.*?)</a>', page, flags=re.S)
    return {" ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split()) for text in found}


@pytest.mark.parametrize("address", ["/", "/deals/", "/deals/?recipient=TR", "/countries/TR/", "/systems/s-400/"])
def test_the_two_turkish_s400_deals_are_linked_by_their_one_name(client, address):
    page = client.get(address).content.decode()

    names = {}
    for slug in TURKISH_S400:
        deal = Deal.objects.get(slug=slug)
        names[slug] = link_texts(page, deal.get_absolute_url())
        assert names[slug] == {deal.label}, f"{address} names {slug} {names[slug]}"
    assert names[TURKISH_S400[0]] != names[TURKISH_S400[1]]


def test_the_deal_page_is_headed_by_the_name_the_lists_link_it_by(client):
    first, second = (Deal.objects.get(slug=slug) for slug in TURKISH_S400)

    assert first.label == "RU → TR: four divisions of S-400 air defense systems"
    assert second.label == "RU → TR: an additional batch of S-400"
    for deal in (first, second):
        assert f"<h1>{deal.label}</h1>" in client.get(deal.get_absolute_url()).content.decode()


def test_the_deal_list_cell_is_the_deal_name_and_nothing_more(client):
    """No system added in brackets after a subject that does not name it: the list says what
    the deal page, the admin and the API say."""
    page = client.get("/deals/?recipient=TR").content.decode()

    for slug in ("ru-tr-s-400", "ru-tr-su-35"):
        deal = Deal.objects.get(slug=slug)
        cell = re.search(rf'<td data-label="System or subject"><a href="/deals/{slug}/">(.*?)</a>(.*?)</td>', page, flags=re.S)
        assert html.unescape(cell.group(1)) == deal.label
        assert cell.group(2).strip() == ""
    assert "(S-400 Triumf)" not in page


@pytest.mark.parametrize("slug", TURKISH_S400)
def test_a_deal_is_named_alike_on_the_list_its_page_and_the_admin_picker(client, admin_client, slug):
    deal = Deal.objects.get(slug=slug)
    listed = link_texts(client.get("/deals/?recipient=TR").content.decode(), deal.get_absolute_url())
    page = client.get(deal.get_absolute_url()).content.decode()
    headed = html.unescape(re.search(r"<h1>(.*?)</h1>", page, flags=re.S).group(1))
    titled = html.unescape(re.search(r"<title>(.*?)</title>", page, flags=re.S).group(1))

    assert listed == {headed} == {deal.label}
    assert titled.startswith(deal.label)
    assert deal.label in picked(admin_client, deal.label)


def test_the_admin_deal_list_names_each_deal_as_the_site_does(admin_client):
    page = admin_client.get(reverse("admin:deals_deal_changelist")).content.decode()

    for slug in TURKISH_S400:
        deal = Deal.objects.get(slug=slug)
        assert link_texts(page, reverse("admin:deals_deal_change", args=[deal.pk])) == {deal.label}


def picked(admin_client, term) -> list[str]:
    """What the statement form's deal picker offers for `term`, in its order."""
    response = admin_client.get(
        "/admin/autocomplete/", {"app_label": "deals", "model_name": "statement", "field_name": "deals", "term": term}
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def deal_names(**parties) -> set[str]:
    return {deal.label for deal in Deal.objects.filter(**parties)}


@pytest.mark.parametrize("term", ["RU → TR", "RU->TR", "ru -> tr", "RU TR", "Russia Turkey", "RU to TR"])
def test_the_deal_picker_finds_a_pair_by_the_way_its_name_begins(admin_client, term):
    found = picked(admin_client, term)
    russia_turkey = deal_names(supplier="RU", recipient="TR")

    assert len(russia_turkey) == 4
    assert set(found[: len(russia_turkey)]) == russia_turkey  # the pair's deals, first


def test_the_deal_picker_takes_a_deals_whole_name(admin_client):
    second = Deal.objects.get(slug="ru-tr-s-400-second-batch")

    assert picked(admin_client, second.label) == [second.label]


def test_the_deal_picker_ranks_the_recipient_coded_so_first(admin_client):
    found = picked(admin_client, "TR")
    turkey = deal_names(recipient="TR")

    assert len(turkey) == 7
    assert set(found[: len(turkey)]) == turkey
    assert len(found) > len(turkey)  # deals holding "tr" elsewhere (a slug, a summary) come after them


def test_the_deal_picker_ranks_a_subject_beginning_so_before_one_holding_it(admin_client):
    found = picked(admin_client, "Patriot")

    assert found[0] == "US → TR: Patriot surface-to-air missile systems"


def test_the_admin_finds_every_deal_of_a_country_by_its_alias(admin_client):
    response = admin_client.get(reverse("admin:deals_deal_changelist"), {"q": "Ankara"})

    shown = {deal.label for deal in response.context["cl"].result_list}
    assert shown == deal_names(recipient="TR")
    assert set(picked(admin_client, "Ankara")) == deal_names(recipient="TR")


@pytest.mark.parametrize("slug", TURKISH_S400)
def test_the_api_and_the_csv_give_a_deal_the_name_its_page_is_headed_by(client, slug):
    deal = Deal.objects.get(slug=slug)
    headed = html.unescape(re.search(r"<h1>(.*?)</h1>", client.get(deal.get_absolute_url()).content.decode()).group(1))

    record = client.get(f"/api/deals/{slug}/").json()
    listed = {row["slug"]: row["label"] for row in client.get("/api/deals/", {"recipient": "TR"}).json()["results"]}
    text = b"".join(client.get("/export/deals.csv", {"recipient": "TR"}).streaming_content).decode("utf-8-sig")
    rows = {row["slug"]: row["label"] for row in csv.DictReader(io.StringIO(text))}

    assert record["label"] == listed[slug] == rows[slug] == headed == "RU → TR: " + deal.subject
    assert len(set(listed.values())) == len(listed)  # no two of Turkey's deals share a name


def test_the_api_schema_documents_the_deal_name(client):
    schema = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    for component in ("Deal", "DealList"):
        label = schema["components"]["schemas"][component]["properties"]["label"]
        assert label["type"] == "string" and label["readOnly"] is True
        assert "one name" in label["description"]


@pytest.mark.parametrize("term", ["turkey s-400", "Turkey S-400", "s-400 turkey", "Ankara S-400", "tr s-400", "turk s-4"])
def test_the_deal_picker_ranks_the_deals_a_country_and_system_name_first(admin_client, term):
    found = picked(admin_client, term)
    turkish_s400 = {Deal.objects.get(slug=slug).label for slug in TURKISH_S400}

    assert set(found[:2]) == turkish_s400
    assert len(found) > 2  # Turkey's deals that mention the S-400 elsewhere, and S-400 deals "tr" begins the alias of, after them


def test_the_deal_picker_ranks_a_word_that_is_a_name_before_one_that_begins_one(admin_client):
    found = picked(admin_client, "tr s-400")

    # "tr" is Turkey's code, and only begins "Triumph", the S-400's alias that Belarus's deal is found by.
    assert found.index("RU → BY: S-400 missile systems") == 2
