"""Recording a service, and adding to the service catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import (
    Partner,
    PlanGoal,
    PlanVersion,
    ServiceRecord,
    ServiceType,
)
from sentra.inputs import DATE_INPUT, RupiahField, show_if, staff_of
from sentra.scopes import Role
from sentra.uploads import clean_upload


class ServiceRecordForm(forms.ModelForm):
    class Meta:
        model = ServiceRecord
        fields = [
            "service_type",
            "delivered_on",
            "provider_staff",
            "provider_partner",
            "quantity",
            "amount",
            "description",
            "plan_goal",
            "receipt",
            "training_result",
            "training_notes",
        ]
        widgets = {
            "delivered_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 2}),
            "training_notes": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"amount": RupiahField}
        help_texts = {
            "amount": _("In rupiah, e.g. 250.000."),
            "receipt": _("PDF, JPEG or PNG, at most 10 MB."),
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_type"].queryset = ServiceType.objects.for_centre(case.centre).active()
        self.fields["provider_staff"].queryset = staff_of(
            case.centre, Role.SOCIAL_WORKER, Role.SUPERVISOR
        )
        self.fields["provider_partner"].queryset = Partner.objects.of_centre(case.centre).active()
        self.fields["plan_goal"].queryset = PlanGoal.objects.filter(
            plan__case=case, plan__status=PlanVersion.Status.APPROVED
        )
        self.receipt_content_type = ""
        # Only a training service has a result: its fields follow the chosen service.
        training = self.fields["service_type"].queryset.filter(is_training=True)
        training_ids = list(training.values_list("pk", flat=True))
        for name in ("training_result", "training_notes"):
            show_if(self, name, "service_type", training_ids)

    def clean_receipt(self):
        upload = self.cleaned_data.get("receipt")
        if upload:
            upload, self.receipt_content_type = clean_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("provider_staff") and not cleaned.get("provider_partner"):
            self.add_error(
                "provider_staff", _("Say who provided it: a staff member or an institution.")
            )
        service_type = cleaned.get("service_type")
        if service_type and not service_type.is_training:
            # Hidden for any other service: what they hold is not kept.
            cleaned["training_result"] = cleaned["training_notes"] = ""
        return cleaned


class ServiceTypeForm(forms.ModelForm):
    class Meta:
        model = ServiceType
        fields = ["component", "code", "name_id", "name_en", "is_training"]

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre

    def clean_code(self):
        code = self.cleaned_data["code"]
        if ServiceType.objects.for_centre(self.centre).filter(code=code).exists():
            raise forms.ValidationError(_("A service with this code already exists."))
        return code
