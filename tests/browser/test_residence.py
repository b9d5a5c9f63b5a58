"""Phone-width journeys through residential life at the demo centre."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from residence.demo import seed_places
from residence.forms.stays import free_beds_for
from residence.models import LeaveRequest
from residence.services.stays import move_in
from tests.browser.conftest import HOME, at, flash, log_in
from tests.factories import ClientFactory, open_case_for

RESIDENTS = ["Rudi Hartono", "Bayu Pratama", "Dimas Saputra", "Eko Prasetyo", "Fajar Nugroho"]


@pytest.fixture
def residents(demo_accounts):
    """The demo centre's wisma, and five boys living in Wisma Cempaka."""
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    centre = worker.centre
    seed_places(centre, demo_accounts["admin1"])
    stays = []
    for number, name in enumerate(RESIDENTS):
        client = ClientFactory(
            centre=centre,
            registered_by=worker,
            full_name=name,
            sex="L",
            birth_date=timezone.localdate() - timedelta(days=365 * 14 + number),
            registration_number=f"ALY-2026-09{number:02d}",
        )
        case = open_case_for(client, worker, supervisor)
        bed = free_beds_for(client, centre).order_by("room__building__name", "label").first()
        stays.append(
            move_in(
                by=worker,
                case=case,
                bed=bed,
                moved_in_on=timezone.localdate() - timedelta(days=20),
            )
        )
    return stays


def test_peksos1_takes_the_evening_roll_call_and_supervisor1_sees_the_runaway(
    phone, new_phone, residents
):
    runaway = RESIDENTS[2]
    log_in(phone, "peksos1")
    phone.locator("#residence-today").get_by_role("link", name="Apel").click()
    expect(phone).to_have_url(at("/residence/roll-call/"))
    today = timezone.localdate().isoformat()
    phone.locator(f'[data-session="{today}-evening"]').get_by_role(
        "link", name="Ambil apel"
    ).click()
    expect(phone).to_have_url(at(f"/residence/roll-call/{today}/evening/"))
    expect(phone.get_by_role("heading", name="Apel malam")).to_be_visible()
    rows = phone.locator("[data-resident]")
    expect(rows).to_have_count(len(RESIDENTS))
    # Everyone starts as present; one tap marks the runaway, one tap saves them all.
    expect(phone.locator("input[value=present]:checked")).to_have_count(len(RESIDENTS))
    phone.locator(f'[data-resident="{runaway}"]').get_by_text("Kabur", exact=True).click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("button", name="Simpan apel").click()
    expect(flash(phone, "Apel malam tersimpan")).to_be_visible()
    expect(flash(phone, "1 laporan kabur dibuka")).to_be_visible()
    expect(phone.locator(f'[data-session="{today}-evening"]')).to_contain_text("Sudah diambil")

    supervisor = new_phone()
    log_in(supervisor, "supervisor1")
    missing = supervisor.locator("#residence-today #absconding-open")
    expect(missing).to_contain_text("Laporan kabur terbuka")
    expect(missing).to_contain_text(runaway)
    assert supervisor.evaluate("document.documentElement.scrollWidth") <= 360
    missing.get_by_role("link", name=runaway).click()
    expect(supervisor.get_by_text("Belum diberi tahu")).to_be_visible()
    expect(supervisor.get_by_text("Tanpa keterangan pada Apel malam")).to_be_visible()


def test_home_leave_is_approved_by_supervisor1_and_the_late_return_is_flagged(
    phone, new_phone, residents
):
    stay = residents[0]
    name = stay.client.full_name
    log_in(phone, "peksos1")
    phone.goto(f"/residence/stays/{stay.public_id}/")
    phone.get_by_role("link", name="Ajukan izin").click()
    phone.locator("#id_kind").select_option("home")
    phone.locator("#id_destination").fill("Kel. Sungai Putri, Kota Jambi")
    phone.locator("#id_accompanied_by").fill("Ibu Sumarni (bibi)")
    phone.locator("form.main-form button[type=submit]").click()
    expect(flash(phone, "Izin diajukan")).to_be_visible()

    supervisor = new_phone()
    log_in(supervisor, "supervisor1")
    awaiting = supervisor.locator("#residence-today").get_by_role("link", name="1 permohonan")
    awaiting.click()
    request = supervisor.locator("#leave-awaiting [data-leave]", has_text=name)
    request.get_by_role("button", name="Setujui").click()
    expect(flash(supervisor, f"Izin {name} disetujui")).to_be_visible()

    phone.reload()
    phone.locator("#leave").get_by_role("button", name="Berangkat sekarang").click()
    expect(flash(phone, f"{name} sudah berangkat")).to_be_visible()
    expect(phone.locator("#leave")).to_contain_text("Sedang keluar")

    # Two days pass; the resident was due back three hours ago and is not here.
    now = timezone.now()
    LeaveRequest.objects.filter(stay=stay).update(
        leaves_at=now - timedelta(days=2),
        departed_at=now - timedelta(days=2),
        due_back_at=now - timedelta(hours=3),
    )
    supervisor.goto("/")
    expect(supervisor).to_have_url(HOME)
    late = supervisor.locator("#overdue-returns")
    expect(late).to_contain_text("Terlambat kembali dari izin")
    expect(late).to_contain_text(name)
    assert supervisor.evaluate("document.documentElement.scrollWidth") <= 360

    phone.reload()
    phone.locator("#leave").get_by_role("button", name="Kembali sekarang").click()
    expect(flash(phone, f"{name} sudah kembali, terlambat 3 jam")).to_be_visible()
    expect(phone.locator("#leave")).to_contain_text("Kembali terlambat 3 jam")
    supervisor.reload()
    expect(supervisor.locator("#residence-today")).to_be_visible()
    expect(supervisor.locator("#overdue-returns")).to_have_count(0)
