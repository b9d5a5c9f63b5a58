"""Buildings, rooms and beds, and the centre's roll-call times."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residence.models import Building, PlaceStatus, Room, Routine
from residence.models.routine import DEFAULTS_VERSION
from residence.services.places import MAX_BEDS_PER_ROOM
from sentra.inputs import VersionedForm


class BuildingForm(VersionedForm):
    class Meta:
        model = Building
        fields = ["name", "sex", "age_group", "status", "notes"]

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        same = Building.objects.filter(centre=self.centre, name__iexact=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This centre already has a building of that name."))
        return name


class RoomForm(VersionedForm):
    add_beds = forms.IntegerField(
        label=_("Beds to add"),
        min_value=0,
        max_value=MAX_BEDS_PER_ROOM,
        initial=0,
        help_text=_("New beds are labelled A, B, C, ..."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Room
        fields = ["name", "status", "add_beds"]

    def __init__(self, *args, building, **kwargs):
        super().__init__(*args, **kwargs)
        self.building = building
        if self.instance.pk is None:
            self.fields["add_beds"].initial = 4

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        same = Room.objects.filter(building=self.building, name__iexact=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This building already has a room of that name."))
        return name


class BedStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlaceStatus.choices)


class RoutineForm(VersionedForm):
    class Meta:
        model = Routine
        fields = [
            "morning_roll_call",
            "evening_roll_call",
            "roll_call_grace_minutes",
            "incident_supervisor_hours",
            "incident_head_hours",
        ]
        widgets = {
            "morning_roll_call": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "evening_roll_call": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A centre with no routine saved yet is shown the defaults, read at version 0: a
        # first save that another admin's first save beat is a conflict, not an overwrite.
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput,
            initial=self.instance.version if self.instance.pk else DEFAULTS_VERSION,
            min_value=DEFAULTS_VERSION,
            error_messages={"required": _("This form is out of date. Open the record again.")},
        )

    BOUNDS = {
        "roll_call_grace_minutes": (15, 720),
        "incident_supervisor_hours": (1, 72),
        "incident_head_hours": (1, 168),
    }

    def clean(self):
        cleaned = super().clean()
        for field, (low, high) in self.BOUNDS.items():
            value = cleaned.get(field)
            if value is not None and not low <= value <= high:
                self.add_error(
                    field, _("Choose between %(low)s and %(high)s.") % {"low": low, "high": high}
                )
        morning, evening = cleaned.get("morning_roll_call"), cleaned.get("evening_roll_call")
        if morning and evening and morning >= evening:
            self.add_error(
                "evening_roll_call", _("The evening roll call comes after the morning one.")
            )
        return cleaned
