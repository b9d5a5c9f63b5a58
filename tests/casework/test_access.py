import pytest
from django.urls import reverse

from casework.models import Case, CaseNote
from casework.services.notes import add_note
from tests.factories import ClientFactory, open_case_for

pytestmark = pytest.mark.django_db

EXPECTED = {  # (read, write)
    "worker": (200, 200),
    "supervisor": (200, 200),
    "admin": (200, 403),
    "colleague": (404, 404),
    "outsider": (404, 404),
}


@pytest.fixture
def notes(case, worker):
    open_note = add_note(
        by=worker, case=case, data={"kind": "home_visit", "narrative": "Catatan biasa"}
    )
    secret = add_note(
        by=worker,
        case=case,
        data={"kind": "counselling", "narrative": "Catatan rahasia", "is_confidential": True},
    )
    return open_note, secret


@pytest.mark.parametrize("role", list(EXPECTED))
def test_every_case_url_answers_each_member_of_the_cast(cast, client_for, case, notes, role):
    http = client_for(cast[role])
    read, write = EXPECTED[role]
    args = [case.public_id]
    assert http.get(reverse("casework:case-detail", args=args)).status_code == read
    for name in ("case-edit", "note-add", "task-add"):
        assert http.get(reverse(f"casework:{name}", args=args)).status_code == write, name
    assert (
        http.post(
            reverse("casework:case-move", args=args), {"to_stage": "engagement", "reason": "x"}
        ).status_code
        in ({200: (400, 409), 403: (403,), 404: (404,)}[write])
    )
    history = http.get(reverse("casework:note-history", args=[*args, notes[0].public_id]))
    assert history.status_code == read


@pytest.mark.parametrize(
    ("role", "sees_secret"),
    [
        ("worker", True),
        ("supervisor", True),
        ("admin", False),
        ("colleague", False),
        ("outsider", False),
    ],
)
def test_confidential_notes_only_for_the_team_and_supervisor(
    cast, client_for, case, notes, role, sees_secret
):
    user = cast[role]
    visible = set(CaseNote.objects.visible_to(user).values_list("narrative", flat=True))
    assert ("Catatan rahasia" in visible) == sees_secret
    response = client_for(user).get(reverse("casework:case-detail", args=[case.public_id]))
    body = response.content.decode()
    assert ("Catatan rahasia" in body) == sees_secret
    secret_history = client_for(user).get(
        reverse("casework:note-history", args=[case.public_id, notes[1].public_id])
    )
    assert (secret_history.status_code == 200) == sees_secret


def test_a_team_member_reads_confidential_notes(case, colleague, client_for, notes):
    case.team.add(colleague)
    body = client_for(colleague).get(reverse("casework:case-detail", args=[case.public_id]))
    assert "Catatan rahasia" in body.content.decode()


def test_the_worker_reaches_the_client_through_the_case(case, worker, colleague, client_for):
    url = reverse("clients:detail", args=[case.client.public_id])
    assert client_for(worker).get(url).status_code == 200
    assert client_for(colleague).get(url).status_code == 404


def test_reassignment_moves_the_case_and_keeps_the_reason(
    case, supervisor, worker, colleague, client_for
):
    response = client_for(supervisor).post(
        reverse("casework:case-reassign"),
        {"cases": [case.pk], "to_worker": colleague.pk, "reason": "cuti melahirkan"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.primary_worker == colleague
    assignment = case.assignments.get()
    assert (assignment.from_worker, assignment.reason) == (worker, "cuti melahirkan")
    assert case.history.first().history_change_reason == "cuti melahirkan"
    assert (
        client_for(worker).get(reverse("casework:case-detail", args=[case.public_id])).status_code
        == 404
    )


def test_only_supervisors_reassign(worker, admin, client_for):
    assert client_for(worker).get(reverse("casework:case-reassign")).status_code == 403
    assert client_for(admin).get(reverse("casework:case-reassign")).status_code == 403


def test_a_case_cannot_be_opened_for_another_centres_client(outsider, case, client_for):
    response = client_for(outsider).get(reverse("casework:case-open", args=[case.client.public_id]))
    assert response.status_code == 404


def test_case_list_never_shows_another_centre(outsider, case, client_for):
    body = client_for(outsider).get(reverse("casework:case-list")).content.decode()
    assert case.number not in body
    assert Case.objects.visible_to(outsider).count() == 0


def test_open_cases_worked_by_are_the_open_ones_of_all_worked_by(
    centre, worker, colleague, supervisor
):
    from casework.models.stages import Stage

    mine = open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    closed = open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    Case.objects.filter(pk=closed.pk).update(stage=Stage.TERMINATION, closed_at=closed.opened_at)
    teamed = open_case_for(
        ClientFactory(centre=centre, registered_by=colleague), colleague, supervisor
    )
    teamed.team.add(worker)
    closed_team = open_case_for(
        ClientFactory(centre=centre, registered_by=colleague), colleague, supervisor
    )
    closed_team.team.add(worker)
    Case.objects.filter(pk=closed_team.pk).update(stage=Stage.TERMINATION)
    for user in (worker, colleague, supervisor):
        assert set(Case.objects.worked_by(user, open_only=True)) == set(
            Case.objects.worked_by(user).open()
        )
    assert set(Case.objects.worked_by(worker, open_only=True)) == {mine, teamed}
