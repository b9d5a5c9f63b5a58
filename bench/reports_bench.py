"""Report benchmarks: prints figures, asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sentra_bench \\
        .venv/bin/python bench/reports_bench.py [--clients 100000]

Builds (once; it is reused when present) a large dataset in the given PostgreSQL database:
several centres, N clients each with a case, notes and services. Then times
1. the monthly aggregation for one centre-month and for all centres, against the same core
   figures computed by one hand-written SQL query;
2. rendering a 50-note case report (context + template + PDF) against WeasyPrint alone on
   the same HTML.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sentra.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

CENTRES = 5


def build_dataset(total_clients: int) -> None:
    from casework.models import Case, CaseNote, ServiceRecord, ServiceType, StageMove
    from casework.models.cases import record_when_stages_were_left
    from clients.models import Client
    from sentra.models import Centre, User

    if Client.objects.count() >= total_clients:
        print(f"dataset present: {Client.objects.count()} clients")
        return
    rng = random.Random(42)
    started = time.perf_counter()
    service_types = list(ServiceType.objects.filter(centre=None))
    now = timezone.now()
    for c in range(CENTRES):
        centre, _ = Centre.objects.get_or_create(code=f"B{c:02d}", defaults={"name": f"Bench {c}"})
        workers = [
            User.objects.get_or_create(
                username=f"bench{c}_{w}",
                defaults={
                    "full_name": f"Pekerja {c}-{w}",
                    "centre": centre,
                    "role": "social_worker",
                },
            )[0]
            for w in range(10)
        ]
        per_centre = total_clients // CENTRES
        clients = [
            Client(
                centre=centre,
                registration_number=f"B{c:02d}-{i:06d}",
                registered_by=workers[i % 10],
                full_name=f"Klien {c} {i}",
                search_name=f"klien {c} {i}",
                sex=rng.choice("LP"),
                birth_date=date(1950, 1, 1) + timedelta(days=rng.randint(0, 26000)),
            )
            for i in range(per_centre)
        ]
        Client.objects.bulk_create(clients, batch_size=5000)
        clients = list(Client.objects.filter(centre=centre).only("id"))
        cases = []
        for i, client in enumerate(clients):
            opened = now - timedelta(days=rng.randint(0, 730))
            closed = opened + timedelta(days=rng.randint(30, 300))
            is_closed = closed < now and rng.random() < 0.5
            cases.append(
                Case(
                    centre=centre,
                    client=client,
                    number=f"B{c:02d}-K-{i:06d}",
                    stage="termination"
                    if is_closed
                    else rng.choice(["access", "assessment", "intervention", "monitoring"]),
                    opened_at=opened,
                    stage_entered_at=opened,
                    closed_at=closed if is_closed else None,
                    opened_by=workers[0],
                    access_route=rng.choice(["referral", "report", "outreach", "walk_in"]),
                    approaches=["residential"],
                    problem_statement="bench",
                    primary_worker=workers[i % 10],
                    supervisor=workers[0],
                )
            )
        Case.objects.bulk_create(cases, batch_size=5000)
        cases = list(Case.objects.filter(centre=centre).only("id", "opened_at"))
        moves, notes, services = [], [], []
        for case in cases:
            moves.append(
                StageMove(
                    case=case,
                    from_stage="",
                    to_stage="access",
                    moved_at=case.opened_at,
                    moved_by=workers[0],
                )
            )
            moves.append(
                StageMove(
                    case=case,
                    from_stage="access",
                    to_stage="engagement",
                    moved_at=case.opened_at + timedelta(days=rng.randint(1, 20)),
                    moved_by=workers[0],
                )
            )
            for _n in range(3):
                notes.append(
                    CaseNote(
                        case=case,
                        kind="home_visit",
                        author=workers[0],
                        occurred_at=case.opened_at + timedelta(days=rng.randint(0, 60)),
                        narrative="Kunjungan rumah " * 10,
                    )
                )
            for _s in range(2):
                services.append(
                    ServiceRecord(
                        case=case,
                        service_type=rng.choice(service_types),
                        recorded_by=workers[0],
                        delivered_on=(case.opened_at + timedelta(days=rng.randint(0, 90))).date(),
                        amount=rng.choice([None, 50000, 300000]),
                    )
                )
        StageMove.objects.bulk_create(moves, batch_size=10000)
        CaseNote.objects.bulk_create(notes, batch_size=10000)
        ServiceRecord.objects.bulk_create(services, batch_size=10000)
        print(f"centre {c}: {per_centre} clients", flush=True)
    record_when_stages_were_left()  # the moves were written in bulk, not moved one by one
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"dataset built in {time.perf_counter() - started:.1f} s")


HAND_SQL = """
WITH served AS (
  SELECT c.id, c.client_id, c.primary_worker_id FROM casework_case c
  WHERE (%(centre)s IS NULL OR c.centre_id = %(centre)s)
    AND c.opened_at < %(end)s AND (c.closed_at IS NULL OR c.closed_at >= %(start)s)
), admissions AS (
  SELECT access_route, count(*) n FROM casework_case
  WHERE (%(centre)s IS NULL OR centre_id = %(centre)s)
    AND opened_at >= %(start)s AND opened_at < %(end)s GROUP BY access_route
), services AS (
  SELECT t.component, t.name_id, count(*) n, sum(s.amount) amount
  FROM casework_servicerecord s JOIN casework_servicetype t ON t.id = s.service_type_id
  JOIN casework_case c ON c.id = s.case_id
  WHERE (%(centre)s IS NULL OR c.centre_id = %(centre)s)
    AND s.delivered_on >= %(start)s::date AND s.delivered_on < %(end)s::date
  GROUP BY t.component, t.name_id
), caseload AS (
  SELECT primary_worker_id, count(*) n FROM served GROUP BY primary_worker_id
)
SELECT 'served', NULL::text, count(DISTINCT client_id), NULL::numeric FROM served
UNION ALL SELECT 'admissions', access_route, n, NULL::numeric FROM admissions
UNION ALL SELECT 'services', component || ' ' || name_id, n, amount FROM services
UNION ALL SELECT 'caseload', primary_worker_id::text, n, NULL::numeric FROM caseload
"""


def timed(label, function, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    print(f"{label:<60} {best * 1000:9.1f} ms (best of {repeat})")
    return best


def bench_monthly() -> None:
    from reports.monthly import build_monthly_report, month_bounds
    from sentra.models import Centre

    centre = Centre.objects.get(code="B00")
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    start, end = month_bounds(month)

    def hand(centre_id):
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, {"centre": centre_id, "start": start, "end": end})
            return cursor.fetchall()

    def orm_core(centre):
        """The same four figures as HAND_SQL, with the ORM queries the report uses."""
        from django.db.models import Count, Q, Sum

        from casework.models import Case, ServiceRecord

        cases = Case.objects.all() if centre is None else Case.objects.filter(centre=centre)
        served = cases.filter(opened_at__lt=end).filter(
            Q(closed_at__isnull=True) | Q(closed_at__gte=start)
        )
        return [
            served.aggregate(n=Count("client", distinct=True))["n"],
            list(
                cases.filter(opened_at__gte=start, opened_at__lt=end)
                .values("access_route")
                .annotate(n=Count("id"))
            ),
            list(
                ServiceRecord.objects.filter(
                    case__in=cases, delivered_on__gte=start.date(), delivered_on__lt=end.date()
                )
                .values("service_type__component", "service_type__name_id")
                .annotate(n=Count("id"), amount=Sum("amount"))
            ),
            list(served.values("primary_worker").annotate(n=Count("id"))),
        ]

    timed(
        "monthly report, one centre (ORM, all 13 tables)",
        lambda: build_monthly_report(centre=centre, month=month),
    )
    timed(
        "monthly report, all centres (ORM, all 13 tables)",
        lambda: build_monthly_report(centre=None, month=month),
    )
    orm_one = timed("4 core figures, one centre (ORM)", lambda: orm_core(centre))
    sql_one = timed("4 core figures, one centre (one hand-written SQL)", lambda: hand(centre.pk))
    orm_all = timed("4 core figures, all centres (ORM)", lambda: orm_core(None))
    sql_all = timed("4 core figures, all centres (one hand-written SQL)", lambda: hand(None))
    print(f"ratio one centre {orm_one / sql_one:.2f}x, all centres {orm_all / sql_all:.2f}x")


def bench_case_report() -> None:
    from casework.models import Case, CaseNote
    from reports import rendering

    case = Case.objects.select_related("client", "centre").filter(centre__code="B00").first()
    existing = CaseNote.objects.filter(case=case).count()
    CaseNote.objects.bulk_create(
        [
            CaseNote(
                case=case,
                kind="counselling",
                author=case.primary_worker,
                narrative="Sesi konseling lanjutan. " * 30,
            )
            for _ in range(max(0, 50 - existing))
        ]
    )
    user = case.primary_worker  # on the case team: the report includes all 50 notes

    rendering.html_to_pdf("<p>warm-up</p>")  # WeasyPrint's import and fonts, once

    def full():
        context = rendering.case_report_context(case, user=user, include_notes=True)
        return rendering.html_to_pdf(rendering.render_html("reports/pdf/case_report.html", context))

    html = rendering.render_html(
        "reports/pdf/case_report.html",
        rendering.case_report_context(case, user=user, include_notes=True),
    )
    from weasyprint import HTML

    pages = len(full().split(b"/Type /Page\n")) - 1 or "?"
    print(f"case report: {CaseNote.objects.filter(case=case).count()} notes, PDF pages: {pages}")
    ours = timed("case report with 50 notes (context + template + PDF)", full, repeat=3)
    raw = timed(
        "WeasyPrint alone on the same HTML", lambda: HTML(string=html).write_pdf(), repeat=3
    )
    print(f"ratio {ours / raw:.2f}x")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at a PostgreSQL database for this benchmark.")
    call_command("migrate", verbosity=0)
    build_dataset(args.clients)
    bench_monthly()
    bench_case_report()


if __name__ == "__main__":
    main()
