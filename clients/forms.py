from datetime import date

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients import identity, services
from clients.models import (
    AtensiCluster,
    Client,
    ClientDocument,
    Consent,
    DisabilityType,
    FamilyMember,
    FamilyTracingAttempt,
    PPKSCategory,
    TracingStatus,
)
from sentra.uploads import validate_upload

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_in_future(value: date | None, message) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)


class ClientIdentityForm(forms.ModelForm):
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
        if "category" in self.fields:
            self.fields["category"].queryset = PPKSCategory.objects.for_centre(centre).active()
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
        if "phone" in self.fields:
            self.fields["phone"].widget.attrs.update(inputmode="tel")
        if self.instance.pk and self.instance.phone and not self.is_bound:
            self.initial["phone"] = identity.display_phone(self.instance.phone)

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        _not_in_future(value, _("The date of birth cannot be in the future."))
        if value and value.year < 1900:
            raise forms.ValidationError(_("Check the year of birth: it is before 1900."))
        return value

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if not value:
            return ""
        try:
            return identity.normalise_phone(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

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
        if not self.errors:
            self._check_duplicates(cleaned)
        return cleaned

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
            "clusters",
        ]
        widgets = {"birth_date": DATE_INPUT}
        help_texts = {
            "nik": _("Optional. Leave empty when the person has no identity papers."),
            "kk_number": _("Optional."),
        }

    field_order = [*IDENTITY_FIELDS, "category", "clusters", "confirm_different"]


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
            "clusters",
            "disability_types",
        ]
        widgets = {"birth_date": DATE_INPUT}

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


class ClientSearchForm(forms.Form):
    """Sent by POST so names never land in URLs or server logs."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Name, alias, NIK, KK or registration number"),
                "autocomplete": "off",
            }
        ),
    )


class ClientFilterForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("mine", _("Clients whose file I can open")), ("all", _("Whole registry"))],
    )
    category = forms.ModelChoiceField(
        label=_("PPKS category"), queryset=PPKSCategory.objects.none(), required=False
    )
    cluster = forms.ModelChoiceField(
        label=_("ATENSI cluster"), queryset=AtensiCluster.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active and archived")), *Client.Status.choices],
    )
    worker: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Social worker"), queryset=None, required=False
    )

    def __init__(self, *args, centre, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = PPKSCategory.objects.for_centre(centre)
        self.fields["cluster"].queryset = AtensiCluster.objects.for_centre(centre)
        self.fields["worker"].queryset = staff


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this record archived?"),
        max_length=300,
        help_text=_("e.g. registered twice by mistake, moved to another centre"),
    )


class FamilyMemberForm(forms.ModelForm):
    class Meta:
        model = FamilyMember
        fields = ["name", "relationship", "is_guardian", "phone", "address", "notes"]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if not value:
            return ""
        try:
            return identity.normalise_phone(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class TracingAttemptForm(forms.ModelForm):
    class Meta:
        model = FamilyTracingAttempt
        fields = ["attempted_on", "method", "result", "status_after"]
        widgets = {"attempted_on": DATE_INPUT, "result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status_after"].initial = TracingStatus.SEARCHING

    def clean_attempted_on(self):
        value = self.cleaned_data["attempted_on"]
        _not_in_future(value, _("The date of the attempt cannot be in the future."))
        return value


class DocumentForm(forms.ModelForm):
    class Meta:
        model = ClientDocument
        fields = ["kind", "description", "file"]
        help_texts = {"file": _("PDF, JPEG or PNG, at most 10 MB.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = validate_upload(upload)
        return upload


class ConsentForm(forms.ModelForm):
    proof_file = forms.FileField(
        label=_("Scanned proof"),
        required=False,
        help_text=_("The signed form or thumbprint: PDF, JPEG or PNG, at most 10 MB."),
    )

    class Meta:
        model = Consent
        fields = ["purpose", "given_by", "guardian", "given_on", "notes"]
        widgets = {"given_on": DATE_INPUT}

    def __init__(self, *args, client: Client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["guardian"].queryset = client.family.filter(  # type: ignore[attr-defined]
            is_archived=False
        )
        self.fields["guardian"].help_text = _(
            "Required for children under 18. Add the guardian under Family first."
        )

    def clean_given_on(self):
        value = self.cleaned_data["given_on"]
        _not_in_future(value, _("The date of consent cannot be in the future."))
        return value

    def clean_proof_file(self):
        upload = self.cleaned_data.get("proof_file")
        self.proof_content_type = validate_upload(upload) if upload else None
        return upload

    def clean(self):
        cleaned = super().clean()
        given_by, guardian = cleaned.get("given_by"), cleaned.get("guardian")
        if self.client.is_child and given_by != Consent.GivenBy.GUARDIAN:
            self.add_error(
                "given_by",
                _("The client is under 18: consent must be given by a guardian."),
            )
        if given_by == Consent.GivenBy.GUARDIAN and guardian is None:
            self.add_error("guardian", _("Choose the guardian who gave consent."))
        if guardian is not None and not guardian.is_guardian:
            self.add_error(
                "guardian",
                _("%(name)s is not marked as a legal guardian under Family.")
                % {"name": guardian.name},
            )
        return cleaned


class ConsentWithdrawalForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"), widget=DATE_INPUT, initial=timezone.localdate
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, consent: Consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = consent

    def clean_withdrawn_on(self):
        value = self.cleaned_data["withdrawn_on"]
        _not_in_future(value, _("The date of withdrawal cannot be in the future."))
        if value < self.consent.given_on:
            raise forms.ValidationError(_("Consent cannot be withdrawn before it was given."))
        return value


class CategoryForm(forms.ModelForm):
    class Meta:
        model = PPKSCategory
        fields = ["code", "name_id", "name_en", "cluster"]

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre

    def clean_code(self):
        code = self.cleaned_data["code"]
        if PPKSCategory.objects.for_centre(self.centre).filter(code=code).exists():
            raise forms.ValidationError(_("A category with this code already exists."))
        return code
