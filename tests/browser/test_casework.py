"""Phone-width journeys through the case workflow."""

from clients.models import Consent
from tests.browser.conftest import log_in
from tests.factories import ClientFactory, open_case_for


def test_peksos1_opens_a_referral_case_moves_it_and_notes_from_the_caseload(phone, demo_accounts):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    client = ClientFactory(
        centre=worker.centre,
        registered_by=worker,
        full_name="Bayu Saputra",
        registration_number="ALY-2026-0900",
    )
    Consent.objects.create(client=client, purpose="services", given_by="client", recorded_by=worker)
    log_in(phone, "peksos1")
    phone.wait_for_url("**/")
    phone.goto(f"/clients/{client.public_id}/")
    phone.locator("#cases").get_by_role("link").first.click()
    phone.locator("#id_access_route").select_option("referral")
    phone.locator("#id_referring_institution").fill("Dinas Sosial Kota Jambi")
    phone.locator("#id_referral_letter_number").fill("460/77/DINSOS/2026")
    phone.locator("#id_approach").select_option("residential")
    phone.locator("#id_problem_statement").fill("Anak ditemukan di terminal tanpa keluarga.")
    phone.locator("#id_supervisor").select_option(str(supervisor.pk))
    phone.locator("form.main-form button[type=submit]").click()
    phone.wait_for_url("**/cases/*-*/")
    assert "Dinas Sosial Kota Jambi" in phone.locator("body").inner_text()

    phone.locator("#id_to_stage").select_option("engagement")
    phone.locator("#id_reason").fill("Kontak pertama, klien setuju menerima layanan.")
    phone.locator("#move button[type=submit]").click()
    phone.wait_for_url("**/cases/*-*/")
    assert phone.locator("#timeline").get_by_text("Kontak pertama").is_visible()

    # From the caseload: tap 1 opens home, tap 2 the note button, then the form is there.
    phone.goto("/")
    row = phone.locator("#caseload li", has_text="Bayu Saputra")
    row.get_by_role("link", name="Bayu Saputra", exact=False).last.click()
    phone.locator("#id_kind").select_option("home_visit")
    phone.locator("#id_narrative").fill("Kunjungan rumah pertama, keluarga kooperatif.")
    phone.locator("#note-form button[type=submit]").click()
    phone.locator("[data-note-saved]").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.goto(f"/cases/{client.cases.get().public_id}/")
    assert phone.get_by_text("Kunjungan rumah pertama").is_visible()


def test_a_failed_save_keeps_the_note_text(phone, demo_accounts, live_server):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    case = open_case_for(
        ClientFactory(centre=worker.centre, registered_by=worker), worker, supervisor
    )
    log_in(phone, "peksos1")
    phone.wait_for_url("**/")
    phone.goto(f"/cases/{case.public_id}/notes/new/")
    phone.locator("#id_kind").select_option("phone")
    phone.locator("#id_narrative").fill("Teks yang diketik di lapangan tanpa sinyal")
    phone.context.set_offline(True)
    phone.locator("#note-form button[type=submit]").click()
    phone.locator("[data-save-error]").wait_for(state="visible")
    assert (
        phone.locator("#id_narrative").input_value() == "Teks yang diketik di lapangan tanpa sinyal"
    )
    phone.context.set_offline(False)
    # Even a reload keeps the draft on this device.
    phone.reload()
    assert (
        phone.locator("#id_narrative").input_value() == "Teks yang diketik di lapangan tanpa sinyal"
    )
    phone.locator("#note-form button[type=submit]").click()
    phone.locator("[data-note-saved]").wait_for()
    assert case.notes.get().narrative == "Teks yang diketik di lapangan tanpa sinyal"


def test_supervisor1_reassigns_a_case_and_it_leaves_peksos1s_caseload(
    phone, demo_accounts, browser, live_server
):
    worker, other = demo_accounts["peksos1"], demo_accounts["peksos2"]
    supervisor = demo_accounts["supervisor1"]
    case = open_case_for(
        ClientFactory(centre=worker.centre, registered_by=supervisor, full_name="Ratna Harahap"),
        worker,
        supervisor,
    )
    log_in(phone, "supervisor1")
    phone.wait_for_url("**/")
    phone.goto("/cases/reassign/")
    phone.locator(f"input[name=cases][value='{case.pk}']").check()
    phone.locator("#id_to_worker").select_option(str(other.pk))
    phone.locator("#id_reason").fill("Pembagian beban kasus")
    phone.locator("form.main-form button[type=submit]").click()
    phone.wait_for_url("**/")

    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=live_server.url)
    page = context.new_page()
    log_in(page, "peksos1")
    page.wait_for_url("**/")
    assert "Ratna Harahap" not in page.locator("body").inner_text()
    context.close()
    case.refresh_from_db()
    assert case.primary_worker == other
