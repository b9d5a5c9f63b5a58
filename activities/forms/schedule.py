"""The weekly timetable and the centre's own kinds of activity."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.forms.common import TIME_INPUT, require_order
from activities.models import ActivityKind, Course, ScheduleSlot
from activities.models.schedule import WEEKDAYS, days_mask
from casework.models import ServiceType
from sentra.inputs import DATE_INPUT, VersionedForm, staff_of
from sentra.scopes import Role


class ScheduleSlotForm(VersionedForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day.")},
    )

    class Meta:
        model = ScheduleSlot
        fields = [
            "kind",
            "title",
            "weekdays",
            "starts_at",
            "ends_at",
            "place",
            "facilitator_staff",
            "facilitator_name",
            "course",
            "valid_from",
            "valid_until",
            "is_active",
        ]
        widgets = {
            "starts_at": TIME_INPUT,
            "ends_at": TIME_INPUT,
            "valid_from": DATE_INPUT,
            "valid_until": DATE_INPUT,
        }

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = ActivityKind.objects.for_centre(centre).active()
        self.fields["facilitator_staff"].queryset = staff_of(
            centre, Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.ADMIN
        )
        self.fields["course"].queryset = Course.objects.filter(centre=centre)
        self.fields["course"].help_text = _("Only for the sessions of a vocational course.")
        if self.instance.pk:
            self.initial["weekdays"] = self.instance.weekdays

    def clean(self):
        cleaned = super().clean()
        require_order(self, "starts_at", "ends_at", _("It must end after it starts."))
        require_order(self, "valid_from", "valid_until", _("The end must come after the start."))
        return cleaned

    def save(self, commit=True):
        self.instance.days = days_mask(self.cleaned_data["weekdays"])
        return super().save(commit)

    def describe_change(self, change) -> None:
        """The days are stored as a mask; a conflict names them."""
        if change.name != "days":
            super().describe_change(change)
            return
        change.label = str(self.fields["weekdays"].label)
        change.before, change.after = (_day_names(text) for text in (change.before, change.after))
        change.yours = _day_names(str(days_mask(self.cleaned_data.get("weekdays") or [])))


def _day_names(mask: str) -> str:
    """The days of a mask as the conflict table shows it ("18" → "Tuesday, Friday")."""
    if not mask.isdigit():
        return mask
    return ", ".join(str(label) for day, label in WEEKDAYS if int(mask) & (1 << day)) or "—"


class ActivityKindForm(VersionedForm):
    class Meta:
        model = ActivityKind
        fields = ["code", "name_id", "name_en", "service_type", "is_active"]

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.fields["service_type"].queryset = ServiceType.objects.for_centre(centre).active()

    def clean_code(self):
        code = self.cleaned_data["code"]
        taken = ActivityKind.objects.for_centre(self.centre).filter(code=code)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This code is already in the list."))
        return code
