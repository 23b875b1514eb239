"""Prints what caching saves: the median server time and SQL queries of a page rendered in
full, answered from the page cache, and answered 304 to a conditional GET.

    .venv/bin/python tools/bench_caching.py [REQUESTS] [URL ...]

Each URL (default /deals/ and a few others) REQUESTS times (default 50) per way, through
Django's test client (the whole request/response cycle in-process, no network) against the
curated data in a throwaway SQLite file (or DATABASE_URL), after one warm-up request each.
"""
import statistics
import sys
import time

import benchdb
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

PAGES = ["/deals/", "/deals/?recipient=TR&status=delivered", "/countries/TR/", "/timeline/", "/api/deals/"]


def measure(client, url, requests, **headers):
    assert client.get(url, **headers).status_code in (200, 304), url
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url, **headers)
        times.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, **headers)
    return statistics.median(times) * 1000, len(queries.captured_queries), response.status_code


def main(requests, urls):
    benchdb.prepare()
    client = benchdb.client()
    print(f"{'page':42} {'way':12} {'median ms':>9} {'queries':>7} {'status':>6}   ({requests} requests each, {connection.vendor})")
    for url in urls:
        with override_settings(PAGE_CACHE_SECONDS=0):
            full = measure(client, url, requests)
            etag = client.get(url)["ETag"]
            conditional = measure(client, url, requests, HTTP_IF_NONE_MATCH=etag)
        cache.clear()
        with override_settings(PAGE_CACHE_SECONDS=600):
            cached = measure(client, url, requests)
        for way, (ms, queries, status) in (("full", full), ("page cache", cached), ("304", conditional)):
            print(f"{url:42} {way:12} {ms:9.2f} {queries:7} {status:6}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    count = int(arguments.pop(0)) if arguments and arguments[0].isdigit() else 50
    main(count, arguments or PAGES)
