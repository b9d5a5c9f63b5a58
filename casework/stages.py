"""The ATENSI stage rules, all in one place: which moves exist, and every rule that may
refuse one.

A move is allowed when it is in ALLOWED_MOVES and no rule in RULES objects. Each rule is
a plain function that returns a message saying what is missing, or None. To add a rule,
write the function here and add a row to RULES; nothing registers itself from elsewhere.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from assessments.models import InstrumentKind
from assessments.services import has_submitted
from casework.models import Case
from casework.models.stages import Stage
from casework.services.plans import has_approved_plan
from casework.services.termination import has_approved_termination
from clients.models import Consent
from clients.services import has_consent
from sentra.scopes import Role, has_role

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


# --- The rules -----------------------------------------------------------------------------------


def consent_to_services_on_record(case: Case, by) -> str | None:
    if not has_consent(case.client, Consent.Purpose.SERVICES):
        return _(
            "Engagement needs the client's consent to receive services on record "
            "(record it on the client's page)."
        )
    return None


def comprehensive_assessment_submitted(case: Case, by) -> str | None:
    if not has_submitted(case, InstrumentKind.COMPREHENSIVE):
        return _("Leaving the assessment stage needs a submitted comprehensive assessment.")
    return None


def approved_plan_on_record(case: Case, by) -> str | None:
    if not has_approved_plan(case):
        return _(
            "Intervention needs an approved service plan agreed at a finalised case "
            "conference: approved there, or approved in review and endorsed there."
        )
    return None


def supervisor_closes_cases(case: Case, by) -> str | None:
    if not has_role(by, Role.SUPERVISOR):
        return _("Only a supervisor can close a case.")
    return None


def approved_termination_request(case: Case, by) -> str | None:
    if not has_approved_termination(case):
        return _("Closing needs an approved termination request.")
    return None


@dataclass(frozen=True)
class Rule:
    """`check` runs before a case leaves `leaving` and/or enters `entering` (None: any)."""

    check: Callable[[Case, object], str | None]
    leaving: str | None = None
    entering: str | None = None

    def applies(self, from_stage: str, to_stage: str) -> bool:
        return (self.leaving in (None, from_stage)) and (self.entering in (None, to_stage))


RULES: tuple[Rule, ...] = (
    Rule(consent_to_services_on_record, entering=Stage.ENGAGEMENT),
    Rule(comprehensive_assessment_submitted, leaving=Stage.ASSESSMENT),
    Rule(approved_plan_on_record, entering=Stage.INTERVENTION),
    Rule(supervisor_closes_cases, entering=Stage.TERMINATION),
    Rule(approved_termination_request, entering=Stage.TERMINATION),
)


# --- The mechanism -------------------------------------------------------------------------------


def next_stages(case: Case) -> list[str]:
    return [s for s in Stage.values if s in ALLOWED_MOVES[case.stage]]


def problems_with_move(case: Case, to_stage: str, by, rules=RULES) -> list[str]:
    """Why `by` may not move `case` to `to_stage` now; empty when the move is allowed."""
    if to_stage not in ALLOWED_MOVES.get(case.stage, set()):
        return [
            _("A case in %(current)s cannot move to %(target)s.")
            % {"current": Stage(case.stage).label, "target": Stage(to_stage).label}
        ]
    applicable = (rule for rule in rules if rule.applies(case.stage, to_stage))
    return [message for rule in applicable if (message := rule.check(case, by))]


def problems_with_first_response(case: Case, by) -> list[str]:
    """The one rule before an emergency's first response is recorded."""
    if not has_submitted(case, InstrumentKind.RAPID):
        return [_("Submit a rapid assessment before marking the first response done.")]
    return []
