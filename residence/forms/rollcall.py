"""The roll-call screen: one row per resident, preset, and one submit for them all.

Each row is its own small form on its mark (`MarkForm`, prefix `r<stay id>`), and the
roll call's note is another (`RollCallForm`): correcting a roll call saves only the rows
that changed, each against the version it was read at, so a mark another duty worker
changed meanwhile is shown as a conflict on its row instead of being overwritten."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residence.models import RollCall, RollCallMark
from residence.models.rollcall import PRESENCE_BUTTONS
from sentra.inputs import VersionedForm


class RollCallForm(VersionedForm):
    class Meta:
        model = RollCall
        fields = ["note"]
        labels = {"note": _("Note on this roll call")}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class MarkForm(VersionedForm):
    """One resident's row: the mark (preset) and a short note."""

    presence = forms.ChoiceField(
        choices=PRESENCE_BUTTONS,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Mark this resident too: they were not on the list when you opened it.")
        },
    )

    class Meta:
        model = RollCallMark
        fields = ["presence", "note"]
        labels = {"note": _("Note")}

    def __init__(self, *args, line, **kwargs):
        self.line = line
        super().__init__(*args, prefix=f"r{line.stay.pk}", **kwargs)
        self.fields["presence"].label = line.stay.client.full_name

    def clean_note(self):
        return self.cleaned_data["note"].strip()

    @property
    def changes_something(self) -> bool:
        """A new mark, or a mark or note other than the one saved (the version alone does
        not count: a row that already holds what the page shows needs no save)."""
        return self.instance.pk is None or any(f != "version" for f in self.changed_data)


def mark_forms(lines, data=None) -> list[MarkForm]:
    """A row form per line of `residence.services.rollcall.roll_call_lines`: on the mark
    the resident got, or on a new mark preset as the line says."""
    return [
        MarkForm(
            data,
            instance=line.mark
            or RollCallMark(stay=line.stay, presence=line.presence, note=line.note),
            line=line,
        )
        for line in lines
    ]
