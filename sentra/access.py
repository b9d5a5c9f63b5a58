"""The one access policy. Every view that shows or changes a record asks here.

It stands above the product models and is imported only by views, services and tasks.
Who may *see* a record is the record's own QuerySet rule (`Case.objects.visible_to(user)`);
this module turns those rules into answers and says who may *change* what:

- `get_<thing>_for_user(user, public_id)` returns a record the user may see, or raises
  Http404 — another centre's record is never revealed, not even that it exists.
- `can_<verb>_<thing>(user, ...)` says whether the user may do something.
- `require(allowed)` is the one way a view or service enforces a `can_...` answer: it
  raises PermissionDenied (403) when the answer is no.

The rules in words are in docs/architecture.md ("Access").
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from assessments.models import Assessment, Instrument
from casework.models import (
    Case,
    CaseNote,
    Conference,
    FollowUp,
    Group,
    Partner,
    PlanVersion,
    Referral,
    Review,
)
from clients.models import Client, ClientDocument, Consent, FamilyMember
from reports.models import ReportRun
from residence.models import (
    AbscondingReport,
    Bed,
    Building,
    Incident,
    LeaveRequest,
    Room,
    SicknessEntry,
    Stay,
    Visit,
    VisitRestriction,
)
from residence.models.base import works_in_residence
from sentra.models import User
from sentra.scopes import Role, has_role


def require(allowed: bool) -> None:
    """Enforce an answer of a `can_...` function: 403 unless it is yes."""
    if not allowed:
        raise PermissionDenied


def _get_or_404(queryset: QuerySet, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError):
        # A malformed UUID is answered like a missing record.
        raise Http404 from None


# --- Centre and staff ------------------------------------------------------------------------


def can_manage_staff(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_manage_centre(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_view_audit(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_manage_reference_lists(user) -> bool:
    """Categories, the service catalogue, partner institutions, instruments."""
    return has_role(user, Role.ADMIN)


def get_staff_for_user(user, public_id) -> User:
    return _get_or_404(User.objects.visible_to(user).select_related("centre"), public_id=public_id)


# --- Clients -----------------------------------------------------------------------------------


def can_change_clients(user) -> bool:
    """Admins read client metadata; only social workers and supervisors change it."""
    return has_role(user, Role.SOCIAL_WORKER, Role.SUPERVISOR)


def get_client_for_user(user, public_id) -> Client:
    return _get_or_404(
        Client.objects.visible_to(user).select_related("centre", "category", "registered_by"),
        public_id=public_id,
    )


def get_family_member_for_user(user, client: Client, public_id) -> FamilyMember:
    """A family member of `client` (already fetched through get_client_for_user)."""
    return _get_or_404(client.family.all(), public_id=public_id)  # type: ignore[attr-defined]


def get_document_for_user(user, client: Client, public_id) -> ClientDocument:
    return _get_or_404(client.documents.all(), public_id=public_id)  # type: ignore[attr-defined]


def get_consent_for_user(user, client: Client, public_id) -> Consent:
    """A consent of `client` that is still in force (withdrawn ones are history)."""
    return _get_or_404(
        client.consents.filter(withdrawn_on__isnull=True),  # type: ignore[attr-defined]
        public_id=public_id,
    )


# --- Cases and notes ---------------------------------------------------------------------------


def can_change_cases(user) -> bool:
    """Social workers and supervisors work on the cases they may see; admins only read."""
    return has_role(user, Role.SOCIAL_WORKER, Role.SUPERVISOR)


def can_supervise(user) -> bool:
    """Supervisors decide reviews, run conferences, reassign cases and close cases."""
    return has_role(user, Role.SUPERVISOR)


def can_read_confidential_notes(user, case: Case) -> bool:
    """The case team and supervisors; never admins, never colleagues."""
    if has_role(user, Role.SUPERVISOR):
        return user.is_superuser or case.centre_id == user.centre_id
    if has_role(user, Role.SOCIAL_WORKER):
        return user.pk in case.team_ids()
    return False


def get_case_for_user(user, public_id) -> Case:
    return _get_or_404(
        Case.objects.visible_to(user).select_related(
            "client", "centre", "primary_worker", "supervisor", "opened_by"
        ),
        public_id=public_id,
    )


def get_note_for_user(user, case: Case, public_id) -> CaseNote:
    """A note of `case` (already fetched through get_case_for_user)."""
    return _get_or_404(
        CaseNote.objects.visible_to(user).filter(case=case).select_related("author"),
        public_id=public_id,
    )


def can_edit_note(user, note: CaseNote) -> bool:
    """Only the author edits a note; everyone else reads its history."""
    return note.author_id == user.pk


def get_task_for_user(user, case: Case, public_id):
    return _get_or_404(case.tasks.all(), public_id=public_id)  # type: ignore[attr-defined]


# --- Assessments -------------------------------------------------------------------------------


def get_assessment_for_user(user, public_id) -> Assessment:
    """Assessments follow their case's access rules."""
    return _get_or_404(
        Assessment.objects.visible_to(user).select_related(
            "case", "case__client", "case__centre", "instrument", "started_by", "submitted_by"
        ),
        public_id=public_id,
    )


