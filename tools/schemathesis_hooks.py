"""Schemathesis hooks for tools/run_schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

OpenAPI 3.0 describes each parameter on its own, so it cannot say that a year span must
not end before it starts (`year_to` >= `year_from`), which the API rejects with 400.
Before each request a generated span is put in order, so a schema-valid request stays
valid (every phase calls `before_call`; the coverage phase skips the map_* hooks).

Likewise a cursor (`after`, `before`) is valid only as an answer's `next` or `previous`
link carries it (it is signed), and not with `page` nor with the other: a generated one is
refused with 400, as the tests check, so it is dropped before the request.
"""
import schemathesis


def _year(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@schemathesis.hook
def before_call(context, case, kwargs):
    query = case.query
    if not isinstance(query, dict):
        return
    start, end = _year(query.get("year_from")), _year(query.get("year_to"))
    if start is not None and end is not None and end < start:
        query["year_from"], query["year_to"] = query["year_to"], query["year_from"]
    for name in ("after", "before"):
        query.pop(name, None)
