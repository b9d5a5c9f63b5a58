"""What every record that belongs to a case shares: its centre and who may see it are its
case's."""

from django.db import models

from casework.models.cases import Case
from sentra.versioning import Versioned


class CaseRecordQuerySet(models.QuerySet):
    def visible_to(self, user, *, per_row: bool = False):
        """Records of the cases the user may open (`per_row`: see CaseQuerySet.visible_to)."""
        return self.filter(case__in=Case.objects.visible_to(user, per_row=per_row))


class CaseRecord(Versioned):
    """A record that belongs to a case: its centre is the case's (for the audit trail)."""

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def centre(self):
        return self.case.centre
