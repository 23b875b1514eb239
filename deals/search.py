"""What of the deals app the site search finds: deals, statements, people, weapon systems
and sources, each as one document (see `search.registry` for the shape of a declaration).

Plain declarations: the search app reads `indexes` when it starts; this app does not import it.
"""
from collections import defaultdict
from dataclasses import replace

from countries.models import CountryAlias
from deals.models import Deal, Person, Source, Statement, WeaponSystem, WeaponSystemAlias
from deals.templatetags.browsing import date_label


def _words(*values):
    """The values that are set, as one line of words."""
    return " ".join(str(value) for value in values if value)


class DealIndex:
    kind = "deal"
    model = Deal
    verbose_name = "Deal"

    @staticmethod
    def queryset():
        return Deal.objects.select_related("supplier", "recipient", "system").prefetch_related(
            "system__aliases", "supplier__aliases", "recipient__aliases"
        )

    @staticmethod
    def document(deal):
        system = deal.system
        return {
            "title": deal.label,
            "names": [],
            # Both parties by every name, so "Ankara" finds each of Turkey's deals, not only
            # those whose summary happens to say "Ankara". Copies: a new alias reaches the
            # deals' documents when they are saved or the index is rebuilt.
            "keywords": _words(
                deal.slug, system and system.name, *(alias.name for alias in system.aliases.all()) if system else (),
                deal.supplier.name, deal.recipient.name, deal.get_status_display(),
                *(alias.name for alias in deal.supplier.aliases.all()),
                *(alias.name for alias in deal.recipient.aliases.all()),
            ),
            "body": deal.summary,
        }

    @staticmethod
    def also_known_as(keys):
        """{deal's key: [(role, name, [other names])]} of its system and parties, whose
        names its keywords copy: a hit found by one of them says whose it is. Three queries
        whatever the number of deals: theirs, their countries' aliases, their systems'."""
        deals = list(Deal.objects.filter(pk__in=keys).select_related("supplier", "recipient", "system"))
        others = defaultdict(list)
        codes = {code for deal in deals for code in (deal.supplier_id, deal.recipient_id)}
        for code, name in CountryAlias.objects.filter(country__in=codes).values_list("country", "name"):
            others["country", code].append(name)
        systems = {deal.system_id for deal in deals if deal.system_id}
        for system, name in WeaponSystemAlias.objects.filter(system__in=systems).values_list("system", "name"):
            others["system", system].append(name)
        named = {}
        for deal in deals:
            parts = [("Supplier", deal.supplier.name, others["country", deal.supplier_id]),
                     ("Recipient", deal.recipient.name, others["country", deal.recipient_id])]
            if deal.system:
                parts.insert(0, ("System", deal.system.name, others["system", deal.system_id]))
            named[str(deal.pk)] = parts
        return named


def _date_said(statement):
    """The statement's day as `date_label` reads it ("10 Jul 2019"), or "" when undated. A
    record saved from strings (a fixture row, a builder's) still holds its days as strings."""
    date = statement.approximate_date
    if date is None:
        return ""
    day = Statement._meta.get_field("date_earliest").to_python
    return date_label(replace(date, earliest=day(date.earliest), latest=day(date.latest)))


class StatementIndex:
    kind = "statement"
    model = Statement
    verbose_name = "Statement"

    @staticmethod
    def queryset():
        return Statement.objects.select_related("speaker", "organisation", "medium")

    @staticmethod
    def document(statement):
        # Titled by who spoke and when, the day normalised ("Apr 2018"): the source's own
        # words ("on Wednesday", "back in April") say nothing out of their article.
        said = _date_said(statement)
        return {
            "title": f"{statement.attribution}{', ' + said if said else ''}",
            "names": [],
            # The speaker and body are in the title already; repeating them would rank a
            # statement above the page of the person who said it.
            "keywords": _words(statement.speaker_role, statement.medium and statement.medium.name, statement.setting),
            "body": statement.text,
        }


class PersonIndex:
    kind = "person"
    model = Person
    verbose_name = "Person"

    @staticmethod
    def queryset():
        return Person.objects.select_related("country")

    @staticmethod
    def document(person):
        return {"title": person.name, "names": [], "keywords": _words(person.country), "body": person.description}


class WeaponSystemIndex:
    kind = "system"
    model = WeaponSystem
    verbose_name = "Weapon system"
    # A system's aliases are its names in its document.
    refresh_on = {WeaponSystemAlias: "system"}

    @staticmethod
    def queryset():
        return WeaponSystem.objects.select_related("maker", "maker_country").prefetch_related("aliases")

    @staticmethod
    def document(system):
        return {
            "title": system.name,
            "names": [alias.name for alias in system.aliases.all()],
            "keywords": _words(system.maker, system.maker_country),
            "body": system.description,
        }


class SourceIndex:
    kind = "source"
    model = Source
    verbose_name = "Source"

    @staticmethod
    def queryset():
        return Source.objects.select_related("outlet")

    @staticmethod
    def document(source):
        return {"title": str(source), "names": [], "keywords": _words(source.outlet, source.slug), "body": source.text}


indexes = [DealIndex, StatementIndex, PersonIndex, WeaponSystemIndex, SourceIndex]
