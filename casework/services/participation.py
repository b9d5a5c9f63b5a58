"""The person's own part: their view of a plan version, and the client or a family member
taking part in a case conference."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.models import Conference, ConferenceAttendee, PlanVersion, PlanView
from casework.services.conferences import _require_open
from sentra import audit
from sentra.models import User


@transaction.atomic
def record_plan_view(*, by: User, plan: PlanVersion, data: dict, request=None) -> PlanView:
    """The client's (or child's, or guardian's) view of `plan` and whether they agree, in
    their words. Any version may get one: agreement is often given when the plan is signed,
    after its approval."""
    view = PlanView.objects.create(case=plan.case, plan=plan, recorded_by=by, **data)
    audit.record(
        audit.Action.CREATE, by=by, obj=view, request=request, fields=["agreement", "speaker"]
    )
    return view


@transaction.atomic
def add_person_attendee(
    *, by: User, conference: Conference, client=None, family_member=None, request=None
) -> ConferenceAttendee:
    """The client, or one of their family, as a participant of the conference (once)."""
    _require_open(conference)
    if (client is None) == (family_member is None):
        raise ValidationError(_("Choose the client or one family member."))
    attendee, _created = ConferenceAttendee.objects.get_or_create(
        conference=conference, client=client, family_member=family_member
    )
    audit.record(audit.Action.UPDATE, by=by, obj=conference, request=request, fields=["attendees"])
    return attendee
