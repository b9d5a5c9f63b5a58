"""Centre activities and vocational courses, one module per sub-domain (Django needs them
all imported here)."""

from activities.models.activities import Activity, ActivityPhoto, Attendance, ExternalRole
from activities.models.completion import BusinessPractice, Certificate, StarterPackage
from activities.models.courses import (
    Competency,
    Course,
    Enrolment,
    Module,
    ModuleEvaluation,
    Skill,
)
from activities.models.kinds import ActivityKind
from activities.models.schedule import ScheduleSlot

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityPhoto",
    "Attendance",
    "BusinessPractice",
    "Certificate",
    "Competency",
    "Course",
    "Enrolment",
    "ExternalRole",
    "Module",
    "ModuleEvaluation",
    "ScheduleSlot",
    "Skill",
    "StarterPackage",
]
