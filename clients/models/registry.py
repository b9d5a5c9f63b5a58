"""The centre's register of PPKS: the people it serves, and who may open whose file."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models.cover import (
    BPJS_NUMBER,
    REGISTER_NUMBER,
    CareClass,
    HealthScheme,
    RegisterStatus,
)
from clients.models.reference import AtensiCluster, DisabilityType, PPKSCategory
from sentra import bounds
from sentra.models import Centre
from sentra.scopes import in_centre, related_model, sees_whole_centre
from sentra.versioning import Versioned


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Religion(models.TextChoices):
    ISLAM = "islam", _("Islam")
    PROTESTANT = "protestan", _("Protestant Christian")
    CATHOLIC = "katolik", _("Catholic")
    HINDU = "hindu", _("Hindu")
    BUDDHIST = "buddha", _("Buddhist")
    CONFUCIAN = "khonghucu", _("Confucian")
    BELIEF = "kepercayaan", _("Indigenous belief (kepercayaan)")
    UNKNOWN = "unknown", _("Unknown")


class Education(models.TextChoices):
    NONE = "none", _("No schooling")
    SD_NOT_DONE = "sd_not_done", _("Primary school, not finished")
    SD = "sd", _("Primary school (SD)")
    SMP = "smp", _("Junior secondary (SMP)")
    SMA = "sma", _("Senior secondary (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma")
    DEGREE = "degree", _("University degree")
    UNKNOWN = "unknown", _("Unknown")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Not married")
    MARRIED = "married", _("Married")
    DIVORCED = "divorced", _("Divorced")
    WIDOWED = "widowed", _("Widowed")
    UNKNOWN = "unknown", _("Unknown")


class Citizenship(models.TextChoices):
    WNI = "wni", _("Indonesian (WNI)")
    WNA = "wna", _("Foreign (WNA)")
    UNKNOWN = "unknown", _("Unknown / stateless")


class TracingStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    SEARCHING = "searching", _("Searching")
    FOUND = "found", _("Found")
    NOT_FOUND = "not_found", _("Not found")


class ClientQuerySet(models.QuerySet):
    def visible_to(self, user, *, per_row: bool = False):
        """Clients whose file the user may open. Supervisors and admins: every client of
        their centre. Social workers: the clients they registered and the clients of the
        cases they work.

        `per_row=True` writes the same rule as a test of each row (registered by the
        worker, or a correlated EXISTS on the client's own cases): for fetching one client;
        the default set shape is for lists (see CaseQuerySet.visible_to)."""
        clients = self.filter(in_centre(user))
        if sees_whole_centre(user):
            return clients
        # The case model is reached through the relation it declares, not imported:
        # casework stands above the registry.
        case_model = related_model(self.model, "cases")
        if per_row:
            cases = case_model.objects  # type: ignore[attr-defined]
            worked = cases.filter(cases.worked_by_row(user), client_id=models.OuterRef("pk"))
            return clients.filter(models.Q(registered_by_id=user.pk) | models.Exists(worked))
        # One IN over a UNION of indexed lookups (see CaseQuerySet.worked_by for why).
        worked = case_model.objects.client_ids_worked_by(user)  # type: ignore[attr-defined]
        registered = self.model.objects.filter(registered_by_id=user.pk)  # type: ignore[attr-defined]
        return clients.filter(pk__in=registered.values("pk").order_by().union(*worked, all=True))

    def in_registry_of(self, user):
        """The existence view: every client of the user's centre, to catch duplicates."""
        return self.filter(in_centre(user))

    def active(self):
        return self.filter(status=Client.Status.ACTIVE)

    def in_cluster(self, cluster):
        """Clients falling into a cluster through any of their categories or by hand."""
        return self.filter(
            models.Q(category__clusters=cluster)
            | models.Q(other_categories__clusters=cluster)
            | models.Q(clusters=cluster)
        ).distinct()

    def with_category(self, category):
        """Clients who fit a category, primary or not."""
        return self.filter(
            models.Q(category=category) | models.Q(other_categories=category)
        ).distinct()

    def count_people(self) -> int:
        """Each person once, however many categories, clusters or joins they match."""
        return self.values("pk").distinct().count()

    def people_by_cluster(self) -> list[tuple[AtensiCluster, int]]:
        """(cluster, people) for each cluster with someone in it: a person with several
        categories counts once per cluster they fall into, and once in the total
        (`count_people`), so the rows may add up to more than the total."""
        ids = self.values("pk")
        rows = []
        for cluster in AtensiCluster.objects.order_by("sort_order", "name_id"):
            n = Client.objects.filter(pk__in=ids).in_cluster(cluster).count()
            if n:
                rows.append((cluster, n))
        return rows


class Client(Versioned):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(Centre, verbose_name=_("centre"), on_delete=models.PROTECT)
    registration_number = models.CharField(_("registration number"), max_length=30)
    registered_on = models.DateField(_("registration date"), default=timezone.localdate)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="registered_clients",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )

    # Identity
    full_name = models.CharField(_("full name"), max_length=200)
    aliases = models.CharField(
        _("aliases / nicknames"),
        max_length=300,
        blank=True,
        help_text=_("Other names the person is known by, separated by commas."),
    )
    search_name = models.CharField(max_length=600, editable=False, db_index=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[bounds.plausible_date]
    )
    birth_date_estimated = models.BooleanField(_("date of birth is estimated"), default=False)
    birthplace = models.CharField(_("place of birth"), max_length=100, blank=True)
    religion = models.CharField(
        _("religion"), max_length=20, choices=Religion.choices, default=Religion.UNKNOWN
    )
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, default=Education.UNKNOWN
    )
    marital_status = models.CharField(
        _("marital status"),
        max_length=20,
        choices=MaritalStatus.choices,
        default=MaritalStatus.UNKNOWN,
    )
    citizenship = models.CharField(
        _("citizenship"), max_length=10, choices=Citizenship.choices, default=Citizenship.WNI
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    # Papers: optional, validated when given.
    nik = models.CharField(_("NIK"), max_length=16, blank=True, db_index=True)
    kk_number = models.CharField(_("family card (KK) number"), max_length=16, blank=True)

    # Address: Kemendagri region codes, each a child of the one before.
    province_code = models.CharField(_("province"), max_length=2, blank=True)
    regency_code = models.CharField(_("regency / city"), max_length=5, blank=True)
    district_code = models.CharField(_("district"), max_length=8, blank=True)
    village_code = models.CharField(_("village"), max_length=13, blank=True)
    street = models.CharField(_("street and house"), max_length=200, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)

    # Classification
    category = models.ForeignKey(
        PPKSCategory,
        verbose_name=_("PPKS category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    other_categories = models.ManyToManyField(
        PPKSCategory,
        verbose_name=_("other PPKS categories"),
        related_name="secondary_clients",
        blank=True,
        help_text=_("Further categories the person fits; the one above counts in reports."),
    )
    clusters = models.ManyToManyField(
        AtensiCluster,
        verbose_name=_("further ATENSI clusters"),
        blank=True,
        help_text=_("Only clusters that the categories do not already give."),
    )
    disability_types = models.ManyToManyField(
        DisabilityType, verbose_name=_("disability types"), blank=True
    )

    # National data (clients.models.national): register, health cover.
    register_status = models.CharField(
        _("DTKS/DTSEN status"),
        max_length=20,
        choices=RegisterStatus.choices,
        default=RegisterStatus.UNKNOWN,
    )
    register_number = models.CharField(
        _("DTKS/DTSEN number"), max_length=30, blank=True, validators=[REGISTER_NUMBER]
    )
    bpjs_scheme = models.CharField(
        _("health cover"), max_length=20, choices=HealthScheme.choices, default=HealthScheme.UNKNOWN
    )
    bpjs_number = models.CharField(
        _("BPJS Kesehatan number"), max_length=13, blank=True, validators=[BPJS_NUMBER]
    )
    bpjs_class = models.CharField(
        _("care class"), max_length=1, blank=True, choices=CareClass.choices
    )

    family_tracing_status = models.CharField(
        _("family tracing"),
        max_length=20,
        choices=TracingStatus.choices,
        default=TracingStatus.NOT_STARTED,
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    archive_reason = models.CharField(_("reason for archiving"), max_length=300, blank=True)
    # Set when the retention rule (UU PDP) removed identifiers and free text: the row stays
    # for the statistics, nobody can be recognised from it.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = ClientQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[other_categories, clusters, disability_types])

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["-registered_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "registration_number"], name="registration_number_per_centre"
            ),
            bounds.date_check("birth_date", "client_birth_date_plausible"),
            bounds.date_check("registered_on", "client_registered_on_plausible"),
        ]
        indexes = [
            models.Index(fields=["centre", "kk_number"]),
            # The registry's order within a centre, read page by page without sorting.
            models.Index(
                fields=["centre", "-registered_on", "-id"], name="client_centre_registered"
            ),
            # NIK and KK searches are prefix searches (LIKE 'x%'), which a plain btree
            # serves only under the C collation.
            models.Index(
                fields=["nik"], opclasses=["varchar_pattern_ops"], name="client_nik_prefix"
            ),
            models.Index(
                fields=["kk_number"], opclasses=["varchar_pattern_ops"], name="client_kk_prefix"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.registration_number})"

    @property
    def audit_label(self) -> str:
        return self.registration_number

    @property
    def birth_year(self) -> int | None:
        return self.birth_date.year if self.birth_date else None

    def age_on(self, day: date | None = None) -> int | None:
        if not self.birth_date:
            return None
        day = day or timezone.localdate()
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    @property
    def age(self) -> int | None:
        return self.age_on()

    @property
    def is_child(self) -> bool:
        age = self.age
        return age is not None and age < 18

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED

    def all_categories(self) -> list[PPKSCategory]:
        """The primary category first, then the others."""
        others = [c for c in self.other_categories.all() if c.pk != self.category_id]
        return ([self.category] if self.category else []) + others

    def atensi_clusters(self) -> list[AtensiCluster]:
        """The clusters the person falls into: those the mapping gives each of their
        categories, plus any set by hand; each once, in the ministry's order."""
        categories = [c.pk for c in self.all_categories()]
        return list(
            AtensiCluster.objects.filter(
                models.Q(categories__in=categories) | models.Q(client=self)
            )
            .distinct()
            .order_by("sort_order", "name_id")
        )

    def listed_assistance(self):
        """Assistance received, without entries removed from the list."""
        return self.assistance.filter(is_archived=False)  # type: ignore[attr-defined]

    @property
    def has_identity_papers(self) -> bool:
        return bool(self.nik or self.kk_number)
