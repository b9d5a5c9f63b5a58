"""Who may attend the centre's activities, and whose attendance may become a service.

Two questions, each answered in one place so a reader (or the residence app, later) finds
and changes them here:

- `attendee_cases(centre, day)`: the people on an activity's attendance list.
- `service_refusals(cases, day)`: why a person's case may *not* receive an ATENSI service
  on that day. A service booked from an activity needs both
  1. the client's consent to receive services, in force that day (the engagement
     agreement: nothing is done *to* a person without it), and
  2. a stage in `SERVICE_STAGES`: intervention or monitoring, where an agreed plan is
     carried out. Before it (access to planning) the person may join in, but there is no
     agreed plan the service belongs to; after it the case is closed.
  Anyone who fails either is listed with the reason and gets no service.
"""

from datetime import date

from activities.models.activities import NO_CONSENT, STAGE
from casework.models import Case
from casework.models.stages import Stage
from clients.models import Consent
from clients.services import clients_with_consent

SERVICE_STAGES = (Stage.INTERVENTION, Stage.MONITORING)


def attendee_cases(centre, day: date):
    """The cases whose clients may be on an attendance list of `centre` on `day`: every
    open case of the centre opened by then, by the client's name."""
    return (
        Case.objects.filter(centre=centre, opened_at__date__lte=day)
        .open()
        .select_related("client")
        .order_by("client__full_name", "pk")
    )


def service_refusals(cases, day: date) -> dict[int, str]:
    """{case id: why its client may not receive a service on `day`} for those of `cases`
    that may not (the rest may). The reasons are codes, stored beside an attendance mark
    and told in the reader's language by `describe_refusal`. One query, however many."""
    cases = list(cases)
    consenting = clients_with_consent(
        [case.client_id for case in cases], Consent.Purpose.SERVICES, on=day
    )
    refusals = {}
    for case in cases:
        reasons = []
        if case.client_id not in consenting:
            reasons.append(NO_CONSENT)
        if case.stage not in SERVICE_STAGES:
            reasons.append(f"{STAGE}:{case.stage}")
        if reasons:
            refusals[case.pk] = ";".join(reasons)
    return refusals
