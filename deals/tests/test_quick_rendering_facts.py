"""What the detail pages and the other lists write in Python rather than by templates (a deal's
statements and events with their excerpts, the statements' table rows, the countries' deal
counts, the systems' rows, the home page's years and latest items) is what the templates
wrote before, to the byte. The templates are kept here as they were, includes and all, and
rendered by an engine of their own beside the writers that replaced them."""
import copy
from decimal import Decimal

import pytest
from django.template import Context, Engine
from django.template.loader import get_template
from django.test import override_settings
from django.utils import translation

from countries.models import Country
from deals.approximate_dates import ApproximateDate, DateBasis
from deals.models import CountryDealCount, Event, Organisation, Person, Source, Statement
from deals.models.querysets import DealCounts, StatusCount, citations_prefetch
from deals.templatetags.browsing import (
    approximate_date,
    country_deal_counts,
    system_row,
    system_rows,
    table_columns,
    timeline_years,
)
from deals.templatetags.facts import (
    citations,
    deal_event,
    deal_statement,
    source_links,
    stance_label,
    statement_row,
)
from deals.timeline import latest_timeline_items
from lists.registry import LISTS

pytestmark = pytest.mark.django_db

# The includes as they were (their comments left out, which wrote nothing).
BEFORE = {
    "includes/approximate_date.html": "{% load browsing %}{% approximate_date date empty %}\n",
    "includes/timeline_item_title.html": "{% load browsing %}{% timeline_item_title item %}",
    "includes/citations.html": """<ul class="citations">
  {% for citation in citations %}
  <li><blockquote cite="{{ citation.source.get_absolute_url }}">{{ citation.excerpt }}</blockquote>
    <a href="{{ citation.get_absolute_url }}">{{ citation.source }}</a>{% if citation.source.date_words or citation.source.date_edtf %}, {% include "includes/approximate_date.html" with date=citation.source.approximate_date %}{% endif %}</li>
  {% endfor %}
</ul>
""",
    "includes/statement_speaker.html": """{% if statement.speaker %}<a href="{{ statement.speaker.get_absolute_url }}">{{ statement.speaker.name }}</a>{% if statement.organisation %} (<a href="{{ statement.organisation.get_absolute_url }}">{{ statement.organisation.name }}</a>){% endif %}{% else %}<a href="{{ statement.organisation.get_absolute_url }}">{{ statement.organisation.name }}</a>{% endif %}""",
    "includes/statement_medium.html": """{% if statement.medium %}<a href="{{ statement.medium.get_absolute_url }}">{{ statement.medium.name }}</a>{% if statement.setting %}; {% endif %}{% endif %}{{ statement.setting }}{% if not statement.medium and not statement.setting %}—{% endif %}""",
    "includes/statement_words.html": """{% if statement.mode == "quote" %}<span class="words words-quote">“{{ statement.text }}”</span>{% else %}<span class="words words-reported"><span class="reported-label">Reported:</span> {{ statement.text }}</span>{% endif %}""",
    "includes/deal_statement.html": """<article class="statement says-{{ statement.stance }}" id="statement-{{ statement.pk }}">
  <p class="statement-who">{% include "includes/statement_speaker.html" %}{% if statement.speaker_role %}, <span class="role">{{ statement.speaker_role }}</span>{% endif %}
    <span class="statement-when">· {% include "includes/approximate_date.html" with date=statement.approximate_date %}</span></p>
  {% if statement.medium or statement.setting %}<p class="statement-where"><span class="label">Outlet or setting:</span> {% include "includes/statement_medium.html" %}</p>{% endif %}
  {% if statement.mode == "quote" %}<blockquote class="statement-quote"><p>“{{ statement.text }}”</p></blockquote>{% else %}<p class="words words-reported"><span class="reported-label">Reported speech:</span> {{ statement.text }}</p>{% endif %}
  <p class="statement-stance"><span class="stance stance-{{ statement.stance }}">{{ statement.get_stance_display }}</span>
    · <a href="{{ statement.get_absolute_url }}">Statement page<span class="visually-hidden"> ({{ statement.attribution }}, {{ statement.date_words|default:"undated" }})</span></a></p>
  {% include "includes/citations.html" with citations=statement.citations.all %}
</article>
""",
    # deals/deal_detail.html's events, each in its loop.
    "deal_event": """{% for event in events %}
  <article class="event fact" id="event-{{ event.pk }}">
    <h3>{{ event.title }}</h3>
    <p><span class="kind">{{ event.get_kind_display }}</span> · {% include "includes/approximate_date.html" with date=event.approximate_date %}
      · <a href="{{ event.get_absolute_url }}">Event page<span class="visually-hidden"> ({{ event.title }})</span></a></p>
    {% if event.description %}<p>{{ event.description }}</p>{% endif %}
    <h4 class="visually-hidden">Sources of the event</h4>
    {% include "includes/citations.html" with citations=event.citations.all %}
  </article>
  {% endfor %}""",
    "includes/statement_table.html": """{% load browsing %}{% table_columns "statements" hide_speaker|yesno:"speaker," as table %}<div class="table-wrap">
  <table class="statements stack">
    <caption>{{ caption }}</caption>
    <thead>
      <tr>
        {% for column in table.headings %}<th scope="col">{{ column.label }}</th>{% if not forloop.last %}
        {% endif %}{% endfor %}
      </tr>
    </thead>
    <tbody>
      {% for statement in statements %}
      <tr id="{{ id_prefix|default:'statement' }}-{{ statement.pk }}">
        <td data-label="{{ table.label.date }}">{% approximate_date statement.approximate_date %}</td>
        {% if not hide_speaker %}<td data-label="{{ table.label.speaker }}">{% include "includes/statement_speaker.html" %}</td>{% endif %}
        <td data-label="{{ table.label.speaker_role }}">{{ statement.speaker_role|default:"—" }}</td>
        <td data-label="{{ table.label.medium }}">{% include "includes/statement_medium.html" %}</td>
        <td data-label="{{ table.label.text }}"><a href="{{ statement.get_absolute_url }}">{% include "includes/statement_words.html" %}</a></td>
        <td data-label="{{ table.label.stance }}"><span class="stance stance-{{ statement.stance }}">{{ statement.get_stance_display }}</span></td>
        <td data-label="{{ table.label.deals }}">{% if statement.deals.all %}<ul class="inline-list">{% for deal in statement.deals.all %}<li><a href="{{ deal.get_absolute_url }}">{{ deal|deal_label }}</a></li>{% endfor %}</ul>{% else %}—{% endif %}</td>
      </tr>
      {% endfor %}
    </tbody>
  </table>
</div>
""",
    # What the include would write now that the counts say their system scope (a counts
    # of a scope, linking to the deal list in that scope, with the other scope's total).
    "includes/country_deal_counts.html": """{% url 'deals:deal_list' as deals %}{% if counts.every %}{% if counts.scope == "s-400" %}{% if counts.total %}<a href="{{ deals }}?{{ counts.role }}={{ country.code }}&amp;scope=s-400">{{ counts.role }} of {{ counts.total }} S-400 deal{{ counts.total|pluralize }}</a>:
{% for part in counts.by_status %}<a href="{{ deals }}?{{ counts.role }}={{ country.code }}&amp;scope=s-400&amp;status={{ part.status }}">{{ part.count }} {{ part.label|lower }}</a>{% if not forloop.last %}, {% endif %}{% endfor %} · <a href="{{ deals }}?{{ counts.role }}={{ country.code }}&amp;scope=all">{{ counts.every }} with related</a>{% else %}<span class="none">no S-400 deal as {{ counts.role }}</span> · <a href="{{ deals }}?{{ counts.role }}={{ country.code }}&amp;scope=all">{{ counts.every }} with related</a>{% endif %}{% else %}<a href="{{ deals }}?{{ counts.role }}={{ country.code }}&amp;scope=all">{{ counts.role }} of {{ counts.total }} deal{{ counts.total|pluralize }}, S-400 and related</a>:
{% for part in counts.by_status %}<a href="{{ deals }}?{{ counts.role }}={{ country.code }}&amp;scope=all&amp;status={{ part.status }}">{{ part.count }} {{ part.label|lower }}</a>{% if not forloop.last %}, {% endif %}{% endfor %} · {% if counts.s400 %}<a href="{{ deals }}?{{ counts.role }}={{ country.code }}&amp;scope=s-400">{{ counts.s400 }} of them S-400</a>{% else %}<span class="none">none of them S-400</span>{% endif %}{% endif %}{% else %}<span class="none">not a {{ counts.role }}</span>{% endif %}
""",
    # deals/weaponsystem_list.html's row.
    "system_row": """<tr>
        <th scope="row"><a href="{{ system.get_absolute_url }}">{{ system.name }}</a></th>
        <td data-label="Also called">{% for alias in system.aliases.all %}{{ alias.name }}{% if not forloop.last %}, {% endif %}{% empty %}—{% endfor %}</td>
        <td data-label="Category">{{ system.get_category_display }}</td>
        <td data-label="Maker">{% if system.maker %}<a href="{{ system.maker.get_absolute_url }}">{{ system.maker.name }}</a>, {% endif %}<a href="{{ system.maker_country.get_absolute_url }}">{{ system.maker_country.name }}</a></td>
        <td data-label="Variant of">{% if system.variant_of %}<a href="{{ system.variant_of.get_absolute_url }}">{{ system.variant_of.name }}</a>{% else %}—{% endif %}</td>
        <td class="number" data-label="Deals">{{ system.deal_count }}</td>
      </tr>""",
    # home.html's years.
    "timeline_years": """{% for year, count in years %}
    <li><a href="{% url 'deals:timeline' %}?year_from={{ year }}&amp;year_to={{ year }}">What happened in {{ year }}<span class="count"> ({{ count }} item{{ count|pluralize }})</span></a></li>
    {% endfor %}""",
    "includes/source_links.html": """<ul class="source-links">
  {% for source in sources %}
  <li><a href="{{ source.get_absolute_url }}">{{ source }}</a>, {% include "includes/approximate_date.html" with date=source.approximate_date %}{% if source.outlet %} ({{ source.outlet.name }}){% endif %}</li>
  {% endfor %}
</ul>
""",
    "includes/deal_timeline_table.html": """<div class="table-wrap">
  <table class="timeline-table stack">
    <caption>{{ caption }}</caption>
    <thead>
      <tr><th scope="col">Date</th><th scope="col">Kind</th><th scope="col">What</th></tr>
    </thead>
    <tbody>
      {% for item in items %}
      <tr class="timeline-item kind-{{ item.kind }}">
        <td data-label="Date">{% include "includes/approximate_date.html" with date=item.approximate_date %}</td>
        <td data-label="Kind"><span class="kind kind-{{ item.kind }}">{{ item.kind_label }}</span></td>
        <td data-label="What">{% include "includes/timeline_item_title.html" %}</td>
      </tr>
      {% endfor %}
    </tbody>
  </table>
</div>
""",
}
ENGINE = Engine(
    loaders=[("django.template.loaders.locmem.Loader", BEFORE)],
    libraries={"browsing": "deals.templatetags.browsing"},
)
ODD = "<b>“odd”</b> & 'quoted'"  # what needs escaping is escaped alike


