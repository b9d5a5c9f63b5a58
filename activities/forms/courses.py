"""Vocational courses: the course, modules, enrolment, evaluations and the end of the
course (result, certificate, starter package, business practice)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activities.forms.common import RowsForm, require_order, require_someone
from activities.models import (
    BusinessPractice,
    Certificate,
    Competency,
    Course,
    Enrolment,
    Module,
    StarterPackage,
)
from activities.models.activities import EARLIEST
from activities.models.completion import MAX_AMOUNT
from activities.models.courses import MAX_CAPACITY
from casework.models import Component, ServiceType
from sentra.inputs import DATE_INPUT, RupiahField, VersionedForm, not_in_future, staff_of
from sentra.scopes import Role


class CourseForm(VersionedForm):
    class Meta:
        model = Course
        fields = [
            "skill",
            "title",
            "instructor_staff",
            "instructor_name",
            "instructor_institution",
            "starts_on",
            "ends_on",
            "place",
            "capacity",
            "description",
        ]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "capacity": forms.NumberInput(attrs={"min": 1, "max": MAX_CAPACITY}),
        }

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructor_staff"].queryset = staff_of(
            centre, Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.ADMIN
        )

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if starts_on < EARLIEST:
            raise forms.ValidationError(_("Check the year of the date."))
        return starts_on

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if not 1 <= capacity <= MAX_CAPACITY:
            raise forms.ValidationError(
                _("Between 1 and %(max)s participants.") % {"max": MAX_CAPACITY}
            )
        return capacity

    def clean(self):
        cleaned = super().clean()
        require_someone(
            self,
            "instructor_staff",
            "instructor_name",
            _("Name the instructor: a staff member or an external person."),
        )
        require_order(self, "starts_on", "ends_on", _("The course must end after it starts."))
        return cleaned


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = ["title", "hours", "description"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "hours": forms.NumberInput(attrs={"min": 0.5, "max": 1000, "step": 0.5}),
        }

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if not 0 < hours <= 1000:
            raise forms.ValidationError(_("Between half an hour and 1000 hours."))
        return hours


class EnrolForm(forms.Form):
    cases: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Participants"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = candidates
        self.fields["cases"].label_from_instance = lambda case: (
            f"{case.client.full_name} · {case.number} · {case.get_stage_display()}"
        )


class EvaluationForm(RowsForm):
    """One row per participant for one module: a score, a competency level, comments.
    `existing` maps enrolment ids to their evaluations; each row carries its evaluation's
    version (activities/forms/common.py RowsForm)."""

    def __init__(self, *args, enrolments, existing: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = list(enrolments)
        for enrolment in self.enrolments:
            before = existing.get(enrolment.pk)
            prefix = f"e{enrolment.pk}"
            score = forms.IntegerField(
                label=_("Score (0–100)"),
                min_value=0,
                max_value=100,
                required=False,
                initial=before.score if before else None,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            level = forms.ChoiceField(
                label=_("Competency"),
                choices=[("", "—"), *Competency.choices],
                required=False,
                initial=before.level if before else "",
            )
            comments = forms.CharField(
                label=_("Comments"),
                required=False,
                max_length=2000,
                initial=before.comments if before else "",
                widget=forms.Textarea(attrs={"rows": 1}),
            )
            fields = {
                "score": (f"{prefix}-score", score),
                "level": (f"{prefix}-level", level),
                "comments": (f"{prefix}-comments", comments),
            }
            self.add_row(enrolment.pk, prefix, fields, before)

    def rows(self):
        """(participant, score, level, comments, hidden read state, conflict or None)."""
        return [
            (
                enrolment,
                self[f"e{enrolment.pk}-score"],
                self[f"e{enrolment.pk}-level"],
                self[f"e{enrolment.pk}-comments"],
                self.hidden_of(enrolment.pk),
                self.row_conflicts.get(enrolment.pk),
            )
            for enrolment in self.enrolments
        ]

    def marks(self) -> dict[int, dict]:
        return {
            enrolment.pk: {
                "score": self.cleaned_data.get(f"e{enrolment.pk}-score"),
                "level": self.cleaned_data.get(f"e{enrolment.pk}-level") or "",
                "comments": self.cleaned_data.get(f"e{enrolment.pk}-comments") or "",
            }
            for enrolment in self.enrolments
        }


class ResultForm(VersionedForm):
    """The participant's final result: recorded once, corrected by anyone who may record it
    (the participant's version guards the correction)."""

    final_result = forms.ChoiceField(
        label=_("Final result"), choices=Competency.choices, widget=forms.RadioSelect
    )
    final_notes = forms.CharField(
        label=_("Instructor's conclusion"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Enrolment
        fields = ["final_result", "final_notes"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawing"), max_length=300)


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["issued_on", "signatory_name", "signatory_position", "signatory_number"]
        widgets = {"issued_on": DATE_INPUT}

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        not_in_future(issued_on, _("A certificate cannot be dated in the future."))
        if issued_on < EARLIEST:
            raise forms.ValidationError(_("Check the year of the date."))
        return issued_on


class StarterPackageForm(forms.ModelForm):
    service_type: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Recorded as the ATENSI service"),
        queryset=None,
        help_text=_("Vocational (starter package, business capital) or social assistance."),
    )

    class Meta:
        model = StarterPackage
        fields = ["kind", "items", "amount", "given_on"]
        widgets = {
            "given_on": DATE_INPUT,
            "items": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"amount": RupiahField}

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_type"].queryset = (
            ServiceType.objects.for_centre(centre)
            .active()
            .filter(Q(component=Component.VOCATIONAL) | Q(component=Component.ASSISTANCE))
            .filter(is_training=False)
        )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if not 1 <= amount <= MAX_AMOUNT:
            raise forms.ValidationError(_("Write the value in rupiah, at most 1 billion."))
        return amount

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        not_in_future(given_on, _("Record the package once it has been given."))
        if given_on < EARLIEST:
            raise forms.ValidationError(_("Check the year of the date."))
        return given_on


class PracticeForm(forms.ModelForm):
    class Meta:
        model = BusinessPractice
        fields = ["practised_on", "description", "customers", "takings", "notes"]
        widgets = {
            "practised_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"takings": RupiahField}

    def clean_practised_on(self):
        practised_on = self.cleaned_data["practised_on"]
        not_in_future(practised_on, _("Record business practice once it has taken place."))
        if practised_on < EARLIEST:
            raise forms.ValidationError(_("Check the year of the date."))
        return practised_on

    def clean_takings(self):
        takings = self.cleaned_data["takings"]
        if takings is not None and takings > MAX_AMOUNT:
            raise forms.ValidationError(_("Write the takings in rupiah, at most 1 billion."))
        return takings
