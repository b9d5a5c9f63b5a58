import contextlib
import io
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from casework.models import Case, ServiceType
from casework.services.cases import reassign_cases
from casework.services.monitoring import record_monitoring_review
from casework.services.notes import add_note
from casework.services.service_records import record_service
from reports import rendering, spreadsheets
from reports import services as report_services
from reports.models import ReportRun
from reports.monthly import build_monthly_report
from sentra import csvfile
from tests.factories import ClientFactory, approved_termination, open_case_for
from tests.pages import read_page

pytestmark = pytest.mark.django_db
THIS_MONTH = timezone.localdate().replace(day=1)


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no poppler-utils")


@pytest.fixture
def month_data(centre, worker, supervisor, colleague):
    """Counted by hand: 3 cases this month (2 referrals, 1 outreach, 1 emergency answered
    late), one case opened two months ago and still open, one closed last month; two
    services this month (Rp 300,000 + Rp 50,000) and one last month."""

    def open_case(route, opened, **extra):
        client = ClientFactory(centre=centre, registered_by=worker, **extra.pop("client", {}))
        case = open_case_for(
            client,
            extra.pop("by", worker),
            supervisor,
            access_route=route,
            referring_institution="Dinsos" if route == "referral" else "",
            outreach_location="Pasar" if route == "outreach" else "",
            **extra,
        )
        Case.objects.filter(pk=case.pk).update(opened_at=opened)
        case.refresh_from_db()
        return case

    now = timezone.now()
    a = open_case("referral", now, client={"sex": "P", "birth_date": date(2016, 1, 1)})
    b = open_case("referral", now, by=colleague, primary_worker=colleague)
    c = open_case("outreach", now, is_emergency=True, emergency_needs=["medical"])
    Case.objects.filter(pk=c.pk).update(
        response_due_at=now - timedelta(hours=2), first_response_at=now - timedelta(hours=1)
    )
    old = open_case("walk_in", now - timedelta(days=70))
    closed = open_case("walk_in", now - timedelta(days=90))
    Case.objects.filter(pk=closed.pk).update(
        stage="termination", closed_at=now - timedelta(days=40)
    )
    cash = ServiceType.objects.get(code="cash_assistance", centre=None)
    record_service(
        by=worker, case=a, data={"service_type": cash, "amount": 300000, "provider_staff": worker}
    )
    record_service(
        by=worker, case=b, data={"service_type": cash, "amount": 50000, "provider_staff": worker}
    )
    record_service(
        by=worker,
        case=old,
        data={
            "service_type": cash,
            "amount": 999,
            "provider_staff": worker,
            "delivered_on": timezone.localdate() - timedelta(days=45),
        },
    )
    return {"a": a, "b": b, "c": c, "old": old}


def test_monthly_aggregation_matches_the_hand_count(
    centre, month_data, other_centre, outsider, supervisor
):
    # Another centre's activity never leaks into this centre's report.
    open_case_for(ClientFactory(centre=other_centre, registered_by=outsider), outsider, supervisor)
    report = build_monthly_report(centre=centre, month=THIS_MONTH)
    assert report.figures == {
        "clients_served": 4,
        "admissions": 3,
        "terminations": 0,
        "services": 2,
        "amount": 350000,
    }
    assert dict(map(tuple, report.table("admissions").rows)) == {
        "Referral (rujukan)": 2,
        "Report (pelaporan)": 0,
        "Outreach (penjangkauan)": 1,
        "Walk-in": 0,
    }
    assert report.table("emergencies").rows[:3] == [
        ["Emergency cases opened", 1],
        ["First response on time", 0],
        ["First response late", 1],
    ]
    assert report.table("services").rows == [
        ["Social aid and social assistance", "Cash assistance", 2, 2, 350000]
    ]
    categories = report.table("categories")
    assert categories.total == ["Total people served", 3, 1, 4]
    assert ["6–12 years", 0, 1, 1] in report.table("age").rows
    caseload = dict(map(tuple, report.table("caseload").rows))
    assert sum(caseload.values()) == 4
    everywhere = build_monthly_report(centre=None, month=THIS_MONTH)
    assert everywhere.figures["admissions"] == 4


