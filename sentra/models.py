"""The organisation layer: centres, their staff, and the audit trail."""

import uuid
import zoneinfo

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import F
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sentra.scopes import Role, has_role, in_centre
from sentra.versioning import Versioned


class Centre(Versioned):
    class Kind(models.TextChoices):
        SENTRA = "sentra", _("Sentra")
        SENTRA_TERPADU = "sentra_terpadu", _("Sentra Terpadu")
        BALAI = "balai", _("Balai / Loka")
        PANTI = "panti", _("Panti sosial")
        DINAS_SOSIAL = "dinas_sosial", _("Dinas Sosial")
        LKS = "lks", _("Lembaga Kesejahteraan Sosial (LKS)")

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
        WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
        WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("short code"),
        max_length=8,
        unique=True,
        help_text=_("Three to eight capital letters, used in registration and case numbers."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SENTRA)
    province = models.CharField(_("province"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TimeZone.choices, default=TimeZone.WIB
    )
    emergency_response_hours = models.PositiveSmallIntegerField(
        _("emergency response deadline (hours)"), default=24
    )
    stuck_case_days = models.PositiveSmallIntegerField(
        _("days before a case counts as stuck in a stage"), default=30
    )
    is_active = models.BooleanField(_("active"), default=True)

    # The letterhead and the head of the centre, printed on reports and official letters.
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("website"), max_length=100, blank=True)
    logo = models.FileField(_("logo (PNG or JPEG)"), upload_to="letterheads/", blank=True)
    head_name = models.CharField(_("head of centre: name"), max_length=200, blank=True)
    head_nip = models.CharField(
        _("head of centre: NIP"),
        max_length=18,
        blank=True,
        help_text=_("The civil servant number: 18 digits."),
    )
    head_title = models.CharField(
        _("head of centre: title"), max_length=200, blank=True, default="Kepala Sentra"
    )
    letter_number_pattern = models.CharField(
        _("letter number pattern"),
        max_length=100,
        default="{seq}/{centre}/RS.03.01/{roman_month}/{year}",
        help_text=_(
            "How official letters are numbered. Use {seq} (the letter's number in the year), "
            "{centre}, {kind}, {month}, {roman_month} and {year}."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def audit_label(self) -> str:
        return self.code

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class StaffQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The staff of the user's own centre (every centre for a superuser)."""
        return self.filter(in_centre(user))

    def in_centre(self, centre):
        return self.filter(centre=centre)

    def active(self):
        return self.filter(is_active=True)

    def social_workers(self):
        return self.filter(role=Role.SOCIAL_WORKER)


class StaffManager(UserManager.from_queryset(StaffQuerySet)):  # type: ignore[misc]
    pass


class User(Versioned, AbstractUser):
    """A member of a centre's staff. Superusers may have no centre and see every centre."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=200)
    centre = models.ForeignKey(
        Centre,
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.SOCIAL_WORKER
    )
    # Set only by seed_demo: the demo accounts sign in with their password alone.
    mfa_exempt = models.BooleanField(_("exempt from two-step sign-in (demo)"), default=False)
    nip = models.CharField(
        _("NIP"), max_length=18, blank=True, help_text=_("The civil servant number: 18 digits.")
    )
    position = models.CharField(_("position"), max_length=120, blank=True)

    objects = StaffManager()  # type: ignore[misc]  # a manager with our querysets
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_superuser=True) | models.Q(centre__isnull=False),
                name="staff_belongs_to_a_centre",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def audit_label(self) -> str:
        return self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_social_worker(self) -> bool:
        return self.role == Role.SOCIAL_WORKER and not self.is_superuser

    @property
    def is_supervisor(self) -> bool:
        return self.role == Role.SUPERVISOR and not self.is_superuser

    @property
    def is_centre_admin(self) -> bool:
        return self.role == Role.ADMIN and not self.is_superuser


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The trail of the user's own centre; only admins (and superusers) read it."""
        if not has_role(user, Role.ADMIN):
            return self.none()
        return self.filter(in_centre(user))


class AuditEvent(models.Model):
    """One accountable action. Rows are only ever inserted, in the action's transaction.

    No note text, NIK or other content goes here: `fields` holds the names of changed
    fields, never their values.
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGOUT = "logout", _("Logged out")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKED_OUT = "locked_out", _("Locked out")
        LOGIN_ALERT = "login_alert", _("Many failed logins")
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        ARCHIVE = "archive", _("Archived")
        RESTORE = "restore", _("Restored")
        DOWNLOAD = "download", _("Downloaded")
        PASSWORD_RESET = "password_reset", _("Password reset")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT, null=True, blank=True
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=60, blank=True)
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    object_label = models.CharField(_("record label"), max_length=100, blank=True)
    fields = models.JSONField(_("changed fields"), default=list, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["centre", "-at"]),
            models.Index(fields=["object_id"]),
            # The trail filtered by a username (matched case-insensitively), newest first.
            models.Index(
                F("centre"), Upper("username"), F("at").desc(), name="audit_centre_username_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_label}"


class LoginThrottle(models.Model):
    """Failed sign-ins of one username from one source address (sentra/logins.py)."""

    username = models.CharField(max_length=150)
    ip_address = models.CharField(max_length=45, blank=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()
    wait_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["username", "ip_address"], name="one_throttle_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address or '?'}: {self.failures}"


class NumberSequence(models.Model):
    """The last number handed out per centre, kind and year (for ALY-2026-0042 style ids)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT)
    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "kind", "year"], name="one_sequence_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class SubmissionKey(models.Model):
    """A one-time key a form carries: the first submission claims it, a repeat of the same
    submission (a double click, a resent request) lands on the first one's result."""

    key = models.UUIDField(unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    result_url = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return str(self.key)


# Roles that open confidential case notes: granting one takes two people (the one who asks
# and a second who confirms), so no single account can hand itself or a stooge that access.
CONFIDENTIAL_ROLES = (Role.SUPERVISOR,)


class RoleGrantQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(in_centre(user, "member__centre"))

    def pending(self):
        return self.filter(status=RoleGrant.Status.PENDING)


class RoleGrant(models.Model):
    """A request to give `member` a role that reads confidential notes. It takes effect
    only when a second person (another supervisor of the centre, or a superuser) confirms."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a second person")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    member = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="pending"),
                name="one_pending_role_grant_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} -> {self.role}"

    @property
    def audit_label(self) -> str:
        return f"{self.member.username} -> {self.role}"

    @property
    def centre(self):
        return self.member.centre
