"""Prints what the ingestion assistant costs per article, start-up excluded: the whole
extraction (`ingest.extract.extract_all`) and, as the baseline in the same run, the spaCy parse
alone (`ingest.extract.nlp.parse`), over the development corpus and the check set, the model
loaded once before the clock starts. The issue's bar: under a second per article. Real analysis
pieces run longer than the corpus's short ones, so the articles are also read joined into texts
of about 3,000 words: a cost that grows faster than the text shows there as a higher ratio.

    DATABASE_URL=sqlite:////tmp/ho.sqlite3 .venv/bin/python tools/bench_extract.py [--rounds 3]

The database needs the curated data (`migrate`, `load_curated`): the extractors match the
base's names. Prints the median, 95th percentile and worst in ms, and extraction/parse.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from deals import approximate_dates  # noqa: E402
from ingest.evaluation import CHECK_DIR, CORPUS_DIR, corpus_articles  # noqa: E402
from ingest.extract import extract_all  # noqa: E402
from ingest.extract.nlp import parse  # noqa: E402
from ingest.selectors import extraction_lexicon  # noqa: E402


def figures(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return f"median {statistics.median(times) * 1000:6.0f} ms  p95 {p95 * 1000:6.0f} ms  worst {times[-1] * 1000:6.0f} ms"


def timed(texts, lexicon, rounds) -> tuple[list[float], list[float]]:
    parsed, extracted = [], []
    for _ in range(rounds):
        for text, published in texts:  # alternately, so that both see the same machine
            start = time.perf_counter()
            parse(text)
            parsed.append(time.perf_counter() - start)
            start = time.perf_counter()
            extract_all(text, published=published, lexicon=lexicon)
            extracted.append(time.perf_counter() - start)
    return parsed, extracted


def joined(articles, words=3000) -> list[tuple[str, object]]:
    """The articles joined in order into texts of at least ``words`` words each."""
    texts, current = [], []
    for text, published in articles:
        current.append(text)
        if sum(len(t.split()) for t in current) >= words:
            texts.append(("\n\n".join(current), published))
            current = []
    return texts


def report(label, texts, lexicon, rounds):
    parsed, extracted = timed(texts, lexicon, rounds)
    words = [len(text.split()) for text, _ in texts]
    print(f"{label}: {len(texts)} texts of {min(words)}-{max(words)} words, {rounds} rounds")
    print(f"  parse alone   {figures(parsed)}")
    print(f"  extraction    {figures(extracted)}")
    print(f"  extraction/parse, medians: {statistics.median(extracted) / statistics.median(parsed):.2f}")


def main():
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--rounds", type=int, default=3, help="times each article is read (default 3)")
    rounds = arguments.parse_args().rounds
    lexicon = extraction_lexicon()
    articles = [(text, approximate_dates.parse(expected["published"]))
                for _, text, expected in corpus_articles(CORPUS_DIR) + corpus_articles(CHECK_DIR)]
    extract_all(articles[0][0], published=articles[0][1], lexicon=lexicon)  # the model, loaded once
    report("articles", articles, lexicon, rounds)
    report("joined", joined(articles), lexicon, rounds)

if __name__ == "__main__":
    main()
