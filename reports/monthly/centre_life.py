"""Residence and activity tables, from the figures those apps give per month
(residence/figures.py, activities/figures.py). Over a quarter or a year the monthly
flows are added up; stocks are taken at the period's first and last day."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from activities.figures import activity_figures
from reports.monthly.base import FIGURES, Scope, Table, with_total
from residence import figures as residence


def _add_rows(per_month: list[list[tuple]]) -> list[list]:
    """Add (label, count) lists month by month; every month lists the same labels."""
    first = per_month[0]
    return [
        [str(label), sum(month[index][1] for month in per_month)]
        for index, (label, _count) in enumerate(first)
    ]


def residents(scope: Scope) -> Table:
    months = scope.period.months
    first, last = months[0], months[-1]
    moved_in = _add_rows([residence.admissions(scope.centre, m.year, m.month) for m in months])
    moved_out = _add_rows([residence.departures(scope.centre, m.year, m.month) for m in months])
    rows = [
        [
            _("Residents at the start of the period"),
            residence.residents_at_start(scope.centre, first.year, first.month),
        ],
        *[[_("Moved in: %(group)s") % {"group": label}, n] for label, n in moved_in],
        *[[_("Moved out: %(reason)s") % {"reason": label}, n] for label, n in moved_out],
        [
            _("Residents at the end of the period"),
            residence.residents_at_end(scope.centre, last.year, last.month),
        ],
        [
            _("Resident-days"),
            sum([residence.resident_days(scope.centre, m.year, m.month) for m in months]),
        ],
    ]
    return Table(
        "residents",
        _("Residents: at the start and end, in and out"),
        _("Residents"),
        [_("Measure"), _("Count")],
        rows,
        counts=FIGURES,
    )


def absconding_and_incidents(scope: Scope) -> Table:
    months = scope.period.months
    ran = _add_rows([residence.absconding(scope.centre, m.year, m.month) for m in months])
    # "Still missing" is a stock: the last month's figure, not a sum.
    last = months[-1]
    ran[-1][1] = residence.absconding(scope.centre, last.year, last.month)[-1][1]
    incidents = _add_rows([residence.incidents(scope.centre, m.year, m.month) for m in months])
    rows = [[_("Absconding: %(what)s") % {"what": label}, n] for label, n in ran]
    rows += [[_("Incident: %(kind)s") % {"kind": label}, n] for label, n in incidents]
    return Table(
        "absconding",
        _("Absconding and incidents"),
        _("Absconding and incidents"),
        [_("Measure"), _("Count")],
        rows,
        counts=FIGURES,
    )


def activities(scope: Scope) -> Table:
    monthly = [activity_figures(centre=scope.centre, month=m) for m in scope.period.months]
    several = len(monthly) > 1

    def total(attribute: str) -> int:
        return sum(getattr(f, attribute) for f in monthly)

    rows = [
        [_("Activities held"), total("activities")],
        [
            _("Participants (added month by month)") if several else _("Participants"),
            total("participants"),
        ],
        [_("Attendances"), total("attendances")],
        [_("Courses finished"), total("courses_finished")],
        [_("Certificates issued"), total("certificates")],
        [_("Starter packages given"), total("starter_packages")],
        [_("Starter packages (Rp)"), total("starter_package_amount")],
    ]
    return Table(
        "activities",
        _("Centre activities and vocational courses"),
        _("Activities"),
        [_("Measure"), _("Count")],
        rows,
        counts=FIGURES,
        note=_(
            "Activities are not services: services booked from activities and starter "
            "packages are already counted in the service tables."
        ),
    )


def activity_kinds(scope: Scope) -> Table:
    english = (get_language() or "id").startswith("en")
    found: dict[str, list] = {}
    for figures in (activity_figures(centre=scope.centre, month=m) for m in scope.period.months):
        for kind in figures.activities_by_kind:
            row = found.setdefault(kind.code, [kind.name_en if english else kind.name_id, 0, 0])
            row[1] += kind.activities
            row[2] += kind.attendances
    rows = sorted(found.values(), key=lambda row: (-row[1], row[0]))
    return Table(
        "activity_kinds",
        _("Activities by kind"),
        _("Activities by kind"),
        [_("Kind of activity"), _("Activities"), _("Attendances")],
        rows,
        counts=FIGURES,
        total=with_total(rows, _("Total"), width=3),
    )
