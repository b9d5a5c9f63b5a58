"""The roll-call screen: one choice per resident, preset, and one submit for them all."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residence.models.rollcall import PRESENCE_BUTTONS


class RollCallForm(forms.Form):
    note = forms.CharField(
        label=_("Note on this roll call"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"p{line.stay.pk}"] = forms.ChoiceField(
                label=line.stay.client.full_name,
                choices=PRESENCE_BUTTONS,
                initial=line.presence,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _(
                        "Mark this resident too: they were not on the list when you opened it."
                    )
                },
            )
            self.fields[f"n{line.stay.pk}"] = forms.CharField(
                label=_("Note"), required=False, max_length=200, initial=line.note
            )

    def rows(self):
        """(line, presence field, note field) per resident, for the template."""
        return [(line, self[f"p{line.stay.pk}"], self[f"n{line.stay.pk}"]) for line in self.lines]

    def marks(self) -> dict[int, tuple[str, str]]:
        return {
            line.stay.pk: (
                self.cleaned_data[f"p{line.stay.pk}"],
                self.cleaned_data[f"n{line.stay.pk}"].strip(),
            )
            for line in self.lines
        }
