"""The span a report covers: a month, a quarter, or the year to date (January up to and
including a month). Every table of the report counts over the same span."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _

MONTH, QUARTER, YEAR_TO_DATE = "month", "quarter", "ytd"
KINDS = (MONTH, QUARTER, YEAR_TO_DATE)
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str
    first: date  # the first day
    end: date  # the day after the last day

    @classmethod
    def of(cls, kind: str, month: date) -> "Period":
        """The period of `kind` that ends with (or, for a quarter, contains) `month`."""
        month = month.replace(day=1)
        if kind == QUARTER:
            first = month.replace(month=(month.month - 1) // 3 * 3 + 1)
            return cls(kind, first, add_months(first, 3))
        if kind == YEAR_TO_DATE:
            return cls(kind, month.replace(month=1), add_months(month, 1))
        return cls(MONTH, month, add_months(month, 1))

    @property
    def months(self) -> list[date]:
        months, month = [], self.first
        while month < self.end:
            months.append(month)
            month = add_months(month, 1)
        return months

    @property
    def last(self) -> date:
        return date.fromordinal(self.end.toordinal() - 1)

    def previous(self) -> "Period":
        """The period just before, of the same length (the same months a year earlier for
        the year to date)."""
        if self.kind == YEAR_TO_DATE:
            return Period(
                self.kind,
                self.first.replace(year=self.first.year - 1),
                self.end.replace(year=self.end.year - 1),
            )
        length = len(self.months)
        return Period(self.kind, add_months(self.first, -length), self.first)

    def bounds(self, zone: str) -> tuple[datetime, datetime]:
        """The period as [start, end) moments in the centre's time zone."""
        tz = ZoneInfo(zone)
        return datetime.combine(self.first, time.min, tz), datetime.combine(self.end, time.min, tz)

    @property
    def label(self) -> str:
        """'November 2026', 'Triwulan IV 2026', 'Januari–November 2026' in the active language."""
        if self.kind == QUARTER:
            return _("Quarter %(roman)s %(year)s") % {
                "roman": ROMAN[(self.first.month - 1) // 3],
                "year": self.first.year,
            }
        last_month = formats.date_format(self.last, "F Y")
        if self.kind == YEAR_TO_DATE and self.first.month != self.last.month:
            return f"{formats.date_format(self.first, 'F')}–{last_month}"
        return last_month

    @property
    def slug(self) -> str:
        if self.kind == QUARTER:
            return f"{self.first.year}-T{(self.first.month - 1) // 3 + 1}"
        if self.kind == YEAR_TO_DATE:
            return f"{self.first.year}-01_{self.last:%m}"
        return f"{self.first:%Y-%m}"
