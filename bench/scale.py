"""Pages at national scale: prints figures, asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sentra_scale \\
        .venv/bin/python bench/scale.py --clients 300000 [--runs 7] [--only client]

Builds the dataset of bench/scale_data.py when the database has no clients (minutes),
reuses it otherwise. Then requests every page type as the role that uses it, through the
Django test client, capturing its queries. Per page it prints the number of queries, p50
and p95 of the whole request, the SQL floor (the sum of the same queries' execution times
from EXPLAIN ANALYZE, measured interleaved with the page runs), the ratio p50/floor, and
every sequential scan over a table of more than 10 000 rows. The same pages for the
largest, a middle and the smallest centre show growth. The last line is the summary to
compare run to run.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sentra.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client as HttpClient  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BIG_TABLE = 10_000


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _seq_scans(plan, big_tables, found):
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in big_tables:
        found.add(plan["Relation Name"])
    for child in plan.get("Plans", ()):
        _seq_scans(child, big_tables, found)


def big_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s", [BIG_TABLE]
        )
        return {row[0] for row in cursor.fetchall()}


def sql_floor(queries, tables) -> tuple[float, set[str]]:
    """Execution time (ms) of the page's reads by EXPLAIN ANALYZE, and big tables scanned."""
    total, scans = 0.0, set()
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            # No params: the captured SQL is final, and its % signs are literal.
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0][0]
            total += plan["Execution Time"] + plan.get("Planning Time", 0)
            _seq_scans(plan["Plan"], tables, scans)
    return total, scans


