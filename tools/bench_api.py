"""Prints the API's response times for a filtered deal list.

    .venv/bin/python tools/bench_api.py [REQUESTS]

Sends REQUESTS (default 200) GET /api/deals/?recipient=TR&status=delivered through
Django's test client (the whole request/response cycle in-process, no network), against
the curated data in a throwaway SQLite file (or DATABASE_URL), and prints the median,
90th percentile and the queries per request.
"""
import statistics
import sys
import time

import benchdb
from django.db import connection
from django.test.utils import CaptureQueriesContext

URL = "/api/deals/?recipient=TR&status=delivered"


def main(requests=200):
    benchdb.prepare()
    client = benchdb.client()
    assert client.get(URL).status_code == 200  # warm up: imports, URL resolver, caches
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(URL)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    times.sort()
    print(f"GET {URL} x {requests} (Django test client, {connection.vendor})")
    print(f"  median {statistics.median(times) * 1000:.1f} ms, p90 {times[int(len(times) * 0.9)] * 1000:.1f} ms, "
          f"min {times[0] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms")
    print(f"  {len(queries.captured_queries)} queries per request, {len(response.content)} bytes")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
