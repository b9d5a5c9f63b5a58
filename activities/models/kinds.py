"""The kinds of activity a centre runs: the shipped list and the centre's own additions."""

import uuid

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models import ServiceType
from sentra.versioning import Versioned


class ActivityKindQuerySet(models.QuerySet):
    def for_centre(self, centre):
        """The shipped kinds (no centre) plus this centre's own."""
        return self.filter(models.Q(centre__isnull=True) | models.Q(centre=centre))

    def active(self):
        return self.filter(is_active=True)


class ActivityKind(Versioned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT, null=True, blank=True)
    code = models.SlugField(_("code"), max_length=40)
    name_id = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("ATENSI service booked for each participant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Only for activities that are a service to each person, such as a therapy "
            "session. Leave empty for meetings, sport, outings and the like."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = ActivityKindQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kind of activity")
        ordering = ["name_id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="activity_kind_code"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(centre__isnull=True), name="shipped_kind_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name_id

    @property
    def audit_label(self) -> str:
        return self.code

    @property
    def books_service(self) -> bool:
        return self.service_type_id is not None
