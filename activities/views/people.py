"""A person's part in activities and courses: the case's full page, and the fragments the
case page and the client page load (casework and clients stand below activities, so their
pages reach these through a URL, never an import; see docs/architecture.md)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from activities.services.people import attendance_of, participation_of
from sentra import access, audit
from sentra.lists import paginate


@require_GET
def case_activities(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    return render(
        request,
        "activities/case_activities.html",
        {
            "case": case,
            "page": paginate(request, attendance_of([case.pk])),
            "participation": participation_of([case.pk], recent=0),
        },
    )


@require_GET
def case_summary(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    return render(
        request,
        "activities/_participation.html",
        {"participation": participation_of([case.pk]), "case": case},
    )


@require_GET
def client_summary(request, public_id):
    """Across the client's cases this user may open (a re-admitted client has several)."""
    client = access.get_client_for_user(request.user, public_id)
    audit.record_view(request, client)
    case_ids = list(client.cases.visible_to(request.user).values_list("pk", flat=True))  # type: ignore[attr-defined]
    return render(
        request,
        "activities/_participation.html",
        {"participation": participation_of(case_ids), "client": client},
    )
