"""Monitoring reviews with progress per goal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import InstrumentKind
from casework.models import (
    GoalStatus,
    MonitoringReview,
)
from sentra.inputs import DATE_INPUT


class MonitoringReviewForm(forms.ModelForm):
    class Meta:
        model = MonitoringReview
        fields = [
            "reviewed_on",
            "input_evaluation",
            "process_evaluation",
            "output_evaluation",
            "benefit_evaluation",
            "impact_evaluation",
            "wellbeing",
            "decision",
            "notes",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "input_evaluation",
                "process_evaluation",
                "output_evaluation",
                "benefit_evaluation",
                "impact_evaluation",
                "notes",
            )
        }
        widgets["reviewed_on"] = DATE_INPUT  # type: ignore[assignment]

    def __init__(self, *args, case, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wellbeing"].queryset = case.assessments.submitted().of_kind(
            InstrumentKind.WELLBEING
        )
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=goal.goal, choices=GoalStatus.choices, initial=GoalStatus.IN_PROGRESS
            )
            self.fields[f"goal_{goal.pk}_notes"] = forms.CharField(
                label=_("Notes on this goal"), required=False, max_length=500
            )

    def progress(self) -> dict:
        return {
            goal: (self.cleaned_data[f"goal_{goal.pk}"], self.cleaned_data[f"goal_{goal.pk}_notes"])
            for goal in self.goals
        }
