"""Twenty editors saving at once: every request ends in a save or in a conflict message, never
in an error page, and the database holds every save exactly once.

It runs against a real server and a real database (a SQLite file, or a PostgreSQL database
when DATABASE_URL names one), because the failure it guards against — SQLite answering
"database is locked" when two transactions both try to turn a read into a write — never
happens on the test run's shared in-memory database. The workload is in writers_workload.py.
"""
import json
import re
import threading
from collections import Counter

import pytest

from ingest.tests.helpers import form_values

from .live_app import Browser, scratch_app, serving
from .writers_workload import ACCEPTS, CONTESTED, SEPARATE, WRITERS, statement_text

ROUNDS = 3
ADMIN_CONFLICT = "Someone else saved this deal after you opened it"
DRAFT_CONFLICT = "This draft was already accepted; nothing was changed."


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("parallel-writers")
    with scratch_app(workdir, "writers") as app, serving(app, workdir):
        yield app


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class Writer:
    """One editor's request: loaded first (the form with its version), posted on the signal."""

    def __init__(self, browser: Browser, kind: str, target: str):
        self.browser, self.kind, self.target = browser, kind, target
        self.path, self.data, self.summary = "", {}, ""
        self.status, self.body = None, ""

    def load_deal(self, deal_pk: int, summary: str, system: int | None = None):
        self.path = f"/admin/deals/deal/{deal_pk}/change/"
        status, html = self.browser.request(self.path)
        assert status == 200, html[:500]
        self.summary = summary
        self.data = form_values(html, "deal_form") | {"summary": summary, "_save": "Save"}
        if system is not None:
            self.data["system"] = str(system)

    def load_accept(self, accept: dict):
        status, html = self.browser.request(accept["path"].rsplit("/", 2)[0] + "/")
        assert status == 200, html[:500]
        self.path = accept["path"]
        self.data = accept["data"] | {"csrfmiddlewaretoken": csrf_token(html)}

    def post(self, start: threading.Barrier):
        start.wait()
        try:
            self.status, self.body = self.browser.request(self.path, self.data)
        except Exception as error:  # a dropped connection is an outcome to count, not to hide
            self.status, self.body = "error", repr(error)

    @property
    def outcome(self) -> str:
        if self.status == 302:
            return "saved"
        if self.status == 200 and (ADMIN_CONFLICT in self.body or DRAFT_CONFLICT in self.body):
            return "conflict"
        return "failed"

    def failure(self) -> str:
        page = re.search(r"<title>([^<]*)</title>", self.body)
        return f"{self.kind} {self.target}: {self.status} {page.group(1) if page else self.body[:200]!r}"


