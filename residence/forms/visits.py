"""The visitor log and visit restrictions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residence.forms.common import past_moment
from residence.models import Visit, VisitRestriction
from residence.models.base import EARLIEST
from sentra.inputs import DATE_INPUT, DATETIME_INPUT, staff_of
from sentra.scopes import Role


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = [
            "visitor_name",
            "relationship",
            "identity_shown",
            "arrived_at",
            "met_with",
            "supervised_by",
            "note",
        ]
        widgets = {"arrived_at": DATETIME_INPUT}

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervised_by"].queryset = staff_of(
            centre, Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.HEALTH_STAFF
        )

    def clean_arrived_at(self):
        return past_moment(self.cleaned_data["arrived_at"])


class VisitRestrictionForm(forms.ModelForm):
    class Meta:
        model = VisitRestriction
        fields = ["person_name", "reason", "order_reference", "valid_from", "valid_until"]
        widgets = {"valid_from": DATE_INPUT, "valid_until": DATE_INPUT}

    def clean_valid_from(self):
        value = self.cleaned_data["valid_from"]
        if value < EARLIEST:
            raise forms.ValidationError(_("Check the year: the date is too long ago."))
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end date is before the start date."))
        return cleaned
