"""Groups and the attendance of their sessions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms.picker import CasePickerField
from casework.models import (
    Group,
    GroupSession,
    ServiceType,
)
from sentra.inputs import DATE_INPUT, staff_of
from sentra.scopes import Role


class GroupForm(forms.ModelForm):
    members = CasePickerField(label=_("Members"), queryset=None)

    class Meta:
        model = Group
        fields = ["name", "kind", "purpose", "facilitator", "service_type", "members"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, centre, cases, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = staff_of(centre, Role.SOCIAL_WORKER, Role.SUPERVISOR)
        self.fields["service_type"].queryset = ServiceType.objects.for_centre(centre).active()
        self.fields["members"].queryset = cases
        self.fields["members"].suggest(
            cases.filter(primary_worker=user).order_by("client__full_name"), _("Your open cases")
        )
        self.size_warning = ""

    def clean_members(self):
        members = self.cleaned_data["members"]
        if len(members) > Group.WARN_ABOVE:
            # A warning, not an error: the group is saved but the facilitator is told.
            self.size_warning = _(
                "%(n)s members: groups work best with 4 to 8, at most about 10."
            ) % {"n": len(members)}
        return members


class GroupSessionForm(forms.ModelForm):
    present: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Present"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = GroupSession
        fields = ["held_on", "stage", "topic", "notes", "evaluation"]
        widgets = {
            "held_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 2}),
            "evaluation": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = group.members.select_related("client")
        self.fields["present"].label_from_instance = lambda case: case.client.full_name
