"""Phone-width journey: the duty worker opens today's scheduled activity from the home page
and takes the attendance of the residents."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from activities.models import Activity, ActivityKind, ScheduleSlot
from activities.services.schedule import save_slot
from casework.models import ServiceRecord
from tests.browser.conftest import UUID, at, flash, log_in
from tests.factories import ClientFactory, open_case_for

NAMES = ["Ani Lubis", "Budi Harahap", "Cici Nasution", "Dodi Siregar", "Eka Pane", "Fajar Daulay"]


def test_the_duty_worker_takes_the_morning_meetings_attendance_from_the_home_page(
    phone, demo_accounts
):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    residents = [
        open_case_for(
            ClientFactory(centre=worker.centre, registered_by=worker, full_name=name),
            worker,
            supervisor,
        )
        for name in NAMES
    ]
    save_slot(
        by=supervisor,
        slot=ScheduleSlot(
            centre=worker.centre,
            kind=ActivityKind.objects.get(centre=None, code="morning_meeting"),
            starts_at="06:30",
            place="Lapangan apel",
            valid_from=timezone.localdate() - timedelta(days=7),
        ),
        fields=[],
    )
    log_in(phone, "peksos1")
    today = phone.locator("#today-sessions")
    expect(today).to_contain_text("Kegiatan hari ini")
    today.locator(".today-session", has_text="Apel pagi").get_by_role(
        "link", name="Isi presensi"
    ).click()
    expect(phone.get_by_role("heading", name="Presensi: Apel pagi")).to_be_visible()
    expect(phone.get_by_text("6 orang dalam daftar")).to_be_visible()
    row = phone.locator(".attendance-row", has_text="Cici Nasution")
    row.get_by_text("Sakit", exact=True).click()
    expect(row.get_by_role("radio", name="Sakit")).to_be_checked()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("button", name="Simpan presensi").click()
    expect(flash(phone, "Presensi tersimpan: 5 hadir dari 6 yang ditandai.")).to_be_visible()
    expect(phone).to_have_url(at(f"/activities/{UUID}/"))
    expect(phone.locator("#attendance")).to_contain_text("Hadir 5")
    expect(phone.locator("#attendance")).to_contain_text("Cici Nasution · Sakit")

    meeting = Activity.objects.get(kind__code="morning_meeting")
    statuses = dict(meeting.attendances.values_list("case__client__full_name", "status"))
    assert statuses == {**dict.fromkeys(NAMES, "present"), "Cici Nasution": "sick"}
    assert not ServiceRecord.objects.filter(case__in=residents).exists()

    phone.goto("/")
    expect(
        phone.locator(".today-session", has_text="Apel pagi").get_by_role("link", name="5 hadir")
    ).to_be_visible()
