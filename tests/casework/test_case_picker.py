"""The case picker of the group and conference forms (casework/forms/picker.py): the
chosen cases, a few suggestions and a search, never one checkbox per open case."""

import pytest
from django.urls import reverse

from casework.models import Case, Conference, Group
from casework.models.stages import Stage
from tests.factories import ClientFactory, open_case_for

pytestmark = pytest.mark.django_db


def open_cases(centre, worker, supervisor, n, name="Warga"):
    return [
        open_case_for(
            ClientFactory(centre=centre, registered_by=worker, full_name=f"{name} {i}"),
            worker,
            supervisor,
        )
        for i in range(n)
    ]


def test_the_search_offers_only_open_cases_the_user_may_open(
    cast, case, centre, supervisor, client_for
):
    case.client.full_name = "Sulastri Nainggolan"
    case.client.search_name = "sulastri nainggolan"
    case.client.save()
    closed = open_case_for(
        ClientFactory(centre=centre, registered_by=supervisor, full_name="Sulastri Lubis"),
        supervisor,
        supervisor,
    )
    Case.objects.filter(pk=closed.pk).update(stage=Stage.TERMINATION, closed_at=closed.opened_at)
    url = reverse("casework:case-pick")
    found = {}
    for role, user in cast.items():
        body = client_for(user).get(url, {"q": "sulastri", "name": "members"}).content.decode()
        found[role] = (f'value="{case.pk}"' in body, f'value="{closed.pk}"' in body)
        assert 'name="members"' in body or f'value="{case.pk}"' not in body
    assert found == {
        "worker": (True, False),
        "colleague": (False, False),
        "supervisor": (True, False),
        "admin": (True, False),
        "outsider": (False, False),
    }
    by_number = client_for(cast["worker"]).get(url, {"q": case.number[-4:]}).content.decode()
    assert f'value="{case.pk}"' in by_number
    assert "<" not in client_for(cast["worker"]).get(url, {"q": "s"}).content.decode().strip()


def test_the_group_form_shows_own_cases_and_the_chosen_not_every_open_case(
    centre, worker, colleague, supervisor, client_for, django_assert_max_num_queries
):
    theirs = open_cases(centre, colleague, supervisor, 3, "Lain")
    mine = open_cases(centre, worker, supervisor, 2, "Milik")
    http = client_for(worker)
    url = reverse("casework:group-create")
    with django_assert_max_num_queries(20) as few:
        body = http.get(url).content.decode()
    queries = len(few.captured_queries)  # read now: the next request clears the log
    assert all(f'value="{c.pk}"' in body for c in mine)
    assert body.count('name="members"') == 2
    supervisor_http = client_for(supervisor)
    supervisor_http.get(url)
    open_cases(centre, colleague, supervisor, 8, "Banyak")
    with django_assert_max_num_queries(queries):
        body = supervisor_http.get(url).content.decode()
    assert 'name="members"' not in body  # none suggested to a supervisor: they search
    # Every case the user may open is accepted, shown or not; a bad choice keeps the good.
    response = supervisor_http.post(
        url,
        {
            "name": "Kelompok",
            "kind": "self_help",
            "purpose": "Dukungan sebaya",
            "facilitator": worker.pk,
            "service_type": "",
            "members": [theirs[0].pk, mine[0].pk],
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f'value="{theirs[0].pk}" id="pick-members-{theirs[0].pk}" checked' in body
    assert not Group.objects.exists()


def test_the_conference_form_suggests_plans_waiting_and_keeps_the_case_it_was_opened_for(
    centre, worker, supervisor, client_for
):
    waiting, later, other = open_cases(centre, worker, supervisor, 3, "Rapat")
    Case.objects.filter(pk__in=[waiting.pk, later.pk]).update(stage=Stage.PLANNING)
    http = client_for(supervisor)
    url = reverse("casework:conference-schedule")
    body = http.get(url, {"case": other.pk}).content.decode()
    assert f'value="{other.pk}" id="pick-cases-{other.pk}" checked' in body
    assert f'value="{waiting.pk}"' in body and f'value="{later.pk}"' in body
    response = http.post(
        url,
        {
            "kind": "case",
            "scheduled_at": "2026-12-01T09:00",
            "place": "Aula",
            "agenda": "",
            "cases": [waiting.pk, other.pk],
        },
    )
    assert response.status_code == 302
    # A case closed while the form stood open is refused in words a worker understands.
    Case.objects.filter(pk=later.pk).update(stage=Stage.TERMINATION, closed_at=later.opened_at)
    stale = http.post(
        url, {"kind": "case", "scheduled_at": "2026-12-02T09:00", "cases": [later.pk]}
    )
    assert "can no longer be chosen" in stale.content.decode()
    assert f"{later.pk} is not" not in stale.content.decode()
    assert set(Conference.objects.get().cases.values_list("pk", flat=True)) == {
        waiting.pk,
        other.pk,
    }
