"""Opening, editing, moving, listing and reassigning cases."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.forms.approaches import ApproachesField
from casework.forms.picker import GONE
from casework.models import (
    Case,
    Partner,
)
from casework.models.cases import AccessRoute, EmergencyNeed
from casework.models.stages import Stage
from sentra.inputs import DATE_INPUT, VersionedForm, show_if, staff_of
from sentra.models import User
from sentra.scopes import Role

ROUTE_FIELDS = {
    AccessRoute.REFERRAL: [
        "referring_partner",
        "referring_institution",
        "referral_letter_number",
        "referral_date",
    ],
    AccessRoute.REPORT: ["reporter_name", "report_channel"],
    AccessRoute.OUTREACH: ["outreach_location", "outreach_by"],
    AccessRoute.WALK_IN: [],
}
REQUIRED_FOR_ROUTE = {
    AccessRoute.REFERRAL: [],
    AccessRoute.REPORT: ["report_channel"],
    AccessRoute.OUTREACH: ["outreach_location"],
}


class CaseOpenForm(forms.ModelForm):
    approaches = ApproachesField()
    emergency_needs = forms.MultipleChoiceField(
        label=_("Immediate needs (emergency only)"),
        choices=EmergencyNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Case
        fields = [
            "access_route",
            "referring_partner",
            "referring_institution",
            "referral_letter_number",
            "referral_date",
            "reporter_name",
            "report_channel",
            "outreach_location",
            "outreach_by",
            "approaches",
            "problem_statement",
            "priority",
            "primary_worker",
            "team",
            "supervisor",
            "is_emergency",
            "emergency_needs",
        ]
        widgets = {
            "referral_date": DATE_INPUT,
            "problem_statement": forms.Textarea(attrs={"rows": 4}),
            "team": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, centre, user, **kwargs):
        super().__init__(*args, **kwargs)
        workers = staff_of(centre, Role.SOCIAL_WORKER, Role.SUPERVISOR)
        self.fields["primary_worker"].queryset = workers
        self.fields["team"].queryset = workers
        self.fields["supervisor"].queryset = staff_of(centre, Role.SUPERVISOR)
        self.fields["referring_partner"].queryset = Partner.objects.of_centre(centre).active()
        self.fields["referring_institution"].required = False
        self.fields["referring_institution"].label = _("Referring institution, if not listed")
        for route, names in ROUTE_FIELDS.items():
            for name in names:
                show_if(self, name, "access_route", [route])
        show_if(self, "emergency_needs", "is_emergency", ["on"])
        if not self.is_bound:
            if user.role == Role.SOCIAL_WORKER:
                self.initial.setdefault("primary_worker", user.pk)
            supervisors = list(self.fields["supervisor"].queryset[:2])
            if len(supervisors) == 1:
                self.initial.setdefault("supervisor", supervisors[0].pk)

    def clean_referral_date(self):
        value = self.cleaned_data.get("referral_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The referral date cannot be in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        route = cleaned.get("access_route")
        if route == AccessRoute.REFERRAL and not (
            cleaned.get("referring_partner") or cleaned.get("referring_institution")
        ):
            self.add_error(
                "referring_institution",
                _("Name the referring institution, or choose it from the directory."),
            )
        for name in REQUIRED_FOR_ROUTE.get(route, []):
            if not cleaned.get(name):
                self.add_error(name, _("Needed for this access route."))
        # Keep only the details of the chosen route.
        partner = cleaned.get("referring_partner")
        if route == AccessRoute.REFERRAL and partner and not cleaned.get("referring_institution"):
            # The directory entry names the institution; keep the name on the case too.
            cleaned["referring_institution"] = partner.name
        for other_route, names in ROUTE_FIELDS.items():
            if other_route != route:
                for name in names:
                    cleaned[name] = None if name in ("referral_date", "referring_partner") else ""
        if cleaned.get("is_emergency") and not cleaned.get("emergency_needs"):
            self.add_error("emergency_needs", _("Tick at least one immediate need."))
        if not cleaned.get("is_emergency"):
            cleaned["emergency_needs"] = []
        primary, team = cleaned.get("primary_worker"), cleaned.get("team")
        if primary and team and primary in team:
            cleaned["team"] = [member for member in team if member != primary]
        return cleaned


class CaseEditForm(VersionedForm):
    approaches = ApproachesField()

    class Meta:
        model = Case
        fields = ["approaches", "problem_statement", "priority", "team", "supervisor"]
        widgets = {
            "problem_statement": forms.Textarea(attrs={"rows": 4}),
            "team": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        centre = self.instance.centre
        self.fields["team"].queryset = staff_of(
            centre, Role.SOCIAL_WORKER, Role.SUPERVISOR
        ).exclude(pk=self.instance.primary_worker_id)
        self.fields["supervisor"].queryset = staff_of(centre, Role.SUPERVISOR)


class StageMoveForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    reason = forms.CharField(
        label=_("Why now?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A sentence for the timeline, e.g. 'first visit done, client agreed'."),
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["to_stage"].choices = [(s, Stage(s).label) for s in choices]


class ReassignForm(forms.Form):
    cases = forms.ModelMultipleChoiceField(
        label=_("Cases"),
        queryset=Case.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": GONE, "invalid_pk_value": GONE},
    )
    to_worker = forms.ModelChoiceField(
        label=_("New primary social worker"), queryset=User.objects.none()
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=300, help_text=_("e.g. worker on leave, caseload balance")
    )

    def __init__(self, *args, cases, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases
        # Shown under their worker's name (case_groups), so the label leaves the worker out.
        self.fields["cases"].label_from_instance = lambda case: (
            f"{case.number} · {case.client.full_name} · {case.get_stage_display()}"
        )
        self.fields["to_worker"].queryset = staff_of(centre, Role.SOCIAL_WORKER, Role.SUPERVISOR)

    def case_groups(self) -> list[tuple[User, list]]:
        """The case checkboxes grouped by the cases' present primary worker, in the order of
        the queryset (which sorts by worker)."""
        groups: dict[User, list] = {}
        for checkbox in self["cases"]:
            case = checkbox.data["value"].instance
            groups.setdefault(case.primary_worker, []).append(checkbox)
        return list(groups.items())

    def clean(self):
        cleaned = super().clean()
        cases, to_worker = cleaned.get("cases"), cleaned.get("to_worker")
        if cases and to_worker and all(case.primary_worker_id == to_worker.pk for case in cases):
            self.add_error(
                "to_worker",
                _("These cases are already with %(name)s: nothing to reassign.")
                % {"name": to_worker},
            )
        return cleaned


class CaseFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All open stages")), *Stage.choices]
    )
    worker = forms.ModelChoiceField(
        label=_("Primary social worker"), required=False, queryset=User.objects.none()
    )
    emergency = forms.BooleanField(label=_("Emergencies only"), required=False)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = staff_of(centre, Role.SOCIAL_WORKER, Role.SUPERVISOR)
