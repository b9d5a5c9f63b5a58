"""The PPKS registry's records, one module per part (Django needs them all imported here)."""

from clients.models.family import FamilyMember, FamilyTracingAttempt
from clients.models.national import AssistanceReceived
from clients.models.papers import ClientDocument, Consent
from clients.models.privacy import ProcessingRestriction
from clients.models.reference import (
    AtensiCluster,
    ClusterMapping,
    DisabilityType,
    PPKSCategory,
    ReferenceItem,
)
from clients.models.registry import (
    Citizenship,
    Client,
    Education,
    MaritalStatus,
    Religion,
    Sex,
    TracingStatus,
)

__all__ = [
    "AssistanceReceived",
    "AtensiCluster",
    "Citizenship",
    "Client",
    "ClientDocument",
    "ClusterMapping",
    "Consent",
    "DisabilityType",
    "Education",
    "FamilyMember",
    "FamilyTracingAttempt",
    "MaritalStatus",
    "PPKSCategory",
    "ProcessingRestriction",
    "ReferenceItem",
    "Religion",
    "Sex",
    "TracingStatus",
]
