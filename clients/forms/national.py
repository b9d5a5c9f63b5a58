"""The national data on a client (register, health cover) and the assistance received."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from clients.models import AssistanceReceived, Client
from clients.models.cover import PBI_SCHEMES, REGISTERED, CareClass, HealthScheme
from sentra.inputs import DATE_INPUT, RupiahField, VersionedForm, not_in_future


class NationalDataForm(VersionedForm):
    class Meta:
        model = Client
        fields = ["register_status", "register_number", "bpjs_scheme", "bpjs_number", "bpjs_class"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("register_number", "bpjs_number"):
            self.fields[name].widget.attrs.update(autocomplete="off")
        self.fields["bpjs_number"].widget.attrs.update(inputmode="numeric")

    def clean(self):
        cleaned = super().clean()
        status, number = cleaned.get("register_status"), cleaned.get("register_number")
        if status in REGISTERED and not number and "register_number" not in self.errors:
            self.add_error("register_number", _("Give the number shown in the register."))
        if status not in REGISTERED:
            cleaned["register_number"] = ""
        scheme = cleaned.get("bpjs_scheme")
        covered = scheme not in (HealthScheme.UNKNOWN, HealthScheme.NONE, None)
        if covered and not cleaned.get("bpjs_number") and "bpjs_number" not in self.errors:
            self.add_error("bpjs_number", _("Give the number on the BPJS Kesehatan card."))
        if not covered:
            cleaned["bpjs_number"] = ""
            cleaned["bpjs_class"] = ""
        elif scheme in PBI_SCHEMES and cleaned.get("bpjs_class") not in ("", CareClass.THIRD):
            self.add_error("bpjs_class", _("PBI members are cared for in class 3."))
        return cleaned


class AssistanceForm(VersionedForm):
    class Meta:
        model = AssistanceReceived
        fields = ["programme", "programme_other", "period_start", "period_end", "amount", "notes"]
        widgets = {"period_start": DATE_INPUT, "period_end": DATE_INPUT}
        field_classes = {"amount": RupiahField}

    def clean_period_start(self):
        value = self.cleaned_data.get("period_start")
        not_in_future(value, _("The assistance cannot start in the future."))
        if value and value < date(2000, 1, 1):
            raise forms.ValidationError(_("Check the year: it is before 2000."))
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end comes before the start."))
        programme = cleaned.get("programme")
        if programme == AssistanceReceived.Programme.OTHER and not cleaned.get("programme_other"):
            self.add_error("programme_other", _("Name the programme."))
        if programme != AssistanceReceived.Programme.OTHER:
            cleaned["programme_other"] = ""
        return cleaned