def test_terminations_by_reason_count_closures_in_the_month(centre, month_data, worker, supervisor):
    approved_termination(month_data["old"], worker, supervisor, reason="reunified")
    report = build_monthly_report(centre=centre, month=THIS_MONTH)
    assert report.table("terminations").rows == [
        ["Returned to family / reunified", "Not recorded", 1]
    ]


def test_xlsx_has_a_sheet_per_table_with_real_numbers(centre, month_data):
    report = build_monthly_report(centre=centre, month=THIS_MONTH)
    workbook = load_workbook(io.BytesIO(spreadsheets.monthly_xlsx(report)))
    assert workbook.sheetnames == ["Summary", *[t.sheet for t in report.tables]]
    services_sheet = workbook["Services"]
    assert [c.value for c in services_sheet[3]] == [
        "Social aid and social assistance",
        "Cash assistance",
        2,
        2,
        350000,
    ]
    assert isinstance(services_sheet["E3"].value, int)
    assert services_sheet["E3"].number_format == "#,##0"
    summary = {row[0].value: row[1].value for row in workbook["Summary"].iter_rows(min_row=3)}
    assert summary["People served"] == 4


def test_cells_are_escaped_against_formula_injection():
    assert csvfile.safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert csvfile.safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csvfile.safe_cell("Budi") == "Budi" and csvfile.safe_cell(-5) == -5


@needs_poppler
def test_case_pdf_has_the_story_and_respects_confidentiality(
    case, worker, supervisor, admin, colleague
):
    add_note(
        by=worker, case=case, data={"kind": "home_visit", "narrative": "Catatan kunjungan biasa"}
    )
    add_note(
        by=worker,
        case=case,
        data={"kind": "counselling", "is_confidential": True, "narrative": "Rahasia besar klien"},
    )
    case.team.add(colleague)
    run = ReportRun.objects.create(
        kind="case_pdf",
        requested_by=worker,
        centre=case.centre,
        params={"case": case.pk, "include_notes": True},
        language="en",
    )
    report_services.execute(run.pk)
    run.refresh_from_db()
    assert run.status == "done" and run.filename.startswith(case.number)
    content = run.file.read()
    text = pdf_text(content)
    assert case.client.full_name in text and "Rahasia besar klien" in text
    for heading in ("Client identity", "Stage timeline", "Service plan", "Case notes"):
        assert heading in text
    assert "Page 1 of" in text and "CONFIDENTIAL" in text
    assert run.checksum and len(run.checksum) == 64


@needs_poppler
def test_a_requester_without_confidential_access_gets_no_confidential_note(
    case, worker, client_for
):
    # A team member who joined as 'colleague' may read; an admin may not even ask.
    add_note(
        by=worker,
        case=case,
        data={"kind": "counselling", "is_confidential": True, "narrative": "Rahasia besar klien"},
    )
    run = ReportRun.objects.create(
        kind="case_pdf",
        requested_by=worker,
        centre=case.centre,
        params={"case": case.pk, "include_notes": False},
    )
    report_services.execute(run.pk)
    run.refresh_from_db()
    text = pdf_text(run.file.read())
    # Indonesian by default: the requester's language when they asked.
    assert "Rahasia besar klien" not in text and "Catatan tidak disertakan" in text
    assert "RAHASIA" in text and "Halaman 1 dari" in text


def test_access_is_checked_again_when_the_report_is_rendered(case, worker, colleague, supervisor):
    run = ReportRun.objects.create(
        kind="case_pdf",
        requested_by=worker,
        centre=case.centre,
        params={"case": case.pk, "include_notes": True},
        language="en",
    )
    reassign_cases(
        by=supervisor, cases=Case.objects.filter(pk=case.pk), to_worker=colleague, reason="cuti"
    )
    for _ in range(ReportRun.MAX_ATTEMPTS):
        # Each failed attempt raises for the task to retry; the last one gives up.
        with contextlib.suppress(Exception):
            report_services.execute(run.pk)
    run.refresh_from_db()
    assert run.status == "failed" and "no longer" in run.error and not run.file


