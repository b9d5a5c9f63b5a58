"""The one access policy. Every view that shows or changes a record asks here.

Rules (see DOMAIN.md):
- A user sees only their own centre's records; another centre's record is a 404, never
  the record and never a hint that it exists. Superusers see every centre.
- Social worker: full access to the cases they work (primary or team member) and to those
  cases' clients, and to clients they registered themselves.
- Supervisor: every case and client of the centre.
- Admin: staff, centre settings, reference lists and reports; client and case metadata
  read-only; never confidential notes.
- Everyone in the centre sees the registry "existence" view (name, registration number,
  sex, birth year, status, assigned worker) so duplicates can be found without opening
  someone else's file.

Single objects: `get_<thing>_for_user(user, public_id, for_write=False)` raises Http404
when the user may not see the record and PermissionDenied (403) when they may see it but
not change it. Lists start from `<Model>.objects.visible_to(user)`, whose filters are the
`*_filter(user)` functions below.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from sentra.models import Role, User

NOTHING = Q(pk__in=[])


def _get_or_404(queryset: QuerySet, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValidationError, ValueError):
        # A malformed UUID is answered like a missing record.
        raise Http404 from None


def has_role(user, *roles: str) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.role in roles


def role_required(*roles: str):
    """View decorator: 403 unless the user has one of `roles` (superusers always pass)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def centre_filter(user, field: str = "centre") -> Q:
    """Records of the user's own centre (all centres for a superuser)."""
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    if user.centre_id is None:
        return NOTHING
    return Q(**{field: user.centre_id})


# --- Staff -----------------------------------------------------------------------------


