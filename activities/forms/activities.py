"""An activity, its photos, and the one-screen attendance list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.forms.common import (
    FACILITATOR_MISSING,
    TIME_INPUT,
    RowsForm,
    require_order,
    require_someone,
)
from activities.models import Activity, ActivityKind, Attendance
from activities.models.activities import EARLIEST
from activities.services.activities import ACTIVITY_DATA_FIELDS
from sentra.inputs import DATE_INPUT, VersionedForm, not_in_future, staff_of
from sentra.scopes import Role
from sentra.uploads import clean_upload


class ActivityForm(VersionedForm):
    class Meta:
        model = Activity
        fields = ACTIVITY_DATA_FIELDS
        widgets = {
            "held_on": DATE_INPUT,
            "starts_at": TIME_INPUT,
            "ends_at": TIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = ActivityKind.objects.for_centre(centre).active()
        self.fields["facilitator_staff"].queryset = staff_of(
            centre, Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.ADMIN
        )
        # The marks (and any services booked from them) belong to this kind and day; a
        # timetable session is its slot's on its day.
        if self.instance.pk and (self.instance.attendance_taken or self.instance.slot_id):
            for name in ("kind", "held_on"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the attendance is taken.")

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        not_in_future(held_on, _("An activity is recorded once it has taken place."))
        if held_on < EARLIEST:
            raise forms.ValidationError(_("Check the year of the date."))
        return held_on

    def clean(self):
        cleaned = super().clean()
        require_someone(self, "facilitator_staff", "facilitator_name", FACILITATOR_MISSING)
        require_order(self, "starts_at", "ends_at", _("It must end after it starts."))
        return cleaned


class SessionForm(forms.ModelForm):
    """What the duty worker adds when opening a timetable session: the rest comes from the
    timetable."""

    class Meta:
        model = Activity
        fields = ["topic", "facilitator_staff", "facilitator_name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator_staff"].queryset = staff_of(
            centre, Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.ADMIN
        )

    def clean(self):
        cleaned = super().clean()
        require_someone(self, "facilitator_staff", "facilitator_name", FACILITATOR_MISSING)
        return cleaned


class AttendanceForm(RowsForm):
    """One choice per person on the list: present, excused, sick or absent; and, when
    the list starts empty (`default` ""), not taking part for someone not marked yet.
    Everyone not marked yet starts at `default`. `existing` maps case ids to their marks;
    each row carries its mark's version (activities/forms/common.py RowsForm)."""

    def __init__(self, *args, candidates, existing: dict[int, Attendance], default: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        statuses = list(Attendance.Status.choices)
        for case in self.candidates:
            mark = existing.get(case.pk)
            status = forms.ChoiceField(
                label=case.client.full_name,
                choices=statuses if mark or default else [("", _("Not taking part")), *statuses],
                required=False,
                initial=mark.status if mark else default,
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
            )
            self.add_row(case.pk, f"case-{case.pk}", {"status": (f"case-{case.pk}", status)}, mark)

    def rows(self):
        """(case, its choice, its hidden read state, its conflict or None) per person."""
        return [
            (
                case,
                self[f"case-{case.pk}"],
                self.hidden_of(case.pk),
                self.row_conflicts.get(case.pk),
            )
            for case in self.candidates
        ]

    def marks(self) -> dict[int, str]:
        return {case.pk: self.cleaned_data.get(f"case-{case.pk}") or "" for case in self.candidates}


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"), help_text=_("JPEG or PNG, at most 10 MB."))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content_type = ""

    def clean_photo(self):
        upload = self.cleaned_data["photo"]
        upload, content_type = clean_upload(upload)
        if not content_type.startswith("image/"):
            raise forms.ValidationError(_("Upload a photo (JPEG or PNG), not a document."))
        self.content_type = content_type
        return upload
