"""Partner institutions of the directory."""

from django.utils.translation import gettext_lazy as _

from casework.models import (
    Partner,
)
from clients.forms.phone import PhoneField
from sentra.inputs import VersionedForm


class PartnerForm(VersionedForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "address", "phone", "email", "contact_person", "is_active"]
        field_classes = {"phone": PhoneField}
        help_texts = {
            "is_active": _("Inactive institutions stay on old referrals but are no longer offered.")
        }
