"""A form sent twice changes things once: every create form and action button carries a
one-time submission key (sentra.middleware.OneSubmissionMiddleware), claimed by a
database constraint, and the second submission lands on the first one's result.

`test_every_url_is_classified` makes a new URL pick its side: a create form or action
joins SUBMITTED_TWICE, an edit form the conflict test, a page that only reads READS.
"""

import io
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client as HttpClient
from django.urls import get_resolver, reverse
from django.utils import timezone
from PIL import Image

from activities.models import (
    Activity,
    ActivityKind,
    ActivityPhoto,
    BusinessPractice,
    Certificate,
    Course,
    Enrolment,
    Module,
    ScheduleSlot,
    StarterPackage,
)
from activities.services.completion import issue_certificate
from activities.services.courses import record_final_result
from activities.services.schedule import save_slot
from assessments.models import Assessment, Contributor, Instrument
from casework.models import (
    Case,
    CaseNote,
    Conference,
    ConferenceAmendment,
    ConferenceAttendee,
    FollowUp,
    Group,
    GroupSession,
    MonitoringReview,
    Partner,
    PlanVersion,
    PlanView,
    Referral,
    ServiceRecord,
    ServiceType,
    StageMove,
    Task,
    Termination,
)
from casework.services.aftercare import schedule_follow_up
from casework.services.conferences import finalise_conference, save_minutes, schedule_conference
from casework.services.notes import add_note
from casework.services.plans import start_plan_version, submit_plan
from casework.services.referrals import create_referral
from clients.models import (
    AssistanceReceived,
    Client,
    ClientDocument,
    Consent,
    FamilyMember,
    FamilyTracingAttempt,
    PPKSCategory,
    ProcessingRestriction,
)
from privacy.models import BreachIncident, SubjectAccessRequest
from reports.models import Letter, ReportRun
from residence.models import (
    AbscondingAction,
    AbscondingReport,
    Bed,
    Belonging,
    Building,
    DutyShift,
    HealthCheck,
    Incident,
    IncidentFollowUp,
    LeaveRequest,
    MedicationDose,
    RollCall,
    Room,
    RoomMove,
    SicknessEntry,
    Stay,
    Visit,
    VisitRestriction,
)
from residence.services.absconding import report_absconding
from residence.services.health import record_sickness
from residence.services.incidents import add_incident_follow_up, report_incident
from residence.services.leave import decide_leave, record_departure, request_leave
from residence.services.stays import move_in
from residence.services.visits import record_visit, restrict_visits
from sentra.middleware import REPEAT_HEADER, SUBMISSION_FIELD
from sentra.models import AuditEvent, SubmissionKey, User
from tests.activities.conftest import kind, log_activity, make_course
from tests.factories import ClientFactory, submitted_assessment
from tests.residence.conftest import beds_of, make_building

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class Submission:
    user: object
    url: str
    data: Callable[[], dict]  # fresh each time (an upload is read once)
    made: Callable[[], int]  # how many of the records it creates exist


def _in_monitoring(s):
    Case.objects.filter(pk=s["case"].pk).update(stage="monitoring")
    s["case"].refresh_from_db()
    return s["case"]


def _case_url(name, s):
    return reverse(f"casework:{name}", args=[s["case"].public_id])


def _client_url(name, s):
    return reverse(f"clients:{name}", args=[s["case"].client.public_id])


