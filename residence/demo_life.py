"""What happens in the demo week: leave (one resident out on home leave, one late back,
one who came back late earlier, one request awaiting approval), a boy who ran away at the
evening roll call two days ago, the sick log and medication, health checks, a fight, visits
and a visit restriction, and the duty handovers. Used by residence/demo.py."""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from residence.models import (
    AbscondingAction,
    AbscondingReport,
    DutyShift,
    Incident,
    LeaveRequest,
    Presence,
    RollCall,
    Session,
    Shift,
    Stay,
    Visit,
)
from residence.services.absconding import add_absconding_action
from residence.services.duty import write_handover
from residence.services.health import record_health_check, record_medication, record_sickness
from residence.services.incidents import add_incident_follow_up, record_notice, report_incident
from residence.services.leave import decide_leave, record_departure, record_return, request_leave
from residence.services.visits import record_visit, restrict_visits


@dataclass
class Away:
    """A resident away between two moments (`until` None: not back yet)."""

    stay: Stay
    since: datetime
    until: datetime | None
    presence: str


class DemoWeek:
    """Who is where during the demo week: each story's resident and times."""

    def __init__(self, centre, stays, workers, supervisor, now):
        self.centre, self.workers, self.supervisor, self.now = centre, workers, supervisor, now
        self.today = now.date()
        self._free = list(stays)
        self.runaway = self._pick("Wisma Cempaka")
        self.fighters = [self._pick("Wisma Cempaka"), self._pick("Wisma Cempaka")]
        self.home_leave = self._pick("Wisma Anggrek")
        self.late_back = self._pick("Wisma Kenanga")
        self.came_back_late = self._pick("Wisma Anggrek")
        self.sick = self._pick("Wisma Melati")
        self.in_hospital = self._pick("Wisma Kenanga")
        self.restricted = self._pick("Wisma Melati")
        self.asks_leave = self._pick("Wisma Kenanga")
        self.ran_away_at = self.at(-2, time(17, 0))
        self.away = [
            Away(self.home_leave, self.at(-2, time(10)), None, Presence.LEAVE),
            Away(self.late_back, self.at(-4, time(9)), None, Presence.LEAVE),
            Away(
                self.came_back_late, self.at(-6, time(8)), self.at(-5, time(21, 40)), Presence.LEAVE
            ),
            Away(self.sick, self.at(-2, time(5)), None, Presence.SICK),
            Away(self.in_hospital, self.at(-1, time(11)), None, Presence.HOSPITAL),
            Away(self.runaway, self.ran_away_at, None, Presence.ABSENT),
        ]

    def _pick(self, building: str) -> Stay | None:
        for stay in self._free:
            if stay.bed.room.building.name == building:
                self._free.remove(stay)
                return stay
        return self._free.pop(0) if self._free else None

    def at(self, days: int, clock: time) -> datetime:
        return datetime.combine(self.today + timedelta(days=days), clock, tzinfo=self.centre.zone)

    def presence(self, stay: Stay, day, session: str) -> str:
        clock = time(6, 30) if session == Session.MORNING else time(19, 30)
        moment = datetime.combine(day, clock, tzinfo=self.centre.zone)
        for away in self.away:
            here = away.stay is not None and away.stay.pk == stay.pk
            if here and away.since <= moment and (away.until is None or moment < away.until):
                return away.presence
        return Presence.PRESENT

    def after_roll_call(self, roll_call: RollCall, taken_at: datetime) -> None:
        # An absconding report opened by this roll call was reported when it was taken.
        AbscondingReport.objects.filter(roll_call_mark__roll_call=roll_call).update(
            reported_at=taken_at, last_seen_where="Asrama, saat kegiatan sore"
        )


def seed_life(week: DemoWeek, rng: random.Random) -> None:
    _seed_leave(week)
    _seed_absconding(week)
    _seed_health(week, rng)
    _seed_incident(week)
    _seed_visits(week)
    _seed_handovers(week)


def _worker_of(stay: Stay):
    return stay.case.primary_worker


