"""Cases: the list, opening one, its page, editing, moving between stages, reassigning."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework import stages
from casework.forms.cases import (
    CaseEditForm,
    CaseFilterForm,
    CaseOpenForm,
    ReassignForm,
    StageMoveForm,
)
from casework.forms.notes import CaseNoteForm
from casework.models import Case, CaseNote
from casework.models.stages import OPEN_STAGES, STAGE_ORDER, Stage, short_label
from casework.services.cases import (
    StageMoveRefused,
    find_open_cases,
    move_case_to_stage,
    open_case,
    reassign_cases,
    update_case,
)
from sentra import access, audit
from sentra.lists import paginate
from sentra.versioning import EditConflict


@require_GET
def case_list(request):
    user = request.user
    filters = CaseFilterForm(request.GET or None, centre=user.centre)
    cases = Case.objects.visible_to(user).select_related("client", "primary_worker")
    stage = None
    if filters.is_valid():
        data = filters.cleaned_data
        stage = data["stage"] or None
        if data["worker"]:
            cases = cases.filter(primary_worker=data["worker"])
        if data["emergency"]:
            cases = cases.filter(is_emergency=True)
    cases = cases.filter(stage=stage) if stage else cases.filter(stage__in=OPEN_STAGES)
    return render(
        request,
        "casework/case_list.html",
        {
            "page": paginate(request, cases.order_by("-opened_at")),
            "filters": filters,
        },
    )


@require_http_methods(["GET", "POST"])
def case_open(request, client_id):
    client = access.get_client_for_user(request.user, client_id)
    access.require(access.can_change_cases(request.user))
    form = CaseOpenForm(request.POST or None, centre=client.centre, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "team"}
        try:
            case = open_case(
                by=request.user,
                client=client,
                data=data,
                team=form.cleaned_data["team"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
            return redirect("casework:case-detail", public_id=case.public_id)
    return render(request, "casework/case_open.html", {"client": client, "form": form})


def _case_context(request, case):
    user = request.user
    notes = CaseNote.objects.visible_to(user, per_row=True).filter(case=case)
    notes = notes.select_related("author")
    moves = list(case.stage_moves.select_related("moved_by"))
    timeline = []
    for move, following in zip(moves, [*moves[1:], None], strict=False):
        until = following.moved_at if following else timezone.now()
        timeline.append({"move": move, "days": (until - move.moved_at).days})
    can_change = access.can_change_cases(user)
    # Pending tasks come first (ordering: done_at, due_date), so the first is the next step.
    tasks = list(case.tasks.select_related("assignee", "note"))
    return {
        "case": case,
        "stage_bar": stage_bar(case.stage),
        "team": list(case.team.all()),
        "notes": list(notes[:50]),
        "notes_hidden": CaseNote.objects.filter(case=case).count() - notes.count(),
        "tasks": tasks,
        "next_task": next((task for task in tasks if not task.done_at), None),
        "timeline": timeline,
        "assignments": case.assignments.select_related("from_worker", "to_worker", "assigned_by"),
        "move_form": StageMoveForm(choices=stages.next_stages(case)) if can_change else None,
        "can_change": can_change and case.is_open,
        "note_form": CaseNoteForm(case=case) if can_change and case.is_open else None,
        "can_supervise": access.can_supervise(user),
        "can_report": access.can_request_case_report(user, case),
    }


def stage_bar(current: str) -> list[dict]:
    """The seven stages for the bar on the case page: official names, short ones on a phone."""
    reached = STAGE_ORDER.index(current)
    return [
        {
            "label": Stage(stage).label,
            "short": short_label(stage),
            "state": "done" if i < reached else "current" if i == reached else "ahead",
        }
        for i, stage in enumerate(STAGE_ORDER)
    ]


@require_GET
def case_detail(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    return render(request, "casework/case_detail.html", _case_context(request, case))


@require_http_methods(["GET", "POST"])
def case_edit(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    form = CaseEditForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            if form.has_changed():
                update_case(
                    by=request.user,
                    case=form.save(commit=False),
                    fields=form.changed_data,
                    request=request,
                )
                form.save_m2m()
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("casework:case-detail", public_id=case.public_id)
    return render(
        request,
        "casework/case_edit.html",
        {"case": case, "form": form},
        status=409 if form.conflict else 200,
    )


@require_POST
def case_move(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    form = StageMoveForm(request.POST, choices=stages.next_stages(case))
    if form.is_valid():
        try:
            move_case_to_stage(
                by=request.user,
                case=case,
                to_stage=form.cleaned_data["to_stage"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except StageMoveRefused as refusal:
            for message in refusal.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The case is now in %(stage)s.")
                % {"stage": Stage(form.cleaned_data["to_stage"]).label},
            )
            return redirect("casework:case-detail", public_id=case.public_id)
    context = _case_context(request, case)
    context["move_form"] = form
    return render(request, "casework/case_detail.html", context, status=400 if form.errors else 409)


@require_http_methods(["GET", "POST"])
def case_reassign(request):
    """One worker's open cases at a time (`?worker=`), to move some or all of them;
    without a worker, the list of workers to choose from. A centre of 150 000
    clients has thousands of open cases: one checkbox each made a page of megabytes."""
    access.require(access.can_supervise(request.user))
    cases = (
        Case.objects.visible_to(request.user)
        .open()
        .select_related("client", "primary_worker")
        .order_by("primary_worker__full_name", "number")
    )
    worker = _chosen_worker(cases, request.GET.get("worker", ""))
    if worker is not None:
        # Only the chosen worker's cases are offered, and only they are accepted.
        cases = cases.filter(primary_worker=worker)
    form = ReassignForm(request.POST or None, cases=cases, centre=request.user.centre)
    if request.method == "POST" and form.is_valid():
        moved = reassign_cases(
            by=request.user,
            cases=Case.objects.filter(pk__in=[c.pk for c in form.cleaned_data["cases"]]),
            to_worker=form.cleaned_data["to_worker"],
            reason=form.cleaned_data["reason"],
            request=request,
        )
        messages.success(
            request,
            _("%(count)s case(s) now with %(name)s.")
            % {"count": moved, "name": form.cleaned_data["to_worker"]},
        )
        return redirect("home")
    context = {"form": form, "worker": worker}
    if worker is None:
        context["caseloads"] = (
            cases.values("primary_worker__public_id", "primary_worker__full_name")
            .annotate(open_cases=Count("id"))
            .order_by("primary_worker__full_name")
        )
    return render(request, "casework/case_reassign.html", context)


def _chosen_worker(cases, public_id: str):
    """The primary worker of some of `cases` named by `public_id`, or None (nothing chosen,
    a malformed id, or someone with no open case the user may see)."""
    try:
        found = cases.filter(primary_worker__public_id=public_id).first() if public_id else None
    except ValidationError:  # not a UUID
        return None
    return found.primary_worker if found else None


# --- Notes ---------------------------------------------------------------------------------


# --- Tasks -------------------------------------------------------------------------------------


PICK_LIMIT = 20


@require_GET
def case_pick(request):
    """Open cases the user may open whose client's name or case number holds `q`: what a
    case picker adds to its form (casework/forms/picker.py)."""
    name = request.GET.get("name", "")
    term = request.GET.get("q", "")
    cases = find_open_cases(user=request.user, term=term, limit=PICK_LIMIT)
    searched = len(term.strip()) >= 2
    return render(
        request,
        "casework/_case_pick_results.html",
        {"cases": cases, "searched": searched, "name": name if name.isidentifier() else "cases"},
    )
