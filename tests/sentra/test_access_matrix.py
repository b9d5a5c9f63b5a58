"""Every URL pattern, requested by every role of a centre with another centre's records.

The world of centre B is built once (every create form of tests/sentra/test_submissions.py
posted by B's own staff, plus a confidential note and a role grant); then the staff of
centre A ask every URL of the app with B's records in its parameters, as GET, as an htmx
GET and as POST. Each answer must be 404, 403, 405 or a redirect to the login page, and
none may show B's marker data. Inside centre B, a social worker not on the case is refused
the case's records, and neither they nor the admin ever see the confidential note.

FILL says how to fill each URL's parameters; a new URL with parameters that FILL does not
know fails `test_every_url_with_parameters_is_filled`, so a new view is covered by adding
one line here, never forgotten.
"""

import uuid
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client as HttpClient
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLResolver
from django.utils import timezone

from activities.models import (
    Activity,
    ActivityKind,
    ActivityPhoto,
    Certificate,
    Course,
    Enrolment,
    ScheduleSlot,
)
from assessments.models import Assessment, Instrument
from casework.models import (
    CaseNote,
    Conference,
    FollowUp,
    Group,
    Partner,
    PlanVersion,
    Referral,
    ServiceRecord,
    Task,
)
from clients.models import (
    AssistanceReceived,
    ClientDocument,
    Consent,
    FamilyMember,
    ProcessingRestriction,
)
from privacy.models import BreachIncident, SubjectAccessRequest
from reports.models import Letter, ReportRun
from residence.models import (
    AbscondingReport,
    Building,
    Incident,
    IncidentFollowUp,
    LeaveRequest,
    Room,
    SicknessEntry,
    Stay,
    Visit,
    VisitRestriction,
)
from sentra.middleware import SUBMISSION_FIELD
from sentra.models import RoleGrant
from sentra.scopes import Role
from tests.factories import CentreFactory, ClientFactory, UserFactory, open_case_for
from tests.sentra.test_submissions import EXEMPT, SUBMITTED_TWICE, _stay

pytestmark = pytest.mark.django_db

CLIENT_MARKER = "Wirasena Kliensebrang"
NOTE_MARKER = "Rahasia-catatan-sebrang"
WORKER_MARKER = "Petugas Sebrangwetan"
MARKERS = (CLIENT_MARKER, NOTE_MARKER, WORKER_MARKER)

# Pages that are not about our records: signing in and out, the language switch, the second
# step of signing in (tests/sentra/test_mfa.py).
SKIPPED = EXEMPT | {"mfa-setup"}


def _b(model, **lookup):
    """B's record of a model: centre A has none of its own when the parameters are filled."""
    found = model.objects.filter(**lookup).order_by("pk").last()
    assert found is not None, f"The world of centre B has no {model.__name__}"
    return found


def _case(w):
    return {"public_id": w["case"].public_id}


def _client(w):
    return {"public_id": w["case"].client.public_id}


def _client_and(field, model):
    return lambda w: {**_client(w), field: _b(model, client=w["case"].client).public_id}


def _one(model, **lookup):
    return lambda w: {"public_id": _b(model, **lookup).public_id}


def _instrument(w):
    return {"code": w["instrument"].code, "version": w["instrument"].version}


