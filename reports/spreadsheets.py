"""The monthly report as spreadsheet files: an XLSX workbook (a summary sheet and one sheet
per table) and a ZIP of CSV files (one per table), both with Indonesian labels."""

import io
import re
import zipfile

from django.utils.text import slugify
from django.utils.translation import gettext as _

from reports.monthly import Report, Table
from sentra.csvfile import csv_bytes, safe_cell

RUPIAH = "#,##0"
COUNT = "#,##0"
ONE_DECIMAL = "#,##0.0"
FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, taken: set[str]) -> str:
    name = FORBIDDEN_IN_SHEET_NAMES.sub("-", title)[:31] or "-"
    candidate, number = name, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = name[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _number_format(table: Table, index: int) -> str:
    if index in table.money:
        return RUPIAH
    if index in table.decimals:
        return ONE_DECIMAL
    return COUNT


def heading(report: Report) -> list[str]:
    return [report.centre_name, report.period.label]


def monthly_xlsx(report: Report) -> bytes:
    # Imported here (all three): openpyxl is only needed by the worker that writes the file.
    from openpyxl import Workbook
    from openpyxl.styles import Font  # imported here: see above
    from openpyxl.utils import get_column_letter  # imported here: see above

    bold = Font(bold=True)
    workbook = Workbook()
    taken: set[str] = set()
    summary = workbook.active
    summary.title = _sheet_name(_("Summary"), taken)
    summary.append([safe_cell(cell) for cell in heading(report)])
    summary.append([_("Measure"), _("Value")])
    for label, value in report.totals:
        summary.append([safe_cell(str(label)), value])
        summary.cell(summary.max_row, 2).number_format = RUPIAH
    for cell in (*summary[1], *summary[2]):
        cell.font = bold
    summary.freeze_panes = "A3"
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 18
    for table in report.tables:
        sheet = workbook.create_sheet(title=_sheet_name(table.sheet, taken))
        sheet.append([safe_cell(table.title)])
        sheet.append([safe_cell(str(column)) for column in table.columns])
        sheet["A1"].font = bold
        for cell in sheet[2]:
            cell.font = bold
        rows = [*table.rows, *([table.total] if table.total else [])]
        for row in rows:
            sheet.append([safe_cell(cell) for cell in row])
            for index, value in enumerate(row):
                if isinstance(value, int | float):
                    sheet.cell(sheet.max_row, index + 1).number_format = _number_format(
                        table, index
                    )
        if table.total:
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        if table.note:
            sheet.append([])
            sheet.append([safe_cell(table.note)])
        sheet.freeze_panes = "A3"
        for index in range(len(table.columns)):
            sheet.column_dimensions[get_column_letter(index + 1)].width = 42 if index == 0 else 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_csv(table: Table, *, language: str) -> bytes:
    rows = [table.columns, *table.rows]
    if table.total:
        rows.append(table.total)
    if table.note:
        rows.append([table.note])
    return csv_bytes(rows, language=language)


def monthly_csv_zip(report: Report, *, language: str) -> bytes:
    """One CSV per table (and one for the summary), in a ZIP, numbered in report order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        summary = [heading(report), [_("Measure"), _("Value")], *report.totals]
        archive.writestr(
            "00_" + slugify(_("Summary")) + ".csv", csv_bytes(summary, language=language)
        )
        for number, table in enumerate(report.tables, start=1):
            name = f"{number:02d}_{slugify(table.sheet)}.csv"
            archive.writestr(name, table_csv(table, language=language))
    return buffer.getvalue()
