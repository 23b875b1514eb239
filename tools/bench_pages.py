"""Prints each public page's median server time and its number of SQL queries.

    .venv/bin/python tools/bench_pages.py [REQUESTS]

Requests every page REQUESTS times (default 30) through Django's test client (the whole
request/response cycle in-process, no network) against the curated data in a throwaway
SQLite file (or DATABASE_URL), after one warm-up request each.
"""
import statistics
import sys
import time

import benchdb
from django.db import connection
from django.test.utils import CaptureQueriesContext

PAGES = [
    "/",
    "/deals/",
    "/deals/?recipient=TR&status=delivered&status=negotiating",
    "/deals/ru-tr-s-400/",
    "/deals/ru-ir-s-400/",
    "/countries/",
    "/countries/TR/",
    "/timeline/",
    "/timeline/?year_from=2019&year_to=2019",
    "/statements/",
    "/statements/17/",
    "/people/",
    "/people/dmitry-peskov/",
    "/organisations/bloomberg/",
    "/systems/",
    "/systems/s-400/",
    "/sources/",
    "/sources/002_3883c2c760ea2280/",
    "/search/?q=Ankara",
]


def main(requests=30):
    benchdb.prepare()
    client = benchdb.client()
    print(f"{'page':58} {'median ms':>9} {'queries':>7}   ({requests} requests each, {connection.vendor})")
    for url in PAGES:
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - start)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(f"{url:58} {statistics.median(times) * 1000:9.1f} {len(queries.captured_queries):7}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
