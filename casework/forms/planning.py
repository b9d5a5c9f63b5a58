from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms.cases import DATE_INPUT, DATETIME_INPUT, _staff
from casework.models import ConferenceAttendee, ConferenceCase, PlanGoal, PlanVersion
from casework.models.conferences import Conference
from sentra.models import Role


class PlanForm(forms.ModelForm):
    class Meta:
        model = PlanVersion
        fields = ["approach", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class PlanGoalForm(forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = [
            "problem",
            "assessment",
            "goal",
            "component",
            "activities",
            "responsible_staff",
            "responsible_external",
            "target_date",
            "indicator",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 2}),
            "goal": forms.Textarea(attrs={"rows": 2}),
            "activities": forms.Textarea(attrs={"rows": 2}),
            "indicator": forms.Textarea(attrs={"rows": 2}),
            "target_date": DATE_INPUT,
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = case.assessments.submitted().select_related(
            "instrument"
        )
        self.fields["responsible_staff"].queryset = _staff(
            case.centre, Role.SOCIAL_WORKER, Role.SUPERVISOR
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("responsible_staff") and not cleaned.get("responsible_external"):
            self.add_error(
                "responsible_staff",
                _("Name who is responsible: a staff member or an external party."),
            )
        return cleaned


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("approve", _("Approve")), ("return", _("Return with comments"))],
    )
    comments = forms.CharField(
        label=_("Comments for the social worker"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("comments", "").strip():
            self.add_error("comments", _("Write what needs to change."))
        return cleaned


class ConferenceForm(forms.ModelForm):
    cases: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Cases to discuss"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    staff: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Staff invited"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Conference
        fields = ["kind", "scheduled_at", "place", "agenda"]
        widgets = {"scheduled_at": DATETIME_INPUT, "agenda": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, cases, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases
        self.fields["cases"].label_from_instance = lambda case: (
            f"{case.number} · {case.client.full_name} · {case.get_stage_display()}"
        )
        self.fields["staff"].queryset = _staff(
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


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class DecisionForm(forms.ModelForm):
    class Meta:
        model = ConferenceCase
        fields = ["decision", "decision_notes", "follow_up"]
        widgets = {
            "decision_notes": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }


class AmendmentForm(forms.Form):
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea(attrs={"rows": 3}))
