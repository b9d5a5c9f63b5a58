"""Partner institutions of the directory."""

from django.utils.translation import gettext_lazy as _

from casework.models import (
    Partner,
)
from sentra.inputs import VersionedForm


class PartnerForm(VersionedForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "address", "phone", "email", "contact_person", "is_active"]
        help_texts = {
            "is_active": _("Inactive institutions stay on old referrals but are no longer offered.")
        }
