"""How much weight a fact's evidence carries: how many sources cite it, and how many independent
voices those are.

A source's voice is the agencies it relays or credits when it names any (two reprints of one
TASS wire are one voice, whoever republished them), otherwise its outlet, otherwise the unnamed
article itself. Sources whose voices share an agency or outlet count once.
"""
from django.db.models import CharField, F, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast


def with_origins(citations):
    """Citations annotated with what `support` reads of their source, in the same query."""
    from deals.models import Source

    through = Source.agencies.through
    agencies = (
        through.objects.filter(source_id=OuterRef("source_id"))
        .values("source_id")
        .annotate(ids=StringAgg(Cast("organisation_id", CharField()), Value(",")))
        .values("ids")
    )
    return citations.annotate(source_agency_ids=Subquery(agencies), source_outlet_id=F("source__outlet_id"))


def voices(citation) -> set[str]:
    if hasattr(citation, "source_agency_ids"):
        agency_ids, outlet_id = (citation.source_agency_ids or "").split(","), citation.source_outlet_id
    else:  # citations read without `with_origins`: their source answers, a query or two more
        agency_ids = [agency.pk for agency in citation.source.agencies.all()]
        outlet_id = citation.source.outlet_id
    agencies = {f"org{pk}" for pk in agency_ids if pk}
    if agencies:
        return agencies
    if outlet_id:
        return {f"org{outlet_id}"}
    return {f"source{citation.source_id}"}


def support(citations) -> dict:
    """`sources`: the distinct sources citing a fact; `independent_outlets`: how many voices
    they are once sources sharing a relayed agency or an outlet are counted together."""
    parent: dict[str, str] = {}

    def find(key):
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    sources = set()
    for citation in citations:
        sources.add(citation.source_id)
        node = f"source{citation.source_id}"
        for voice in voices(citation):
            parent[find(voice)] = find(node)
    return {
        "sources": len(sources),
        "independent_outlets": len({find(f"source{pk}") for pk in sources}),
    }
