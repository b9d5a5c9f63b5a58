"""Phone-width journeys: group attendance, termination by reunification."""

from playwright.sync_api import expect

from casework.models import Case, Group, ServiceRecord, ServiceType
from casework.models.stages import Stage
from casework.services.groups import save_group
from tests.browser.conftest import at, flash, log_in
from tests.factories import ClientFactory, open_case_for


def test_peksos1_records_a_group_sessions_attendance_for_five_members(phone, demo_accounts):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    members = [
        open_case_for(
            ClientFactory(centre=worker.centre, registered_by=worker, full_name=f"Peserta {n}"),
            worker,
            supervisor,
        )
        for n in range(6)
    ]
    group = save_group(
        by=worker,
        group=Group(
            centre=worker.centre,
            name="Kelas menjahit",
            kind="educational",
            purpose="Menjahit dasar",
            facilitator=worker,
            service_type=ServiceType.objects.get(code="sewing_training"),
        ),
        members=members,
        fields=[],
    )
    log_in(phone, "peksos1")
    phone.goto(f"/cases/groups/{group.public_id}/")
    phone.locator("#id_stage").select_option("working")
    phone.locator("#id_topic").fill("Menjahit pola dasar")
    for case in members[:5]:
        phone.locator(f"#session-form input[name=present][value='{case.pk}']").check()
    phone.locator("#session-form button[type=submit]").click()
    expect(flash(phone, "Sesi dicatat: 5 catatan layanan")).to_be_visible()
    expect(phone).to_have_url(at(f"/cases/groups/{group.public_id}/"))
    session = phone.locator(".list-group-item", has_text="Menjahit pola dasar")
    expect(session).to_contain_text("hadir: 5")
    assert ServiceRecord.objects.filter(group_session__group=group).count() == 5
    assert not ServiceRecord.objects.filter(case=members[5]).exists()


def test_termination_by_reunification_requested_and_approved(phone, new_phone, demo_accounts):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    case = open_case_for(
        ClientFactory(centre=worker.centre, registered_by=worker, full_name="Ani Siregar"),
        worker,
        supervisor,
    )
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    log_in(phone, "peksos1")
    phone.goto(f"/cases/{case.public_id}/termination/")
    phone.locator("#id_reason").select_option("reunified")
    phone.locator("#id_destination_address").fill("Desa Muara Kumpeh, Muaro Jambi")
    phone.locator("#id_outcome_summary").fill("Keluarga siap menerima; klien sehat.")
    phone.locator("form.main-form button[type=submit]").click()
    expect(flash(phone, "Terminasi diajukan")).to_be_visible()
    expect(phone).to_have_url(at(f"/cases/{case.public_id}/termination/"))
    expect(phone.get_by_text("Menunggu telaah")).to_be_visible()

    page = new_phone()
    log_in(page, "supervisor1")
    page.goto("/cases/reviews/")
    page.get_by_role("link", name="Ani Siregar", exact=False).click()
    page.locator("#review input[value=approve]").check()
    page.locator("#review button[type=submit]").click()
    expect(flash(page, "Keputusan dicatat")).to_be_visible()
    expect(page).to_have_url(at("/cases/reviews/"))
    expect(page.get_by_role("link", name="Ani Siregar", exact=False)).to_have_count(0)
    case.refresh_from_db()
    assert case.stage == Stage.TERMINATION and case.closed_at is not None
