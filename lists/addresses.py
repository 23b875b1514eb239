"""A record's page address by a named route taking one key (a slug, a code, a number), at a
fraction of `reverse`'s cost: a list page writes several addresses on each of its rows
(a deal's, its recipient's, its supplier's), and `reverse` matches the route's pattern
again for every one of them.

The route is reversed once (per URL configuration and script prefix) with two different
placeholder keys; what both answers share before and after the key is the address around
any key. A key made only of letters, digits, hyphens and underscores is written between
them as `reverse` writes it (it quotes none of those characters, and every converter
the routes use accepts them); any other key goes through `reverse` itself, so it is
checked and quoted as usual.
"""
import functools
import re

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

PLAIN_KEY = re.compile(r"[-A-Za-z0-9_]+")
# Digits only, so that a route taking a number accepts them too; they differ in their
# first and their last character, so the shared beginning and end stop at the key.
PLACEHOLDERS = ("1357", "2468")


@functools.lru_cache(maxsize=256)
def around_key(name: str, urlconf, prefix: str) -> tuple[str, str]:
    """(before, after): the address of route `name` is before + key + after."""
    first, second = (reverse(name, urlconf=urlconf, args=[placeholder]) for placeholder in PLACEHOLDERS)
    start = 0
    while first[start] == second[start]:
        start += 1
    end = 0
    while first[len(first) - 1 - end] == second[len(second) - 1 - end]:
        end += 1
    return first[:start], first[len(first) - end:]


def address(name: str, key) -> str:
    """What `reverse(name, args=[key])` answers."""
    key = str(key)
    if not PLAIN_KEY.fullmatch(key):
        return reverse(name, args=[key])
    before, after = around_key(name, get_urlconf(), get_script_prefix())
    return f"{before}{key}{after}"


@functools.lru_cache(maxsize=64)
def _route(name: str, urlconf, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


def route(name: str) -> str:
    """What `reverse(name)` answers for a route taking no key (a list page), reversed once
    per URL configuration and script prefix: the `{% url %}` of a link written on every row."""
    return _route(name, get_urlconf(), get_script_prefix())


@receiver(setting_changed)
def forget_addresses(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        around_key.cache_clear()
        _route.cache_clear()
