"""Incidents, their follow-up and closing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residence.forms.common import past_moment
from residence.models import Incident, IncidentFollowUp
from sentra.inputs import DATE_INPUT, DATETIME_INPUT, staff_of
from sentra.scopes import Role

STAFF_ROLES = (Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.HEALTH_STAFF, Role.ADMIN)


class IncidentForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = [
            "occurred_at",
            "place",
            "kind",
            "severity",
            "description",
            "immediate_action",
            "residents",
            "staff_involved",
            "external_notice",
        ]
        widgets = {
            "occurred_at": DATETIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
            "immediate_action": forms.Textarea(attrs={"rows": 2}),
            "residents": forms.CheckboxSelectMultiple,
            "staff_involved": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, centre, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residents"].queryset = residents
        self.fields["residents"].label_from_instance = lambda stay: stay.client.full_name
        self.fields["staff_involved"].queryset = staff_of(centre, *STAFF_ROLES)
        self.fields["staff_involved"].help_text = _(
            "Staff named in an abuse allegation cannot see the report."
        )

    def clean_occurred_at(self):
        return past_moment(self.cleaned_data["occurred_at"])


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = IncidentFollowUp
        fields = ["action", "responsible", "due_on"]
        widgets = {"due_on": DATE_INPUT}

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff_of(centre, *STAFF_ROLES)


class NoticeForm(forms.Form):
    to = forms.ChoiceField(
        choices=[("supervisor", _("Supervisor")), ("head", _("Head of centre"))],
        widget=forms.HiddenInput,
    )


class CloseIncidentForm(forms.Form):
    note = forms.CharField(
        label=_("Closing note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
