from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.forms.cases import DATE_INPUT, _staff
from casework.models import (
    FollowUp,
    GoalStatus,
    Group,
    GroupSession,
    MonitoringReview,
    Partner,
    Referral,
    ServiceRecord,
    ServiceType,
    Termination,
)
from casework.models.plans import PlanGoal, PlanVersion
from sentra.models import Role
from sentra.uploads import validate_upload


def _service_types(centre):
    return ServiceType.objects.filter(Q(centre__isnull=True) | Q(centre=centre), is_active=True)


def _partners(centre):
    return Partner.objects.filter(centre=centre, is_active=True)


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
        help_texts = {
            "amount": _("In rupiah, without dots: 250000."),
            "receipt": _("PDF, JPEG or PNG, at most 10 MB."),
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_type"].queryset = _service_types(case.centre)
        self.fields["provider_staff"].queryset = _staff(
            case.centre, Role.SOCIAL_WORKER, Role.SUPERVISOR
        )
        self.fields["provider_partner"].queryset = _partners(case.centre)
        self.fields["plan_goal"].queryset = PlanGoal.objects.filter(
            plan__case=case, plan__status=PlanVersion.Status.APPROVED
        )
        self.receipt_content_type = ""

    def clean_receipt(self):
        upload = self.cleaned_data.get("receipt")
        if upload:
            self.receipt_content_type = validate_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("provider_staff") and not cleaned.get("provider_partner"):
            self.add_error(
                "provider_staff", _("Say who provided it: a staff member or an institution.")
            )
        service_type = cleaned.get("service_type")
        if cleaned.get("training_result") and service_type and not service_type.is_training:
            self.add_error("training_result", _("Only training services have a result."))
        return cleaned


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "kind", "purpose", "facilitator", "service_type", "members"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "members": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, centre, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = _staff(centre, Role.SOCIAL_WORKER, Role.SUPERVISOR)
        self.fields["service_type"].queryset = _service_types(centre)
        self.fields["members"].queryset = cases
        self.fields["members"].label_from_instance = lambda case: (
            f"{case.client.full_name} · {case.number}"
        )
        self.size_warning = ""

    def clean_members(self):
        members = self.cleaned_data["members"]
        if len(members) > Group.WARN_ABOVE:
            # A warning, not an error: the group is saved but the facilitator is told.
            self.size_warning = _(
                "%(n)s members: groups work best with 4 to 8, at most about 10."
            ) % {"n": len(members)}
        return members


class GroupSessionForm(forms.ModelForm):
    present: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Present"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = GroupSession
        fields = ["held_on", "stage", "topic", "notes", "evaluation"]
        widgets = {
            "held_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 2}),
            "evaluation": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = group.members.select_related("client")
        self.fields["present"].label_from_instance = lambda case: case.client.full_name


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "address", "phone", "email", "contact_person", "is_active"]
        help_texts = {
            "is_active": _("Inactive institutions stay on old referrals but are no longer offered.")
        }


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["partner", "reason", "services_requested", "documents"]
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 2}),
            "services_requested": forms.Textarea(attrs={"rows": 2}),
            "documents": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = _partners(case.centre)
        self.fields["documents"].queryset = case.client.documents.filter(is_archived=False)


class ReferralMoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Referral.Status.choices)
    notes = forms.CharField(
        label=_("Response notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = forms.CharField(
        label=_("Supervisor: reason to send without consent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MonitoringReviewForm(forms.ModelForm):
    class Meta:
        model = MonitoringReview
        fields = [
            "reviewed_on",
            "input_evaluation",
            "process_evaluation",
            "output_evaluation",
            "benefit_evaluation",
            "impact_evaluation",
            "wellbeing",
            "decision",
            "notes",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "input_evaluation",
                "process_evaluation",
                "output_evaluation",
                "benefit_evaluation",
                "impact_evaluation",
                "notes",
            )
        }
        widgets["reviewed_on"] = DATE_INPUT  # type: ignore[assignment]

    def __init__(self, *args, case, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wellbeing"].queryset = case.assessments.submitted().filter(
            instrument__kind="wellbeing"
        )
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=goal.goal, choices=GoalStatus.choices, initial=GoalStatus.IN_PROGRESS
            )
            self.fields[f"goal_{goal.pk}_notes"] = forms.CharField(
                label=_("Notes on this goal"), required=False, max_length=500
            )

    def progress(self) -> dict:
        return {
            goal: (self.cleaned_data[f"goal_{goal.pk}"], self.cleaned_data[f"goal_{goal.pk}_notes"])
            for goal in self.goals
        }


class TerminationForm(forms.ModelForm):
    class Meta:
        model = Termination
        fields = [
            "reason",
            "destination_address",
            "destination_region",
            "destination_partner",
            "outcome_summary",
            "final_wellbeing",
        ]
        widgets = {"outcome_summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"destination_region": _("Kemendagri code of the village, e.g. 1571011012.")}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination_partner"].queryset = _partners(case.centre)
        self.fields["final_wellbeing"].queryset = case.assessments.submitted().filter(
            instrument__kind="wellbeing"
        )

    def clean_destination_region(self):
        from clients import identity

        code = self.cleaned_data["destination_region"].strip()
        if code and not identity.region_name(code):
            raise forms.ValidationError(_("This region code does not exist."))
        return code


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["due_on", "mode", "assignee"]
        widgets = {"due_on": DATE_INPUT}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = _staff(case.centre, Role.SOCIAL_WORKER, Role.SUPERVISOR)


class FollowUpOutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))


class ServiceTypeForm(forms.ModelForm):
    class Meta:
        model = ServiceType
        fields = ["component", "code", "name_id", "name_en", "is_training"]

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre

    def clean_code(self):
        code = self.cleaned_data["code"]
        if _service_types(self.centre).filter(code=code).exists():
            raise forms.ValidationError(_("A service with this code already exists."))
        return code