def _leave(week, stay, leaves, back, destination, with_whom, departed=None, returned=None):
    worker = _worker_of(stay)
    leave = request_leave(
        by=worker,
        stay=stay,
        data={
            "kind": "home",
            "leaves_at": leaves,
            "due_back_at": back,
            "destination": destination,
            "accompanied_by": with_whom,
            "purpose": "Kunjungan keluarga dalam rangka persiapan reunifikasi.",
        },
    )
    decide_leave(by=week.supervisor, leave=leave, approve=True, note="Disetujui.")
    if departed:
        record_departure(by=worker, leave=leave, at=departed)
    if returned:
        record_return(by=worker, leave=leave, at=returned, note="Kembali diantar keluarga.")
    LeaveRequest.objects.filter(pk=leave.pk).update(
        requested_at=leaves - timedelta(days=2), decided_at=leaves - timedelta(days=1)
    )


def _seed_leave(week: DemoWeek) -> None:
    if week.home_leave:
        _leave(
            week,
            week.home_leave,
            week.at(-2, time(10)),
            week.at(2, time(16)),
            "Kel. Sungai Putri, Kota Jambi",
            "Ibu Sumarni (bibi)",
            departed=week.at(-2, time(10)),
        )
    if week.late_back:
        _leave(
            week,
            week.late_back,
            week.at(-4, time(9)),
            week.at(-1, time(17)),
            "Kec. Muaro Sebo, Muaro Jambi",
            "Bapak Darmawan (kakak)",
            departed=week.at(-4, time(9)),
        )
    if week.came_back_late:
        _leave(
            week,
            week.came_back_late,
            week.at(-6, time(8)),
            week.at(-5, time(17)),
            "Kel. Talang Banjar, Kota Jambi",
            "Ibu Rohani (ibu)",
            departed=week.at(-6, time(8)),
            returned=week.at(-5, time(21, 40)),
        )
    if week.asks_leave:
        request_leave(
            by=_worker_of(week.asks_leave),
            stay=week.asks_leave,
            data={
                "kind": "outing",
                "leaves_at": week.at(1, time(8)),
                "due_back_at": week.at(1, time(15)),
                "destination": "Dukcapil Kota Jambi (perekaman KTP)",
                "accompanied_by": "Pendamping sentra",
                "purpose": "Perekaman KTP elektronik.",
            },
        )


def _seed_absconding(week: DemoWeek) -> None:
    report = AbscondingReport.objects.open().filter(stay=week.runaway).first()
    if report is None:
        return
    worker = _worker_of(week.runaway)
    for kind, hours, detail in [
        (
            AbscondingAction.Kind.SEARCH,
            1,
            "Mencari di sekitar sentra dan Pasar Angso Duo; belum ditemukan.",
        ),
        (AbscondingAction.Kind.FAMILY, 2, "Menelepon paman klien; klien belum pulang ke rumah."),
        (AbscondingAction.Kind.POLICE, 14, "Melapor ke Polsek Telanaipura, diterima Bripka Hasan."),
    ]:
        action = add_absconding_action(
            by=worker,
            report=report,
            data={"kind": kind, "done_at": report.last_seen_at, "detail": detail},
        )
        AbscondingAction.objects.filter(pk=action.pk).update(
            done_at=week.at(-2, time(19, 30)) + timedelta(hours=hours)
        )


def _seed_health(week: DemoWeek, rng: random.Random) -> None:
    for stay in Stay.objects.filter(centre=week.centre).current().select_related("client", "case"):
        child = stay.client.is_child
        record_health_check(
            by=_worker_of(stay),
            stay=stay,
            data={
                "kind": "admission",
                "checked_on": stay.moved_in_on,
                "weight_kg": Decimal(rng.randint(28, 45) if child else rng.randint(45, 72)),
                "height_cm": Decimal(rng.randint(125, 155) if child else rng.randint(148, 172)),
                "systolic": rng.randint(100, 125),
                "diastolic": rng.randint(65, 82),
                "notes": "Kondisi umum baik."
                if rng.random() < 0.7
                else "Kulit gatal-gatal, diberi salep.",
            },
        )
    if week.sick:
        entry = record_sickness(
            by=_worker_of(week.sick),
            stay=week.sick,
            data={
                "began_on": week.at(-2, time(5)).date(),
                "symptoms": "Demam 38,5°C, batuk, lemas.",
                "action_taken": "Kompres, istirahat di kamar, diperiksa di puskesmas.",
                "referred_to": "puskesmas",
                "referral_place": "Puskesmas Simpang Kawat",
            },
        )
        for days, clock in [
            (-2, time(7)),
            (-2, time(19)),
            (-1, time(7)),
            (-1, time(19)),
            (0, time(7)),
        ]:
            if week.at(days, clock) < week.now:
                record_medication(
                    by=_worker_of(week.sick),
                    stay=week.sick,
                    data={
                        "sickness": entry,
                        "medicine": "Parasetamol",
                        "dose": "1 tablet 500 mg",
                        "given_at": week.at(days, clock),
                    },
                )
    if week.in_hospital:
        record_sickness(
            by=week.supervisor,
            stay=week.in_hospital,
            data={
                "began_on": week.at(-1, time(11)).date(),
                "symptoms": "Sesak napas setelah kegiatan olahraga.",
                "action_taken": "Dibawa ke IGD, dirawat inap untuk observasi.",
                "referred_to": "hospital",
                "referral_place": "RSUD Raden Mattaher",
                "in_hospital": True,
            },
        )


