"""National data on a client's file: register and health cover, assistance received."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from clients import national
from clients.forms.national import AssistanceForm, NationalDataForm
from sentra import access
from sentra.versioning import EditConflict


def _back(client) -> str:
    return reverse("clients:detail", args=[client.public_id]) + "#national"


@require_http_methods(["GET", "POST"])
def national_edit(request, public_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    form = NationalDataForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        try:
            if form.has_changed():
                national.save_national_data(
                    by=request.user,
                    client=form.save(commit=False),
                    fields=form.changed_data,
                    request=request,
                )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("National data saved."))
            return redirect(_back(client))
    return render(
        request,
        "clients/national_form.html",
        {"client": client, "form": form, "title": _("National data")},
        status=409 if form.conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def assistance_edit(request, public_id, assistance_id=None):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    assistance = None
    if assistance_id:
        assistance = access.get_assistance_for_user(request.user, client, assistance_id)
    form = AssistanceForm(request.POST or None, instance=assistance)
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        changed.client = client
        try:
            national.save_assistance(
                by=request.user, assistance=changed, fields=form.changed_data, request=request
            )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Assistance saved."))
            return redirect(_back(client))
    title = _("Edit assistance received") if assistance else _("Add assistance received")
    return render(
        request,
        "clients/national_form.html",
        {"client": client, "form": form, "title": title, "creating": assistance is None},
        status=409 if form.conflict else 200,
    )


@require_POST
def assistance_archive(request, public_id, assistance_id):
    client = access.get_client_for_user(request.user, public_id)
    access.require(access.can_change_clients(request.user))
    assistance = access.get_assistance_for_user(request.user, client, assistance_id)
    national.archive_assistance(by=request.user, assistance=assistance, request=request)
    messages.success(request, _("Assistance removed from the list (kept in the history)."))
    return redirect(_back(client))
