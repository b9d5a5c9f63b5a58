import uuid

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from sentra import bounds
from sentra.models import SubmissionKey

# The hidden field every form that changes something carries ({% form_keys %}).
SUBMISSION_FIELD = "submission_key"
# A view that succeeds without redirecting (an htmx fragment) names its result here.
RESULT_HEADER = "X-Submission-Result"
# Set on the answer to a repeated submission.
REPEAT_HEADER = "X-Submission-Repeat"


class CentreTimezoneMiddleware:
    """Show times in the zone of the user's centre (WIB, WITA or WIT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        centre = getattr(user, "centre", None) if user and user.is_authenticated else None
        if centre is not None:
            timezone.activate(centre.zone)
        else:
            timezone.deactivate()
        return self.get_response(request)


class OneSubmissionMiddleware:
    """A form submitted twice (a double click, a request resent after a timeout) changes
    things once: the second submission lands on the first one's result.

    The form's one-time key is claimed by inserting it (a unique constraint, never
    read-then-insert) in the same transaction as the view's work. A concurrent repeat waits
    on that insert, then finds the key taken and is sent where the first one went. A
    submission that fails validation claims the key without a result, so correcting the
    form and sending it again works."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        with transaction.atomic():
            claim, created = SubmissionKey.objects.get_or_create(
                key=key, defaults={"user": request.user}
            )
            if claim.user_id != request.user.pk:
                return HttpResponseBadRequest(_("This form belongs to someone else."))
            if not created and claim.result_url:
                return self._repeat(request, claim.result_url)
            response = self.get_response(request)
            result = self._result_of(response)
            if result:
                claim.result_url = result[:500]
                claim.save(update_fields=["result_url"])
            return response

    @staticmethod
    def _key(request) -> uuid.UUID | None:
        if request.method != "POST" or not request.user.is_authenticated:
            return None
        try:
            return uuid.UUID(request.POST.get(SUBMISSION_FIELD, ""))
        except ValueError:
            return None

    @staticmethod
    def _result_of(response) -> str | None:
        if 300 <= response.status_code < 400 and response.has_header("Location"):
            return response["Location"]
        if 200 <= response.status_code < 300 and response.has_header(RESULT_HEADER):
            return response[RESULT_HEADER]
        return None

    @staticmethod
    def _repeat(request, result_url: str):
        if getattr(request, "htmx", False):
            # The page that sent it goes where the first submission went, and forgets any
            # draft it kept of the form (static/js/sentra.js).
            response = HttpResponse(status=200)
            response["HX-Redirect"] = result_url
            response[REPEAT_HEADER] = "1"
            return response
        return redirect(result_url)


class InputBoundsMiddleware:
    """Refuses a form with a text value longer than bounds.MAX_TEXT characters before a
    view or a model sees it: a 1 MB "note" is an attack or an accident, never a note, and
    a bound here covers every form, including forms added later. Dates are bounded by every
    form's date fields (sentra.bounds.bound_every_form_date) and database checks, so a wrong
    date comes back as a form error with the typed text kept. File uploads are not form values
    and have their own limits (sentra.uploads)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        try:
            values = [value for _name, items in request.POST.lists() for value in items]
        except (RequestDataTooBig, TooManyFieldsSent):
            # The view's own access to POST raises again and Django answers 400.
            return self.get_response(request)
        if any(len(value) > bounds.MAX_TEXT for value in values):
            return self._refuse(
                _("A text is longer than %(limit)s characters; nothing was saved.")
                % {"limit": f"{bounds.MAX_TEXT:,}"},
                status=413,
            )
        return self.get_response(request)

    @staticmethod
    def _refuse(message: str, status: int = 400) -> HttpResponse:
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