def before(name, **context):
    return ENGINE.get_template(name).render(Context(context))


def statements_of_every_shape():
    """The curated statements as the deal page and the statements' table read them, made to
    take every shape the markup distinguishes: with or without a speaker, a body, an outlet,
    a setting, a role, a date and its words; quoted or reported; text needing escapes."""
    statements = list(
        Statement.objects.select_related("speaker", "organisation", "medium")
        .prefetch_related(citations_prefetch(texts=False), "deals")
        .order_by("pk")
    )
    person, body = Person.objects.first(), Organisation.objects.first()
    assert len(statements) >= 12
    for n, statement in enumerate(statements):
        shape = n % 6
        if shape == 0:
            statement.speaker, statement.organisation = person, None
            statement.medium, statement.setting = body, ""
        elif shape == 1:
            statement.speaker, statement.organisation = None, body
            statement.medium, statement.setting = None, f"a briefing {ODD}"
        elif shape == 2:
            statement.speaker, statement.organisation = person, body
            statement.medium, statement.setting = body, "on television"
            statement.speaker_role = ODD
        elif shape == 3:
            statement.medium, statement.setting, statement.speaker_role = None, "", ""
            statement.date_words = statement.date_edtf = ""
        elif shape == 4:
            statement.text, statement.mode = ODD, "quote"
        else:
            statement.text, statement.mode = ODD, "reported"
    assert {s.mode for s in statements} == {"quote", "reported"}
    return statements


