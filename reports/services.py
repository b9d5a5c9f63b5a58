"""The report job model: request, claim, render, finish. Safe under duplicate delivery,
double clicks, killed workers and a broker that is down when the report is asked for."""

import hashlib
import json
import logging
import os
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from casework.models import Case
from reports import certificates, letters, rendering, spreadsheets, summaries
from reports.case_report import case_report_pdf
from reports.models import Letter, ReportRun
from reports.monthly import Period, build_report
from reports.monthly.period import MONTH
from sentra import access, audit
from sentra.celery import app as celery_app
from sentra.models import Centre
from sentra.replica import reading_for_reports

logger = logging.getLogger(__name__)
# A pending run nobody has rung the bell for (its publish failed) waits this long before
# the sweeper sends it: the web request's own `on_commit` publish comes first.
SWEEP_GRACE = timedelta(seconds=30)


def lease_seconds() -> int:
    return settings.REPORT_LEASE_SECONDS


def dedupe_key(*, kind: str, params: dict, by) -> str:
    """The identity of "this report for this requester": one open run per key (a partial
    unique constraint on the table), so a double click cannot make two."""
    identity = {"kind": kind, "params": params, "by": by.pk if by is not None else None}
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()


def request_report(*, by, kind: str, params: dict, centre, request=None) -> ReportRun:
    """Create the run first (the truth), then ring the bell after commit. While the same
    report for the same requester is queued or running, asking again returns that run:
    the database constraint decides between two simultaneous requests."""
    key = dedupe_key(kind=kind, params=params, by=by)
    for _attempt in range(3):
        with transaction.atomic():
            open_run = ReportRun.objects.filter(
                dedupe_key=key, status__in=[ReportRun.Status.PENDING, ReportRun.Status.RUNNING]
            ).first()
            if open_run is not None:
                return open_run
            try:
                with transaction.atomic():  # a savepoint: the losing insert rolls back alone
                    run = ReportRun.objects.create(
                        kind=kind,
                        params=params,
                        requested_by=by,
                        centre=centre,
                        dedupe_key=key,
                        language=translation.get_language() or "id",
                    )
            except IntegrityError:
                continue  # another request inserted it first: read theirs on the next turn
            audit.record(audit.Action.CREATE, by=by, obj=run, request=request, centre=centre)
            transaction.on_commit(partial(enqueue, run.pk))
            return run
    raise RuntimeError(f"Could not queue {kind} {params}")  # pragma: no cover


# Sent by name, as the settings route it (CELERY_TASK_ROUTES): the task module imports this
# one, never the other way round.
GENERATE_REPORT_TASK = "reports.tasks.generate_report_task"
# Workloads get their own queues: a worker waiting for a case PDF or a letter must not
# queue behind the month-start batch of every centre's reports and the subject exports.
BULK_KINDS = frozenset(ReportRun.MONTHLY_KINDS + ReportRun.SUBJECT_KINDS)


def queue_for(kind: str | None) -> str:
    return "bulk" if kind in BULK_KINDS else "reports"


def enqueue(run_id: int) -> bool:
    """Ring the bell for `run_id`. Without a broker (the quick start) the report is rendered
    here and now; with one, a worker of the `reports` queue takes it. If the broker does not
    answer within PUBLISH_TIMEOUT_SECONDS, the run stays pending with no dispatch time and
    the sweeper sends it later: a web request never waits on the broker."""
    if celery_app.conf.task_always_eager:
        try:
            execute(run_id)
            return True
        except Exception:  # the run row holds the error; the request still succeeds
            logger.warning("Report run %s failed in-process", run_id, exc_info=True)
            return False
    ReportRun.objects.filter(pk=run_id).update(dispatched_at=timezone.now())
    try:
        publish(run_id)
        return True
    except Exception:  # a broker outage must never fail the web request
        logger.warning("Report run %s stays queued: the broker did not answer", run_id)
        ReportRun.objects.filter(pk=run_id).update(dispatched_at=None)
        return False


def publish(run_id: int) -> None:
    """One attempt on a fresh connection with short timeouts and no retries: the worker's
    own broker settings (CELERY_BROKER_TRANSPORT_OPTIONS) stay generous, publishing does
    not. The sweeper is the retry."""
    timeout = settings.PUBLISH_TIMEOUT_SECONDS
    queue = queue_for(ReportRun.objects.filter(pk=run_id).values_list("kind", flat=True).first())
    with celery_app.connection_for_write(
        connect_timeout=timeout,
        # max_retries=0: kombu would otherwise retry a refused connection for ~2 s.
        transport_options={
            "socket_timeout": timeout,
            "socket_connect_timeout": timeout,
            "max_retries": 0,
        },
    ) as connection:
        celery_app.send_task(
            GENERATE_REPORT_TASK, args=[run_id], connection=connection, retry=False, queue=queue
        )


