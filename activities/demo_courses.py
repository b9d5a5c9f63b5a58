"""Demo vocational courses: a sewing course part-way with module evaluations, and a finished
salon course with sessions, results, certificates, starter packages and a salon open day.
Called by activities/demo.py."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from activities.models import Activity, Attendance, Competency, Course, Skill, StarterPackage
from activities.reference import COURSE_SESSION
from activities.rules import service_refusals
from activities.services.activities import create_activity, record_attendance
from activities.services.completion import (
    give_starter_package,
    issue_certificate,
    record_business_practice,
)
from activities.services.courses import (
    add_module,
    enrol_cases,
    record_final_result,
    record_module_evaluations,
    save_course,
)
from casework.models import ServiceType

SEWING_MODULES = [
    ("Pengenalan mesin jahit dan K3", 12),
    ("Mengukur badan dan membuat pola dasar", 18),
    ("Menjahit rok", 24),
    ("Menjahit kemeja", 30),
    ("Menjahit busana muslim", 30),
    ("Kewirausahaan: menghitung harga jual", 12),
]
SALON_MODULES = [
    ("Kebersihan dan kesehatan kerja salon", 10),
    ("Potong rambut dasar", 30),
    ("Perawatan rambut (creambath, hair mask)", 24),
    ("Tata rias wajah sehari-hari", 24),
]
SIGNATORY = {
    "signatory_name": "Drs. H. Syamsul Bahri, M.Si.",
    "signatory_position": "Kepala Sentra Alyatama",
    "signatory_number": "196805121994031002",
}


def mark_at_random(rng) -> str:
    roll = rng.random()
    if roll < 0.86:
        return Attendance.Status.PRESENT
    if roll < 0.92:
        return Attendance.Status.EXCUSED
    return Attendance.Status.SICK if roll < 0.97 else Attendance.Status.ABSENT


def backdate(activity, day: date, starts) -> None:
    """Attendance was taken when the session ended, not when the demo ran."""
    moment = timezone.make_aware(datetime.combine(day, starts)) + timedelta(hours=1)
    Activity.objects.filter(pk=activity.pk).update(attendance_taken_at=moment)
    Attendance.objects.filter(activity=activity).update(recorded_at=moment)


def _course(centre, by, title, skill, starts_on, ends_on, instructor, modules) -> Course:
    course = save_course(
        by=by,
        course=Course(
            skill=skill,
            title=title,
            instructor_name=instructor[0],
            instructor_institution=instructor[1],
            starts_on=starts_on,
            ends_on=ends_on,
            place="Ruang keterampilan",
            capacity=10,
            description="Pelatihan vokasional bagi penerima manfaat, dengan praktik usaha.",
        ),
        fields=["title"],
    )
    for module_title, hours in modules:
        add_module(by=by, course=course, data={"title": module_title, "hours": hours})
    return course


def sewing_course(rng, centre, by, people, today) -> Course:
    course = _course(
        centre,
        by,
        "Kursus Menjahit Angkatan II",
        Skill.SEWING,
        today - timedelta(days=35),
        today + timedelta(days=49),
        ("Ibu Rosmaini", "LKP Cahaya Busana"),
        SEWING_MODULES,
    )
    enrol_cases(by=by, course=course, cases=people)
    return course


def evaluate_sewing(rng, course, by, today) -> None:
    modules = list(course.modules.all())
    enrolments = list(course.enrolments.all())
    for index, module in enumerate(modules[:3]):
        evaluated = enrolments if index < 2 else enrolments[:5]
        marks = {}
        for enrolment in evaluated:
            score = rng.randint(58, 95)
            marks[enrolment.pk] = {
                "score": score,
                "level": Competency.COMPETENT if score >= 70 else Competency.NOT_YET,
                "comments": rng.choice(
                    [
                        "Rapi dan teliti.",
                        "Perlu latihan jahitan lurus.",
                        "Cepat memahami pola.",
                        "Masih ragu memakai mesin.",
                        "",
                    ]
                ),
            }
        record_module_evaluations(
            by=by, module=module, marks=marks, on=today - timedelta(days=28 - index * 9)
        )


def finished_salon_course(rng, centre, supervisor, people, today, kinds) -> Course:
    course = _course(
        centre,
        supervisor,
        "Pelatihan Salon Kecantikan Angkatan I",
        Skill.SALON,
        today - timedelta(days=130),
        today - timedelta(days=21),
        ("Ibu Yuliana Hasibuan", "Salon Ayu Jambi"),
        SALON_MODULES,
    )
    enrolments = enrol_cases(by=supervisor, course=course, cases=people)
    modules = list(course.modules.all())
    for week, module in enumerate(modules * 2):
        day = course.starts_on + timedelta(days=7 + week * 12)
        session = create_activity(
            by=supervisor,
            data={
                "kind": kinds[COURSE_SESSION],
                "course": course,
                "module": module,
                "held_on": day,
                "starts_at": time(8, 30),
                "ends_at": time(11, 30),
                "place": course.place,
                "facilitator_name": course.instructor_name,
                "facilitator_role": "instructor",
                "facilitator_institution": course.instructor_institution,
                "topic": module.title,
            },
        )
        record_attendance(
            by=supervisor,
            activity=session,
            marks={e.case_id: mark_at_random(rng) for e in enrolments},
        )
        backdate(session, day, time(8, 30))
    for module in modules:
        record_module_evaluations(
            by=supervisor,
            module=module,
            marks={
                e.pk: {
                    "score": rng.randint(72, 94) if n else rng.randint(50, 66),
                    "level": Competency.COMPETENT if n else Competency.NOT_YET,
                    "comments": "",
                }
                for n, e in enumerate(enrolments)
            },
            on=today - timedelta(days=25),
        )
    catalogue = {t.code: t for t in ServiceType.objects.filter(centre=None)}
    for n, enrolment in enumerate(enrolments):
        competent = n > 0
        record_final_result(
            by=supervisor,
            enrolment=enrolment,
            result=Competency.COMPETENT if competent else Competency.NOT_YET,
            notes="Siap membuka usaha salon rumahan." if competent else "Perlu mengulang modul 2.",
            on=today - timedelta(days=21),
        )
        if not competent:
            continue
        issue_certificate(
            by=supervisor,
            enrolment=enrolment,
            data={"issued_on": today - timedelta(days=14), **SIGNATORY},
        )
        capital = n == 1
        if not service_refusals([enrolment.case], today - timedelta(days=10)):
            give_starter_package(
                by=supervisor,
                enrolment=enrolment,
                data={
                    "kind": StarterPackage.Kind.CAPITAL if capital else StarterPackage.Kind.TOOLS,
                    "items": "Modal usaha salon rumahan"
                    if capital
                    else "Hair dryer, catok, gunting, sisir, kursi salon, bahan creambath",
                    "amount": 3_000_000 if capital else 2_500_000,
                    "given_on": today - timedelta(days=10),
                },
                service_type=catalogue["business_capital" if capital else "starter_package"],
            )
        if n <= 3:
            record_business_practice(
                by=supervisor,
                enrolment=enrolment,
                data={
                    "practised_on": today - timedelta(days=24),
                    "description": "Hari salon terbuka di aula Sentra",
                    "customers": rng.randint(4, 9),
                    "takings": rng.choice([125_000, 150_000, 175_000, 210_000]),
                    "notes": "",
                },
            )
    return course
