"""Turning reports into files. One function builds each context, one renders HTML from a
template, one turns HTML into PDF bytes, one writes XLSX and one CSV."""

import base64
import csv
import io
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from activities.services.people import participation_of
from assessments import charts, schema
from assessments.models import Assessment, InstrumentKind
from casework.models import CaseNote, GoalProgress
from clients import identity
from reports.monthly import MonthlyReport
from sentra import access

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def render_html(template: str, context: dict) -> str:
    return render_to_string(template, context)


def _local_fetcher():
    """WeasyPrint may read the app's own static files and inline data, nothing else: no
    network fetch can leak a client's report or slow it down."""
    # Imported here: WeasyPrint costs most of a second to import, and only workers need it.
    from weasyprint.urls import URLFetcher, path2url

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            prefix = "static:/"
            if url.startswith(prefix):
                path = finders.find(url[len(prefix) :].lstrip("/"))
                if path:
                    return super().fetch(path2url(str(Path(path).resolve())), headers)
            raise ValueError(f"Blocked fetch of {url!r} while rendering a report")

    return LocalFetcher(allowed_protocols={"data", "file"})


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint costs most of a second to import, and only workers need it.
    from weasyprint import HTML

    return HTML(string=html, base_url="static:/", url_fetcher=_local_fetcher()).write_pdf()


# --- The case report ---------------------------------------------------------------------------


def case_report_context(case, *, user, include_notes: bool) -> dict:
    client = case.client
    scored = list(
        Assessment.objects.submitted()
        .filter(case__client=client, instrument__kind=InstrumentKind.WELLBEING)
        .select_related("instrument")
        .order_by("submitted_at")
    )
    chart = ""
    if scored:
        chart = charts.wellbeing_chart(
            [(a.submitted_at.date(), a.scores) for a in scored], scored[-1].instrument.domains
        )
    notes = []
    if include_notes:
        notes = CaseNote.objects.visible_to(user).filter(case=case).select_related("author")
    plan = case.plans.filter(status="approved").first()
    goal_status = {}
    if plan:
        for progress in GoalProgress.objects.filter(review__case=case).order_by(
            "review__reviewed_on", "review_id"
        ):
            goal_status[progress.goal_id] = progress.get_status_display()
    return {
        "photo": _photo_data_uri(client),
        "goal_rows": [
            (goal, goal_status.get(goal.pk, ""))
            for goal in (plan.goals.select_related("responsible_staff") if plan else [])
        ],
        "header": f"{case.centre.name} · {case.number}",
        "case": case,
        "client": client,
        "centre": case.centre,
        "address": identity.region_path(
            client.village_code
            or client.district_code
            or client.regency_code
            or client.province_code
        ),
        "family": client.family.filter(is_archived=False),
        "moves": case.stage_moves.select_related("moved_by"),
        "assessments": [
            {
                "assessment": a,
                "scores": [
                    (schema.text(d["label"]), a.scores.get(d["key"]))
                    for d in a.instrument.domains
                    if d["key"] in a.scores
                ],
            }
            for a in case.assessments.submitted().select_related("instrument")
        ],
        "wellbeing_chart": chart,
        "plan": plan,
        "conference_items": case.conference_items.filter(conference__status="final").select_related(
            "conference"
        ),
        "services": case.services.select_related("service_type").order_by(
            "service_type__component", "delivered_on"
        ),
        "notes": notes,
        "include_notes": include_notes,
        "referrals": case.referrals.select_related("partner"),
        "terminations": case.terminations.select_related("review"),
        "follow_ups": case.follow_ups.all(),
        "participation": participation_of([case.pk], recent=15),
        "plan_views": case.plan_views.select_related("plan"),
        "confidential_hidden": include_notes and not access.can_read_confidential_notes(user, case),
    }


def _photo_data_uri(client) -> str:
    """The client's latest photo inlined, since the PDF engine may not fetch files."""
    photo = (
        client.documents.filter(kind="photo", is_archived=False).order_by("-uploaded_at").first()
    )
    if photo is None:
        return ""
    try:
        with photo.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return ""
    return f"data:{photo.content_type};base64,{base64.b64encode(data).decode()}"


# --- Monthly report ------------------------------------------------------------------------------


def monthly_chart(report: MonthlyReport) -> SafeString:
    """A horizontal bar chart of admissions by access route, as SVG. Labels and values go
    through Django's escape, so the template prints it without |safe."""
    rows = report.table("admissions").rows
    width, bar_h = 520, 22
    height = max(len(rows), 1) * (bar_h + 8) + 10
    peak = max((row[1] for row in rows), default=1) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img">'
    ]
    for index, (label, value) in enumerate(rows):
        y = 5 + index * (bar_h + 8)
        length = round(300 * value / peak, 1)
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="11">{escape(str(label))}</text>'
            f'<rect x="180" y="{y}" width="{length}" height="{bar_h}" fill="#0d6efd"/>'
            f'<text x="{186 + length}" y="{y + 15}" font-size="11">{escape(str(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (numbers and escaped text only)


def safe_cell(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def monthly_xlsx(report: MonthlyReport) -> bytes:
    # Imported here: openpyxl is only needed by the worker that writes the file.
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    summary.title = "Ringkasan"
    summary.append([safe_cell(report.centre_name), report.month.strftime("%Y-%m")])
    for key, value in report.totals.items():
        summary.append([key, value])
    for table in report.tables:
        sheet = workbook.create_sheet(title=table.key[:31])
        sheet.append([safe_cell(str(c)) for c in table.columns])
        for row in table.rows:
            sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def monthly_csv(report: MonthlyReport) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(report.centre_name), report.month.strftime("%Y-%m")])
    for table in report.tables:
        writer.writerow([])
        writer.writerow([safe_cell(table.title)])
        writer.writerow([safe_cell(str(c)) for c in table.columns])
        for row in table.rows:
            writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