SUBMITTED_TWICE: dict[str, Callable[[dict], Submission]] = {
    "clients:register": lambda s: Submission(
        s["worker"],
        reverse("clients:register"),
        lambda: {"full_name": "Ahmad Yani Saputra", "sex": "L", "confirm_different": "on"},
        Client.objects.count,
    ),
    "clients:family-add": lambda s: Submission(
        s["worker"],
        _client_url("family-add", s),
        lambda: {"name": "Sri Wahyuni", "relationship": "mother"},
        FamilyMember.objects.count,
    ),
    "clients:assistance-add": lambda s: Submission(
        s["worker"],
        _client_url("assistance-add", s),
        lambda: {"programme": "pkh", "period_start": "2025-01-01", "amount": "750000"},
        AssistanceReceived.objects.count,
    ),
    "clients:tracing-add": lambda s: Submission(
        s["worker"],
        _client_url("tracing-add", s),
        lambda: {
            "attempted_on": timezone.localdate().isoformat(),
            "method": "Kunjungan ke kepala desa",
            "result": "Keluarga belum ditemukan",
            "status_after": "searching",
        },
        FamilyTracingAttempt.objects.count,
    ),
    "clients:document-add": lambda s: Submission(
        s["worker"],
        _client_url("document-add", s),
        lambda: {"kind": "photo", "file": SimpleUploadedFile("foto.png", png_bytes())},
        ClientDocument.objects.count,
    ),
    "clients:consent-add": lambda s: Submission(
        s["worker"],
        _client_url("consent-add", s),
        lambda: {
            "purpose": "photographs",
            "given_by": "client",
            "given_on": timezone.localdate().isoformat(),
        },
        Consent.objects.count,
    ),
    "clients:categories": lambda s: Submission(
        s["admin"],
        reverse("clients:categories"),
        lambda: {"code": "korban_banjir", "name_id": "Korban banjir", "name_en": "Flood victim"},
        PPKSCategory.objects.count,
    ),
    "casework:case-open": lambda s: Submission(
        s["worker"],
        reverse(
            "casework:case-open",
            args=[ClientFactory(centre=s["centre"], registered_by=s["worker"]).public_id],
        ),
        lambda: {
            "access_route": "walk_in",
            "approaches": ["residential"],
            "problem_statement": "Datang sendiri meminta bantuan.",
            "priority": "medium",
            "primary_worker": s["worker"].pk,
            "supervisor": s["supervisor"].pk,
        },
        Case.objects.count,
    ),
    "casework:note-add": lambda s: Submission(
        s["worker"],
        _case_url("note-add", s),
        lambda: {
            "kind": "phone",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "narrative": "Menelepon keluarga.",
        },
        CaseNote.objects.count,
    ),
    "casework:task-add": lambda s: Submission(
        s["worker"],
        _case_url("task-add", s),
        lambda: {
            "title": "Antar ke puskesmas",
            "due_date": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "assignee": s["worker"].pk,
        },
        Task.objects.count,
    ),
    "casework:plan-start": lambda s: Submission(
        s["worker"], _case_url("plan-start", s), dict, PlanVersion.objects.count
    ),
    "casework:case-services": lambda s: Submission(
        s["worker"],
        _case_url("case-services", s),
        lambda: {
            "service_type": ServiceType.objects.get(code="counselling", centre=None).pk,
            "delivered_on": timezone.localdate().isoformat(),
            "provider_staff": s["worker"].pk,
        },
        ServiceRecord.objects.count,
    ),
    "casework:case-referrals": lambda s: Submission(
        s["worker"],
        _case_url("case-referrals", s),
        lambda: {
            "partner": Partner.objects.get_or_create(
                centre=s["centre"], name="RSUD Raden Mattaher", kind="hospital"
            )[0].pk,
            "reason": "Pemeriksaan kesehatan",
            "services_requested": "Rawat jalan",
        },
        Referral.objects.count,
    ),
    "casework:case-monitoring": lambda s: Submission(
        s["worker"],
        reverse("casework:case-monitoring", args=[_in_monitoring(s).public_id]),
        lambda: {"reviewed_on": timezone.localdate().isoformat(), "decision": "continue"},
        MonitoringReview.objects.count,
    ),
    "casework:case-termination": lambda s: Submission(
        s["worker"],
        reverse("casework:case-termination", args=[_in_monitoring(s).public_id]),
        lambda: {"reason": "reunified", "outcome_summary": "Kembali ke keluarga."},
        Termination.objects.count,
    ),
    "casework:case-aftercare": lambda s: Submission(
        s["worker"],
        _case_url("case-aftercare", s),
        lambda: {
            "due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "mode": "phone",
            "assignee": s["worker"].pk,
        },
        FollowUp.objects.count,
    ),
    "casework:group-create": lambda s: Submission(
        s["worker"],
        reverse("casework:group-create"),
        lambda: {
            "name": "Kelompok keterampilan",
            "kind": "educational",
            "purpose": "Belajar menjahit",
            "facilitator": s["worker"].pk,
            "service_type": ServiceType.objects.get(code="counselling", centre=None).pk,
            "members": [s["case"].pk],
        },
        Group.objects.count,
    ),
    "casework:group-detail": lambda s: Submission(
        s["worker"],
        reverse("casework:group-detail", args=[_group(s).public_id]),
        lambda: {
            "held_on": timezone.localdate().isoformat(),
            "stage": "working",
            "topic": "Pola dasar",
            "present": [s["case"].pk],
        },
        GroupSession.objects.count,
    ),
    "casework:partner-list": lambda s: Submission(
        s["admin"],
        reverse("casework:partner-list"),
        lambda: {"name": "Polsek Telanaipura", "kind": "police"},
        Partner.objects.count,
    ),
    "casework:service-type-list": lambda s: Submission(
        s["admin"],
        reverse("casework:service-type-list"),
        lambda: {
            "component": "vocational",
            "code": "kursus_las",
            "name_id": "Kursus las",
            "name_en": "Welding course",
        },
        ServiceType.objects.count,
    ),
    "casework:conference-schedule": lambda s: Submission(
        s["supervisor"],
        reverse("casework:conference-schedule"),
        lambda: {
            "kind": "case",
            "scheduled_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "place": "Aula",
            "cases": [s["case"].pk],
            "staff": [s["worker"].pk],
        },
        Conference.objects.count,
    ),
    "casework:conference-add-external": lambda s: Submission(
        s["supervisor"],
        reverse("casework:conference-add-external", args=[_conference(s).public_id]),
        lambda: {"external-name": "dr. Andi", "external-profession": "Dokter"},
        ConferenceAttendee.objects.count,
    ),
    "casework:conference-amend": lambda s: Submission(
        s["supervisor"],
        reverse("casework:conference-amend", args=[_conference(s, final=True).public_id]),
        lambda: {"text": "Koreksi: nama psikolog."},
        ConferenceAmendment.objects.count,
    ),
    "casework:case-move": lambda s: Submission(
        s["worker"],
        _case_url("case-move", s),
        lambda: {"to_stage": "engagement", "reason": "Sepakat menerima layanan"},
        StageMove.objects.count,
    ),
    "casework:review-decide": lambda s: Submission(
        s["supervisor"],
        reverse("casework:review-decide", args=[_pending_review(s).public_id]),
        lambda: {"decision": "approve"},
        lambda: AuditEvent.objects.filter(object_type="casework.review").count(),
    ),
    "casework:referral-move": lambda s: Submission(
        s["worker"],
        reverse("casework:referral-move", args=[_referral(s).public_id]),
        lambda: {f"{_referral(s).pk}-to_status": "cancelled"},
        lambda: AuditEvent.objects.filter(object_type="casework.referral").count(),
    ),
    "casework:follow-up-done": lambda s: Submission(
        s["worker"],
        reverse("casework:follow-up-done", args=[_follow_up(s).public_id]),
        lambda: {"outcome": "Sehat dan bekerja."},
        lambda: AuditEvent.objects.filter(object_type="casework.followup").count(),
    ),
    "casework:task-done": lambda s: Submission(
        s["worker"],
        reverse("casework:task-done", args=[s["case"].public_id, _task(s).public_id]),
        dict,
        lambda: AuditEvent.objects.filter(object_type="casework.task").count(),
    ),
    "assessments:start": lambda s: Submission(
        s["worker"],
        reverse("assessments:start", args=[s["case"].public_id]),
        lambda: {"instrument": Instrument.objects.published().get(kind="rapid").pk},
        Assessment.objects.count,
    ),
    "assessments:contributor-add": lambda s: Submission(
        s["worker"],
        reverse(
            "assessments:contributor-add",
            args=[submitted_assessment(s["case"], "rapid", s["worker"]).public_id],
        ),
        lambda: {
            "name": "Dewi Lestari, M.Psi.",
            "profession": "psychologist",
            "sections": [
                Instrument.objects.published().get(kind="rapid").definition["sections"][0]["key"]
            ],
        },
        Contributor.objects.count,
    ),
    "assessments:amend": lambda s: Submission(
        s["worker"],
        reverse(
            "assessments:amend",
            args=[submitted_assessment(s["case"], "rapid", s["worker"]).public_id],
        ),
        dict,
        Assessment.objects.count,
    ),
    "reports:request-case": lambda s: Submission(
        s["worker"],
        reverse("reports:request-case", args=[s["case"].public_id]),
        lambda: {"include_notes": "on"},
        ReportRun.objects.count,
    ),
    "reports:list": lambda s: Submission(
        s["admin"],
        reverse("reports:list"),
        lambda: {"month": "2026-01", "kind": "monthly_csv"},
        ReportRun.objects.count,
    ),
    "activities:create": lambda s: Submission(
        s["worker"],
        reverse("activities:create"),
        lambda: {
            "kind": kind("social_education").pk,
            "held_on": timezone.localdate().isoformat(),
            "starts_at": "09:00",
            "facilitator_name": "Bripka Sari",
            "facilitator_role": "speaker",
            "topic": "Bahaya narkoba",
        },
        Activity.objects.count,
    ),
    "activities:photo-add": lambda s: Submission(
        s["worker"],
        reverse("activities:photo-add", args=[_activity(s).public_id]),
        lambda: {"photo": SimpleUploadedFile("apel.png", png_bytes()), "caption": "Apel pagi"},
        ActivityPhoto.objects.count,
    ),
    "activities:slot-create": lambda s: Submission(
        s["supervisor"],
        reverse("activities:slot-create"),
        lambda: {
            "kind": kind("religious_guidance").pk,
            "title": "Bimbingan agama",
            "weekdays": ["1", "4"],
            "starts_at": "18:30",
            "facilitator_name": "Ustaz Ahmad Fauzi",
            "valid_from": "2026-01-01",
            "is_active": "on",
        },
        ScheduleSlot.objects.count,
    ),
    "activities:session": lambda s: Submission(
        s["worker"],
        reverse("activities:session", args=[_slot(s).public_id, timezone.localdate()]),
        lambda: {"session-facilitator_staff": s["worker"].pk, f"case-{s['case'].pk}": "present"},
        Activity.objects.count,
    ),
    "activities:kind-list": lambda s: Submission(
        s["admin"],
        reverse("activities:kind-list"),
        lambda: {
            "code": "senam_pagi",
            "name_id": "Senam pagi",
            "name_en": "Morning exercise",
            "is_active": "on",
        },
        ActivityKind.objects.count,
    ),
    "activities:course-create": lambda s: Submission(
        s["worker"],
        reverse("activities:course-create"),
        lambda: {
            "skill": "salon",
            "title": "Kursus Salon",
            "instructor_name": "Ibu Rosmaini",
            "starts_on": "2026-03-01",
            "ends_on": "2026-05-31",
            "capacity": "10",
        },
        Course.objects.count,
    ),
    "activities:module-add": lambda s: Submission(
        s["worker"],
        reverse("activities:module-add", args=[_course(s).public_id]),
        lambda: {"title": "Menjahit kemeja", "hours": "12"},
        Module.objects.count,
    ),
    "activities:course-enrol": lambda s: Submission(
        s["worker"],
        reverse("activities:course-enrol", args=[_course(s).public_id]),
        lambda: {"cases": [s["case"].pk]},
        Enrolment.objects.count,
    ),
    "activities:course-session": lambda s: Submission(
        s["worker"],
        reverse("activities:course-session", args=[_course(s).public_id]),
        lambda: {
            "held_on": timezone.localdate().isoformat(),
            "starts_at": "08:00",
            "topic": "Pola dasar",
        },
        Activity.objects.count,
    ),
    "activities:participant-withdraw": lambda s: Submission(
        s["worker"],
        reverse("activities:participant-withdraw", args=[_enrolment(s).public_id]),
        lambda: {"reason": "Pulang ke keluarga"},
        lambda: AuditEvent.objects.filter(object_type="activities.enrolment").count(),
    ),
    "activities:participant-certificate": lambda s: Submission(
        s["worker"],
        reverse("activities:participant-certificate", args=[_enrolment(s, "competent").public_id]),
        lambda: {
            "issued_on": timezone.localdate().isoformat(),
            "signatory_name": "Drs. H. Syamsul Bahri",
            "signatory_position": "Kepala Sentra",
        },
        Certificate.objects.count,
    ),
    "activities:participant-package": lambda s: Submission(
        s["worker"],
        reverse("activities:participant-package", args=[_enrolment(s, "competent").public_id]),
        lambda: {
            "kind": "tools",
            "items": "Mesin jahit",
            "amount": "1500000",
            "given_on": timezone.localdate().isoformat(),
            "service_type": ServiceType.objects.get(code="business_capital", centre=None).pk,
        },
        StarterPackage.objects.count,
    ),
    "activities:participant-practice": lambda s: Submission(
        s["worker"],
        reverse("activities:participant-practice", args=[_enrolment(s).public_id]),
        lambda: {
            "practised_on": timezone.localdate().isoformat(),
            "description": "Hari salon terbuka",
            "customers": "7",
            "takings": "175000",
        },
        BusinessPractice.objects.count,
    ),
    "casework:plan-view-add": lambda s: Submission(
        s["worker"],
        reverse(
            "casework:plan-view-add",
            args=[start_plan_version(by=s["worker"], case=s["case"]).public_id],
        ),
        lambda: {
            "speaker": "child" if s["case"].client.is_child else "client",
            "agreement": "agreed",
            "in_their_words": "Saya setuju dengan rencana ini.",
            "recorded_on": timezone.localdate().isoformat(),
        },
        PlanView.objects.count,
    ),
    "casework:conference-add-person": lambda s: Submission(
        s["supervisor"],
        reverse("casework:conference-add-person", args=[_conference(s).public_id]),
        lambda: {"person": f"client:{s['case'].client.pk}"},
        ConferenceAttendee.objects.count,
    ),
    "reports:request-certificate": lambda s: Submission(
        s["worker"],
        reverse("reports:request-certificate", args=[_certificate(s).public_id]),
        dict,
        ReportRun.objects.count,
    ),
    "staff-create": lambda s: Submission(
        s["admin"],
        reverse("staff-create"),
        lambda: {
            "username": "peksos_baru",
            "full_name": "Peksos Baru",
            "email": "baru@sentra.example",
            "role": "social_worker",
            "password": "kata-sandi-panjang-2026",
        },
        User.objects.count,
    ),
    # --- Residence ---------------------------------------------------------------------------
    "residence:places": lambda s: Submission(
        s["admin"],
        reverse("residence:places"),
        lambda: {"name": "Wisma Mawar", "sex": "P", "age_group": "adults", "status": "in_use"},
        Building.objects.count,
    ),
    "residence:building": lambda s: Submission(  # adding a room (the building form is an edit)
        s["admin"],
        reverse("residence:building", args=[_wisma(s).public_id]),
        lambda: {"room": "1", "room-name": "Kamar 9", "room-status": "in_use", "room-add_beds": 2},
        Room.objects.count,
    ),
    "residence:bed-status": lambda s: Submission(
        s["admin"],
        reverse("residence:bed-status", args=[_beds(s)[1].public_id]),
        lambda: {"status": "under_repair"},
        Bed.objects.filter(status="under_repair").count,
    ),
    "residence:move-in": lambda s: Submission(
        s["worker"],
        reverse("residence:move-in", args=[s["case"].public_id]),
        lambda: {
            "bed": _beds(s)[0].pk,
            "moved_in_on": timezone.localdate().isoformat(),
            "belongings": "1 tas ransel",
        },
        Stay.objects.count,
    ),
    "residence:room-move": lambda s: Submission(
        s["worker"],
        _stay_url("room-move", s),
        lambda: {
            "to_bed": _beds(s)[1].pk,
            "moved_on": timezone.localdate().isoformat(),
            "reason": "Dekat kamar mandi",
        },
        RoomMove.objects.count,
    ),
    "residence:move-out": lambda s: Submission(
        s["worker"],
        _stay_url("move-out", s),
        lambda: {
            "moved_out_on": timezone.localdate().isoformat(),
            "reason": "returned_to_family",
            "belongings_returned_to": "Ibu Sumarni",
        },
        Stay.objects.filter(moved_out_on__isnull=False).count,
    ),
    "residence:belonging-add": lambda s: Submission(
        s["worker"],
        _stay_url("belonging-add", s),
        lambda: {"description": "Sarung", "quantity": 1},
        Belonging.objects.count,
    ),
    "residence:leave-request": lambda s: Submission(
        s["worker"],
        _stay_url("leave-request", s),
        lambda: {
            "kind": "home",
            "leaves_at": _moment(hours=1),
            "due_back_at": _moment(hours=30),
            "destination": "Kota Jambi",
            "accompanied_by": "Ibu Sumarni (bibi)",
        },
        LeaveRequest.objects.count,
    ),
    "residence:leave-decide": lambda s: Submission(
        s["supervisor"],
        reverse("residence:leave-decide", args=[_leave(s).public_id]),
        lambda: {"decision": "approve"},
        LeaveRequest.objects.filter(status="approved").count,
    ),
    "residence:leave-depart": lambda s: Submission(
        s["worker"],
        reverse("residence:leave-depart", args=[_leave(s, approved=True).public_id]),
        dict,
        LeaveRequest.objects.filter(departed_at__isnull=False).count,
    ),
    "residence:leave-return": lambda s: Submission(
        s["worker"],
        reverse("residence:leave-return", args=[_leave(s, departed=True).public_id]),
        dict,
        LeaveRequest.objects.filter(returned_at__isnull=False).count,
    ),
    "residence:leave-cancel": lambda s: Submission(
        s["worker"],
        reverse("residence:leave-cancel", args=[_leave(s).public_id]),
        dict,
        LeaveRequest.objects.filter(status="cancelled").count,
    ),
    "residence:visit-add": lambda s: Submission(
        s["worker"],
        _stay_url("visit-add", s),
        lambda: {"visitor_name": "Ibu Sumarni", "relationship": "Bibi", "arrived_at": _moment()},
        Visit.objects.count,
    ),
    "residence:visit-end": lambda s: Submission(
        s["worker"],
        reverse(
            "residence:visit-end",
            args=[
                record_visit(
                    by=s["worker"],
                    stay=_stay(s),
                    data={"visitor_name": "Pak Budi", "relationship": "Paman"},
                ).public_id
            ],
        ),
        dict,
        Visit.objects.filter(left_at__isnull=False).count,
    ),
    "residence:restriction-add": lambda s: Submission(
        s["worker"],
        _stay_url("restriction-add", s),
        lambda: {
            "person_name": "Hendra",
            "reason": "Perintah perlindungan anak",
            "valid_from": timezone.localdate().isoformat(),
        },
        VisitRestriction.objects.count,
    ),
    "residence:restriction-lift": lambda s: Submission(
        s["supervisor"],
        reverse(
            "residence:restriction-lift",
            args=[
                restrict_visits(
                    by=s["worker"], stay=_stay(s), data={"reason": "Tidak boleh dikunjungi"}
                ).public_id
            ],
        ),
        dict,
        VisitRestriction.objects.filter(lifted_on__isnull=False).count,
    ),
    "residence:absconding-new": lambda s: Submission(
        s["worker"],
        _stay_url("absconding-new", s),
        lambda: {
            "last_seen_at": _moment(hours=-2),
            "last_seen_where": "Kamar",
            "circumstances": "Tidak ada di kamar saat apel.",
        },
        AbscondingReport.objects.count,
    ),
    "residence:absconding": lambda s: Submission(
        s["worker"],
        reverse("residence:absconding", args=[_absconding(s).public_id]),
        lambda: {"kind": "family", "done_at": _moment(), "detail": "Ibu diberi tahu lewat telepon"},
        AbscondingAction.objects.count,
    ),
    "residence:absconding-end": lambda s: Submission(
        s["worker"],
        reverse("residence:absconding-end", args=[_absconding(s).public_id]),
        lambda: {"outcome": "returned", "note": "Pulang sendiri"},
        AbscondingReport.objects.filter(status="returned").count,
    ),
    "residence:health-check-add": lambda s: Submission(
        s["worker"],
        _stay_url("health-check-add", s),
        lambda: {
            "check-kind": "routine",
            "check-checked_on": timezone.localdate().isoformat(),
            "check-weight_kg": "50",
        },
        HealthCheck.objects.count,
    ),
    "residence:sickness-add": lambda s: Submission(
        s["worker"],
        _stay_url("sickness-add", s),
        lambda: {
            "sickness-began_on": timezone.localdate().isoformat(),
            "sickness-symptoms": "Demam",
            "sickness-action_taken": "Istirahat, parasetamol",
            "sickness-referred_to": "none",
        },
        SicknessEntry.objects.count,
    ),
    "residence:medication-add": lambda s: Submission(
        s["worker"],
        _stay_url("medication-add", s),
        lambda: {
            "dose-medicine": "Parasetamol",
            "dose-dose": "1 tablet",
            "dose-given_at": _moment(),
        },
        MedicationDose.objects.count,
    ),
    "residence:sickness-recovered": lambda s: Submission(
        s["worker"],
        reverse(
            "residence:sickness-recovered",
            args=[
                record_sickness(
                    by=s["worker"],
                    stay=_stay(s),
                    data={"symptoms": "Batuk", "action_taken": "Istirahat"},
                ).public_id
            ],
        ),
        dict,
        SicknessEntry.objects.filter(recovered_on__isnull=False).count,
    ),
    "residence:incident-new": lambda s: Submission(
        s["worker"],
        reverse("residence:incident-new"),
        lambda: {
            "occurred_at": _moment(hours=-1),
            "place": "Kamar",
            "kind": "fight",
            "severity": "minor",
            "description": "Perkelahian kecil",
            "immediate_action": "Dipisahkan",
            "residents": [_stay(s).pk],
        },
        Incident.objects.count,
    ),
    "residence:incident": lambda s: Submission(
        s["worker"],
        reverse("residence:incident", args=[_incident(s).public_id]),
        lambda: {
            "action": "Mediasi",
            "responsible": s["worker"].pk,
            "due_on": timezone.localdate().isoformat(),
        },
        IncidentFollowUp.objects.count,
    ),
    "residence:incident-notice": lambda s: Submission(
        s["supervisor"],
        reverse("residence:incident-notice", args=[_incident(s).public_id]),
        lambda: {"to": "supervisor"},
        Incident.objects.filter(supervisor_notified_at__isnull=False).count,
    ),
    "residence:incident-follow-up-done": lambda s: Submission(
        s["worker"],
        reverse(
            "residence:incident-follow-up-done",
            args=[
                _incident(s).public_id,
                add_incident_follow_up(
                    by=s["worker"],
                    incident=_incident(s),
                    data={
                        "action": "Mediasi",
                        "responsible": s["worker"],
                        "due_on": timezone.localdate(),
                    },
                ).public_id,
            ],
        ),
        dict,
        IncidentFollowUp.objects.filter(done_on__isnull=False).count,
    ),
    "residence:incident-close": lambda s: Submission(
        s["supervisor"],
        reverse("residence:incident-close", args=[_incident(s).public_id]),
        lambda: {"note": "Sudah dimediasi."},
        Incident.objects.filter(status="closed").count,
    ),
    "residence:roll-call": lambda s: Submission(  # taking it (correcting it is an edit)
        s["worker"],
        reverse("residence:roll-call", args=[timezone.localdate().isoformat(), "evening"]),
        lambda: {f"r{_stay(s).pk}-presence": "present"},
        RollCall.objects.count,
    ),
    "residence:duty": lambda s: Submission(
        s["worker"],
        reverse("residence:duty"),
        lambda: {
            "date": timezone.localdate().isoformat(),
            "shift": "morning",
            "staff": [s["worker"].pk],
            "headcount": 1,
            "handover_note": "Semua aman.",
        },
        DutyShift.objects.count,
    ),
    "reports:case-letters": lambda s: Submission(
        s["worker"],
        reverse("reports:case-letters", args=[s["case"].public_id]),
        lambda: {"kind": "admission"},
        Letter.objects.count,
    ),
}


