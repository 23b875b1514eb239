"""Template filters for the browsing pages."""
import datetime
import functools
import re

from django import template
from django.template.defaultfilters import floatformat, pluralize
from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.formats import localize
from django.utils.safestring import mark_safe

from deals.approximate_dates import describe
from deals.columns import STATEMENT_FIELDS
from deals.columns import delivery_years as register_delivery_years
from deals.totals import source_coverage
from lists.addresses import route
from lists.markup import esc, number, quick_html

register = template.Library()



@register.filter
def deal_label(deal):
    """A deal named by its parties and what the sources say is transferred, so deals for the
    same system (Turkey's first and second S-400 batches) read differently."""
    return deal.label


def day_in_words(day: datetime.date, *, full=False) -> str:
    """A day as the `date` filter writes it with "j F Y" (full) or "j M Y", in the active
    language, at a fraction of its cost (a table writes several per row)."""
    return _day_in_words(day, full, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _day_in_words(day, full, language):
    month = str(MONTHS[day.month]) if full else str(MONTHS_3[day.month]).title()
    return f"{day.day} {month} {day.year}"


def date_label(date) -> str:
    """The normalised reading of a date, short and scannable, built from its bounds alone (never
    from its words): "14 Nov 2021", "Jun 2019", "mid-Jun 2019", "Oct–Dec 2021", "2014–2015",
    "Dec 2015 – Dec 2016". Ends that fall inside a month are widened to whole months when the
    span is longer than two months, so the label never reads more precise than the bounds;
    "c." and "?" carry the EDTF's approximate and uncertain marks."""
    if date is None:
        return ""
    return _date_label(date.earliest, date.latest, date.edtf, translation.get_language())


_THIRD_NAMES = {(1, 10): "early ", (11, 20): "mid-"}


@functools.lru_cache(maxsize=8192)
def _date_label(earliest, latest, edtf, language):
    def month(day, year=True):
        name = str(MONTHS_3[day.month]).title()
        return f"{name} {day.year}" if year else name

    last_of_month = (latest + datetime.timedelta(days=1)).day == 1
    whole_months = earliest.day == 1 and last_of_month
    if earliest == latest:
        label = _day_in_words(earliest, False, language)
    elif whole_months and (earliest.month, latest.month) == (1, 12):
        label = str(earliest.year) if earliest.year == latest.year else f"{earliest.year}–{latest.year}"
    elif (earliest.year, earliest.month) == (latest.year, latest.month):
        third = "late " if earliest.day == 21 and last_of_month else _THIRD_NAMES.get((earliest.day, latest.day))
        if whole_months:
            label = month(earliest)
        elif third:
            label = f"{third}{month(earliest)}"
        else:
            label = f"{earliest.day}–{latest.day} {month(earliest)}"
    elif whole_months or (latest - earliest).days > 62:
        if earliest.year == latest.year:
            label = f"{month(earliest, year=False)}–{month(latest)}"
        else:
            label = f"{month(earliest)} – {month(latest)}"
    else:
        start = _day_in_words(earliest, False, language)
        if earliest.year == latest.year:
            start = start.rsplit(" ", 1)[0]
        label = f"{start} – {_day_in_words(latest, False, language)}"
    if "~" in edtf or "%" in edtf:
        label = f"c. {label}"
    if "?" in edtf or "%" in edtf:
        label = f"{label}?"
    return label


def _words_say_the_label(words: str, label: str) -> bool:
    """Whether the source's words are the label itself, month names written in full or not
    ("14 November 2021" for "14 Nov 2021"): then they are not repeated beside it."""
    short = re.sub(r"\b([A-Za-z]{3})[a-z]*\b", lambda m: m[1], words.strip().strip(".,"))
    return short.casefold() == label.casefold()


@register.simple_tag
def approximate_date(date, empty=""):
    """An approximate date, the one way every page shows one (`includes/approximate_date.html`
    says how), written here rather than by a template of its own: a table shows two or three
    on each of its rows."""
    if not date:
        return mark_safe(f'<span class="date date-none">{esc(empty or "undated")}</span>')
    return _date_markup(date, translation.get_language())


# A date's markup depends on nothing but the date and the language, and a page writes the
# same dates many times (a source's publication date beside each excerpt taken from it).
@functools.lru_cache(maxsize=8192)
def _date_markup(date, language):
    earliest, latest = _day_in_words(date.earliest, True, language), _day_in_words(date.latest, True, language)
    spoken = earliest if date.earliest == date.latest else f"between {earliest} and {latest}"
    label = _date_label(date.earliest, date.latest, date.edtf, language)
    quoted = f"“{date.words}” · " if date.words else ""
    shown = (
        f'<span class="date date-{esc(date.precision)}" title="{esc(quoted)}{esc(date.edtf)}: '
        f'{esc(_day_in_words(date.earliest, False, language))} – {esc(_day_in_words(date.latest, False, language))}'
        f' ({esc(date.basis)})">{esc(label)}<span class="visually-hidden"> ({esc(spoken)})</span></span>'
    )
    # Words no source wrote (an inferred date's EDTF described) are in the title, not quoted beside it.
    if date.words and date.words != describe(date.edtf) and not _words_say_the_label(date.words, label):
        shown += f'<span class="date-words"> “{esc(date.words)}”</span>'
    return mark_safe(shown)


TABLES = {"statements": STATEMENT_FIELDS}


@register.simple_tag
def table_columns(name, *without):
    """A list's table headings from its one declaration (`deals.columns`), less the named
    fields' columns, and each shown column's label by field name, for the cells' `data-label`,
    and each cell's opening tag with it (`cell`), for the rows written in Python."""
    headings = TABLES[name].headings(without=[field for field in without if field])
    return {
        "headings": headings,
        "label": {heading.name: heading.label for heading in headings},
        "cell": {heading.name: f'<td data-label="{esc(heading.label)}">' for heading in headings},
    }


# --- the timeline's rows, written here rather than by templates: a page shows a hundred
# items, and the templates' includes, lookups and filters cost milliseconds per row. The
# markup is what the templates wrote (deals/tests/test_quick_rendering.py holds them).


def statement_words(statement):
    """A statement's words: a verbatim quote in quotation marks, reported speech marked as such."""
    if statement.mode == "quote":
        return quick_html('<span class="words words-quote">“{}”</span>', statement.text)
    return quick_html(
        '<span class="words words-reported"><span class="reported-label">Reported:</span> {}</span>', statement.text
    )


@register.simple_tag
def timeline_item_title(item):
    """What a timeline item says, linked to its page (its `fact`, given by `attach_facts`):
    a contract or delivery to its place on the deal's page, a statement (its speaker, then
    its words) or an event to its own page."""
    fact = item.fact
    if not fact:
        return esc(item.title)
    if item.kind == "statement":
        return quick_html('{}: <a href="{}">{}</a>', fact.attribution, fact.get_absolute_url(), statement_words(fact))
    return quick_html('<a href="{}">{}</a>', fact.get_absolute_url(), item.title)


@register.simple_tag
def timeline_row(item):
    """One row of the timeline's table: the item's date (and the years it spans), kind, what
    it says, and the deals and countries it concerns, each linked."""
    spans = (
        f'\n            <span class="spans-years">spans {item.date_earliest.year}–{item.date_latest.year}</span>'
        if item.spans_years
        else ""
    )
    deals = "".join(f'<li><a href="{esc(deal.get_absolute_url())}">{esc(deal_label(deal))}</a></li>' for deal in item.deals)
    countries = "".join(
        f'<li><a href="{esc(country.get_absolute_url())}">{esc(country.name)}</a></li>' for country in item.countries
    )
    deals = f'<ul class="inline-list">{deals}</ul>' if deals else ""
    countries = f'<ul class="inline-list countries">{countries}</ul>' if countries else ""
    kind = esc(item.kind)
    return mark_safe(
        f'<tr id="{esc(item.id)}" class="timeline-item kind-{kind}">\n'
        f'          <td data-label="Date">{approximate_date(item.approximate_date)}\n{spans}</td>\n'
        f'          <td data-label="Kind"><span class="kind kind-{kind}">{esc(item.kind_label)}</span></td>\n'
        f'          <td data-label="What">{timeline_item_title(item)}</td>\n'
        f'          <td data-label="Concerns">\n'
        f'            {deals}\n'
        f'            {countries}\n'
        f'          </td>\n'
        f'        </tr>'
    )


@register.simple_tag
def timeline_rows(items):
    """The rows of one year's table on the timeline (`timeline_row` each), laid out as the
    template's loop over them laid them out."""
    return mark_safe("".join(f"\n        {timeline_row(item)}\n        " for item in items))


# --- the deals' table rows (`includes/deal_table.html`), written here for the same reason:
# a page of the deal list writes nine cells, five links and three dates per deal.

DEAL_ROW = """
      <tr>
        <td data-label="{}"><a href="{}">{}</a></td>
        <td data-label="{}"><a href="{}">{}</a></td>
        <td data-label="{}"><a href="{}">{}</a></td>
        <td data-label="{}">{}{}</td>
        <td data-label="{}">{}</td>
        <td class="number" data-label="{}">{}</td>
        <td class="number" data-label="{}">{}</td>
        <td data-label="{}">{}</td>
        <td class="number" data-label="{}">{}</td>
      </tr>
      """
DISPUTED = mark_safe(' <span class="disputed">disputed</span>')
NOTHING = "—"


def status_as_of(deal):
    """What a deal's shown status holds "as of", as a label and what it means (its title):
    the day asked about (`deal.as_of`, a date, on the deals `Deal.objects.as_of(day)` reads
    with the status each held then), else when the latest source its facts cite
    was published (`latest_evidence_earliest`, `_latest`, the bounds `with_evidence` reads);
    None without either."""
    language = translation.get_language()
    day = getattr(deal, "as_of", None)
    if day is not None:
        label = _day_in_words(day, False, language)
        # Since when it had held that status: the date of the milestone that set it.
        # Its EDTF keeps the uncertainty ("since 2016?"), as `date_label` does for any date.
        since = getattr(deal, "status_since_earliest", None), getattr(deal, "status_since_latest", None)
        if None not in since:
            label = f"{label}, since {_date_label(*since, getattr(deal, 'status_since_edtf', None) or '', language)}"
        return label, "The status on the day asked about, and the date of the milestone that set it"
    earliest, latest = getattr(deal, "latest_evidence_earliest", None), getattr(deal, "latest_evidence_latest", None)
    if earliest is None or latest is None:
        return None
    return _date_label(earliest, latest, "", language), "When the latest source on this deal was published"


@register.simple_tag
def deal_status(deal):
    """A deal's status, the one way every page shows one: its badge and, beside it, "as of"
    the date it holds at (`status_as_of`), "Signed · as of Nov 2021", so a reader never
    takes the knowledge base's latest word for today's."""
    badge = f'<span class="status status-{esc(deal.status)}">{esc(deal.get_status_display())}</span>'
    as_of = status_as_of(deal)
    if as_of is None:
        return mark_safe(badge)
    label, meaning = as_of
    return mark_safe(f'{badge} <span class="as-of" title="{esc(meaning)}">as of {esc(label)}</span>')


def contract_quantity(contract):
    """The quantity a deal's first contract gives: the source's words, and the number they
    amount to when it is known."""
    if not contract:
        return NOTHING
    if contract.quantity_words:
        if contract.quantity is None:
            return esc(contract.quantity_words)
        return quick_html(
            '{} <span class="as-number">({} {})</span>',
            contract.quantity_words, localize(contract.quantity), contract.quantity_unit,
        )
    if contract.quantity is not None:
        return quick_html("{} {}", localize(contract.quantity), contract.quantity_unit)
    return NOTHING


def contract_value(contract):
    """The value a deal's first contract gives: the amount in its currency, and the
    source's words for it."""
    if not contract:
        return NOTHING
    written = quick_html('<span class="as-written">“{}”</span>', contract.value_words) if contract.value_words else ""
    if contract.value_amount is not None:
        amount = quick_html(
            '<span class="amount">{} {}</span>', contract.value_currency, floatformat(contract.value_amount, "-2g")
        )
        return quick_html("{} {}", amount, written) if written else amount
    return written or NOTHING


def delivered(deal):
    """What a deal's actual deliveries add up to, honestly: the sum of the quantities they
    state in their one unit, "at least" that when some state none; how many deliveries
    when none states a number or their units differ (no sum across regiments and
    divisions); "—" without an actual delivery."""
    count = deal.actual_deliveries
    if not count:
        return NOTHING
    deliveries = f"{number(count)} deliver{'y' if count == 1 else 'ies'}"
    if deal.delivered_quantity is not None:
        at_least = "at least " if deal.deliveries_without_quantity else ""
        return quick_html(
            '{}{} {} <span class="as-number">({})</span>',
            at_least, localize(deal.delivered_quantity), deal.delivered_quantity_unit, deliveries,
        )
    if deal.deliveries_without_quantity == count:
        return quick_html('{} <span class="as-number">(number not stated)</span>', deliveries)
    return quick_html('{} <span class="as-number">(in different units)</span>', deliveries)


def delivery_years(deal):
    """The years its dated actual deliveries span ("2019", "2007–2016"); "undated" when it
    has actual deliveries but none dated, "—" without one."""
    if deal.first_delivery_year is None:
        return "undated" if deal.actual_deliveries else NOTHING
    return esc(register_delivery_years(deal))


@register.simple_tag
def deal_row(deal, columns):
    """One row of a deals' table, as a register reads it: the parties and the deal's one name
    (`Deal.label`, with nothing added, as every other page, the API and the admin write it),
    each linked, the status as of its latest evidence, when the first contract was signed,
    how many it ordered, how many were delivered and in which years, and its value.
    `deal` comes from `Deal.objects.for_table()` with `first_contract` (`deals.timeline.attach_milestones`);
    `columns` are the table's headings."""
    labels = [column.label for column in columns]
    contract = deal.first_contract
    return quick_html(
        DEAL_ROW,
        labels[0], deal.supplier.get_absolute_url(), deal.supplier.name,
        labels[1], deal.recipient.get_absolute_url(), deal.recipient.name,
        labels[2], deal.get_absolute_url(), deal.label,
        labels[3], deal_status(deal), DISPUTED if deal.disputed else "",
        labels[4], approximate_date(contract.approximate_date, "undated") if contract else NOTHING,
        labels[5], contract_quantity(contract),
        labels[6], delivered(deal),
        labels[7], delivery_years(deal),
        labels[8], contract_value(contract),
    )


def _month_bounds(earliest, latest):
    """Bounds widened to whole months: a coverage reads in months at most."""
    end = latest.replace(day=1) + datetime.timedelta(days=32)
    return earliest.replace(day=1), end.replace(day=1) - datetime.timedelta(days=1)


def coverage_label(coverage) -> str:
    """The period the sources were published in, as a date label reads: the first source's
    publication date and the last's, each in months at most ("Feb 2007 – Nov 2021",
    "2016? – Nov 2021"); "" without a source."""
    if coverage is None:
        return ""
    language = translation.get_language()
    first, last = (
        _date_label(*_month_bounds(earliest, latest), edtf, language)
        for earliest, latest, edtf in (coverage.first, coverage.last)
    )
    return first if first == last else f"{first} – {last}"


@register.simple_tag(takes_context=True)
def sources_coverage(context):
    """ "sources published Feb 2007 – Nov 2021": what the home page and the downloads say of
    the period the knowledge base covers (`deals.totals.source_coverage`, once per version);
    "" without a source."""
    request = context.get("request")
    label = coverage_label(source_coverage(getattr(request, "data_version", None)))
    return f"sources published {label}" if label else ""


# --- counts and rows of the other lists, written here for the same reason: the countries'
# table writes two sets of counts per country, a dozen links each, and the systems' table
# six cells per system.


@register.simple_tag
def country_deal_counts(country, counts):
    """A country's deals in one role (`counts`, a DealCounts), counted in all and per status
    within its system scope, each count linked to the deal list filtered to them in the same
    scope, and labelled for what it counts: "recipient of 2 S-400 deals: … · 7 with related"
    (S-400 alone), "recipient of 7 deals, S-400 and related: … · 2 of them S-400" (all)."""
    role = esc(counts.role)
    if not counts.every:
        return mark_safe(f'<span class="none">not a {role}</span>\n')
    deals = f"{esc(route('deals:deal_list'))}?{role}={esc(country.code)}"
    s400_only = counts.scope == "s-400"
    scoped = f"{deals}&amp;scope={'s-400' if s400_only else 'all'}"
    if s400_only:
        other = f'<a href="{deals}&amp;scope=all">{number(counts.every)} with related</a>'
        if not counts.total:
            return mark_safe(f'<span class="none">no S-400 deal as {role}</span> · {other}\n')
        head = f"{role} of {number(counts.total)} S-400 deal{pluralize(counts.total)}"
    else:
        other = (
            f'<a href="{deals}&amp;scope=s-400">{number(counts.s400)} of them S-400</a>' if counts.s400
            else '<span class="none">none of them S-400</span>'
        )
        head = f"{role} of {number(counts.total)} deal{pluralize(counts.total)}, S-400 and related"
    parts = ", ".join(
        f'<a href="{scoped}&amp;status={esc(part.status)}">{number(part.count)} {esc(str(part.label).lower())}</a>'
        for part in counts.by_status
    )
    return mark_safe(f'<a href="{scoped}">{head}</a>:\n{parts} · {other}\n')


def _linked(record):
    return f'<a href="{esc(record.get_absolute_url())}">{esc(record.name)}</a>'


@register.simple_tag
def system_row(system):
    """One row of the systems' table: the name (linked), the other names, the category, the
    maker and its country, the system it is a variant of, and how many deals concern it
    (`deal_count`). `system` comes with its aliases (as `WeaponSystem.objects.for_table`
    lists them in `listed_aliases`, else read), maker, maker's country and parent."""
    listed = getattr(system, "listed_aliases", None)
    aliases = ", ".join(esc(alias.name) for alias in (system.aliases.all() if listed is None else listed)) or "—"
    maker = f"{_linked(system.maker)}, " if system.maker else ""
    return mark_safe(
        f'<tr>\n'
        f'        <th scope="row">{_linked(system)}</th>\n'
        f'        <td data-label="Also called">{aliases}</td>\n'
        f'        <td data-label="Category">{esc(system.get_category_display())}</td>\n'
        f'        <td data-label="Maker">{maker}{_linked(system.maker_country)}</td>\n'
        f'        <td data-label="Variant of">{_linked(system.variant_of) if system.variant_of else "—"}</td>\n'
        f'        <td class="number" data-label="Deals">{number(system.deal_count)}</td>\n'
        f'      </tr>'
    )


@register.simple_tag
def system_rows(systems):
    """The systems' table's rows (`system_row` each), laid out as the template's loop over
    them laid them out."""
    return mark_safe("".join(f"\n      {system_row(system)}\n      " for system in systems))


@register.simple_tag
def timeline_years(years):
    """The home page's list of years, each linked to the timeline of that year with the
    number of items in it: `years` is [(year, count)], one per year since the first item."""
    timeline = esc(route("deals:timeline"))
    return mark_safe("".join(
        f'\n    <li><a href="{timeline}?year_from={number(year)}&amp;year_to={number(year)}">What happened in {number(year)}'
        f'<span class="count"> ({number(count)} item{"" if count == 1 else "s"})</span></a></li>\n    '
        for year, count in years
    ))
