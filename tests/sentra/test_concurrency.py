"""Two people open the same edit form and both save: the second save is a conflict shown
beside what they typed, never a silent overwrite, and saving again keeps their version.

One test walks every edit form of the app (EDIT_FORMS); another makes sure a new edit
form cannot be added without joining it.
"""

import importlib
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from activities.forms.activities import ActivityForm, AttendanceForm
from activities.forms.courses import CourseForm, EvaluationForm, ResultForm
from activities.forms.schedule import ActivityKindForm, ScheduleSlotForm
from activities.models import ActivityKind, ScheduleSlot
from activities.services.activities import record_attendance
from activities.services.courses import record_final_result, record_module_evaluations
from activities.services.schedule import save_slot
from assessments.models import Instrument
from assessments.services import start_assessment
from casework.models import Partner
from casework.services.conferences import schedule_conference
from casework.services.notes import add_note
from casework.services.plans import start_plan_version
from clients.models import Client, FamilyMember
from residence.models import Routine
from residence.services.places import save_routine
from residence.services.rollcall import take_roll_call
from residence.services.stays import move_in
from sentra.inputs import VersionedFormMixin
from sentra.models import AuditEvent
from sentra.scopes import Role
from sentra.versioning import Versioned
from tests.activities.conftest import kind, log_activity, make_course
from tests.factories import UserFactory
from tests.pages import form_data, read_page
from tests.residence.conftest import beds_of, make_building

pytestmark = pytest.mark.django_db


@dataclass
class EditForm:
    """One edit form: where it is, who two editors are, and a field they both change."""

    form_class: type
    url: str
    record: Any
    field: str
    first: Any  # the user whose save comes second (and conflicts)
    second: Any
    their_value: str = "Nilai dari orang kedua"
    my_value: str = "Nilai dari orang pertama"
    having: str = "version"  # a field only the edit form has (tests.pages.form_data)


def _client_edit(c):
    from clients.forms.identity import ClientForm

    client = c["case"].client
    return EditForm(
        ClientForm,
        reverse("clients:edit", args=[client.public_id]),
        client,
        "aliases",
        c["worker"],
        c["supervisor"],
    )


def _family_edit(c):
    from clients.forms.records import FamilyMemberForm

    client = c["case"].client
    member = FamilyMember.objects.create(client=client, name="Sumarni", relationship="mother")
    return EditForm(
        FamilyMemberForm,
        reverse("clients:family-edit", args=[client.public_id, member.public_id]),
        member,
        "notes",
        c["worker"],
        c["supervisor"],
    )


def _national_edit(c):
    from clients.forms.national import NationalDataForm

    client = c["case"].client
    client.register_status = "dtsen"
    client.register_number = "DTSEN-0000"
    client.save()
    edit = EditForm(
        NationalDataForm,
        reverse("clients:national-edit", args=[client.public_id]),
        client,
        "register_number",
        c["worker"],
        c["supervisor"],
    )
    edit.their_value, edit.my_value = "DTSEN-0002", "DTSEN-0001"
    return edit


def _assistance_edit(c):
    from clients.forms.national import AssistanceForm
    from clients.models import AssistanceReceived

    client = c["case"].client
    item = AssistanceReceived.objects.create(
        client=client, programme="pkh", period_start="2025-01-01", recorded_by=c["worker"]
    )
    return EditForm(
        AssistanceForm,
        reverse("clients:assistance-edit", args=[client.public_id, item.public_id]),
        item,
        "notes",
        c["worker"],
        c["supervisor"],
    )


def _case_edit(c):
    from casework.forms.cases import CaseEditForm

    case = c["case"]
    return EditForm(
        CaseEditForm,
        reverse("casework:case-edit", args=[case.public_id]),
        case,
        "problem_statement",
        c["worker"],
        c["supervisor"],
    )


def _note_edit(c):
    from casework.forms.notes import CaseNoteForm

    case = c["case"]
    note = add_note(by=c["worker"], case=case, data={"kind": "phone", "narrative": "Awal"})
    # The author in two browser tabs (notes are edited only by their author).
    return EditForm(
        CaseNoteForm,
        reverse("casework:note-edit", args=[case.public_id, note.public_id]),
        note,
        "narrative",
        c["worker"],
        c["worker"],
    )


