"""Times the ingestion of a long invented article and its admin review page.

    .venv/bin/python tools/bench_review.py [WORDS] [TIMEOUT]

Ingests an article of WORDS words (default 100,000; ingest/tests/long_article.py) through
``ingest.services.article_ingest`` — the extraction the admin form would run — then asks for
its review page (the first page, and ?page=3) as a superuser through Django's test client,
giving up on a page after TIMEOUT seconds (default 120). A throwaway SQLite file, or
DATABASE_URL (tools/benchdb.py).
"""
import signal
import sys
import time

import benchdb
from django.contrib.auth.models import User
from django.urls import reverse

from deals.models import Organisation
from ingest.services import article_ingest
from ingest.tests.long_article import long_article


class TooSlow(Exception):
    pass


def _give_up(signum, frame):
    raise TooSlow


def main(words=100_000, timeout=120):
    benchdb.prepare()
    text = long_article(words)
    start = time.perf_counter()
    article = article_ingest(text=text, outlet=Organisation.objects.get(slug="interfax"), published_words="June 5, 2024")
    print(f"{words:,} words, {len(text.encode()):,} bytes: extraction and storing {time.perf_counter() - start:.1f} s, "
          f"{article.drafts.count():,} drafts")
    client = benchdb.client()
    client.force_login(User.objects.create_superuser("bench", password="-"))
    signal.signal(signal.SIGALRM, _give_up)
    for query in ("", "?page=3"):
        url = reverse("admin:ingest_article_review", args=[article.pk]) + query
        signal.alarm(timeout)
        start = time.perf_counter()
        try:
            response = client.get(url)
        except TooSlow:
            print(f"{url}: not finished after {timeout} s")
            continue
        finally:
            signal.alarm(0)
        print(f"{url}: {response.status_code} in {time.perf_counter() - start:.2f} s, "
              f"{len(response.content):,} bytes, {response.content.count(b'class=\"decide\"')} forms")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
