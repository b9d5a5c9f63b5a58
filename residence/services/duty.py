"""The duty log: one handover per centre, date and shift."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from residence.models import DutyShift
from sentra import audit
from sentra.models import Centre, User


@transaction.atomic
def write_handover(*, by: User, centre: Centre, data: dict, staff, request=None) -> DutyShift:
    try:
        with transaction.atomic():
            shift = DutyShift.objects.create(centre=centre, written_by=by, **data)
    except IntegrityError:
        raise ValidationError(_("The handover of this shift is already written.")) from None
    shift.staff.set(staff)
    audit.record(audit.Action.CREATE, by=by, obj=shift, request=request, fields=[*data, "staff"])
    return shift
