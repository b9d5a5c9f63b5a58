"""peksos1 issues a referral letter from a referral; supervisor1 prints it again, and the
second print is the same document."""

import hashlib
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import at, flash, log_in


def _download(page, row):
    link = row.get_by_role("link")
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_bytes()


def test_a_worker_issues_a_referral_letter_and_a_supervisor_reprints_it(
    new_phone, demo_accounts, tasks_in_process
):
    from casework.models import Partner
    from casework.services.referrals import create_referral
    from reports.models import Letter
    from tests.factories import ClientFactory, open_case_for

    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    client = ClientFactory(centre=worker.centre, registered_by=worker, full_name="Wati Susanti")
    case = open_case_for(client, worker, supervisor)
    partner = Partner.objects.create(
        centre=worker.centre, name="RSUD Raden Mattaher", kind="hospital"
    )
    create_referral(
        by=worker,
        case=case,
        data={
            "partner": partner,
            "reason": "Pemeriksaan jiwa",
            "services_requested": "Rawat jalan",
        },
    )

    page = new_phone()
    log_in(page, "peksos1")
    page.goto(f"/cases/{case.public_id}/")
    page.locator("#case-letters").click()
    expect(page).to_have_url(at(f"/reports/letters/case/{case.public_id}/"))
    page.locator("#id_kind").select_option("referral")
    page.locator("#id_source").select_option(label="Rujukan ke RSUD Raden Mattaher")
    page.locator("#issue-letter button[type=submit]").click()
    letter = Letter.objects.get(case=case)
    expect(flash(page, letter.number)).to_be_visible()
    expect(page.locator("#letters")).to_contain_text("Surat rujukan")
    page.goto("/reports/")
    first = _download(page, page.locator(".list-group-item").filter(has_text="Surat resmi").first)

    other = new_phone()
    log_in(other, "supervisor1")
    other.goto(f"/reports/letters/case/{case.public_id}/")
    other.locator(f"#letter-{letter.public_id}").get_by_role("button", name="Cetak ulang").click()
    expect(other).to_have_url(at("/reports/"))
    again = _download(other, other.locator(".list-group-item").filter(has_text="Surat resmi").first)
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(first).hexdigest()
    letter.refresh_from_db()
    assert letter.checksum == hashlib.sha256(first).hexdigest()
    other.goto(f"/reports/letters/verify/?code={letter.verification_code}")
    expect(other.locator("#verified")).to_contain_text(letter.number)
    expect(other.locator("#verified")).to_contain_text(letter.checksum)
