"""A phone number field: typed as people write it (0812-3456-7890, +62 812…), stored as
+62… (clients/identity.py) and shown again the national way."""

from django import forms

from clients import identity


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="tel", autocomplete="off")

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        try:
            return identity.normalise_phone(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def prepare_value(self, value):
        return identity.display_phone(value) if isinstance(value, str) and value else value
