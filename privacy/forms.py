from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.models import ProcessingRestriction
from privacy.models import BreachIncident, RetentionPolicy
from sentra.inputs import VersionedForm

EARLIEST = date(2000, 1, 1)


def _plausible_day(value: date | None) -> date | None:
    if value and not EARLIEST <= value <= timezone.localdate():
        raise forms.ValidationError(_("Choose a date between 2000 and today."))
    return value


def _plausible_moment(value):
    if value and not EARLIEST <= timezone.localtime(value).date() <= timezone.localdate():
        raise forms.ValidationError(_("Choose a moment between 2000 and now."))
    return value


class RestrictionForm(forms.ModelForm):
    class Meta:
        model = ProcessingRestriction
        fields = ["kind", "requested_on", "reason"]
        widgets = {
            "requested_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_requested_on(self):
        return _plausible_day(self.cleaned_data["requested_on"])


class AccessRequestForm(forms.Form):
    asked_by = forms.CharField(
        label=_("Asked by"),
        max_length=200,
        help_text=_("The client, or who asks on their behalf."),
    )
    asked_on = forms.DateField(
        label=_("Asked on"),
        initial=timezone.localdate,
        # A date input takes only ISO dates, whatever the language of the page.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_asked_on(self):
        return _plausible_day(self.cleaned_data["asked_on"])


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RetentionForm(VersionedForm):
    class Meta:
        model = RetentionPolicy
        fields = ["years_after_closure"]

    def clean_years_after_closure(self):
        years = self.cleaned_data["years_after_closure"]
        if not 1 <= years <= 100:
            raise forms.ValidationError(_("Choose between 1 and 100 years."))
        return years


BREACH_FIELDS = [
    "title",
    "description",
    "data_affected",
    "subjects_affected",
    "people_affected",
    "discovered_at",
    "subjects_notified_at",
    "authority_notified_at",
    "actions",
]
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class BreachFormFields:
    def clean_discovered_at(self):
        return _plausible_moment(self.cleaned_data["discovered_at"])  # type: ignore[attr-defined]

    def clean_subjects_notified_at(self):
        return _plausible_moment(self.cleaned_data["subjects_notified_at"])  # type: ignore[attr-defined]

    def clean_authority_notified_at(self):
        return _plausible_moment(self.cleaned_data["authority_notified_at"])  # type: ignore[attr-defined]

    def clean_people_affected(self):
        people = self.cleaned_data["people_affected"]  # type: ignore[attr-defined]
        if people is not None and people > 10_000_000:
            raise forms.ValidationError(_("That is more people than can be affected."))
        return people


class BreachForm(BreachFormFields, forms.ModelForm):
    class Meta:
        model = BreachIncident
        fields = BREACH_FIELDS
        widgets = {
            "discovered_at": MOMENT,
            "subjects_notified_at": MOMENT,
            "authority_notified_at": MOMENT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "data_affected": forms.Textarea(attrs={"rows": 2}),
            "subjects_affected": forms.Textarea(attrs={"rows": 2}),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }


class BreachEditForm(BreachFormFields, VersionedForm):
    class Meta(BreachForm.Meta):
        pass