def test_citations_are_written_as_the_include_wrote_them():
    statements = statements_of_every_shape()
    cited = [s for s in statements if s.citations.all()]
    assert cited
    undated = copy.copy(cited[0].citations.all()[0])
    undated.source = copy.copy(undated.source)
    undated.source.date_words = undated.source.date_edtf = ""
    odd = copy.copy(cited[0].citations.all()[0])
    odd.excerpt = ODD
    lists = [s.citations.all() for s in cited] + [[], [undated, odd]]
    for rows in lists:
        assert citations(rows) == before("includes/citations.html", citations=rows)


def test_a_deals_statements_are_written_as_the_include_wrote_them():
    for statement in statements_of_every_shape():
        assert deal_statement(statement) == before("includes/deal_statement.html", statement=statement), statement.pk


def test_a_deals_events_are_written_as_its_page_wrote_them():
    events = list(Event.objects.prefetch_related(citations_prefetch(texts=False)).order_by("pk"))
    assert any(event.description for event in events)
    events[0].description = ""
    events[1].title = events[2].description = ODD
    events[3].date_words = events[3].date_edtf = ""
    quick = "".join(f"\n  {deal_event(event)}\n  " for event in events)
    assert quick == before("deal_event", events=events)


def test_a_stance_is_labelled_as_djangos_display_method_labels_it():
    from deals.models.statements import Stance

    for stance in [*Stance.values, "not-a-stance"]:
        statement = Statement(stance=stance)
        assert stance_label(statement) == statement.get_stance_display(), stance
    assert stance_label(Statement(stance=Stance.values[0])) == Stance.labels[0]