def _plan_edit(c):
    from casework.forms.plans import PlanForm

    plan = start_plan_version(by=c["worker"], case=c["case"])
    return EditForm(
        PlanForm,
        reverse("casework:plan-edit", args=[plan.public_id]),
        plan,
        "summary",
        c["worker"],
        c["supervisor"],
    )


def _plan_goal_edit(c):
    from casework.forms.plans import PlanGoalForm

    plan = start_plan_version(by=c["worker"], case=c["case"])
    goal = plan.goals.create(
        problem="Tidak punya KTP",
        goal="Memiliki KTP",
        component="decent_living",
        activities="Pendampingan ke Dukcapil",
        responsible_staff=c["worker"],
        target_date="2026-12-31",
        indicator="KTP terbit",
    )
    edit = EditForm(
        PlanGoalForm,
        reverse("casework:plan-edit", args=[plan.public_id]),
        goal,
        "goals-0-activities",
        c["worker"],
        c["supervisor"],
    )
    edit.model_field = "activities"  # type: ignore[attr-defined]
    return edit


def _conference_minutes(c):
    from casework.forms.conferences import MinutesForm

    other_supervisor = UserFactory(centre=c["centre"], role=Role.SUPERVISOR)
    conference = schedule_conference(
        by=c["supervisor"],
        data={"kind": "case", "scheduled_at": timezone.now(), "place": "Aula"},
        cases=[c["case"]],
        staff=[other_supervisor],
    )
    return EditForm(
        MinutesForm,
        reverse("casework:conference-detail", args=[conference.public_id]),
        conference,
        "minutes",
        c["supervisor"],
        other_supervisor,
    )


def _conference_decision(c):
    from casework.forms.conferences import DecisionForm

    edit = _conference_minutes(c)
    item = edit.record.agenda_items.get()
    edit.form_class, edit.record = DecisionForm, item
    edit.field, edit.model_field = f"item{item.pk}-decision_notes", "decision_notes"  # type: ignore[attr-defined]
    return edit


def _staff_edit(c):
    from sentra.forms import StaffUpdateForm

    other_admin = UserFactory(centre=c["centre"], role=Role.ADMIN)
    return EditForm(
        StaffUpdateForm,
        reverse("staff-edit", args=[c["worker"].public_id]),
        c["worker"],
        "full_name",
        c["admin"],
        other_admin,
    )


def _centre_settings(c):
    from sentra.forms import CentreSettingsForm

    other_admin = UserFactory(centre=c["centre"], role=Role.ADMIN)
    return EditForm(
        CentreSettingsForm,
        reverse("centre-settings"),
        c["centre"],
        "address",
        c["admin"],
        other_admin,
    )


def _partner_edit(c):
    from casework.forms.partners import PartnerForm

    partner = Partner.objects.create(centre=c["centre"], name="LKS Harapan", kind="lks")
    other_admin = UserFactory(centre=c["centre"], role=Role.ADMIN)
    return EditForm(
        PartnerForm,
        reverse("casework:partner-edit", args=[partner.public_id]),
        partner,
        "contact_person",
        c["admin"],
        other_admin,
    )


def _assessment_draft(c):
    from assessments.forms import AnswerForm

    instrument = Instrument.objects.published().get(kind="rapid")
    assessment = start_assessment(by=c["worker"], case=c["case"], instrument=instrument)
    question = next(
        q
        for section in instrument.definition["sections"]
        for q in section["questions"]
        if q["type"] in ("short_text", "long_text") and not q.get("show_if")
    )
    edit = EditForm(
        AnswerForm,
        reverse("assessments:detail", args=[assessment.public_id]),
        assessment,
        f"q_{question['key']}",
        c["worker"],
        c["supervisor"],
    )
    edit.answer_key = question["key"]  # type: ignore[attr-defined]
    return edit


def _activity_edit(c):
    activity = log_activity(c["worker"], "social_education", topic="Bahaya narkoba")
    return EditForm(
        ActivityForm,
        reverse("activities:edit", args=[activity.public_id]),
        activity,
        "description",
        c["worker"],
        c["supervisor"],
    )


def _timetable_slot(c):
    slot = save_slot(
        by=c["supervisor"],
        slot=ScheduleSlot(
            centre=c["centre"],
            kind=kind("morning_meeting"),
            starts_at=time(6, 30),
            valid_from=date(2026, 1, 1),
        ),
        fields=["kind"],
    )
    return EditForm(
        ScheduleSlotForm,
        reverse("activities:slot-edit", args=[slot.public_id]),
        slot,
        "place",
        c["supervisor"],
        c["admin"],
    )


