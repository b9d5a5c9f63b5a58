"""The client's view of their plan (a child's asked in child-friendly words), and the
client or a family member as a conference participant."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import PlanView
from sentra.inputs import DATE_INPUT, not_in_future

# What the worker reads out to a child, and the answers a child can give.
CHILD_AGREEMENT = [
    (PlanView.Agreement.AGREED, _("Yes, I agree with this plan")),
    (PlanView.Agreement.AGREED_WITH_CHANGES, _("Yes, but I want some things changed")),
    (PlanView.Agreement.NOT_AGREED, _("No, I do not agree")),
]


class PlanViewForm(forms.ModelForm):
    class Meta:
        model = PlanView
        fields = [
            "speaker",
            "agreement",
            "in_their_words",
            "changes_asked",
            "child_wishes",
            "child_worries",
            "child_helpers",
            "recorded_on",
        ]
        widgets = {
            "agreement": forms.RadioSelect,
            "in_their_words": forms.Textarea(attrs={"rows": 3}),
            "changes_asked": forms.Textarea(attrs={"rows": 2}),
            "child_wishes": forms.Textarea(attrs={"rows": 2}),
            "child_worries": forms.Textarea(attrs={"rows": 2}),
            "child_helpers": forms.Textarea(attrs={"rows": 2}),
            "recorded_on": DATE_INPUT,
        }

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        if child:
            self.fields["speaker"].choices = [
                (PlanView.Speaker.CHILD, PlanView.Speaker.CHILD.label),
                (PlanView.Speaker.GUARDIAN, PlanView.Speaker.GUARDIAN.label),
            ]
            self.fields["agreement"].label = _("Do you agree with the plan?")
            self.fields["agreement"].choices = CHILD_AGREEMENT
            self.fields["in_their_words"].label = _("What do you think of the plan? (their words)")
            self.fields["changes_asked"].label = _("What would you change?")
            self.fields["child_wishes"].label = _("What would you like to happen?")
            self.fields["child_worries"].label = _("What worries you?")
            self.fields["child_helpers"].label = _("Who do you want to help you?")
        else:
            self.fields["speaker"].choices = [
                (PlanView.Speaker.CLIENT, PlanView.Speaker.CLIENT.label),
                (PlanView.Speaker.GUARDIAN, PlanView.Speaker.GUARDIAN.label),
            ]
            for name in ("child_wishes", "child_worries", "child_helpers"):
                del self.fields[name]
        self.fields["in_their_words"].help_text = _(
            "Write what they said as they said it, not a summary in professional terms."
        )

    def clean_recorded_on(self):
        recorded_on = self.cleaned_data["recorded_on"]
        not_in_future(recorded_on, _("The date cannot be in the future."))
        return recorded_on

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("agreement")
            in (
                PlanView.Agreement.AGREED_WITH_CHANGES,
                PlanView.Agreement.NOT_AGREED,
            )
            and not (cleaned.get("changes_asked") or "").strip()
        ):
            self.add_error("changes_asked", _("Write what they want changed."))
        return cleaned


class PersonAttendeeForm(forms.Form):
    """One of the people of the cases on the agenda: the client or a family member."""

    person = forms.ChoiceField(label=_("The client or a family member"))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        for item in items:
            client = item.case.client
            choices.append((f"client:{client.pk}", f"{client.full_name} ({_('client')})"))
            for member in client.family.all():
                if not member.is_archived:
                    choices.append(
                        (
                            f"family:{member.pk}",
                            f"{member.name} · {member.get_relationship_display()} · "
                            f"{client.full_name}",
                        )
                    )
        self.fields["person"].choices = [("", "—"), *choices]
        self.people = dict(choices)

    def chosen(self) -> tuple[str, int]:
        kind, _sep, pk = self.cleaned_data["person"].partition(":")
        return kind, int(pk)
