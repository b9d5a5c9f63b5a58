"""Residence records, one module per sub-domain (Django needs them all imported here)."""

from residence.models.absconding import AbscondingAction, AbscondingReport, AbscondingStatus
from residence.models.duty import DutyShift, Shift
from residence.models.health import HealthCheck, MedicationDose, SicknessEntry
from residence.models.incidents import Incident, IncidentFollowUp, IncidentKind, Severity
from residence.models.leave import LeaveKind, LeaveRequest, LeaveStatus
from residence.models.places import AgeGroup, Bed, Building, PlaceStatus, Room, SexGroup
from residence.models.rollcall import Presence, RollCall, RollCallMark, Session
from residence.models.routine import Routine
from residence.models.stays import Belonging, DepartureReason, RoomMove, Stay
from residence.models.visits import Visit, VisitRestriction

__all__ = [
    "AbscondingAction",
    "AbscondingReport",
    "AbscondingStatus",
    "AgeGroup",
    "Bed",
    "Belonging",
    "Building",
    "DepartureReason",
    "DutyShift",
    "HealthCheck",
    "Incident",
    "IncidentFollowUp",
    "IncidentKind",
    "LeaveKind",
    "LeaveRequest",
    "LeaveStatus",
    "MedicationDose",
    "PlaceStatus",
    "Presence",
    "RollCall",
    "RollCallMark",
    "Room",
    "RoomMove",
    "Routine",
    "Session",
    "Severity",
    "SexGroup",
    "Shift",
    "SicknessEntry",
    "Stay",
    "Visit",
    "VisitRestriction",
]
