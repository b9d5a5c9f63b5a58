"""Case conferences: scheduling, participants, minutes and decisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms.picker import CasePickerField
from casework.models import (
    Conference,
    ConferenceAttendee,
    ConferenceCase,
)
from casework.models.stages import Stage
from sentra.inputs import DATETIME_INPUT, VersionedForm, staff_of
from sentra.scopes import Role


class ConferenceForm(forms.ModelForm):
    cases = CasePickerField(label=_("Cases to discuss"), queryset=None)
    staff: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Staff invited"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Conference
        fields = ["kind", "scheduled_at", "place", "agenda"]
        widgets = {"scheduled_at": DATETIME_INPUT, "agenda": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, cases, centre, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases
        # What a conference is for: plans to agree, longest waiting first.
        self.fields["cases"].suggest(
            cases.filter(stage=Stage.PLANNING, supervisor=user).order_by("stage_entered_at"),
            _("In the planning stage, longest waiting first"),
        )
        self.fields["staff"].queryset = staff_of(
            centre, Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.ADMIN
        )


class ExternalAttendeeForm(forms.ModelForm):
    class Meta:
        model = ConferenceAttendee
        fields = ["name", "profession", "institution"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Write the participant's name."))
        return name


class MinutesForm(VersionedForm):
    class Meta:
        model = Conference
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 8})}
        labels = {"minutes": _("Minutes")}


class DecisionForm(VersionedForm):
    class Meta:
        model = ConferenceCase
        fields = ["decision", "decision_notes", "follow_up"]
        widgets = {
            "decision_notes": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }


class AmendmentForm(forms.Form):
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea(attrs={"rows": 3}))
