"""Course certificates as PDF: a report run of kind `certificate_pdf` whose params name the
certificate (activities/models/completion.py). Rendered like every other report."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from activities.models import Certificate
from reports import rendering
from reports.models import ReportRun
from sentra import access


def certificate_context(certificate: Certificate) -> dict:
    enrolment = certificate.enrolment
    course = enrolment.course
    modules = list(course.modules.all())  # type: ignore[attr-defined]
    evaluations = {e.module_id: e for e in enrolment.evaluations.all()}  # type: ignore[attr-defined]
    return {
        "certificate": certificate,
        "client": enrolment.case.client,
        "course": course,
        "centre": certificate.centre,
        "rows": [(module, evaluations.get(module.pk)) for module in modules],
        "total_hours": sum(module.hours for module in modules),
        "header": f"{certificate.centre.name} · {certificate.number}",
    }


def render_certificate(run: ReportRun) -> tuple[bytes, str]:
    certificate = Certificate.objects.select_related(
        "centre", "enrolment__course", "enrolment__case__client", "enrolment__course__centre"
    ).get(pk=run.params["certificate"])
    if run.requested_by is None or not access.can_request_certificate(
        run.requested_by, certificate
    ):
        raise PermissionDenied(_("The requester may no longer print this certificate."))
    html = rendering.render_html("reports/pdf/certificate.html", certificate_context(certificate))
    stem = certificate.number.replace("/", "-")
    return rendering.html_to_pdf(html), f"{stem}.pdf"
