"""What is added to a client's file: family, tracing attempts, documents, consent, archiving."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.forms.phone import PhoneField
from clients.models import (
    Client,
    ClientDocument,
    Consent,
    FamilyMember,
    FamilyTracingAttempt,
    TracingStatus,
)
from sentra.inputs import DATE_INPUT, VersionedForm, not_in_future
from sentra.uploads import clean_upload


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this record archived?"),
        max_length=300,
        help_text=_("e.g. registered twice by mistake, moved to another centre"),
    )


class FamilyMemberForm(VersionedForm):
    class Meta:
        model = FamilyMember
        fields = ["name", "relationship", "is_guardian", "phone", "address", "notes"]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"phone": PhoneField}


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
        not_in_future(value, _("The date of the attempt cannot be in the future."))
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
        upload, self.content_type = clean_upload(upload)
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
        not_in_future(value, _("The date of consent cannot be in the future."))
        return value

    def clean_proof_file(self):
        upload = self.cleaned_data.get("proof_file")
        self.proof_content_type = None
        if upload:
            upload, self.proof_content_type = clean_upload(upload)
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
        not_in_future(value, _("The date of withdrawal cannot be in the future."))
        if value < self.consent.given_on:
            raise forms.ValidationError(_("Consent cannot be withdrawn before it was given."))
        return value
