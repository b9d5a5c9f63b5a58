"""The monthly centre report: every figure is one SQL aggregation, never a Python loop
over cases."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import (
    Avg,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models import (
    Case as When_,
)
from django.utils.translation import gettext as _

from casework.models import (
    Case,
    GroupSession,
    Referral,
    ServiceRecord,
    StageMove,
    Termination,
)
from casework.models.cases import AccessRoute
from casework.models.stages import Stage
from clients.models import Client, Sex
from sentra.models import Centre

AGE_GROUPS = [
    ("0-5", 0, 5),
    ("6-12", 6, 12),
    ("13-17", 13, 17),
    ("18-59", 18, 59),
    ("60+", 60, 200),
]


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)


@dataclass
class MonthlyReport:
    month: date
    centre_name: str
    totals: dict
    tables: list[Table]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def month_bounds(month: date, zone: str = "Asia/Jakarta") -> tuple[datetime, datetime]:
    tz = ZoneInfo(zone)
    start = datetime.combine(month.replace(day=1), time.min, tz)
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, datetime.combine(following, time.min, tz)


def _labelled(queryset, key: str, labels: dict) -> list[list]:
    return [[str(labels.get(row[key], row[key] or "—")), row["n"]] for row in queryset]


def build_monthly_report(*, centre, month: date) -> MonthlyReport:
    """Figures for `centre` (None: every centre) for the calendar month of `month`."""
    zone = centre.time_zone if centre else "Asia/Jakarta"
    start, end = month_bounds(month, zone)
    day_start, day_end = start.date(), end.date()
    cases = Case.objects.all() if centre is None else Case.objects.filter(centre=centre)
    served = cases.filter(opened_at__lt=end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=start)
    )
    clients = Client.objects.filter(pk__in=served.values("client_id"))
    admissions = cases.filter(opened_at__gte=start, opened_at__lt=end)
    tables = []

    tables.append(
        Table(
            "admissions",
            _("New admissions by access route"),
            [_("Access route"), _("Cases")],
            _labelled(
                admissions.values("access_route").annotate(n=Count("id")).order_by("access_route"),
                "access_route",
                dict(AccessRoute.choices),
            ),
        )
    )
    terminations = Termination.objects.filter(
        case__in=cases,
        review__status="approved",
        case__closed_at__gte=start,
        case__closed_at__lt=end,
    )
    tables.append(
        Table(
            "terminations",
            _("Terminations by reason"),
            [_("Reason"), _("Cases")],
            _labelled(
                terminations.values("reason").annotate(n=Count("id")).order_by("reason"),
                "reason",
                dict(Termination.Reason.choices),
            ),
        )
    )
    tables.append(
        Table(
            "categories",
            _("Clients served by PPKS category"),
            [_("PPKS category"), _("Clients")],
            [
                [row["category__name_id"] or "—", row["n"]]
                for row in clients.values("category__name_id")
                .annotate(n=Count("id", distinct=True))
                .order_by("category__name_id")
            ],
        )
    )
    tables.append(
        Table(
            "clusters",
            _("Clients served by ATENSI cluster"),
            [_("ATENSI cluster"), _("Clients")],
            # A person counts once in each cluster their categories give.
            [[cluster.name_id, n] for cluster, n in clients.people_by_cluster()],
        )
    )
    tables.append(
        Table(
            "sex",
            _("Clients served by sex"),
            [_("Sex"), _("Clients")],
            _labelled(
                clients.values("sex").annotate(n=Count("id", distinct=True)).order_by("sex"),
                "sex",
                dict(Sex.choices),
            ),
        )
    )
    age_group = When_(
        *[
            When(
                birth_date__gt=_years_before(day_end, high + 1),
                birth_date__lte=_years_before(day_end, low),
                then=Value(label),
            )
            for label, low, high in AGE_GROUPS
        ],
        default=Value(_("unknown")),
        output_field=CharField(),
    )
    tables.append(
        Table(
            "age",
            _("Clients served by age group"),
            [_("Age group"), _("Clients")],
            [
                [row["age_group"], row["n"]]
                for row in clients.annotate(age_group=age_group)
                .values("age_group")
                .annotate(n=Count("id", distinct=True))
                .order_by("age_group")
            ],
        )
    )
    delivered = ServiceRecord.objects.filter(
        case__in=cases, delivered_on__gte=day_start, delivered_on__lt=day_end
    )
    tables.append(
        Table(
            "services",
            _("Services by component and type"),
            [_("Component"), _("Service"), _("Times"), _("Amount (Rp)")],
            [
                [
                    row["service_type__component"],
                    row["service_type__name_id"],
                    row["n"],
                    row["amount"] or 0,
                ]
                for row in delivered.values("service_type__component", "service_type__name_id")
                .annotate(n=Count("id"), amount=Sum("amount"))
                .order_by("service_type__component", "service_type__name_id")
            ],
        )
    )
    emergencies = admissions.filter(is_emergency=True).aggregate(
        total=Count("id"),
        on_time=Count("id", filter=Q(first_response_at__lte=F("response_due_at"))),
        late=Count("id", filter=Q(first_response_at__gt=F("response_due_at"))),
        awaiting=Count("id", filter=Q(first_response_at__isnull=True)),
    )
    tables.append(
        Table(
            "emergencies",
            _("Emergency responses"),
            [_("Measure"), _("Cases")],
            [
                [_("Emergency cases opened"), emergencies["total"]],
                [_("First response on time"), emergencies["on_time"]],
                [_("First response late"), emergencies["late"]],
                [_("Still awaiting a response"), emergencies["awaiting"]],
            ],
        )
    )
    tables.append(
        Table(
            "caseload",
            _("Caseload per social worker"),
            [_("Social worker"), _("Cases")],
            [
                [row["primary_worker__full_name"], row["n"]]
                for row in served.values("primary_worker__full_name")
                .annotate(n=Count("id"))
                .order_by("primary_worker__full_name")
            ],
        )
    )
    next_move = (
        StageMove.objects.filter(case=OuterRef("case"), moved_at__gt=OuterRef("moved_at"))
        .order_by("moved_at")
        .values("moved_at")[:1]
    )
    durations = (
        StageMove.objects.filter(case__in=cases)
        .annotate(left_at=Subquery(next_move))
        .filter(left_at__gte=start, left_at__lt=end)
        .annotate(
            spent=ExpressionWrapper(F("left_at") - F("moved_at"), output_field=DurationField())
        )
        .values("to_stage")
        .annotate(avg=Avg("spent"))
        .order_by("to_stage")
    )
    stage_labels = dict(Stage.choices)
    tables.append(
        Table(
            "stage_days",
            _("Average days per stage (stages left this month)"),
            [_("Stage"), _("Days")],
            [
                [
                    str(stage_labels.get(row["to_stage"], row["to_stage"])),
                    round(row["avg"].total_seconds() / 86400, 1),
                ]
                for row in durations
            ],
        )
    )
    sessions = GroupSession.objects.filter(
        group__centre__in=_centres(centre), held_on__gte=day_start, held_on__lt=day_end
    )
    group_totals = sessions.aggregate(
        sessions=Count("id", distinct=True), attendance=Count("attendees")
    )
    tables.append(
        Table(
            "groups",
            _("Group sessions and attendance"),
            [_("Measure"), _("Count")],
            [
                [_("Sessions"), group_totals["sessions"]],
                [_("Attendances"), group_totals["attendance"]],
            ],
        )
    )
    referrals = Referral.objects.filter(case__in=cases, created_at__gte=start, created_at__lt=end)
    tables.append(
        Table(
            "referrals",
            _("Referrals by status"),
            [_("Status"), _("Referrals")],
            _labelled(
                referrals.values("status").annotate(n=Count("id")).order_by("status"),
                "status",
                dict(Referral.Status.choices),
            ),
        )
    )
    totals = {
        "clients_served": served.aggregate(n=Count("client", distinct=True))["n"],
        "admissions": admissions.count(),
        "terminations": terminations.count(),
        "services": delivered.count(),
        "amount": delivered.aggregate(total=Sum("amount"))["total"] or 0,
    }
    return MonthlyReport(
        month=month.replace(day=1),
        centre_name=centre.name if centre else _("All centres"),
        totals=totals,
        tables=tables,
    )


def _centres(centre):
    return Centre.objects.all() if centre is None else Centre.objects.filter(pk=centre.pk)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
