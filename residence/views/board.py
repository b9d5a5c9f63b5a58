"""The occupancy board, a resident's page, and the residence tab of a case."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.models import Case
from residence.forms.stays import BelongingForm
from residence.models import (
    AbscondingReport,
    AgeGroup,
    Bed,
    Building,
    Incident,
    LeaveRequest,
    PlaceStatus,
    Room,
    SexGroup,
    SicknessEntry,
    Stay,
)
from residence.rules import case_is_residential
from sentra import access, audit


@require_GET
def board(request):
    """Every room of the centre, who sleeps in which bed, and the free beds; a building
    filter by sex and age group."""
    user = request.user
    buildings = Building.objects.visible_to(user).order_by("name")
    sex, age = request.GET.get("sex", ""), request.GET.get("age", "")
    if sex in SexGroup.values:
        buildings = buildings.filter(sex=sex)
    if age in AgeGroup.values:
        buildings = buildings.filter(age_group=age)
    beds = Bed.objects.order_by("id")  # A, B, ... in the order they were added
    buildings = buildings.prefetch_related(
        Prefetch("rooms", queryset=Room.objects.order_by("name")),
        Prefetch("rooms__beds", queryset=beds),
    )
    stays = Stay.objects.visible_to(user).current().select_related("client")
    by_bed = {stay.bed_id: stay for stay in stays}
    out = set(LeaveRequest.objects.visible_to(user).out().values_list("stay_id", flat=True))
    missing = set(
        AbscondingReport.objects.visible_to(user).open().values_list("stay_id", flat=True)
    )
    plan = []
    for building in buildings:
        rooms = []
        for room in building.rooms.all():  # type: ignore[attr-defined]
            rows = [(bed, by_bed.get(bed.pk)) for bed in room.beds.all()]
            rooms.append({"room": room, "beds": rows, "free": _free(building, room, rows)})
        occupied = sum(1 for r in rooms for _bed, stay in r["beds"] if stay)
        free = sum(r["free"] for r in rooms)
        plan.append({"building": building, "rooms": rooms, "occupied": occupied, "free": free})
    return render(
        request,
        "residence/board.html",
        {
            "plan": plan,
            "residents": len(by_bed),
            "out": out,
            "missing": missing,
            "sex": sex,
            "age": age,
            "sexes": SexGroup.choices,
            "ages": AgeGroup.choices,
            "can_manage": access.can_manage_places(user),
            "works_here": access.can_work_in_residence(user),
        },
    )


def _free(building, room, rows) -> int:
    if building.status != PlaceStatus.IN_USE or room.status != PlaceStatus.IN_USE:
        return 0
    return sum(1 for bed, stay in rows if stay is None and bed.status == PlaceStatus.IN_USE)


def _stay_context(request, stay: Stay) -> dict:
    """What a resident's page and the case's residence tab share."""
    user = request.user
    can_change = access.can_change_stay(user, stay) and stay.is_current
    return {
        "stay": stay,
        "leaves": list(stay.leaves.select_related("requested_by", "decided_by")[:20]),  # type: ignore[attr-defined]
        "visits": list(stay.visits.select_related("supervised_by")[:20]),  # type: ignore[attr-defined]
        "restrictions": list(stay.visit_restrictions.in_force()),  # type: ignore[attr-defined]
        "belongings": list(stay.belongings.select_related("received_by")),  # type: ignore[attr-defined]
        "room_moves": list(
            stay.room_moves.select_related(  # type: ignore[attr-defined]
                "from_bed__room__building", "to_bed__room__building", "moved_by"
            )
        ),
        "absconding": list(stay.absconding_reports.all()),  # type: ignore[attr-defined]
        "can_change": can_change,
        "works_here": access.can_work_in_residence(user) and stay.is_current,
        "can_decide_leave": access.can_supervise(user),
        "sees_health": access.can_see_health(user, stay),
        "incidents": list(
            Incident.objects.visible_to(user).filter(residents=stay).order_by("-occurred_at")
        ),
        "belonging_form": BelongingForm() if can_change else None,
    }


@require_GET
def stay_detail(request, public_id):
    stay = access.get_stay_for_user(request.user, public_id)
    audit.record_view(request, stay)
    context = _stay_context(request, stay)
    context["opens_case"] = Case.objects.visible_to(request.user).filter(pk=stay.case_id).exists()
    return render(request, "residence/stay_detail.html", context)


@require_GET
def case_residence(request, public_id):
    """The case's residence tab: its stays, and the current one in full (leave, visits,
    health, incidents)."""
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    stays = list(case.stays.with_place())  # type: ignore[attr-defined]
    current = next((s for s in stays if s.is_current), stays[0] if stays else None)
    context = {
        "case": case,
        "stays": stays,
        "residential": case_is_residential(case),
        "can_move_in": access.can_change_cases(request.user)
        and case.is_open
        and case_is_residential(case)
        and not any(s.is_current for s in stays),
    }
    if current is not None:
        current.case = case
        context.update(_stay_context(request, current))
        if context["sees_health"]:
            context["sickness"] = list(
                SicknessEntry.objects.visible_to(request.user).filter(stay=current)[:10]
            )
            context["checks"] = list(current.health_checks.all()[:5])  # type: ignore[attr-defined]
    return render(request, "residence/case_residence.html", context)