def _activity_kind(c):
    own = ActivityKind.objects.create(
        centre=c["centre"], code="senam_pagi", name_id="Senam pagi", name_en="Morning exercise"
    )
    other_admin = UserFactory(centre=c["centre"], role=Role.ADMIN)
    return EditForm(
        ActivityKindForm,
        reverse("activities:kind-edit", args=[own.public_id]),
        own,
        "name_id",
        c["admin"],
        other_admin,
    )


def _course_edit(c):
    course = make_course(c["worker"])
    return EditForm(
        CourseForm,
        reverse("activities:course-edit", args=[course.public_id]),
        course,
        "description",
        c["worker"],
        c["supervisor"],
    )


def _course_result(c):
    enrolment = make_course(c["worker"], [c["case"]]).enrolments.get()
    record_final_result(by=c["worker"], enrolment=enrolment, result="competent", notes="Rapi")
    return EditForm(
        ResultForm,
        reverse("activities:participant-result", args=[enrolment.public_id]),
        enrolment,
        "final_notes",
        c["worker"],
        c["supervisor"],
    )


def _attendance(c):
    """The attendance list: one row per person, each its own record (a mark)."""
    meeting = log_activity(c["worker"])
    record_attendance(by=c["worker"], activity=meeting, marks={c["case"].pk: "present"})
    mark = meeting.attendances.get()
    edit = EditForm(
        AttendanceForm,
        reverse("activities:attendance", args=[meeting.public_id]),
        mark,
        f"case-{c['case'].pk}",
        c["worker"],
        c["supervisor"],
        their_value="sick",
        my_value="excused",
        having=f"case-{c['case'].pk}-version",
    )
    edit.model_field = "status"  # type: ignore[attr-defined]
    return edit


def _module_evaluations(c):
    """A module's evaluations: one row per participant, each its own record."""
    course = make_course(c["worker"], [c["case"]])
    module, enrolment = course.modules.first(), course.enrolments.get()
    record_module_evaluations(
        by=c["worker"],
        module=module,
        marks={enrolment.pk: {"score": 70, "level": "competent", "comments": "Awal"}},
    )
    edit = EditForm(
        EvaluationForm,
        reverse("activities:module-evaluate", args=[course.public_id, module.public_id]),
        module.evaluations.get(),
        f"e{enrolment.pk}-comments",
        c["worker"],
        c["supervisor"],
        having=f"e{enrolment.pk}-version",
    )
    edit.model_field = "comments"  # type: ignore[attr-defined]
    return edit


def _building_edit(c):
    from residence.forms.places import BuildingForm

    building = make_building(c["centre"], c["admin"])
    other_admin = UserFactory(centre=c["centre"], role=Role.ADMIN)
    return EditForm(
        BuildingForm,
        reverse("residence:building", args=[building.public_id]),
        building,
        "notes",
        c["admin"],
        other_admin,
    )


def _room_edit(c):
    from residence.forms.places import RoomForm

    room = make_building(c["centre"], c["admin"]).rooms.get()
    other_admin = UserFactory(centre=c["centre"], role=Role.ADMIN)
    return EditForm(
        RoomForm,
        reverse("residence:room", args=[room.public_id]),
        room,
        "name",
        c["admin"],
        other_admin,
    )


def _routine(c):
    from residence.forms.places import RoutineForm

    routine = save_routine(by=c["admin"], routine=Routine(centre=c["centre"]), fields=[])
    other_admin = UserFactory(centre=c["centre"], role=Role.ADMIN)
    return EditForm(
        RoutineForm,
        reverse("residence:routine"),
        routine,
        "roll_call_grace_minutes",
        c["admin"],
        other_admin,
        their_value="135",
        my_value="150",
    )


def _roll_call(c):
    """This evening's roll call of the case's client, taken; the worker and the supervisor
    on duty both correct it."""
    from residence.forms.rollcall import RollCallForm

    Client.objects.filter(pk=c["case"].client_id).update(birth_date=date(1990, 5, 17))
    bed = beds_of(make_building(c["centre"], c["admin"]))[0]
    stay = move_in(
        by=c["worker"],
        case=c["case"],
        bed=bed,
        moved_in_on=timezone.localdate() - timedelta(days=3),
    )
    roll_call, _reports = take_roll_call(
        by=c["worker"],
        centre=c["centre"],
        day=timezone.localdate(),
        session="evening",
        marks={stay.pk: ("present", "")},
    )
    return EditForm(
        RollCallForm,
        reverse("residence:roll-call", args=[timezone.localdate().isoformat(), "evening"]),
        roll_call,
        "note",
        c["worker"],
        c["supervisor"],
    )


