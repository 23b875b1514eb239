"""Links to addresses that come from the database: only http(s) ones become links.

The database refuses other schemes (`source_url_http_or_https`), but a row written around the
model (raw SQL, a restored backup, `update()`) is not checked, and a `javascript:` address
in an href would run when clicked; the page then shows it as text.
"""
from urllib.parse import urlsplit

from django import template

register = template.Library()

WEB_SCHEMES = {"http", "https"}


@register.filter
def is_web_url(value) -> bool:
    """True for an absolute http:// or https:// address with a host, in any case."""
    if not isinstance(value, str) or not value:
        return False
    # Browsers ignore leading spaces and control characters and tabs or newlines anywhere in a
    # URL ("java\tscript:" runs); a value holding any of them is never linked.
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)
