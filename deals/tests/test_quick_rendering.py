"""What the list pages write in Python rather than by templates (record addresses, filter
fields, timeline and deal rows, the timeline's lanes) is what Django's `reverse` and
templates write, to the byte."""
import re
from types import SimpleNamespace

import pytest
from django import forms
from django.http import QueryDict
from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from countries.models import Country
from deals.lists import sorted_columns
from deals.models import Deal, Event, Source, Statement, TimelineItem
from deals.templatetags.browsing import date_label, deal_row, timeline_row, timeline_rows
from deals.timeline import attach_facts, attach_milestones, page_links
from lists.addresses import address
from lists.filters import QuickBoundField
from lists.registry import LISTS

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "recipient=TR&recipient=in&status=delivered&disputed=true&year_from=2019&year_to=2021&q=S-400&sort=-value",
    "kind=statement&kind=event&year_from=2019&country=TR&deal=ru-tr-s-400",
    "speaker=nobody-at-all&stance=asserts&mode=quote",
    "year_from=abc&year_to=1800&status=bogus&disputed=perhaps&sort=nonsense",
]


@pytest.mark.parametrize("name", sorted(LISTS))
@pytest.mark.parametrize("query", QUERIES)
def test_each_filter_field_is_written_as_djangos_templates_write_it(name, query):
    listing = LISTS[name]
    form = listing.filterset_class(QueryDict(query), queryset=listing.rows()).form
    form.is_valid()
    assert form.fields
    for field_name, field in form.fields.items():
        quick = form[field_name]
        assert isinstance(quick, QuickBoundField)
        by_templates = forms.BoundField(form, field, field_name).as_field_group()
        assert quick.as_field_group() == by_templates, (name, query, field_name)


def test_a_field_group_has_its_label_help_text_and_widget():
    form = LISTS["deals"].filterset_class(QueryDict("year_from=2019")).form
    form.is_valid()

    html = form["year_from"].as_field_group()

    assert html == (
        '<label for="id_year_from">From year:</label>\n\n\n\n'
        '<input type="number" name="year_from" value="2019" min="1900" max="2100" step="1" id="id_year_from">'
    )
    assert '<div class="helptext" id="id_recipient_helptext">' in form["recipient"].as_field_group()


def test_record_addresses_are_those_reverse_gives():
    deal = Deal.objects.first()
    statement = Statement.objects.first()
    event = Event.objects.first()
    source = Source.objects.first()
    country = Country.objects.get(code="TR")

    assert deal.get_absolute_url() == reverse("deals:deal_detail", args=[deal.slug])
    assert statement.get_absolute_url() == f"/statements/{statement.pk}/"
    assert event.get_absolute_url() == reverse("deals:event_detail", args=[event.pk])
    assert source.get_absolute_url() == reverse("deals:source_detail", args=[source.slug])
    assert country.get_absolute_url() == "/countries/TR/"


def test_an_address_follows_the_script_prefix():
    try:
        set_script_prefix("/kb/")
        assert address("deals:deal_detail", "ru-tr-s-400") == "/kb/deals/ru-tr-s-400/"
    finally:
        set_script_prefix("/")
    assert address("deals:deal_detail", "ru-tr-s-400") == "/deals/ru-tr-s-400/"


def test_a_key_that_needs_quoting_goes_through_reverse():
    assert address("countries:country_detail", "Ü x") == reverse("countries:country_detail", args=["Ü x"])
    assert address("countries:country_detail", "Ü x") == "/countries/%C3%9C%20x/"


# The rows as the templates wrote them before the tags did (whitespace included).
TIMELINE_ROW_TEMPLATE = """{% load browsing %}<tr id="{{ item.id }}" class="timeline-item kind-{{ item.kind }}">
          <td data-label="Date">{% approximate_date item.approximate_date %}
{% if item.spans_years %}
            <span class="spans-years">spans {{ item.date_earliest.year }}–{{ item.date_latest.year }}</span>{% endif %}</td>
          <td data-label="Kind"><span class="kind kind-{{ item.kind }}">{{ item.kind_label }}</span></td>
          <td data-label="What">{% with fact=item.fact %}{% if not fact %}{{ item.title }}{% elif item.kind == "statement" %}{{ fact.attribution }}: <a href="{{ fact.get_absolute_url }}">{% with statement=fact %}{% if statement.mode == "quote" %}<span class="words words-quote">“{{ statement.text }}”</span>{% else %}<span class="words words-reported"><span class="reported-label">Reported:</span> {{ statement.text }}</span>{% endif %}{% endwith %}</a>{% else %}<a href="{{ fact.get_absolute_url }}">{{ item.title }}</a>{% endif %}{% endwith %}</td>
          <td data-label="Concerns">
            {% if item.deals %}<ul class="inline-list">{% for deal in item.deals %}<li><a href="{{ deal.get_absolute_url }}">{{ deal|deal_label }}</a></li>{% endfor %}</ul>{% endif %}
            {% if item.countries %}<ul class="inline-list countries">{% for country in item.countries %}<li><a href="{{ country.get_absolute_url }}">{{ country.name }}</a></li>{% endfor %}</ul>{% endif %}
          </td>
        </tr>"""
DEAL_ROW_TEMPLATE = """{% load browsing %}{% with contract=deal.first_contract %}
      <tr>
        <td data-label="{{ columns.0.label }}"><a href="{{ deal.supplier.get_absolute_url }}">{{ deal.supplier.name }}</a></td>
        <td data-label="{{ columns.1.label }}"><a href="{{ deal.recipient.get_absolute_url }}">{{ deal.recipient.name }}</a></td>
        <td data-label="{{ columns.2.label }}"><a href="{{ deal.get_absolute_url }}">{{ deal.label }}</a></td>
        <td data-label="{{ columns.3.label }}"><span class="status status-{{ deal.status }}">{{ deal.get_status_display }}</span>{% if deal.latest_evidence_earliest %} <span class="as-of" title="When the latest source on this deal was published">as of {{ deal.as_of_label }}</span>{% endif %}{% if deal.disputed %} <span class="disputed">disputed</span>{% endif %}</td>
        <td data-label="{{ columns.4.label }}">{% if contract %}{% approximate_date contract.approximate_date "undated" %}{% else %}—{% endif %}</td>
        <td class="number" data-label="{{ columns.5.label }}">{% if not contract %}—{% elif contract.quantity_words %}{{ contract.quantity_words }}{% if contract.quantity is not None %} <span class="as-number">({{ contract.quantity }} {{ contract.quantity_unit }})</span>{% endif %}{% elif contract.quantity is not None %}{{ contract.quantity }} {{ contract.quantity_unit }}{% else %}—{% endif %}</td>
        <td class="number" data-label="{{ columns.6.label }}">{% with count=deal.actual_deliveries %}{% if not count %}—{% elif deal.delivered_quantity is not None %}{% if deal.deliveries_without_quantity %}at least {% endif %}{{ deal.delivered_quantity }} {{ deal.delivered_quantity_unit }} <span class="as-number">({{ count }} deliver{{ count|pluralize:"y,ies" }})</span>{% elif deal.deliveries_without_quantity == count %}{{ count }} deliver{{ count|pluralize:"y,ies" }} <span class="as-number">(number not stated)</span>{% else %}{{ count }} deliver{{ count|pluralize:"y,ies" }} <span class="as-number">(in different units)</span>{% endif %}{% endwith %}</td>
        <td data-label="{{ columns.7.label }}">{% if deal.first_delivery_year is None %}{% if deal.actual_deliveries %}undated{% else %}—{% endif %}{% elif deal.first_delivery_year == deal.last_delivery_year %}{{ deal.first_delivery_year }}{% else %}{{ deal.first_delivery_year }}–{{ deal.last_delivery_year }}{% endif %}</td>
        <td class="number" data-label="{{ columns.8.label }}">{% if not contract %}—{% elif contract.value_amount is not None %}<span class="amount">{{ contract.value_currency }} {{ contract.value_amount|floatformat:"-2g" }}</span>{% if contract.value_words %} <span class="as-written">“{{ contract.value_words }}”</span>{% endif %}{% elif contract.value_words %}<span class="as-written">“{{ contract.value_words }}”</span>{% else %}—{% endif %}</td>
      </tr>
      {% endwith %}"""


