"""`{% world_map %}`: the world map of recipients (`countries.world_map`) on a page, as of the
page's `as_of` and in its `scope`; `{% world_map focus=country %}` emphasises a country."""
from django import template

from deals.models import DealScope

from ..world_map import world_map as build_world_map

register = template.Library()


@register.inclusion_tag("includes/world_map.html", takes_context=True)
def world_map(context, focus=None):
    request = context["request"]
    scope = context.get("scope") or DealScope.S_400
    return {
        "map": build_world_map(request, day=context.get("as_of"), scope=scope, focus=focus),
        "request": request,
        "map_page": context.get("map_page", False),
        "s400": DealScope.S_400,
    }
