"""A case: one admission of a client to the centre's services, moving through ATENSI."""

import uuid
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models.stages import OPEN_STAGES, Stage
from sentra.models import Centre
from sentra.scopes import in_centre, sees_whole_centre
from sentra.versioning import Versioned


class AccessRoute(models.TextChoices):
    REFERRAL = "referral", _("Referral (rujukan)")
    REPORT = "report", _("Report (pelaporan)")
    OUTREACH = "outreach", _("Outreach (penjangkauan)")
    WALK_IN = "walk_in", _("Walk-in")


class ReportChannel(models.TextChoices):
    CALL_CENTRE_171 = "call_centre_171", _("Call centre 171")
    COMMUNITY = "community", _("Community member")
    POLICE = "police", _("Police")
    VILLAGE = "village", _("Village or RT/RW head")
    SOCIAL_MEDIA = "social_media", _("Social media")
    OTHER = "other", _("Other")


class Approach(models.TextChoices):
    RESIDENTIAL = "residential", _("Residential")
    FAMILY = "family", _("Family-based")
    COMMUNITY = "community", _("Community-based")


def approaches_field():
    """The ATENSI approaches of a case or plan: residential and/or family and/or community
    (Permensos 7/2021), in this order, at least one. A JSON list rather than a PostgreSQL
    array: the quick start runs on SQLite."""
    return models.JSONField(verbose_name=_("approaches"), default=list)


def approach_order(values) -> list[str]:
    """Each approach once, in the regulation's order."""
    chosen = set(values)
    return [value for value in Approach.values if value in chosen]


class WithApproaches(models.Model):
    """What a case and a plan say about their approaches."""

    approaches = approaches_field()

    class Meta:
        abstract = True

    @property
    def is_residential(self) -> bool:
        return Approach.RESIDENTIAL in (self.approaches or [])

    def get_approaches_display(self) -> str:
        return ", ".join(str(Approach(value).label) for value in approach_order(self.approaches))


def at_least_one_approach(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=~models.Q(approaches=[]), name=f"{name}_has_an_approach"
    )


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical (danger now)")


class EmergencyNeed(models.TextChoices):
    RESCUE = "rescue", _("Rescue / safety")
    MEDICAL = "medical", _("Medical")
    PSYCHOLOGICAL = "psychological", _("Psychological")
    ASSISTIVE_DEVICE = "assistive_device", _("Assistive device")
    SIGN_LANGUAGE = "sign_language", _("Sign-language interpreter")


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user, *, per_row: bool = False):
        """Supervisors and admins: every case of their centre. Social workers: the cases
        they work, as primary worker or team member.

        The same rule in two SQL shapes, with the same rows. By default a set (`worked_by`):
        for lists, the planner starts from the worker's few dozen cases. `per_row=True`
        tests each row instead (a correlated EXISTS on the case's own team row): for
        fetching one case, or the cases of one client, without building the worker's whole
        set (at 300 000 clients: a dozen index pages instead of ~1 500 heap pages)."""
        cases = self.filter(in_centre(user))
        if sees_whole_centre(user):
            return cases
        return cases.filter(self.worked_by_row(user)) if per_row else cases.worked_by(user)

    def open(self):
        return self.filter(stage__in=OPEN_STAGES)

    def worked_by(self, user, *, open_only: bool = False):
        """Cases where `user` is the primary worker or a team member (no duplicate rows);
        `open_only`: only the open ones, read as such from the start.

        One `IN` over a UNION of two indexed lookups, not `primary OR IN (team)`: the OR
        would make PostgreSQL test every case of the table (or the centre) against a
        hashed subplan, while the UNION reads only the worker's few dozen cases. A worker
        has held ~1 500 cases over the years and ~40 open: `open_only` starts from the
        partial index of open cases by worker, not from all 1 500."""
        on_team = self.model.team.through.objects.filter(user_id=user.pk)  # type: ignore[attr-defined]
        as_primary = self.model.objects.filter(primary_worker_id=user.pk)  # type: ignore[attr-defined]
        if open_only:
            as_primary = as_primary.open()
            on_team = on_team.filter(case__stage__in=OPEN_STAGES)
        return self.filter(
            pk__in=as_primary.values("pk")
            .order_by()
            .union(on_team.values("case_id").order_by(), all=True)
        )

    def client_ids_worked_by(self, user) -> list[models.QuerySet]:
        """`worked_by` as the client ids of those cases: two sets to UNION, each read
        straight from its index (the primary worker's cases, the team rows joined to their
        case), not the cases' ids first and every case looked up again by its key."""
        team = self.model.team.through  # type: ignore[attr-defined]
        return [
            self.filter(primary_worker_id=user.pk).values("client_id").order_by(),
            team.objects.filter(user_id=user.pk).values("case__client_id").order_by(),
        ]

    def worked_by_row(self, user) -> models.Q:
        """`worked_by` as a condition on each case row: primary worker, or a team row of
        this case for `user` (the (case, user) unique index answers it)."""
        team = self.model.team.through  # type: ignore[attr-defined]
        on_team = team.objects.filter(case_id=models.OuterRef("pk"), user_id=user.pk)
        return models.Q(primary_worker_id=user.pk) | models.Q(models.Exists(on_team))

    def emergencies_awaiting_response(self):
        return self.open().filter(is_emergency=True, first_response_at__isnull=True)

    def residential(self):
        """Cases whose approaches include residential care (alone or with others)."""
        # The quoted code matches one element of the JSON list on SQLite and PostgreSQL alike.
        return self.filter(approaches__icontains=f'"{Approach.RESIDENTIAL}"')


