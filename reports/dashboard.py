"""The centre dashboard: this month's key figures beside the previous periods', and twelve
months of trends. Closed periods come stored, the open ones are counted (reports/summaries.py)."""

from datetime import date, timedelta

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from reports.monthly import Period, summary_labels
from reports.monthly.period import MONTH, QUARTER, YEAR_TO_DATE
from reports.summaries import DashboardFigures
from sentra import charts


def last_twelve_months(today: date) -> list[date]:
    first = today.replace(day=1)
    months = [first]
    for _month in range(11):
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return list(reversed(months))


def trend_chart(months: list[date], series: list[tuple[str, list[int]]]) -> SafeString:
    """Twelve months of each series as small multiples: admissions, terminations and
    services differ too much in size to share one axis (sentra/charts.py)."""
    return charts.small_multiples(months, series)


def centre_dashboard(centre) -> dict:
    figures = DashboardFigures(centre)
    this_month = figures.this_month
    months = last_twelve_months(this_month)
    per_month = [figures.of(Period.of(MONTH, month)) for month in months]
    series = [
        (label, [month[key] for month in per_month])
        for key, label in (
            ("admissions", _("New admissions")),
            ("terminations", _("Terminations")),
            ("services", _("Services delivered")),
        )
    ]
    return {
        "period": Period.of(MONTH, this_month),
        "comparisons": [comparison(figures, Period.of(kind, this_month)) for kind in COMPARED],
        "chart": trend_chart(months, series),
        "series": series,
        "months": months,
        "counted_at": figures.counted_at(),
    }


COMPARED = (MONTH, QUARTER, YEAR_TO_DATE)


def comparison(figures: DashboardFigures, period: Period) -> dict:
    """This period's summary figures beside the previous period's, with the change."""
    current = figures.of(period)
    previous_period = period.previous()
    previous = figures.of(previous_period)
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
