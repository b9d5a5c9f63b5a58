from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sentra import access, health, services
from sentra.forms import (
    AuditFilterForm,
    CentreSettingsForm,
    LoginForm,
    StaffCreateForm,
    StaffPasswordForm,
    StaffUpdateForm,
)
from sentra.lists import keyset_page, paginate
from sentra.models import AuditEvent, RoleGrant, User
from sentra.versioning import EditConflict


class ThrottledLoginView(LoginView):
    """The login page; a sign-in told to wait answers 429 with the wait in words."""

    form_class = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, LoginForm.THROTTLED):
            response.status_code = 429
        return response


login = ThrottledLoginView.as_view()


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Database, broker and scheduler, each with a short timeout (see sentra.health)."""
    state, status = health.health()
    return JsonResponse(state, status=status)


# --- Staff management (centre admins) -------------------------------------------------------


@require_GET
def staff_list(request):
    access.require(access.can_manage_staff(request.user))
    staff = User.objects.visible_to(request.user).order_by("-is_active", "full_name")
    return render(request, "sentra/staff_list.html", {"page": paginate(request, staff)})


@require_http_methods(["GET", "POST"])
def staff_create(request):
    access.require(access.can_manage_staff(request.user))
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in ("username", "full_name", "email", "role")}
        member = services.create_staff(
            by=request.user,
            centre=request.user.centre,
            data=data,
            password=form.cleaned_data["password"],
            request=request,
        )
        messages.success(request, _("Account %(username)s created.") % {"username": member})
        _tell_if_waiting(request, member)
        return redirect("staff-list")
    return render(request, "sentra/staff_form.html", {"form": form, "creating": True})


def _tell_if_waiting(request, member) -> None:
    if member.role_grants.filter(status=RoleGrant.Status.PENDING).exists():
        messages.warning(
            request,
            _(
                "The supervisor role takes effect when another supervisor of the centre (or "
                "a superuser) confirms it on their home page."
            ),
        )


@require_http_methods(["GET", "POST"])
def staff_edit(request, public_id):
    member = access.get_staff_for_user(request.user, public_id)
    access.require(access.can_manage_staff(request.user))
    form = StaffUpdateForm(request.POST or None, instance=member, acting_user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if form.has_changed():
                services.update_staff(
                    by=request.user,
                    member=form.save(commit=False),
                    fields=form.changed_data,
                    request=request,
                )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Changes to %(name)s saved.") % {"name": member})
            _tell_if_waiting(request, member)
            return redirect("staff-list")
    return render(
        request,
        "sentra/staff_form.html",
        {"form": form, "member": member},
        status=409 if form.conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def staff_password(request, public_id):
    member = access.get_staff_for_user(request.user, public_id)
    access.require(access.can_manage_staff(request.user))
    form = StaffPasswordForm(member, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reset_staff_password(
            by=request.user,
            member=member,
            password=form.cleaned_data["new_password1"],
            request=request,
        )
        messages.success(request, _("New password set for %(name)s.") % {"name": member})
        return redirect("staff-list")
    return render(request, "sentra/staff_password.html", {"form": form, "member": member})


@require_http_methods(["GET", "POST"])
def centre_settings(request):
    access.require(access.can_manage_centre(request.user))
    centre = request.user.centre
    if centre is None:  # a superuser without a centre manages centres in Django admin
        return redirect("admin:sentra_centre_changelist")
    form = CentreSettingsForm(request.POST or None, request.FILES or None, instance=centre)
    if request.method == "POST" and form.is_valid():
        try:
            if form.has_changed():
                services.update_centre(
                    by=request.user,
                    centre=form.save(commit=False),
                    fields=form.changed_data,
                    request=request,
                )
        except EditConflict as conflict:
            form.show_conflict(conflict)
        else:
            messages.success(request, _("Centre settings saved."))
            return redirect("centre-settings")
    return render(
        request,
        "sentra/centre_settings.html",
        {"form": form, "multipart": True},
        status=409 if form.conflict else 200,
    )


# --- Audit trail -------------------------------------------------------------------------------


@require_GET
def audit_list(request):
    access.require(access.can_view_audit(request.user))
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.visible_to(request.user).select_related("actor")
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["username"]:
            events = events.filter(username__iexact=data["username"])
        zone = timezone.get_current_timezone()
        if data["date_from"]:
            events = events.filter(at__gte=datetime.combine(data["date_from"], time.min, zone))
        if data["date_to"]:
            events = events.filter(at__lte=datetime.combine(data["date_to"], time.max, zone))
    return render(
        request, "sentra/audit_list.html", {"form": form, "page": keyset_page(request, events, 50)}
    )


@require_POST
def role_grant_decide(request, public_id, decision):
    """The second person's answer to a role that opens confidential notes."""
    if decision not in ("confirm", "refuse"):
        raise Http404
    grant = access.get_role_grant_for_user(request.user, public_id)
    access.require(access.can_confirm_role_grant(request.user, grant))
    try:
        services.decide_role_grant(
            by=request.user, grant=grant, confirm=decision == "confirm", request=request
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your decision is recorded."))
    return redirect("home")
