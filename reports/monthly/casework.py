"""Tables about cases and services: admissions, terminations, services per component,
papers obtained, emergencies, caseload, stages, groups, referrals, aftercare. Each is one
or two SQL aggregations over the report's scope."""

from datetime import timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils.translation import gettext as _

from casework.models import FollowUp, GroupSession, Referral, StageMove, Termination
from casework.models.cases import AccessRoute
from casework.models.plans import Component
from casework.models.stages import STAGE_ORDER, Stage
from clients import identity
from clients.models import ClientDocument
from reports.monthly.base import (
    CASES,
    FIGURES,
    RECIPIENTS,
    SERVICES,
    Scope,
    Table,
    with_total,
)


def _choice_rows(counts: dict, choices) -> list[list]:
    """One row per choice, in the order of the choices, zeros included."""
    return [[str(label), counts.get(code, 0)] for code, label in choices]


def admissions(scope: Scope) -> Table:
    counts = dict(
        scope.cases.filter(opened_at__gte=scope.start, opened_at__lt=scope.end)
        .values_list("access_route")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = _choice_rows(counts, AccessRoute.choices)
    return Table(
        "admissions",
        _("New admissions by access route"),
        _("Admissions"),
        [_("Access route"), _("Cases")],
        rows,
        counts=CASES,
        total=with_total(rows, _("Total")),
    )


def terminations_in(scope: Scope):
    return scope.of_cases(Termination.objects.all()).filter(
        review__status="approved",
        case__closed_at__gte=scope.start,
        case__closed_at__lt=scope.end,
    )


def terminations(scope: Scope) -> Table:
    """Closures by reason and where the person went: the partner institution, else the
    destination region, else 'not recorded'."""
    reasons = dict(Termination.Reason.choices)
    order = list(Termination.Reason.values)
    rows: dict[tuple, int] = {}
    for reason, partner, region in terminations_in(scope).values_list(
        "reason", "destination_partner__name", "destination_region"
    ):
        where = partner or identity.region_name(region) or _("Not recorded")
        key = (
            order.index(reason) if reason in order else len(order),
            str(reasons.get(reason, "")),
            where,
        )
        rows[key] = rows.get(key, 0) + 1
    table_rows = [[label, where, n] for (_i, label, where), n in sorted(rows.items())]
    return Table(
        "terminations",
        _("Terminations by reason and destination"),
        _("Terminations"),
        [_("Reason"), _("Destination"), _("Cases")],
        table_rows,
        counts=CASES,
        total=with_total(table_rows, _("Total"), numeric_from=2, width=3),
    )


def recipients(scope: Scope) -> int:
    """People who received at least one service in the period."""
    return len({client for _component, _name, client, _times, _amount in scope.deliveries})


def services(scope: Scope) -> Table:
    """Services delivered (each delivery once), by component in ATENSI order."""
    components = dict(Component.choices)
    order = list(Component.values)
    # (component, service) -> [times, people, amount]: a person is one row of the deliveries
    # per service, so counting the rows counts the people.
    found: dict[tuple[str, str], list[int]] = {}
    for component, name, _client, times, amount in scope.deliveries:
        row = found.setdefault((component, name), [0, 0, 0])
        row[0] += times
        row[1] += 1
        row[2] += amount or 0
    rows = [
        [str(components.get(component, "")), name, *figures]
        for (component, name), figures in sorted(
            found.items(), key=lambda item: (order.index(item[0][0]), item[0][1])
        )
    ]
    total = with_total(rows, _("Total"), numeric_from=2, width=5)
    # A person who had two services is one person: the people total is counted, not summed.
    total[3] = recipients(scope)
    return Table(
        "services",
        _("Services delivered by component and type"),
        _("Services"),
        [_("Component"), _("Service"), _("Times"), _("People"), _("Amount (Rp)")],
        rows,
        counts=SERVICES,
        total=total,
        note=_(
            "Times count each service delivered; a person is counted once per row and once "
            "in the total."
        ),
        money=(4,),
    )


def components(scope: Scope) -> Table:
    """People who received at least one service of each component."""
    people: dict[str, set[int]] = {}
    for component, _name, client, _times, _amount in scope.deliveries:
        people.setdefault(component, set()).add(client)
    rows = _choice_rows({code: len(found) for code, found in people.items()}, Component.choices)
    return Table(
        "components",
        _("People who received services, by ATENSI component"),
        _("People per component"),
        [_("ATENSI component"), _("People")],
        rows,
        counts=RECIPIENTS,
        total=[_("Total people who received services"), recipients(scope)],
        note=_(
            "A person served under several components is counted in each and once in the total."
        ),
    )


PAPERS = [ClientDocument.Kind.KTP, ClientDocument.Kind.KK, ClientDocument.Kind.BIRTH_CERTIFICATE]


def identity_papers(scope: Scope) -> Table:
    """KTP, KK and birth certificates obtained (filed) during the period for people served."""
    found: dict[str, tuple[int, int]] = {
        row["kind"]: (row["n"], row["people"])
        for row in ClientDocument.objects.filter(
            client__in=scope.clients,
            kind__in=PAPERS,
            is_archived=False,
            uploaded_at__gte=scope.start,
            uploaded_at__lt=scope.end,
        )
        .values("kind")
        .annotate(n=Count("id"), people=Count("client", distinct=True))
        .order_by()
    }
    rows = [[str(kind.label), *found.get(kind, (0, 0))] for kind in PAPERS]
    return Table(
        "papers",
        _("Identity documents obtained during the period"),
        _("Identity documents"),
        [_("Document"), _("Documents"), _("People")],
        rows,
        counts=FIGURES,
    )


def emergencies(scope: Scope) -> Table:
    figures = scope.cases.filter(
        opened_at__gte=scope.start, opened_at__lt=scope.end, is_emergency=True
    ).aggregate(
        total=Count("id"),
        on_time=Count("id", filter=Q(first_response_at__lte=F("response_due_at"))),
        late=Count("id", filter=Q(first_response_at__gt=F("response_due_at"))),
        awaiting=Count("id", filter=Q(first_response_at__isnull=True)),
    )
    return Table(
        "emergencies",
        _("Emergency responses"),
        _("Emergencies"),
        [_("Measure"), _("Cases")],
        [
            [_("Emergency cases opened"), figures["total"]],
            [_("First response on time"), figures["on_time"]],
            [_("First response late"), figures["late"]],
            [_("Still awaiting a response"), figures["awaiting"]],
        ],
        counts=FIGURES,
    )


def caseload(scope: Scope) -> Table:
    rows = [
        [r["primary_worker__full_name"], r["n"]]
        for r in scope.served.values("primary_worker__full_name")
        .annotate(n=Count("id"))
        .order_by("primary_worker__full_name")
    ]
    return Table(
        "caseload",
        _("Caseload per social worker"),
        _("Caseload"),
        [_("Social worker"), _("Cases")],
        rows,
        counts=CASES,
        total=with_total(rows, _("Total")),
    )


def stage_days(scope: Scope) -> Table:
    durations = dict(_stage_durations(scope))
    labels = dict(Stage.choices)
    rows = [
        [str(labels[stage]), round(durations[stage].total_seconds() / 86400, 1)]
        for stage in STAGE_ORDER
        if stage in durations
    ]
    return Table(
        "stage_days",
        _("Average days per stage (stages left in the period)"),
        _("Days per stage"),
        [_("Stage"), _("Days")],
        rows,
        counts=FIGURES,
        decimals=(1,),
    )


def groups(scope: Scope) -> Table:
    sessions = GroupSession.objects.filter(
        held_on__gte=scope.period.first, held_on__lt=scope.period.end
    )
    if scope.centre is not None:
        sessions = sessions.filter(group__centre=scope.centre)
    figures = sessions.aggregate(sessions=Count("id", distinct=True), attendance=Count("attendees"))
    return Table(
        "groups",
        _("Group sessions and attendance"),
        _("Group sessions"),
        [_("Measure"), _("Count")],
        [[_("Sessions"), figures["sessions"]], [_("Attendances"), figures["attendance"]]],
        counts=FIGURES,
    )


def referrals(scope: Scope) -> Table:
    counts = dict(
        scope.of_cases(Referral.objects.all())
        .filter(created_at__gte=scope.start, created_at__lt=scope.end)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = _choice_rows(counts, Referral.Status.choices)
    return Table(
        "referrals",
        _("Referrals made in the period, by status"),
        _("Referrals"),
        [_("Status"), _("Referrals")],
        rows,
        counts=CASES,
        total=with_total(rows, _("Total")),
    )


def aftercare(scope: Scope) -> Table:
    """Aftercare contacts: planned in the period, done (by visit or phone), still overdue."""
    follow_ups = scope.of_cases(FollowUp.objects.all())
    first, end = scope.period.first, scope.period.end
    figures = follow_ups.aggregate(
        planned=Count("id", filter=Q(due_on__gte=first, due_on__lt=end)),
        visits=Count("id", filter=Q(done_on__gte=first, done_on__lt=end, mode=FollowUp.Mode.VISIT)),
        calls=Count("id", filter=Q(done_on__gte=first, done_on__lt=end, mode=FollowUp.Mode.PHONE)),
        overdue=Count("id", filter=Q(due_on__lt=end, done_on__isnull=True)),
        people=Count("case__client", distinct=True, filter=Q(done_on__gte=first, done_on__lt=end)),
    )
    return Table(
        "aftercare",
        _("Aftercare (bimbingan lanjut) results"),
        _("Aftercare"),
        [_("Measure"), _("Count")],
        [
            [_("Contacts planned in the period"), figures["planned"]],
            [_("Contacts done by visit"), figures["visits"]],
            [_("Contacts done by phone"), figures["calls"]],
            [_("People reached after their case closed"), figures["people"]],
            [_("Contacts overdue at the end of the period"), figures["overdue"]],
        ],
        counts=FIGURES,
    )


def _stage_durations(scope: Scope) -> list[tuple[str, timedelta]]:
    """Average time spent in each stage, over the stages left in the period: the moves whose
    `left_at` (the case's next move) falls in it, read through the (left_at) index."""
    spent = ExpressionWrapper(F("left_at") - F("moved_at"), output_field=DurationField())
    return list(
        scope.of_cases(StageMove.objects.all())
        .filter(left_at__gte=scope.start, left_at__lt=scope.end)
        .values_list("to_stage")
        .annotate(spent=Avg(spent))
        .order_by()
    )
