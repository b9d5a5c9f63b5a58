"""Referrals and their progress."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import (
    Partner,
    Referral,
)
from casework.services.referrals import RESTRICTED_MESSAGE
from clients.models import ProcessingRestriction


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["partner", "reason", "services_requested", "documents"]
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 2}),
            "services_requested": forms.Textarea(attrs={"rows": 2}),
            "documents": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.of_centre(case.centre).active()
        self.fields["documents"].queryset = case.client.documents.filter(is_archived=False)
        self.case = case

    def clean(self):
        cleaned = super().clean()
        if ProcessingRestriction.objects.in_force().filter(client=self.case.client).exists():
            raise forms.ValidationError(RESTRICTED_MESSAGE)
        return cleaned


class ReferralMoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Referral.Status.choices)
    notes = forms.CharField(
        label=_("Response notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = forms.CharField(
        label=_("Supervisor: reason to send without consent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