class Page:
    def __init__(self, label, user, url, search=None):
        self.label, self.user, self.url, self.search = label, user, url, search

    def request(self, http):
        """The page as its user gets it: a search is the POST that runs it (its ids go to
        the session) and the GET of the list it redirects to, timed together."""
        # The debug query log holds 9 000 queries and the floors' EXPLAINs fill it too: once
        # full, a capture sees no new query. Emptied before every request.
        reset_queries()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            if self.search is not None:
                http.post(self.url, {"q": self.search})
            response = http.get(self.url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{self.label}: {response.status_code}")
        return elapsed, list(captured.captured_queries)


def measure(page: Page, runs: int, tables) -> dict:
    http = HttpClient()
    http.force_login(page.user)
    page.request(http)  # warm the caches, compile templates
    times, floors, scans = [], [], set()
    queries = []
    for _run in range(runs):
        elapsed, queries = page.request(http)
        floor, scanned = sql_floor(queries, tables)
        times.append(elapsed)
        floors.append(floor)
        scans |= scanned
    p50, floor = statistics.median(times), statistics.median(floors)
    return {
        "label": page.label,
        "queries": len(queries),
        "p50": p50,
        "p95": percentile(times, 0.95),
        "floor": floor,
        "ratio": p50 / floor if floor else 0.0,
        "scans": scans,
    }


def pages(only: str) -> tuple[list[Page], list[tuple[str, list[Page]]]]:
    from casework.models import Case
    from clients.models import Client
    from sentra.models import Centre, User

    def u(name):
        return User.objects.get(username=name)

    sw, sup, adm = u("peksos1"), u("supervisor1"), u("admin1")
    root, _ = User.objects.get_or_create(
        username="bench_root", defaults={"is_superuser": True, "is_staff": True}
    )
    case = Case.objects.filter(primary_worker=sw, closed_at__isnull=True).first()
    client = case.client
    some = Client.objects.filter(centre=sw.centre).order_by("id")[1234]
    listed = [
        Page("home (social worker)", sw, "/"),
        Page("home (supervisor)", sup, "/"),
        Page("client list, mine (social worker)", sw, "/clients/"),
        Page("client list, all (social worker)", sw, "/clients/?scope=all"),
        Page("client list (supervisor)", sup, "/clients/"),
        Page("client list page 2000 (supervisor)", sup, "/clients/?page=2000"),
        Page("django admin changelist (superuser)", root, "/admin/clients/client/"),
        Page("search partial name (social worker)", sw, "/clients/?scope=all", "wahyu"),
        Page("search full name (social worker)", sw, "/clients/?scope=all", some.full_name),
        Page("search misspelt name (supervisor)", sup, "/clients/", "Santosso"),
        Page("search NIK prefix (social worker)", sw, "/clients/?scope=all", some.nik[:8]),
        Page("search full NIK (supervisor)", sup, "/clients/", some.nik),
        Page("search reg. number (supervisor)", sup, "/clients/", some.registration_number),
        Page("client detail (social worker)", sw, f"/clients/{client.public_id}/"),
        Page("case list (social worker)", sw, "/cases/"),
        Page("case list (supervisor)", sup, "/cases/"),
        Page("case detail (social worker)", sw, f"/cases/{case.public_id}/"),
        Page("review queue (supervisor)", sup, "/cases/reviews/"),
        Page("groups (supervisor)", sup, "/cases/groups/"),
        Page("reports dashboard (admin)", adm, "/reports/dashboard/"),
        Page("reports list (admin)", adm, "/reports/"),
        Page("audit trail (admin)", adm, "/audit/"),
        Page("audit trail page 20000 (admin)", adm, _deep_audit_url(adm)),
        Page("audit by username (admin)", adm, "/audit/?username=PEKSOS1"),
        Page("staff list (admin)", adm, "/staff/"),
        Page("reassign, choose a worker (supervisor)", sup, "/cases/reassign/"),
        Page("reassign, one worker (supervisor)", sup, f"/cases/reassign/?worker={sw.public_id}"),
        Page("new group form (social worker)", sw, "/cases/groups/new/"),
        Page("new group form (supervisor)", sup, "/cases/groups/new/"),
        Page("group detail (supervisor)", sup, _first_group_url(sup)),
        Page("conference list (supervisor)", sup, "/cases/conferences/"),
        Page("new case conference form (supervisor)", sup, "/cases/conferences/new/"),
        Page("case picker search (supervisor)", sup, "/cases/pick/?q=wahyu&name=cases"),
        Page("residence board (social worker)", sw, "/residence/"),
        Page("activities (social worker)", sw, "/activities/"),
        Page("privacy requests (admin)", adm, "/privacy/requests/"),
        Page("retention due (admin)", adm, "/privacy/retention/"),
    ]
    listed = [page for page in listed if only.lower() in page.label.lower()]
    growth = []
    centres = list(Centre.objects.filter(code__in=["ALY", "SC2", "SC4"]).order_by("code"))
    by_size = sorted(centres, key=lambda c: -Client.objects.filter(centre=c).count())
    for label, role, url in (
        ("client list", "social_worker", "/clients/"),
        ("case list", "supervisor", "/cases/"),
        ("home", "social_worker", "/"),
        ("dashboard", "admin", "/reports/dashboard/"),
    ):
        if only.lower() not in label:
            continue
        row = []
        for centre in by_size:
            user = (
                User.objects.filter(centre=centre, role=role, is_active=True).order_by("id").first()
            )
            row.append(Page(f"{label} @{centre.code}", user, url))
        growth.append((label, row))
    return listed, growth


def _first_group_url(user) -> str:
    from casework.models import Group

    group = Group.objects.filter(centre=user.centre).order_by("id").first()
    return f"/cases/groups/{group.public_id}/" if group else "/cases/groups/"


def _deep_audit_url(admin) -> str:
    """Page 20 000 of the audit trail: by page number before keyset pagination, by the
    cursor of its first row after (the cursor is found once, outside the timing)."""
    from sentra import lists
    from sentra.models import AuditEvent

    if not hasattr(lists, "keyset_page"):
        return "/audit/?page=20000"
    rows = AuditEvent.objects.filter(centre=admin.centre).order_by("-at", "-id")
    at, pk = rows.values_list("at", "id")[20_000 * 50 - 1]
    return f"/audit/?older={(at - lists.EPOCH) // timedelta(microseconds=1)}_{pk}"


def monthly_report(runs: int) -> dict:
    """The monthly report of the largest centre for the last full month, outside any view."""
    from datetime import date

    from reports.monthly import build_monthly_report
    from sentra.models import Centre

    centre = Centre.objects.get(code="ALY")
    times, floors, tables = [], [], big_tables()
    scans, queries = set(), []
    for _run in range(runs + 1):
        reset_queries()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            build_monthly_report(centre=centre, month=date(2026, 10, 1))
        times.append((time.perf_counter() - started) * 1000)
        queries = list(captured.captured_queries)
        floor, scanned = sql_floor(queries, tables)
        floors.append(floor)
        scans |= scanned
    times, floors = times[1:], floors[1:]
    p50, floor = statistics.median(times), statistics.median(floors)
    return {
        "label": "monthly report, one centre-month",
        "queries": len(queries),
        "p50": p50,
        "p95": percentile(times, 0.95),
        "floor": floor,
        "ratio": p50 / floor if floor else 0.0,
        "scans": scans,
    }


def show(row):
    print(
        f"{row['label'][:42]:<42} {row['queries']:>4} {row['p50']:>8.1f} {row['p95']:>8.1f} "
        f"{row['floor']:>8.1f} {row['ratio']:>6.2f}  {','.join(sorted(row['scans'])) or '-'}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", default="", help="measure only pages whose label has this")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/scale.py needs DATABASE_URL pointing at PostgreSQL")
    call_command("migrate", verbosity=0)
    from bench.scale_data import build
    from clients.models import Client

    # Every step of the build is skipped when its rows are there: an empty database is
    # built, a stopped build resumes, and a dataset from before a new table is topped up.
    print(f"building or reusing {args.clients} clients ...", flush=True)
    build(args.clients)
    total = Client.objects.count()
    from reports.summaries import refresh_all

    started = time.perf_counter()
    periods = refresh_all()  # what the nightly job does before the day's first dashboard
    print(f"nightly recount: {periods} closed periods in {time.perf_counter() - started:.1f} s")
    # No setup_test_environment(): its instrumented template rendering (a signal sent per
    # template, crispy renders one per field) is test machinery a server never runs, and
    # cost the list pages 15-20 % of their time. ALLOWED_HOSTS is set above instead.
    tables = big_tables()
    print(f"clients={total}  load average: {os.getloadavg()[0]:.2f} (2 cores, shared)")
    print(
        f"{'page':<42} {'qrys':>4} {'p50 ms':>8} {'p95 ms':>8} {'floor':>8} {'ratio':>6}  "
        "seq scans > 10 000 rows"
    )
    listed, growth = pages(args.only)
    rows = []
    for page in listed:
        rows.append(measure(page, args.runs, tables))
        show(rows[-1])
    if not args.only or "monthly" in args.only:
        rows.append(monthly_report(args.runs))
        show(rows[-1])
    admin = next((r for r in rows if r["label"].startswith("django admin")), None)
    mine = next((r for r in rows if r["label"].startswith("client list (supervisor)")), None)
    if admin and mine:
        print(f"client list / django admin changelist: {mine['p50'] / admin['p50']:.2f}")
    for label, row_pages in growth:
        measured = [measure(page, args.runs, tables) for page in row_pages]
        figures = "  ".join(
            f"{page.label.split('@')[1]} {m['p50']:.0f} ms"
            for page, m in zip(row_pages, measured, strict=True)
        )
        print(
            f"growth {label}: {figures}  largest/smallest "
            f"{measured[0]['p50'] / measured[-1]['p50']:.2f}",
            flush=True,
        )
    search = [r["p95"] for r in rows if r["label"].startswith("search")]
    judged = [r for r in rows if not r["label"].startswith("django admin")]
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(
        f"scale: clients={total} worst_ratio={max((r['ratio'] for r in judged), default=0):.2f} "
        f"worst_p95_ms={max((r['p95'] for r in judged), default=0):.0f} "
        f"search_p95_ms={max(search, default=0):.0f} "
        f"seq_scans={len(set().union(*(r['scans'] for r in rows)))}"
    )


if __name__ == "__main__":
    main()
