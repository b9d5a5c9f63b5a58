"""Service plans and their goals, and the supervisor's review decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms.approaches import ApproachesField
from casework.models import (
    PlanGoal,
    PlanVersion,
)
from sentra.inputs import DATE_INPUT, VersionedForm, staff_of
from sentra.scopes import Role


class PlanForm(VersionedForm):
    approaches = ApproachesField()

    class Meta:
        model = PlanVersion
        fields = ["approaches", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class PlanGoalForm(VersionedForm):
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
        self.fields["responsible_staff"].queryset = staff_of(
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
