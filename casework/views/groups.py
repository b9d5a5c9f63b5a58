"""Group work: the list, a new group, a group's page with session attendance."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from casework.forms.groups import GroupForm, GroupSessionForm
from casework.models import Case, Group
from casework.services.groups import record_group_session, save_group
from sentra import access, audit


@require_GET
def group_list(request):
    groups = Group.objects.visible_to(request.user).select_related("facilitator")
    return render(
        request,
        "casework/group_list.html",
        {"groups": groups, "can_create": access.can_change_cases(request.user)},
    )


@require_http_methods(["GET", "POST"])
def group_create(request):
    access.require(access.can_change_cases(request.user))
    cases = Case.objects.visible_to(request.user).open().select_related("client")
    form = GroupForm(
        request.POST or None,
        centre=request.user.centre,
        cases=cases,
        user=request.user,
        initial={"facilitator": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        group = form.save(commit=False)
        group.centre = request.user.centre
        save_group(
            by=request.user,
            group=group,
            members=form.cleaned_data["members"],
            fields=form.changed_data,
            request=request,
        )
        if form.size_warning:
            messages.warning(request, form.size_warning)
        messages.success(request, _("Group saved."))
        return redirect("casework:group-detail", public_id=group.public_id)
    return render(request, "casework/group_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def group_detail(request, public_id):
    group = access.get_group_for_user(request.user, public_id)
    audit.record_view(request, group)
    if request.method == "POST":
        access.require(access.can_run_group(request.user, group))
    form = GroupSessionForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in GroupSessionForm.Meta.fields}
        try:
            session = record_group_session(
                by=request.user,
                group=group,
                data=data,
                present=form.cleaned_data["present"],
                request=request,
            )
        except ValidationError as error:
            form.add_error("present", error)
        else:
            messages.success(
                request,
                _("Session recorded: %(n)s service record(s) added to the members' cases.")
                % {"n": session.attendees.count()},
            )
            return redirect("casework:group-detail", public_id=group.public_id)
    openable = Case.objects.visible_to(request.user).filter(pk=OuterRef("pk"))
    members = list(
        group.members.select_related("client").annotate(openable=Exists(openable))  # type: ignore[attr-defined]
    )
    return render(
        request,
        "casework/group_detail.html",
        {
            "group": group,
            "form": form,
            "members": [(m, m.openable) for m in members],
            "sessions": group.sessions.prefetch_related("attendees"),
            "size_warning": len(members) > group.WARN_ABOVE,
            "can_record": access.can_run_group(request.user, group),
        },
    )
