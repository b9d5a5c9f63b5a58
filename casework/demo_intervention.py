"""Demo services, a group with sessions, referrals in each status, monitoring reviews and
aftercare for the demo cases (called by casework.demo after the cases exist)."""

import random
from datetime import timedelta

from django.utils import timezone

from casework.models import Case, Group, Partner, PlanGoal, PlanVersion, ServiceType
from casework.models.stages import Stage
from casework.services.aftercare import record_follow_up_outcome, schedule_follow_up
from casework.services.groups import record_group_session, save_group
from casework.services.monitoring import record_monitoring_review
from casework.services.referrals import create_referral, move_referral
from casework.services.service_records import record_service

PARTNERS = [
    ("Puskesmas Simpang Kawat", Partner.Kind.PUSKESMAS, "Jl. Kapten Pattimura, Kota Jambi"),
    ("RSUD Raden Mattaher", Partner.Kind.HOSPITAL, "Jl. Letjen Suprapto No. 31, Kota Jambi"),
    ("Polresta Jambi (Unit PPA)", Partner.Kind.POLICE, "Jl. Sultan Agung, Kota Jambi"),
    ("Dinas Sosial Kota Jambi", Partner.Kind.DINSOS, "Jl. H. Adam Malik, Kota Jambi"),
    ("LKS Harapan Bunda", Partner.Kind.LKS, "Kec. Telanaipura, Kota Jambi"),
    ("SD Negeri 47 Kota Jambi", Partner.Kind.SCHOOL, "Kec. Kota Baru, Kota Jambi"),
]


def seed_delivery(rng: random.Random, centre, workers, supervisor) -> None:
    partners = {}
    for name, kind, address in PARTNERS:
        partners[kind], _ = Partner.objects.get_or_create(
            centre=centre,
            name=name,
            defaults={
                "kind": kind,
                "address": address,
                "phone": "0741-" + str(rng.randint(100000, 999999)),
            },
        )
    cases = list(Case.objects.filter(centre=centre).select_related("client", "primary_worker"))
    delivering = [
        c for c in cases if c.stage in (Stage.INTERVENTION, Stage.MONITORING, Stage.TERMINATION)
    ]
    catalogue = {t.code: t for t in ServiceType.objects.filter(centre=None)}
    for case in delivering:
        goals = list(
            PlanGoal.objects.filter(plan__case=case, plan__status=PlanVersion.Status.APPROVED)
        )
        for code in rng.sample(
            [
                "food_shelter",
                "identity_documents",
                "counselling",
                "religious_guidance",
                "cash_assistance",
                "health_access",
            ],
            k=3,
        ):
            delivered_on = timezone.localdate() - timedelta(days=rng.randint(3, 60))
            if case.closed_at:  # a closed case's services came before it closed
                closed = timezone.localdate(case.closed_at)
                delivered_on = min(delivered_on, closed - timedelta(days=1))
            record_service(
                by=case.primary_worker,
                case=case,
                data={
                    "service_type": catalogue[code],
                    "delivered_on": delivered_on,
                    "provider_staff": case.primary_worker,
                    "amount": 300000 if code == "cash_assistance" else None,
                    "quantity": 30 if code == "food_shelter" else None,
                    "plan_goal": goals[0] if goals else None,
                    "description": "Demo",
                },
            )
    # A sewing class: a group of six with two sessions recorded.
    members = delivering[:6]
    if len(members) >= 4:
        group = save_group(
            by=supervisor,
            group=_group(centre, workers[0], catalogue["sewing_training"]),
            members=members,
            fields=["name", "members"],
        )
        for days_ago, stage, topic in (
            (21, "beginning", "Perkenalan alat jahit"),
            (7, "working", "Menjahit pola dasar"),
        ):
            record_group_session(
                by=workers[0],
                group=group,
                data={
                    "held_on": timezone.localdate() - timedelta(days=days_ago),
                    "stage": stage,
                    "topic": topic,
                    "evaluation": "Peserta antusias.",
                },
                present=members[: 5 if days_ago == 21 else 6],
            )
    # Referrals in each status.
    steps = [
        [],
        ["sent"],
        ["sent", "accepted"],
        ["sent", "declined"],
        ["sent", "accepted", "completed"],
        ["cancelled"],
    ]
    for case, path in zip(delivering, steps, strict=False):
        referral = create_referral(
            by=case.primary_worker,
            case=case,
            data={
                "partner": partners[rng.choice(list(partners))],
                "reason": "Membutuhkan layanan lanjutan.",
                "services_requested": "Pemeriksaan",
            },
        )
        for status in path:
            move_referral(
                by=supervisor,
                referral=referral,
                to_status=status,
                override_reason=""
                if status != "sent"
                else "Demo: persetujuan lisan, formulir menyusul.",
            )
    # Monitoring reviews on cases in monitoring.
    for case in [c for c in cases if c.stage == Stage.MONITORING]:
        approved = PlanGoal.objects.filter(
            plan__case=case, plan__status=PlanVersion.Status.APPROVED
        )
        record_monitoring_review(
            by=case.primary_worker,
            case=case,
            data={
                "decision": "continue",
                "process_evaluation": "Kegiatan berjalan sesuai rencana.",
                "impact_evaluation": "Klien lebih mandiri.",
            },
            progress={goal: (rng.choice(["in_progress", "achieved"]), "") for goal in approved},
        )
    # Aftercare for the closed cases, counted from the day each was closed.
    today = timezone.localdate()
    for case in [c for c in cases if c.stage == Stage.TERMINATION]:
        closed = timezone.localdate(case.closed_at) if case.closed_at else today
        for offset, mode in ((7, "visit"), (30, "phone"), (90, "visit")):
            due = closed + timedelta(days=offset)
            follow_up = schedule_follow_up(
                by=case.primary_worker,
                case=case,
                data={"due_on": due, "mode": mode, "assignee": case.primary_worker},
            )
            if due < today:
                record_follow_up_outcome(
                    by=case.primary_worker,
                    follow_up=follow_up,
                    outcome="Klien sehat dan tinggal bersama keluarga.",
                )


def _group(centre, facilitator, service_type):
    return Group(
        centre=centre,
        name="Kelas menjahit angkatan 3",
        kind=Group.Kind.EDUCATIONAL,
        purpose="Keterampilan menjahit dasar sebagai bekal kemandirian.",
        facilitator=facilitator,
        service_type=service_type,
    )