def run_round(app, setup: dict, browsers: list[Browser], round_no: int) -> list[Writer]:
    writers = []
    for i in range(CONTESTED):
        writer = Writer(browsers[i], "contested", str(setup["contested"]))
        writer.load_deal(setup["contested"], f"Round {round_no}: the contested deal as writer {i} saved it.")
        writers.append(writer)
    for j, deal_pk in enumerate(setup["separate"]):
        writer = Writer(browsers[CONTESTED + j], "separate", str(deal_pk))
        # Moved to one system or the other, so several saves change each system's count at once.
        system = setup["systems"][(round_no + j) % 2]
        writer.load_deal(deal_pk, f"Round {round_no}: deal {deal_pk} as writer {CONTESTED + j} saved it.", system)
        writers.append(writer)
    accepts = setup["accepts"][round_no * (ACCEPTS + 1) : (round_no + 1) * (ACCEPTS + 1)]
    base = CONTESTED + SEPARATE
    for k, accept in enumerate(accepts[:ACCEPTS]):
        writer = Writer(browsers[base + k], "accept", str(accept["draft"]))
        writer.load_accept(accept)
        writers.append(writer)
    for k in range(WRITERS - base - ACCEPTS):
        writer = Writer(browsers[base + ACCEPTS + k], "same-draft", str(accepts[-1]["draft"]))
        writer.load_accept(accepts[-1])
        writers.append(writer)
    assert len(writers) == WRITERS
    start = threading.Barrier(WRITERS)
    threads = [threading.Thread(target=writer.post, args=(start,)) for writer in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return writers


def test_twenty_simultaneous_saves_each_end_in_a_save_or_a_conflict_and_nothing_is_lost(app):
    setup = json.loads(app.shell(f"from tests.writers_workload import prepare; prepare({ROUNDS})").splitlines()[-1])
    browsers = [Browser(app.url, (setup["cookie"], session)) for session in setup["sessions"]]
    rounds = [run_round(app, setup, browsers, n) for n in range(ROUNDS)]

    writers = [writer for round_writers in rounds for writer in round_writers]
    tally = Counter(writer.outcome for writer in writers)
    print(f"\n{len(writers)} requests on {app.env['DATABASE_URL'].split(':')[0]}: {tally['saved']} saved, "
          f"{tally['conflict']} conflicts, {tally['failed']} failed")
    assert tally["failed"] == 0, (
        "requests that neither saved nor reported a conflict:\n"
        + "\n".join(writer.failure() for writer in writers if writer.outcome == "failed")
        + f"\nthe server's errors: {dict(app.errors())}"
    )

    # Per round: exactly one of the editors of the contested deal saves, every other editor
    # saves, every draft is accepted once.
    for round_writers in rounds:
        by_kind = Counter((writer.kind, writer.outcome) for writer in round_writers)
        assert by_kind == {
            ("contested", "saved"): 1, ("contested", "conflict"): CONTESTED - 1,
            ("separate", "saved"): SEPARATE,
            ("accept", "saved"): ACCEPTS,
            ("same-draft", "saved"): 1, ("same-draft", "conflict"): WRITERS - CONTESTED - SEPARATE - ACCEPTS - 1,
        }

    deal_pks = [setup["contested"], *setup["separate"]]
    draft_pks = [accept["draft"] for accept in setup["accepts"]]
    state = json.loads(app.shell(
        f"from tests.writers_workload import outcome; outcome({deal_pks}, {draft_pks})"
    ).splitlines()[-1])
    last_saved = {writer.target: writer.summary for writer in rounds[-1] if writer.outcome == "saved" and writer.summary}
    for pk in deal_pks:
        # What the last round's winner typed is what the deal says, one version per save.
        assert state["deals"][str(pk)] == {"summary": last_saved[str(pk)], "version": 1 + ROUNDS}
        assert state["admin_deal_changes"][str(pk)] == ROUNDS
    articles = len(setup["accepts"])
    assert set(state["drafts"].values()) == {"accepted"} and len(state["drafts"]) == articles
    # One statement, source and citation per accepted draft: none lost, none twice.
    assert state["statements"] == {statement_text(accept["n"]): 1 for accept in setup["accepts"]}
    assert (state["sources"], state["citations"]) == (articles, articles)
    assert (state["ingest_statement_changes"], state["ingest_source_changes"]) == (articles, articles)
    admin_saves = sum(1 for writer in writers if writer.outcome == "saved" and writer.summary)
    # Each accept records its source, statement and citation created and India's deal changed.
    assert state["changes"] - setup["changes_before"] == admin_saves + 4 * articles
    # The articles, published on 9 June 2021, are the latest evidence of India's deal, whose
    # curated sources end in June 2021, day unknown: the latest publication is now known to
    # fall between the 9th and the 30th.
    assert state["india_evidence"] == [["2021-06-09", "2021-06-30"]]
    # The separate editors' deals ended the last round on the two systems by turns: each
    # system's count is what its deals give.
    assert all(kept == actual for kept, actual in state["system_deals"].values()), state["system_deals"]
    assert state["system_deals"]["s-300"][1] >= SEPARATE // 2
    # Simultaneous writers touching one deal leave its timeline and summary as a rebuild gives them.
    assert state["read_model_as_rebuilt"]
