from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The ATENSI stages, in order. Termination is the closed state."""

    ACCESS = "access", _("Access")
    ENGAGEMENT = "engagement", _("Engagement")
    ASSESSMENT = "assessment", _("Assessment")
    PLANNING = "planning", _("Planning")
    INTERVENTION = "intervention", _("Intervention")
    MONITORING = "monitoring", _("Monitoring")
    TERMINATION = "termination", _("Terminated (closed)")


STAGE_ORDER = list(Stage.values)
OPEN_STAGES = [s for s in STAGE_ORDER if s != Stage.TERMINATION]
