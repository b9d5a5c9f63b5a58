"""The ATENSI stage rules: which moves exist, and the guards that may refuse one.

A move is allowed when it is in ALLOWED_MOVES and no guard objects. Later features add
guards with the `guard` decorator, e.g.:

    @guard(leaving=Stage.ASSESSMENT)
    def needs_submitted_assessment(case, by):
        if not ...:
            return _("Submit the comprehensive assessment first.")
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from casework.models.stages import Stage
from clients.models import Consent

ALLOWED_MOVES: dict[str, set[str]] = {
    Stage.ACCESS: {Stage.ENGAGEMENT},
    Stage.ENGAGEMENT: {Stage.ASSESSMENT},
    Stage.ASSESSMENT: {Stage.PLANNING},
    Stage.PLANNING: {Stage.INTERVENTION},
    Stage.INTERVENTION: {Stage.MONITORING},
    # Monitoring may go back to revise the plan; a closed case reopens only as a new case.
    Stage.MONITORING: {Stage.PLANNING, Stage.TERMINATION},
    Stage.TERMINATION: set(),
}

Guard = Callable[..., str | None]
_GUARDS: list[tuple[str | None, str | None, Guard]] = []


def guard(*, leaving: str | None = None, entering: str | None = None):
    """Register a check run before a case leaves `leaving` and/or enters `entering`.
    It returns a message explaining what is missing, or None when the move may go on."""

    def register(check: Guard) -> Guard:
        _GUARDS.append((leaving, entering, check))
        return check

    return register


def next_stages(case) -> list[str]:
    return [s for s in Stage.values if s in ALLOWED_MOVES[case.stage]]


def problems_with_move(case, to_stage: str, by) -> list[str]:
    """Why `by` may not move `case` to `to_stage` now; empty when the move is allowed."""
    if to_stage not in ALLOWED_MOVES.get(case.stage, set()):
        return [
            _("A case in %(current)s cannot move to %(target)s.")
            % {"current": Stage(case.stage).label, "target": Stage(to_stage).label}
        ]
    problems = []
    for leaving, entering, check in _GUARDS:
        if (leaving is None or leaving == case.stage) and (
            entering is None or entering == to_stage
        ):
            message = check(case, by)
            if message:
                problems.append(message)
    return problems


@guard(entering=Stage.ENGAGEMENT)
def consent_to_services_on_record(case, by):
    from clients.services import has_consent

    if not has_consent(case.client, Consent.Purpose.SERVICES):
        return _(
            "Engagement needs the client's consent to receive services on record "
            "(record it on the client's page)."
        )
    return None


@guard(entering=Stage.TERMINATION)
def supervisor_closes_cases(case, by):
    if not (by.is_superuser or by.is_supervisor):
        return _("Only a supervisor can close a case.")
    return None


@guard(entering=Stage.TERMINATION)
def approved_termination_request(case, by):
    from casework.services.delivery import has_approved_termination

    if not has_approved_termination(case):
        return _("Closing needs an approved termination request.")
    return None


@guard(entering=Stage.INTERVENTION)
def approved_plan_on_record(case, by):
    from casework.services.plans import has_approved_plan

    if not has_approved_plan(case):
        return _(
            "Intervention needs an approved service plan, agreed at a case conference "
            "(or approved by a supervisor after one)."
        )
    return None
