"""The duty handover."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residence.forms.common import past_date
from residence.models import DutyShift
from residence.models.base import RESIDENTIAL_ROLES
from sentra.inputs import DATE_INPUT, staff_of


class HandoverForm(forms.ModelForm):
    class Meta:
        model = DutyShift
        fields = ["date", "shift", "staff", "headcount", "handover_note"]
        widgets = {
            "date": DATE_INPUT,
            "staff": forms.CheckboxSelectMultiple,
            "handover_note": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.fields["staff"].queryset = staff_of(centre, *RESIDENTIAL_ROLES)
        self.fields["headcount"].widget.attrs["inputmode"] = "numeric"

    def clean_date(self):
        return past_date(self.cleaned_data["date"])

    def clean_headcount(self):
        value = self.cleaned_data.get("headcount")
        if value is not None and value > 2000:
            raise forms.ValidationError(_("Check the number of residents."))
        return value

    def clean(self):
        cleaned = super().clean()
        day, shift = cleaned.get("date"), cleaned.get("shift")
        if (
            day
            and shift
            and DutyShift.objects.filter(centre=self.centre, date=day, shift=shift).exists()
        ):
            self.add_error("shift", _("The handover of this shift is already written."))
        return cleaned
