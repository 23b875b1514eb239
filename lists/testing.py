"""Reading a list page's facets (`lists.filters.FacetCheckboxes`, `FacetRadios`, and a
type-ahead filter's counted boxes) as a person reads them, for the apps' tests: each box's
value with its label's words and count."""
import html as html_module
import re

FACET = r'<div class="facet" id="id_{name}" data-facet( data-narrow)?>.*?</div>'
BOX = (
    r'<input type="(?:checkbox|radio)" name="(?P<name>[^"]+)" value="(?P<value>[^"]*)" id="[^"]*"(?P<checked> checked)?>'
    r' (?P<label>[^<]*) <span class="count">(?P<count>[^<]*)</span>'
)


def facet(page, name):
    """{value: "Label (count)"} of the facet `name` on the page (HTML text), in its order."""
    found = re.search(FACET.format(name=re.escape(name)), page, re.DOTALL)
    assert found, f"no facet {name}"
    return {
        html_module.unescape(box["value"]): html_module.unescape(f"{box['label']} {box['count']}".strip())
        for box in re.finditer(BOX, found.group(0))
    }


def facet_aliases(page, name):
    """{value: [other names]} of the facet `name`'s choices that carry some (`data-aliases`,
    what its narrowing box matches besides the label)."""
    found = re.search(FACET.format(name=re.escape(name)), page, re.DOTALL)
    assert found, f"no facet {name}"
    choices = re.finditer(r'<li data-aliases="(?P<aliases>[^"]*)"><label[^>]*><input [^>]*value="(?P<value>[^"]*)"', found.group(0))
    return {
        html_module.unescape(choice["value"]): html_module.unescape(choice["aliases"]).split("\n") for choice in choices
    }


def ticked(page, name):
    """The values of the facet `name` whose boxes are ticked."""
    found = re.search(FACET.format(name=re.escape(name)), page, re.DOTALL)
    return [box["value"] for box in re.finditer(BOX, found.group(0)) if box["checked"]]


TYPE_AHEAD = r'<div class="type-ahead">.*?</div>'
COUNTED_BOX = (
    r'<input type="checkbox" name="{name}" value="(?P<value>[^"]*)" id="[^"]*"(?P<checked> checked)?>'
    r' (?P<label>[^<]*) <span class="count">(?P<count>[^<]*)</span>'
)


def leading(page, name):
    """(chosen, leaders) of the type-ahead filter `name`'s counted boxes on the page: each
    {value: "Name (count)"}, the chosen records' and the leading ones', in their order."""
    start = page.index(f'id="id_{name}"')
    found = re.search(TYPE_AHEAD, page[page.rindex('<div class="type-ahead">', 0, start):], re.DOTALL)
    chosen, leaders = {}, {}
    for box in re.finditer(COUNTED_BOX.format(name=re.escape(name)), found.group(0)):
        shown = chosen if box["checked"] else leaders
        shown[html_module.unescape(box["value"])] = html_module.unescape(f"{box['label']} {box['count']}")
    return chosen, leaders
