"""Pieces the activities forms share: the time widget, the checks of a facilitator or
instructor (staff or an external person), and the pages that edit one record per row."""

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from activities.services.rows import RowConflicts, RowRead
from sentra.versioning import EditConflict

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def require_someone(form, staff_field: str, name_field: str, message) -> None:
    """A staff member or an external person's name, not neither."""
    cleaned = form.cleaned_data
    if not cleaned.get(staff_field) and not (cleaned.get(name_field) or "").strip():
        form.add_error(staff_field, message)


def require_order(form, start_field: str, end_field: str, message) -> None:
    start, end = form.cleaned_data.get(start_field), form.cleaned_data.get(end_field)
    if start and end and end <= start:
        form.add_error(end_field, message)


FACILITATOR_MISSING = _("Name who leads it: a staff member or an external person.")


class RowsForm(forms.Form):
    """A page that edits one record per row: the attendance list, a module's evaluations.

    Each row carries, hidden, the values it showed and the version of its record when the
    page was read (0: none yet), so the service can merge it with what somebody else saved
    since (activities/services/rows.py). `show_conflicts` then shows each row both changed
    beside what this person chose, and the rows only the other person changed as they left
    them; saving again keeps exactly what the page shows."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.row_names: dict[int, dict[str, str]] = {}  # key → {record field: form field}
        self.row_prefixes: dict[int, str] = {}
        self.row_conflicts: dict[int, EditConflict] = {}
        self.conflict: EditConflict | None = None

    def add_row(self, key: int, prefix: str, fields: dict, record) -> None:
        """`fields` maps the record's field names to (form field name, form field); `record`
        is the row's record, None when there is none yet."""
        names = {}
        for record_field, (name, form_field) in fields.items():
            self.fields[name] = form_field
            names[record_field] = name
        self.fields[f"{prefix}-version"] = forms.IntegerField(
            widget=forms.HiddenInput,
            initial=record.version if record is not None else 0,
            min_value=0,
            required=record is not None,
            error_messages={"required": _("This form is out of date. Open the record again.")},
        )
        self.row_names[key], self.row_prefixes[key] = names, prefix

    def clean(self):
        cleaned = super().clean()
        if any(name.endswith("-version") for name in self.errors):
            # A row's version is never shown; say it where the page shows its errors.
            self.add_error(None, _("This form is out of date. Open the record again."))
        return cleaned

    def hidden_of(self, key: int) -> SafeString:
        """What a row carries unseen: the values the page showed, and the version."""
        shown = [self[name].as_hidden(only_initial=True) for name in self.row_names[key].values()]
        return format_html_join(
            "", "{}", [(html,) for html in [*shown, str(self[f"{self.row_prefixes[key]}-version"])]]
        )

    def reads(self) -> dict[int, RowRead]:
        """What each row showed when the page was read, for the rows that say (a version
        was sent with them)."""
        reads = {}
        for key, names in self.row_names.items():
            version = self.cleaned_data.get(f"{self.row_prefixes[key]}-version")
            if version is not None:
                shown = {field: self._shown_value(name) for field, name in names.items()}
                reads[key] = RowRead(version, shown)
        return reads

    def _shown_value(self, name: str):
        """The value the page showed in field `name` (its hidden initial), as the field
        reads it; a value it cannot read counts as nothing shown."""
        form_field = self.fields[name]
        sent = form_field.hidden_widget().value_from_datadict(
            self.data, self.files, self.add_initial_prefix(name)
        )
        try:
            return form_field.to_python(sent)
        except forms.ValidationError:
            return form_field.to_python(None)

    def show_conflicts(self, conflict: RowConflicts) -> None:
        """Keep what this person chose in the rows both changed, beside the other person's
        change, and take the other person's version of them; show the rows only the other
        person changed as they left them."""
        self.conflict = conflict
        data = self.data.copy()  # type: ignore[attr-defined]
        for key, record in conflict.kept.items():
            if key in self.row_names:
                self._take(data, key, record, keep_typed=False)
        for key, row in conflict.rows.items():
            if key not in self.row_names:
                continue
            names = self.row_names[key]
            for change in row.changes:
                if change.name in names:
                    change.yours = _shown(
                        self.fields[names[change.name]], self.cleaned_data.get(names[change.name])
                    )
            self.row_conflicts[key] = row
            self._take(data, key, row.current, keep_typed=True)
        self.add_error(
            None,
            _(
                "Someone else saved this record while you were editing it, so your changes "
                "are not saved yet. Where only they changed a row, it now shows their entry; "
                "where you both did, compare below, correct if needed, and save again."
            ),
        )
        self.data = data

    def _take(self, data, key: int, record, *, keep_typed: bool) -> None:
        """Make the row read as `record` is now; with `keep_typed`, still holding what this
        person chose (which then counts as their change)."""
        data[f"{self.row_prefixes[key]}-version"] = str(record.version)
        for record_field, name in self.row_names[key].items():
            value = getattr(record, record_field)
            value = "" if value is None else str(value)
            data[self.add_initial_prefix(name)] = value
            if not keep_typed:
                data[self.add_prefix(name)] = value


def _shown(form_field: forms.Field, value) -> str:
    if value in (None, ""):
        return ""
    choices = dict(getattr(form_field, "choices", None) or [])
    return str(choices.get(value, value))
