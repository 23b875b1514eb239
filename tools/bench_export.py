"""Prints time and peak memory of the streamed exports at several list lengths.

    .venv/bin/python tools/bench_export.py [STATEMENTS ...]

For each STATEMENTS (default 2,000, 10,000 and 20,000) it adds synthetic statements in
bulk to the curated data (in a throwaway SQLite file, or DATABASE_URL) until there are
that many, then streams /export/statements.csv, the same as JSON, and the full dataset
/export/dataset.json through Django's test client, reading each chunk and dropping it as a
client would.

Two measures of memory:
- peak Python memory: the most the interpreter's own allocations reached while one export
  ran, measured with tracemalloc (which slows the run down, so the time printed is from a
  separate run without it). Flat across lengths means the export is streamed.
- max RSS: the process's resident-set high-water mark so far (`resource.getrusage`),
  which includes the interpreter, Django, SQLite's cache and the test data; it only grows.
"""
import resource
import sys
import time
import tracemalloc

import benchdb

from deals.models import Person, Statement

URLS = ["/export/statements.csv", "/export/statements.json", "/export/dataset.json"]


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


def add_statements(total):
    speaker = Person.objects.get(slug="dmitry-peskov")
    start = Statement.objects.count()
    Statement.objects.bulk_create(
        (Statement(speaker=speaker, text=f"Synthetic statement {n} about S-400 deliveries.", mode="reported")
         for n in range(start, total)),
        batch_size=2000,
    )


def max_rss_mb():
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(sizes=(2_000, 10_000, 20_000)):
    benchdb.prepare()
    client = benchdb.client()
    print("peak = Python allocations while one export runs, measured with tracemalloc; "
          "time from a separate run without it; max RSS = the process's high-water mark so far")
    for total in sorted(sizes):
        add_statements(total)
        print(f"{Statement.objects.count()} statements")
        for url in URLS:
            seconds, _, lines, size = stream(client, url, trace=False)
            _, peak, _, _ = stream(client, url, trace=True)
            print(f"  {url}: {lines} lines, {size / 1e6:.1f} MB in {seconds:.2f} s "
                  f"({seconds / max(lines, 1) * 1e6:.0f} µs per line); peak {peak / 1e6:.1f} MB; "
                  f"max RSS {max_rss_mb():.0f} MB")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or (2_000, 10_000, 20_000))
