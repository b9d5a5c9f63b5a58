"""admin1 requests last month's report, watches it progress and downloads the XLSX."""

import io
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import UUID, at, flash, log_in


def test_admin1_requests_last_months_xlsx_and_downloads_it(phone, demo_accounts, tasks_in_process):
    last_month = (timezone.localdate().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    log_in(phone, "admin1")
    phone.goto("/reports/")
    expect(phone.locator("#id_month")).to_have_value(last_month)
    phone.locator("#id_kind").select_option("monthly_xlsx")
    phone.locator("main form button[type=submit]").click()
    # The server sends the browser to the new run's row on the list.
    expect(phone).to_have_url(at(rf"/reports/#run-{UUID}"))
    expect(flash(phone, "Laporan masuk antrean")).to_be_visible()
    row = phone.locator(f"#{phone.url.rsplit('#', 1)[1]}")
    # In-process tasks finish at once; with a worker the row polls until it is ready.
    expect(row.get_by_text("Siap", exact=True)).to_be_visible(timeout=30_000)
    download_link = row.get_by_role("link")
    expect(download_link).to_have_text(f"ALY_{last_month}.xlsx")
    with phone.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == f"ALY_{last_month}.xlsx"
    # The downloaded file has no extension on disk; openpyxl wants one, so read the bytes.
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert workbook.sheetnames[0] == "Ringkasan"
    assert {"Penerimaan", "Layanan", "Kelompok umur", "Penghuni"} <= set(workbook.sheetnames)
    assert workbook["Layanan"].freeze_panes == "A3"
