"""The ministry's monthly report (and the same tables over a quarter or the year to date).

The report is a list of table builders: each takes the scope (centre and period) and
returns one `Table` with Indonesian labels, rows in the order people read them, and a
total row that says what it counts. A new table is one function and one line in
`BUILDERS`.
"""

from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from reports.monthly import casework, centre_life, people
from reports.monthly.base import Report, Scope, Table
from reports.monthly.period import MONTH, Period

__all__ = [
    "BUILDERS",
    "Period",
    "Report",
    "Table",
    "build_monthly_report",
    "build_report",
    "people_served",
    "people_served_in",
    "summary_for",
    "summary_labels",
]

BUILDERS = [
    casework.admissions,
    people.categories_by_sex,
    people.clusters,
    people.ages_by_sex,
    people.approaches,
    people.provinces,
    people.regencies,
    people.disabilities,
    casework.services,
    casework.components,
    casework.identity_papers,
    casework.terminations,
    casework.aftercare,
    centre_life.residents,
    centre_life.absconding_and_incidents,
    centre_life.activities,
    centre_life.activity_kinds,
    casework.emergencies,
    casework.caseload,
    casework.stage_days,
    casework.groups,
    casework.referrals,
]


def summary_figures(scope: Scope, *, people: bool = True) -> dict:
    """The report's totals; `people=False` leaves out the people served (None), which is
    not a sum of months, for a caller that counts them over a longer period."""
    return {
        "clients_served": scope.people_served if people else None,
        "admissions": scope.cases.filter(
            opened_at__gte=scope.start, opened_at__lt=scope.end
        ).count(),
        "terminations": casework.terminations_in(scope).count(),
        "services": sum(times for *_key, times, _amount in scope.deliveries),
        "amount": sum(amount or 0 for *_key, _times, amount in scope.deliveries),
    }


def people_served(*, centre, period: Period) -> int:
    """People served in the period, each once: not a sum of months (the dashboard counts it
    for the open quarter and year)."""
    return Scope.of(centre, period).people_served


def people_served_in(*, centre, periods: list[Period]) -> list[int]:
    """`people_served` of each of `periods`, by one read of the cases open at some moment of
    any of them (the dashboard's open month, quarter and year share most of their cases)."""
    each = [Scope.of(centre, period) for period in periods]
    widest = Period(MONTH, min(p.first for p in periods), max(p.end for p in periods))
    counts = Scope.of(centre, widest).served.aggregate(
        **{
            f"p{index}": Count(
                "client",
                distinct=True,
                filter=Q(opened_at__lt=scope.end)
                & (Q(closed_at__isnull=True) | Q(closed_at__gte=scope.start)),
            )
            for index, scope in enumerate(each)
        }
    )
    return [counts[f"p{index}"] for index in range(len(periods))]


def summary_labels() -> dict:
    return {
        "clients_served": _("People served"),
        "admissions": _("New admissions"),
        "terminations": _("Terminations"),
        "services": _("Services delivered"),
        "amount": _("Assistance given (Rp)"),
    }


def summary_for(*, centre, period: Period, people: bool = True) -> dict:
    """The summary figures alone (the dashboard compares two periods with them)."""
    return summary_figures(Scope.of(centre, period), people=people)


def build_report(*, centre, period: Period) -> Report:
    """Every table for `centre` (None: every centre) over `period`."""
    scope = Scope.of(centre, period)
    tables = [build(scope) for build in BUILDERS]
    # After the tables: the people served are counted from those they read.
    figures = summary_figures(scope)
    labels = summary_labels()
    return Report(
        period=period,
        centre=centre,
        centre_name=centre.name if centre else _("All centres"),
        totals=[(labels[key], value) for key, value in figures.items()],
        tables=tables,
        figures=figures,
    )


def build_monthly_report(*, centre, month: date, kind: str = MONTH) -> Report:
    return build_report(centre=centre, period=Period.of(kind, month))
