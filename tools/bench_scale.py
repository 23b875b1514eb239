"""Serves the curated data and a generated database side by side and prints what each page costs.

    .venv/bin/python tools/bench_scale.py --scale 1 [--requests 30] [--reuse [--refresh]]
        [--datasette PATH] [--only WORD ...] [--prefix NAME]

Two PostgreSQL databases (on DATABASE_URL's server, default postgres@127.0.0.1:5432):
`s400kb_bench_curated` (the curated data alone) and `s400kb_bench_<scale>` (the curated data
plus `generate_sample_data --scale SCALE --seed 1`); `--prefix` names them otherwise.
`--reuse` keeps a database that an earlier run finished building with the same scale and
seed (generation takes minutes), migrated to the code measured; `--refresh` also rebuilds its
read model and search index. `--only` measures the page families whose names hold one of the
words given (for example `--only country search`), without the exports; `--exports` names
the exports to measure (the whole dataset.json takes a long while at scale 10).

Each is served by gunicorn with one sync worker and the production settings, plus a bare
Django view in a third gunicorn for the floor of the stack. Every page family is requested
REQUESTS times on each database, alternately (curated, generated, curated, …) so a noisy
machine weighs on both alike, and the script prints per family: p50 and p95 on each, requests
per second at scale, SQL queries and response size on each (queries counted in-process with
Django's test client), and the ratio of p95 at scale to p95 on the curated data — the figure
that counts on a shared machine. Then the exports: time and peak RSS of the gunicorn worker
that streamed them. The families in COLD_AFTER_SAVE are measured once more on the first request
after a save (a new knowledge-base version row, `new_version`; no record is touched): what
the totals and choices kept per version cost the request that computes them afresh, which the
warm requests above never pay. With `--datasette` (the `datasette` executable; `make .venv-bench/.installed`
installs Datasette 0.65 into .venv-bench, and `make bench-scale` passes it), the filtered deal list is compared with Datasette
serving the generated deals as one denormalised SQLite table, alternately in the same run.

The long lists' deep pages (statements, timeline, API statements) are reached by cursor, as
their next links reach them (`lists.keyset`): the page after the row at 90% of each list, its
cursor signed with the run's secret. On the curated data that page is short (the lists fit on
one page), so compare a deep page at scale with the same list's first page at scale.

Timing assertions have no place here: `.ci/run` runs it at a tiny scale as a smoke test.
"""
import argparse
import json
import os
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# One secret for the run: the deep pages' cursors are signed with it (`cursor_pages`), and
# the served apps and the query counts must read them.
RUN_SECRET = secrets.token_urlsafe(50)
# Lists whose deep pages are reached by cursor (lists.keyset): (family, list, address).
DEEP_CURSOR_PAGES = [
    ("statements, deep page", "statements", "/statements/"),
    ("timeline, deep page", "timeline", "/timeline/"),
    ("API statements, deep page", "statements", "/api/statements/"),
]
# Families measured again on the first request after a save (`new_version`): their totals are
# kept per knowledge-base version, so this is what the request after each save pays (the home
# page's and a country's charts and map too).
COLD_AFTER_SAVE = [
    "home", "a country, the busiest", "timeline", "API timeline", "statements", "API statements", "API citations",
    "sources",
]
SERVER = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
SEED = 1
EXPORTS = ["deals.csv", "statements.csv", "dataset.json"]


def database_url(name):
    parts = urlsplit(SERVER)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def admin_cursor():
    """A cursor outside any transaction, as CREATE and DROP DATABASE need."""
    connection = psycopg2.connect(database_url("postgres"))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


