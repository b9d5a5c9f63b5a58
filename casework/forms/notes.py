"""Case notes and tasks."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import (
    CaseNote,
    Task,
)
from casework.models.notes import WorkerRole
from sentra.inputs import DATE_INPUT, DATETIME_INPUT, VersionedForm, staff_of
from sentra.scopes import Role


class CaseNoteForm(VersionedForm):
    worker_roles = forms.MultipleChoiceField(
        label=_("Roles you played"),
        choices=WorkerRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    first_response = forms.BooleanField(
        label=_("This note records the first response to the emergency"), required=False
    )

    class Meta:
        model = CaseNote
        fields = [
            "kind",
            "occurred_at",
            "duration_minutes",
            "narrative",
            "worker_roles",
            "is_confidential",
        ]
        widgets = {"occurred_at": DATETIME_INPUT, "narrative": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["duration_minutes"].widget.attrs.update(inputmode="numeric", min=0, max=1440)
        if self.instance.pk or not case.emergency_awaiting_response:
            del self.fields["first_response"]

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(
                _("A note records what already happened: the time cannot be in the future.")
            )
        return value

    def clean_duration_minutes(self):
        value = self.cleaned_data.get("duration_minutes")
        if value is not None and value > 24 * 60:
            raise forms.ValidationError(_("A contact lasts at most 24 hours (1440 minutes)."))
        return value

    def clean_narrative(self):
        value = self.cleaned_data["narrative"].strip()
        if not value:
            raise forms.ValidationError(_("Write what happened."))
        return value


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "due_date", "assignee"]
        widgets = {"due_date": DATE_INPUT}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_of(
            case.centre, Role.SOCIAL_WORKER, Role.SUPERVISOR
        )
