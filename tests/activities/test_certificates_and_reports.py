"""The certificate as PDF through the report-job model, and the case report with the
person's activities, course progress, certificate and starter package."""

import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.services.activities import record_attendance
from activities.services.completion import give_starter_package, issue_certificate
from activities.services.courses import record_final_result, record_module_evaluations
from casework.models import ServiceType
from reports import services as report_services
from reports.models import ReportRun
from tests.activities.conftest import log_activity, make_course

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no poppler-utils"),
]


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def graduate(worker, make_resident):
    """A participant of a salon course, evaluated on both modules, found competent, with a
    certificate and a starter package."""
    case = make_resident(name="Rina Siregar")
    course = make_course(
        worker,
        [case],
        title="Pelatihan Salon Kecantikan",
        modules=(("Potong rambut dasar", 30), ("Tata rias wajah", 24)),
    )
    enrolment = course.enrolments.get()
    for score, module in zip((86, 74), course.modules.all(), strict=True):
        record_module_evaluations(
            by=worker,
            module=module,
            marks={enrolment.pk: {"score": score, "level": "competent", "comments": ""}},
        )
    record_final_result(by=worker, enrolment=enrolment, result="competent")
    certificate = issue_certificate(
        by=worker,
        enrolment=enrolment,
        data={
            "issued_on": timezone.localdate(),
            "signatory_name": "Drs. H. Syamsul Bahri, M.Si.",
            "signatory_position": "Kepala Sentra Alyatama",
            "signatory_number": "196805121994031002",
        },
    )
    give_starter_package(
        by=worker,
        enrolment=enrolment,
        data={
            "kind": "tools",
            "items": "Hair dryer dan catok",
            "amount": 2_500_000,
            "given_on": timezone.localdate(),
        },
        service_type=ServiceType.objects.get(code="starter_package", centre=None),
    )
    meeting = log_activity(worker, "morning_meeting", topic="Rencana hari ini")
    record_attendance(by=worker, activity=meeting, marks={case.pk: "present"})
    return case, certificate


def test_a_certificate_is_requested_rendered_and_downloaded_as_a_report(
    graduate, admin, client_for, tasks_in_process, django_capture_on_commit_callbacks
):
    case, certificate = graduate
    http = client_for(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = http.post(reverse("reports:request-certificate", args=[certificate.public_id]))
    assert response["Location"] == reverse("reports:list")
    run = ReportRun.objects.get(kind="certificate_pdf")
    assert run.status == "done" and run.filename == f"{certificate.number}.pdf"
    download = http.get(reverse("reports:run-download", args=[run.public_id]))
    text = pdf_text(b"".join(download.streaming_content))
    for expected in (
        "CERTIFICATE",
        certificate.number,
        "Rina Siregar",
        "Pelatihan Salon Kecantikan",
        "COMPETENT",
        "Drs. H. Syamsul Bahri, M.Si.",
        "Kepala Sentra Alyatama",
        "196805121994031002",
        "Potong rambut dasar",
        "Modules completed",
    ):
        assert expected in text, expected
    assert "54" in text  # the hours of both modules


@pytest.mark.indonesian
def test_the_certificate_speaks_indonesian(graduate, worker):
    _case, certificate = graduate
    run = ReportRun.objects.create(
        kind="certificate_pdf",
        requested_by=worker,
        centre=certificate.centre,
        params={"certificate": certificate.pk},
        language="id",
    )
    report_services.execute(run.pk)
    run.refresh_from_db()
    text = pdf_text(run.file.read())
    assert "SERTIFIKAT" in text and "KOMPETEN" in text and "diberikan kepada" in text


def test_a_certificate_of_another_centre_is_not_rendered_for_its_requester(graduate, outsider):
    _case, certificate = graduate
    run = ReportRun.objects.create(
        kind="certificate_pdf",
        requested_by=outsider,
        centre=certificate.centre,
        params={"certificate": certificate.pk},
        language="en",
    )
    with pytest.raises(Exception, match="no longer print"):
        report_services.execute(run.pk)


def test_the_case_report_tells_the_activities_courses_and_certificate(graduate, worker):
    case, certificate = graduate
    run = ReportRun.objects.create(
        kind="case_pdf",
        requested_by=worker,
        centre=case.centre,
        params={"case": case.pk, "include_notes": False},
        language="en",
    )
    report_services.execute(run.pk)
    run.refresh_from_db()
    text = pdf_text(run.file.read())
    assert "Activities and vocational training" in text
    assert "Morning roll call and meeting 1×" in text
    assert "Pelatihan Salon Kecantikan" in text
    assert "2 of 2 modules evaluated, 2 competent" in text
    assert certificate.number in text
    assert "Rp 2,500,000" in text or "Rp 2.500.000" in text
