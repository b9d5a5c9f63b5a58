from casework.models.cases import Case, CaseAssignment, StageMove
from casework.models.conferences import (
    Conference,
    ConferenceAmendment,
    ConferenceAttendee,
    ConferenceCase,
)
from casework.models.delivery import (
    FollowUp,
    GoalProgress,
    GoalStatus,
    Group,
    GroupSession,
    MonitoringReview,
    Partner,
    Referral,
    ServiceRecord,
    ServiceType,
    Termination,
)
from casework.models.notes import CaseNote, Task
from casework.models.plans import Component, PlanGoal, PlanVersion, Review

__all__ = [
    "FollowUp",
    "GoalProgress",
    "GoalStatus",
    "Group",
    "GroupSession",
    "MonitoringReview",
    "Partner",
    "Referral",
    "ServiceRecord",
    "ServiceType",
    "Termination",
    "Case",
    "CaseAssignment",
    "CaseNote",
    "Component",
    "Conference",
    "ConferenceAmendment",
    "ConferenceAttendee",
    "ConferenceCase",
    "PlanGoal",
    "PlanVersion",
    "Review",
    "StageMove",
    "Task",
]
