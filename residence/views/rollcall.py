"""The roll call: the week's sessions, and one screen to take or correct a roll call."""

from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from residence.forms.rollcall import RollCallForm, mark_forms
from residence.models import RollCall, Session
from residence.services.rollcall import (
    WEEK,
    ResidentsChanged,
    RollCallAlreadyTaken,
    correct_roll_call,
    roll_call_lines,
    roll_call_week,
    take_roll_call,
)
from sentra import access
from sentra.inputs import show_conflicts
from sentra.versioning import EditConflict


@require_GET
def roll_calls(request):
    access.require(
        access.can_work_in_residence(request.user) or access.can_manage_places(request.user)
    )
    centre = request.user.centre
    if centre is None:
        raise Http404
    return render(
        request,
        "residence/roll_calls.html",
        {"week": roll_call_week(centre), "can_take": access.can_work_in_residence(request.user)},
    )


def _day(value: str) -> date:
    """A date of the last week (roll calls are taken on the day, or late within the week)."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Http404 from None
    today = timezone.localdate()
    if not today - timedelta(days=WEEK - 1) <= day <= today:
        raise Http404
    return day


@require_http_methods(["GET", "POST"])
def roll_call_take(request, day, session):
    access.require(access.can_work_in_residence(request.user))
    centre = request.user.centre
    if centre is None or session not in Session.values:
        raise Http404
    day = _day(day)
    roll_call = (
        RollCall.objects.filter(centre=centre, date=day, session=session)
        .select_related("taken_by")
        .first()
    )
    if (
        request.method == "POST"
        and roll_call is not None
        and request.POST.get("roll_call") != str(roll_call.public_id)
    ):
        return _already_taken(request, roll_call)
    data = request.POST if request.method == "POST" else None
    form = RollCallForm(
        data, instance=roll_call or RollCall(centre=centre, date=day, session=session)
    )
    rows = mark_forms(roll_call_lines(centre, day, roll_call), data)
    conflict = None
    valid = [form.is_valid(), *(row.is_valid() for row in rows)]
    if request.method == "POST" and all(valid):
        try:
            if roll_call is None:
                roll_call, reports = take_roll_call(
                    by=request.user,
                    centre=centre,
                    day=day,
                    session=session,
                    marks={
                        row.instance.stay_id: (
                            row.cleaned_data["presence"],
                            row.cleaned_data["note"],
                        )
                        for row in rows
                    },
                    note=form.cleaned_data["note"],
                    request=request,
                )
                messages.success(
                    request, _("%(session)s saved.") % {"session": Session(session).label}
                )
            else:
                reports = correct_roll_call(
                    by=request.user,
                    roll_call=form.save(commit=False),
                    marks=[row.save(commit=False) for row in rows if row.changes_something],
                    on_list={row.instance.stay_id for row in rows},
                    fields=form.changed_data,
                    request=request,
                )
                messages.success(request, _("Roll call corrected."))
        except RollCallAlreadyTaken as taken:
            return _already_taken(request, taken.roll_call)
        except ResidentsChanged as changed:
            messages.warning(request, changed.messages[0])
            return redirect("residence:roll-call", day=day.isoformat(), session=session)
        except EditConflict as stale:
            conflict = stale
            show_conflicts([form, *rows], stale)
        else:
            if reports:
                messages.warning(
                    request,
                    ngettext(
                        "%(n)s absconding report opened: tell the family, the police and the "
                        "referring institution.",
                        "%(n)s absconding reports opened: tell the families, the police and "
                        "the referring institutions.",
                        len(reports),
                    )
                    % {"n": len(reports)},
                )
            return redirect("residence:roll-calls")
    return render(
        request,
        "residence/roll_call.html",
        {
            "form": form,
            "rows": rows,
            "roll_call": roll_call,
            "day": day,
            "session": Session(session),
        },
        status=409 if conflict else 200,
    )


def _already_taken(request, roll_call: RollCall):
    """Somebody else saved this roll call while this one was being marked: theirs is
    opened to be corrected if needed."""
    messages.warning(
        request,
        _("%(name)s already took this roll call at %(time)s. Here it is: correct it if needed.")
        % {
            "name": roll_call.taken_by.get_full_name(),
            "time": timezone.localtime(roll_call.taken_at).strftime("%H:%M"),
        },
    )
    return redirect(
        "residence:roll-call", day=roll_call.date.isoformat(), session=roll_call.session
    )
