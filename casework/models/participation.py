"""The person's own part in their plan: their view of a plan version and whether they agree,
in their own words (a child's in child-friendly terms). Family members and the client
take part in case conferences as attendees (casework/models/conferences.py)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.base import CaseRecord
from casework.models.plans import PlanVersion


class PlanView(CaseRecord):
    class Agreement(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        AGREED_WITH_CHANGES = "with_changes", _("Agreed with changes")
        NOT_AGREED = "not_agreed", _("Not agreed")

    class Speaker(models.TextChoices):
        CLIENT = "client", _("The client")
        CHILD = "child", _("The child")
        GUARDIAN = "guardian", _("Parent or guardian")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="plan_views")
    plan = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="client_views")
    speaker = models.CharField(_("whose view"), max_length=10, choices=Speaker.choices)
    agreement = models.CharField(_("agreement"), max_length=12, choices=Agreement.choices)
    in_their_words = models.TextField(_("in their own words"))
    changes_asked = models.TextField(_("changes they ask for"), blank=True)
    # A child is asked in child-friendly terms; their answers are kept as they said them.
    child_wishes = models.TextField(_("what I would like"), blank=True)
    child_worries = models.TextField(_("what worries me"), blank=True)
    child_helpers = models.TextField(_("who I want to help me"), blank=True)
    recorded_on = models.DateField(_("date"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("client's view of the plan")
        ordering = ["plan", "-recorded_on", "-id"]

    def __str__(self) -> str:
        return f"{self.plan} {self.agreement}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} plan v{self.plan.number} view"

    @property
    def is_childs(self) -> bool:
        return self.speaker == self.Speaker.CHILD
