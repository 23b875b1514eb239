"""The facts a page lists, written in Python rather than by templates: who made a statement
and where, the excerpts a fact rests on, a deal's statements and events in full, the
statements' table rows, and the lists of sources linked with their dates.

A deal's page shows fifty statements and fifty events, each with its excerpts, and a
statements' table fifty rows: the templates' includes, variable lookups and filters cost
about a millisecond per fact, several times what the same markup costs written here. The
markup is what the templates wrote, whitespace included; deals/tests/test_quick_rendering.py
holds those templates and checks every writer against them.
"""
import functools

from django import template
from django.utils.encoding import force_str
from django.utils.safestring import mark_safe

from deals.models.deals import unit_as_counted
from deals.provenance import support as count_support
from lists.markup import esc, number

from .browsing import approximate_date, deal_label, statement_words

register = template.Library()

register.simple_tag(statement_words)


@register.simple_tag
def statement_speaker(statement):
    """Who made a statement: the person, linked to their page, and the body they spoke for or
    the outlet whose report it is, linked to its page."""
    organisation = statement.organisation
    body = (
        f'<a href="{esc(organisation.get_absolute_url())}">{esc(organisation.name)}</a>'
        if organisation
        else '<a href=""></a>'  # what the template wrote for a statement with neither (the database refuses one)
    )
    speaker = statement.speaker
    if not speaker:
        return mark_safe(body)
    said = f'<a href="{esc(speaker.get_absolute_url())}">{esc(speaker.name)}</a>'
    return mark_safe(f"{said} ({body})" if organisation else said)


@register.simple_tag
def statement_medium(statement):
    """Where a statement was made: the outlet it was said to, and the setting."""
    medium, setting = statement.medium, statement.setting
    if not medium:
        return esc(setting) if setting else "—"
    outlet = f'<a href="{esc(medium.get_absolute_url())}">{esc(medium.name)}</a>'
    return mark_safe(f"{outlet}; {esc(setting)}" if setting else outlet)


def excerpt_key(citation):
    """What makes two citations the same excerpt to a reader: its source and its words."""
    return citation.source_id, " ".join(citation.excerpt.split())


@register.simple_tag
def citations(citations, quoted=None, refer=False):
    """The sources a fact rests on (its citations, with their sources): each excerpt, linked
    to where it is highlighted in its source, and the source's publication date.

    `quoted` ({excerpt_key: citation key}, on a deal's page, where one excerpt backs a
    milestone, a contract and the summary) says where the page quotes each excerpt: there it
    is quoted in full, with an anchor; anywhere else it is linked to, not repeated. With
    `refer` (the status history, whose evidence is a shown fact's own citation) every
    excerpt quoted on the page is linked to."""
    if not isinstance(quoted, dict):  # a template without one passes "" (string_if_invalid)
        quoted = {}
    items = []
    for citation in citations:
        source = citation.source
        dated = (
            f", {approximate_date(source.approximate_date)}\n" if source.date_words or source.date_edtf else ""
        )
        source_address = esc(source.get_absolute_url())
        # The citation's address is its source's, at the excerpt (`Citation.get_absolute_url`).
        in_source = f'<a href="{source_address}#citation-{number(citation.pk)}">{esc(source)}</a>{dated}'
        at = quoted.get(excerpt_key(citation))
        if at is not None and (refer or at != citation.pk):
            items.append(
                f'\n  <li class="quoted-elsewhere"><a href="#excerpt-{number(at)}">The excerpt quoted on this page</a>'
                f' from {in_source}</li>\n  '
            )
            continue
        anchor = f' id="excerpt-{number(citation.pk)}"' if at is not None else ""
        items.append(
            f'\n  <li{anchor}><blockquote cite="{source_address}">{esc(citation.excerpt)}</blockquote>\n'
            f'    {in_source}</li>\n  '
        )
    return mark_safe(f'<ul class="citations">\n  {"".join(items)}\n</ul>\n')


@register.simple_tag
def deal_statement(statement, quoted=None):
    """One statement about a deal, in full: who said it and their role at the time, when, to
    which outlet or where, the words (a quote in quotation marks, reported speech marked as
    such), the stance, and the excerpts it rests on. `statement` comes with its speaker,
    organisation and medium, and its citations with their sources; `quoted` as `citations`'."""
    stance = esc(statement.stance)
    role = f', <span class="role">{esc(statement.speaker_role)}</span>' if statement.speaker_role else ""
    where = (
        f'<p class="statement-where"><span class="label">Outlet or setting:</span> {statement_medium(statement)}</p>'
        if statement.medium or statement.setting
        else ""
    )
    words = (
        f'<blockquote class="statement-quote"><p>“{esc(statement.text)}”</p></blockquote>'
        if statement.mode == "quote"
        else f'<p class="words words-reported"><span class="reported-label">Reported speech:</span> {esc(statement.text)}</p>'
    )
    return mark_safe(
        f'<article class="statement says-{stance}" id="statement-{number(statement.pk)}">\n'
        f'  <p class="statement-who">{statement_speaker(statement)}{role}\n'
        f'    <span class="statement-when">· {approximate_date(statement.approximate_date)}\n</span></p>\n'
        f'  {where}\n'
        f'  {words}\n'
        f'  <p class="statement-stance"><span class="stance stance-{stance}">{esc(statement.get_stance_display())}</span>\n'
        f'    · <a href="{esc(statement.get_absolute_url())}">Statement page<span class="visually-hidden"> '
        f'({esc(statement.attribution)}, {esc(statement.date_words or "undated")})</span></a></p>\n'
        f'  {citations(statement.citations.all(), quoted)}\n'
        f'</article>\n'
    )