def _group(s):
    group = Group(
        centre=s["centre"],
        name="Kelas menjahit",
        kind="educational",
        purpose="Menjahit",
        facilitator=s["worker"],
        service_type=ServiceType.objects.get(code="counselling", centre=None),
    )
    group.save()
    group.members.set([s["case"]])
    return group


def _conference(s, final=False):
    conference = schedule_conference(
        by=s["supervisor"],
        data={"kind": "case", "scheduled_at": timezone.now(), "place": "Aula"},
        cases=[s["case"]],
        staff=[s["worker"]],
    )
    if final:
        save_minutes(by=s["supervisor"], conference=conference, minutes="Dibahas.", decisions={})
        finalise_conference(by=s["supervisor"], conference=conference)
    return conference


def _pending_review(s):
    plan = start_plan_version(by=s["worker"], case=s["case"])
    plan.goals.create(
        problem="Tidak punya KTP",
        goal="Memiliki KTP",
        component="decent_living",
        activities="Ke Dukcapil",
        responsible_staff=s["worker"],
        target_date=timezone.localdate() + timedelta(days=30),
        indicator="KTP terbit",
    )
    return submit_plan(by=s["worker"], plan=plan)


def _referral(s):
    if "referral" not in s:
        partner = Partner.objects.create(centre=s["centre"], name="LKS Peduli", kind="lks")
        s["referral"] = create_referral(
            by=s["worker"],
            case=s["case"],
            data={"partner": partner, "reason": "Pendampingan", "services_requested": "Konseling"},
        )
    return s["referral"]