# URL name -> (private to the case's team, the URL's parameters from B's world). A URL whose
# records the whole centre sees (residence, activities, reference lists) is not private.
FILL: dict[str, tuple[bool, Callable[[dict], dict]]] = {
    "clients:detail": (True, _client),
    "clients:edit": (True, _client),
    "clients:archive": (True, _client),
    "clients:restore": (True, _client),
    "clients:history": (True, _client),
    "clients:family-add": (True, _client),
    "clients:family-edit": (True, _client_and("member_id", FamilyMember)),
    "clients:family-archive": (True, _client_and("member_id", FamilyMember)),
    "clients:national-edit": (True, _client),
    "clients:assistance-add": (True, _client),
    "clients:assistance-edit": (True, _client_and("assistance_id", AssistanceReceived)),
    "clients:assistance-archive": (True, _client_and("assistance_id", AssistanceReceived)),
    "clients:tracing-add": (True, _client),
    "clients:document-add": (True, _client),
    "clients:document-download": (True, _client_and("document_id", ClientDocument)),
    "clients:document-archive": (True, _client_and("document_id", ClientDocument)),
    "clients:consent-add": (True, _client),
    "clients:consent-withdraw": (True, _client_and("consent_id", Consent)),
    "casework:case-open": (True, lambda w: {"client_id": w["case"].client.public_id}),
    "casework:case-detail": (True, _case),
    "casework:case-edit": (True, _case),
    "casework:case-move": (True, _case),
    "casework:note-add": (True, _case),
    "casework:note-edit": (True, lambda w: {**_case(w), "note_id": w["note"].public_id}),
    "casework:note-history": (True, lambda w: {**_case(w), "note_id": w["note"].public_id}),
    "casework:task-add": (True, _case),
    "casework:task-done": (True, lambda w: {**_case(w), "task_id": _b(Task).public_id}),
    "casework:plan-list": (True, _case),
    "casework:plan-start": (True, _case),
    "casework:plan-detail": (True, _one(PlanVersion)),
    "casework:plan-edit": (True, _one(PlanVersion)),
    "casework:plan-view-add": (True, _one(PlanVersion)),
    "casework:case-services": (True, _case),
    "casework:service-receipt": (
        True,
        lambda w: {**_case(w), "service_id": _b(ServiceRecord).public_id},
    ),
    "casework:case-referrals": (True, _case),
    "casework:referral-move": (True, _one(Referral)),
    "casework:case-monitoring": (True, _case),
    "casework:case-termination": (True, _case),
    "casework:case-aftercare": (True, _case),
    "casework:follow-up-done": (True, _one(FollowUp)),
    "casework:group-detail": (False, _one(Group)),
    "casework:partner-edit": (False, _one(Partner)),
    "casework:partner-confirm": (False, _one(Partner)),
    "casework:review-decide": (True, _one(PlanVersion)),
    "casework:conference-detail": (False, _one(Conference)),
    "casework:conference-add-external": (False, _one(Conference)),
    "casework:conference-amend": (False, _one(Conference)),
    "casework:conference-add-person": (False, _one(Conference)),
    "assessments:case-list": (True, _case),
    "assessments:start": (True, _case),
    "assessments:client-progress": (True, _client),
    "assessments:instrument-detail": (False, _instrument),
    "assessments:instrument-export": (False, _instrument),
    "assessments:instrument-publish": (False, _instrument),
    "assessments:instrument-retire": (False, _instrument),
    "assessments:detail": (True, _one(Assessment)),
    "assessments:amend": (True, _one(Assessment)),
    "assessments:contributor-add": (True, _one(Assessment)),
    "residence:case": (False, _case),
    "residence:move-in": (False, _case),
    **{
        f"residence:{name}": (False, lambda w: {"public_id": _b(Stay).public_id})
        for name in (
            "stay",
            "room-move",
            "move-out",
            "belonging-add",
            "leave-request",
            "visit-add",
            "restriction-add",
            "absconding-new",
            "stay-health",
            "health-check-add",
            "sickness-add",
            "medication-add",
        )
    },
    "residence:building": (False, lambda w: {"public_id": _b(Building).public_id}),
    "residence:room": (False, lambda w: {"public_id": _b(Room).public_id}),
    "residence:bed-status": (False, lambda w: {"public_id": _b(Stay).bed.public_id}),
    "residence:roll-call": (False, lambda w: {"day": timezone.localdate(), "session": "night"}),
    "residence:leave-decide": (False, _one(LeaveRequest)),
    "residence:leave-depart": (False, _one(LeaveRequest)),
    "residence:leave-return": (False, _one(LeaveRequest)),
    "residence:leave-cancel": (False, _one(LeaveRequest)),
    "residence:visit-end": (False, _one(Visit)),
    "residence:restriction-lift": (False, _one(VisitRestriction)),
    "residence:absconding": (False, _one(AbscondingReport)),
    "residence:absconding-end": (False, _one(AbscondingReport)),
    "residence:sickness-recovered": (False, _one(SicknessEntry)),
    "residence:incident": (False, _one(Incident)),
    "residence:incident-notice": (False, _one(Incident)),
    "residence:incident-close": (False, _one(Incident)),
    "residence:incident-follow-up-done": (
        False,
        lambda w: {
            "public_id": _b(Incident).public_id,
            "follow_up_id": _b(IncidentFollowUp).public_id,
        },
    ),
    "activities:detail": (False, _one(Activity)),
    "activities:edit": (False, _one(Activity)),
    "activities:attendance": (False, _one(Activity)),
    "activities:photo-add": (False, _one(Activity)),
    "activities:photo": (
        False,
        lambda w: {
            "public_id": _b(ActivityPhoto).activity.public_id,
            "photo_id": _b(ActivityPhoto).public_id,
        },
    ),
    "activities:photo-archive": (
        False,
        lambda w: {
            "public_id": _b(ActivityPhoto).activity.public_id,
            "photo_id": _b(ActivityPhoto).public_id,
        },
    ),
    "activities:slot-edit": (False, _one(ScheduleSlot)),
    "activities:session": (
        False,
        lambda w: {"public_id": _b(ScheduleSlot).public_id, "day": timezone.localdate()},
    ),
    "activities:kind-edit": (False, lambda w: {"public_id": w["kind"].public_id}),
    "activities:course-detail": (False, _one(Course)),
    "activities:course-edit": (False, _one(Course)),
    "activities:module-add": (False, _one(Course)),
    "activities:course-enrol": (False, _one(Course)),
    "activities:course-session": (False, _one(Course)),
    "activities:module-evaluate": (
        False,
        lambda w: {
            "public_id": _b(Course).public_id,
            "module_id": _b(Course).modules.order_by("pk").first().public_id,
        },
    ),
    "activities:participant": (False, _one(Enrolment)),
    "activities:participant-result": (False, _one(Enrolment)),
    "activities:participant-withdraw": (False, _one(Enrolment)),
    "activities:participant-certificate": (False, _one(Enrolment)),
    "activities:participant-package": (False, _one(Enrolment)),
    "activities:participant-practice": (False, _one(Enrolment)),
    "activities:case": (True, _case),
    "activities:case-summary": (True, _case),
    "activities:client-summary": (True, _client),
    "reports:request-case": (True, _case),
    "reports:request-certificate": (False, lambda w: {"public_id": w["certificate"].public_id}),
    "reports:run-status": (True, _one(ReportRun)),
    "reports:run-download": (True, _one(ReportRun)),
    "reports:run-regenerate": (True, _one(ReportRun)),
    "reports:case-letters": (True, _case),
    "reports:letter-reprint": (True, _one(Letter)),
    "reports:letter-cancel": (True, _one(Letter)),
    "privacy:client": (True, _client),
    "privacy:restriction-add": (True, _client),
    "privacy:restriction-lift": (True, _client_and("restriction_id", ProcessingRestriction)),
    "privacy:request-add": (True, _client),
    "privacy:request-approve": (True, _one(SubjectAccessRequest)),
    "privacy:request-refuse": (True, _one(SubjectAccessRequest)),
    "privacy:breach-edit": (False, _one(BreachIncident)),
    "staff-edit": (False, lambda w: {"public_id": w["worker"].public_id}),
    "staff-password": (False, lambda w: {"public_id": w["worker"].public_id}),
    "role-grant-decide": (
        False,
        lambda w: {"public_id": w["grant"].public_id, "decision": "confirm"},
    ),
}
# Parameters that name no record: these pages read the user's own centre.
NOT_A_RECORD = {"residence:roll-call"}


