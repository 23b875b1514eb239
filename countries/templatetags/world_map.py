"""`{% world_map %}`: the world map of recipients (`countries.world_map`) on a page, as of the
page's `as_of` and in its `scope`, framed as its `map_whole_world` says (the view reads
`frame`, `countries.world_map.whole_world_parameter`); `{% world_map focus=country %}`
emphasises a country."""
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from deals.models import DealScope

from ..world_map import world_map as build_world_map

register = template.Library()


@register.inclusion_tag("includes/world_map.html", takes_context=True)
def world_map(context, focus=None):
    request = context["request"]
    scope = context.get("scope") or DealScope.S_400
    whole_world = context.get("map_whole_world", False)
    day = context.get("as_of")
    # The page's own address with the other frame, and the map's own page in the same state.
    other_frame = request.GET.copy()
    other_frame.pop("frame", None)
    if not whole_world:
        other_frame["frame"] = "world"
    own_page = {"scope": scope}
    if day:
        own_page["as_of"] = day.isoformat()
    if focus is not None:
        own_page["country"] = focus.code
    if whole_world:
        own_page["frame"] = "world"
    return {
        "map": build_world_map(request, day=day, scope=scope, focus=focus, whole_world=whole_world),
        "request": request,
        "map_page": context.get("map_page", False),
        "other_frame_url": f"{request.path}?{other_frame.urlencode()}#world-map" if other_frame else f"{request.path}#world-map",
        "own_page_url": f"{reverse('countries:world_map')}?{urlencode(own_page)}",
        "s400": DealScope.S_400,
    }