def _follow_up(s):
    return schedule_follow_up(
        by=s["worker"],
        case=s["case"],
        data={"due_on": timezone.localdate(), "mode": "visit", "assignee": s["worker"]},
    )


def _task(s):
    return s["case"].tasks.create(
        title="Hubungi keluarga",
        due_date=timezone.localdate(),
        assignee=s["worker"],
        created_by=s["worker"],
    )


def _activity(s):
    if "activity" not in s:
        s["activity"] = log_activity(s["worker"])
    return s["activity"]


def _slot(s):
    return save_slot(
        by=s["supervisor"],
        slot=ScheduleSlot(
            centre=s["centre"],
            kind=kind("morning_meeting"),
            starts_at="06:30",
            valid_from=timezone.localdate() - timedelta(days=7),
        ),
        fields=[],
    )


def _course(s):
    if "course" not in s:
        s["course"] = make_course(s["worker"])
    return s["course"]


def _enrolment(s, result=None):
    """The case in a course; with `result`, finished with it (the case in a stage that may
    receive the starter package's service)."""
    enrolment = make_course(s["worker"], [s["case"]]).enrolments.get()
    if result:
        _in_monitoring(s)
        record_final_result(by=s["worker"], enrolment=enrolment, result=result)
    return enrolment


def _certificate(s):
    return issue_certificate(
        by=s["worker"],
        enrolment=_enrolment(s, "competent"),
        data={
            "issued_on": timezone.localdate(),
            "signatory_name": "Drs. H. Syamsul Bahri",
            "signatory_position": "Kepala Sentra",
        },
    )


