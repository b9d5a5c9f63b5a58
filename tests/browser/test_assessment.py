"""peksos1 fills the comprehensive assessment over two sittings, submits it, and moves
the case on to planning."""

from casework.models import Case
from casework.models.stages import Stage
from clients.models import Consent
from tests.browser.conftest import log_in
from tests.factories import ClientFactory, open_case_for


def _fill_visible(page, section_index: int):
    """Answer every visible question of one section the way a worker would."""
    section = page.locator("form.assessment-form fieldset").nth(section_index)
    for question in section.locator(".question:visible").all():
        radios = question.locator("input[type=radio]")
        boxes = question.locator("input[type=checkbox]")
        if radios.count():
            radios.first.check()
        elif boxes.count():
            boxes.first.check()
        elif question.locator("textarea").count():
            question.locator("textarea").fill("Catatan asesmen")
        elif question.locator("input[type=date]").count():
            question.locator("input[type=date]").fill("2026-01-15")
        elif question.locator("input[type=number]").count():
            question.locator("input[type=number]").fill("1")
        elif question.locator("input[type=text]").count():
            question.locator("input[type=text]").fill("Jawaban singkat")


def test_comprehensive_assessment_over_two_sittings_then_planning(phone, demo_accounts):
    worker, supervisor = demo_accounts["peksos1"], demo_accounts["supervisor1"]
    client = ClientFactory(
        centre=worker.centre,
        registered_by=worker,
        full_name="Wahyu Lubis",
        registration_number="ALY-2026-0901",
    )
    Consent.objects.create(client=client, purpose="services", given_by="client", recorded_by=worker)
    case = open_case_for(client, worker, supervisor)
    Case.objects.filter(pk=case.pk).update(stage=Stage.ASSESSMENT)

    log_in(phone, "peksos1")
    phone.wait_for_url("**/")
    phone.goto(f"/assessments/case/{case.public_id}/")
    phone.locator("#id_instrument").select_option(label="Asesmen komprehensif ATENSI v1")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/assessments/*-*/")
    sections = phone.locator("form.assessment-form fieldset").count()
    for index in range(sections // 2):
        _fill_visible(phone, index)
    phone.locator("button[name=draft]").click()
    phone.wait_for_url("**/assessments/*-*/")
    assessment_url = phone.url

    # Second sitting: a new visit to the same draft, the first half is still there.
    phone.goto("/")
    phone.goto(assessment_url)
    first = phone.locator("form.assessment-form fieldset").first
    assert first.locator("input:checked, textarea:not(:empty)").count() > 0
    for index in range(sections // 2, sections):
        _fill_visible(phone, index)
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.locator("button[name=submit]").click()
    phone.wait_for_url("**/assessments/*-*/")
    assert phone.locator("form.assessment-form").count() == 0  # read-only now

    phone.goto(f"/cases/{case.public_id}/")
    phone.locator("#id_to_stage").select_option("planning")
    phone.locator("#id_reason").fill("Asesmen komprehensif selesai.")
    phone.locator("#move button[type=submit]").click()
    phone.wait_for_url("**/cases/*-*/")
    case.refresh_from_db()
    assert case.stage == Stage.PLANNING
