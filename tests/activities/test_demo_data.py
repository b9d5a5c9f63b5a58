"""The demo centre's activities: its timetable, two weeks of sessions with attendance, a
sewing course part-way, a finished salon course; seeding again adds nothing."""

from datetime import time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from activities.models import (
    Activity,
    Attendance,
    BusinessPractice,
    Certificate,
    Course,
    ModuleEvaluation,
    ScheduleSlot,
    StarterPackage,
)
from activities.models.schedule import EVERY_DAY

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_demo_centre_a_life_of_activities(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Activity.objects.count(), Attendance.objects.count(), Course.objects.count())
    call_command("seed_demo")
    assert (Activity.objects.count(), Attendance.objects.count(), Course.objects.count()) == counts

    slots = ScheduleSlot.objects.filter(centre__code="ALY")
    morning = slots.get(kind__code="morning_meeting")
    assert (morning.days, morning.starts_at) == (EVERY_DAY, time(6, 30))
    assert slots.get(kind__code="religious_guidance").weekdays == [1, 4]  # Tuesday, Friday

    today = timezone.localdate()
    days = set(
        Activity.objects.filter(centre__code="ALY", held_on__lt=today).values_list(
            "held_on", flat=True
        )
    )
    assert {today - timedelta(days=n) for n in range(1, 15)} <= days
    assert Attendance.objects.filter(status="present").count() > 500
    assert Attendance.objects.exclude(service_skipped_reason="").exists()

    sewing = Course.objects.get(skill="sewing")
    assert sewing.starts_on < today < sewing.ends_on
    assert sewing.enrolments.count() == 8
    assert ModuleEvaluation.objects.filter(enrolment__course=sewing).count() >= 16
    salon = Course.objects.get(skill="salon")
    assert salon.ends_on < today
    assert Certificate.objects.filter(enrolment__course=salon).count() >= 3
    packages = StarterPackage.objects.filter(enrolment__course=salon)
    assert packages.count() >= 3 and all(p.service.amount == p.amount for p in packages)
    assert BusinessPractice.objects.filter(enrolment__course=salon).exists()
    assert not Course.objects.filter(centre__code="BGA").exists()
