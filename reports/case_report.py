"""The case report PDF, in parts when the case has many notes.

WeasyPrint lays out a whole document in memory: a table of 2 000 notes took 11–17 s and
~300 MB. Past `NOTES_PER_PART` notes, the report carries the newest part and the rest
follow as annexes, each laid out on its own and appended page by page (pypdf), so the
memory of one rendering is bounded by one part whatever the case's length."""

from io import BytesIO

from pypdf import PdfReader, PdfWriter

from reports import rendering

NOTES_PER_PART = 250


def case_report_pdf(case, *, user, include_notes: bool) -> bytes:
    context = rendering.case_report_context(case, user=user, include_notes=include_notes)
    notes = context["notes"]
    total = notes.count() if include_notes else 0
    parts = max(1, -(-total // NOTES_PER_PART))  # ceiling division
    if parts == 1:
        return rendering.html_to_pdf(rendering.render_html("reports/pdf/case_report.html", context))
    annexes = parts - 1
    newest = {**context, "notes": notes[:NOTES_PER_PART], "annexes": annexes, "notes_total": total}
    first = rendering.html_to_pdf(rendering.render_html("reports/pdf/case_report.html", newest))
    writer = PdfWriter()
    writer.append(PdfReader(BytesIO(first)))
    for part in range(1, parts):
        chunk = notes[part * NOTES_PER_PART : (part + 1) * NOTES_PER_PART]
        html = rendering.render_html(
            "reports/pdf/case_notes_annex.html",
            {
                "header": context["header"],
                "case": case,
                "notes": chunk,
                "annex": part,
                "annexes": annexes,
            },
        )
        writer.append(PdfReader(BytesIO(rendering.html_to_pdf(html))))
    output = BytesIO()
    writer.write(output)
    return output.getvalue()
