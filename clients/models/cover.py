"""The choices and formats of the national data on a client: the social-welfare register
(DTKS, replaced by DTSEN in 2025) and health cover (BPJS Kesehatan; PBI when the state pays)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

BPJS_NUMBER = RegexValidator(r"^\d{13}$", _("A BPJS Kesehatan card number has 13 digits."))
REGISTER_NUMBER = RegexValidator(
    r"^[0-9A-Za-z.\-/]{6,30}$",
    _("Use 6 to 30 letters, digits, dots, dashes or slashes, as on the register print-out."),
)


class RegisterStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Not checked yet")
    NOT_REGISTERED = "not_registered", _("Not registered")
    DTKS = "dtks", _("Registered in DTKS")
    DTSEN = "dtsen", _("Registered in DTSEN")


class HealthScheme(models.TextChoices):
    UNKNOWN = "unknown", _("Not checked yet")
    NONE = "none", _("No health cover")
    PBI_APBN = "pbi_apbn", _("BPJS PBI paid by the state budget (APBN)")
    PBI_APBD = "pbi_apbd", _("BPJS PBI paid by the regional budget (APBD)")
    NON_PBI = "non_pbi", _("BPJS, paid by the member or employer")


class CareClass(models.TextChoices):
    FIRST = "1", _("Class 1")
    SECOND = "2", _("Class 2")
    THIRD = "3", _("Class 3")


PBI_SCHEMES = (HealthScheme.PBI_APBN, HealthScheme.PBI_APBD)
REGISTERED = (RegisterStatus.DTKS, RegisterStatus.DTSEN)
