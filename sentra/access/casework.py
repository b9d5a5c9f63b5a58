"""Cases, notes and tasks; assessments; plans, reviews and conferences; services, groups,
referrals, aftercare and partners."""

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
from sentra.access.base import get_or_404
from sentra.scopes import Role, has_role


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
    return get_or_404(
        Case.objects.visible_to(user, per_row=True).select_related(
            "client", "centre", "primary_worker", "supervisor", "opened_by"
        ),
        public_id=public_id,
    )


def get_note_for_user(user, case: Case, public_id) -> CaseNote:
    """A note of `case` (already fetched through get_case_for_user)."""
    return get_or_404(
        CaseNote.objects.visible_to(user).filter(case=case).select_related("author"),
        public_id=public_id,
    )


def can_edit_note(user, note: CaseNote) -> bool:
    """Only the author edits a note; everyone else reads its history."""
    return note.author_id == user.pk


def get_task_for_user(user, case: Case, public_id):
    return get_or_404(case.tasks.all(), public_id=public_id)  # type: ignore[attr-defined]


def get_assessment_for_user(user, public_id) -> Assessment:
    """Assessments follow their case's access rules."""
    return get_or_404(
        Assessment.objects.visible_to(user).select_related(
            "case", "case__client", "case__centre", "instrument", "started_by", "submitted_by"
        ),
        public_id=public_id,
    )


def can_manage_instruments(user) -> bool:
    return has_role(user, Role.ADMIN)


def get_instrument_for_user(user, code: str, version: int) -> Instrument:
    return get_or_404(Instrument.objects.visible_to(user), code=code, version=version)


def can_change_instrument(user, instrument: Instrument) -> bool:
    """National instruments are published and retired by a superuser only; a centre's
    own by that centre's admins."""
    if not can_manage_instruments(user):
        return False
    if instrument.centre_id is None:
        return user.is_superuser
    return user.is_superuser or instrument.centre_id == user.centre_id


def get_plan_for_user(user, public_id) -> PlanVersion:
    """Plans follow their case's access rules."""
    return get_or_404(
        PlanVersion.objects.visible_to(user).select_related(
            "case", "case__client", "case__centre", "created_by", "submitted_by"
        ),
        public_id=public_id,
    )


def can_decide_review(user, review: Review) -> bool:
    """A supervisor of the case's centre (the self-approval rule is the review service's)."""
    return can_supervise(user) and (user.is_superuser or user.centre_id == review.case.centre_id)


def get_review_for_user(user, public_id) -> Review:
    return get_or_404(
        Review.objects.visible_to(user).select_related("case", "plan", "requested_by"),
        public_id=public_id,
    )


def get_conference_for_user(user, public_id) -> Conference:
    """Supervisors see every conference of the centre; others those they are invited to or
    that discuss a case they may see (and there only those cases)."""
    return get_or_404(Conference.objects.visible_to(user), public_id=public_id)


def get_group_for_user(user, public_id) -> Group:
    return get_or_404(
        Group.objects.visible_to(user).select_related("facilitator", "service_type"),
        public_id=public_id,
    )


def can_run_group(user, group: Group) -> bool:
    """Its facilitator and supervisors record sessions."""
    return can_supervise(user) or (can_change_cases(user) and group.facilitator_id == user.pk)


def get_referral_for_user(user, public_id) -> Referral:
    return get_or_404(Referral.objects.visible_to(user).select_related("case"), public_id=public_id)


def can_override_referral_consent(user) -> bool:
    """Sending a referral without the client's consent to share takes a supervisor."""
    return can_supervise(user)


def get_follow_up_for_user(user, public_id) -> FollowUp:
    return get_or_404(FollowUp.objects.visible_to(user).select_related("case"), public_id=public_id)


def get_partner_for_user(user, public_id) -> Partner:
    """An institution of the user's own centre's directory."""
    return get_or_404(Partner.objects.visible_to(user), public_id=public_id)