@register.simple_tag
def deal_event(event, quoted=None):
    """One event of a deal, in full: its title, kind and date, a link to its own page, what
    happened, and the excerpts it rests on. `event` comes with its citations and their sources;
    `quoted` as `citations`'."""
    title = esc(event.title)
    description = f"<p>{esc(event.description)}</p>" if event.description else ""
    return mark_safe(
        f'<article class="event fact" id="event-{number(event.pk)}">\n'
        f'    <h3>{title}</h3>\n'
        f'    <p><span class="kind">{esc(event.get_kind_display())}</span> · {approximate_date(event.approximate_date)}\n\n'
        f'      · <a href="{esc(event.get_absolute_url())}">Event page<span class="visually-hidden"> ({title})</span></a></p>\n'
        f'    {description}\n'
        f'    <h4 class="visually-hidden">Sources of the event</h4>\n'
        f'    {citations(event.citations.all(), quoted)}\n'
        f'  </article>'
    )


@functools.cache
def _stance_labels():
    from deals.models import Statement

    return dict(Statement._meta.get_field("stance").flatchoices)


def stance_label(statement):
    """What `statement.get_stance_display()` answers, in the active language, without
    building the field's choices afresh for every row as Django's method does."""
    return force_str(_stance_labels().get(statement.stance, statement.stance), strings_only=True)


def prefetched_deals(statement):
    """The statement's deals as listed with it (`Statement.objects.for_table`'s
    `listed_deals`) or prefetched, read without building a related manager and a QuerySet
    per row; or else its deals, read."""
    deals = getattr(statement, "listed_deals", None)
    if deals is None:
        deals = getattr(statement, "_prefetched_objects_cache", {}).get("deals")
    return statement.deals.all() if deals is None else deals


@register.simple_tag
def statement_row(statement, table, hide_speaker=False, id_prefix=""):
    """One row of a statements' table (`includes/statement_table.html`): the date, who spoke
    (unless `hide_speaker`, on a person's own page), their role, the outlet or setting, the
    words linked to the statement's page, the stance and the deals concerned. `table` is the
    `table_columns` tag's answer; `id_prefix` names the rows (default "statement")."""
    cells = table["cell"]

    def cell(name):
        return cells.get(name, '<td data-label="">')  # a column the table lacks, as the template wrote it

    speaker = "" if hide_speaker else f"{cell('speaker')}{statement_speaker(statement)}</td>"
    deals = prefetched_deals(statement)
    concerned = (
        '<ul class="inline-list">'
        + "".join(f'<li><a href="{esc(deal.get_absolute_url())}">{esc(deal_label(deal))}</a></li>' for deal in deals)
        + "</ul>"
        if deals
        else "—"
    )
    stance = esc(statement.stance)
    return mark_safe(
        f'<tr id="{esc(id_prefix or "statement")}-{number(statement.pk)}">\n'
        f'        {cell("date")}{approximate_date(statement.approximate_date)}</td>\n'
        f'        {speaker}\n'
        f'        {cell("speaker_role")}{esc(statement.speaker_role or "—")}</td>\n'
        f'        {cell("medium")}{statement_medium(statement)}</td>\n'
        f'        {cell("text")}<a href="{esc(statement.get_absolute_url())}">{statement_words(statement)}</a></td>\n'
        f'        {cell("stance")}<span class="stance stance-{stance}">{esc(stance_label(statement))}</span></td>\n'
        f'        {cell("deals")}{concerned}</td>\n'
        f'      </tr>'
    )


@register.simple_tag
def source_links(sources):
    """A short list of sources (an organisation's page lists fifty of each kind), each
    linked to its page, with its publication date and the name of its outlet. `sources`
    come with their outlets (`Source.objects.for_links`)."""
    items = []
    for source in sources:
        outlet = source.outlet
        items.append(
            f'\n  <li><a href="{esc(source.get_absolute_url())}">{esc(source)}</a>, '
            f'{approximate_date(source.approximate_date)}\n{f" ({esc(outlet.name)})" if outlet else ""}</li>\n  '
        )
    return mark_safe(f'<ul class="source-links">\n  {"".join(items)}\n</ul>\n')


@register.simple_tag
def statement_rows(statements, table, hide_speaker=False, id_prefix=""):
    """A statements' table's rows (`statement_row` each), laid out as the template's loop
    over them laid them out: one tag for a page's fifty rows."""
    return mark_safe("".join(f"\n      {statement_row(statement, table, hide_speaker, id_prefix)}\n      " for statement in statements))


def plural(count, word):
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@register.simple_tag
def support(citations, total=None):
    """How many sources, and independent outlets, the excerpts shown of a fact come from."""
    citations = list(citations)
    if not citations:
        return ""
    counted = count_support(citations)
    words = (
        f"{plural(counted['sources'], 'source')}, "
        f"{plural(counted['independent_outlets'], 'independent outlet')}"
    )
    if total is not None and total > len(citations):
        words = f"Its first {len(citations)} excerpts come from {words}."
    else:
        words = f"Supported by {words}."
    return mark_safe(f'<p class="support">{esc(words)}</p>')


@register.simple_tag
def counted(number, unit: str) -> str:
    """A count with its unit as it reads: "1 regiment", "2 regiments", "1 aircraft"."""
    return f"{number} {unit_as_counted(number, unit)}"