def manage(url, *args, settings="config.settings.dev"):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": settings}
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def build(name, scale, *, reuse, refresh=False):
    """A database holding the curated data, plus generated data when scale is not 0.

    A reused database is migrated to the code being measured; with refresh, its derived tables
    (read model, search index) are rebuilt too, for a change that alters what they hold."""
    label = f"bench scale={scale} seed={SEED}"
    with admin_cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        )
        row = cursor.fetchone()
        if reuse and row and row[0] == label:
            print(f"reusing {name} ({label})", flush=True)
            url = database_url(name)
            manage(url, "migrate", "--noinput", "-v0")
            if refresh:
                manage(url, "refresh_read_model")
                manage(url, "rebuild_search_index")
            return url
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = database_url(name)
    started = time.perf_counter()
    manage(url, "migrate", "--noinput", "-v0")
    manage(url, "load_curated", "-v0")
    if scale:
        manage(url, "generate_sample_data", "--scale", str(scale), "--seed", str(SEED))
    with admin_cursor() as cursor:
        cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS %s", [label])
    print(f"built {name} in {time.perf_counter() - started:.0f} s", flush=True)
    return url


def new_version(url):
    """What a save does to the knowledge base's version (`history.DataVersion`: a row added),
    without touching the records: every cache kept per version misses on the next request."""
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("INSERT INTO history_dataversion (at, reason) VALUES (now(), 'bench: a new version')")
    connection.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(app, env, *, chdir=ROOT, timeout=300):
    """One sync worker serving app; it is killed once a request outlasts timeout seconds (0:
    never, for the exports, which stream for many minutes at scale 10)."""
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", app, "--workers", "1", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--timeout", str(timeout), "--chdir", str(chdir), "--log-level", "warning"],
        env=env, cwd=chdir,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=60).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None:
                    raise SystemExit(f"gunicorn for {app} exited with {process.returncode}") from None
                time.sleep(0.2)
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def app_env(url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DATABASE_URL": url,
        "DJANGO_SECRET_KEY": RUN_SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        # What a page costs to build, not what a cached copy costs to send: the page cache off.
        # Conditional GETs (ETag, 304) are measured on their own below.
        "DJANGO_PAGE_CACHE_SECONDS": "0",
    }


def fetch(url, headers=None):
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=300) as response:
            size = len(response.read())
            status = response.status
    except urllib.error.HTTPError as error:  # a 304 or an error page: its status is the answer
        size, status = len(error.read()), error.code
    return time.perf_counter() - start, size, status


