"""Ticking the ATENSI approaches of a case or a plan: one or more."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models.cases import Approach, approach_order


class ApproachesField(forms.MultipleChoiceField):
    """Residential and/or family-based and/or community-based, kept in that order."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Approaches"))
        kwargs.setdefault(
            "help_text", _("Tick every approach the service uses; residential is the last resort.")
        )
        super().__init__(choices=Approach.choices, **kwargs)
        self.error_messages["required"] = _("Tick at least one approach.")

    def clean(self, value):
        return approach_order(super().clean(value))
