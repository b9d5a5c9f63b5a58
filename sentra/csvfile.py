"""The one CSV writer of the app. Every CSV a user downloads is written here, so each one
opens correctly in an Indonesian spreadsheet and none can run a formula:

- `;` between cells (an Indonesian-locale spreadsheet reads `,` as the decimal mark);
- decimals with the decimal mark of the language (`12,5` in Indonesian, `12.5` in English);
- a UTF-8 byte-order mark, so names with accents are not garbled;
- a cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a
  carriage return) is prefixed with an apostrophe.
"""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import get_language

SEPARATOR = ";"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet would run as a formula, prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def decimal_mark(language: str | None = None) -> str:
    language = language or get_language() or "id"
    return "." if language.startswith("en") else ","


def csv_cell(value, *, mark: str = ","):
    """One cell as text: numbers in the language's decimal mark, text guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float | Decimal):
        return str(value).replace(".", mark)
    if isinstance(value, int):
        return str(value)
    return safe_cell(str(value))


def csv_bytes(rows: Iterable[Iterable], *, language: str | None = None) -> bytes:
    """`rows` as CSV bytes, ready to save or send."""
    mark = decimal_mark(language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(value, mark=mark) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
