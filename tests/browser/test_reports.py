"""admin1 requests last month's report, watches it progress and downloads the XLSX."""

import io
from pathlib import Path

from openpyxl import load_workbook

from tests.browser.conftest import log_in


def test_admin1_requests_last_months_xlsx_and_downloads_it(phone, demo_accounts):
    log_in(phone, "admin1")
    phone.wait_for_url("**/")
    phone.goto("/reports/")
    phone.locator("#id_kind").select_option("monthly_xlsx")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/reports/**")
    row = phone.locator("li[id^=run-]").first
    # In-process tasks finish at once; with a worker the row polls until it is ready.
    download_link = row.get_by_role("link")
    download_link.wait_for(timeout=30_000)
    with phone.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.startswith("ALY_") and download.suggested_filename.endswith(
        ".xlsx"
    )
    # The downloaded file has no extension on disk; openpyxl wants one, so read the bytes.
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert "admissions" in workbook.sheetnames
