"""Phone-width journeys: group attendance, termination by reunification."""

from casework.models import Case, Group, ServiceRecord, ServiceType
from casework.models.stages import Stage
from casework.services.groups import save_group
from tests.browser.conftest import log_in
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
    phone.wait_for_url("**/")
    phone.goto(f"/cases/groups/{group.public_id}/")
    phone.locator("#id_stage").select_option("working")
    phone.locator("#id_topic").fill("Menjahit pola dasar")
    for case in members[:5]:
        phone.locator(f"#session-form input[name=present][value='{case.pk}']").check()
    phone.locator("#session-form button[type=submit]").click()
    phone.wait_for_url(f"**/cases/groups/{group.public_id}/")
    assert phone.get_by_text("Menjahit pola dasar").first.is_visible()
    assert ServiceRecord.objects.filter(group_session__group=group).count() == 5
    assert not ServiceRecord.objects.filter(case=members[5]).exists()


def test_termination_by_reunification_requested_and_approved(
    phone, demo_accounts, browser, live_server
):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    case = open_case_for(
        ClientFactory(centre=worker.centre, registered_by=worker, full_name="Ani Siregar"),
        worker,
        supervisor,
    )
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    log_in(phone, "peksos1")
    phone.wait_for_url("**/")
    phone.goto(f"/cases/{case.public_id}/termination/")
    phone.locator("#id_reason").select_option("reunified")
    phone.locator("#id_destination_address").fill("Desa Muara Kumpeh, Muaro Jambi")
    phone.locator("#id_outcome_summary").fill("Keluarga siap menerima; klien sehat.")
    phone.locator("form.main-form button[type=submit]").click()
    phone.wait_for_url("**/termination/")

    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="id-ID", base_url=live_server.url
    )
    page = context.new_page()
    log_in(page, "supervisor1")
    page.wait_for_url("**/")
    page.goto("/cases/reviews/")
    page.get_by_role("link", name="Ani Siregar", exact=False).click()
    page.locator("#review input[value=approve]").check()
    page.locator("#review button[type=submit]").click()
    page.wait_for_url("**/cases/reviews/")
    context.close()
    case.refresh_from_db()
    assert case.stage == Stage.TERMINATION and case.closed_at is not None
