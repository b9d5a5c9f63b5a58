"""Fault drills against a real stack (bench/stack.py: gunicorn, Celery worker and beat,
a private redis-server, a scratch PostgreSQL database with the demo data). Each drill
prints one row: lost, duplicated, errors (5xx or refused), worst request time.

    .venv/bin/python bench/drills/run.py                 # all drills
    .venv/bin/python bench/drills/run.py --only hung     # one (names below)

The shared PostgreSQL and Redis are never stopped: the broker drills stop and freeze the
stack's own redis-server. A database-restart drill needs a private PostgreSQL cluster and
is not here yet (see docs/operations.md).
"""

import argparse
import os
import signal
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.load import CASE_LINK, Session  # noqa: E402
from bench.stack import PG, Stack, wait_for  # noqa: E402
from tests.pages import _FormReader  # noqa: E402

DATABASE = os.environ.get("DRILL_DATABASE", "sentra_bench_drills")
REPORTS = 6


class Drill:
    """A logged-in browser plus the worst request time and the errors it saw."""

    def __init__(self, stack: Stack, username: str = "peksos1"):
        self.stack = stack
        self.worst = 0.0
        self.errors = 0
        self.lock = threading.Lock()
        self.session = Session(stack.url, self.record)
        self.session.login(username)

    def record(self, endpoint: str, seconds: float, status: int) -> None:
        with self.lock:
            if endpoint != "login":
                self.worst = max(self.worst, seconds)
            if status == 0 or status >= 500:
                self.errors += 1

    def form(self, path: str, action_part: str) -> tuple[str, dict]:
        reader = _FormReader()
        reader.feed(self.session.request("page", path))
        for form in reader.forms:
            action = form["action"] or path  # an empty action posts back to the page
            if action_part in action and "csrfmiddlewaretoken" in form["fields"]:
                fields = {k: v[0] if len(v) == 1 else v for k, v in form["fields"].items()}
                return action, fields
        raise RuntimeError(f"no form for {action_part} on {path}")

    def post(self, action: str, data: dict) -> str:
        return self.session.request("post", action, data)


def sql(query: str, *params):
    with psycopg.connect(f"{PG}/{DATABASE}") as conn:
        return conn.execute(query, params).fetchall()


def open_cases(drill: Drill, count: int) -> list[str]:
    """Cases on the user's caseload (open stages): they have the note and report forms."""
    return sorted(set(CASE_LINK.findall(drill.session.request("page", "/cases/"))))[:count]


def request_reports(drill: Drill, cases: list[str]) -> None:
    for case in cases:
        action, data = drill.form(case, "/reports/case/")
        drill.post(action, data)