def _roll_call_mark(c):
    from residence.forms.rollcall import MarkForm

    edit = _roll_call(c)
    mark = edit.record.marks.get()
    edit.form_class, edit.record = MarkForm, mark
    edit.field, edit.model_field = f"r{mark.stay_id}-note", "note"  # type: ignore[attr-defined]
    return edit


def _retention(c):
    from privacy.forms import RetentionForm
    from privacy.services.registers import retention_policy_of

    return EditForm(
        RetentionForm,
        reverse("privacy:retention"),
        retention_policy_of(c["centre"]),
        "years_after_closure",
        c["admin"],
        c["supervisor"],
        their_value="7",
        my_value="12",
    )


def _breach_edit(c):
    from privacy.forms import BreachEditForm
    from privacy.services.registers import record_breach

    breach = record_breach(
        by=c["admin"],
        centre=c["centre"],
        data={
            "title": "Laptop hilang",
            "description": "Laptop kantor tertinggal di angkot.",
            "data_affected": "Nama dan NIK",
            "subjects_affected": "Klien asrama",
            "people_affected": 12,
            "discovered_at": timezone.now(),
        },
    )
    return EditForm(
        BreachEditForm,
        reverse("privacy:breach-edit", args=[breach.public_id]),
        breach,
        "actions",
        c["admin"],
        c["supervisor"],
    )


EDIT_FORMS = {
    "client": _client_edit,
    "family member": _family_edit,
    "national data": _national_edit,
    "assistance received": _assistance_edit,
    "case": _case_edit,
    "note": _note_edit,
    "plan": _plan_edit,
    "plan goal": _plan_goal_edit,
    "conference minutes": _conference_minutes,
    "conference decision": _conference_decision,
    "staff member": _staff_edit,
    "centre settings": _centre_settings,
    "partner institution": _partner_edit,
    "assessment draft": _assessment_draft,
    "building": _building_edit,
    "room": _room_edit,
    "residential routine": _routine,
    "roll call": _roll_call,
    "roll call mark": _roll_call_mark,
    "activity": _activity_edit,
    "timetable slot": _timetable_slot,
    "kind of activity": _activity_kind,
    "vocational course": _course_edit,
    "course result": _course_result,
    "attendance list": _attendance,
    "module evaluations": _module_evaluations,
    "retention period": _retention,
    "breach entry": _breach_edit,
}


# The form classes EDIT_FORMS walks (each case checks that its form is the one named here).
WALKED = {
    "clients.forms.identity.ClientForm",
    "clients.forms.records.FamilyMemberForm",
    "clients.forms.national.NationalDataForm",
    "clients.forms.national.AssistanceForm",
    "casework.forms.cases.CaseEditForm",
    "casework.forms.notes.CaseNoteForm",
    "casework.forms.plans.PlanForm",
    "residence.forms.places.BuildingForm",
    "residence.forms.places.RoomForm",
    "residence.forms.places.RoutineForm",
    "residence.forms.rollcall.RollCallForm",
    "residence.forms.rollcall.MarkForm",
    "casework.forms.plans.PlanGoalForm",
    "casework.forms.conferences.MinutesForm",
    "casework.forms.conferences.DecisionForm",
    "sentra.forms.StaffUpdateForm",
    "sentra.forms.CentreSettingsForm",
    "casework.forms.partners.PartnerForm",
    "assessments.forms.AnswerForm",
    "activities.forms.activities.ActivityForm",
    "activities.forms.schedule.ScheduleSlotForm",
    "activities.forms.schedule.ActivityKindForm",
    "activities.forms.courses.CourseForm",
    "activities.forms.courses.ResultForm",
    "activities.forms.activities.AttendanceForm",
    "activities.forms.courses.EvaluationForm",
    "privacy.forms.RetentionForm",
    "privacy.forms.BreachEditForm",
}


def stored(edit: EditForm) -> str:
    edit.record.refresh_from_db()
    if hasattr(edit, "answer_key"):
        return edit.record.answers.get(edit.answer_key, "")
    return str(getattr(edit.record, getattr(edit, "model_field", edit.field)))


