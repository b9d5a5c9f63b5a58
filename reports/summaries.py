"""Summary figures of closed periods, stored so the dashboard does not count them again.

The dashboard compares this month, quarter and year to date with the periods before and
draws twelve months of trends. Counted live on every view, that is six summaries and
twelve months over up to two years of a centre's cases and services, and the page grew
with the centre (0.55 s for 150 000 clients against 0.16 s for 12 000). A period that has
ended changes only when someone records something late into it, so:

- the report jobs write the figures of closed periods: each monthly report those of its
  own period (the figures it has just counted), and a nightly recount every closed period
  the dashboard reads, so a late entry shows on the dashboard the next morning. A
  generated report always counts live.
- the dashboard reads them and counts live only what is still open: the current month,
  and the people served in the open quarter and year (a person served in two months is
  one person, so that figure is not a sum of months). A closed period not stored yet (a
  new centre before its first night) is counted live as well, and not stored: a page view
  never writes.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from reports.models import PeriodSummary
from reports.monthly import people_served, people_served_in, summary_for
from reports.monthly.period import MONTH, QUARTER, YEAR_TO_DATE, Period, add_months
from sentra.models import Centre
from sentra.replica import reading_for_reports

ADDITIVE = ("admissions", "terminations", "services", "amount")
FIGURES = ("clients_served", *ADDITIVE)


def current_month(centre: Centre | None) -> date:
    """The first day of the month it is now where the centre is."""
    today = timezone.localdate(timezone=centre.zone) if centre else timezone.localdate()
    return today.replace(day=1)


def closed_periods_read(this_month: date) -> list[Period]:
    """Every closed period the dashboard reads while `this_month` is the current month: the
    eleven months before it (the trends, the previous month, and the closed months of the
    open quarter and year), the previous quarter and the previous year to date."""
    months = [Period.of(MONTH, add_months(this_month, -n)) for n in range(11, 0, -1)]
    return [
        *months,
        Period.of(QUARTER, this_month).previous(),
        Period.of(YEAR_TO_DATE, this_month).previous(),
    ]


def store(centre: Centre, period: Period, figures: dict) -> None:
    """Keep `figures` as the closed period's, replacing what an earlier count stored."""
    values = {key: figures[key] for key in FIGURES}
    values |= {"end": period.end, "counted_at": timezone.now()}
    for _attempt in range(2):
        try:
            with transaction.atomic():
                PeriodSummary.objects.update_or_create(
                    centre=centre, kind=period.kind, first=period.first, defaults=values
                )
            return
        except IntegrityError:
            continue  # another job created the row a moment ago: update it instead


def store_if_closed(centre: Centre | None, period: Period, figures: dict) -> None:
    """A monthly report's figures, kept when its period has ended (the report job)."""
    if centre is not None and period.end <= current_month(centre):
        store(centre, period, figures)


def refresh_centre(centre: Centre) -> int:
    """Count again, and store, every closed period the dashboard reads (the nightly job)."""
    periods = closed_periods_read(current_month(centre))
    for period in periods:
        with reading_for_reports():  # closed months tolerate replication lag
            figures = summary_for(centre=centre, period=period)
        store(centre, period, figures)
    return len(periods)


def refresh_all() -> int:
    return sum(refresh_centre(centre) for centre in Centre.objects.filter(is_active=True))


class DashboardFigures:
    """The summary figures of any period the dashboard shows: stored where the period has
    ended, counted live where it is still open. One query reads every stored row."""

    def __init__(self, centre: Centre | None):
        self.centre = centre
        self.this_month = current_month(centre)
        earliest = min(period.first for period in closed_periods_read(self.this_month))
        rows = (
            PeriodSummary.objects.filter(centre=centre, first__gte=earliest)
            if centre is not None
            else PeriodSummary.objects.none()
        )
        self.stored = {(row.kind, row.first): row for row in rows}
        self.used: list[PeriodSummary] = []
        self._live: dict[tuple[date, date, bool], dict] = {}
        self._served: dict[tuple[date, date], int] = {}

    def of(self, period: Period) -> dict:
        if period.end <= self.this_month:
            return self._closed(period)
        closed_months = [Period.of(MONTH, m) for m in period.months if m < self.this_month]
        rows = [self.stored.get((MONTH, month.first)) for month in closed_months]
        if None in rows:  # a past month not stored yet: the whole period counted now
            return self._live_count(period)
        self.used += rows  # type: ignore[arg-type]  # no None: checked above
        open_part = self._live_count(Period(period.kind, self.this_month, period.end), people=False)
        figures = {key: sum(getattr(row, key) for row in rows) + open_part[key] for key in ADDITIVE}
        return {"clients_served": self._people_served(period)} | figures

    def _people_served(self, period: Period) -> int:
        """People served in an open period. The three the dashboard shows (this month,
        quarter and year to date) are counted together: one read of the year's cases, not
        three."""
        if not self._served:
            shown = [Period.of(kind, self.this_month) for kind in (MONTH, QUARTER, YEAR_TO_DATE)]
            counts = people_served_in(centre=self.centre, periods=shown)
            self._served = {(p.first, p.end): n for p, n in zip(shown, counts, strict=True)}
        if (period.first, period.end) not in self._served:
            self._served[(period.first, period.end)] = people_served(
                centre=self.centre, period=period
            )
        return self._served[(period.first, period.end)]

    def counted_at(self):
        """When the oldest stored figure shown was counted (None: everything is live)."""
        return min((row.counted_at for row in self.used), default=None)

    def _closed(self, period: Period) -> dict:
        row = self.stored.get((period.kind, period.first))
        if row is None:
            return self._live_count(period)
        self.used.append(row)
        return {key: getattr(row, key) for key in FIGURES}

    def _live_count(self, period: Period, *, people: bool = True) -> dict:
        """Counted now, once per span (the open year's part is often the current month)."""
        key = (period.first, period.end, people)
        if (period.first, period.end, True) in self._live:
            return self._live[(period.first, period.end, True)]
        if key not in self._live:
            self._live[key] = summary_for(centre=self.centre, period=period, people=people)
        return self._live[key]