def test_source_links_are_written_as_the_include_wrote_them():
    sources = list(Source.objects.for_links())
    assert len(sources) >= 4
    sources[0].outlet = None
    sources[1].date_words = sources[1].date_edtf = ""
    sources[2].title, sources[2].title_supplied = ODD, True
    sources[3].outlet = copy.copy(sources[3].outlet or Organisation.objects.first())
    sources[3].outlet.name = ODD
    assert any(source.outlet for source in sources) and any(source.date_words for source in sources)
    for rows in (sources, sources[:1], []):
        assert source_links(rows) == before("includes/source_links.html", sources=rows)


@pytest.mark.parametrize(
    "context",
    [{}, {"hide_speaker": True}, {"id_prefix": "carried-statement"}],
    ids=["all columns", "on a person's page", "second table"],
)
def test_the_statements_table_is_written_as_it_was(context):
    statements = statements_of_every_shape()
    concerning = [deal for statement in statements for deal in statement.deals.all()]
    assert concerning and any(not statement.deals.all() for statement in statements)
    concerning[0].subject = ODD
    context = {"statements": statements, "caption": ODD, **context}

    quick = get_template("includes/statement_table.html").render(context)

    assert quick == before("includes/statement_table.html", **context)
    assert quick.count("<tr id=") == len(statements)


def test_a_statement_row_names_every_cell_by_its_column():
    statement = statements_of_every_shape()[0]
    table = table_columns("statements", "speaker")

    row = statement_row(statement, table, hide_speaker=True)

    assert '<td data-label="Date">' in row and '<td data-label="Stance">' in row
    assert 'data-label="Speaker"' not in row
    table["cell"] = {"date": '<td data-label="When">'}
    assert '<td data-label="When">' in statement_row(statement, table)
    assert '<td data-label="">' in statement_row(statement, table)  # a column the table lacks, as the template wrote it


