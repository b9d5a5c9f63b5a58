"""Referrals to partner institutions: draft, send (with consent or a supervisor's override),
response, completion."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from casework.models import Case, Referral
from casework.services.partners import propose_partner
from clients.models import Consent, ProcessingRestriction
from clients.services import has_consent
from sentra import access, audit
from sentra.models import User

RESTRICTED_MESSAGE = _l(
    "The client has restricted or objected to the processing of their data: "
    "nothing of theirs is shared with referral partners while that is in force."
)


def refuse_if_restricted(client) -> None:
    """UU PDP: a client who restricted or objected to processing is not shared."""
    if ProcessingRestriction.objects.in_force().filter(client=client).exists():
        raise ValidationError(RESTRICTED_MESSAGE)


@transaction.atomic
def create_referral(
    *, by: User, case: Case, data: dict, documents=(), proposed_partner=None, request=None
) -> Referral:
    """Draft a referral. `proposed_partner` (name, kind, phone, address) adds an institution
    to the directory as proposed by `by`, usable at once, until an admin confirms it."""
    refuse_if_restricted(case.client)
    if proposed_partner is not None:
        data = {
            **data,
            "partner": propose_partner(
                by=by, centre=case.centre, data=proposed_partner, request=request
            ),
        }
    referral = Referral.objects.create(case=case, created_by=by, **data)
    referral.documents.set(documents)
    audit.record(
        audit.Action.CREATE, by=by, obj=referral, request=request, fields=["partner", "reason"]
    )
    return referral


@transaction.atomic
def move_referral(
    *,
    by: User,
    referral: Referral,
    to_status: str,
    notes: str = "",
    override_reason: str = "",
    request=None,
) -> Referral:
    """draft -> sent -> accepted/declined -> completed, or cancelled. Sending shares the
    client's information: it needs consent to share, or a supervisor's written override."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if to_status not in Referral.MOVES[Referral.Status(referral.status)]:
        raise ValidationError(
            _("A referral that is %(current)s cannot become %(target)s.")
            % {"current": referral.get_status_display(), "target": Referral.Status(to_status).label}
        )
    if to_status == Referral.Status.SENT:
        refuse_if_restricted(referral.case.client)
    if to_status == Referral.Status.SENT and not has_consent(
        referral.case.client, Consent.Purpose.SHARE_REFERRAL
    ):
        if not override_reason.strip():
            raise ValidationError(
                _(
                    "The client has not consented to sharing information "
                    "with referral partners. Record the consent first, or a "
                    "supervisor may send it with a written reason."
                )
            )
        access.require(access.can_override_referral_consent(by))
        referral.consent_override_reason = override_reason
        referral.consent_override_by = by
    today = timezone.localdate()
    if to_status == Referral.Status.SENT:
        referral.sent_on = today
    elif to_status in (Referral.Status.ACCEPTED, Referral.Status.DECLINED):
        referral.responded_on = today
    if notes:
        referral.response_notes = notes
    referral.status = to_status
    referral.save()
    fields = ["status"] + (["consent_override_reason"] if override_reason else [])
    audit.record(audit.Action.UPDATE, by=by, obj=referral, request=request, fields=fields)
    return referral
