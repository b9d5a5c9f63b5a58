"""The centre dashboard: this month's key figures and twelve months of trends, each series
one SQL aggregation grouped by month."""

from datetime import date, datetime, time, timedelta
from xml.sax.saxutils import escape

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from casework.models import Case, ServiceRecord
from reports.monthly import Period, summary_for, summary_labels
from reports.monthly.period import MONTH, QUARTER, YEAR_TO_DATE

COLOURS = ["#0d6efd", "#198754", "#dc3545"]


def last_twelve_months(today: date) -> list[date]:
    first = today.replace(day=1)
    months = [first]
    for _month in range(11):
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return list(reversed(months))


def _per_month(queryset, field: str, months: list[date]) -> list[int]:
    since: date | datetime = months[0]
    if queryset.model._meta.get_field(field).get_internal_type() == "DateTimeField":
        # An aware moment: comparing a date with a timestamp warns and uses the server zone.
        since = timezone.make_aware(datetime.combine(months[0], time.min))
    counts = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"]
        for row in queryset.filter(**{f"{field}__gte": since})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    }
    return [counts.get(month, 0) for month in months]


def trend_chart(months: list[date], series: list[tuple[str, list[int]]]) -> str:
    width, height, left, bottom, top = 640, 240, 40, 30, 15
    peak = max([max(values, default=0) for _, values in series] + [1])
    step = (width - left - 40) / max(len(months) - 1, 1)

    def point(index, value):
        return round(left + index * step, 1), round(
            top + (height - top - bottom) * (1 - value / peak), 1
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" class="trend-chart">'
    ]
    for index, month in enumerate(months):
        x, _y = point(index, 0)
        parts.append(
            f'<text x="{x}" y="{height - 10}" font-size="10" text-anchor="middle" '
            f'fill="#6c757d">{escape(formats.date_format(month, "M Y"))}</text>'
        )
    for number, (label, values) in enumerate(series):
        colour = COLOURS[number % len(COLOURS)]
        points = " ".join("{},{}".format(*point(i, v)) for i, v in enumerate(values))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" '
            f'stroke-width="2" data-series="{escape(label)}"/>'
        )
        parts.append(
            f'<text x="{left + number * 170}" y="11" font-size="11" '
            f'fill="{colour}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


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