def test_timeline_rows_are_written_as_the_template_wrote_them():
    items = list(TimelineItem.objects.all())
    attach_facts(items, links=page_links(items))
    assert {item.kind for item in items} == {"contract", "delivery", "statement", "event"}
    for item in items[:5]:  # what needs escaping is escaped alike
        item.title = item.kind_label = 'A <b>"quoted"</b> & odd title'
        if item.fact is not None and item.kind == "statement":
            item.fact.text = "<script>alert('x')</script> & more"
    template = Template(TIMELINE_ROW_TEMPLATE)
    for item in items:
        assert timeline_row(item) == template.render(Context({"item": item})), item.id

    # A year's rows, as deals/timeline.html's loop laid them out.
    loop = Template("{% load browsing %}{% for item in items %}\n        {% timeline_row item %}\n        {% endfor %}")
    for rows in (items, items[:1], []):
        assert timeline_rows(rows) == loop.render(Context({"items": rows}))


def test_deal_rows_are_written_as_the_template_wrote_them():
    deals = attach_milestones(list(Deal.objects.for_table()))
    columns = sorted_columns(None)
    assert any(deal.first_contract is None for deal in deals) and any(deal.first_contract for deal in deals)
    # Each way a number delivered reads: a sum, "at least" a sum, none stated, units that differ.
    deliveries = [(3, "<b>units</b>", 3, 0), (2, "divisions", 1, 1), (None, "", 2, 2), (None, "", 3, 1), (7, "x", 1, 0)]
    for deal, (quantity, unit, count, without) in zip(deals, deliveries, strict=False):
        deal.delivered_quantity, deal.delivered_quantity_unit = quantity, unit
        deal.actual_deliveries, deal.deliveries_without_quantity = count, without
    for deal in deals:  # what needs escaping is escaped alike
        deal.subject = "<i>S-400</i> & 'more'"
        if deal.first_contract is not None:
            deal.first_contract.quantity_words = 'four "divisions" <b>&</b>'
            deal.first_contract.value_words = "<span>$2.5 billion</span> & up"
        deal.as_of_label = date_label(
            SimpleNamespace(earliest=deal.latest_evidence_earliest, latest=deal.latest_evidence_latest, edtf="")
        )
    template = Template(DEAL_ROW_TEMPLATE)
    for deal in deals:
        assert deal_row(deal, columns) == template.render(Context({"deal": deal, "columns": columns})), deal.slug


def test_counted_countries_are_offered_as_checkboxes_with_their_counts():
    """Each country a checkbox named as the parameter, its id made of its code (so it stays
    the same as the choices around it come and go), ticked when chosen, its name escaped."""
    form = LISTS["deals"].filterset_class(QueryDict("recipient=TR&recipient=in")).form
    form.is_valid()
    field, value = form.fields["recipient"], form["recipient"].value()
    field.widget.counts = {"TR": 3, "IN": 0, "BY": 2}
    field.widget.choices = [*field.widget.choices, ("ZZ", "<b>Nowhere</b> & co")]

    quick = field.widget.render("recipient", value, attrs={"id": "id_recipient"})

    assert quick.startswith('<div class="facet" id="id_recipient" data-facet data-narrow><ul class="facet-choices">')
    assert re.search(
        r'<li data-aliases="[^"]*\bAnkara\b[^"]*"><label for="id_recipient_TR"><input type="checkbox" name="recipient" '
        r'value="TR" id="id_recipient_TR" checked> Turkey <span class="count">\(3\)</span></label></li>', quick
    )
    # India counts none under the other filters but is chosen: still listed, ticked.
    assert 'value="IN" id="id_recipient_IN" checked> India <span class="count">(0)</span>' in quick
    assert 'value="BY" id="id_recipient_BY"> Belarus <span class="count">(2)</span>' in quick
    # Iran, with no deal under the other filters and not chosen, is not offered.
    assert 'value="IR"' not in quick and "Nowhere" not in quick
    field.widget.counts = {"ZZ": 1}
    nowhere = field.widget.render("recipient", value, attrs={"id": "id_recipient"})
    assert "&lt;b&gt;Nowhere&lt;/b&gt; &amp; co" in nowhere
    assert '<li><label for="id_recipient_ZZ">' in nowhere  # no other names: no attribute