def _patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner)
        elif pattern.name:
            # Regular-expression patterns have groups but no converters.
            yield f"{namespace}{pattern.name}", pattern.pattern.regex.groups


def _ours():
    """Every named URL of the app (the Django admin is superusers' only: tested apart)."""
    seen = {}
    for name, converters in _patterns():
        if not name.startswith("admin:") and name not in SKIPPED:
            seen.setdefault(name, converters)
    return seen


def test_every_url_with_parameters_is_filled():
    unknown = sorted(n for n, conv in _ours().items() if conv and n not in FILL)
    assert not unknown, f"Say in FILL how to fill the parameters of: {unknown}"
    stale = sorted(set(FILL) - set(_ours()))
    assert not stale, f"FILL names URLs that no longer exist: {stale}"


def _world_of_centre_b():
    centre = CentreFactory(code="BGA", name="Sentra Budhi Dharma")
    staff = {
        "worker": UserFactory(centre=centre, role=Role.SOCIAL_WORKER, full_name=WORKER_MARKER),
        "colleague": UserFactory(centre=centre, role=Role.SOCIAL_WORKER),
        "supervisor": UserFactory(centre=centre, role=Role.SUPERVISOR),
        "admin": UserFactory(centre=centre, role=Role.ADMIN),
    }
    client = ClientFactory(
        centre=centre, registered_by=staff["supervisor"], full_name=CLIENT_MARKER
    )
    w = {**staff, "outsider": staff["colleague"], "centre": centre}
    w["case"] = open_case_for(client, staff["worker"], staff["supervisor"])
    Consent.objects.create(
        client=client,
        purpose=Consent.Purpose.SERVICES,
        given_by=Consent.GivenBy.CLIENT,
        recorded_by=staff["worker"],
    )
    w["note"] = CaseNote.objects.create(
        case=w["case"],
        author=staff["worker"],
        kind="counselling",
        occurred_at=timezone.now(),
        narrative=NOTE_MARKER,
        is_confidential=True,
    )
    _stay(w)  # before the move-in form, so that every residence form finds the one stay
    logins = {}
    for make in SUBMITTED_TWICE.values():
        try:
            with transaction.atomic():
                submission = make(w)
                data = {**submission.data(), SUBMISSION_FIELD: str(uuid.uuid4())}
        except ValidationError:
            continue  # a step the case's state refuses now (a second plan in progress)
        http = logins.setdefault(submission.user.pk, _signed_in(submission.user))
        http.post(submission.url, data)
    national = Instrument.objects.published().get(kind="rapid")
    w["instrument"] = Instrument.objects.create(
        code="milik-sentra-b",
        centre=centre,
        kind=national.kind,
        name_id="Instrumen B",
        name_en="Instrument B",
        definition=national.definition,
    )
    w["kind"] = _b(ActivityKind, centre=centre)
    w["certificate"] = _b(Certificate)
    w["grant"] = RoleGrant.objects.create(
        member=staff["colleague"], role=Role.SUPERVISOR, requested_by=staff["admin"]
    )
    return w


