"""Demo activities for the demo centre: its weekly timetable, two weeks of sessions with
attendance, a sewing course part-way with module evaluations, and a finished salon course
with certificates, starter packages and a salon open day.

Deterministic and idempotent: nothing is added to a centre that already has a timetable.
Called by seed_demo after the demo cases exist.
"""

import random
from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from activities.demo_courses import (
    backdate,
    evaluate_sewing,
    finished_salon_course,
    mark_at_random,
    sewing_course,
)
from activities.models import (
    ActivityKind,
    ScheduleSlot,
)
from activities.models.schedule import EVERY_DAY, days_mask
from activities.rules import attendee_cases
from activities.services.activities import create_activity, expected_cases, record_attendance
from activities.services.schedule import open_session, save_slot
from casework.models.stages import Stage
from sentra.models import Centre, User

MON, TUE, WED, THU, FRI, SAT = range(6)
DAYS_BACK = 14


@transaction.atomic
def seed_activities(centre: Centre, workers: list[User], supervisor: User, seed: int) -> int:
    """Returns how many activities were logged (0 when the centre has its timetable)."""
    if ScheduleSlot.objects.filter(centre=centre).exists():
        return 0
    rng = random.Random(seed)
    today = timezone.localdate()
    kinds = {k.code: k for k in ActivityKind.objects.filter(centre=None)}
    open_cases = list(attendee_cases(centre, today))
    if len(open_cases) < 10:
        return 0
    eligible = [c for c in open_cases if c.stage in (Stage.INTERVENTION, Stage.MONITORING)]
    finished_salon_course(rng, centre, supervisor, eligible[:5], today, kinds)
    sewing_people = [c for c in open_cases if c not in eligible[:5]][:8]
    sewing = sewing_course(rng, centre, workers[0], sewing_people, today)
    slots = _timetable(centre, workers, supervisor, kinds, sewing, today)
    therapy_group = eligible[5:11] + [c for c in open_cases if c.stage == Stage.PLANNING][:2]
    logged = 0
    for back in range(DAYS_BACK, 0, -1):
        day = today - timedelta(days=back)
        for slot in slots:
            if slot.falls_on(day):
                _hold_session(rng, slot, day, workers, therapy_group)
                logged += 1
    logged += _one_off_activities(rng, centre, workers, kinds, today)
    evaluate_sewing(rng, sewing, workers[0], today)
    return logged


def _timetable(centre, workers, supervisor, kinds, sewing, today) -> list[ScheduleSlot]:
    start = today - timedelta(days=60)
    rows = [
        ("morning_meeting", "", EVERY_DAY, time(6, 30), time(7, 0), "Lapangan apel", None, ""),
        (
            "sport",
            "Senam pagi",
            days_mask([MON, WED, SAT]),
            time(7, 0),
            time(8, 0),
            "Lapangan",
            workers[1],
            "",
        ),
        (
            "vocational_session",
            "Kursus menjahit",
            days_mask([MON, WED, FRI]),
            time(8, 30),
            time(11, 30),
            "Ruang keterampilan",
            None,
            "Ibu Rosmaini",
        ),
        (
            "social_education",
            "Penyuluhan sosial",
            days_mask([THU]),
            time(9, 0),
            time(10, 30),
            "Aula",
            workers[0],
            "",
        ),
        (
            "group_therapy",
            "Konseling kelompok",
            days_mask([WED]),
            time(13, 30),
            time(15, 0),
            "Ruang konseling",
            supervisor,
            "",
        ),
        (
            "sport",
            "Olahraga sore (voli, sepak bola)",
            days_mask([TUE, THU]),
            time(15, 30),
            time(17, 0),
            "Lapangan",
            workers[1],
            "",
        ),
        (
            "religious_guidance",
            "Bimbingan agama",
            days_mask([TUE, FRI]),
            time(18, 30),
            time(19, 30),
            "Musala",
            None,
            "Ustaz Ahmad Fauzi",
        ),
        ("evening_meeting", "", EVERY_DAY, time(19, 30), time(20, 0), "Aula", None, ""),
    ]
    slots = []
    for code, title, days, starts, ends, place, staff, name in rows:
        slot = ScheduleSlot(
            centre=centre,
            kind=kinds[code],
            title=title,
            days=days,
            starts_at=starts,
            ends_at=ends,
            place=place,
            facilitator_staff=staff,
            facilitator_name=name,
            course=sewing if code == "vocational_session" else None,
            valid_from=start,
        )
        slots.append(save_slot(by=supervisor, slot=slot, fields=["kind", "days"]))
    return slots


TOPICS = {
    "morning_meeting": ["Rencana kegiatan hari ini", "Piket kebersihan wisma", "Pengumuman"],
    "evening_meeting": ["Evaluasi kegiatan hari ini", "Cerita hari ini", "Persiapan esok"],
    "social_education": ["Bahaya narkoba", "Hidup bersih dan sehat", "Mengenal hak anak"],
    "group_therapy": ["Mengelola rasa marah", "Berbagi pengalaman", "Membangun kepercayaan"],
    "religious_guidance": ["Akhlak sehari-hari", "Belajar membaca Al-Qur'an", "Doa harian"],
}


def _hold_session(rng, slot, day: date, workers, therapy_group) -> None:
    by = slot.facilitator_staff or workers[day.toordinal() % len(workers)]
    topic = rng.choice(TOPICS.get(slot.kind.code, [""]))
    activity = open_session(by=by, slot=slot, day=day, data={"topic": topic})
    expected = list(expected_cases(slot.centre, day, slot.course_id))
    if slot.kind.code == "group_therapy":
        wanted = {case.pk for case in therapy_group}
        marks = {
            c.pk: ("present" if rng.random() < 0.9 else "excused")
            for c in expected
            if c.pk in wanted
        }
    else:
        marks = {c.pk: mark_at_random(rng) for c in expected}
    record_attendance(by=by, activity=activity, marks=marks)
    backdate(activity, day, slot.starts_at)


def _one_off_activities(rng, centre, workers, kinds, today) -> int:
    outings = [
        (
            kinds["speaker_visit"],
            9,
            time(9, 0),
            {
                "facilitator_name": "Bripka Sari Wulandari",
                "facilitator_role": "speaker",
                "facilitator_institution": "Polresta Jambi (Unit PPA)",
                "topic": "Mengenali dan melaporkan kekerasan",
                "place": "Aula",
            },
        ),
        (
            kinds["outing"],
            6,
            time(8, 0),
            {
                "facilitator_staff": workers[0],
                "topic": "Pengenalan lingkungan luar panti: Taman Kota Jambi",
                "place": "Taman Kota Jambi",
                "description": "Berjalan bersama ke taman kota, belajar menyeberang jalan dan "
                "naik angkot.",
            },
        ),
        (
            kinds["speaker_visit"],
            3,
            time(10, 0),
            {
                "facilitator_name": "Dra. Lina Marpaung",
                "facilitator_role": "psychologist",
                "facilitator_institution": "RSJ Daerah Jambi",
                "topic": "Mengelola stres",
                "place": "Aula",
            },
        ),
    ]
    for kind, back, starts, data in outings:
        day = today - timedelta(days=back)
        activity = create_activity(
            by=workers[0], data={"kind": kind, "held_on": day, "starts_at": starts, **data}
        )
        on_the_list = list(expected_cases(centre, day))
        chosen = rng.sample(on_the_list, k=min(len(on_the_list), rng.randint(12, 20)))
        record_attendance(by=workers[0], activity=activity, marks={c.pk: "present" for c in chosen})
        backdate(activity, day, starts)
    return len(outings)
