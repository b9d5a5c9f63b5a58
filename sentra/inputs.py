"""Form pieces every app shares: date widgets, the staff a centre can choose from, the
plausibility bounds of dates, fields shown by another field's choice, and the version an
edit form was read at."""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sentra.models import User
from sentra.versioning import EditConflict, conflict_for

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def staff_of(centre, *roles: str):
    """Active staff of `centre` with one of `roles`, by name: the choices of a staff field."""
    return User.objects.in_centre(centre).active().filter(role__in=roles).order_by("full_name")


def show_if(form: forms.BaseForm, name: str, controller: str, values) -> None:
    """Show field `name` only while field `controller` holds one of `values` (a checkbox
    holds "on" when ticked). static/js/sentra.js hides the field's wrapper otherwise; the
    form's clean() stays the rule and ignores what a hidden field holds."""
    wanted = ",".join(str(value) for value in values)
    form.fields[name].widget.attrs["data-show-if"] = f"{form.add_prefix(controller)}={wanted}"


class RupiahInput(forms.TextInput):
    """An amount shown as people write it: 1.500.000 (a number input refuses the dots)."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "data-rupiah": "", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int | Decimal) and value == int(value):
            return f"{int(value):,}".replace(",", ".")
        return super().format_value(value)


class RupiahField(forms.IntegerField):
    """Whole rupiah, typed with or without thousands dots: "1500000", "1.500.000",
    "Rp 1.500.000" and "1.500.000,00" are all 1500000."""

    widget = RupiahInput
    default_error_messages = {
        "invalid": _("Write the amount in whole rupiah, e.g. 1.500.000 or 1500000."),
    }

    def __init__(self, *, max_digits=None, decimal_places=None, **kwargs):
        # A DecimalField of whole rupiah (decimal_places=0) passes these along: unused here.
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"^\s*Rp\.?\s*", "", value, flags=re.IGNORECASE).strip()
            value = re.sub(r",0{1,2}$", "", value)
            if re.fullmatch(r"\d{1,3}(\.\d{3})+", value):
                value = value.replace(".", "")
            value = value.replace(" ", "")
        return super().to_python(value)

    def widget_attrs(self, widget):
        # No min/max attributes: the browser would judge "1.500.000" against them.
        return {}


def not_in_future(value: date | None, message) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)


class VersionedFormMixin:
    """A form that edits a record carries the version it was read at (a hidden field), so
    the service's `save_versioned` can refuse a stale save; `show_conflict` then shows the
    other person's change beside what this user typed, ready to save again."""

    conflict: EditConflict | None = None

    def add_version_field(self, record: Any) -> None:
        self.fields["version"] = forms.IntegerField(  # type: ignore[attr-defined]
            widget=forms.HiddenInput,
            initial=record.version,  # a sentra.versioning.Versioned record
            min_value=1,
            error_messages={"required": _("This form is out of date. Open the record again.")},
        )

    def describe_change(self: Any, change) -> None:
        """Fill in what this form holds for a field the other person changed."""
        if change.name in self.fields and change.name in self.cleaned_data:
            change.yours = _shown(self.fields[change.name], self.cleaned_data[change.name])

    @property
    def read_version(self) -> int | None:
        return self.cleaned_data.get("version")  # type: ignore[attr-defined]

    def show_conflict(self: Any, conflict: EditConflict) -> None:
        """Keep what was typed, say what the other person changed, and take their version
        as the one this form now edits: saving again keeps exactly what is in the form."""
        self.conflict = conflict
        for change in conflict.changes:
            self.describe_change(change)
        self.add_error(
            None,
            _(
                "Someone else saved this record while you were editing it, so your changes "
                "are not saved yet. Compare them with theirs below, correct the form if "
                "needed, and save again."
            ),
        )
        data = self.data.copy()
        data[self.add_prefix("version")] = str(conflict.current.version)  # type: ignore[attr-defined]
        self.data = data


class VersionedForm(VersionedFormMixin, forms.ModelForm):
    """A model form that edits a record: see VersionedFormMixin."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.add_version_field(self.instance)

    def _post_clean(self):
        super()._post_clean()
        if self.read_version is not None:
            self.instance._read_version = self.read_version  # read by sentra.versioning


def _shown(form_field: forms.Field, value) -> str:
    """A cleaned value as the person typed or chose it."""
    if value in (None, "", [], ()):
        return ""
    if hasattr(value, "all"):  # the chosen rows of a many-to-many field
        value = list(value.all()) if callable(value.all) else value
    if isinstance(value, list | tuple):
        return ", ".join(_shown(form_field, item) for item in value)
    choices = dict(getattr(form_field, "choices", None) or [])
    return str(choices.get(value, value))


def show_conflicts(page_forms, conflict: EditConflict) -> None:
    """A page that edits several records at once (a plan and its goals, minutes and their
    decisions): the form of the record that conflicted shows the conflict, and so does the
    form of every other record somebody saved since it was read. Saving again then keeps
    exactly what the page shows."""
    for form in page_forms:
        record, read = form.instance, form.read_version
        if record.pk is None or read is None:
            continue
        if record == conflict.current:
            form.show_conflict(conflict)
            continue
        now = type(record)._default_manager.filter(pk=record.pk).values_list("version", flat=True)
        if now.first() not in (None, read):
            form.show_conflict(conflict_for(record, read))
