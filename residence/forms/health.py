"""Health checks, the sick log, medication given."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from residence.forms.common import past_date, past_moment
from residence.models import HealthCheck, MedicationDose, SicknessEntry
from sentra.inputs import DATE_INPUT, DATETIME_INPUT

# Plausible measures (the database holds the same bounds).
BOUNDS = {
    "weight_kg": (Decimal(1), Decimal(300), _("Weight is between 1 and 300 kg.")),
    "height_cm": (Decimal(30), Decimal(250), _("Height is between 30 and 250 cm.")),
    "systolic": (50, 260, _("The upper blood pressure is between 50 and 260.")),
    "diastolic": (20, 200, _("The lower blood pressure is between 20 and 200.")),
}


class HealthCheckForm(forms.ModelForm):
    class Meta:
        model = HealthCheck
        fields = ["kind", "checked_on", "weight_kg", "height_cm", "systolic", "diastolic", "notes"]
        widgets = {"checked_on": DATE_INPUT, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("weight_kg", "height_cm", "systolic", "diastolic"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def clean_checked_on(self):
        return past_date(self.cleaned_data["checked_on"])

    def clean(self):
        cleaned = super().clean()
        for field, (low, high, message) in BOUNDS.items():
            value = cleaned.get(field)
            if value is not None and not low <= value <= high:
                self.add_error(field, message)
        upper, lower = cleaned.get("systolic"), cleaned.get("diastolic")
        if upper and lower and upper <= lower:
            self.add_error("diastolic", _("The lower pressure must be below the upper one."))
        measured = [cleaned.get(f) for f in BOUNDS] + [cleaned.get("notes")]
        if not any(value not in (None, "") for value in measured):
            raise forms.ValidationError(_("Record at least one measure or a note."))
        return cleaned


class SicknessForm(forms.ModelForm):
    class Meta:
        model = SicknessEntry
        fields = [
            "began_on",
            "symptoms",
            "action_taken",
            "referred_to",
            "referral_place",
            "in_hospital",
        ]
        widgets = {
            "began_on": DATE_INPUT,
            "symptoms": forms.Textarea(attrs={"rows": 2}),
            "action_taken": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_began_on(self):
        return past_date(self.cleaned_data["began_on"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("in_hospital") and cleaned.get("referred_to") != "hospital":
            self.add_error(
                "in_hospital", _("Only a resident referred to hospital can be admitted.")
            )
        return cleaned


class MedicationForm(forms.ModelForm):
    class Meta:
        model = MedicationDose
        fields = ["medicine", "dose", "given_at", "sickness", "note"]
        widgets = {"given_at": DATETIME_INPUT}

    def __init__(self, *args, stay, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sickness"].queryset = stay.sickness_entries.ongoing()
        self.fields["sickness"].label_from_instance = lambda entry: (
            f"{entry.began_on:%d-%m-%Y} · {entry.symptoms[:40]}"
        )

    def clean_given_at(self):
        return past_moment(self.cleaned_data["given_at"])
