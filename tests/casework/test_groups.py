"""Group work: attendance books one service per present member."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.models import (
    Group,
    ServiceRecord,
    ServiceType,
)
from casework.services.groups import record_group_session, save_group
from tests.factories import (
    ClientFactory,
    open_case_for,
)

pytestmark = pytest.mark.django_db


def service_type(code="counselling"):
    """A service of the ministry's catalogue."""
    return ServiceType.objects.get(code=code, centre=None)


def make_group(centre, worker, supervisor, size=5):
    members = [
        open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
        for _ in range(size)
    ]
    group = Group(
        centre=centre,
        name="Kelas menjahit",
        kind="educational",
        purpose="Menjahit",
        facilitator=worker,
        service_type=service_type("sewing_training"),
    )
    return save_group(by=worker, group=group, members=members, fields=[]), members


def test_attendance_once_creates_a_service_on_each_present_members_case(
    centre, worker, supervisor, client_for
):
    group, members = make_group(centre, worker, supervisor)
    response = client_for(worker).post(
        reverse("casework:group-detail", args=[group.public_id]),
        {
            "held_on": "2026-03-02",
            "stage": "working",
            "topic": "Pola dasar",
            "present": [m.pk for m in members[:4]],
        },
    )
    assert response.status_code == 302
    assert ServiceRecord.objects.count() == 4
    assert set(ServiceRecord.objects.values_list("case", flat=True)) == {m.pk for m in members[:4]}
    assert not ServiceRecord.objects.filter(case=members[4]).exists()


def test_only_members_can_be_marked_present(centre, worker, supervisor, case):
    group, _members = make_group(centre, worker, supervisor, size=4)
    with pytest.raises(ValidationError):
        record_group_session(
            by=worker,
            group=group,
            data={"held_on": timezone.localdate(), "stage": "working", "topic": "x"},
            present=[case],
        )


def test_a_group_above_ten_members_is_warned_about(centre, worker, supervisor, client_for):
    cases = [
        open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
        for _ in range(11)
    ]
    response = client_for(worker).post(
        reverse("casework:group-create"),
        {
            "name": "Besar",
            "kind": "socialisation",
            "purpose": "x",
            "facilitator": worker.pk,
            "service_type": service_type().pk,
            "members": [c.pk for c in cases],
        },
        follow=True,
    )
    assert "groups work best with 4 to 8" in response.content.decode()
    assert Group.objects.get().members.count() == 11


def test_group_and_partner_pages_for_the_cast(cast, centre, client_for):
    group, members = make_group(centre, cast["worker"], cast["supervisor"], size=4)
    url = reverse("casework:group-detail", args=[group.public_id])
    assert client_for(cast["worker"]).get(url).status_code == 200
    assert client_for(cast["colleague"]).get(url).status_code == 404
    assert client_for(cast["outsider"]).get(url).status_code == 404
    assert client_for(cast["supervisor"]).get(url).status_code == 200
    partners = reverse("casework:partner-list")
    assert (
        client_for(cast["worker"]).post(partners, {"name": "X", "kind": "lks"}).status_code == 403
    )
    assert client_for(cast["admin"]).post(partners, {"name": "X", "kind": "lks"}).status_code == 302
