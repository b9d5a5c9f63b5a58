"""Absconding reports, the actions taken, and their end."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residence.forms.common import past_moment
from residence.models import AbscondingAction, AbscondingReport
from sentra.inputs import DATETIME_INPUT


class AbscondingReportForm(forms.ModelForm):
    class Meta:
        model = AbscondingReport
        fields = ["last_seen_at", "last_seen_where", "circumstances"]
        widgets = {
            "last_seen_at": DATETIME_INPUT,
            "circumstances": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_last_seen_at(self):
        return past_moment(self.cleaned_data["last_seen_at"])


class AbscondingActionForm(forms.ModelForm):
    class Meta:
        model = AbscondingAction
        fields = ["kind", "done_at", "detail"]
        widgets = {"done_at": DATETIME_INPUT, "detail": forms.Textarea(attrs={"rows": 2})}

    def clean_done_at(self):
        return past_moment(self.cleaned_data["done_at"])


class AbscondingEndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("returned", _("The resident came back")),
            ("closed", _("Close the report: the resident moves out (absconded)")),
        ],
        widget=forms.RadioSelect,
    )
    at = forms.DateTimeField(label=_("When"), required=False, widget=DATETIME_INPUT)
    note = forms.CharField(
        label=_("How it ended"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_at(self):
        return past_moment(self.cleaned_data.get("at"))
