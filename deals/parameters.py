"""Checks on query parameters that no FilterSet makes: a NUL byte in any parameter, and a
malformed `page`. Every list (its page, its API list and its downloads) runs them through
its declaration's `Listing.filter` (lists/registry.py); the search page and the search API
call them directly. So each answers a bad value with the same 400 and message."""
import re

NUL_MESSAGE = "Contains a NUL character, which no value may contain."
PAGE_PARAMETER = "page"
# The largest page number a client may ask for: a signed 32-bit integer, as the schema says.
MAX_PAGE = 2**31 - 1
PAGE_NUMBER = re.compile(r"[0-9]+")
# Python's int() reads at most this many digits (its default limit); Django's paginator
# reads the page number with int() too, so a longer one, even if mostly leading zeros, is refused.
MAX_DIGITS = 4300
PAGE_MESSAGE = f"A page number is a whole number from 1 to {MAX_PAGE}."


def nul_problems(query):
    """{parameter: [message]} for every parameter (known or not) whose name or value holds NUL."""
    return {
        name.replace("\x00", "\\x00"): [NUL_MESSAGE]
        for name, values in query.lists()
        if "\x00" in name or any("\x00" in value for value in values)
    }


def page_problems(query):
    """{"page": [message]} when `page` is given but is no page number (`abc`, `0`, `-1`, one
    too long for any list) or is given twice; empty means the first page. A well-formed page
    past the last is not a problem of the input but of the list: the paginator's 404."""
    values = [value for value in query.getlist(PAGE_PARAMETER) if "\x00" not in value]
    if len(values) > 1:
        return {PAGE_PARAMETER: [f"Give {PAGE_PARAMETER} only once; it takes a single value."]}
    if values and values[0] != "" and not is_page_number(values[0]):
        return {PAGE_PARAMETER: [PAGE_MESSAGE]}
    return {}


def is_page_number(value):
    """Whether `value` is a whole number from 1 to MAX_PAGE. Its length is checked before
    int() reads it: int() refuses a string of more than MAX_DIGITS digits with an error."""
    return bool(PAGE_NUMBER.fullmatch(value)) and len(value) <= MAX_DIGITS and 1 <= int(value) <= MAX_PAGE
