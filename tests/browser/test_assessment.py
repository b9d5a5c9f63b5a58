"""peksos1 fills the comprehensive assessment over two sittings, submits it, and moves
the case on to planning."""

from playwright.sync_api import expect

from assessments.models import Instrument
from casework.models import Case
from casework.models.stages import Stage
from clients.models import Consent
from tests.browser.conftest import UUID, at, flash, log_in
from tests.factories import ClientFactory, open_case_for

ASSESSMENT = at(f"/assessments/{UUID}/")


# Answers every visible question of one section, as a worker would tick and type, in one
# round trip to the browser (the v2 instrument has ~120 questions). Visibility is checked
# again after each answer: an answer may reveal a follow-up question (show-if) below it.
FILL_SECTION = """(section) => {
    const answered = [];
    const done = new Set();
    const fire = (field) => ["input", "change"].forEach(
        (type) => field.dispatchEvent(new Event(type, {bubbles: true})));
    for (;;) {
        const question = [...section.querySelectorAll(".question")].find(
            (q) => !done.has(q) && q.checkVisibility());
        if (!question) return answered;
        done.add(question);
        const choice = question.querySelector("input[type=radio], input[type=checkbox]");
        if (choice) {
            choice.click();
            answered.push([choice.name, choice.value, true]);
            continue;
        }
        const menu = question.querySelector("select");
        if (menu) {
            menu.value = menu.querySelector("option:not([value=''])").value;
            fire(menu);
            answered.push([menu.name, menu.value, false]);
            continue;
        }
        for (const [selector, value] of [
            ["textarea", "Catatan asesmen"], ["input[type=date]", "2026-01-15"],
            ["input[type=number]", "1"], ["input[type=text]", "Jawaban singkat"],
        ]) {
            const field = question.querySelector(selector);
            if (field) {
                field.value = value;
                fire(field);
                answered.push([field.name, value, false]);
                break;
            }
        }
    }
}"""


def _fill_visible(page, section_index: int) -> list[tuple[str, str, bool]]:
    """Returns what was answered: (field name, value, whether it is a ticked choice)."""
    section = page.locator("form.assessment-form > fieldset").nth(section_index)
    return [tuple(answer) for answer in section.evaluate(FILL_SECTION)]


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
    phone.goto(f"/assessments/case/{case.public_id}/")
    phone.locator("#id_instrument").select_option(label="Asesmen komprehensif ATENSI v2")
    phone.locator("main form button[type=submit]").click()
    expect(phone).to_have_url(ASSESSMENT)
    instrument = Instrument.objects.get(code="atensi-comprehensive", version=2)
    sections = len(instrument.definition["sections"])
    expect(phone.locator("form.assessment-form > fieldset")).to_have_count(sections)
    phone.wait_for_load_state()  # and the show-if script has hidden what it hides
    first_sitting = []
    for index in range(sections // 2):
        first_sitting += _fill_visible(phone, index)
    assert first_sitting
    phone.locator("button[name=draft]").click()
    expect(flash(phone, "Draf tersimpan")).to_be_visible()
    expect(phone).to_have_url(ASSESSMENT)
    assessment_url = phone.url

    # Second sitting: a new visit to the same draft, the first half is still there.
    phone.goto("/")
    phone.goto(assessment_url)
    form = phone.locator("form.assessment-form")
    for name, value, ticked in first_sitting:
        if ticked:
            expect(form.locator(f"input[name='{name}'][value='{value}']")).to_be_checked()
        else:
            expect(form.locator(f"[name='{name}']")).to_have_value(value)
    phone.wait_for_load_state()
    for index in range(sections // 2, sections):
        _fill_visible(phone, index)
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.locator("button[name=submit]").click()
    expect(flash(phone, "Asesmen dikirim")).to_be_visible()
    expect(phone).to_have_url(assessment_url)
    expect(form).to_have_count(0)  # read-only now

    phone.goto(f"/cases/{case.public_id}/")
    phone.locator("#id_to_stage").select_option("planning")
    phone.locator("#id_reason").fill("Asesmen komprehensif selesai.")
    phone.locator("#move button[type=submit]").click()
    expect(flash(phone, "Kasus sekarang di tahap Perencanaan")).to_be_visible()
    expect(phone).to_have_url(at(f"/cases/{case.public_id}/"))
    case.refresh_from_db()
    assert case.stage == Stage.PLANNING
