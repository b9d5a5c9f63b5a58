"""Turning reports into files. One function builds each context, one renders HTML from a
template, one turns HTML into PDF bytes, one writes XLSX and one CSV."""

import base64
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from activities.services.people import participation_of
from assessments import charts, schema
from assessments.models import Assessment, InstrumentKind
from casework.models import CaseNote, GoalProgress
from clients import identity
from reports.monthly import Report
from sentra import access


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
            [(timezone.localdate(a.submitted_at), a.scores) for a in scored],
            scored[-1].instrument.domains,
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


# --- Letterhead and signatures -------------------------------------------------------------------


def letterhead(centre) -> dict:
    """The centre's letterhead: logo (inlined: the PDF engine may not fetch files), name,
    address and contact line."""
    if centre is None:
        return {"name": _("All centres"), "logo": "", "address": "", "contact": ""}
    logo = ""
    if centre.logo:
        try:
            with centre.logo.open("rb") as handle:
                data = handle.read()
            kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
            logo = f"data:{kind};base64,{base64.b64encode(data).decode()}"
        except FileNotFoundError:
            logo = ""
    contact = " · ".join(
        part
        for part in [
            _("Tel. %(phone)s") % {"phone": centre.phone} if centre.phone else "",
            centre.email,
            centre.website,
        ]
        if part
    )
    return {
        "name": centre.name,
        "kind": centre.get_kind_display(),
        "logo": logo,
        "address": centre.address,
        "contact": contact,
    }


def written_date(day) -> str:
    """'25 November 2026' in the active language."""
    return formats.date_format(day, "j F Y")


def number_cell(value, *, decimals: int = 0) -> str:
    """A figure as people read it: thousands separated, the language's decimal mark."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return formats.number_format(value, decimals, use_l10n=True, force_grouping=True)


# --- Monthly report ------------------------------------------------------------------------------


def monthly_report_context(report: Report, *, prepared_by) -> dict:
    tables = []
    for table in report.tables:

        def shown(row, table=table):
            return [
                number_cell(cell, decimals=1 if index in table.decimals else 0)
                if isinstance(cell, int | float)
                else cell
                for index, cell in enumerate(row)
            ]

        tables.append(
            {
                "table": table,
                "rows": [shown(row) for row in table.rows],
                "total": shown(table.total) if table.total else None,
                "numeric": [
                    index
                    for index in range(len(table.columns))
                    if any(isinstance(row[index], int | float) for row in table.rows)
                    or index > 0
                    and table.total
                    and isinstance(table.total[index], int | float)
                ],
            }
        )
    centre = report.centre
    return {
        "report": report,
        "letterhead": letterhead(centre),
        "totals": [(label, number_cell(value)) for label, value in report.totals],
        "tables": tables,
        # The chart is built from numbers and escaped labels only.
        "chart": mark_safe(monthly_chart(report)),  # noqa: S308
        "header": f"{report.centre_name} · {report.period.label}",
        "prepared_by": prepared_by,
        "place_and_date": ", ".join(
            part
            for part in [getattr(centre, "province", ""), written_date(timezone.localdate())]
            if part
        ),
        "head": {
            "name": getattr(centre, "head_name", ""),
            "nip": getattr(centre, "head_nip", ""),
            "title": getattr(centre, "head_title", "") or _("Head of centre"),
        },
    }


def monthly_chart(report: Report) -> str:
    """A horizontal bar chart of admissions by access route, as SVG."""
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
    return "".join(parts)
