"""Leave requests, decisions and returns."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from residence.forms.common import past_moment
from residence.models import LeaveRequest
from residence.models.base import EARLIEST
from sentra.inputs import DATETIME_INPUT

# Home leave beyond this is a change of placement, not leave.
LONGEST_LEAVE = timedelta(days=30)


class LeaveRequestForm(forms.ModelForm):
    class Meta:
        model = LeaveRequest
        fields = ["kind", "leaves_at", "due_back_at", "destination", "accompanied_by", "purpose"]
        widgets = {"leaves_at": DATETIME_INPUT, "due_back_at": DATETIME_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["leaves_at"].initial = now
        self.fields["due_back_at"].initial = now + timedelta(days=1)

    def clean(self):
        cleaned = super().clean()
        leaves, back = cleaned.get("leaves_at"), cleaned.get("due_back_at")
        if leaves and leaves.date() < EARLIEST:
            self.add_error("leaves_at", _("Check the year: the date is too long ago."))
        if leaves and back:
            if back <= leaves:
                self.add_error("due_back_at", _("The return must be after the departure."))
            elif back - leaves > LONGEST_LEAVE:
                self.add_error(
                    "due_back_at",
                    _("Leave lasts at most 30 days; a longer absence needs a case decision."),
                )
        return cleaned


class LeaveDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("refuse", _("Refuse"))]
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class LeaveMomentForm(forms.Form):
    """When the resident left or came back (now, unless said otherwise)."""

    at = forms.DateTimeField(label=_("When"), required=False, widget=DATETIME_INPUT)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def clean_at(self):
        return past_moment(self.cleaned_data.get("at"))
