"""Who the person is: the short registration step and the whole record."""

from datetime import date

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import identity, services
from clients.forms.phone import PhoneField
from clients.models import (
    AtensiCluster,
    Client,
    DisabilityType,
    PPKSCategory,
)
from sentra.inputs import DATE_INPUT, VersionedForm, not_in_future


class ClientIdentityForm(VersionedForm):
    """Shared validation of the registration step and the full edit form."""

    estimated_age = forms.IntegerField(
        label=_("Estimated age (years)"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("When the date of birth is not known. The date is then marked estimated."),
    )
    confirm_different = forms.BooleanField(
        label=_("I have checked: this is a different person from those listed above."),
        required=False,
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.duplicates = services.DuplicateReport()
        if not self.is_bound:
            self._offer_confirmation()
        if "category" in self.fields:
            self.fields["category"].queryset = PPKSCategory.objects.for_centre(centre).active()
        if "other_categories" in self.fields:
            self.fields["other_categories"].widget = forms.CheckboxSelectMultiple()
            self.fields["other_categories"].queryset = PPKSCategory.objects.for_centre(
                centre
            ).active()
        if "clusters" in self.fields:
            self.fields["clusters"].widget = forms.CheckboxSelectMultiple()
            self.fields["clusters"].queryset = AtensiCluster.objects.for_centre(centre).active()
        if "disability_types" in self.fields:
            self.fields["disability_types"].widget = forms.CheckboxSelectMultiple()
            self.fields["disability_types"].queryset = DisabilityType.objects.for_centre(
                centre
            ).active()
        for name in ("nik", "kk_number"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(inputmode="numeric", autocomplete="off")

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        not_in_future(value, _("The date of birth cannot be in the future."))
        if value and value.year < 1900:
            raise forms.ValidationError(_("Check the year of birth: it is before 1900."))
        return value

    def clean_kk_number(self):
        value = self.cleaned_data.get("kk_number", "").strip()
        if not value:
            return ""
        number, errors = identity.check_kk(value)
        if errors:
            raise forms.ValidationError(errors)
        return number

    def clean(self):
        cleaned = super().clean()
        self._settle_birth_date(cleaned)
        self._check_nik(cleaned)
        self._check_categories(cleaned)
        if not self.errors:
            self._check_duplicates(cleaned)
        self._offer_confirmation()
        return cleaned

    def _offer_confirmation(self) -> None:
        """ "A different person from those listed above" means nothing until a list of
        similar people is shown above it: until then the box is not offered."""
        if "confirm_different" in self.fields and not self.duplicates.needs_confirmation:
            self.fields["confirm_different"].widget = forms.HiddenInput()

    def _check_categories(self, cleaned):
        others = cleaned.get("other_categories")
        if others is None:
            return
        primary = cleaned.get("category")
        if others and not primary:
            self.add_error(
                "category", _("Choose the main category, which reports count, before others.")
            )
        cleaned["other_categories"] = [c for c in others if c != primary]

    def _settle_birth_date(self, cleaned):
        age = cleaned.get("estimated_age")
        if age is None:
            return
        if cleaned.get("birth_date") and not cleaned.get("birth_date_estimated", True):
            self.add_error(
                "estimated_age",
                _("Give either the date of birth or an estimated age, not both."),
            )
            return
        today = timezone.localdate()
        # Mid-year is the least wrong guess for a date we only know the year of.
        cleaned["birth_date"] = date(today.year - age, 7, 1)
        if cleaned["birth_date"] > today:
            cleaned["birth_date"] = date(today.year - age - 1, 7, 1)
        cleaned["birth_date_estimated"] = True

    def _check_nik(self, cleaned):
        value = (cleaned.get("nik") or "").strip()
        if not value:
            cleaned["nik"] = ""
            return
        birth_date = cleaned.get("birth_date")
        if cleaned.get("birth_date_estimated"):
            birth_date = None  # an estimate cannot contradict the NIK
        check = identity.check_nik(value, birth_date=birth_date, sex=cleaned.get("sex"))
        if check.errors:
            self.add_error("nik", check.errors)
            return
        cleaned["nik"] = check.nik
        if not cleaned.get("birth_date") and check.birth_date:
            # The NIK tells the date of birth; take it rather than leave it empty.
            cleaned["birth_date"] = check.birth_date
            cleaned["birth_date_estimated"] = False

    def _check_duplicates(self, cleaned):
        birth_date = cleaned.get("birth_date")
        instance = self.instance if self.instance.pk else None
        nik_changed = not instance or cleaned.get("nik") != instance.nik
        kk_changed = not instance or cleaned.get("kk_number") != instance.kk_number
        name_changed = not instance or cleaned.get("full_name") != instance.full_name
        self.duplicates = services.find_duplicates(
            centre=self.centre,
            full_name=cleaned.get("full_name", "") if name_changed else "",
            sex=cleaned.get("sex", ""),
            birth_year=birth_date.year if birth_date else None,
            nik=cleaned.get("nik", "") if nik_changed else "",
            kk_number=cleaned.get("kk_number", "") if kk_changed else "",
            exclude=instance,
        )
        if self.duplicates.same_nik:
            self.add_error(
                "nik",
                _(
                    "This NIK is already registered in this centre as %(number)s. "
                    "Open that record instead of registering the person again."
                )
                % {"number": self.duplicates.same_nik[0].registration_number},
            )
        elif self.duplicates.needs_confirmation and not cleaned.get("confirm_different"):
            self.add_error(
                "confirm_different",
                _(
                    "Someone similar is already registered (see the list above). Check that "
                    "this is a different person, then tick this box."
                ),
            )


IDENTITY_FIELDS = [
    "full_name",
    "aliases",
    "sex",
    "birth_date",
    "birth_date_estimated",
    "estimated_age",
    "nik",
    "kk_number",
    "phone",
]


class ClientRegistrationForm(ClientIdentityForm):
    """The short first step: only what is known when the person arrives."""

    class Meta:
        model = Client
        fields = [
            "full_name",
            "aliases",
            "sex",
            "birth_date",
            "birth_date_estimated",
            "nik",
            "kk_number",
            "phone",
            "category",
            "other_categories",
            "clusters",
        ]
        widgets = {"birth_date": DATE_INPUT}
        field_classes = {"phone": PhoneField}
        help_texts = {
            "nik": _("Optional. Leave empty when the person has no identity papers."),
            "kk_number": _("Optional."),
        }

    field_order = [
        *IDENTITY_FIELDS,
        "category",
        "other_categories",
        "clusters",
        "confirm_different",
    ]


REGION_LEVELS = [
    ("province_code", "", "regency_code"),
    ("regency_code", "province_code", "district_code"),
    ("district_code", "regency_code", "village_code"),
    ("village_code", "district_code", None),
]


class ClientForm(ClientIdentityForm):
    """The whole record: identity, address with Kemendagri regions, classification."""

    class Meta:
        model = Client
        fields = [
            "full_name",
            "aliases",
            "sex",
            "birth_date",
            "birth_date_estimated",
            "birthplace",
            "religion",
            "education",
            "marital_status",
            "citizenship",
            "phone",
            "nik",
            "kk_number",
            "province_code",
            "regency_code",
            "district_code",
            "village_code",
            "street",
            "rt",
            "rw",
            "category",
            "other_categories",
            "clusters",
            "disability_types",
        ]
        widgets = {"birth_date": DATE_INPUT}
        field_classes = {"phone": PhoneField}

    field_order = [*IDENTITY_FIELDS, "confirm_different"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = (
            self.data
            if self.is_bound
            else {name: getattr(self.instance, name) for name, _, _ in REGION_LEVELS}
        )
        for name, parent, child in REGION_LEVELS:
            parent_code = source.get(parent, "") if parent else ""
            options = identity.children_of(parent_code) if (parent_code or not parent) else ()
            attrs = {}
            if child:
                attrs = {
                    "hx-get": reverse_lazy("clients:regions"),
                    "hx-target": f"#id_{child}",
                    "hx-trigger": "change",
                }
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label,
                required=False,
                choices=[("", "—"), *options],
                widget=forms.Select(attrs=attrs),
            )

    def clean(self):
        cleaned = super().clean()
        for name, parent, _child in REGION_LEVELS[1:]:
            code, parent_code = cleaned.get(name), cleaned.get(parent)
            if code and not (parent_code and identity.is_child_region(code, parent_code)):
                self.add_error(name, _("Choose this after the level above it."))
        return cleaned