def test_a_duplicate_delivery_renders_once(case, worker):
    run = ReportRun.objects.create(
        kind="monthly_csv",
        requested_by=None,
        centre=case.centre,
        params={"centre": case.centre_id, "month": THIS_MONTH.strftime("%Y-%m")},
    )
    first = report_services.execute(run.pk)
    assert first.status == "done"
    assert report_services.execute(run.pk) is None  # the second delivery claims nothing
    run.refresh_from_db()
    assert run.attempts == 1


def test_a_double_click_makes_one_run(admin, client_for):
    http = client_for(admin)
    data = {"month": THIS_MONTH.strftime("%Y-%m"), "kind": "monthly_xlsx"}
    http.post(reverse("reports:list"), data)
    http.post(reverse("reports:list"), data)
    assert ReportRun.objects.count() == 1


def test_the_request_succeeds_when_the_broker_is_down_and_the_sweeper_catches_up(
    admin, client_for, monkeypatch, django_capture_on_commit_callbacks, tasks_in_process
):
    from celery import Celery

    # A real Celery client whose broker address has nothing listening.
    dead_broker = Celery("dead-broker", broker="redis://127.0.0.1:1/0")
    dead_broker.conf.broker_connection_timeout = 1
    dead_broker.conf.broker_transport_options = {"socket_connect_timeout": 1}
    monkeypatch.setattr(report_services, "celery_app", dead_broker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(
            reverse("reports:list"),
            {"month": THIS_MONTH.strftime("%Y-%m"), "kind": "monthly_csv"},
            follow=True,
        )
    assert response.status_code == 200
    assert "queued" in response.content.decode()
    run = ReportRun.objects.get()
    assert run.status == "pending"
    monkeypatch.undo()
    # The broker is back: the sweeper re-sends what is pending (in-process here).
    ReportRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert report_services.sweep() == 1
    run.refresh_from_db()
    assert run.status == "done"


EXPECTED_CASE_REPORT = {
    "worker": 302,
    "supervisor": 302,
    "admin": 403,
    "colleague": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("role", list(EXPECTED_CASE_REPORT))
def test_case_report_request_for_the_cast(cast, case, client_for, role):
    response = client_for(cast[role]).post(
        reverse("reports:request-case", args=[case.public_id]), {"include_notes": "on"}
    )
    assert response.status_code == EXPECTED_CASE_REPORT[role]


def test_report_downloads_go_through_access_checks(cast, case, client_for):
    run = ReportRun.objects.create(
        kind="case_pdf", requested_by=cast["worker"], centre=case.centre, params={"case": case.pk}
    )
    report_services.execute(run.pk)
    url = reverse("reports:run-download", args=[run.public_id])
    assert client_for(cast["worker"]).get(url).status_code == 200
    for role in ("colleague", "admin", "outsider", "supervisor"):
        assert client_for(cast[role]).get(url).status_code == 404, role


@pytest.mark.parametrize(
    ("role", "status"), [("admin", 302), ("supervisor", 302), ("worker", 403), ("outsider", 403)]
)
def test_monthly_reports_are_for_admins_and_supervisors(cast, client_for, role, status):
    response = client_for(cast[role]).post(
        reverse("reports:list"), {"month": THIS_MONTH.strftime("%Y-%m"), "kind": "monthly_csv"}
    )
    assert response.status_code == status


def test_a_future_month_is_refused(admin, client_for):
    response = client_for(admin).post(
        reverse("reports:list"), {"month": "2999-01", "kind": "monthly_csv"}
    )
    assert "not started" in response.content.decode()


def test_the_monthly_schedule_creates_each_format_once(centre):
    assert report_services.request_previous_month_reports() == 3
    assert report_services.request_previous_month_reports() == 0


def test_report_list_query_budget(admin, centre, client_for, django_assert_max_num_queries):
    http = client_for(admin)
    ReportRun.objects.create(
        kind="monthly_csv",
        requested_by=admin,
        centre=centre,
        params={"centre": centre.pk, "month": "2026-01"},
    )
    with django_assert_max_num_queries(12) as few:
        read_page(http, reverse("reports:list"), "2026-01")
    for n in range(10):
        ReportRun.objects.create(
            kind="monthly_csv",
            requested_by=admin,
            centre=centre,
            params={"centre": centre.pk, "month": f"2025-{n + 1:02d}"},
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        read_page(http, reverse("reports:list"), "2026-01", "2025-01", "2025-10")


def test_dashboard_shows_this_month_and_twelve_month_trends(
    centre, month_data, admin, worker, client_for
):
    from reports.dashboard import centre_dashboard

    data = centre_dashboard(centre)
    admissions = dict(data["series"])["New admissions"]
    assert len(admissions) == 12 and admissions[-1] == 3 and admissions[-3] == 1
    # One small chart per series, each with its own scale (sentra/charts.py).
    assert data["chart"].count("<svg") == 3
    assert client_for(admin).get(reverse("reports:dashboard")).status_code == 200
    assert client_for(worker).get(reverse("reports:dashboard")).status_code == 403


def test_a_pending_row_polls_and_a_finished_one_does_not(admin, centre, client_for):
    run = ReportRun.objects.create(
        kind="monthly_csv",
        requested_by=admin,
        centre=centre,
        params={"centre": centre.pk, "month": "2026-01"},
    )
    url = reverse("reports:run-status", args=[run.public_id])
    assert "hx-trigger" in client_for(admin).get(url).content.decode()
    report_services.execute(run.pk)
    body = client_for(admin).get(url).content.decode()
    assert "hx-trigger" not in body and "download" in body


@needs_poppler
def test_case_pdf_shows_goal_progress_and_inlines_the_photo(case, worker, supervisor):
    import base64

    from PIL import Image

    from clients import services as client_services
    from tests.factories import approved_plan

    plan = approved_plan(case, worker, supervisor)
    Case.objects.filter(pk=case.pk).update(stage="monitoring")
    case.refresh_from_db()
    record_monitoring_review(
        by=worker,
        case=case,
        data={"decision": "continue"},
        progress={plan.goals.get(): ("achieved", "")},
    )
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    buffer.seek(0)
    upload = __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
        "foto.png", buffer.getvalue()
    )
    client_services.add_document(
        by=worker, client=case.client, kind="photo", upload=upload, content_type="image/png"
    )
    context = rendering.case_report_context(case, user=worker, include_notes=True)
    assert context["photo"].startswith("data:image/png;base64,")
    assert base64.b64decode(context["photo"].split(",", 1)[1]) == buffer.getvalue()
    run = ReportRun.objects.create(
        kind="case_pdf",
        requested_by=worker,
        centre=case.centre,
        params={"case": case.pk},
        language="en",
    )
    report_services.execute(run.pk)
    run.refresh_from_db()
    assert "Achieved" in pdf_text(run.file.read())


def test_the_pdf_engine_fetches_nothing_from_the_network():
    import logging

    messages = []

    class Collect(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        pdf = rendering.html_to_pdf(
            '<img src="http://example.invalid/track.png"><img src="file:///etc/passwd">'
            '<link rel="stylesheet" href="static:/css/sentra.css"><p>ok</p>'
        )
    finally:
        logger.removeHandler(handler)
    assert pdf.startswith(b"%PDF")
    blocked = " ".join(messages)
    assert "example.invalid" in blocked and "/etc/passwd" in blocked
    assert "sentra.css" not in blocked


def test_a_run_whose_worker_died_three_times_is_failed_with_a_reason(case, worker):
    run = ReportRun.objects.create(
        kind="case_pdf",
        requested_by=worker,
        centre=case.centre,
        params={"case": case.pk},
        status="running",
        attempts=3,
        lease_until=timezone.now() - timedelta(seconds=1),
    )
    assert report_services.sweep() == 0
    run.refresh_from_db()
    assert run.status == "failed" and "three times" in run.error
