"""The centre's register of PPKS: the people it serves, their family, papers and consent."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sentra import access
from sentra.models import Centre


class ReferenceQuerySet(models.QuerySet):
    def for_centre(self, centre):
        """The ministry's list (no centre) plus what this centre's admin added."""
        return self.filter(models.Q(centre__isnull=True) | models.Q(centre=centre))

    def active(self):
        return self.filter(is_active=True)


class ReferenceItem(models.Model):
    """An entry of a reference list: the ministry's (centre empty) or a centre's own."""

    code = models.SlugField(_("code"), max_length=40)
    name_id = models.CharField(_("name (Indonesian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), on_delete=models.PROTECT, null=True, blank=True
    )
    sort_order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_id"]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "id").startswith("en") else self.name_id

    @property
    def audit_label(self) -> str:
        return self.code


class PPKSCategory(ReferenceItem):
    cluster = models.ForeignKey(
        "AtensiCluster",
        verbose_name=_("usual ATENSI cluster"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("PPKS category")
        verbose_name_plural = _("PPKS categories")
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="ppks_code_unique_per_centre"),
        ]


class AtensiCluster(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("ATENSI cluster")
        verbose_name_plural = _("ATENSI clusters")


class DisabilityType(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("disability type")
        verbose_name_plural = _("disability types")


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
    def visible_to(self, user):
        """Clients whose file the user may open (see sentra/access.py)."""
        return self.filter(access.client_filter(user))

    def in_registry_of(self, user):
        """The existence view: every client of the user's centre, to catch duplicates."""
        return self.filter(access.centre_filter(user))

    def active(self):
        return self.filter(status=Client.Status.ACTIVE)


class Client(models.Model):
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
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
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
    clusters = models.ManyToManyField(AtensiCluster, verbose_name=_("ATENSI clusters"), blank=True)
    disability_types = models.ManyToManyField(
        DisabilityType, verbose_name=_("disability types"), blank=True
    )

    family_tracing_status = models.CharField(
        _("family tracing"),
        max_length=20,
        choices=TracingStatus.choices,
        default=TracingStatus.NOT_STARTED,
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    archive_reason = models.CharField(_("reason for archiving"), max_length=300, blank=True)

    objects = ClientQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[clusters, disability_types])

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["-registered_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "registration_number"], name="registration_number_per_centre"
            ),
        ]
        indexes = [models.Index(fields=["centre", "kk_number"])]

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

    @property
    def has_identity_papers(self) -> bool:
        return bool(self.nik or self.kk_number)


class FamilyMember(models.Model):
    class Relationship(models.TextChoices):
        FATHER = "father", _("Father")
        MOTHER = "mother", _("Mother")
        SPOUSE = "spouse", _("Husband / wife")
        CHILD = "child", _("Child")
        SIBLING = "sibling", _("Brother / sister")
        GRANDPARENT = "grandparent", _("Grandparent")
        UNCLE_AUNT = "uncle_aunt", _("Uncle / aunt")
        OTHER_RELATIVE = "other_relative", _("Other relative")
        FOSTER = "foster", _("Foster parent")
        NEIGHBOUR = "neighbour", _("Neighbour / community contact")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="family")
    name = models.CharField(_("name"), max_length=200)
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    is_guardian = models.BooleanField(_("legal guardian"), default=False)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.TextField(_("address"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("family member or contact")
        verbose_name_plural = _("family and contacts")
        ordering = ["-is_guardian", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} family"

    @property
    def centre(self):
        return self.client.centre


class FamilyTracingAttempt(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="tracing_attempts")
    attempted_on = models.DateField(_("date"), default=timezone.localdate)
    method = models.CharField(
        _("how"),
        max_length=200,
        help_text=_("e.g. visit to the village head, call to Dinas Sosial, social media"),
    )
    result = models.TextField(_("result"))
    status_after = models.CharField(
        _("tracing status after this attempt"), max_length=20, choices=TracingStatus.choices
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-attempted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.attempted_on}: {self.method}"

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} tracing"

    @property
    def centre(self):
        return self.client.centre


class ClientDocument(models.Model):
    class Kind(models.TextChoices):
        KTP = "ktp", _("Identity card (KTP)")
        KK = "kk", _("Family card (KK)")
        BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
        REFERRAL_LETTER = "referral_letter", _("Referral letter")
        MEDICAL_RECORD = "medical_record", _("Medical record")
        PHOTO = "photo", _("Photo of the client")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=30, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_archived = models.BooleanField(_("archived"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} {self.kind}"

    @property
    def centre(self):
        return self.client.centre


class Consent(models.Model):
    class Purpose(models.TextChoices):
        SERVICES = "services", _("Receive services")
        SHARE_REFERRAL = "share_referral", _("Share information with referral partners")
        PHOTOGRAPHS = "photographs", _("Photographs")
        DATA_PROCESSING = "data_processing", _("Processing of personal data")

    class GivenBy(models.TextChoices):
        CLIENT = "client", _("The client")
        GUARDIAN = "guardian", _("A guardian")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    given_by = models.CharField(_("given by"), max_length=10, choices=GivenBy.choices)
    guardian = models.ForeignKey(
        FamilyMember,
        verbose_name=_("guardian"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    given_on = models.DateField(_("date given"), default=timezone.localdate)
    proof = models.ForeignKey(
        ClientDocument,
        verbose_name=_("scanned proof"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return self.get_purpose_display()

    @property
    def audit_label(self) -> str:
        return f"{self.client.registration_number} consent {self.purpose}"

    @property
    def centre(self):
        return self.client.centre

    def is_in_force(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.given_on <= on and (self.withdrawn_on is None or self.withdrawn_on > on)
