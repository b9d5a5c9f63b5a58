from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Case, CaseNote, Task
from casework.models.cases import EmergencyNeed
from casework.services.cases import quiet_cases
from casework.services.notes import add_note
from sentra.models import AuditEvent
from tests.factories import ClientFactory, open_case_for, submitted_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def emergency(centre, worker, supervisor):
    centre.emergency_response_hours = 6
    centre.save()
    client = ClientFactory(centre=centre, registered_by=worker)
    return open_case_for(
        client, worker, supervisor, is_emergency=True, emergency_needs=[EmergencyNeed.MEDICAL]
    )


def test_emergency_deadline_follows_the_centre_setting(emergency):
    assert emergency.response_due_at - emergency.opened_at == timedelta(hours=6)
    assert emergency.emergency_awaiting_response and not emergency.emergency_overdue


def test_an_emergency_is_overdue_after_its_deadline(emergency):
    Case.objects.filter(pk=emergency.pk).update(response_due_at=timezone.now() - timedelta(hours=1))
    emergency.refresh_from_db()
    assert emergency.emergency_overdue


def test_emergency_stands_out_until_the_first_response_note(
    emergency, worker, supervisor, client_for
):
    for user in (worker, supervisor):
        body = client_for(user).get(reverse("home")).content.decode()
        assert emergency.client.full_name in body and "Emergencies awaiting" in body
    submitted_assessment(emergency, "rapid", worker)
    client_for(worker).post(
        reverse("casework:note-add", args=[emergency.public_id]),
        {
            "kind": "centre_visit",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "narrative": "Dibawa ke puskesmas, luka sudah dirawat.",
            "first_response": "on",
        },
    )
    emergency.refresh_from_db()
    assert emergency.first_response_at is not None and emergency.first_response_by == worker
    body = client_for(supervisor).get(reverse("home")).content.decode()
    assert "Emergencies awaiting" not in body


def test_the_emergency_form_needs_an_immediate_need(worker, centre, client_for):
    client = ClientFactory(centre=centre, registered_by=worker)
    response = client_for(worker).post(
        reverse("casework:case-open", args=[client.public_id]),
        {
            "access_route": "walk_in",
            "approaches": ["residential"],
            "problem_statement": "x",
            "priority": "high",
            "primary_worker": worker.pk,
            "is_emergency": "on",
        },
    )
    assert "Tick at least one immediate need" in response.content.decode()


def test_opening_a_case_from_a_referral_keeps_only_the_referral_details(
    worker, supervisor, centre, client_for
):
    client = ClientFactory(centre=centre, registered_by=worker)
    response = client_for(worker).post(
        reverse("casework:case-open", args=[client.public_id]),
        {
            "access_route": "referral",
            "referring_institution": "Dinas Sosial Kota Jambi",
            "referral_letter_number": "460/12/2026",
            "referral_date": "2026-03-01",
            "outreach_location": "Pasar",
            "approaches": ["residential"],
            "problem_statement": "Anak terlantar",
            "priority": "medium",
            "primary_worker": worker.pk,
            "supervisor": supervisor.pk,
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(client=client)
    assert case.referring_institution == "Dinas Sosial Kota Jambi"
    assert case.outreach_location == ""
    assert AuditEvent.objects.filter(action="create", object_type="casework.case").count() == 1


def note_data(**extra):
    return {
        "kind": "home_visit",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "45",
        "narrative": "Kunjungan rumah.",
        "worker_roles": ["mediator", "advocate"],
        **extra,
    }


def test_a_note_saves_with_htmx_and_is_audited(case, worker, client_for):
    response = client_for(worker).post(
        reverse("casework:note-add", args=[case.public_id]), note_data(), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "data-note-saved" in response.content.decode()
    note = CaseNote.objects.get()
    assert note.worker_roles == ["mediator", "advocate"] and note.author == worker
    event = AuditEvent.objects.get(action="create", object_type="casework.casenote")
    assert "Kunjungan" not in event.object_label + str(event.fields)


def test_an_invalid_note_comes_back_with_the_text_kept(case, worker, client_for):
    response = client_for(worker).post(
        reverse("casework:note-add", args=[case.public_id]),
        note_data(occurred_at="2030-01-01T10:00", narrative="Teks yang tidak boleh hilang"),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "cannot be in the future" in body
    assert "Teks yang tidak boleh hilang" in body
    assert not CaseNote.objects.exists()


def test_a_late_entry_is_marked(case, worker, client_for):
    past = (timezone.localtime() - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    client_for(worker).post(
        reverse("casework:note-add", args=[case.public_id]), note_data(occurred_at=past)
    )
    assert CaseNote.objects.get().is_late_entry
    body = client_for(worker).get(reverse("casework:case-detail", args=[case.public_id]))
    assert "Late entry" in body.content.decode()


def test_an_edit_keeps_the_earlier_text_in_history(case, worker, client_for):
    http = client_for(worker)
    http.post(
        reverse("casework:note-add", args=[case.public_id]), note_data(narrative="Versi satu")
    )
    note = CaseNote.objects.get()
    data = note_data(narrative="Versi dua") | {"version": note.version}
    response = http.post(reverse("casework:note-edit", args=[case.public_id, note.public_id]), data)
    assert response.status_code == 302
    history = http.get(reverse("casework:note-history", args=[case.public_id, note.public_id]))
    body = history.content.decode()
    assert "Versi satu" in body and "Versi dua" in body
    assert CaseNote.objects.count() == 1


def test_only_the_author_edits_a_note(case, worker, supervisor, client_for):
    note = add_note(by=worker, case=case, data={"kind": "phone", "narrative": "x"})
    url = reverse("casework:note-edit", args=[case.public_id, note.public_id])
    assert client_for(supervisor).get(url).status_code == 403


def test_a_task_from_a_note_and_its_completion(case, worker, client_for):
    note = add_note(by=worker, case=case, data={"kind": "phone", "narrative": "x"})
    http = client_for(worker)
    response = http.post(
        reverse("casework:task-add", args=[case.public_id]) + f"?note={note.public_id}",
        {"title": "Urus akta", "due_date": "2026-01-01", "assignee": worker.pk},
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.note == note and task.is_overdue
    body = http.get(reverse("home")).content.decode()
    assert "Urus akta" in body and "Overdue" in body
    http.post(reverse("casework:task-done", args=[case.public_id, task.public_id]))
    task.refresh_from_db()
    assert task.done_at is not None and task.done_by == worker


def test_a_quiet_case_is_flagged_after_fourteen_days(case, worker, client_for):
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(days=20))
    assert list(quiet_cases(Case.objects.all())) == [case]
    add_note(by=worker, case=case, data={"kind": "phone", "narrative": "x"})
    assert not quiet_cases(Case.objects.all()).exists()
