"""Two people at once, as they really work: the same record edited on two phones, and a
save button tapped twice."""

from playwright.sync_api import expect

from casework.models import CaseNote
from clients.models import Client
from tests.browser.conftest import at, flash, log_in
from tests.factories import ClientFactory, open_case_for


def test_the_second_save_shows_the_first_persons_change_and_keeps_what_was_typed(
    new_phone, demo_accounts
):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    client = ClientFactory(centre=worker.centre, registered_by=worker, full_name="Rahmat Hidayat")
    open_case_for(client, worker, supervisor)
    edit_url = f"/clients/{client.public_id}/edit/"
    worker_phone, supervisor_phone = new_phone(), new_phone()
    log_in(worker_phone, "peksos1")
    log_in(supervisor_phone, "supervisor1")
    worker_phone.goto(edit_url)
    supervisor_phone.goto(edit_url)

    supervisor_phone.locator("#id_aliases").fill("Mamat")
    supervisor_phone.locator("form.main-form button[type=submit]").click()
    expect(flash(supervisor_phone, "Perubahan tersimpan")).to_be_visible()

    worker_phone.locator("#id_aliases").fill("Pak Rahmat")
    worker_phone.locator("form.main-form button[type=submit]").click()
    conflict = worker_phone.locator("[data-conflict]")
    expect(worker_phone.get_by_text("Orang lain menyimpan data ini")).to_be_visible()
    expect(conflict).to_contain_text("Dewi Lestari")  # who saved first
    expect(conflict).to_contain_text("Mamat")  # their change
    expect(conflict).to_contain_text("Pak Rahmat")  # beside what this user typed
    expect(worker_phone.locator("#id_aliases")).to_have_value("Pak Rahmat")  # nothing lost
    client.refresh_from_db()
    assert client.aliases == "Mamat"  # and nothing overwritten

    worker_phone.locator("#id_aliases").fill("Mamat, Pak Rahmat")  # merged by hand
    worker_phone.locator("form.main-form button[type=submit]").click()
    expect(flash(worker_phone, "Perubahan tersimpan")).to_be_visible()
    expect(worker_phone).to_have_url(at(f"/clients/{client.public_id}/"))
    assert Client.objects.get(pk=client.pk).aliases == "Mamat, Pak Rahmat"


def test_a_save_button_tapped_twice_saves_one_note(phone, demo_accounts):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    client = ClientFactory(centre=worker.centre, registered_by=worker, full_name="Sari Dewi")
    case = open_case_for(client, worker, supervisor)
    log_in(phone, "peksos1")
    phone.goto(f"/cases/{case.public_id}/notes/new/")
    phone.locator("#id_kind").select_option("phone")
    phone.locator("#id_narrative").fill("Telepon dengan ibu klien.")
    phone.locator("#note-form button[type=submit]").dblclick()
    expect(phone.locator("[data-note-saved]")).to_contain_text("Catatan tersimpan")
    assert CaseNote.objects.filter(case=case).count() == 1