def etag(url):
    with urllib.request.urlopen(url, timeout=300) as response:
        response.read()
        return response.headers.get("ETag")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def pages(url):
    """Each page family's address on the database at url: its busiest records are picked there
    (of the system, organisation, statement and event pages, where several tie, the last by key:
    a generated one rather than a curated one)."""
    with psycopg2.connect(url) as connection, connection.cursor() as cursor:
        def one(sql, fallback=None):
            """The first column of sql's first row; where it finds none (a database without
            such rows joined), fallback's (the first record by key)."""
            cursor.execute(sql)
            row = cursor.fetchone()
            if row is None and fallback:
                cursor.execute(fallback)
                row = cursor.fetchone()
            return row[0]

        deal = one("SELECT d.slug FROM deals_deal d JOIN deals_statement_deals s ON s.deal_id = d.id "
                   "GROUP BY d.slug ORDER BY count(*) DESC, d.slug LIMIT 1")
        person = one("SELECT p.slug FROM deals_person p JOIN deals_statement s ON s.speaker_id = p.id "
                     "GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT 1")
        country = one("SELECT recipient_id FROM deals_deal GROUP BY recipient_id "
                      "ORDER BY count(*) DESC, recipient_id LIMIT 1")
        supplier = one("SELECT supplier_id FROM deals_deal GROUP BY supplier_id "
                       "ORDER BY count(*) DESC, supplier_id LIMIT 1")
        source = one("SELECT s.slug FROM deals_source s JOIN deals_citation c ON c.source_id = s.id "
                     "GROUP BY s.slug ORDER BY count(*) DESC, s.slug LIMIT 1")
        system = one("SELECT w.slug FROM deals_weaponsystem w JOIN deals_deal d ON d.system_id = w.id "
                     "GROUP BY w.slug ORDER BY count(*) DESC, w.slug DESC LIMIT 1",
                     "SELECT slug FROM deals_weaponsystem ORDER BY slug LIMIT 1")
        outlet = one("SELECT o.slug FROM deals_organisation o JOIN deals_source s ON s.outlet_id = o.id "
                     "GROUP BY o.slug ORDER BY count(*) DESC, o.slug DESC LIMIT 1",
                     "SELECT slug FROM deals_organisation ORDER BY slug LIMIT 1")
        statement = one("SELECT statement_id FROM deals_citation WHERE statement_id IS NOT NULL "
                        "GROUP BY statement_id ORDER BY count(*) DESC, statement_id DESC LIMIT 1",
                        "SELECT id FROM deals_statement ORDER BY id LIMIT 1")
        event = one("SELECT event_id FROM deals_citation WHERE event_id IS NOT NULL "
                    "GROUP BY event_id ORDER BY count(*) DESC, event_id DESC LIMIT 1",
                    "SELECT id FROM deals_event ORDER BY id LIMIT 1")
        cursor.execute("SELECT count(*) FROM deals_deal")
        deep = max(1, cursor.fetchone()[0] // 25 // 2)
    return {
        "home": "/",
        "deal list": "/deals/",
        "deal list, filtered": "/deals/?recipient=TR&status=delivered",
        "deal list, deep page": f"/deals/?page={deep}",
        "deal, the biggest": f"/deals/{deal}/",
        "countries": "/countries/",
        "a country, the busiest": f"/countries/{country}/",
        # The country supplying the most deals: its page lists them too, by recipient.
        "a country, the biggest supplier": f"/countries/{supplier}/",
        "timeline": "/timeline/",
        "timeline, one year": "/timeline/?year_from=2019&year_to=2019",
        "statements": "/statements/",
        "statements, by country": "/statements/?country=TR",
        "people": "/people/",
        "person, the busiest": f"/people/{person}/",
        "systems": "/systems/",
        "system, most deals": f"/systems/{system}/",
        "organisation, busiest": f"/organisations/{outlet}/",
        "statement, most cited": f"/statements/{statement}/",
        "event, most cited": f"/events/{event}/",
        "sources": "/sources/",
        "source, most cited": f"/sources/{source}/",
        "search, a rare word": "/search/?q=Ankara",
        "search, a common word": "/search/?q=delivered",
        # The lists' own free-text filter (`?q=`, a substring in any case), a rare and a common
        # word, and a type-ahead field's suggestions for what is typed.
        "deals, q search rare": "/deals/?q=Ankara",
        "deals, q search common": "/deals/?q=negotiating",
        "statements, q search rare": "/statements/?q=Ankara",
        "statements, q search many": "/statements/?q=negotiations",
        "sources, q search": "/sources/?q=Ankara",
        "people, q search": "/people/?q=Peskov",
        "type-ahead search": "/choices/statements/speaker/?q=Peskov",
        "API deals": "/api/deals/",
        "API statements": "/api/statements/",
        "API deals, filtered": "/api/deals/?recipient=TR&status=delivered",
        "API timeline": "/api/timeline/",
        "API people": "/api/people/",
        "API sources": "/api/sources/",
        "API citations": "/api/citations/",
        "API countries": "/api/countries/",
        "API systems": "/api/systems/",
        # The register (issue 13): the S-400 alone, statuses as of a day, a register column's sort.
        "home, S-400 and related": "/?scope=all",
        "home, as of a day": "/?as_of=2018-12-31",
        "deal list, S-400 only": "/deals/?scope=s-400",
        "deal list, as of a day": "/deals/?as_of=2018-12-31",
        "deal list, S-400 signed as of a day": "/deals/?scope=s-400&status=signed&as_of=2018-12-31",
        "deal list, by number delivered": "/deals/?sort=-delivered",
        "a country, as of a day": f"/countries/{country}/?as_of=2018-12-31",
        "API deals, as of a day": "/api/deals/?as_of=2018-12-31",
        # The map of recipients (issue 14) on its own, as its year slider fetches it: every
        # deal's, as of a day (the stages grouped over the periods covering it).
        "map, as of a day": "/map/?scope=all&as_of=2019-12-31",
    }


def cursor_pages(url):
    """The deep pages' addresses on the database at url: each list's page after its row at
    90% of its length, by cursor, computed in a child process set up on that database."""
    output = subprocess.run(
        [PYTHON, __file__, "--cursor-pages"],
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test",
             "BENCH_SECRET": RUN_SECRET},
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def print_cursor_pages():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.http import QueryDict

    from lists.registry import LISTS

    settings.SECRET_KEY = os.environ["BENCH_SECRET"]  # as the served apps sign them
    found = {}
    for family, name, path in DEEP_CURSOR_PAGES:
        listing = LISTS[name]
        records = listing.records if path.startswith("/api/") else listing.rows
        filterset, _ = listing.filter(QueryDict(), queryset=records(), paginated=True)
        rows = filterset.keyset.rows.prefetch_related(None)
        row = rows[max(0, rows.count() * 9 // 10 - 1)]
        found[family] = f"{path}?{urlencode({'after': filterset.keyset.cursor(row)})}"
    print(json.dumps(found))


def count_queries(url, paths):
    """SQL queries each path runs, counted in a child process set up on the database at url."""
    output = subprocess.run(
        [PYTHON, __file__, "--count-queries", *paths],
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test",
             "BENCH_SECRET": RUN_SECRET},
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def print_query_counts(paths):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.SECRET_KEY = os.environ["BENCH_SECRET"]  # so the deep pages' cursors read as served
    client = Client(SERVER_NAME="localhost")
    counts = {}
    for path in paths:
        client.get(path)  # warm caches, as the served pages are warm
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        counts[path] = len(queries.captured_queries) if status == 200 else f"HTTP {status}"
    print(json.dumps(counts))


def worker_pid(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return int(children[0])


def peak_rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def denormalised_deals(url, path):
    """The generated deals as one SQLite table, as Datasette would publish a register."""
    target = sqlite3.connect(path)
    target.execute("DROP TABLE IF EXISTS deals")
    target.execute(
        "CREATE TABLE deals (slug TEXT PRIMARY KEY, supplier TEXT, recipient TEXT, system TEXT, "
        "subject TEXT, status TEXT, summary TEXT)"
    )
    with psycopg2.connect(url) as connection, connection.cursor("deals") as cursor:
        cursor.itersize = 5000
        cursor.execute(
            "SELECT d.slug, d.supplier_id, d.recipient_id, coalesce(w.name, ''), d.subject, d.status, d.summary "
            "FROM deals_deal d LEFT JOIN deals_weaponsystem w ON w.id = d.system_id"
        )
        target.executemany("INSERT INTO deals VALUES (?, ?, ?, ?, ?, ?, ?)", cursor)
    target.execute("CREATE INDEX deals_recipient_status ON deals (recipient, status)")
    target.commit()
    target.close()


def run(args):
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    curated = build(f"{args.prefix}_curated", 0, reuse=args.reuse, refresh=args.refresh)
    scaled = build(f"{args.prefix}_{str(args.scale).replace('.', '_')}", args.scale, reuse=args.reuse,
                   refresh=args.refresh)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True,
                   env=app_env(curated))
    at_scale = pages(scaled) | cursor_pages(scaled)
    families = {
        name: (path, at_scale[name]) for name, path in (pages(curated) | cursor_pages(curated)).items()
        if not args.only or any(word in name for word in args.only)
    }
    queries_curated = count_queries(curated, [c for c, _ in families.values()])
    queries_scaled = count_queries(scaled, [s for _, s in families.values()])

    with ExitStack() as stack:
        base_c, _ = stack.enter_context(gunicorn("config.wsgi:application", app_env(curated)))
        base_s, _ = stack.enter_context(gunicorn("config.wsgi:application", app_env(scaled)))
        base_b, _ = stack.enter_context(
            gunicorn("bare_wsgi:application", {**os.environ, "PYTHONPATH": str(ROOT / "tools")}, chdir=ROOT / "tools")
        )
        header = (f"{'page family':31} {'cur p50':>8} {'cur p95':>8} {'p50':>8} {'p95':>8} {'req/s':>6} "
                  f"{'queries':>9} {'KB cur':>7} {'KB':>7} {'p95×':>6}")
        print(f"\nscale {args.scale}, {args.requests} requests each, alternately; ms; "
              f"'cur' = curated data alone; p95× = p95 at scale / p95 curated\n{header}")
        ratios, failures = [], []
        for name, (path_c, path_s) in families.items():
            fetch(base_c + path_c), fetch(base_s + path_s)  # warm-up
            times_c, times_s = [], []
            for _ in range(args.requests):
                seconds, size_c, status_c = fetch(base_c + path_c)
                times_c.append(seconds)
                seconds, size_s, status_s = fetch(base_s + path_s)
                times_s.append(seconds)
            if (status_c, status_s) != (200, 200):
                print(f"{name}: HTTP {status_c} / {status_s}")
                failures.append(name)
                continue
            p95_c, p95_s = percentile(times_c, 0.95), percentile(times_s, 0.95)
            ratios.append((p95_s / p95_c, name))
            queries = f"{queries_curated[path_c]}/{queries_scaled[path_s]}"
            print(f"{name:31} {statistics.median(times_c) * 1000:8.1f} {p95_c * 1000:8.1f} "
                  f"{statistics.median(times_s) * 1000:8.1f} {p95_s * 1000:8.1f} {len(times_s) / sum(times_s):6.1f} "
                  f"{queries:>9} {size_c / 1024:7.1f} {size_s / 1024:7.1f} {p95_s / p95_c:6.2f}", flush=True)
        bare = [fetch(base_b + "/")[0] for _ in range(args.requests)]
        print(f"{'bare Django view':31} {'':8} {'':8} {statistics.median(bare) * 1000:8.1f} "
              f"{percentile(bare, 0.95) * 1000:8.1f} {len(bare) / sum(bare):6.1f}")
        worst = max(ratios)
        print(f"\nworst p95 ratio: {worst[0]:.2f} ({worst[1]}); families over 2×: "
              f"{', '.join(n for r, n in ratios if r > 2) or 'none'}")

        print("\nconditional GET of an unchanged page at scale (If-None-Match with its ETag), ms:")
        for name in [n for n in ("deal list", "deal, the biggest", "a country, the busiest") if n in families]:
            url = base_s + families[name][1]
            tag = etag(url)
            answers = [fetch(url, {"If-None-Match": tag}) for _ in range(args.requests)]
            times = [seconds for seconds, _, _ in answers]
            statuses = sorted({status for _, _, status in answers})
            print(f"{name:31} p50 {statistics.median(times) * 1000:6.1f}  p95 {percentile(times, 0.95) * 1000:6.1f}"
                  f"  HTTP {statuses}")
            if statuses != [304]:
                failures.append(f"{name} (conditional)")

        cold = [name for name in COLD_AFTER_SAVE if name in families]
        if cold:
            print("\nfirst request after a save (a new knowledge-base version, so the counts and choices kept "
                  "per version are computed afresh), ms:\n"
                  f"{'page family':31} {'cur p50':>8} {'cur p95':>8} {'p50':>8} {'p95':>8} {'p95×':>6}")
        for name in cold:
            path_c, path_s = families[name]
            times_c, times_s = [], []
            for _ in range(args.requests):
                for url, base, path, times in ((curated, base_c, path_c, times_c), (scaled, base_s, path_s, times_s)):
                    new_version(url)
                    seconds, _, status = fetch(base + path)
                    times.append(seconds)
                    if status != 200:
                        failures.append(f"{name} (after a save)")
            p95_c, p95_s = percentile(times_c, 0.95), percentile(times_s, 0.95)
            print(f"{name:31} {statistics.median(times_c) * 1000:8.1f} {p95_c * 1000:8.1f} "
                  f"{statistics.median(times_s) * 1000:8.1f} {p95_s * 1000:8.1f} {p95_s / p95_c:6.2f}", flush=True)

        if args.datasette:
            compare_with_datasette(args, scaled, base_s)

    exports = [] if args.only else [f"/export/{name}" for name in args.exports]
    if exports:
        print("\nexports at scale (each from a fresh worker): seconds, MB streamed, worker peak RSS")
    for path in exports:
        with gunicorn("config.wsgi:application", app_env(scaled), timeout=0) as (base, master):
            pid = worker_pid(master)
            before = peak_rss_mb(pid)
            seconds, size, status = fetch(base + path)
            print(f"{path:31} {seconds:7.1f} s {size / 1e6:8.1f} MB  peak RSS {peak_rss_mb(pid):6.0f} MB "
                  f"(idle {before:.0f} MB)  HTTP {status}", flush=True)
            if status != 200:
                failures.append(path)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if failures:
        raise SystemExit(f"pages that did not answer as expected: {', '.join(failures)}")


def compare_with_datasette(args, scaled, base_s):
    folder = Path(tempfile.mkdtemp(prefix="s400kb-datasette-"))
    denormalised_deals(scaled, folder / "register.db")
    port = free_port()
    process = subprocess.Popen(
        [args.datasette, "serve", str(folder / "register.db"), "--port", str(port),
         "--setting", "default_page_size", "25", "--setting", "sql_time_limit_ms", "30000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        datasette = f"http://127.0.0.1:{port}/register/deals?recipient__exact=TR&status__exact=delivered"
        for _ in range(150):
            try:
                fetch(datasette)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        ours = base_s + "/deals/?recipient=TR&status=delivered"
        times_d, times_o = [], []
        for _ in range(args.requests):
            times_d.append(fetch(datasette)[0])
            times_o.append(fetch(ours)[0])
        print(f"\nfiltered deal list vs Datasette 0.65 on the same generated deals (one table), ms:\n"
              f"{'':31} {'p50':>8} {'p95':>8}\n"
              f"{'Datasette':31} {statistics.median(times_d) * 1000:8.1f} {percentile(times_d, 0.95) * 1000:8.1f}\n"
              f"{'this site':31} {statistics.median(times_o) * 1000:8.1f} {percentile(times_o, 0.95) * 1000:8.1f}")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="how much generated data: 1 is SIPRI-sized (30,000 deals), 10 ten times that, "
                             "fractions for a smoke test (default 1)")
    parser.add_argument("--requests", type=int, default=30,
                        help="requests per page family on each database, alternately (default 30)")
    parser.add_argument("--reuse", action="store_true", help="keep databases an earlier run finished")
    parser.add_argument("--datasette", metavar="PATH",
                        help="the datasette executable (.venv-bench/bin/datasette), to compare the filtered deal "
                             "list with Datasette serving the generated deals as one table")
    parser.add_argument("--refresh", action="store_true",
                        help="with --reuse, rebuild the reused databases' read model and search index")
    parser.add_argument("--only", nargs="+", metavar="WORD",
                        help="measure only the page families whose names contain one of these words (no exports)")
    parser.add_argument("--prefix", default="s400kb_bench", help="the benchmark databases' name prefix")
    parser.add_argument("--exports", nargs="*", default=EXPORTS, choices=EXPORTS, metavar="FILE",
                        help=f"the exports to measure (default all: {', '.join(EXPORTS)})")
    parser.add_argument("--count-queries", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--cursor-pages", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        print_query_counts(args.count_queries)
    elif args.cursor_pages:
        print_cursor_pages()
    else:
        run(args)


if __name__ == "__main__":
    main()
