from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The ATENSI stages, in order, by their official names (docs/domain.md §9), which
    are what a person reads everywhere. Termination is the closed state."""

    ACCESS = "access", _("Access facilitation")
    ENGAGEMENT = "engagement", _("Initial approach and agreement")
    ASSESSMENT = "assessment", _("Comprehensive and continuing assessment")
    PLANNING = "planning", _("Service planning")
    INTERVENTION = "intervention", _("Implementation")
    MONITORING = "monitoring", _("Monitoring and evaluation")
    TERMINATION = "termination", _("Aftercare and termination")


# Only where space demands it (a stage bar on a phone, a table's column heads); the full
# official name goes beside it as a title.
SHORT_LABELS = {
    Stage.ACCESS: _("Access"),
    Stage.ENGAGEMENT: _("Engagement"),
    Stage.ASSESSMENT: _("Assessment"),
    Stage.PLANNING: _("Planning"),
    Stage.INTERVENTION: _("Intervention"),
    Stage.MONITORING: _("Monitoring"),
    Stage.TERMINATION: _("Termination"),
}


def short_label(stage: str) -> str:
    return str(SHORT_LABELS[Stage(stage)])


STAGE_ORDER = list(Stage.values)
OPEN_STAGES = [s for s in STAGE_ORDER if s != Stage.TERMINATION]