@pytest.fixture
def setting(cast, case, centre):
    return {**cast, "case": case, "centre": centre}


@pytest.mark.parametrize("kind", list(EDIT_FORMS))
def test_a_stale_save_is_a_conflict_shown_beside_what_was_typed(kind, setting, client_for):
    edit = EDIT_FORMS[kind](setting)
    assert f"{edit.form_class.__module__}.{edit.form_class.__name__}" in WALKED
    mine, theirs = client_for(edit.first), client_for(edit.second)
    my_form = form_data(read_page(mine, edit.url), edit.having)
    their_form = form_data(read_page(theirs, edit.url), edit.having)

    their_form[edit.field] = edit.their_value
    assert theirs.post(edit.url, their_form).status_code == 302
    assert stored(edit) == edit.their_value

    my_form[edit.field] = edit.my_value
    response = mine.post(edit.url, my_form)
    body = response.content.decode()
    assert response.status_code == 409, body[:2000]
    assert "Someone else saved this record" in body
    assert edit.their_value in body and edit.my_value in body  # theirs beside mine
    assert edit.second.full_name in body  # who
    assert stored(edit) == edit.their_value  # nothing overwritten

    again = form_data(body, edit.having)  # the conflict page: my typing, their version
    assert again[edit.field] == edit.my_value
    assert mine.post(edit.url, again).status_code == 302
    assert stored(edit) == edit.my_value


def test_the_conflict_is_audited_as_no_change(setting, client_for):
    edit = _case_edit(setting)
    mine, theirs = client_for(edit.first), client_for(edit.second)
    my_form, their_form = (form_data(read_page(h, edit.url)) for h in (mine, theirs))
    their_form[edit.field] = "Dari supervisor"
    theirs.post(edit.url, their_form)
    updates = AuditEvent.objects.filter(action="update", object_id=str(edit.record.public_id))
    assert updates.count() == 1
    my_form[edit.field] = "Dari pekerja sosial"
    assert mine.post(edit.url, my_form).status_code == 409
    assert updates.count() == 1


def _project_forms():
    root = Path(__file__).resolve().parents[2]
    for path in root.glob("*/forms*.py"):
        yield importlib.import_module(f"{path.parent.name}.{path.stem}")
    for path in root.glob("*/forms/*.py"):
        if path.stem != "__init__":
            yield importlib.import_module(f"{path.parent.parent.name}.forms.{path.stem}")


# Shared bases of other forms, never bound on their own.
BASES = {"ClientIdentityForm"}
# Forms on versioned records that only ever create a record (no stale copy can exist).
CREATE_ONLY = {
    "ClientRegistrationForm",
    "CaseOpenForm",
    "StaffCreateForm",
    "GroupForm",
    "GroupSessionForm",
    "ReferralForm",
    "MonitoringReviewForm",
    "TerminationForm",
    "FollowUpForm",
    "ServiceRecordForm",
    "TaskForm",
    "ConsentForm",
    "ConferenceForm",
    "PlanViewForm",  # a view of the plan is recorded anew, never edited
    "SessionForm",  # opens a timetable session (an activity)
    "CourseSessionForm",
    "BreachForm",  # the first entry of a breach; later changes go through BreachEditForm
}


def test_every_edit_form_is_walked_by_the_conflict_test():
    """A form that edits a versioned record is a VersionedForm and is in EDIT_FORMS, or it
    only creates records and says so in CREATE_ONLY."""
    problems = []
    for module in _project_forms():
        for name, form_class in vars(module).items():
            if not isinstance(form_class, type) or form_class.__module__ != module.__name__:
                continue
            if not issubclass(form_class, forms.BaseForm) or name in BASES | CREATE_ONLY:
                continue
            model = getattr(getattr(form_class, "Meta", None), "model", None)
            versioned_model = isinstance(model, type) and issubclass(model, Versioned)
            if issubclass(form_class, VersionedFormMixin):
                if f"{module.__name__}.{name}" not in WALKED:
                    problems.append(f"{module.__name__}.{name} is not in EDIT_FORMS")
            elif versioned_model and name not in CREATE_ONLY:
                problems.append(
                    f"{module.__name__}.{name} edits a versioned record: make it a VersionedForm"
                )
    assert not problems, "\n".join(problems)
