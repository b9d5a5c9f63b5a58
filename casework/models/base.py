from django.db import models


class CaseRecord(models.Model):
    """A record that belongs to a case: its centre is the case's (for the audit trail)."""

    class Meta:
        abstract = True

    @property
    def centre(self):
        return self.case.centre
