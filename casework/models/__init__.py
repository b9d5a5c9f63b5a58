"""Casework records, one module per sub-domain (Django needs them all imported here)."""

from casework.models.aftercare import FollowUp
from casework.models.cases import Case, CaseAssignment, StageMove
from casework.models.conferences import (
    Conference,
    ConferenceAmendment,
    ConferenceAttendee,
    ConferenceCase,
)
from casework.models.groups import Group, GroupSession
from casework.models.monitoring import GoalProgress, GoalStatus, MonitoringReview
from casework.models.notes import CaseNote, Task
from casework.models.participation import PlanView
from casework.models.partners import Partner
from casework.models.plans import Component, PlanGoal, PlanVersion
from casework.models.referrals import Referral
from casework.models.reviews import Review
from casework.models.service_records import ServiceRecord, ServiceType
from casework.models.termination import Termination

__all__ = [
    "Case",
    "CaseAssignment",
    "CaseNote",
    "Component",
    "Conference",
    "ConferenceAmendment",
    "ConferenceAttendee",
    "ConferenceCase",
    "FollowUp",
    "GoalProgress",
    "GoalStatus",
    "Group",
    "GroupSession",
    "MonitoringReview",
    "Partner",
    "PlanGoal",
    "PlanVersion",
    "PlanView",
    "Referral",
    "Review",
    "ServiceRecord",
    "ServiceType",
    "StageMove",
    "Task",
    "Termination",
]