def deal_counts_of_every_country():
    codes = list(Country.objects.values_list("code", flat=True))
    counts = [
        (country, by_role[country.code])
        for role in ("supplier", "recipient")
        for scope in ("all", "s-400")
        for by_role in [CountryDealCount.objects.by_country(role, codes, scope)]
        for country in Country.objects.filter(code__in=codes)
    ]
    assert any(c.total for _, c in counts) and any(not c.total for _, c in counts)
    assert any(c.every and not c.total for _, c in counts)  # related deals only, seen in the S-400's scope
    big = DealCounts(
        "recipient", [StatusCount("delivered", "Delivered", 12345), StatusCount("signed", ODD, 1)],
        scope="all", s400=12345, every=12346,
    )
    return [*counts, (Country.objects.get(code="TR"), big)]


def test_a_countrys_deal_counts_are_written_as_the_include_wrote_them():
    for country, counts in deal_counts_of_every_country():
        expected = before("includes/country_deal_counts.html", country=country, counts=counts)
        assert country_deal_counts(country, counts) == expected, (country.code, counts.role)


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_counts_are_grouped_as_the_templates_group_them_when_the_settings_say_so():
    for country, counts in deal_counts_of_every_country():
        expected = before("includes/country_deal_counts.html", country=country, counts=counts)
        assert country_deal_counts(country, counts) == expected
    assert "12,345 delivered" in country_deal_counts(*deal_counts_of_every_country()[-1])
    assert "12,345 of them S-400" in country_deal_counts(*deal_counts_of_every_country()[-1])
    years = [(1999, 1), (2019, 12345)]
    assert timeline_years(years) == before("timeline_years", years=years)


def test_system_rows_are_written_as_the_template_wrote_them():
    systems = list(LISTS["systems"].rows())
    assert any(system.maker for system in systems) and any(system.listed_aliases for system in systems)
    assert any(not system.listed_aliases for system in systems)
    systems[0].name = ODD
    systems[1].maker = None
    systems[2].variant_of = systems[3]
    systems[3].deal_count = 12345
    for system in systems:
        assert system_row(system) == before("system_row", system=system), system.slug
    del systems[4].listed_aliases  # a system read otherwise: its aliases are read
    assert system_row(systems[4]) == before("system_row", system=systems[4])
    # The rows, as deals/weaponsystem_list.html's loop laid them out.
    loop = "{% for system in systems %}\n      " + BEFORE["system_row"] + "\n      {% endfor %}"
    assert system_rows(systems) == ENGINE.from_string(loop).render(Context({"systems": systems}))


def test_the_years_are_written_as_the_home_page_wrote_them():
    years = [(1950, 1), (1951, 2), (2019, 0), (2026, 1234)]
    assert timeline_years(years) == before("timeline_years", years=years)
    assert timeline_years([]) == ""


def test_the_latest_items_are_written_as_the_table_wrote_them():
    items = latest_timeline_items()
    assert items
    items[0].kind_label = ODD
    context = {"items": items, "caption": ODD}
    quick = get_template("includes/deal_timeline_table.html").render(context)
    assert quick == before("includes/deal_timeline_table.html", **context)


def test_a_dates_markup_follows_the_language_it_is_written_in():
    date = ApproximateDate("early May 2019", "2019-05-01/2019-05-10", *_days("2019-05-01", "2019-05-10"), DateBasis.STATED)
    in_english = approximate_date(date)
    with translation.override("fr"):
        in_french = approximate_date(date)
    assert "between 1 May 2019 and 10 May 2019" in in_english
    assert "mai" in in_french and "May" not in in_french.replace("early May", "")
    assert approximate_date(date) == in_english


def _days(*days):
    from datetime import date

    return [date.fromisoformat(day) for day in days]


def test_numbers_are_written_as_the_templates_localise_them():
    from lists.markup import number

    assert number(Decimal("1234.5")) == "1234.5"
    assert number(12) == "12"
    with override_settings(USE_THOUSAND_SEPARATOR=True):
        assert number(12345) == "12,345"
