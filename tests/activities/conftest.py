"""People in a centre for activities: residents in a chosen stage, with or without consent
to services, and the shipped kinds of activity (loaded by the data migration)."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from activities.models import ActivityKind, Course
from activities.services.activities import create_activity
from activities.services.courses import add_module, enrol_cases, save_course
from casework.models import Case
from clients.models import Consent
from tests.factories import ClientFactory, open_case_for


def resident(centre, worker, supervisor, *, stage="intervention", consent=True, name=None):
    """A client with an open case in `stage`, consenting to services (since 2020) or not."""
    extra = {"full_name": name} if name else {}
    client = ClientFactory(centre=centre, registered_by=worker, **extra)
    if consent:
        Consent.objects.create(
            client=client,
            purpose=Consent.Purpose.SERVICES,
            given_by=Consent.GivenBy.CLIENT,
            recorded_by=worker,
            given_on=date(2020, 1, 1),
        )
    case = open_case_for(client, worker, supervisor)
    Case.objects.filter(pk=case.pk).update(stage=stage)
    case.refresh_from_db()
    return case


def residents(n, centre, worker, supervisor, **kwargs):
    return [resident(centre, worker, supervisor, **kwargs) for _ in range(n)]


def kind(code):
    return ActivityKind.objects.get(centre=None, code=code)


def log_activity(by, code="morning_meeting", **data):
    """An activity logged today through the service."""
    return create_activity(
        by=by,
        data={
            "kind": kind(code),
            "held_on": timezone.localdate(),
            "starts_at": time(6, 30),
            "facilitator_staff": by,
            **data,
        },
    )


def make_course(by, people=(), *, modules=(("Pola dasar", 12), ("Menjahit rok", 24)), **data):
    """A sewing course running now with `modules`, and `people` enrolled, through the services."""
    course = save_course(
        by=by,
        course=Course(
            skill="sewing",
            title=data.pop("title", "Kursus Menjahit"),
            instructor_name="Ibu Rosmaini",
            starts_on=data.pop("starts_on", timezone.localdate() - timedelta(days=10)),
            ends_on=data.pop("ends_on", timezone.localdate() + timedelta(days=30)),
            capacity=data.pop("capacity", 10),
            **data,
        ),
        fields=["title"],
    )
    for title, hours in modules:
        add_module(by=by, course=course, data={"title": title, "hours": hours})
    if people:
        enrol_cases(by=by, course=course, cases=people)
    return course


@pytest.fixture
def make_resident(centre, worker, supervisor):
    def make(**kwargs):
        return resident(centre, worker, supervisor, **kwargs)

    return make
