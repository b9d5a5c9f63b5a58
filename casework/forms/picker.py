"""Choosing cases among thousands: the case picker.

A centre of 150 000 clients has thousands of open cases; one checkbox each made the group
and conference forms pages of megabytes that took a second to render. The picker shows
the cases already chosen, a short list of suggestions (the user's own caseload, or what
awaits them), and a search that adds any other case the user may open
(`casework:case-pick`). What the form accepts is still every case of its queryset."""

from typing import cast

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SUGGESTED = 30
# A ticked case that is no longer open (or was moved) while the page stood open: Django's
# own words ("123 is not one of the available choices") would show a database key.
GONE = _(
    "A case you ticked can no longer be chosen: it was closed or moved in the meantime. "
    "Reload the page and choose again."
)


class CasePicker(forms.Widget):
    template_name = "casework/widgets/case_picker.html"
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.queryset = None  # the field's: the cases that may be chosen
        self.suggested = None
        self.suggested_label = _("Suggested")

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked is a choice of none

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, which the form renderer's engine does not search.
        return render_to_string(self.template_name, self.get_context(name, value, attrs))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen_ids = _ids(value)
        chosen = list(self.queryset.filter(pk__in=chosen_ids)) if chosen_ids else []
        suggested = []
        if self.suggested is not None:
            suggested = list(self.suggested.exclude(pk__in=chosen_ids)[:SUGGESTED])
        context["widget"] |= {
            "chosen": chosen,
            "suggested": suggested,
            "suggested_label": self.suggested_label,
            "search_url": reverse("casework:case-pick"),
        }
        return context


def _ids(value) -> list[int]:
    values = value if isinstance(value, list | tuple) else [value] if value else []
    found = []
    for item in values:
        key = getattr(item, "pk", item)
        if str(key).isdigit():
            found.append(int(str(key)))
    return found


class CasePickerField(forms.ModelMultipleChoiceField):
    widget = CasePicker
    default_error_messages = {"invalid_choice": GONE, "invalid_pk_value": GONE}

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)  # type: ignore[misc]  # Django's, not in the stubs
        self.picker.queryset = self.queryset

    queryset = property(
        forms.ModelMultipleChoiceField._get_queryset,  # type: ignore[attr-defined]
        _set_queryset,
    )

    def suggest(self, cases, label) -> None:
        """Offer `cases` (a short, ordered queryset) below the chosen ones."""
        self.picker.suggested = cases
        self.picker.suggested_label = label

    @property
    def picker(self) -> CasePicker:
        return cast(CasePicker, self.widget)
