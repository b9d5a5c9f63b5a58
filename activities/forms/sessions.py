"""A session of a vocational course: when, which module, what was covered."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.forms.common import TIME_INPUT, require_order
from activities.models import Activity
from activities.models.activities import EARLIEST
from sentra.inputs import DATE_INPUT, not_in_future


class CourseSessionForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["held_on", "starts_at", "ends_at", "module", "topic", "description"]
        widgets = {
            "held_on": DATE_INPUT,
            "starts_at": TIME_INPUT,
            "ends_at": TIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = course.modules.all()

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        not_in_future(held_on, _("A session is recorded once it has taken place."))
        if held_on < EARLIEST:
            raise forms.ValidationError(_("Check the year of the date."))
        return held_on

    def clean(self):
        cleaned = super().clean()
        require_order(self, "starts_at", "ends_at", _("It must end after it starts."))
        return cleaned
