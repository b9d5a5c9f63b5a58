"""A long case report is laid out part by part: no single rendering holds more than one
part's notes, and the joined PDF holds every note."""

import pytest
from pypdf import PdfReader

from casework.services.notes import add_note
from reports import case_report, rendering
from reports import services as report_services
from reports.models import ReportRun
from tests.reports.test_reports import pdf_text


@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None, reason="no poppler-utils")
def test_a_long_case_report_is_rendered_in_bounded_parts(case, worker, monkeypatch):
    monkeypatch.setattr(case_report, "NOTES_PER_PART", 3)
    for number in range(7):
        add_note(by=worker, case=case, data={"kind": "phone", "narrative": f"Catatan-{number}"})
    laid_out = []  # how many notes each WeasyPrint rendering held
    real_html_to_pdf = rendering.html_to_pdf

    def counting(html):
        laid_out.append(sum(f"Catatan-{number}" in html for number in range(7)))
        return real_html_to_pdf(html)

    monkeypatch.setattr(rendering, "html_to_pdf", counting)
    run = ReportRun.objects.create(
        kind="case_pdf",
        requested_by=worker,
        centre=case.centre,
        params={"case": case.pk},
        language="en",
    )
    run = report_services.execute(run.pk)

    assert run.status == "done"
    assert laid_out == [3, 3, 1]  # the report with the newest three, then two annexes
    content = run.file.read()
    text = pdf_text(content)
    assert all(f"Catatan-{number}" in text for number in range(7))
    assert "7 notes in all" in text and "Annex 2 of 2" in text
    assert len(PdfReader(__import__("io").BytesIO(content)).pages) >= 3


def test_a_short_case_report_is_one_rendering(case, worker, monkeypatch):
    add_note(by=worker, case=case, data={"kind": "phone", "narrative": "Satu-satunya catatan"})
    calls = []
    real_html_to_pdf = rendering.html_to_pdf
    monkeypatch.setattr(
        rendering, "html_to_pdf", lambda html: calls.append(1) or real_html_to_pdf(html)
    )
    pdf = case_report.case_report_pdf(case, user=worker, include_notes=True)
    assert calls == [1] and pdf.startswith(b"%PDF")
