"""Demo cases: the demo clients get cases in every stage, with notes, tasks and emergencies.

Deterministic and idempotent: nothing is added to a centre that already has cases.
Timestamps are moved into the past afterwards so the timelines and reminders have a story.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from assessments.demo import seed_wellbeing_story, submit_demo_assessment
from assessments.models import InstrumentKind
from casework.demo_intervention import seed_delivery
from casework.demo_story import (
    backdate,
    office_hours,
    problems_for,
    termination_awaiting_review,
)
from casework.models import (
    Case,
    CaseNote,
    Component,
    Conference,
    PlanGoal,
    Task,
)
from casework.models.cases import AccessRoute, EmergencyNeed, Priority, ReportChannel
from casework.models.notes import NoteKind, WorkerRole
from casework.models.stages import STAGE_ORDER, Stage
from casework.services.cases import move_case_to_stage, open_case
from casework.services.conferences import finalise_conference, save_minutes, schedule_conference
from casework.services.plans import start_plan_version, submit_plan
from casework.services.reviews import decide_review
from casework.services.termination import request_termination
from clients.models import Client, Consent
from sentra.models import Centre, User

# Three in five live in; some of them with family-based work beside it.
DEMO_APPROACHES = [["residential"], ["residential"], ["residential", "family"], ["family"]]
DEMO_APPROACHES.append(["family", "community"])

# How many demo cases end in each stage (the rest of the clients have no case yet).
STAGE_PLAN = [
    (Stage.ACCESS, 5),
    (Stage.ENGAGEMENT, 6),
    (Stage.ASSESSMENT, 8),
    (Stage.PLANNING, 7),
    (Stage.INTERVENTION, 9),
    (Stage.MONITORING, 6),
    (Stage.TERMINATION, 4),
]

NOTE_TEXTS = {
    NoteKind.HOME_VISIT: [
        "Kunjungan rumah ke keluarga. Ibu klien bersedia menerima kembali anaknya setelah "
        "mediasi; kondisi rumah sempit tetapi layak.",
        "Kunjungan rumah: tetangga menyampaikan bahwa klien sering ditinggal sendiri.",
    ],
    NoteKind.COUNSELLING: [
        "Sesi konseling individu. Klien mulai bercerita tentang pengalaman di jalanan dan "
        "menyatakan ingin kembali sekolah.",
        "Konseling lanjutan: klien lebih tenang, tidur membaik, masih cemas bila membahas "
        "keluarga.",
    ],
    NoteKind.PHONE: [
        "Telepon dengan puskesmas untuk jadwal pemeriksaan kesehatan klien.",
        "WhatsApp dengan wali: konfirmasi kehadiran pada pertemuan keluarga.",
    ],
    NoteKind.OBSERVATION: [
        "Observasi di asrama: klien aktif dalam kegiatan pagi dan membantu teman yang lebih muda."
    ],
    NoteKind.RESIDENTS_MEETING: [
        "Pertemuan pagi: klien menyampaikan keinginan ikut kelas menjahit."
    ],
    NoteKind.CASE_REVIEW: [
        "Telaah kasus bersama supervisor: rencana perlu menambah dukungan keluarga."
    ],
}
CONFIDENTIAL_TEXTS = [
    "RAHASIA: klien mengungkapkan kekerasan oleh anggota keluarga. Sudah dikonsultasikan "
    "dengan supervisor; belum dilaporkan ke polisi atas permintaan klien.",
    "RAHASIA: hasil tes kesehatan klien dibahas hanya dengan tim kasus.",
]


def _route(rng: random.Random) -> dict:
    route = rng.choice(list(AccessRoute))
    if route == AccessRoute.REFERRAL:
        return {
            "access_route": route,
            "referring_institution": rng.choice(
                [
                    "Dinas Sosial Kota Jambi",
                    "RSUD Raden Mattaher",
                    "Polresta Jambi",
                    "LKS Harapan Bunda",
                ]
            ),
            "referral_letter_number": f"460/{rng.randint(100, 999)}/DINSOS/2026",
        }
    if route == AccessRoute.REPORT:
        return {
            "access_route": route,
            "report_channel": rng.choice(list(ReportChannel)),
            "reporter_name": rng.choice(["Ketua RT 05", "Warga", "Babinsa", ""]),
        }
    if route == AccessRoute.OUTREACH:
        return {
            "access_route": route,
            "outreach_location": rng.choice(
                ["Pasar Angso Duo", "Simpang Kawat", "Terminal Rawasari"]
            ),
            "outreach_by": "Tim penjangkauan Sentra",
        }
    return {"access_route": route}


@transaction.atomic
def seed_cases(centre: Centre, workers: list[User], supervisor: User, seed: int) -> int:
    if Case.objects.filter(centre=centre).exists():
        return 0
    rng = random.Random(seed)
    eligible = list(
        Client.objects.filter(centre=centre, status=Client.Status.ACTIVE)
        .filter(consents__purpose=Consent.Purpose.SERVICES)
        .distinct()
        .order_by("id")
    )
    without_consent = list(
        Client.objects.filter(centre=centre, status=Client.Status.ACTIVE)
        .exclude(consents__purpose=Consent.Purpose.SERVICES)
        .order_by("id")
    )
    seeded: list[tuple[Case, str]] = []
    for target, count in STAGE_PLAN:
        for _ in range(count):
            pool = without_consent if target == Stage.ACCESS and without_consent else eligible
            if not pool:
                break
            emergency = len(seeded) in (1, 9, 20)
            case = _open_case(rng, pool.pop(0), workers, supervisor, emergency)
            _move_until(case, target, Stage.PLANNING, supervisor, rng)
            seeded.append((case, target))
    _seed_plans_and_conferences(rng, seeded, workers, supervisor)
    for case, target_stage in seeded:
        _move_until(case, target_stage, target_stage, supervisor, rng)
        backdate(rng, case, STAGE_ORDER.index(target_stage))
        if STAGE_ORDER.index(target_stage) >= STAGE_ORDER.index(Stage.INTERVENTION):
            seed_wellbeing_story(case, case.primary_worker, rng)
        _seed_notes_and_tasks(rng, case, case.primary_worker, supervisor, case.is_emergency)
    seed_delivery(rng, centre, workers, supervisor)
    termination_awaiting_review(centre)
    return len(seeded)


def _open_case(rng, client, workers, supervisor, emergency: bool) -> Case:
    worker = workers[client.pk % len(workers)]
    case = open_case(
        by=worker,
        client=client,
        data={
            **_route(rng),
            "approaches": rng.choice(DEMO_APPROACHES),
            "problem_statement": rng.choice(problems_for(client)),
            "priority": Priority.HIGH if emergency else rng.choice(list(Priority)[:3]),
            "primary_worker": worker,
            "supervisor": supervisor,
            "is_emergency": emergency,
            "emergency_needs": [EmergencyNeed.RESCUE, EmergencyNeed.MEDICAL] if emergency else [],
        },
        team=[w for w in workers if w != worker][:1] if rng.random() < 0.3 else [],
    )
    if emergency:
        submit_demo_assessment(case, InstrumentKind.RAPID, worker, rng)
    return case


def _move_until(case: Case, target: str, limit: str, supervisor, rng) -> None:
    """Move the case stage by stage towards `target`, but not beyond `limit`."""
    case.refresh_from_db()
    last = min(STAGE_ORDER.index(target), STAGE_ORDER.index(limit))
    for stage in STAGE_ORDER[STAGE_ORDER.index(case.stage) + 1 : last + 1]:
        if (
            stage == Stage.PLANNING
            and not case.assessments.filter(instrument__kind=InstrumentKind.COMPREHENSIVE).exists()
        ):
            submit_demo_assessment(case, InstrumentKind.COMPREHENSIVE, case.primary_worker, rng)
        if stage == Stage.TERMINATION:
            termination = request_termination(
                by=case.primary_worker,
                case=case,
                data={
                    "reason": "reunified",
                    "destination_address": "Kota Jambi",
                    "outcome_summary": "Klien kembali ke keluarga setelah mediasi.",
                },
            )
            decide_review(
                by=supervisor, review=termination.review, approve=True, comments="Disetujui."
            )
            continue
        by = case.primary_worker
        case = move_case_to_stage(
            by=by, case=case, to_stage=stage, reason=f"Demo: lanjut ke tahap {Stage(stage).label}"
        )


GOALS = [
    (
        Component.DECENT_LIVING,
        "Klien memiliki dokumen kependudukan (KTP/KK).",
        "Pendampingan ke Dukcapil; pengurusan akta kelahiran.",
        "Dokumen terbit",
    ),
    (
        Component.FAMILY,
        "Klien kembali diterima keluarga.",
        "Mediasi keluarga dua kali; kunjungan rumah.",
        "Keluarga menyatakan siap menerima",
    ),
    (
        Component.THERAPY,
        "Kondisi emosional klien stabil.",
        "Konseling mingguan dengan psikolog.",
        "Skor kesejahteraan emosional naik ke 4",
    ),
    (
        Component.VOCATIONAL,
        "Klien terampil menjahit dasar.",
        "Kelas menjahit tiga kali seminggu selama tiga bulan.",
        "Lulus evaluasi kelas menjahit",
    ),
]


def _write_plan(rng, case: Case, worker) -> None:
    plan = start_plan_version(by=worker, case=case)
    for order, (component, goal, activities, indicator) in enumerate(
        rng.sample(GOALS, k=rng.randint(2, 3)), start=1
    ):
        PlanGoal.objects.create(
            plan=plan,
            order=order,
            problem=rng.choice(problems_for(case.client)),
            goal=goal,
            component=component,
            activities=activities,
            responsible_staff=worker,
            target_date=timezone.localdate() + timedelta(days=rng.randint(30, 120)),
            indicator=indicator,
        )


def _seed_plans_and_conferences(rng, seeded, workers, supervisor) -> None:
    """Plans in every state; two past conferences with minutes, one upcoming."""
    later = [c for c, t in seeded if STAGE_ORDER.index(t) >= STAGE_ORDER.index(Stage.INTERVENTION)]
    planning = [c for c, t in seeded if t == Stage.PLANNING]
    for case in later + planning:
        _write_plan(rng, case, case.primary_worker)
    # Planning-stage plans in each state: draft, submitted, returned, submitted again.
    for index, case in enumerate(planning):
        plan = case.plans.get()
        if index % 4 == 0:
            continue  # draft
        submit_plan(by=case.primary_worker, plan=plan)
        if index % 4 == 2:
            review = plan.reviews.get()
            decide_review(
                by=supervisor,
                review=review,
                approve=False,
                comments="Tambahkan tujuan dukungan keluarga dan tanggal target yang realistis.",
            )
    today = timezone.localdate()
    for days_ago, cases in ((60, later[: len(later) // 2]), (30, later[len(later) // 2 :])):
        held = office_hours(today - timedelta(days=days_ago), 9)
        conference = schedule_conference(
            by=supervisor,
            data={
                "kind": Conference.Kind.CASE,
                "scheduled_at": held,
                "place": "Ruang rapat Sentra Alyatama",
                "agenda": "Pembahasan rencana layanan klien.",
            },
            cases=cases,
            staff=[supervisor, *workers],
            externals=[
                {
                    "name": "Dra. Lina Marpaung",
                    "profession": "Psikolog",
                    "institution": "RSJ Daerah Jambi",
                }
            ],
        )
        save_minutes(
            by=supervisor,
            conference=conference,
            minutes="Tim membahas hasil asesmen dan rencana layanan setiap klien. "
            "Psikolog menyarankan konseling lanjutan untuk klien dengan trauma.",
            decisions={
                item.pk: {
                    "decision": "approve_plan",
                    "decision_notes": "Rencana disetujui.",
                    "follow_up": "Laporkan perkembangan pada review bulan depan",
                }
                for item in conference.agenda_items.all()
            },
        )
        finalise_conference(by=supervisor, conference=conference)
        # Minutes typed up the afternoon of the meeting.
        Conference.objects.filter(pk=conference.pk).update(finalised_at=held + timedelta(hours=5))
    submitted = [c for c in planning if c.plans.filter(status="submitted").exists()]
    schedule_conference(
        by=supervisor,
        data={
            "kind": Conference.Kind.CASE,
            "scheduled_at": office_hours(today + timedelta(days=7), 10),
            "place": "Ruang rapat Sentra Alyatama",
            "agenda": "Persetujuan rencana layanan.",
        },
        cases=submitted,
        staff=[supervisor, *workers],
        externals=[
            {
                "name": "dr. Hendra Sitepu",
                "profession": "Dokter",
                "institution": "Puskesmas Simpang Kawat",
            }
        ],
    )


def _seed_notes_and_tasks(rng, case: Case, worker: User, supervisor: User, emergency: bool):
    # A closed case's notes were written while it was open.
    now = case.closed_at or timezone.now()
    span = max((now - case.opened_at).days, 1)
    count = min(2 + span // 15, 8)
    for index in range(count):
        kind = rng.choice(list(NOTE_TEXTS))
        confidential = index == 1 and rng.random() < 0.5
        occurred = case.opened_at + timedelta(days=rng.randint(0, span), hours=rng.randint(8, 16))
        occurred = min(occurred, now - timedelta(hours=2))
        note = CaseNote.objects.create(
            case=case,
            author=worker if index % 4 else (worker if rng.random() < 0.7 else supervisor),
            kind=kind,
            occurred_at=occurred,
            duration_minutes=rng.choice([15, 30, 45, 60, 90]),
            narrative=rng.choice(CONFIDENTIAL_TEXTS)
            if confidential
            else rng.choice(NOTE_TEXTS[kind]),
            worker_roles=rng.sample(list(WorkerRole.values), k=rng.randint(1, 2)),
            is_confidential=confidential,
        )
        # Most notes are written the same day; a few are late entries.
        delay = timedelta(hours=rng.choice([1, 2, 3, 5, 80]))
        CaseNote.objects.filter(pk=note.pk).update(recorded_at=min(occurred + delay, now))
        if emergency and index == 0 and case.stage != Stage.ACCESS:
            Case.objects.filter(pk=case.pk).update(
                first_response_at=occurred, first_response_by=worker
            )
    if case.is_open:
        today = timezone.localdate()
        Task.objects.create(
            case=case,
            title=rng.choice(
                [
                    "Kunjungan rumah ke keluarga",
                    "Urus akta kelahiran di Dukcapil",
                    "Jadwalkan pemeriksaan di puskesmas",
                    "Siapkan bahan konferensi kasus",
                    "Hubungi sekolah untuk pendaftaran kembali",
                ]
            ),
            due_date=today + timedelta(days=rng.randint(-5, 10)),
            assignee=worker,
            created_by=worker,
            note=note,
        )