def can_manage_instruments(user) -> bool:
    return has_role(user, Role.ADMIN)


def get_instrument_for_user(user, code: str, version: int) -> Instrument:
    return _get_or_404(Instrument.objects.visible_to(user), code=code, version=version)


# --- Plans, reviews, conferences ---------------------------------------------------------------


def get_plan_for_user(user, public_id) -> PlanVersion:
    """Plans follow their case's access rules."""
    return _get_or_404(
        PlanVersion.objects.visible_to(user).select_related(
            "case", "case__client", "case__centre", "created_by", "submitted_by"
        ),
        public_id=public_id,
    )


def can_decide_review(user, review: Review) -> bool:
    """A supervisor of the case's centre (the self-approval rule is the review service's)."""
    return can_supervise(user) and (user.is_superuser or user.centre_id == review.case.centre_id)


def get_review_for_user(user, public_id) -> Review:
    return _get_or_404(
        Review.objects.visible_to(user).select_related("case", "plan", "requested_by"),
        public_id=public_id,
    )


def get_conference_for_user(user, public_id) -> Conference:
    """Supervisors see every conference of the centre; others those they are invited to or
    that discuss a case they may see (and there only those cases)."""
    return _get_or_404(Conference.objects.visible_to(user), public_id=public_id)


# --- Services, groups, referrals, aftercare ----------------------------------------------------


def get_group_for_user(user, public_id) -> Group:
    return _get_or_404(
        Group.objects.visible_to(user).select_related("facilitator", "service_type"),
        public_id=public_id,
    )


def can_run_group(user, group: Group) -> bool:
    """Its facilitator and supervisors record sessions."""
    return can_supervise(user) or (can_change_cases(user) and group.facilitator_id == user.pk)


def get_referral_for_user(user, public_id) -> Referral:
    return _get_or_404(
        Referral.objects.visible_to(user).select_related("case"), public_id=public_id
    )


def can_override_referral_consent(user) -> bool:
    """Sending a referral without the client's consent to share takes a supervisor."""
    return can_supervise(user)


def get_follow_up_for_user(user, public_id) -> FollowUp:
    return _get_or_404(
        FollowUp.objects.visible_to(user).select_related("case"), public_id=public_id
    )


def get_partner_for_user(user, public_id) -> Partner:
    """An institution of the user's own centre's directory."""
    return _get_or_404(Partner.objects.visible_to(user), public_id=public_id)


# --- Reports -----------------------------------------------------------------------------------


def can_request_case_report(user, case: Case) -> bool:
    """The case team and supervisors; not admins (the case file is not theirs to read)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if case.centre_id != user.centre_id:
        return False
    return user.role == Role.SUPERVISOR or (
        user.role == Role.SOCIAL_WORKER and user.pk in case.team_ids()
    )


def can_request_monthly_report(user, centre) -> bool:
    """Admins and supervisors of the centre; a superuser for any centre or all (None)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        centre is not None
        and centre.pk == user.centre_id
        and user.role in (Role.ADMIN, Role.SUPERVISOR)
    )


