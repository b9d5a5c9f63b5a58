"""Phone-width journeys through the case workflow."""

from playwright.sync_api import expect

from clients.models import Consent
from tests.browser.conftest import HOME, UUID, at, flash, log_in
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
    phone.goto(f"/clients/{client.public_id}/")
    phone.locator("#cases").get_by_role("link", name="Buka kasus").click()
    expect(phone).to_have_url(at(f"/cases/open/{client.public_id}/"))
    expect(phone.locator("#id_referral_letter_number")).to_be_hidden()  # shown for referrals
    phone.locator("#id_access_route").select_option("referral")
    expect(phone.locator("#id_outreach_location")).to_be_hidden()
    phone.locator("#id_referring_institution").fill("Dinas Sosial Kota Jambi")
    phone.locator("#id_referral_letter_number").fill("460/77/DINSOS/2026")
    phone.locator("#id_approaches_0").check()
    phone.locator("#id_problem_statement").fill("Anak ditemukan di terminal tanpa keluarga.")
    phone.locator("#id_supervisor").select_option(str(supervisor.pk))
    phone.locator("form.main-form button[type=submit]").click()
    expect(phone).to_have_url(at(f"/cases/{UUID}/"))
    case = client.cases.get()
    expect(flash(phone, f"Kasus {case.number} dibuka")).to_be_visible()
    expect(phone.get_by_text("Dinas Sosial Kota Jambi (460/77/DINSOS/2026)")).to_be_visible()

    phone.locator("#id_to_stage").select_option("engagement")
    phone.locator("#id_reason").fill("Kontak pertama, klien setuju menerima layanan.")
    phone.locator("#move button[type=submit]").click()
    expect(flash(phone, "Kasus sekarang di tahap Pendekatan awal")).to_be_visible()
    expect(phone).to_have_url(at(f"/cases/{case.public_id}/"))
    expect(phone.locator("#timeline").get_by_text("Kontak pertama")).to_be_visible()

    # From the caseload: tap 1 opens home, tap 2 unfolds the stage (today's work comes
    # first on a phone, the caseload folded under it), tap 3 the note button.
    phone.goto("/")
    phone.locator("#caseload summary", has_text="Pendekatan awal").click()
    row = phone.locator("#caseload li", has_text="Bayu Saputra")
    row.get_by_role("link", name="Bayu Saputra", exact=False).last.click()
    expect(phone).to_have_url(at(f"/cases/{case.public_id}/notes/new/"))
    phone.locator("#id_kind").select_option("home_visit")
    phone.locator("#id_narrative").fill("Kunjungan rumah pertama, keluarga kooperatif.")
    phone.locator("#note-form button[type=submit]").click()
    expect(phone.locator("[data-note-saved]")).to_contain_text("Catatan tersimpan")
    # Nothing sticks out sideways on a phone (a layout measure: no auto-waiting form of it,
    # so it is taken once the saved note is on screen).
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.goto(f"/cases/{case.public_id}/")
    expect(phone.locator("#notes").get_by_text("Kunjungan rumah pertama")).to_be_visible()


NARRATIVE = "Teks yang diketik di lapangan tanpa sinyal"


def test_a_failed_save_keeps_the_note_text(phone, demo_accounts):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    case = open_case_for(
        ClientFactory(centre=worker.centre, registered_by=worker), worker, supervisor
    )
    log_in(phone, "peksos1")
    phone.goto(f"/cases/{case.public_id}/notes/new/")
    phone.locator("#id_kind").select_option("phone")
    narrative = phone.locator("#id_narrative")
    narrative.fill(NARRATIVE)
    phone.context.set_offline(True)
    phone.locator("#note-form button[type=submit]").click()
    expect(phone.locator("[data-save-error]")).to_be_visible()
    expect(narrative).to_have_value(NARRATIVE)
    expect(phone.locator("[data-note-saved]")).to_have_count(0)
    phone.context.set_offline(False)
    # Even a reload keeps the draft on this device.
    phone.reload()
    expect(phone.locator("[data-draft-restored]")).to_be_visible()
    expect(narrative).to_have_value(NARRATIVE)
    phone.locator("#note-form button[type=submit]").click()
    expect(phone.locator("[data-note-saved]")).to_contain_text("Catatan tersimpan")
    assert case.notes.get().narrative == NARRATIVE


