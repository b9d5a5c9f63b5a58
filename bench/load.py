"""Bounded loopback load: N simulated staff log in and do the daily mix for a fixed time,
then p50/p95/p99 per endpoint and the errors are printed.

    .venv/bin/python bench/load.py --users 30 --seconds 60          # starts its own stack
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 ...  # or an existing one

The mix per user turn: caseload (case list) 30 %, a case page 25 %, the client list 20 %,
a name search 15 %, adding a note 10 %; think time uniform 0.5-1.5 s between turns.
"""

import argparse
import http.cookiejar
import random
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.pages import form_data  # noqa: E402

ACCOUNTS = ["peksos1", "peksos2", "supervisor1"]
PASSWORD = "sentra-demo-2026"  # noqa: S105  (the published demo password)
CASE_LINK = re.compile(r'href="(/cases/[0-9a-f-]{36}/)"')
MIX = [("caseload", 30), ("case", 25), ("clients", 20), ("search", 15), ("note", 10)]
SEARCH_TERMS = ["Siti", "Budi", "Dewi", "Rina", "Agus", "Putri"]


class Session:
    """A browser: cookies, and the time each request took, by endpoint."""

    def __init__(self, base: str, record):
        self.base = base
        self.record = record
        self.last_status = 0
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def request(
        self, endpoint: str, path: str, data: dict | None = None, timeout: float = 30
    ) -> str:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        started = time.monotonic()
        status, text = 0, ""
        try:
            with self.opener.open(self.base + path, data=body, timeout=timeout) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status = error.code
        except Exception:  # noqa: BLE001  (a refused or timed-out request is an error)
            status = 0
        self.record(endpoint, time.monotonic() - started, status)
        self.last_status = status
        return text

    def login(self, username: str) -> None:
        """Password hashing is deliberately slow: a login may take long on a busy machine,
        and a user who is not logged in would only measure the login page."""
        page = self.request("login", "/accounts/login/", timeout=120)
        data = form_data(page, having="password")
        data.update(username=username, password=PASSWORD)
        self.request("login", "/accounts/login/", data, timeout=120)


def user_loop(base: str, username: str, clock: dict, record, seed: int) -> None:
    """Log in (timed as `login`), wait until everyone has, then the timed daily mix: staff
    log in once in the morning, so the logins are not part of the steady state."""
    rng = random.Random(seed)
    session = Session(base, record)
    session.login(username)
    clock["ready"].wait()
    until = clock["until"]
    cases: list[str] = []
    endpoints, weights = zip(*MIX, strict=True)
    while time.monotonic() < until:
        endpoint = rng.choices(endpoints, weights)[0]
        if endpoint in ("case", "note") and not cases:
            endpoint = "caseload"
        if endpoint == "caseload":
            cases = sorted(set(CASE_LINK.findall(session.request("caseload", "/cases/"))))
        elif endpoint == "case":
            session.request("case", rng.choice(cases))
        elif endpoint == "clients":
            session.request("clients", "/clients/")
        elif endpoint == "search":
            page = session.request("search", "/clients/")
            if 'name="q"' in page:
                data = form_data(page, having="q")
                data["q"] = rng.choice(SEARCH_TERMS)
                session.request("search", "/clients/", data)
        elif endpoint == "note":
            case = rng.choice(cases)
            page = session.request("note", f"{case}notes/new/")
            if "narrative" in page:
                data = form_data(page, having="narrative")
                data["narrative"] = f"Catatan uji beban {rng.randrange(10**6)}."
                data["kind"] = "home_visit"
                session.request("note", f"{case}notes/new/", data)
        time.sleep(rng.uniform(0.5, 1.5))


def run(base: str, users: int, seconds: float) -> dict:
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()

    def record(endpoint: str, seconds_taken: float, status: int) -> None:
        with lock:
            timings[endpoint].append(seconds_taken)
            if status == 0 or status >= 400:
                errors[endpoint] += 1

    clock: dict = {"ready": threading.Event(), "until": 0.0}
    threads = [
        threading.Thread(
            target=user_loop, args=(base, ACCOUNTS[n % len(ACCOUNTS)], clock, record, n)
        )
        for n in range(users)
    ]
    for thread in threads:
        thread.start()
        time.sleep(0.2)  # the morning's logins, staggered
    while len(timings["login"]) < 2 * users and any(t.is_alive() for t in threads):
        time.sleep(0.1)
    clock["until"] = time.monotonic() + seconds
    clock["ready"].set()
    for thread in threads:
        thread.join()
    return {"timings": timings, "errors": errors}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def table(result: dict, seconds: float) -> str:
    lines = [
        f"{'endpoint':<10} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}"
    ]
    total = 0
    for endpoint in ["login", *[name for name, _ in MIX]]:
        values = result["timings"].get(endpoint, [])
        total += len(values)
        lines.append(
            f"{endpoint:<10} {len(values):>8} {statistics.median(values) * 1000 if values else 0:>7.0f} "
            f"{percentile(values, 0.95) * 1000:>7.0f} {percentile(values, 0.99) * 1000:>7.0f} "
            f"{result['errors'].get(endpoint, 0):>6}"
        )
    mix = total - len(result["timings"].get("login", []))
    lines.append(f"{mix} requests of the mix in {seconds:g} s ({mix / seconds:.1f}/s)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="An already running Sentra with the demo data.")
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--prepared", action="store_true", help="Reuse the database of an earlier run."
    )
    args = parser.parse_args()
    stack = None
    if args.url is None:
        from bench.stack import Stack  # noqa: PLC0415  (only when we run our own stack)

        stack = Stack(database="sentra_bench_load").up(prepare=not args.prepared)
        args.url = stack.url
    try:
        result = run(args.url, args.users, args.seconds)
    finally:
        if stack is not None:
            stack.down()
    print(f"{args.users} users, think time 0.5-1.5 s, {args.seconds:g} s against {args.url}")
    print(table(result, args.seconds))


if __name__ == "__main__":
    main()
