"""Official letters of a case: issue, re-print, cancel; and the verification page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reports import letters, services
from reports.forms import CancelLetterForm, IssueLetterForm, VerifyLetterForm
from reports.models import Letter
from sentra import access, audit


@require_http_methods(["GET", "POST"])
def case_letters(request, public_id):
    case = access.get_case_for_user(request.user, public_id)
    audit.record_view(request, case)
    access.require(access.can_issue_letter(request.user, case))
    form = IssueLetterForm(
        request.POST or None,
        referrals=letters.sources_for(case, Letter.Kind.REFERRAL).select_related("partner"),
        terminations=letters.sources_for(case, Letter.Kind.HANDOVER),
        initial={"kind": request.GET.get("kind", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.issue_and_print_letter(
                by=request.user,
                case=case,
                kind=form.cleaned_data["kind"],
                source=form.cleaned_data["record"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Letter %(number)s issued; its PDF is being prepared on the reports page.")
                % {"number": letter.number},
            )
            return redirect("reports:case-letters", public_id=case.public_id)
    issued = Letter.objects.visible_to(request.user).filter(case=case).select_related("issued_by")
    return render(
        request,
        "reports/case_letters.html",
        {"case": case, "form": form, "letters": issued, "cancel_form": CancelLetterForm()},
    )


@require_POST
def letter_reprint(request, public_id):
    letter = access.get_letter_for_user(request.user, public_id)
    access.require(access.can_issue_letter(request.user, letter.case))
    try:
        services.reprint_letter(by=request.user, letter=letter, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:case-letters", public_id=letter.case.public_id)
    messages.success(request, _("A copy of %(number)s is queued.") % {"number": letter.number})
    return redirect("reports:list")


@require_POST
def letter_cancel(request, public_id):
    letter = access.get_letter_for_user(request.user, public_id)
    access.require(access.can_cancel_letter(request.user, letter))
    form = CancelLetterForm(request.POST)
    if form.is_valid():
        letters.cancel_letter(
            by=request.user, letter=letter, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(request, _("Letter %(number)s cancelled.") % {"number": letter.number})
    else:
        messages.error(request, _("Give a reason for cancelling."))
    return redirect("reports:case-letters", public_id=letter.case.public_id)


@require_GET
def letter_verify(request):
    access.require(access.can_verify_letters(request.user))
    form = VerifyLetterForm(request.GET or None)
    letter, searched = None, False
    if form.is_valid():
        searched = True
        letter = access.find_letter_by_code(request.user, form.cleaned_data["code"])
    return render(
        request,
        "reports/letter_verify.html",
        {"form": form, "letter": letter, "searched": searched},
    )
