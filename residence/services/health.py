"""Health records of residents: checks, the sick log, medication given."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from residence.models import HealthCheck, MedicationDose, SicknessEntry, Stay
from sentra import audit
from sentra.models import User


@transaction.atomic
def record_health_check(*, by: User, stay: Stay, data: dict, request=None) -> HealthCheck:
    check = HealthCheck.objects.create(stay=stay, **{"checked_by": by, **data})
    audit.record(audit.Action.CREATE, by=by, obj=check, request=request, fields=list(data))
    return check


@transaction.atomic
def record_sickness(*, by: User, stay: Stay, data: dict, request=None) -> SicknessEntry:
    entry = SicknessEntry.objects.create(stay=stay, recorded_by=by, **data)
    audit.record(audit.Action.CREATE, by=by, obj=entry, request=request, fields=list(data))
    return entry


@transaction.atomic
def record_recovery(*, by: User, entry: SicknessEntry, on=None, request=None) -> SicknessEntry:
    on = on or timezone.localdate()
    if on < entry.began_on:
        raise ValidationError(_("Recovery cannot be before the sickness began."))
    if entry.recovered_on is None:
        entry.recovered_on, entry.in_hospital = on, False
        entry.save()
        audit.record(
            audit.Action.UPDATE, by=by, obj=entry, request=request, fields=["recovered_on"]
        )
    return entry


@transaction.atomic
def record_medication(*, by: User, stay: Stay, data: dict, request=None) -> MedicationDose:
    sickness = data.get("sickness")
    if sickness is not None and sickness.stay_id != stay.pk:
        raise ValidationError(_("Choose a sickness of this resident."))
    dose = MedicationDose.objects.create(stay=stay, **{"given_by": by, **data})
    audit.record(audit.Action.CREATE, by=by, obj=dose, request=request, fields=list(data))
    return dose
