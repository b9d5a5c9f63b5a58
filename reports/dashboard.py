"""The centre dashboard: this month's key figures and twelve months of trends, each series
one SQL aggregation grouped by month."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, DateTimeField
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from casework.models import Case, ServiceRecord
from reports.monthly import Period, summary_for, summary_labels
from reports.monthly.period import MONTH, QUARTER, YEAR_TO_DATE
from sentra import charts


def last_twelve_months(today: date) -> list[date]:
    first = today.replace(day=1)
    months = [first]
    for _month in range(11):
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return list(reversed(months))


def _per_month(queryset, field: str, months: list[date], zone: str) -> list[int]:
    since: date | datetime = months[0]
    if isinstance(queryset.model._meta.get_field(field), DateTimeField):
        # An aware start in the centre's zone: a naive date warns and shifts the month's edge.
        since = datetime.combine(months[0], time.min, tzinfo=ZoneInfo(zone))
    counts = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"]
        for row in queryset.filter(**{f"{field}__gte": since})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    }
    return [counts.get(month, 0) for month in months]


def trend_chart(months: list[date], series: list[tuple[str, list[int]]]) -> SafeString:
    """Twelve months of each series as small multiples: admissions, terminations and
    services differ too much in size to share one axis (sentra/charts.py)."""
    return charts.small_multiples(months, series)


def centre_dashboard(centre) -> dict:
    today = timezone.localdate()
    months = last_twelve_months(today)
    cases = Case.objects.filter(centre=centre) if centre else Case.objects.all()
    zone = centre.time_zone if centre else "Asia/Jakarta"
    series = [
        (_("New admissions"), _per_month(cases, "opened_at", months, zone)),
        (
            _("Terminations"),
            _per_month(cases.filter(stage="termination"), "closed_at", months, zone),
        ),
        (
            _("Services delivered"),
            _per_month(
                ServiceRecord.objects.filter(case__centre=centre)
                if centre
                else ServiceRecord.objects.all(),
                "delivered_on",
                months,
                zone,
            ),
        ),
    ]
    return {
        "period": Period.of(MONTH, today),
        "comparisons": [comparison(centre, Period.of(kind, today)) for kind in COMPARED],
        "chart": trend_chart(months, series),
        "series": series,
        "months": months,
    }


COMPARED = (MONTH, QUARTER, YEAR_TO_DATE)


def comparison(centre, period: Period) -> dict:
    """This period's summary figures beside the previous period's, with the change."""
    current = summary_for(centre=centre, period=period)
    previous_period = period.previous()
    previous = summary_for(centre=centre, period=previous_period)
    labels = summary_labels()
    return {
        "period": period,
        "previous_period": previous_period,
        "figures": current,
        "rows": [
            {
                "key": key,
                "label": labels[key],
                "current": value,
                "previous": previous[key],
                "change": value - previous[key],
            }
            for key, value in current.items()
        ],
    }