def claim(run_id: int) -> ReportRun | None:
    """Take the run if it is pending, or running with an expired lease (its worker died).
    One conditional UPDATE: two deliveries can never both win."""
    now = timezone.now()
    claimed = (
        ReportRun.objects.filter(pk=run_id, attempts__lt=ReportRun.MAX_ATTEMPTS)
        .filter(
            Q(status=ReportRun.Status.PENDING)
            | Q(status=ReportRun.Status.RUNNING, lease_until__lt=now)
        )
        .update(
            status=ReportRun.Status.RUNNING,
            attempts=F("attempts") + 1,
            started_at=now,
            lease_until=now + timedelta(seconds=lease_seconds()),
        )
    )
    return (
        ReportRun.objects.select_related("requested_by", "centre").get(pk=run_id)
        if claimed
        else None
    )


def execute(run_id: int) -> ReportRun | None:
    run = claim(run_id)
    if run is None:
        return None  # done already, or another worker holds the lease
    try:
        with translation.override(run.language):
            content, filename = render(run)
        _store(run, content, filename)
    except Exception as error:
        logger.exception("Report run %s failed (attempt %s)", run.pk, run.attempts)
        give_up = run.attempts >= ReportRun.MAX_ATTEMPTS
        ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.RUNNING).update(
            status=ReportRun.Status.FAILED if give_up else ReportRun.Status.PENDING,
            error=f"{type(error).__name__}: {error}"[:2000],
            lease_until=None,
            finished_at=timezone.now() if give_up else None,
        )
        if not give_up:
            raise
    return ReportRun.objects.get(pk=run.pk)


# Kinds that a higher app renders itself, named like tasks are (by dotted path, resolved at
# run time): this module cannot import an app that stands above it.
RENDERED_ELSEWHERE: dict[str, str] = {
    ReportRun.Kind.SUBJECT_PDF: "privacy.services.export.render_subject_export",
    ReportRun.Kind.SUBJECT_JSON: "privacy.services.export.render_subject_export",
}


def render(run: ReportRun) -> tuple[bytes, str]:
    """Render from scratch, after checking again that the requester may have it."""
    user = run.requested_by
    if run.kind in RENDERED_ELSEWHERE:
        return import_string(RENDERED_ELSEWHERE[run.kind])(run)
    if run.kind == ReportRun.Kind.CERTIFICATE_PDF:
        return certificates.render_certificate(run)
    if run.kind == ReportRun.Kind.LETTER_PDF:
        return letters.render_letter(run)
    if run.kind == ReportRun.Kind.CASE_PDF:
        case = Case.objects.select_related("client", "centre", "primary_worker").get(
            pk=run.params["case"]
        )
        if user is None or not access.can_request_case_report(user, case):
            raise PermissionDenied(_("The requester may no longer see this case."))
        pdf = case_report_pdf(case, user=user, include_notes=run.params.get("include_notes", True))
        return pdf, f"{case.number}_{timezone.localdate():%Y%m%d}.pdf"
    centre = Centre.objects.get(pk=run.params["centre"]) if run.params.get("centre") else None
    if user is not None and not access.can_request_monthly_report(user, centre):
        raise PermissionDenied(_("The requester may no longer have this report."))
    month = date.fromisoformat(run.params["month"] + "-01")
    period = Period.of(run.params.get("period", MONTH), month)
    with reading_for_reports():  # a month's figures tolerate replication lag
        report = build_report(centre=centre, period=period)
    # Counted anyway: the dashboard reads them instead of counting a closed period again.
    summaries.store_if_closed(centre, period, report.figures)
    stem = f"{centre.code if centre else 'SEMUA'}_{period.slug}"
    if run.kind == ReportRun.Kind.MONTHLY_XLSX:
        return spreadsheets.monthly_xlsx(report), f"{stem}.xlsx"
    if run.kind == ReportRun.Kind.MONTHLY_CSV:
        return spreadsheets.monthly_csv_zip(report, language=run.language), f"{stem}_csv.zip"
    html = rendering.render_html(
        "reports/pdf/monthly_report.html",
        rendering.monthly_report_context(report, prepared_by=user),
    )
    return rendering.html_to_pdf(html), f"{stem}.pdf"


