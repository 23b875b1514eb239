"""HTML written in Python for the parts of a page repeated per row or per option: escaping
as Django's `conditional_escape` and `format_html` do, without their lazy-string wrappers,
which cost more than the escaping on a page of a few thousand values."""
import html

from django.conf import settings
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe


def esc(value) -> SafeString:
    """What `conditional_escape` answers: a number (a key, a count, a coordinate) as its
    digits, and a text holding none of the five characters escaped as itself, since escaping
    it (again) changes nothing; only a text that needs it goes through `html.escape`."""
    kind = type(value)
    if kind is str:
        if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
            return SafeString(html.escape(value))
        return value
    if kind is int or kind is float:
        return str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return SafeString(html.escape(str(value)))


def quick_html(format_string, *args) -> SafeString:
    """What `format_html` answers (positional arguments only)."""
    return mark_safe(format_string.format(*(esc(arg) for arg in args)))


def number(value) -> str:
    """What a template writes for `{{ value }}`, a whole number (a count, a key): its digits,
    unless the settings group thousands, when Django's localized form (the slower road)."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return localize(value)
