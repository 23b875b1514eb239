"""The article ingestion assistant's extractors: pure Python, one module per kind of draft.

``extract_all`` runs them all over an article's text and returns Findings (see ``base``),
each with the offsets of its evidence. The caller supplies the names to recognise (a
``Lexicon`` read from the knowledge base) and the publication date relative dates resolve
against; nothing here touches the database or the network.
"""
from deals.approximate_dates import ApproximateDate

from . import nlp
from .base import Finding, Kind, Lexicon, OrganisationName, SystemName, sentences
from .countries import find_countries
from .dates import find_dates
from .deals import find_deals
from .money import find_money
from .quantities import find_quantities
from .statements import find_statements
from .systems import find_systems

__all__ = ["Finding", "Kind", "Lexicon", "OrganisationName", "SystemName", "extract_all"]


def extract_all(text: str, *, published: ApproximateDate | None, lexicon: Lexicon) -> list[Finding]:
    spans = sentences(text)
    doc = nlp.parse(text, sentence_starts=[span.start for span in spans])  # once per article, for the extractors that read syntax
    countries = find_countries(text, lexicon=lexicon, sentence_spans=spans)
    systems = find_systems(text, lexicon=lexicon, sentence_spans=spans)
    dates = find_dates(text, published=published, sentence_spans=spans, doc=doc)
    quantities = find_quantities(text, sentence_spans=spans, doc=doc)
    findings = [
        *find_statements(text, lexicon=lexicon, dates=dates, sentence_spans=spans, doc=doc, new_organisations=True),
        *find_deals(text, countries=countries, systems=systems, dates=dates, quantities=quantities, doc=doc,
                    sentence_spans=spans),
        *find_money(text, sentence_spans=spans),
        *quantities,
        *dates,
        *countries,
        *systems,
    ]
    return sorted(findings, key=lambda f: (Kind.ALL.index(f.kind), f.words_start, f.start))
