"""Recording services delivered, and the centre's additions to the service catalogue."""

from django.db import transaction

from casework.models import Case, ServiceRecord
from sentra import audit
from sentra.models import User


@transaction.atomic
def record_service(
    *, by: User, case: Case, data: dict, receipt=None, receipt_content_type: str = "", request=None
) -> ServiceRecord:
    record = ServiceRecord(case=case, recorded_by=by, **data)
    if receipt is not None:
        extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[
            receipt_content_type
        ]
        record.receipt.save(f"{record.public_id.hex}.{extension}", receipt, save=False)
        record.receipt_content_type = receipt_content_type
    record.save()
    audit.record(
        audit.Action.CREATE, by=by, obj=record, request=request, fields=["service_type", "amount"]
    )
    return record


@transaction.atomic
def save_service_type(*, by: User, service_type, request=None):
    service_type.save()
    audit.record(
        audit.Action.CREATE, by=by, obj=service_type, request=request, fields=["code", "component"]
    )
    return service_type
