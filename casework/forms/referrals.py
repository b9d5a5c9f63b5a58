"""Referrals and their progress."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import (
    Partner,
    Referral,
)
from casework.services.referrals import RESTRICTED_MESSAGE
from clients.forms.phone import PhoneField
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

    # An institution not yet in the directory, proposed on the spot (an admin confirms it).
    new_partner_name = forms.CharField(
        label=_("Or propose a new institution"),
        max_length=200,
        required=False,
        help_text=_("Only when it is not in the list; an admin confirms it later."),
    )
    new_partner_kind = forms.ChoiceField(
        label=_("Kind of the new institution"),
        choices=[("", "—"), *Partner.Kind.choices],
        required=False,
    )
    new_partner_phone = PhoneField(label=_("Its phone"), max_length=30, required=False)
    new_partner_address = forms.CharField(label=_("Its address"), max_length=300, required=False)

    field_order = [
        "partner",
        "new_partner_name",
        "new_partner_kind",
        "new_partner_phone",
        "new_partner_address",
        "reason",
        "services_requested",
        "documents",
    ]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.of_centre(case.centre).active()
        self.fields["partner"].required = False
        self.fields["documents"].queryset = case.client.documents.filter(is_archived=False)
        self.case = case

    def clean(self):
        data = super().clean()
        if ProcessingRestriction.objects.in_force().filter(client=self.case.client).exists():
            raise forms.ValidationError(RESTRICTED_MESSAGE)
        chosen, proposed = data.get("partner"), (data.get("new_partner_name") or "").strip()
        if chosen and proposed:
            raise forms.ValidationError(
                _("Choose an institution from the list or propose a new one, not both.")
            )
        if not chosen and not proposed:
            self.add_error("partner", _("Choose an institution or propose a new one."))
        if proposed and not data.get("new_partner_kind"):
            self.add_error("new_partner_kind", _("Say what kind of institution it is."))
        return data

    def proposed_partner(self) -> dict | None:
        """The new institution's details, when the worker proposed one."""
        name = self.cleaned_data["new_partner_name"].strip()
        if not name:
            return None
        return {
            "name": name,
            "kind": self.cleaned_data["new_partner_kind"],
            "phone": self.cleaned_data["new_partner_phone"],
            "address": self.cleaned_data["new_partner_address"].strip(),
        }


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
