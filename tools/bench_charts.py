"""Prints the charts over time's server time: each chart's numbers computed afresh (what the
first request after a save pays: a read of the stored counts, or the lanes' reads) and the pages drawing
them, rendered with the cache emptied (so the charts are computed afresh).

    .venv/bin/python tools/bench_charts.py [REQUESTS]

Against the curated data in a throwaway SQLite file, or DATABASE_URL (a database generated
with `generate_sample_data --scale N` measures that scale). Median of REQUESTS (default 10).
"""
import statistics
import sys
import time

import benchdb
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import RequestFactory

from countries.models import Country
from deals.charts import ChartChoice, activity_by_year, country_lane_deals, deal_lanes, statements_by_year
from deals.models import Deal, DealScope, WeaponSystem


def median_ms(function, requests):
    times = []
    for _ in range(requests):
        cache.clear()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(requests=10):
    if connection.vendor == "sqlite":
        benchdb.prepare()
    request = RequestFactory().get("/")  # no data version: computed every time
    busiest = Deal.objects.values("supplier").order_by().annotate(n=Count("pk"))
    supplier = Country.objects.get(code=busiest.order_by("-n")[0]["supplier"])
    turkey = Country.objects.get(code="TR")
    s400 = WeaponSystem.objects.get(slug="s-400")
    print(f"{Deal.objects.count()} deals on {connection.vendor}; median of {requests}, ms")
    choices = {
        "everything": ChartChoice(),
        "S-400 scope": ChartChoice(scope=DealScope.S_400),
        "Turkey": ChartChoice(country=turkey),
        f"{supplier.name} (busiest supplier)": ChartChoice(country=supplier),
        "the S-400 system": ChartChoice(system=s400),
    }
    for name, choice in choices.items():
        activity = median_ms(lambda choice=choice: activity_by_year(request, choice), requests)
        statements = median_ms(lambda choice=choice: statements_by_year(request, choice), requests)
        print(f"  {name:40} contracts+deliveries {activity:8.1f}   statements {statements:8.1f}")
    for country in (turkey, supplier):
        lanes = median_ms(lambda country=country: deal_lanes(country_lane_deals(country)[0]), requests)
        print(f"  lanes of {country.name:31} {lanes:8.1f}")
    client = benchdb.client()
    for url in ("/", "/countries/TR/", f"/countries/{supplier.code}/", "/systems/s-400/", "/timeline/"):
        assert client.get(url).status_code == 200, url
        fresh = median_ms(lambda url=url: client.get(url), requests)
        print(f"  page {url:35} with the cache emptied (charts computed afresh) {fresh:8.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
