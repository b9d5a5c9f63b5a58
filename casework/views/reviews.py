"""The supervisor's review queue and decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.forms.plans import ReviewDecisionForm
from casework.models import (
    Review,
)
from casework.services.reviews import decide_review
from sentra import access
from sentra.lists import paginate


@require_GET
def review_queue(request):
    access.require(access.can_supervise(request.user))
    reviews = (
        Review.objects.visible_to(request.user)
        .filter(status=Review.Status.PENDING)
        .select_related("case", "case__client", "plan", "requested_by")
        .order_by("requested_at")
    )
    # Paged like every list: a large centre can have hundreds waiting at once.
    page = paginate(request, reviews)
    now = timezone.now()
    rows = [{"review": r, "waiting_days": (now - r.requested_at).days} for r in page]
    return render(request, "casework/review_queue.html", {"rows": rows, "page": page})


@require_POST
def review_decide(request, public_id):
    review = access.get_review_for_user(request.user, public_id)
    access.require(access.can_decide_review(request.user, review))
    form = ReviewDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
    else:
        try:
            decide_review(
                by=request.user,
                review=review,
                approve=form.cleaned_data["decision"] == "approve",
                comments=form.cleaned_data["comments"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("casework:review-queue")
    if review.plan_id:
        return redirect("casework:plan-detail", public_id=review.plan.public_id)
    return redirect("casework:case-detail", public_id=review.case.public_id)
