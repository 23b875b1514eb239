"""Prints what the pages drawing the charts over time cost on the first request after a save
(cold: a new knowledge-base version, nothing kept for it yet) and on the next (warm), with
the code of another checkout (before) and this one (after), alternately in the same run.

    DATABASE_URL=postgres://…/s400kb_scale .venv/bin/python tools/bench_chart_counts.py \
        --before /work/main [--rounds 5]

Both are served in-process by Django's test client, each in a process of its own, with the
production settings (no Redis: a per-process cache; static files uncollected) and the page
cache off, against the same
database (migrated to this checkout: the other's code ignores the tables it does not know).
A save is what `tools/bench_scale.py` makes it: a version row added, no record touched. The
pages: home, the busiest country (most deals as recipient), the timeline, and the system in
the most deals. Each round asks before, then after, for each page: a new version, the cold
request, the warm one. Prints the median and the worst of each, in ms, and after/before;
then the charts' numbers alone for the same choices, grouped from the facts as before and
read from the stored counts as now (`deals.charts.scanned_*`, `stored_spans`).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def serve(checkout):
    """The worker: reads a path per line, answers its status and server time in ms."""
    sys.path.insert(0, str(checkout))
    os.chdir(checkout)
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client, override_settings

    # The static files as they are (no collected manifest in a checkout): their addresses
    # cost the same either way.
    override_settings(STORAGES={
        **settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }).enable()

    client = Client(HTTP_HOST="localhost")
    print("ready", flush=True)
    for line in sys.stdin:
        path = line.strip()
        started = time.perf_counter()
        response = client.get(path, secure=True)
        elapsed = (time.perf_counter() - started) * 1000
        print(json.dumps([response.status_code, elapsed]), flush=True)


def worker(checkout):
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.prod", "DJANGO_SECRET_KEY": "bench-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "localhost", "DJANGO_PAGE_CACHE_SECONDS": "0", "REDIS_URL": "",
        "DJANGO_LOG_LEVEL": "WARNING", "PYTHONPATH": str(checkout),
    }
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(checkout)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, env=env, cwd=checkout,
    )
    assert process.stdout.readline().strip() == "ready"
    return process


def ask(process, path):
    process.stdin.write(path + "\n")
    process.stdin.flush()
    status, elapsed = json.loads(process.stdout.readline())
    assert status == 200, (path, status)
    return elapsed


def charts_alone(country, system, rounds):
    """The two bar charts' numbers of each page's choice, computed as a cold request computes
    them: grouped from the facts (before) and read from the stored counts (after)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from countries.models import Country
    from deals.charts import ChartChoice, scanned_activity, scanned_statements, stored_spans
    from deals.models import WeaponSystem

    choices = {
        "every deal": ChartChoice(), "the S-400 scope": ChartChoice(scope="s-400"),
        f"country {country}": ChartChoice(country=Country.objects.get(code=country)),
        f"system {system}"[:23]: ChartChoice(system=WeaponSystem.objects.get(slug=system)),
    }
    ways = {
        "before": lambda choice: (scanned_activity(choice), scanned_statements(choice)),
        "after": lambda choice: (stored_spans(["contracts", "deliveries"], choice),
                                 stored_spans(["asserts", "denies", "comments"], choice)),
    }
    times = {(name, way): [] for name in choices for way in ways}
    for _ in range(rounds):
        for name, choice in choices.items():
            for way, compute in ways.items():
                started = time.perf_counter()
                compute(choice)
                times[name, way].append((time.perf_counter() - started) * 1000)
    print("the charts' numbers alone (activity and statements), ms, median (worst)")
    for name in choices:
        before, after = times[name, "before"], times[name, "after"]
        print(f"{name:<30}{statistics.median(before):>9.0f} ({max(before):>4.0f})"
              f"{statistics.median(after):>9.1f} ({max(after):>5.1f})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--serve", type=Path)
    arguments = parser.parse_args()
    if arguments.serve:
        return serve(arguments.serve)

    import psycopg2

    url = os.environ["DATABASE_URL"]
    connection = psycopg2.connect(url)
    connection.autocommit = True
    cursor = connection.cursor()
    cursor.execute("SELECT recipient_id FROM deals_deal GROUP BY recipient_id ORDER BY count(*) DESC, recipient_id LIMIT 1")
    country = cursor.fetchone()[0]
    cursor.execute("SELECT w.slug FROM deals_weaponsystem w JOIN deals_deal d ON d.system_id = w.id "
                   "GROUP BY w.slug ORDER BY count(*) DESC, w.slug DESC LIMIT 1")
    system = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM deals_deal")
    deals = cursor.fetchone()[0]
    pages = {"home": "/", f"country {country}": f"/countries/{country}/", "timeline": "/timeline/",
             f"system {system}": f"/systems/{system}/"}
    workers = {"before": worker(arguments.before), "after": worker(ROOT)}
    timings = {(name, code, state): [] for name in pages for code in workers for state in ("cold", "warm")}
    for _ in range(arguments.rounds):
        for name, path in pages.items():
            for code, process in workers.items():
                cursor.execute("INSERT INTO history_dataversion (at, reason) VALUES (now(), 'bench: a new version')")
                timings[name, code, "cold"].append(ask(process, path))
                timings[name, code, "warm"].append(ask(process, path))
    for process in workers.values():
        process.stdin.close()
        process.wait()
    print(f"{deals:,} deals; {arguments.rounds} rounds; ms, median (worst)")
    print(f"{'page':<24}{'state':<6}{'before':>16}{'after':>16}{'after/before':>14}")
    for name in pages:
        for state in ("cold", "warm"):
            before, after = timings[name, "before", state], timings[name, "after", state]
            print(f"{name[:23]:<24}{state:<6}{statistics.median(before):>9.0f} ({max(before):>4.0f})"
                  f"{statistics.median(after):>9.0f} ({max(after):>4.0f})"
                  f"{statistics.median(after) / statistics.median(before):>14.2f}")
    charts_alone(country, system, arguments.rounds)


if __name__ == "__main__":
    main()
