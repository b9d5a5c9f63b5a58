"""Aftercare follow-ups and their outcomes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import (
    FollowUp,
)
from sentra.inputs import DATE_INPUT, staff_of
from sentra.scopes import Role


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["due_on", "mode", "assignee"]
        widgets = {"due_on": DATE_INPUT}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_of(
            case.centre, Role.SOCIAL_WORKER, Role.SUPERVISOR
        )


class FollowUpOutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))
