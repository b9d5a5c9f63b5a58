"""Intervention and after: services delivered, group work, referrals, monitoring reviews,
termination and aftercare."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.base import CaseRecord
from casework.models.plans import Component


class ServiceType(models.Model):
    """The catalogue of services per ATENSI component, kept by admins."""

    component = models.CharField(_("ATENSI component"), max_length=20, choices=Component.choices)
    code = models.SlugField(_("code"), max_length=40)
    name_id = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    is_training = models.BooleanField(
        _("vocational training (evaluated per client)"), default=False
    )
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT, null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["component", "name_id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="service_type_code"),
        ]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "id").startswith("en") else self.name_id

    @property
    def audit_label(self) -> str:
        return self.code


class Partner(models.Model):
    """A partner institution in the centre's referral directory."""

    class Kind(models.TextChoices):
        PUSKESMAS = "puskesmas", _("Clinic / puskesmas")
        HOSPITAL = "hospital", _("Hospital")
        POLICE = "police", _("Police")
        SENTRA = "sentra", _("Other Sentra")
        DINSOS = "dinsos", _("Dinas Sosial")
        LKS = "lks", _("LKS")
        SCHOOL = "school", _("School")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        return self.name[:100]


class ServiceRecord(CaseRecord):
    class TrainingResult(models.TextChoices):
        PASSED = "passed", _("Passed")
        NOT_PASSED = "not_passed", _("Not passed")
        ONGOING = "ongoing", _("Still training")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="services")
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("service"), on_delete=models.PROTECT
    )
    delivered_on = models.DateField(_("date"), default=timezone.localdate)
    provider_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("provided by (staff)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    provider_partner = models.ForeignKey(
        Partner,
        verbose_name=_("or by (institution)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount = models.PositiveBigIntegerField(_("amount (Rp)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    plan_goal = models.ForeignKey(
        "casework.PlanGoal",
        verbose_name=_("plan goal it serves"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
    )
    receipt = models.FileField(
        _("receipt"), upload_to="receipts/%Y/%m/", blank=True, max_length=200
    )
    receipt_content_type = models.CharField(max_length=50, blank=True)
    group_session = models.ForeignKey(
        "casework.GroupSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
    )
    training_result = models.CharField(
        _("training result"), max_length=12, choices=TrainingResult.choices, blank=True
    )
    training_notes = models.TextField(_("training notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-delivered_on", "-id"]
        constraints = [
            # Recording a session's attendance twice never doubles its services.
            models.UniqueConstraint(
                fields=["group_session", "case"],
                condition=models.Q(group_session__isnull=False),
                name="one_service_per_session_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.service_type}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} service"

    @property
    def component(self) -> str:
        return self.service_type.component


class Group(models.Model):
    class Kind(models.TextChoices):
        EDUCATIONAL = "educational", _("Educational")
        SOCIALISATION = "socialisation", _("Socialisation")
        THERAPEUTIC = "therapeutic", _("Therapeutic")
        SELF_HELP = "self_help", _("Self-help")
        RECREATIONAL = "recreational", _("Recreational skill")

    NORMAL_SIZE = (4, 8)
    WARN_ABOVE = 10

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey("sentra.Centre", on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    purpose = models.TextField(_("purpose"))
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.PROTECT,
        related_name="facilitated_groups",
    )
    members = models.ManyToManyField(
        "casework.Case", verbose_name=_("members"), related_name="groups"
    )
    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("service recorded for attendance"), on_delete=models.PROTECT
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_label(self) -> str:
        return f"group {self.pk}"


class GroupSession(models.Model):
    class Stage(models.TextChoices):
        PREPARATION = "preparation", _("Preparation")
        BEGINNING = "beginning", _("Beginning")
        TRANSITION = "transition", _("Transition")
        WORKING = "working", _("Working")
        ENDING = "ending", _("Ending")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("date"), default=timezone.localdate)
    stage = models.CharField(_("group stage"), max_length=20, choices=Stage.choices)
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    attendees = models.ManyToManyField(
        "casework.Case", verbose_name=_("present"), blank=True, related_name="+"
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.group} {self.held_on}"

    @property
    def audit_label(self) -> str:
        return f"group session {self.pk}"

    @property
    def centre(self):
        return self.group.centre


class Referral(CaseRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    MOVES = {
        Status.DRAFT: {Status.SENT, Status.CANCELLED},
        Status.SENT: {Status.ACCEPTED, Status.DECLINED, Status.CANCELLED},
        Status.ACCEPTED: {Status.COMPLETED, Status.CANCELLED},
        Status.DECLINED: set(),
        Status.COMPLETED: set(),
        Status.CANCELLED: set(),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="referrals")
    partner = models.ForeignKey(
        Partner, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="referrals"
    )
    reason = models.TextField(_("reason"))
    services_requested = models.TextField(_("services requested"))
    documents = models.ManyToManyField(
        "clients.ClientDocument", verbose_name=_("documents to share"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    responded_on = models.DateField(_("response on"), null=True, blank=True)
    response_notes = models.TextField(_("response notes"), blank=True)
    consent_override_reason = models.TextField(blank=True)
    consent_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[documents])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.partner}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} referral"


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class MonitoringReview(CaseRecord):
    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        REVISE_PLAN = "revise_plan", _("Revise the plan (back to planning)")
        PROPOSE_TERMINATION = "propose_termination", _("Propose termination")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "casework.Case", on_delete=models.PROTECT, related_name="monitoring_reviews"
    )
    reviewed_on = models.DateField(_("date"), default=timezone.localdate)
    input_evaluation = models.TextField(_("input"), blank=True)
    process_evaluation = models.TextField(_("process"), blank=True)
    output_evaluation = models.TextField(_("output"), blank=True)
    benefit_evaluation = models.TextField(_("benefit"), blank=True)
    impact_evaluation = models.TextField(_("impact"), blank=True)
    wellbeing = models.ForeignKey(
        "assessments.Assessment",
        verbose_name=_("wellbeing assessment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    notes = models.TextField(_("notes"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} review {self.reviewed_on}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} monitoring"


class GoalProgress(models.Model):
    review = models.ForeignKey(MonitoringReview, on_delete=models.CASCADE, related_name="progress")
    goal = models.ForeignKey("casework.PlanGoal", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("progress"), max_length=20, choices=GoalStatus.choices)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        ordering = ["goal__order", "id"]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.status}"


class Termination(CaseRecord):
    class Reason(models.TextChoices):
        GOALS_ACHIEVED = "goals_achieved", _("Goals achieved")
        REUNIFIED = "reunified", _("Returned to family / reunified")
        REFERRED = "referred", _("Referred to another institution")
        INDEPENDENT = "independent", _("Independent / working")
        TRANSFERRED = "transferred", _("Transferred to another centre")
        LEFT = "left", _("Left without notice / ran away")
        DIED = "died", _("Died")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="terminations")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    destination_address = models.CharField(_("destination address"), max_length=300, blank=True)
    destination_region = models.CharField(_("destination region code"), max_length=13, blank=True)
    destination_partner = models.ForeignKey(
        Partner,
        verbose_name=_("destination institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome_summary = models.TextField(_("summary of outcome"))
    final_wellbeing = models.ForeignKey(
        "assessments.Assessment",
        verbose_name=_("final wellbeing assessment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review = models.OneToOneField(
        "casework.Review", on_delete=models.PROTECT, related_name="termination"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.reason}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} termination"


class FollowUp(CaseRecord):
    """An aftercare contact after the case closed."""

    class Mode(models.TextChoices):
        VISIT = "visit", _("Visit")
        PHONE = "phone", _("Phone")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="follow_ups")
    due_on = models.DateField(_("date"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    outcome = models.TextField(_("outcome"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.due_on}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} follow-up"