def _signed_in(user):
    http = HttpClient()
    http.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return http


def _answers(http, url):
    yield "GET", http.get(url)
    yield "htmx GET", http.get(url, headers={"HX-Request": "true"})
    yield "POST", http.post(url, {})


def _refused(response) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and "/accounts/login/" in response.get("Location", "")


def _shows(response, markers) -> list[str]:
    if response.streaming:
        return []
    body = response.content.decode(errors="replace")
    return [marker for marker in markers if marker in body]


def test_no_role_reaches_what_it_may_not(reference_data):
    w = _world_of_centre_b()
    urls = {}
    for name in _ours():
        private, fill = FILL.get(name, (False, lambda w: {}))
        urls[name] = (private, reverse(name, kwargs=fill(w)))

    centre_a = CentreFactory(code="ALY", name="Sentra Alyatama")
    problems = []
    # Centre A's staff, every URL with B's records: refused, and never B's data.
    for role in (Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.ADMIN):
        http = _signed_in(UserFactory(centre=centre_a, role=role))
        for name, (_private, url) in urls.items():
            for how, response in _answers(http, url):
                filled = name in FILL and name not in NOT_A_RECORD
                if response.status_code >= 500 or (filled and not _refused(response)):
                    problems.append(f"{role} of A, {how} {name}: {response.status_code}")
                if shown := _shows(response, MARKERS):
                    problems.append(f"{role} of A, {how} {name} shows {shown}")
    # Inside B: a social worker not on the case is refused the case's records; neither they
    # nor the admin ever read the confidential note (only the case's pages could show it).
    private_urls = {name: url for name, (private, url) in urls.items() if private}
    for who in ("colleague", "admin"):
        http = _signed_in(w[who])
        for name, url in private_urls.items():
            for how, response in _answers(http, url):
                if response.status_code >= 500 or (who == "colleague" and not _refused(response)):
                    problems.append(f"{who} of B, {how} {name}: {response.status_code}")
                if shown := _shows(response, (NOTE_MARKER,)):
                    problems.append(f"{who} of B, {how} {name} shows {shown}")
    assert not problems, "\n".join(problems)


def test_the_django_admin_turns_every_staff_member_away():
    """The Django admin is for superusers: everyone else is sent to its login."""
    centre = CentreFactory()
    http = _signed_in(UserFactory(centre=centre, role=Role.ADMIN))
    names = [
        n
        for n, conv in _patterns()
        if n.startswith("admin:") and not conv and n not in ("admin:login", "admin:logout")
    ]
    assert len(names) > 20
    for name in names:
        response = http.get(reverse(name))
        assert response.status_code == 302, name
        assert "/admin/login/" in response["Location"], name