def _store(run: ReportRun, content: bytes, filename: str) -> None:
    """Write to a temporary name and rename: a reader never sees half a file, and a
    re-run overwrites the same deterministic path."""
    name = f"reports/{run.public_id}.{run.extension}"
    path = default_storage.path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.part"
    with open(temporary, "wb") as handle:
        handle.write(content)
    os.replace(temporary, path)
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportRun.Status.DONE,
        file=name,
        filename=filename,
        checksum=hashlib.sha256(content).hexdigest(),
        finished_at=timezone.now(),
        lease_until=None,
        error="",
    )


def sweep() -> int:
    """Re-send runs whose message was lost (pending, never or long ago dispatched) or whose
    worker died (lease expired). Called periodically by Celery beat. A run is re-sent only
    when its last dispatch is older than the lease, however long the workers are away: the
    queue holds at most one message per run per lease, not one per sweep."""
    now = timezone.now()
    lease_ago = now - timedelta(seconds=lease_seconds())
    not_recently_sent = Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=lease_ago)
    stale = (
        ReportRun.objects.filter(attempts__lt=ReportRun.MAX_ATTEMPTS)
        .filter(
            Q(status=ReportRun.Status.PENDING, created_at__lt=now - SWEEP_GRACE)
            | Q(status=ReportRun.Status.RUNNING, lease_until__lt=now)
        )
        .filter(not_recently_sent)
    )
    requeued = 0
    for run_id in stale.values_list("pk", flat=True):
        # Claim the dispatch with one conditional UPDATE: two sweepers never both send.
        if ReportRun.objects.filter(not_recently_sent, pk=run_id).update(dispatched_at=now):
            requeued += _send_swept(run_id)
    ReportRun.objects.filter(
        status=ReportRun.Status.RUNNING, lease_until__lt=now, attempts__gte=ReportRun.MAX_ATTEMPTS
    ).update(
        status=ReportRun.Status.FAILED,
        error=_("The worker stopped three times while preparing this report."),
        finished_at=now,
    )
    return requeued


def _send_swept(run_id: int) -> bool:
    if celery_app.conf.task_always_eager:
        return enqueue(run_id)
    try:
        publish(run_id)
        return True
    except Exception:
        logger.warning("Report run %s: the broker still does not answer", run_id)
        ReportRun.objects.filter(pk=run_id).update(dispatched_at=None)
        return False


def request_previous_month_reports() -> int:
    """The automatic monthly reports: every active centre, previous month, all formats."""
    first = timezone.localdate().replace(day=1)
    month = (first - timedelta(days=1)).strftime("%Y-%m")
    created = 0
    for centre in Centre.objects.filter(is_active=True):
        for kind in ReportRun.MONTHLY_KINDS:
            params = {"centre": centre.pk, "month": month}
            if ReportRun.objects.filter(kind=kind, params=params, requested_by=None).exists():
                continue
            key = dedupe_key(kind=kind, params=params, by=None)
            try:
                with transaction.atomic():
                    run = ReportRun.objects.create(
                        kind=kind, params=params, centre=centre, dedupe_key=key
                    )
                    transaction.on_commit(partial(enqueue, run.pk))
            except IntegrityError:
                continue  # a second beat instance queued it a moment ago
            created += 1
    return created


# --- Official letters ------------------------------------------------------------------------


def issue_and_print_letter(*, by, case: Case, kind: str, source=None, request=None) -> Letter:
    """Issue the letter and queue its PDF, in one transaction."""
    with transaction.atomic():
        letter = letters.issue_letter(by=by, case=case, kind=kind, source=source, request=request)
        request_report(
            by=by,
            kind=ReportRun.Kind.LETTER_PDF,
            params={"letter": letter.pk},
            centre=letter.centre,
            request=request,
        )
    return letter


def reprint_letter(*, by, letter: Letter, request=None) -> ReportRun:
    """A fresh print of an issued letter, from what was kept: the same document."""
    if letter.is_cancelled:
        raise ValidationError(_("A cancelled letter is not printed again."))
    if not access.can_issue_letter(by, letter.case):
        raise PermissionDenied
    return request_report(
        by=by,
        kind=ReportRun.Kind.LETTER_PDF,
        params={"letter": letter.pk},
        centre=letter.centre,
        request=request,
    )
