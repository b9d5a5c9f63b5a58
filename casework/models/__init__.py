from casework.models.cases import Case, CaseAssignment, StageMove
from casework.models.conferences import (
    Conference,
    ConferenceAmendment,
    ConferenceAttendee,
    ConferenceCase,
)
from casework.models.notes import CaseNote, Task
from casework.models.plans import Component, PlanGoal, PlanVersion, Review

__all__ = [
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
