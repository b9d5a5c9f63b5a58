"""The records of processing activities (UU PDP art. 31), kept as configuration beside the
code: each activity names the models it keeps, and the page lists their fields from the
models themselves, so the record cannot drift from what the application stores."""

from dataclasses import dataclass

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Activity:
    name: str | Promise
    purpose: str | Promise
    legal_basis: str | Promise
    subjects: str | Promise
    retention: str | Promise
    recipients: str | Promise
    models: tuple[str, ...]


RETENTION_RULE = _(
    "Kept while a case is open, then for the centre's retention period after closure; then "
    "anonymised (identifiers and free text removed, statistics kept)."
)

ACTIVITIES = (
    Activity(
        _("Registration of clients (PPKS)"),
        _("Identify the person, establish eligibility for social rehabilitation (ATENSI)."),
        _("Performing a legal obligation and a public task (Law 11/2009 on Social Welfare)."),
        _("Clients and their family members"),
        RETENTION_RULE,
        _("Staff of the centre; referral partners only with the client's consent."),
        ("clients.Client", "clients.FamilyMember", "clients.ClientDocument"),
    ),
    Activity(
        _("Consent and the client's wishes"),
        _("Prove consent to services and sharing; honour restriction and objection."),
        _("Consent (UU PDP art. 20) and the subject's rights (art. 5-13)."),
        _("Clients and their guardians"),
        RETENTION_RULE,
        _("Staff of the centre"),
        ("clients.Consent", "clients.ProcessingRestriction", "privacy.SubjectAccessRequest"),
    ),
    Activity(
        _("Case management"),
        _("Assess needs, plan and deliver rehabilitation services, refer, monitor, terminate."),
        _("Public task and vital interests of the client (child protection)."),
        _("Clients"),
        RETENTION_RULE,
        _("The case team and supervisors; partners named in a referral."),
        (
            "casework.Case",
            "casework.CaseNote",
            "assessments.Assessment",
            "casework.PlanVersion",
            "casework.ServiceRecord",
            "casework.Referral",
        ),
    ),
    Activity(
        _("Accountability of staff"),
        _("Know who read or changed a file, detect misuse, meet audit duties."),
        _("Legal obligation (UU PDP art. 31, 35-39: security and accountability)."),
        _("Staff"),
        _("Kept for the life of the installation; contains no content of the files."),
        _("Centre admins"),
        ("sentra.User", "sentra.AuditEvent"),
    ),
    Activity(
        _("Breach register"),
        _("Record and notify data breaches within 3 x 24 hours."),
        _("Legal obligation (UU PDP art. 46)."),
        _("Clients and staff whose data was affected"),
        _("Kept for the life of the installation."),
        _("The data-protection authority and the people affected."),
        ("privacy.BreachIncident",),
    ),
)


def processing_records() -> list[dict]:
    """Each activity with the data it keeps, field by field, read from the models."""
    records = []
    for activity in ACTIVITIES:
        data = []
        for label in activity.models:
            model = apps.get_model(label)
            fields = [
                str(field.verbose_name)
                for field in model._meta.concrete_fields
                if field.editable and not field.primary_key and field.name != "version"
            ]
            data.append({"model": str(model._meta.verbose_name), "fields": fields})
        records.append({"activity": activity, "data": data})
    return records
