from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from sentra import logins
from sentra.inputs import VersionedForm
from sentra.models import AuditEvent, Centre, User
from sentra.scopes import Role
from sentra.uploads import validate_upload


class ThrottledLoginMixin:
    """Sign-in that waits after repeated failures of this username from this address
    (sentra/logins.py): the wait is checked before the password, and only a wrong password
    counts."""

    THROTTLED = "throttled"

    def clean(self):
        username = self.cleaned_data.get("username")  # type: ignore[attr-defined]
        wait = logins.seconds_to_wait(username, self.request)  # type: ignore[attr-defined]
        if wait:
            raise forms.ValidationError(
                _(
                    "Too many wrong passwords for this username from this computer. "
                    "Wait %(wait)s and try again. If you forgot your password, ask your "
                    "centre's admin to reset it."
                ),
                code=self.THROTTLED,
                params={"wait": logins.describe_wait(wait)},
            )
        try:
            cleaned = super().clean()  # type: ignore[misc]
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                logins.record_failure(username, self.request)  # type: ignore[attr-defined]
            raise
        logins.record_success(username, self.request)  # type: ignore[attr-defined]
        return cleaned


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


class StaffCreateForm(forms.ModelForm):
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Give it to the person privately."),
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "role"]

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(
                username=cleaned.get("username", ""),
                full_name=cleaned.get("full_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class StaffUpdateForm(VersionedForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "role", "position", "nip", "is_active"]
        labels = {"is_active": _("Active (may log in)")}

    def __init__(self, *args, acting_user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user

    def clean_nip(self):
        nip = self.cleaned_data["nip"].replace(" ", "")
        if nip and not (nip.isdigit() and len(nip) == 18):
            raise forms.ValidationError(_("A NIP has 18 digits."))
        return nip

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk == self.acting_user.pk:
            if cleaned.get("is_active") is False:
                self.add_error("is_active", _("You cannot deactivate your own account."))
            if cleaned.get("role") and cleaned["role"] != Role.ADMIN:
                self.add_error("role", _("You cannot take away your own admin role."))
        return cleaned


class StaffPasswordForm(SetPasswordForm):
    pass


class CentreSettingsForm(VersionedForm):
    class Meta:
        model = Centre
        fields = [
            "name",
            "kind",
            "province",
            "address",
            "time_zone",
            "emergency_response_hours",
            "stuck_case_days",
            "phone",
            "email",
            "website",
            "logo",
            "head_name",
            "head_title",
            "head_nip",
            "letter_number_pattern",
        ]
        # No link to the stored logo: it lives in private storage (it shows on the PDFs).
        widgets = {"logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg"})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        uploaded = logo and hasattr(logo, "content_type")  # a new upload, not the stored file
        if uploaded and validate_upload(logo) not in ("image/png", "image/jpeg"):
            raise forms.ValidationError(_("The logo must be a PNG or JPEG picture."))
        return logo

    def clean_head_nip(self):
        nip = self.cleaned_data["head_nip"].replace(" ", "")
        if nip and not (nip.isdigit() and len(nip) == 18):
            raise forms.ValidationError(_("A NIP has 18 digits."))
        return nip

    def clean_letter_number_pattern(self):
        pattern = self.cleaned_data["letter_number_pattern"]
        if "{seq}" not in pattern:
            raise forms.ValidationError(_("The pattern must contain {seq}."))
        try:
            pattern.format(seq=1, centre="X", kind="X", month="01", roman_month="I", year=2026)
        except (KeyError, IndexError, ValueError):
            raise forms.ValidationError(
                _("Use only {seq}, {centre}, {kind}, {month}, {roman_month} and {year}.")
            ) from None
        return pattern

    def clean_emergency_response_hours(self):
        hours = self.cleaned_data["emergency_response_hours"]
        if not 1 <= hours <= 168:
            raise forms.ValidationError(_("Choose between 1 and 168 hours (one week)."))
        return hours


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *AuditEvent.Action.choices],
    )
    username = forms.CharField(label=_("Username"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned
