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

from sentra.access.activities import (
    can_manage_schedule,
    can_record_activities,
    can_request_certificate,
    get_activity_for_user,
    get_activity_kind_for_user,
    get_activity_photo_for_user,
    get_certificate_for_user,
    get_course_for_user,
    get_enrolment_for_user,
    get_module_for_user,
    get_schedule_slot_for_user,
)
from sentra.access.base import (
    require,
)
from sentra.access.casework import (
    can_change_cases,
    can_decide_review,
    can_edit_note,
    can_manage_instruments,
    can_override_referral_consent,
    can_read_confidential_notes,
    can_run_group,
    can_supervise,
    get_assessment_for_user,
    get_case_for_user,
    get_conference_for_user,
    get_follow_up_for_user,
    get_group_for_user,
    get_instrument_for_user,
    get_note_for_user,
    get_partner_for_user,
    get_plan_for_user,
    get_referral_for_user,
    get_review_for_user,
    get_task_for_user,
)
from sentra.access.organisation import (
    can_manage_centre,
    can_manage_reference_lists,
    can_manage_staff,
    can_view_audit,
    get_staff_for_user,
)
from sentra.access.registry import (
    can_change_clients,
    get_assistance_for_user,
    get_client_for_user,
    get_consent_for_user,
    get_document_for_user,
    get_family_member_for_user,
)
from sentra.access.reports import (
    can_have_report,
    can_request_case_report,
    can_request_monthly_report,
    get_report_for_user,
)
from sentra.access.residence import (
    can_change_stay,
    can_close_incident,
    can_decide_leave,
    can_manage_places,
    can_see_health,
    can_work_in_residence,
    get_absconding_for_user,
    get_bed_for_user,
    get_building_for_user,
    get_incident_follow_up_for_user,
    get_incident_for_user,
    get_leave_for_user,
    get_restriction_for_user,
    get_room_for_user,
    get_sickness_for_user,
    get_stay_for_user,
    get_visit_for_user,
)

__all__ = [
    "get_assistance_for_user",
    "require",
    "can_manage_staff",
    "can_manage_centre",
    "can_view_audit",
    "can_manage_reference_lists",
    "get_staff_for_user",
    "can_change_clients",
    "get_client_for_user",
    "get_family_member_for_user",
    "get_document_for_user",
    "get_consent_for_user",
    "can_change_cases",
    "can_supervise",
    "can_read_confidential_notes",
    "get_case_for_user",
    "get_note_for_user",
    "can_edit_note",
    "get_task_for_user",
    "get_assessment_for_user",
    "can_manage_instruments",
    "get_instrument_for_user",
    "get_plan_for_user",
    "can_decide_review",
    "get_review_for_user",
    "get_conference_for_user",
    "get_group_for_user",
    "can_run_group",
    "get_referral_for_user",
    "can_override_referral_consent",
    "get_follow_up_for_user",
    "get_partner_for_user",
    "can_record_activities",
    "can_manage_schedule",
    "get_activity_for_user",
    "get_activity_photo_for_user",
    "get_activity_kind_for_user",
    "get_schedule_slot_for_user",
    "get_course_for_user",
    "get_module_for_user",
    "get_enrolment_for_user",
    "get_certificate_for_user",
    "can_request_certificate",
    "can_request_case_report",
    "can_request_monthly_report",
    "can_have_report",
    "get_report_for_user",
    "can_manage_places",
    "can_work_in_residence",
    "get_building_for_user",
    "get_room_for_user",
    "get_bed_for_user",
    "get_stay_for_user",
    "can_change_stay",
    "get_leave_for_user",
    "can_decide_leave",
    "get_visit_for_user",
    "get_restriction_for_user",
    "get_absconding_for_user",
    "can_see_health",
    "get_sickness_for_user",
    "get_incident_for_user",
    "get_incident_follow_up_for_user",
    "can_close_incident",
]
