import pytest

from casework import stages
from casework.models import Case, StageMove
from casework.models.cases import record_when_stages_were_left
from casework.models.stages import STAGE_ORDER, Stage
from casework.services.cases import StageMoveRefused, move_case_to_stage
from tests.factories import (
    ClientFactory,
    approved_plan,
    approved_termination,
    open_case_for,
    submitted_assessment,
)

pytestmark = pytest.mark.django_db

FORWARD = list(zip(STAGE_ORDER, STAGE_ORDER[1:], strict=False))
ALLOWED = {*FORWARD, (Stage.MONITORING, Stage.PLANNING)}
ALL_PAIRS = [(a, b) for a in STAGE_ORDER for b in STAGE_ORDER if a != b]


@pytest.mark.parametrize(("from_stage", "to_stage"), ALL_PAIRS)
def test_every_move_is_allowed_or_refused_by_the_rules(
    case, supervisor, consent_to_services, from_stage, to_stage
):
    submitted_assessment(case, "comprehensive", supervisor)
    if (from_stage, to_stage) == (Stage.PLANNING, Stage.INTERVENTION):
        approved_plan(case, case.primary_worker, supervisor)
    if (from_stage, to_stage) == (Stage.MONITORING, Stage.TERMINATION):
        approved_termination(case, case.primary_worker, supervisor)
    Case.objects.filter(pk=case.pk).update(stage=from_stage)
    case.refresh_from_db()
    problems = stages.problems_with_move(case, to_stage, supervisor)
    assert (problems == []) == ((from_stage, to_stage) in ALLOWED), problems


def test_a_case_walks_from_access_to_monitoring_and_back_to_planning(
    case, worker, supervisor, consent_to_services
):
    submitted_assessment(case, "comprehensive", worker)
    approved_plan(case, worker, supervisor)
    for stage in STAGE_ORDER[1:6]:
        move_case_to_stage(by=worker, case=case, to_stage=stage, reason="lanjut")
    case.refresh_from_db()
    assert case.stage == Stage.MONITORING
    move_case_to_stage(
        by=worker, case=case, to_stage=Stage.PLANNING, reason="rencana perlu direvisi"
    )
    moves = list(case.stage_moves.values_list("from_stage", "to_stage", "moved_by", "reason"))
    assert moves[0] == ("", Stage.ACCESS, worker.pk, "Case opened")
    assert moves[-1] == (Stage.MONITORING, Stage.PLANNING, worker.pk, "rencana perlu direvisi")
    assert len(moves) == 7


def test_skipping_a_stage_is_refused(case, worker, consent_to_services):
    with pytest.raises(StageMoveRefused) as refusal:
        move_case_to_stage(by=worker, case=case, to_stage=Stage.ASSESSMENT)
    assert "cannot move" in refusal.value.messages[0]
    case.refresh_from_db()
    assert case.stage == Stage.ACCESS


def test_engagement_needs_consent_to_services(case, worker):
    with pytest.raises(StageMoveRefused) as refusal:
        move_case_to_stage(by=worker, case=case, to_stage=Stage.ENGAGEMENT)
    assert "consent" in refusal.value.messages[0]


def test_withdrawn_consent_does_not_count(case, worker, consent_to_services):
    from datetime import date

    consent_to_services.given_on = date(2026, 1, 1)
    consent_to_services.withdrawn_on = date(2026, 2, 1)
    consent_to_services.save()
    assert stages.problems_with_move(case, Stage.ENGAGEMENT, worker)


def test_closing_needs_an_approved_termination_and_a_supervisor(case, worker, supervisor):
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    case.refresh_from_db()
    assert len(stages.problems_with_move(case, Stage.TERMINATION, worker)) == 2
    assert stages.problems_with_move(case, Stage.TERMINATION, supervisor) == [
        "Closing needs an approved termination request."
    ]
    approved_termination(case, worker, supervisor)  # approval closes the case
    case.refresh_from_db()
    assert not case.is_open and case.closed_at is not None
    assert stages.next_stages(case) == []


def test_a_client_has_at_most_one_open_case_and_returns_as_a_new_case(
    case, case_client, worker, supervisor
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        open_case_for(case_client, worker, supervisor)
    Case.objects.filter(pk=case.pk).update(stage=Stage.TERMINATION)
    second = open_case_for(case_client, worker, supervisor)
    assert second.number != case.number and second.stage == Stage.ACCESS
    assert case_client.cases.count() == 2


def test_case_numbers_are_readable_and_per_centre(case, centre, worker, supervisor):
    from datetime import date

    assert case.number == f"ALY-K-{date.today().year}-0001"
    other = open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
    assert other.number.endswith("-0002")


def test_every_rule_that_applies_to_a_move_is_consulted(case, worker, consent_to_services):
    def never(case, by):
        return "blocked by this rule"

    rules = (*stages.RULES, stages.Rule(never, leaving=Stage.ACCESS))
    assert stages.problems_with_move(case, Stage.ENGAGEMENT, worker) == []
    assert stages.problems_with_move(case, Stage.ENGAGEMENT, worker, rules=rules) == [
        "blocked by this rule"
    ]


def test_the_rules_table_names_every_stage_rule():
    """A reader of casework/stages.py sees every rule of every move in RULES."""
    table = {(rule.check.__name__, rule.leaving, rule.entering) for rule in stages.RULES}
    assert table == {
        ("consent_to_services_on_record", None, Stage.ENGAGEMENT),
        ("comprehensive_assessment_submitted", Stage.ASSESSMENT, None),
        ("approved_plan_on_record", None, Stage.INTERVENTION),
        ("supervisor_closes_cases", None, Stage.TERMINATION),
        ("approved_termination_request", None, Stage.TERMINATION),
    }


def _walk_to_monitoring_and_back(case, worker, supervisor):
    submitted_assessment(case, "comprehensive", worker)
    approved_plan(case, worker, supervisor)
    for stage in [*STAGE_ORDER[1:6], Stage.PLANNING]:
        move_case_to_stage(by=worker, case=case, to_stage=stage, reason="lanjut")


def test_each_stage_is_left_at_the_next_move(case, worker, supervisor, consent_to_services):
    _walk_to_monitoring_and_back(case, worker, supervisor)
    moves = list(case.stage_moves.values_list("moved_at", "left_at"))
    assert len(moves) == 7
    assert [left for _moved, left in moves] == [moved for moved, _left in moves[1:]] + [None]


def test_stages_left_derived_in_bulk_are_those_the_moves_kept(
    case, worker, supervisor, consent_to_services
):
    """Moves written in bulk (generated data, backdated demo stories) get the same `left_at`
    as moving one by one gives, for the cases named only."""
    _walk_to_monitoring_and_back(case, worker, supervisor)
    other = open_case_for(
        ClientFactory(centre=case.centre, registered_by=worker), worker, supervisor
    )
    kept = list(StageMove.objects.order_by("pk").values_list("pk", "left_at"))
    assert sum(left is not None for _pk, left in kept) == 6
    StageMove.objects.filter(case=case).update(left_at=None)
    StageMove.objects.filter(case=other).update(left_at=case.opened_at)  # wrong, not named
    record_when_stages_were_left([case.pk])
    assert list(case.stage_moves.order_by("pk").values_list("pk", "left_at")) == kept[:7]
    assert other.stage_moves.get().left_at == case.opened_at
    record_when_stages_were_left()
    assert list(StageMove.objects.order_by("pk").values_list("pk", "left_at")) == kept
