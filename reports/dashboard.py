"""The centre dashboard: this month's key figures and twelve months of trends, each series
one SQL aggregation grouped by month."""

from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from casework.models import Case, ServiceRecord
from reports.monthly import build_monthly_report
from sentra import charts


def last_twelve_months(today: date) -> list[date]:
    first = today.replace(day=1)
    months = [first]
    for _month in range(11):
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return list(reversed(months))


def _per_month(queryset, field: str, months: list[date]) -> list[int]:
    counts = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"]
        for row in queryset.filter(**{f"{field}__gte": months[0]})
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
    series = [
        (_("New admissions"), _per_month(cases, "opened_at", months)),
        (_("Terminations"), _per_month(cases.filter(stage="termination"), "closed_at", months)),
        (
            _("Services delivered"),
            _per_month(ServiceRecord.objects.filter(case__in=cases), "delivered_on", months),
        ),
    ]
    return {
        "current": build_monthly_report(centre=centre, month=today),
        "chart": trend_chart(months, series),
        "series": series,
        "months": months,
    }