def can_have_report(user, run: ReportRun) -> bool:
    """Whether `user` may (still) ask for or download `run`: a case report only while they
    may ask for that case's report, a monthly report while they may ask for the centre's."""
    if run.kind == ReportRun.Kind.CASE_PDF:
        case = Case.objects.filter(pk=run.params.get("case")).select_related("centre").first()
        return case is not None and can_request_case_report(user, case)
    return can_request_monthly_report(user, run.centre)


def get_report_for_user(user, public_id) -> ReportRun:
    return _get_or_404(ReportRun.objects.visible_to(user), public_id=public_id)


# --- Residence ---------------------------------------------------------------------------------
# Who sleeps where, who is out, who visited, who ran away: the whole centre's staff see it.
# Health and incidents are confidential like notes (residence/models/base.py, incidents.py).


def can_manage_places(user) -> bool:
    """Buildings, rooms, beds and the roll-call times: the admin's."""
    return has_role(user, Role.ADMIN)


def can_work_in_residence(user) -> bool:
    """Roll call, visits, residents out and back, absconding, incidents, the duty log."""
    return works_in_residence(user)


def get_building_for_user(user, public_id) -> Building:
    return _get_or_404(Building.objects.visible_to(user), public_id=public_id)


def get_room_for_user(user, public_id) -> Room:
    return _get_or_404(
        Room.objects.visible_to(user).select_related("building"), public_id=public_id
    )


def get_bed_for_user(user, public_id) -> Bed:
    return _get_or_404(Bed.objects.visible_to(user).select_related("room"), public_id=public_id)


def get_stay_for_user(user, public_id) -> Stay:
    stays = Stay.objects.visible_to(user).with_place().select_related("case", "centre")
    return _get_or_404(stays, public_id=public_id)


def can_change_stay(user, stay: Stay) -> bool:
    """Moving rooms or out, belongings, leave requests, visit restrictions: the case team
    and supervisors (whoever may change the stay's case)."""
    return can_change_cases(user) and Case.objects.visible_to(user).filter(pk=stay.case_id).exists()


def get_leave_for_user(user, public_id) -> LeaveRequest:
    leave = LeaveRequest.objects.visible_to(user).select_related("stay__client", "stay__case")
    return _get_or_404(leave, public_id=public_id)


def can_decide_leave(user, leave: LeaveRequest) -> bool:
    return can_supervise(user) and (user.is_superuser or user.centre_id == leave.stay.centre_id)


def get_visit_for_user(user, public_id) -> Visit:
    return _get_or_404(Visit.objects.visible_to(user).select_related("stay"), public_id=public_id)


def get_restriction_for_user(user, public_id) -> VisitRestriction:
    restrictions = VisitRestriction.objects.visible_to(user).select_related("stay")
    return _get_or_404(restrictions, public_id=public_id)


def get_absconding_for_user(user, public_id) -> AbscondingReport:
    reports = AbscondingReport.objects.visible_to(user).select_related(
        "stay__client", "stay__case", "stay__centre", "reported_by"
    )
    return _get_or_404(reports, public_id=public_id)


def can_see_health(user, stay: Stay) -> bool:
    """`HealthQuerySet.visible_to` for one resident: the centre's supervisors and health
    staff, and the case team; never admins, never colleagues."""
    if not user.is_authenticated or user.is_superuser:
        return user.is_authenticated
    if stay.centre_id != user.centre_id:
        return False
    if user.role in (Role.SUPERVISOR, Role.HEALTH_STAFF):
        return True
    return user.role == Role.SOCIAL_WORKER and user.pk in stay.case.team_ids()


def get_sickness_for_user(user, public_id) -> SicknessEntry:
    entries = SicknessEntry.objects.visible_to(user).select_related("stay")
    return _get_or_404(entries, public_id=public_id)


def get_incident_for_user(user, public_id) -> Incident:
    return _get_or_404(Incident.objects.visible_to(user), public_id=public_id)


def get_incident_follow_up_for_user(user, incident: Incident, public_id):
    return _get_or_404(incident.follow_ups.all(), public_id=public_id)  # type: ignore[attr-defined]


def can_close_incident(user, incident: Incident) -> bool:
    """Supervisors of the centre confirm notices and close incidents."""
    return can_supervise(user) and (user.is_superuser or user.centre_id == incident.centre_id)
