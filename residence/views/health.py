"""Health: who is sick today, and a resident's checks, sick log and medication.
Confidential: the case team, supervisors and health staff (`access.can_see_health`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from residence.forms.health import HealthCheckForm, MedicationForm, SicknessForm
from residence.models import HealthCheck, MedicationDose, SicknessEntry
from residence.services.health import (
    record_health_check,
    record_medication,
    record_recovery,
    record_sickness,
)
from sentra import access, audit


@require_GET
def health_overview(request):
    """The residents in the sick log now, and the latest medication given."""
    user = request.user
    access.require(access.can_work_in_residence(user))
    return render(
        request,
        "residence/health.html",
        {
            "sick": SicknessEntry.objects.visible_to(user)
            .ongoing()
            .select_related("stay__client", "stay__bed__room__building")
            .order_by("began_on"),
            "doses": MedicationDose.objects.visible_to(user)
            .select_related("stay__client", "given_by")
            .order_by("-given_at")[:30],
        },
    )


def _health_stay(request, public_id, for_write=False):
    stay = access.get_stay_for_user(request.user, public_id)
    if not access.can_see_health(request.user, stay):
        # Health is confidential: to anyone else the page does not exist.
        raise Http404
    if for_write:
        access.require(stay.is_current)
    return stay


def _render(request, stay, **forms):
    now = timezone.localtime().replace(second=0, microsecond=0)
    context = {
        "stay": stay,
        "checks": HealthCheck.objects.filter(stay=stay).select_related("checked_by"),
        "sickness": SicknessEntry.objects.filter(stay=stay),
        "doses": MedicationDose.objects.filter(stay=stay).select_related("given_by")[:50],
        "check_form": forms.get("check_form") or HealthCheckForm(prefix="check"),
        "sickness_form": forms.get("sickness_form") or SicknessForm(prefix="sickness"),
        "medication_form": forms.get("medication_form")
        or MedicationForm(prefix="dose", stay=stay, initial={"given_at": now}),
        "can_record": stay.is_current,
    }
    return render(request, "residence/stay_health.html", context)


@require_GET
def stay_health(request, public_id):
    stay = _health_stay(request, public_id)
    audit.record_view(request, stay)
    return _render(request, stay)


@require_POST
def health_check_add(request, public_id):
    stay = _health_stay(request, public_id, for_write=True)
    form = HealthCheckForm(request.POST, prefix="check")
    if form.is_valid():
        record_health_check(by=request.user, stay=stay, data=form.cleaned_data, request=request)
        messages.success(request, _("Health check recorded."))
        return redirect("residence:stay-health", public_id=stay.public_id)
    return _render(request, stay, check_form=form)


@require_POST
def sickness_add(request, public_id):
    stay = _health_stay(request, public_id, for_write=True)
    form = SicknessForm(request.POST, prefix="sickness")
    if form.is_valid():
        record_sickness(by=request.user, stay=stay, data=form.cleaned_data, request=request)
        messages.success(request, _("Added to the sick log."))
        return redirect("residence:stay-health", public_id=stay.public_id)
    return _render(request, stay, sickness_form=form)


@require_POST
def medication_add(request, public_id):
    stay = _health_stay(request, public_id, for_write=True)
    form = MedicationForm(request.POST, prefix="dose", stay=stay)
    if form.is_valid():
        try:
            record_medication(by=request.user, stay=stay, data=form.cleaned_data, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Medication recorded."))
            return redirect("residence:stay-health", public_id=stay.public_id)
    return _render(request, stay, medication_form=form)


@require_POST
def sickness_recovered(request, public_id):
    entry = access.get_sickness_for_user(request.user, public_id)
    try:
        record_recovery(by=request.user, entry=entry, request=request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Marked as recovered."))
    return redirect("residence:stay-health", public_id=entry.stay.public_id)