def _moment(hours=0):
    """A time as a datetime-local field sends it, `hours` from now."""
    return (timezone.localtime() + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def _wisma(s):
    """A men's wisma with one room of four beds; the case's client an adult man."""
    if "wisma" not in s:
        s["wisma"] = make_building(s["centre"], s["admin"])
        Client.objects.filter(pk=s["case"].client_id).update(birth_date=date(1990, 5, 17))
    return s["wisma"]


def _beds(s):
    return beds_of(_wisma(s))


def _stay(s):
    """The case's client living in bed A since ten days."""
    if "stay" not in s:
        s["stay"] = move_in(
            by=s["worker"],
            case=s["case"],
            bed=_beds(s)[0],
            moved_in_on=timezone.localdate() - timedelta(days=10),
        )
    return s["stay"]


def _stay_url(name, s):
    return reverse(f"residence:{name}", args=[_stay(s).public_id])


def _leave(s, approved=False, departed=False):
    now = timezone.now()
    leave = request_leave(
        by=s["worker"],
        stay=_stay(s),
        data={
            "kind": "home",
            "leaves_at": now - timedelta(hours=1),
            "due_back_at": now + timedelta(days=1),
            "destination": "Kota Jambi",
        },
    )
    if approved or departed:
        leave = decide_leave(by=s["supervisor"], leave=leave, approve=True)
    if departed:
        leave = record_departure(by=s["worker"], leave=leave)
    return leave


def _absconding(s):
    if "absconding" not in s:
        s["absconding"] = report_absconding(
            by=s["worker"],
            stay=_stay(s),
            data={
                "last_seen_at": timezone.now() - timedelta(hours=3),
                "circumstances": "Tidak ada di kamar",
            },
        )
    return s["absconding"]


def _incident(s):
    if "incident" not in s:
        s["incident"] = report_incident(
            by=s["worker"],
            centre=s["centre"],
            data={
                "occurred_at": timezone.now() - timedelta(hours=1),
                "place": "Kamar",
                "kind": "fight",
                "severity": "minor",
                "description": "Perkelahian",
                "immediate_action": "Dipisahkan",
            },
            residents=[_stay(s)],
            staff=[],
        )
    return s["incident"]


def _privacy_url(name, s):
    return reverse(f"privacy:{name}", args=[s["case"].client.public_id])


SUBMITTED_TWICE.update(
    {
        "privacy:restriction-add": lambda s: Submission(
            s["worker"],
            _privacy_url("restriction-add", s),
            lambda: {
                "kind": "objection",
                "requested_on": timezone.localdate().isoformat(),
                "reason": "Tidak mau datanya dipakai untuk statistik.",
            },
            ProcessingRestriction.objects.count,
        ),
        "privacy:request-add": lambda s: Submission(
            s["worker"],
            _privacy_url("request-add", s),
            lambda: {"asked_by": "Klien sendiri", "asked_on": timezone.localdate().isoformat()},
            SubjectAccessRequest.objects.count,
        ),
        "privacy:breach-create": lambda s: Submission(
            s["admin"],
            reverse("privacy:breach-create"),
            lambda: {
                "title": "Map kasus tertinggal",
                "description": "Map tertinggal di ruang tunggu.",
                "data_affected": "Nama, alamat",
                "subjects_affected": "Satu klien",
                "people_affected": "1",
                "discovered_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            },
            BreachIncident.objects.count,
        ),
    }
)


# Changes that are neither a create form nor an action: edit forms (the conflict test walks
# them; their submission keys work the same way) and POSTs that change nothing durable.
EDITS = {
    "clients:edit",
    "clients:family-edit",
    "clients:national-edit",
    "clients:assistance-edit",
    "casework:case-edit",
    "casework:note-edit",
    "casework:plan-edit",
    "casework:conference-detail",
    "casework:partner-edit",
    "assessments:detail",
    "staff-edit",
    "centre-settings",
    "residence:building",  # and adding a room: in SUBMITTED_TWICE
    "residence:room",
    "residence:routine",
    "residence:roll-call",  # correcting it; taking it is in SUBMITTED_TWICE
    "activities:edit",
    "activities:attendance",
    "activities:slot-edit",
    "activities:kind-edit",
    "activities:course-edit",
    "activities:module-evaluate",
    "activities:participant-result",
    "privacy:retention",
    "privacy:breach-edit",
}
# Actions that set a state and are harmless to repeat (the second finds it already set).
IDEMPOTENT_ACTIONS = {
    "clients:archive",
    "clients:restore",
    "clients:family-archive",
    "clients:assistance-archive",
    "clients:document-archive",
    "clients:consent-withdraw",
    "clients:search-clear",
    "clients:list",  # the search: its result ids kept in the session, nothing stored
    "casework:case-reassign",
    "assessments:instrument-publish",
    "assessments:instrument-retire",
    "assessments:instrument-list",  # importing the same definition twice is refused
    "reports:run-regenerate",
    "staff-password",
    "activities:photo-archive",
    "privacy:restriction-lift",
    "privacy:request-approve",  # the second finds it decided already
    "privacy:request-refuse",
    "privacy:retention-run",  # a second pass finds nothing left to anonymise
    "role-grant-decide",  # the second finds it decided already
    "mfa-setup",  # a second try finds the device confirmed
    "casework:partner-confirm",  # confirming a confirmed institution changes nothing
    "reports:letter-reprint",  # a second print of the same letter is the same document
    "reports:letter-cancel",  # cancelling a cancelled letter changes nothing
}
READS = {
    "home",
    "healthz",
    "clients:regions",
    "clients:detail",
    "clients:history",
    "clients:document-download",
    "casework:service-receipt",
    "casework:case-list",
    "casework:case-detail",
    "casework:note-history",
    "casework:plan-list",
    "casework:plan-detail",
    "casework:group-list",
    "casework:review-queue",
    "casework:conference-list",
    "casework:case-pick",
    "assessments:case-list",
    "residence:board",
    "residence:case",
    "residence:stay",
    "residence:stay-health",
    "residence:roll-calls",
    "residence:leave-list",
    "residence:visits",
    "residence:absconding-list",
    "residence:health",
    "residence:incidents",
    "assessments:client-progress",
    "assessments:instrument-detail",
    "assessments:instrument-export",
    "reports:dashboard",
    "reports:run-status",
    "reports:run-download",
    "staff-list",
    "audit-list",
    "activities:list",
    "activities:today",
    "activities:detail",
    "activities:photo",
    "activities:timetable",
    "activities:course-list",
    "activities:course-detail",
    "activities:participant",
    "activities:case",
    "activities:case-summary",
    "activities:client-summary",
    "privacy:client",
    "privacy:requests",
    "privacy:processing",
    "privacy:breach-list",
    "reports:letter-verify",
}
# Django's own account pages and the language switch: no record of ours is made there.
EXEMPT = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "mfa-verify",  # the second step of signing in: no record of ours is made
}


def _url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_classified():
    known = set(SUBMITTED_TWICE) | EDITS | IDEMPOTENT_ACTIONS | READS | EXEMPT
    unknown = sorted(set(_url_names()) - known)
    assert not unknown, (
        "Classify these in tests/sentra/test_submissions.py (a create form or action "
        f"goes in SUBMITTED_TWICE with valid data): {unknown}"
    )


@pytest.fixture
def setting(cast, case, centre, consent_to_services):
    return {**cast, "case": case, "centre": centre}


def _login(user):
    http = HttpClient()
    http.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return http


@pytest.mark.parametrize("name", list(SUBMITTED_TWICE))
def test_a_form_sent_twice_makes_one_record(name, setting):
    submission = SUBMITTED_TWICE[name](setting)
    http = _login(submission.user)
    key = str(uuid.uuid4())
    before = submission.made()
    first = http.post(submission.url, {**submission.data(), SUBMISSION_FIELD: key})
    assert first.status_code == 302, first.content.decode()[:3000]
    assert submission.made() == before + 1
    second = http.post(submission.url, {**submission.data(), SUBMISSION_FIELD: key})
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert submission.made() == before + 1


def test_a_failed_submission_can_be_corrected_and_sent_with_the_same_key(setting):
    http = _login(setting["worker"])
    url, key = _case_url("note-add", setting), str(uuid.uuid4())
    empty = http.post(url, {"kind": "phone", "narrative": "", SUBMISSION_FIELD: key})
    assert empty.status_code == 200 and CaseNote.objects.count() == 0
    data = {"kind": "phone", "narrative": "Sekarang lengkap.", SUBMISSION_FIELD: key}
    data["occurred_at"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    assert http.post(url, data).status_code == 302
    assert CaseNote.objects.count() == 1


def test_a_repeated_htmx_note_sends_the_page_to_the_saved_case(setting):
    http = _login(setting["worker"])
    url, key = _case_url("note-add", setting), str(uuid.uuid4())
    data = {
        "kind": "phone",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "narrative": "Lewat htmx.",
        SUBMISSION_FIELD: key,
    }
    first = http.post(url, data, headers={"HX-Request": "true"})
    assert first.status_code == 200 and "data-note-saved" in first.content.decode()
    second = http.post(url, data, headers={"HX-Request": "true"})
    assert second.status_code == 200 and second[REPEAT_HEADER] == "1"
    assert second["HX-Redirect"] == _case_url("case-detail", setting)
    assert CaseNote.objects.count() == 1


def test_someone_elses_key_is_refused(setting):
    key = str(uuid.uuid4())
    SubmissionKey.objects.create(key=key, user=setting["supervisor"], result_url="/")
    response = _login(setting["worker"]).post(
        _case_url("note-add", setting),
        {"kind": "phone", "narrative": "x", SUBMISSION_FIELD: key},
    )
    assert response.status_code == 400 and CaseNote.objects.count() == 0


def test_every_form_that_changes_something_carries_a_key(setting):
    """The pages render {% form_keys %}: every POST form of the case page has a key, but
    logging out and switching the language (which make no record)."""
    http = _login(setting["worker"])
    body = http.get(_case_url("case-detail", setting)).content.decode()
    forms = re.findall(r"<form\b[^>]*method=\"post\".*?</form>", body, flags=re.S)
    making = [f for f in forms if "logout" not in f and "setlang" not in f]
    assert len(making) >= 2
    assert all(f'name="{SUBMISSION_FIELD}"' in form for form in making)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_make_one_note(cast, case, reference_data):
    """Both requests really run at once, each on its own database connection."""
    url = reverse("casework:note-add", args=[case.public_id])
    data = {
        "kind": "phone",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "narrative": "Dua klik bersamaan.",
        SUBMISSION_FIELD: str(uuid.uuid4()),
    }
    start, results = threading.Barrier(2), []

    def submit():
        try:
            http = _login(cast["worker"])
            start.wait(timeout=10)
            results.append(http.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [302, 302]
    assert CaseNote.objects.filter(case=case).count() == 1
    add_note(by=cast["worker"], case=case, data={"kind": "phone", "narrative": "Berikutnya"})
    assert CaseNote.objects.filter(case=case).count() == 2
