"""UU PDP in a browser: a subject's access export asked for and approved, an anonymisation
pass previewed and run, a breach recorded with its 3 x 24 hour clock."""

import json
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from casework.models import Case
from tests.browser.conftest import at, flash, log_in
from tests.factories import ClientFactory, open_case_for


def test_a_subject_export_is_asked_for_approved_and_downloaded(
    new_phone, demo_accounts, tasks_in_process
):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    client = ClientFactory(centre=worker.centre, registered_by=worker, full_name="Sari Wulandari")
    open_case_for(client, worker, supervisor)

    phone = new_phone()
    log_in(phone, "peksos1")
    phone.goto(f"/privacy/clients/{client.public_id}/")
    phone.locator("#id_asked_by").fill("Klien sendiri")
    phone.get_by_role("button", name="Catat permintaan akses").click()
    expect(flash(phone, "Permintaan dicatat")).to_be_visible()
    expect(phone.locator("#access-requests")).to_contain_text("Menunggu supervisor")

    desk = new_phone()
    log_in(desk, "supervisor1")
    desk.goto("/privacy/requests/")
    desk.get_by_role("button", name="Setujui dan ekspor").click()
    expect(flash(desk, "Disetujui")).to_be_visible()
    desk.goto("/reports/")
    json_link = desk.get_by_role("link", name=f"{client.registration_number}_").filter(
        has_text=".json"
    )
    expect(json_link).to_be_visible(timeout=30_000)
    expect(desk.get_by_role("link").filter(has_text=".pdf")).to_be_visible()
    with desk.expect_download() as info:
        json_link.click()
    document = json.loads(Path(info.value.path()).read_text())
    names = [
        row["value"] for row in document["record"]["identity"][0] if row["field"] == "full_name"
    ]
    assert names == ["Sari Wulandari"]


def test_an_anonymisation_pass_is_previewed_and_run(phone, demo_accounts):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    client = ClientFactory(centre=worker.centre, registered_by=worker, full_name="Bambang Lama")
    case = open_case_for(client, worker, supervisor)
    Case.objects.filter(pk=case.pk).update(
        closed_at=timezone.now() - timedelta(days=365 * 12), stage="terminated"
    )
    log_in(phone, "admin1")
    phone.goto("/privacy/retention/")
    expect(phone.locator("#due")).to_contain_text("Bambang Lama")
    expect(phone.locator("#due")).to_contain_text(case.number)
    phone.get_by_role("button", name="Anonimkan sekarang").click()
    expect(phone).to_have_url(at("/privacy/retention/"))
    expect(flash(phone, "1 klien dan 1 kasus dianonimkan.")).to_be_visible()
    expect(phone.locator("#due")).to_contain_text("Tidak ada yang jatuh tempo.")
    client.refresh_from_db()
    assert client.full_name == "ANONIM"


def test_a_breach_is_recorded_and_the_clock_runs(phone, demo_accounts):
    log_in(phone, "admin1")
    phone.goto("/privacy/breaches/new/")
    phone.locator("#id_title").fill("Flashdisk berisi daftar klien hilang")
    phone.locator("#id_description").fill("Hilang di angkot sepulang kunjungan rumah.")
    phone.locator("#id_data_affected").fill("Nama, alamat, kategori PPKS")
    phone.locator("#id_subjects_affected").fill("Klien asrama putri")
    phone.locator("#id_people_affected").fill("25")
    found = timezone.localtime() - timedelta(hours=5)
    phone.locator("#id_discovered_at").fill(found.strftime("%Y-%m-%dT%H:%M"))
    phone.locator("main form button[type=submit]").click()
    expect(phone).to_have_url(at("/privacy/breaches/"))
    row = phone.get_by_role("row").filter(has_text="Flashdisk berisi daftar klien hilang")
    expect(row.locator("[data-clock=left]")).to_contain_text("sisa 66 jam")