class Case(WithApproaches, Versioned):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(Centre, verbose_name=_("centre"), on_delete=models.PROTECT)
    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField(_("case number"), max_length=30)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.ACCESS)
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Set with its client's (privacy.services.retention): the retention walk skips these.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    access_route = models.CharField(_("access route"), max_length=20, choices=AccessRoute.choices)
    referring_institution = models.CharField(_("referring institution"), max_length=200, blank=True)
    referral_letter_number = models.CharField(
        _("referral letter number"), max_length=100, blank=True
    )
    referral_date = models.DateField(_("referral date"), null=True, blank=True)
    referring_partner = models.ForeignKey(
        "casework.Partner",
        verbose_name=_("referring institution (directory)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_cases",
    )
    reporter_name = models.CharField(_("who reported"), max_length=200, blank=True)
    report_channel = models.CharField(
        _("report channel"), max_length=20, choices=ReportChannel.choices, blank=True
    )
    outreach_location = models.CharField(_("outreach location"), max_length=200, blank=True)
    outreach_by = models.CharField(_("outreach done by"), max_length=200, blank=True)

    problem_statement = models.TextField(_("initial problem statement"))
    priority = models.CharField(
        _("priority / risk"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    primary_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("primary social worker"),
        on_delete=models.PROTECT,
        related_name="primary_cases",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team members"),
        blank=True,
        related_name="team_cases",
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="supervised_cases",
    )

    is_emergency = models.BooleanField(_("emergency case response"), default=False)
    emergency_needs = models.JSONField(_("immediate needs"), default=list, blank=True)
    response_due_at = models.DateTimeField(_("first response due"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    first_response_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[team])

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_at"]
        constraints = [
            at_least_one_approach("case"),
            models.UniqueConstraint(fields=["centre", "number"], name="case_number_per_centre"),
            # At most one open case per client and centre (re-admission is a new case).
            models.UniqueConstraint(
                fields=["centre", "client"],
                condition=~models.Q(stage=Stage.TERMINATION),
                name="one_open_case_per_client",
            ),
        ]
        indexes = [
            models.Index(fields=["centre", "stage"]),
            # The reports' periods: admissions by opening, terminations and the people
            # served (open at some moment of the period) by closing.
            models.Index(fields=["centre", "opened_at"], name="case_centre_opened"),
            # "Open at some moment of the period" answered from the index alone (index-only
            # scan; key columns rather than INCLUDE, which SQLite lacks).
            models.Index(
                fields=["centre", "closed_at", "opened_at", "client"], name="case_centre_closed"
            ),
            # Closed cases not anonymised yet, oldest closure first: the retention preview
            # walks it (anonymised ones would pile up at its start over the years).
            models.Index(
                fields=["centre", "closed_at"],
                condition=models.Q(anonymised_at__isnull=True, closed_at__isnull=False),
                name="case_closed_to_anonymise",
            ),
            # A centre's open cases longest in their stage first (the supervisor's "stuck"
            # list walks it and stops at 30).
            models.Index(
                fields=["centre", "stage_entered_at"],
                condition=models.Q(stage__in=OPEN_STAGES),
                name="case_open_by_stage_entry",
            ),
            # A worker's open cases (their home page), apart from the years of closed ones.
            models.Index(
                fields=["primary_worker", "stage_entered_at"],
                condition=models.Q(stage__in=OPEN_STAGES),
                name="case_open_by_worker",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def audit_label(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.TERMINATION

    @property
    def emergency_awaiting_response(self) -> bool:
        return self.is_open and self.is_emergency and self.first_response_at is None

    @property
    def emergency_overdue(self) -> bool:
        return (
            self.emergency_awaiting_response
            and self.response_due_at is not None
            and self.response_due_at < timezone.now()
        )

    @property
    def days_in_stage(self) -> int:
        return (timezone.now() - self.stage_entered_at).days

    def team_ids(self) -> set[int]:
        return {self.primary_worker_id, *(member.pk for member in self.team.all())}

    def emergency_need_labels(self) -> list[str]:
        labels = dict(EmergencyNeed.choices)
        return [str(labels.get(need, need)) for need in self.emergency_needs]

    def response_deadline_from(self, start) -> timedelta:
        return start + timedelta(hours=self.centre.emergency_response_hours)


class StageMove(models.Model):
    """Every move of a case between stages: who, when, why."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="stage_moves")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    moved_at = models.DateTimeField(default=timezone.now)
    # When the case left this stage: the next move's moment, empty while the case is in it.
    # Kept on the row so the monthly report averages the stages left in a month from that
    # month's rows alone, instead of pairing every move of those cases with the next.
    left_at = models.DateTimeField(null=True, blank=True, editable=False)
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["moved_at", "id"]
        indexes = [
            models.Index(fields=["moved_at"], name="stagemove_moved_at"),
            models.Index(fields=["case", "moved_at"], name="stagemove_case_moved_at"),
            # The monthly report averages the stages left in the month from this index
            # alone (an index-only scan), not from rows spread over the whole table.
            models.Index(
                fields=["left_at", "case", "moved_at", "to_stage"], name="stagemove_left_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_stage} -> {self.to_stage}"


def record_when_stages_were_left(case_ids: Iterable[int] | None = None) -> None:
    """Set every move's `left_at` to its case's next move (in the order of `moved_at`, then
    id), empty for the stage a case is in. `move_case_to_stage` keeps it as it goes; this is
    for moves written or re-dated in bulk (generated data, backdated demo stories)."""
    ids = None if case_ids is None else list(case_ids)
    if ids == []:
        return
    table = connection.ops.quote_name(StageMove._meta.db_table)
    only = "" if ids is None else f"WHERE case_id IN ({', '.join(['%s'] * len(ids))})"
    # UPDATE ... FROM: PostgreSQL and SQLite 3.33 on. Only the table name is formatted in.
    sql = f"""
        UPDATE {table} SET left_at = following.left_at
        FROM (
            SELECT id, LEAD(moved_at) OVER (PARTITION BY case_id ORDER BY moved_at, id) AS left_at
            FROM {table} {only}
        ) following
        WHERE {table}.id = following.id
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, ids or [])


class CaseAssignment(models.Model):
    """A change of primary social worker, with the supervisor's reason."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assignments")
    from_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        ordering = ["-assigned_at"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_worker_id} -> {self.to_worker_id}"
