"""The demo's story kept coherent: problem statements that fit the person, meetings in
working hours, and a termination waiting for the supervisor."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from casework.models import Case, Partner, Review, StageMove, Termination
from casework.models.cases import record_when_stages_were_left
from casework.models.stages import Stage
from casework.services.termination import request_termination
from clients.models import Client
from sentra.models import Centre

# Problem statements that fit the person: a child's reads as a child's.
CHILD_PROBLEMS = [
    "Anak ditemukan mengamen di simpang lampu merah, tidak bersekolah sejak dua tahun.",
    "Anak ditelantarkan orang tua; tinggal berpindah-pindah di rumah tetangga.",
    "Anak korban kekerasan di rumah, membutuhkan tempat aman sementara dan pendampingan.",
]
ADULT_PROBLEMS = [
    "Ditemukan tidur di emperan pasar, tanpa identitas, kondisi kesehatan menurun.",
    "Korban kekerasan dalam rumah tangga, membutuhkan tempat aman sementara.",
    "Penyandang disabilitas fisik, membutuhkan alat bantu dan pelatihan keterampilan.",
]
ELDER_PROBLEMS = [
    "Lansia hidup sendiri, tidak mampu memenuhi kebutuhan dasar, keluarga belum ditemukan.",
    "Lansia terlantar ditemukan di terminal, lupa alamat rumah, butuh perawatan sosial.",
]
PROBLEMS = CHILD_PROBLEMS + ADULT_PROBLEMS + ELDER_PROBLEMS


def problems_for(client: Client) -> list[str]:
    age = client.age_on()
    if age is not None and age < 18:
        return CHILD_PROBLEMS
    if age is not None and age >= 60:
        return ELDER_PROBLEMS
    return ADULT_PROBLEMS


def office_hours(day, hour: int):
    """`day` at `hour` o'clock in the centre's zone, moved off the weekend (meetings are
    held in working hours)."""
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def termination_awaiting_review(centre: Centre) -> None:
    """One case in monitoring whose referral on waits for the supervisor's decision."""
    case = Case.objects.filter(centre=centre, stage=Stage.MONITORING).order_by("id").first()
    if case is None:
        return
    shelter, _created = Partner.objects.get_or_create(
        centre=centre,
        name="UPTD Rumah Singgah Dinas Sosial Kota Jambi",
        defaults={"kind": Partner.Kind.UPT, "address": "Kec. Jambi Selatan, Kota Jambi"},
    )
    request_termination(
        by=case.primary_worker,
        case=case,
        data={
            "reason": "referred",
            "destination_partner": shelter,
            "destination_region": "1571011012",
            "outcome_summary": "Keluarga belum ditemukan setelah dua kali penelusuran; klien "
            "dirujuk ke rumah singgah untuk pembinaan lanjutan.",
        },
    )


def backdate(rng, case: Case, steps: int) -> None:
    """Spread the stage moves over the past months (demo data only); a closed case's
    closing, termination request and review follow its last move."""
    case.refresh_from_db()  # the caller's copy may predate the last moves
    now = timezone.now()
    opened = now - timedelta(days=rng.randint(10 + steps * 12, 40 + steps * 25))
    moves = list(case.stage_moves.order_by("id"))
    moment = opened
    for move in moves:
        StageMove.objects.filter(pk=move.pk).update(moved_at=moment)
        last = moment
        moment = moment + timedelta(days=rng.randint(5, 30))
        moment = min(moment, now - timedelta(days=1))
    record_when_stages_were_left([case.pk])  # the moves were re-dated behind the service's back
    fields = {"opened_at": opened, "stage_entered_at": last}
    if case.stage == Stage.TERMINATION:
        fields["closed_at"] = last
        # The request came a few days before the supervisor's approval closed the case.
        asked = last - timedelta(days=rng.randint(2, 4))
        for termination in case.terminations.all():
            Termination.objects.filter(pk=termination.pk).update(requested_at=asked)
            Review.objects.filter(pk=termination.review_id).update(
                requested_at=asked, decided_at=last
            )
    Case.objects.filter(pk=case.pk).update(**fields)
    if case.is_emergency:
        due = opened + timedelta(hours=case.centre.emergency_response_hours)
        Case.objects.filter(pk=case.pk).update(
            opened_at=now - timedelta(hours=30) if steps == 0 else opened,
            response_due_at=now - timedelta(hours=6) if steps == 0 else due,
        )
    case.refresh_from_db()
