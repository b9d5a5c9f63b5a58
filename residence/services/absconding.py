"""Absconding reports: opened by hand or by an absent mark at roll call, followed by the
people told and the search, ended by the resident's return or by closing the report."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from residence.models import AbscondingAction, AbscondingReport, AbscondingStatus, Stay
from residence.services.stays import move_out
from sentra import audit
from sentra.models import User


@transaction.atomic
def report_absconding(*, by: User, stay: Stay, data: dict, request=None) -> AbscondingReport:
    if not stay.is_current:
        raise ValidationError(_("This resident has moved out."))
    try:
        with transaction.atomic():
            report = AbscondingReport.objects.create(stay=stay, reported_by=by, **data)
    except IntegrityError:
        raise ValidationError(
            _("An absconding report is already open for this resident.")
        ) from None
    audit.record(audit.Action.CREATE, by=by, obj=report, request=request, fields=list(data))
    return report


@transaction.atomic
def add_absconding_action(
    *, by: User, report: AbscondingReport, data: dict, request=None
) -> AbscondingAction:
    action = AbscondingAction.objects.create(report=report, recorded_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=action, request=request, fields=list(data))
    return action


@transaction.atomic
def resolve_absconding(
    *,
    by: User,
    report: AbscondingReport,
    returned: bool,
    at=None,
    note: str = "",
    request=None,
) -> AbscondingReport:
    """End a report: the resident came back (the stay goes on), or the search is given up
    (closed: the resident moves out with reason absconded, from the day last seen). The
    case itself ends through its termination, with reason "left"."""
    report = AbscondingReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_open:
        raise ValidationError(_("This report is already closed."))
    at = at or timezone.now()
    if at < report.last_seen_at:
        raise ValidationError(_("This is before the resident was last seen."))
    report.status = AbscondingStatus.RETURNED if returned else AbscondingStatus.CLOSED
    report.resolved_at, report.resolved_by, report.resolution_note = at, by, note
    report.save()
    audit.record(audit.Action.UPDATE, by=by, obj=report, request=request, fields=["status"])
    if not returned and report.stay.is_current:
        last_seen = timezone.localtime(report.last_seen_at, report.stay.centre.zone).date()
        move_out(
            by=by,
            stay=report.stay,
            moved_out_on=max(last_seen, report.stay.moved_in_on),
            reason="absconded",
            note=note,
            belongings_kept=True,
            request=request,
        )
    return report
