"""Case notes (the quick form, edits with history) and tasks."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.forms.notes import CaseNoteForm, TaskForm
from casework.services.cases import StageMoveRefused
from casework.services.notes import add_note, add_task, complete_task, update_note
from sentra import access, audit
from sentra.middleware import RESULT_HEADER
from sentra.scopes import Role
from sentra.versioning import EditConflict


def case_url(case) -> str:
    return reverse("casework:case-detail", args=[case.public_id])


@require_http_methods(["GET", "POST"])
def note_add(request, public_id):
    """The quick note form, on the case page and on its own page. Saved with htmx: the form
    comes back empty with a fresh submission key, and on the case page the new note goes to
    the top of the list. Without JavaScript it is a plain POST that returns to the case; on
    failure the text stays where it was."""
    case = access.get_case_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    form = CaseNoteForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        first_response = form.cleaned_data.get("first_response", False)
        try:
            note = add_note(
                by=request.user,
                case=case,
                data=data,
                first_response=first_response,
                request=request,
            )
        except StageMoveRefused as refusal:
            form.add_error("first_response", refusal.messages)
        else:
            return _note_added(request, case, note, whole_page=first_response)
    template = "casework/_note_form.html" if request.htmx else "casework/note_form.html"
    # htmx swaps only 2xx responses, so a form with errors comes back as 200.
    in_place = request.htmx and _on_case_page(request, case)
    return render(request, template, {"case": case, "form": form, "in_place": in_place})


def _on_case_page(request, case) -> bool:
    """The form was sent from the case page (htmx names the page in HX-Current-URL)."""
    return urlsplit(request.htmx.current_url or "").path == case_url(case)


def _note_added(request, case, note, *, whole_page: bool):
    """A first response changes more of the case page than the list of notes: the whole page
    is shown again (HX-Redirect; static/js/sentra.js forgets the draft on a redirect)."""
    if not request.htmx or whole_page:
        messages.success(request, _("Note saved."))
        if not request.htmx:
            return redirect(case_url(case))
        response = HttpResponse(status=200)
        response["HX-Redirect"] = case_url(case)
        response[RESULT_HEADER] = case_url(case)
        return response
    context = {
        "case": case,
        "note": note,
        "form": CaseNoteForm(case=case),
        "in_place": _on_case_page(request, case),
        "can_change": True,
        "just_saved": True,
    }
    response = render(request, "casework/_note_saved.html", context)
    response[RESULT_HEADER] = case_url(case)
    return response


@require_http_methods(["GET", "POST"])
def note_edit(request, public_id, note_id):
    case = access.get_case_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    note = access.get_note_for_user(request.user, case, note_id)
    access.require(access.can_edit_note(request.user, note))
    form = CaseNoteForm(request.POST or None, instance=note, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            if form.has_changed():
                update_note(
                    by=request.user,
                    note=form.save(commit=False),
                    fields=form.changed_data,
                    request=request,
                )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Note updated; the earlier text is kept in its history."))
            return redirect("casework:case-detail", public_id=case.public_id)
    return render(
        request,
        "casework/note_form.html",
        {"case": case, "form": form, "note": note},
        status=409 if form.conflict else 200,
    )


@require_GET
def note_history(request, public_id, note_id):
    case = access.get_case_for_user(request.user, public_id)
    note = access.get_note_for_user(request.user, case, note_id)
    versions = note.history.select_related("history_user")
    audit.record_view(request, note)
    return render(
        request, "casework/note_history.html", {"case": case, "note": note, "versions": versions}
    )


@require_http_methods(["GET", "POST"])
def task_add(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
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
        add_task(
            by=request.user, case=case, data={**form.cleaned_data, "note": note}, request=request
        )
        messages.success(request, _("Task added."))
        return redirect("casework:case-detail", public_id=case.public_id)
    return render(request, "casework/task_form.html", {"case": case, "form": form, "note": note})


@require_POST
def task_done(request, public_id, task_id):
    case = access.get_case_for_user(request.user, public_id)
    access.require(access.can_change_cases(request.user))
    task = access.get_task_for_user(request.user, case, task_id)
    complete_task(by=request.user, task=task, request=request)
    messages.success(request, _("Task done."))
    if request.POST.get("next") == "home":
        return redirect("home")
    return redirect("casework:case-detail", public_id=case.public_id)
