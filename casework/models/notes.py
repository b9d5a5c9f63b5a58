"""What happens on a case: notes of the worker's contacts, and follow-up tasks."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.base import CaseRecord, CaseRecordQuerySet
from casework.models.cases import Case
from sentra import bounds
from sentra.scopes import Role, has_role

# A note written more than this long after the contact is marked as a late entry.
LATE_ENTRY_AFTER = timedelta(hours=48)


class NoteKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    CENTRE_VISIT = "centre_visit", _("Visit to the centre")
    PHONE = "phone", _("Phone / WhatsApp")
    COUNSELLING = "counselling", _("Counselling session")
    OBSERVATION = "observation", _("Observation")
    GROUP_SESSION = "group_session", _("Group session")
    RESIDENTS_MEETING = "residents_meeting", _("Morning/evening residents' meeting")
    CASE_REVIEW = "case_review", _("Case review")
    SUPERVISION = "supervision", _("Supervision")
    OTHER = "other", _("Other")


class WorkerRole(models.TextChoices):
    BROKER = "broker", _("Broker")
    ENABLER = "enabler", _("Enabler")
    MEDIATOR = "mediator", _("Mediator")
    ADVOCATE = "advocate", _("Advocate")
    FACILITATOR = "facilitator", _("Facilitator")
    EDUCATOR = "educator", _("Educator")
    COUNSELLOR = "counsellor", _("Counsellor")
    EXPERT = "expert", _("Expert")
    SOCIAL_PLANNER = "social_planner", _("Social planner")
    GUARDIAN = "guardian", _("Guardian")
    NEGOTIATOR = "negotiator", _("Negotiator")
    INITIATOR = "initiator", _("Initiator")


class CaseNoteQuerySet(CaseRecordQuerySet):
    def visible_to(self, user, *, per_row: bool = False):
        """Notes of cases the user may open; confidential ones only for the case team and
        supervisors (never admins, never colleagues). `per_row` for the notes of one case
        (see CaseQuerySet.visible_to)."""
        notes = super().visible_to(user, per_row=per_row)
        if has_role(user, Role.SUPERVISOR):
            return notes
        if has_role(user, Role.SOCIAL_WORKER):
            if per_row:
                own = Case.objects.filter(
                    Case.objects.worked_by_row(user), pk=models.OuterRef("case_id")
                )
                return notes.filter(models.Q(is_confidential=False) | models.Exists(own))
            own_cases = Case.objects.worked_by(user)
            return notes.filter(models.Q(is_confidential=False) | models.Q(case__in=own_cases))
        return notes.filter(is_confidential=False)


class CaseNote(CaseRecord):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(_("kind"), max_length=20, choices=NoteKind.choices)
    occurred_at = models.DateTimeField(
        _("when it happened"), default=timezone.now, validators=[bounds.plausible_date]
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    narrative = models.TextField(_("what happened"))
    worker_roles = models.JSONField(_("roles you played"), default=list, blank=True)
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the case team and the supervisor can read a confidential note."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_notes"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CaseNoteQuerySet.as_manager()  # type: ignore[misc,assignment]  # narrows CaseRecord's
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["case", "-occurred_at"]),
            # A worker's recent notes on their home page.
            models.Index(fields=["author", "-recorded_at"], name="casenote_author_recorded"),
        ]
        constraints = [bounds.date_check("occurred_at", "note_occurred_at_plausible", moment=True)]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_kind_display()}"

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} note"

    @property
    def is_late_entry(self) -> bool:
        return self.recorded_at - self.occurred_at > LATE_ENTRY_AFTER

    def role_labels(self) -> list[str]:
        labels = dict(WorkerRole.choices)
        return [str(labels.get(role, role)) for role in self.worker_roles]


class TaskQuerySet(CaseRecordQuerySet):
    def pending(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, today=None):
        return self.pending().filter(due_date__lt=today or timezone.localdate())


class Task(CaseRecord):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    due_date = models.DateField(_("due date"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    note = models.ForeignKey(
        CaseNote, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = TaskQuerySet.as_manager()  # type: ignore[misc,assignment]  # narrows CaseRecord's
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_at", "due_date", "id"]
        indexes = [
            # Due and overdue work: pending tasks by assignee and date (done ones pile up).
            models.Index(
                fields=["assignee", "due_date"],
                condition=models.Q(done_at__isnull=True),
                name="task_pending_due",
            ),
            # The centre's overdue work, oldest first (the supervisor's home stops at 30).
            models.Index(
                fields=["due_date"],
                condition=models.Q(done_at__isnull=True),
                name="task_pending_by_due",
            ),
        ]
        constraints = [bounds.date_check("due_date", "task_due_date_plausible")]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} task"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_date < timezone.localdate()