def test_supervisor1_reassigns_a_case_and_it_leaves_peksos1s_caseload(
    phone, new_phone, demo_accounts
):
    worker, other = demo_accounts["peksos1"], demo_accounts["peksos2"]
    supervisor = demo_accounts["supervisor1"]
    case = open_case_for(
        ClientFactory(centre=worker.centre, registered_by=supervisor, full_name="Ratna Harahap"),
        worker,
        supervisor,
    )
    # peksos1, on her own phone, has the case in her caseload before the reassignment.
    worker_phone = new_phone()
    log_in(worker_phone, "peksos1")
    caseload = worker_phone.locator("#caseload")
    expect(caseload).to_contain_text("Ratna Harahap")

    log_in(phone, "supervisor1")
    phone.goto("/cases/reassign/")
    phone.locator(f"#caseloads a[href='?worker={worker.public_id}']").click()
    phone.locator(f"input[name=cases][value='{case.pk}']").check()
    phone.locator("#id_to_worker").select_option(str(other.pk))
    phone.locator("#id_reason").fill("Pembagian beban kasus")
    phone.locator("form.main-form button[type=submit]").click()
    expect(flash(phone, f"1 kasus sekarang ditangani {other}")).to_be_visible()
    expect(phone).to_have_url(HOME)

    worker_phone.reload()
    expect(caseload).to_be_visible()
    expect(caseload).not_to_contain_text("Ratna Harahap")
    case.refresh_from_db()
    assert case.primary_worker == other


def test_a_note_saved_on_the_case_page_appears_in_place(phone, demo_accounts):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    case = open_case_for(
        ClientFactory(centre=worker.centre, registered_by=worker), worker, supervisor
    )
    log_in(phone, "peksos1")
    phone.goto(f"/cases/{case.public_id}/")
    phone.evaluate("window.samePage = true")  # gone if the page reloads
    phone.locator("#case-actions a[data-opens=add-note]").click()
    expect(phone.locator("#add-note")).to_have_attribute("open", "")
    phone.locator("#id_kind").select_option("phone")
    phone.locator("#id_narrative").fill(NARRATIVE)
    phone.locator("#note-form button[type=submit]").dblclick()
    saved = phone.locator("#note-list article").first
    expect(saved).to_contain_text(NARRATIVE)
    expect(saved.get_by_role("status")).to_have_text("Catatan tersimpan.")
    expect(phone.locator("#add-note")).not_to_have_attribute("open", "")  # folded again
    expect(phone.locator("#id_narrative")).to_have_value("")
    draft = f"draft:{worker.public_id}:note-{case.public_id}"
    assert phone.evaluate(f"[window.samePage, localStorage.getItem('{draft}')]") == [True, None]
    # The form came back with a fresh one-time key: the next note is saved too.
    phone.locator("#case-actions a[data-opens=add-note]").click()
    phone.locator("#id_kind").select_option("home_visit")
    phone.locator("#id_narrative").fill("Kunjungan kedua.")
    phone.locator("#note-form button[type=submit]").click()
    expect(phone.locator("#note-list article")).to_have_count(2)
    assert case.notes.count() == 2


def test_supervisor1_finds_cases_for_a_conference_by_name_and_keeps_them(phone, demo_accounts):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    first, second = (
        open_case_for(
            ClientFactory(centre=worker.centre, registered_by=worker, full_name=name),
            worker,
            supervisor,
        )
        for name in ("Ratih Simanjuntak", "Joko Purba")
    )
    log_in(phone, "supervisor1")
    phone.goto("/cases/conferences/new/")
    search = phone.locator("#id_cases")
    search.fill("simanjun")
    search.press("Enter")  # searches; does not send the form
    expect(phone.locator(f"[data-picker-results] input[value='{first.pk}']")).to_be_visible()
    expect(phone.locator(".invalid-feedback, .alert-danger")).to_have_count(0)
    phone.locator(f"[data-picker-results] input[value='{first.pk}']").check()
    search.fill("purba")
    phone.locator(f"[data-picker-results] input[value='{second.pk}']").check()
    search.fill("tidak ada nama seperti ini")
    expect(phone.get_by_text("Tidak ada kasus terbuka yang ditemukan.")).to_be_visible()
    chosen = phone.locator("[data-picker-chosen] input:checked")
    expect(chosen).to_have_count(2)
    phone.locator("#id_kind").select_option("case")
    phone.locator("#id_scheduled_at").fill("2026-12-03T09:00")
    phone.locator("#id_place").fill("Aula")
    phone.locator("form.main-form button[type=submit]").click()
    expect(flash(phone, "Konferensi dijadwalkan")).to_be_visible()
    conference = first.conferences.get()
    assert set(conference.cases.all()) == {first, second}