def report_outcome(cases: list[str], timeout: float) -> tuple[int, int]:
    """(lost, duplicated) of the case reports of `cases` once the workers are done."""
    ids = [case.split("/")[2] for case in cases]
    query = (
        "SELECT r.status FROM reports_reportrun r JOIN casework_case c"
        " ON (r.params->>'case')::bigint = c.id WHERE c.public_id::text = ANY(%s)"
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        statuses = [row[0] for row in sql(query, ids)]
        if statuses and all(s in ("done", "failed") for s in statuses):
            break
        time.sleep(2)
    statuses = [row[0] for row in sql(query, ids)]
    done = statuses.count("done")
    return len(cases) - min(done, len(cases)), max(0, len(statuses) - len(cases))


def fresh_reports() -> None:
    sql("DELETE FROM reports_reportrun RETURNING id")


def drill_broker_stopped(stack: Stack) -> dict:
    fresh_reports()
    drill = Drill(stack)
    cases = open_cases(drill, REPORTS)
    stack.stop("redis")
    request_reports(drill, cases)
    action, data = drill.form(f"{cases[0]}notes/new/", "/notes/new/")
    data["narrative"] = marker = f"Drill broker stopped {uuid.uuid4()}"
    data["kind"] = "home_visit"
    drill.post(action, data)
    notes_saved = len(sql("SELECT 1 FROM casework_casenote WHERE narrative = %s", marker))
    stack.start_redis()  # same port: the sweeper sends what stayed pending
    lost, duplicated = report_outcome(cases, timeout=240)
    return row("broker stopped", lost + (1 - notes_saved), duplicated, drill)


def drill_broker_hung(stack: Stack) -> dict:
    fresh_reports()
    drill = Drill(stack)
    cases = open_cases(drill, REPORTS)
    other = Drill(stack, "peksos2")  # another user's pages meanwhile
    stack.signal("redis", signal.SIGSTOP)
    try:
        request_reports(drill, cases)
        for _ in range(5):
            other.session.request("page", "/cases/")
    finally:
        stack.signal("redis", signal.SIGCONT)
    lost, duplicated = report_outcome(cases, timeout=240)
    drill.worst = max(drill.worst, other.worst)
    drill.errors += other.errors
    return row("broker hung", lost, duplicated, drill)


def drill_worker_killed(stack: Stack) -> dict:
    fresh_reports()
    drill = Drill(stack)
    cases = open_cases(drill, REPORTS)
    request_reports(drill, cases)
    wait_for(
        lambda: sql("SELECT 1 FROM reports_reportrun WHERE status = 'running'"),
        timeout=120,
        what="a running report",
    )
    stack.signal("worker", signal.SIGKILL)
    stack.processes.pop("worker").wait()
    stack.start_worker()
    lost, duplicated = report_outcome(cases, timeout=300)
    return row("worker killed mid-render", lost, duplicated, drill)


def drill_concurrent_edits(stack: Stack) -> dict:
    first, second = Drill(stack), Drill(stack)
    client = sql(
        "SELECT c.public_id FROM clients_client c JOIN sentra_user u ON u.id = c.registered_by_id"
        " WHERE u.username = 'peksos1' ORDER BY c.id LIMIT 1"
    )[0][0]
    path = f"/clients/{client}/edit/"
    (action, one), (_, two) = first.form(path, "/edit/"), second.form(path, "/edit/")
    field = "street"
    one[field], two[field] = "Jl. Drill Satu 1", "Jl. Drill Dua 2"
    statuses = []
    for drill, data in ((first, one), (second, two)):
        drill.post(action, data)
        statuses.append({409: "conflict", 200: "saved"}.get(drill.session.last_status, "?"))
    # Lost: the second save silently overwrote the first (both told "saved").
    lost = 1 if statuses == ["saved", "saved"] else 0
    return row("concurrent edits", lost, 0, first, note=f"{field}: {statuses}")


def drill_double_submits(stack: Stack) -> dict:
    drill = Drill(stack)
    case = open_cases(drill, 1)[0]
    action, data = drill.form(f"{case}notes/new/", "/notes/new/")
    data["narrative"] = marker = f"Drill double submit {uuid.uuid4()}"
    data["kind"] = "home_visit"
    threads = [threading.Thread(target=drill.post, args=(action, data)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = len(sql("SELECT 1 FROM casework_casenote WHERE narrative = %s", marker))
    return row("double submits", 1 - min(saved, 1), max(0, saved - 1), drill)


def row(name: str, lost: int, duplicated: int, drill: Drill, note: str = "") -> dict:
    return {
        "drill": name,
        "lost": lost,
        "duplicated": duplicated,
        "errors": drill.errors,
        "worst": drill.worst,
        "note": note,
    }


DRILLS = {
    "stopped": drill_broker_stopped,
    "hung": drill_broker_hung,
    "killed": drill_worker_killed,
    "edits": drill_concurrent_edits,
    "double": drill_double_submits,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(DRILLS), action="append")
    parser.add_argument("--prepared", action="store_true", help="Reuse the drill database.")
    args = parser.parse_args()
    stack = Stack(database=DATABASE, lease=20).up(prepare=not args.prepared)
    rows = []
    try:
        for name in args.only or DRILLS:
            rows.append(DRILLS[name](stack))
            print(rows[-1], flush=True)
    finally:
        stack.down()
    print(f"\n{'drill':<26} {'lost':>4} {'dup':>4} {'errors':>6} {'worst ms':>8}  note")
    for r in rows:
        print(
            f"{r['drill']:<26} {r['lost']:>4} {r['duplicated']:>4} {r['errors']:>6} "
            f"{r['worst'] * 1000:>8.0f}  {r['note']}"
        )
    print(f"(stack logs in {stack.scratch}; pid {os.getpid()})")


if __name__ == "__main__":
    main()
