from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework import services, stages
from casework.forms.cases import (
    CaseEditForm,
    CaseFilterForm,
    CaseNoteForm,
    CaseOpenForm,
    ReassignForm,
    StageMoveForm,
    TaskForm,
)
from casework.models import Case, CaseNote
from casework.models.stages import OPEN_STAGES, Stage
from sentra import access, audit
from sentra.lists import paginate
from sentra.models import Role


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
    client = access.get_client_for_user(request.user, client_id, for_write=True)
    form = CaseOpenForm(request.POST or None, centre=client.centre, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "team"}
        try:
            case = services.open_case(
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
    notes = CaseNote.objects.visible_to(user).filter(case=case).select_related("author")
    moves = list(case.stage_moves.select_related("moved_by"))
    timeline = []
    for move, following in zip(moves, [*moves[1:], None], strict=False):
        until = following.moved_at if following else timezone.now()
        timeline.append({"move": move, "days": (until - move.moved_at).days})
    can_change = access.can_change_cases(user)
    return {
        "case": case,
        "team": list(case.team.all()),
        "notes": notes[:50],
        "notes_hidden": CaseNote.objects.filter(case=case).count() - notes.count(),
        "tasks": case.tasks.select_related("assignee", "note"),
        "timeline": timeline,
        "assignments": case.assignments.select_related("from_worker", "to_worker", "assigned_by"),
        "move_form": StageMoveForm(choices=stages.next_stages(case)) if can_change else None,
        "can_change": can_change and case.is_open,
        "can_supervise": access.can_supervise(user),
        "can_report": access.can_request_case_report(user, case),
    }


@require_GET
def case_detail(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    return render(request, "casework/case_detail.html", _case_context(request, case))


@require_http_methods(["GET", "POST"])
def case_edit(request, public_id):
    case = access.get_case_for_user(request.user, public_id, for_write=True)
    form = CaseEditForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            services.update_case(
                by=request.user,
                case=form.save(commit=False),
                fields=form.changed_data,
                request=request,
            )
            form.save_m2m()
        messages.success(request, _("Changes saved."))
        return redirect("casework:case-detail", public_id=case.public_id)
    return render(request, "casework/case_edit.html", {"case": case, "form": form})


@require_POST
def case_move(request, public_id):
    case = access.get_case_for_user(request.user, public_id, for_write=True)
    form = StageMoveForm(request.POST, choices=stages.next_stages(case))
    if form.is_valid():
        try:
            services.move_case_to_stage(
                by=request.user,
                case=case,
                to_stage=form.cleaned_data["to_stage"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except services.StageMoveRefused as refusal:
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
    if not access.can_supervise(request.user):
        raise PermissionDenied
    cases = (
        Case.objects.visible_to(request.user)
        .open()
        .select_related("client", "primary_worker")
        .order_by("primary_worker__full_name", "number")
    )
    initial = {}
    if request.GET.get("worker"):
        initial["cases"] = [
            c.pk for c in cases if str(c.primary_worker.public_id) == request.GET["worker"]
        ]
    form = ReassignForm(
        request.POST or None, cases=cases, centre=request.user.centre, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        moved = services.reassign_cases(
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
    return render(request, "casework/case_reassign.html", {"form": form})


# --- Notes ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def note_add(request, public_id):
    """The quick note form. Saved with htmx; on failure the text stays where it was."""
    case = access.get_case_for_user(request.user, public_id, for_write=True)
    form = CaseNoteForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            services.add_note(
                by=request.user,
                case=case,
                data=data,
                first_response=form.cleaned_data.get("first_response", False),
                request=request,
            )
        except services.StageMoveRefused as refusal:
            form.add_error("first_response", refusal.messages)
        else:
            messages.success(request, _("Note saved."))
            if request.htmx:
                return render(request, "casework/_note_saved.html", {"case": case})
            return redirect("casework:case-detail", public_id=case.public_id)
    template = "casework/_note_form.html" if request.htmx else "casework/note_form.html"
    # htmx swaps only 2xx responses, so a form with errors comes back as 200.
    return render(request, template, {"case": case, "form": form})


@require_http_methods(["GET", "POST"])
def note_edit(request, public_id, note_id):
    case = access.get_case_for_user(request.user, public_id, for_write=True)
    note = access.get_note_for_user(request.user, case, note_id, for_write=True)
    form = CaseNoteForm(request.POST or None, instance=note, case=case)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            services.update_note(
                by=request.user,
                note=form.save(commit=False),
                fields=form.changed_data,
                request=request,
            )
        messages.success(request, _("Note updated; the earlier text is kept in its history."))
        return redirect("casework:case-detail", public_id=case.public_id)
    return render(request, "casework/note_form.html", {"case": case, "form": form, "note": note})


@require_GET
def note_history(request, public_id, note_id):
    case = access.get_case_for_user(request.user, public_id)
    note = access.get_note_for_user(request.user, case, note_id)
    versions = note.history.select_related("history_user")
    audit.record_view(request, note)
    return render(
        request, "casework/note_history.html", {"case": case, "note": note, "versions": versions}
    )


# --- Tasks -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def task_add(request, public_id):
    case = access.get_case_for_user(request.user, public_id, for_write=True)
    note = None
    if request.GET.get("note") or request.POST.get("note"):
        note = access.get_note_for_user(
            request.user, case, request.GET.get("note") or request.POST.get("note")
        )
    form = TaskForm(
        request.POST or None,
        case=case,
        initial={"assignee": request.user.pk if request.user.role != Role.ADMIN else None},
    )
    if request.method == "POST" and form.is_valid():
        services.add_task(
            by=request.user, case=case, data={**form.cleaned_data, "note": note}, request=request
        )
        messages.success(request, _("Task added."))
        return redirect("casework:case-detail", public_id=case.public_id)
    return render(request, "casework/task_form.html", {"case": case, "form": form, "note": note})


@require_POST
def task_done(request, public_id, task_id):
    case = access.get_case_for_user(request.user, public_id, for_write=True)
    task = get_object_or_404(case.tasks, public_id=task_id)
    services.complete_task(by=request.user, task=task, request=request)
    messages.success(request, _("Task done."))
    if request.POST.get("next") == "home":
        return redirect("home")
    return redirect("casework:case-detail", public_id=case.public_id)
