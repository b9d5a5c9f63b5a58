"""The subject's access request: everything the centre holds about one client, as JSON (for
machines) and PDF (for the person), rendered by the report-job model (reports.services)."""

import json
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from assessments.models import Assessment
from casework.models import PlanVersion, Referral, ServiceRecord
from clients.models import Client
from privacy.models import SubjectAccessRequest
from reports import rendering
from reports.models import ReportRun
from sentra import access
from sentra.models import AuditEvent

# Bookkeeping columns that say nothing about the person.
SKIPPED = {"id", "version", "search_name", "client", "case", "centre", "public_id", "sha256"}


def _value(obj: models.Model, field: models.Field):
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    value = getattr(obj, field.name)
    if isinstance(field, models.ForeignKey):
        return str(value) if value is not None else None
    if isinstance(field, models.FileField):
        return value.name if value else None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def record_rows(obj: models.Model) -> list[dict]:
    """Each field of `obj` as {field, label, value}: the export follows the models, so a
    field added later is exported without anyone remembering to."""
    return [
        {"field": field.name, "label": str(field.verbose_name), "value": _value(obj, field)}
        for field in obj._meta.concrete_fields
        if field.name not in SKIPPED
    ]


def subject_record(client: Client) -> dict:
    """The whole record of `client`, section by section."""
    cases = list(client.cases.order_by("opened_at"))  # type: ignore[attr-defined]
    viewed = AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW,
        object_id__in=[str(client.public_id), *(str(case.public_id) for case in cases)],
    ).order_by("at")
    sections = {
        "identity": [client],
        "family": client.family.all(),  # type: ignore[attr-defined]
        "consents": client.consents.all(),  # type: ignore[attr-defined]
        "restrictions": client.processing_restrictions.all(),  # type: ignore[attr-defined]
        "cases": cases,
        "assessments": Assessment.objects.filter(case__client=client).select_related("instrument"),
        "plans": PlanVersion.objects.filter(case__client=client),
        "services": ServiceRecord.objects.filter(case__client=client),
        "referrals": Referral.objects.filter(case__client=client).select_related("partner"),
        "documents": client.documents.all(),  # type: ignore[attr-defined]
    }
    record: dict[str, list] = {
        name: [record_rows(row) for row in rows] for name, rows in sections.items()
    }
    record["viewed_by"] = [
        {"at": timezone.localtime(event.at).isoformat(timespec="minutes"), "who": event.username}
        for event in viewed
    ]
    return record


SECTION_TITLES = {
    "identity": _l("Identity"),
    "family": _l("Family"),
    "consents": _l("Consents"),
    "restrictions": _l("Restrictions and objections"),
    "cases": _l("Cases"),
    "assessments": _l("Assessments"),
    "plans": _l("Service plans"),
    "services": _l("Services received"),
    "referrals": _l("Referrals"),
    "documents": _l("Documents held"),
}


def render_subject_export(run: ReportRun) -> tuple[bytes, str]:
    """The renderer the report-job model calls for the subject kinds: checks again that the
    requester may still have it, then renders from scratch."""
    request = SubjectAccessRequest.objects.select_related("client", "centre").get(
        pk=run.params["request"]
    )
    user = run.requested_by
    if user is None or not access.can_approve_access_request(user, request):
        raise PermissionDenied(_("The requester may no longer have this export."))
    client = request.client
    record = subject_record(client)
    stem = f"{client.registration_number}_{timezone.localdate():%Y%m%d}"
    if run.kind == ReportRun.Kind.SUBJECT_JSON:
        document = {
            "centre": request.centre.name,
            "registration_number": client.registration_number,
            "prepared_at": timezone.now(),
            "record": record,
        }
        content = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        return content.encode(), f"{stem}.json"
    sections = [
        (str(SECTION_TITLES[name]), record[name]) for name in SECTION_TITLES if name in record
    ]
    html = rendering.render_html(
        "privacy/pdf/subject_export.html",
        {
            "header": f"{request.centre.name} · {client.registration_number}",
            "centre": request.centre,
            "client": client,
            "access_request": request,
            "sections": sections,
            "viewed_by": record["viewed_by"],
        },
    )
    return rendering.html_to_pdf(html), f"{stem}.pdf"
