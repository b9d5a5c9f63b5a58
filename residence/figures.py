"""Monthly residence figures for the ministry's monthly report, as plain data.

Each function takes a centre (None for every centre) and a month, and returns a number or
a list of (label, count) with every label present, zeros included, so a report's rows stay
the same from month to month. Conventions:

- a resident *at the start* of the month slept in the centre on the night before its
  first day; *at the end*, on the night of its last day;
- *resident-days* count the nights in the centre within the month: from the move-in day
  up to the day before the move-out day (moving in and out on one day counts none);
- times (absconding, incidents) fall in the month in the centre's own time zone (the
  project's default zone when counting every centre).
"""

import calendar
import zoneinfo
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from clients.models.registry import Sex
from residence.models import (
    AbscondingReport,
    AbscondingStatus,
    DepartureReason,
    Incident,
    IncidentKind,
    Stay,
)
from sentra.models import Centre

# A row of a report: its label (lazy, so each report shows it in its own language) and count.
Rows = list[tuple[str | Promise, int]]

LABELS = {
    "ran_away": _("Ran away"),
    "came_back": _("Came back"),
    "given_up": _("Search given up (moved out)"),
    "still_missing": _("Still missing at the end of the month"),
}


def month_days(year: int, month: int) -> tuple[date, date]:
    """The first and the last day of the month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _moments(centre: Centre | None, year: int, month: int) -> tuple[datetime, datetime]:
    """The month as [start, end) in the centre's time zone."""
    zone = centre.zone if centre else zoneinfo.ZoneInfo(settings.TIME_ZONE)
    first, last = month_days(year, month)
    start = datetime.combine(first, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    return start, end


def _stays(centre: Centre | None):
    return Stay.objects.all() if centre is None else Stay.objects.filter(centre=centre)


def residents_at_start(centre: Centre | None, year: int, month: int) -> int:
    first, _last = month_days(year, month)
    return _stays(centre).on(first - timedelta(days=1)).count()


def residents_at_end(centre: Centre | None, year: int, month: int) -> int:
    _first, last = month_days(year, month)
    return _stays(centre).on(last).count()


def admissions(centre: Centre | None, year: int, month: int) -> Rows:
    """Moves into residence in the month, by sex."""
    first, last = month_days(year, month)
    counts = dict(
        _stays(centre)
        .filter(moved_in_on__range=(first, last))
        .values_list("client__sex")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(label, counts.get(code, 0)) for code, label in Sex.choices]


def departures(centre: Centre | None, year: int, month: int) -> Rows:
    """Moves out of residence in the month, by reason."""
    first, last = month_days(year, month)
    counts = dict(
        _stays(centre)
        .filter(moved_out_on__range=(first, last))
        .values_list("departure_reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(label, counts.get(code, 0)) for code, label in DepartureReason.choices]


def resident_days(centre: Centre | None, year: int, month: int) -> int:
    first, last = month_days(year, month)
    end = last + timedelta(days=1)
    spans = (
        _stays(centre)
        .filter(moved_in_on__lt=end)
        .filter(Q(moved_out_on__isnull=True) | Q(moved_out_on__gt=first))
        .values_list("moved_in_on", "moved_out_on")
    )
    return sum(
        max(0, (min(moved_out or end, end) - max(moved_in, first)).days)
        for moved_in, moved_out in spans
    )


def absconding(centre: Centre | None, year: int, month: int) -> Rows:
    """Residents who ran away in the month (by the time last seen), how many of them came
    back or were given up within the month, and how many were still missing at its end
    (whenever they ran away)."""
    start, end = _moments(centre, year, month)
    reports = AbscondingReport.objects.all()
    if centre is not None:
        reports = reports.filter(stay__centre=centre)
    counts = reports.aggregate(
        ran_away=Count("id", filter=Q(last_seen_at__gte=start, last_seen_at__lt=end)),
        came_back=Count(
            "id",
            filter=Q(status=AbscondingStatus.RETURNED, resolved_at__gte=start, resolved_at__lt=end),
        ),
        given_up=Count(
            "id",
            filter=Q(status=AbscondingStatus.CLOSED, resolved_at__gte=start, resolved_at__lt=end),
        ),
        still_missing=Count(
            "id",
            filter=Q(last_seen_at__lt=end)
            & (Q(resolved_at__isnull=True) | Q(resolved_at__gte=end)),
        ),
    )
    return [
        (LABELS["ran_away"], counts["ran_away"]),
        (LABELS["came_back"], counts["came_back"]),
        (LABELS["given_up"], counts["given_up"]),
        (LABELS["still_missing"], counts["still_missing"]),
    ]


def incidents(centre: Centre | None, year: int, month: int) -> Rows:
    """Incidents that happened in the month, by kind."""
    start, end = _moments(centre, year, month)
    rows = Incident.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
    if centre is not None:
        rows = rows.filter(centre=centre)
    counts = dict(rows.values_list("kind").annotate(n=Count("id")).order_by())
    return [(label, counts.get(code, 0)) for code, label in IncidentKind.choices]


def month_figures(centre: Centre | None, year: int, month: int) -> dict:
    """Everything above for one month, for the monthly report."""
    return {
        "residents_at_start": residents_at_start(centre, year, month),
        "residents_at_end": residents_at_end(centre, year, month),
        "admissions": admissions(centre, year, month),
        "departures": departures(centre, year, month),
        "resident_days": resident_days(centre, year, month),
        "absconding": absconding(centre, year, month),
        "incidents": incidents(centre, year, month),
    }
