"""The duty log: the handovers of the last shifts, and writing one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from residence.forms.duty import HandoverForm
from residence.models import DutyShift, Stay
from residence.services.duty import write_handover
from sentra import access
from sentra.lists import paginate


@require_http_methods(["GET", "POST"])
def duty_log(request):
    access.require(access.can_work_in_residence(request.user))
    centre = request.user.centre
    if centre is None:  # a superuser has no centre of their own: the Django admin is theirs
        raise Http404
    headcount = Stay.objects.filter(centre=centre).current().count()
    form = HandoverForm(
        request.POST or None,
        centre=centre,
        initial={"date": timezone.localdate(), "staff": [request.user.pk], "headcount": headcount},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "staff"}
        try:
            write_handover(
                by=request.user,
                centre=centre,
                data=data,
                staff=form.cleaned_data["staff"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Handover saved."))
            return redirect("residence:duty")
    shifts = (
        DutyShift.objects.visible_to(request.user)
        .select_related("written_by")
        .prefetch_related("staff")
    )
    return render(
        request,
        "residence/duty.html",
        {"form": form, "page": paginate(request, shifts, per_page=10)},
    )
