"""Termination requests."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import InstrumentKind
from casework.models import (
    Partner,
    Termination,
)
from clients import identity


class TerminationForm(forms.ModelForm):
    class Meta:
        model = Termination
        fields = [
            "reason",
            "destination_address",
            "destination_region",
            "destination_partner",
            "outcome_summary",
            "final_wellbeing",
        ]
        widgets = {"outcome_summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"destination_region": _("Kemendagri code of the village, e.g. 1571011012.")}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination_partner"].queryset = Partner.objects.of_centre(
            case.centre
        ).active()
        self.fields["final_wellbeing"].queryset = case.assessments.submitted().of_kind(
            InstrumentKind.WELLBEING
        )

    def clean_destination_region(self):
        code = self.cleaned_data["destination_region"].strip()
        if code and not identity.region_name(code):
            raise forms.ValidationError(_("This region code does not exist."))
        return code
