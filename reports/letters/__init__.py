"""Official letters: issue (number, verification code, content kept), print and re-print
through the report-job model, cancel (the number stays used), verify by code.

A letter's number comes from a per-centre, per-year sequence, taken under a row lock in
the issuing transaction, and formatted with the centre's pattern, e.g.
`{seq}/{centre}/RS.03.01/{roman_month}/{year}` -> `007/SBD/RS.03.01/XI/2026`.
"""

import hashlib
import secrets
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.models import Case, Referral, Termination
from reports import rendering
from reports.letters import content as texts
from reports.models import Letter, LetterSequence, ReportRun
from reports.monthly.period import ROMAN
from sentra import access, audit

KIND_CODES = {
    Letter.Kind.REFERRAL: "RJK",
    Letter.Kind.ADMISSION: "BAP",
    Letter.Kind.AGREEMENT: "KSL",
    Letter.Kind.HANDOVER: "BAST",
    Letter.Kind.SOCIAL_REPORT: "LAPSOS",
    Letter.Kind.COMPLETION: "SKSL",
}
BUILDERS: dict[str, Callable[..., dict]] = {
    Letter.Kind.REFERRAL: texts.referral_letter,
    Letter.Kind.ADMISSION: texts.admission_record,
    Letter.Kind.AGREEMENT: texts.service_agreement,
    Letter.Kind.HANDOVER: texts.handover_record,
    Letter.Kind.SOCIAL_REPORT: texts.social_report,
    Letter.Kind.COMPLETION: texts.completion_certificate,
}
HANDOVER_REASONS = (Termination.Reason.REUNIFIED, Termination.Reason.REFERRED)
# No 0/O or 1/I/L: the code is read off paper and typed.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LETTER_LANGUAGE = "id"  # official letters are written in Indonesian


def sources_for(case: Case, kind: str):
    """The records a letter of `kind` may be issued from (None: the case itself)."""
    if kind == Letter.Kind.REFERRAL:
        return Referral.objects.filter(case=case).exclude(status=Referral.Status.CANCELLED)
    if kind == Letter.Kind.HANDOVER:
        return Termination.objects.filter(
            case=case, review__status="approved", reason__in=HANDOVER_REASONS
        )
    return None


def check_can_issue(case: Case, kind: str, source) -> None:
    """The workflow rules for each kind, in one place."""
    if kind in (Letter.Kind.REFERRAL, Letter.Kind.HANDOVER) and source is None:
        raise ValidationError(_("Choose the record this letter is issued from."))
    if kind == Letter.Kind.COMPLETION and case.is_open:
        raise ValidationError(_("A certificate of completed services needs a closed case."))


def format_number(pattern: str, *, centre, kind: str, sequence: int, day) -> str:
    return pattern.format(
        seq=f"{sequence:03d}",
        centre=centre.code,
        kind=KIND_CODES[Letter.Kind(kind)],
        month=f"{day.month:02d}",
        roman_month=ROMAN[day.month - 1],
        year=day.year,
    )


def next_sequence(centre, year: int) -> int:
    """The next number of the centre's year. Call inside the issuing transaction: the row
    lock holds until it commits, so a concurrent issue waits and takes the number after."""
    LetterSequence.objects.get_or_create(centre=centre, year=year)
    row = LetterSequence.objects.select_for_update().get(centre=centre, year=year)
    LetterSequence.objects.filter(pk=row.pk).update(last=F("last") + 1)
    return row.last + 1


def _verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))


def issue_letter(*, by, case: Case, kind: str, source=None, request=None) -> Letter:
    """Number the letter and keep what it says (reports.services prints it)."""
    if not access.can_issue_letter(by, case):
        raise PermissionDenied
    check_can_issue(case, kind, source)
    centre = case.centre
    day = timezone.localtime(timezone.now(), centre.zone).date()
    with translation.override(LETTER_LANGUAGE):
        body = BUILDERS[Letter.Kind(kind)](case, source)
        body["letterhead"] = rendering.letterhead(centre)
        body["place_and_date"] = ", ".join(
            part for part in [centre.province, rendering.written_date(day)] if part
        )
        body["kind_label"] = str(Letter.Kind(kind).label)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                sequence = next_sequence(centre, day.year)
                letter = Letter.objects.create(
                    centre=centre,
                    case=case,
                    kind=kind,
                    source_id=getattr(source, "pk", None),
                    year=day.year,
                    sequence=sequence,
                    number=format_number(
                        centre.letter_number_pattern,
                        centre=centre,
                        kind=kind,
                        sequence=sequence,
                        day=day,
                    ),
                    issued_on=day,
                    issued_by=by,
                    verification_code=_verification_code(),
                    content=body,
                )
                audit.record(audit.Action.CREATE, by=by, obj=letter, request=request, centre=centre)
                return letter
        except IntegrityError:
            continue  # a verification code taken already (one in a billion): draw again
    raise RuntimeError("Could not issue the letter")


@transaction.atomic
def cancel_letter(*, by, letter: Letter, reason: str, request=None) -> Letter:
    """Cancel the letter; its number stays used (the sequence never goes back)."""
    if not access.can_cancel_letter(by, letter):
        raise PermissionDenied
    updated = Letter.objects.filter(pk=letter.pk, status=Letter.Status.ISSUED).update(
        status=Letter.Status.CANCELLED,
        cancelled_at=timezone.now(),
        cancelled_by=by,
        cancel_reason=reason[:300],
    )
    letter.refresh_from_db()
    if updated:
        audit.record(audit.Action.ARCHIVE, by=by, obj=letter, request=request, centre=letter.centre)
    return letter


def letter_context(letter: Letter) -> dict:
    return {
        "letter": letter,
        "body": letter.content,
        "letterhead": letter.content.get("letterhead", {}),
        "header": "",
    }


def render_letter(run: ReportRun) -> tuple[bytes, str]:
    """The PDF of the letter, from what was kept when it was issued: the same bytes every
    time. The first print records the checksum; a later print that differs fails."""
    letter = Letter.objects.select_related("case__centre", "case").get(pk=run.params["letter"])
    if run.requested_by is None or not access.can_issue_letter(run.requested_by, letter.case):
        raise PermissionDenied(_("The requester may no longer print this letter."))
    with translation.override(LETTER_LANGUAGE):
        html = rendering.render_html("reports/pdf/letter.html", letter_context(letter))
        pdf = rendering.html_to_pdf(html)
    checksum = hashlib.sha256(pdf).hexdigest()
    if not letter.checksum:
        Letter.objects.filter(pk=letter.pk, checksum="").update(checksum=checksum)
        letter.refresh_from_db()
    if letter.checksum != checksum:
        raise RuntimeError(f"Letter {letter.number} printed differently from its first print")
    return pdf, f"{letter.number.replace('/', '-')}.pdf"
