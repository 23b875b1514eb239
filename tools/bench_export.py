"""Prints time and peak memory of the streamed exports.

    .venv/bin/python tools/bench_export.py [STATEMENTS]

Adds STATEMENTS (default 20,000) synthetic statements in bulk to the curated data (in a
throwaway SQLite file, or DATABASE_URL), then streams /export/statements.csv, the same as
JSON, and the full dataset /export/dataset.json through Django's test client, reading each
chunk and dropping it as a client would. Peak memory is Python's allocations measured with
tracemalloc while one export runs (tracemalloc slows the run down; the time printed is
measured without it, in a separate run).
"""
import sys
import time
import tracemalloc

import benchdb

from deals.models import Person, Statement


def stream(client, url, *, trace):
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    lines = size = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\n")
        size += len(chunk)
    seconds = time.perf_counter() - start
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return seconds, peak, lines, size


def main(count=20_000):
    benchdb.prepare()
    speaker = Person.objects.get(slug="dmitry-peskov")
    Statement.objects.bulk_create(
        (Statement(speaker=speaker, text=f"Synthetic statement {n} about S-400 deliveries.", mode="reported")
         for n in range(count)),
        batch_size=2000,
    )
    client = benchdb.client()
    print(f"{Statement.objects.count()} statements")
    for url in ["/export/statements.csv", "/export/statements.json", "/export/dataset.json"]:
        seconds, _, lines, size = stream(client, url, trace=False)
        _, peak, _, _ = stream(client, url, trace=True)
        print(f"{url}: {lines} lines, {size / 1e6:.1f} MB in {seconds:.1f} s "
              f"({seconds / max(lines, 1) * 1e6:.0f} µs per line); peak Python memory {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