def can_manage_staff(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_view_audit(user) -> bool:
    return has_role(user, Role.ADMIN)


def staff_visible_to(user) -> QuerySet[User]:
    return User.objects.filter(centre_filter(user)).select_related("centre")


def get_staff_for_user(user, public_id, for_write: bool = False) -> User:
    member = _get_or_404(staff_visible_to(user), public_id=public_id)
    if for_write and not can_manage_staff(user):
        raise PermissionDenied
    return member


# --- Clients -------------------------------------------------------------------------


def client_filter(user) -> Q:
    """Clients whose file `user` may open."""
    in_centre = centre_filter(user)
    if not user.is_authenticated or in_centre == NOTHING:
        return NOTHING
    if user.is_superuser or user.role in (Role.SUPERVISOR, Role.ADMIN):
        return in_centre
    # A social worker: the clients they registered and the clients of the cases they work.
    from casework.models import Case

    worked = Case.objects.filter(_worked_by(user)).values("client_id")
    return in_centre & (Q(registered_by=user) | Q(pk__in=worked))


def can_change_clients(user) -> bool:
    """Admins read client metadata; only social workers and supervisors change it."""
    return has_role(user, Role.SOCIAL_WORKER, Role.SUPERVISOR)


def can_open_client(user, client) -> bool:
    from clients.models import Client

    return Client.objects.visible_to(user).filter(pk=client.pk).exists()


def get_client_for_user(user, public_id, for_write: bool = False):
    from clients.models import Client

    client = _get_or_404(
        Client.objects.visible_to(user).select_related("centre", "category", "registered_by"),
        public_id=public_id,
    )
    if for_write and not can_change_clients(user):
        raise PermissionDenied
    return client


def can_manage_reference_lists(user) -> bool:
    return has_role(user, Role.ADMIN)


# --- Cases and notes ----------------------------------------------------------------------


def _worked_by(user, prefix: str = "") -> Q:
    """Cases where `user` is the primary worker or a team member (no duplicate rows)."""
    from casework.models import Case

    on_team = Case.team.through.objects.filter(user_id=user.pk).values("case_id")
    return Q(**{f"{prefix}primary_worker": user}) | Q(**{f"{prefix}pk__in": on_team})


def case_filter(user) -> Q:
    in_centre = centre_filter(user)
    if not user.is_authenticated or in_centre == NOTHING:
        return NOTHING
    if user.is_superuser or user.role in (Role.SUPERVISOR, Role.ADMIN):
        return in_centre
    return in_centre & _worked_by(user)


def cases_visible_to(user):
    from casework.models import Case

    return Case.objects.filter(case_filter(user))


def can_change_cases(user) -> bool:
    return has_role(user, Role.SOCIAL_WORKER, Role.SUPERVISOR)


def can_supervise(user) -> bool:
    return has_role(user, Role.SUPERVISOR)


def get_case_for_user(user, public_id, for_write: bool = False):
    case = _get_or_404(
        cases_visible_to(user).select_related(
            "client", "centre", "primary_worker", "supervisor", "opened_by"
        ),
        public_id=public_id,
    )
    if for_write and not can_change_cases(user):
        raise PermissionDenied
    return case


def may_read_confidential(user, case) -> bool:
    """The case team and supervisors; never admins, never colleagues."""
    if user.is_superuser or user.role == Role.SUPERVISOR:
        return user.is_superuser or case.centre_id == user.centre_id
    if user.role == Role.SOCIAL_WORKER:
        return user.pk in case.team_ids()
    return False


def note_filter(user) -> Q:
    """Notes of visible cases; confidential notes only for their team and supervisors."""
    from casework.models import Case

    visible_cases = Case.objects.filter(case_filter(user)).values("pk")
    notes = Q(case__in=visible_cases)
    if user.is_superuser or getattr(user, "role", None) == Role.SUPERVISOR:
        return notes
    if getattr(user, "role", None) == Role.SOCIAL_WORKER:
        own_cases = Case.objects.filter(_worked_by(user)).values("pk")
        return notes & (Q(is_confidential=False) | Q(case__in=own_cases))
    return notes & Q(is_confidential=False)


def get_note_for_user(user, case, public_id, for_write: bool = False):
    """A note of `case` (already fetched through get_case_for_user). Only the author edits."""
    from casework.models import CaseNote

    note = _get_or_404(
        CaseNote.objects.visible_to(user).filter(case=case).select_related("author"),
        public_id=public_id,
    )
    if for_write and note.author_id != user.pk:
        raise PermissionDenied
    return note


# --- Assessments ---------------------------------------------------------------------------


def get_assessment_for_user(user, public_id, for_write: bool = False):
    """Assessments follow their case's access rules."""
    from assessments.models import Assessment

    assessment = _get_or_404(
        Assessment.objects.visible_to(user).select_related(
            "case", "case__client", "case__centre", "instrument", "started_by", "submitted_by"
        ),
        public_id=public_id,
    )
    if for_write and not can_change_cases(user):
        raise PermissionDenied
    return assessment


def can_manage_instruments(user) -> bool:
    return has_role(user, Role.ADMIN)


# --- Plans, reviews, conferences ------------------------------------------------------------


def get_plan_for_user(user, public_id, for_write: bool = False):
    """Plans follow their case's access rules."""
    from casework.models import PlanVersion

    plan = _get_or_404(
        PlanVersion.objects.filter(case__in=cases_visible_to(user)).select_related(
            "case", "case__client", "case__centre", "created_by", "submitted_by"
        ),
        public_id=public_id,
    )
    if for_write and not can_change_cases(user):
        raise PermissionDenied
    return plan


def get_review_for_user(user, public_id):
    """Only supervisors decide reviews."""
    from casework.models import Review

    review = _get_or_404(
        Review.objects.filter(case__in=cases_visible_to(user)).select_related(
            "case", "plan", "requested_by"
        ),
        public_id=public_id,
    )
    if not can_supervise(user):
        raise PermissionDenied
    return review


def conference_filter(user) -> Q:
    from casework.models import ConferenceAttendee, ConferenceCase

    in_centre = centre_filter(user)
    if not user.is_authenticated or in_centre == NOTHING:
        return NOTHING
    if user.is_superuser or user.role in (Role.SUPERVISOR, Role.ADMIN):
        return in_centre
    invited = ConferenceAttendee.objects.filter(staff_id=user.pk).values("conference_id")
    discussing = ConferenceCase.objects.filter(case__in=cases_visible_to(user)).values(
        "conference_id"
    )
    return in_centre & (Q(pk__in=invited) | Q(pk__in=discussing))


def get_conference_for_user(user, public_id, for_write: bool = False):
    """Supervisors run conferences; the invited see them (each only the cases they may see)."""
    from casework.models import Conference

    conference = _get_or_404(Conference.objects.visible_to(user), public_id=public_id)
    if for_write and not can_supervise(user):
        raise PermissionDenied
    return conference


# --- Services, groups, referrals, aftercare ------------------------------------------------------


def groups_visible_to(user):
    """Groups of the centre; a social worker sees those they facilitate or that include a
    case they work."""
    from casework.models import Group

    groups = Group.objects.filter(centre_filter(user))
    if user.is_superuser or user.role in (Role.SUPERVISOR, Role.ADMIN):
        return groups
    return groups.filter(Q(facilitator=user) | Q(members__in=cases_visible_to(user))).distinct()


def get_group_for_user(user, public_id, for_write: bool = False):
    group = _get_or_404(
        groups_visible_to(user).select_related("facilitator", "service_type"), public_id=public_id
    )
    if for_write and not (can_supervise(user) or group.facilitator_id == user.pk):
        raise PermissionDenied
    return group


def get_case_object_for_user(user, model, public_id, for_write: bool = False):
    """A record that belongs to a case (referral, follow-up, ...): the case's rules apply."""
    record = _get_or_404(
        model.objects.filter(case__in=cases_visible_to(user)).select_related("case"),
        public_id=public_id,
    )
    if for_write and not can_change_cases(user):
        raise PermissionDenied
    return record


# --- Reports -----------------------------------------------------------------------------------


MONTHLY_KINDS = ("monthly_pdf", "monthly_xlsx", "monthly_csv")


def can_request_case_report(user, case) -> bool:
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


def report_filter(user) -> Q:
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return Q()
    own = Q(requested_by=user)
    if user.role in (Role.ADMIN, Role.SUPERVISOR) and user.centre_id:
        return own | Q(kind__in=MONTHLY_KINDS, centre_id=user.centre_id)
    return own


def get_report_for_user(user, public_id):
    from reports.models import ReportRun

    return _get_or_404(ReportRun.objects.visible_to(user), public_id=public_id)


def get_partner_for_user(user, public_id):
    """An institution of the user's own centre's directory."""
    from casework.models import Partner

    return _get_or_404(Partner.objects.filter(centre_filter(user)), public_id=public_id)