def _seed_incident(week: DemoWeek) -> None:
    fighters = [s for s in week.fighters if s is not None]
    if not fighters:
        return
    reporter = _worker_of(fighters[0])
    incident = report_incident(
        by=reporter,
        centre=week.centre,
        data={
            "occurred_at": week.at(-1, time(16, 20)),
            "place": "Lapangan olahraga",
            "kind": "fight",
            "severity": "moderate",
            "description": (
                "Dua penghuni berkelahi saat bermain sepak bola; satu luka lecet di siku."
            ),
            "immediate_action": (
                "Dipisahkan oleh petugas piket, luka dibersihkan, keduanya ditenangkan."
            ),
        },
        residents=fighters,
        staff=[reporter],
    )
    Incident.objects.filter(pk=incident.pk).update(reported_at=week.at(-1, time(16, 45)))
    incident.refresh_from_db()
    record_notice(
        by=week.supervisor, incident=incident, to="supervisor", at=week.at(-1, time(17, 5))
    )
    add_incident_follow_up(
        by=week.supervisor,
        incident=incident,
        data={
            "action": "Mediasi kedua penghuni bersama pekerja sosial",
            "responsible": reporter,
            "due_on": week.today + timedelta(days=2),
        },
    )


def _seed_visits(week: DemoWeek) -> None:
    if week.restricted:
        restrict_visits(
            by=week.supervisor,
            stay=week.restricted,
            data={
                "person_name": "Hendra",
                "reason": (
                    "Ayah tiri, terduga pelaku kekerasan. Jangan izinkan masuk; hubungi supervisor."
                ),
                "order_reference": "Penetapan PN Jambi No. 12/Pdt.P/2026",
                "valid_from": week.today - timedelta(days=20),
            },
        )
    residents = list(
        Stay.objects.filter(centre=week.centre).current().select_related("case__primary_worker")[:3]
    )
    visitors = [("Ibu Rohani", "Ibu"), ("Bapak Syamsul", "Paman"), ("Siti Aminah", "Kakak")]
    for offset, (stay, (name, relation)) in enumerate(zip(residents, visitors, strict=False)):
        arrived = week.at(-offset - 1, time(10, 0))
        visit = record_visit(
            by=_worker_of(stay),
            stay=stay,
            data={
                "visitor_name": name,
                "relationship": relation,
                "identity_shown": "KTP",
                "arrived_at": arrived,
                "met_with": "Pekerja sosial",
                "supervised_by": _worker_of(stay),
            },
        )
        Visit.objects.filter(pk=visit.pk).update(left_at=arrived + timedelta(hours=1, minutes=15))


def _seed_handovers(week: DemoWeek) -> None:
    notes = {
        Shift.MORNING: (
            "Apel pagi lengkap. Kegiatan kelas berjalan. Satu penghuni demam, istirahat di kamar."
        ),
        Shift.AFTERNOON: (
            "Olahraga sore; satu perkelahian kecil sudah ditangani. Apel malam sudah dilaksanakan."
        ),
        Shift.NIGHT: "Malam tenang. Pintu utama dikunci pukul 21.00. Tidak ada kejadian.",
    }
    headcount = Stay.objects.filter(centre=week.centre).current().count()
    for days in (-2, -1):
        for index, (shift, note) in enumerate(notes.items()):
            written = write_handover(
                by=week.workers[index % len(week.workers)],
                centre=week.centre,
                data={
                    "date": week.today + timedelta(days=days),
                    "shift": shift,
                    "headcount": headcount,
                    "handover_note": note,
                },
                staff=week.workers[: 1 + index % 2],
            )
            DutyShift.objects.filter(pk=written.pk).update(
                written_at=week.at(days, [time(14), time(21), time(23, 55)][index])
            )
