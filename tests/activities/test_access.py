"""Every URL of the activities app, for every member of the cast: another centre's record
is a 404, a page a role may see but not use is a 403. A new URL without a row here fails
`test_every_activities_url_is_in_the_table`."""

import io
import re
from datetime import timedelta

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone
from PIL import Image

from activities.models import ActivityKind, ScheduleSlot
from activities.services.activities import add_activity_photo, record_attendance
from activities.services.completion import issue_certificate
from activities.services.courses import record_final_result
from activities.services.schedule import save_slot
from sentra.middleware import SUBMISSION_FIELD
from tests.activities.conftest import kind, log_activity, make_course
from tests.factories import ClientFactory, open_case_for

pytestmark = pytest.mark.django_db

ROLES = ["worker", "colleague", "supervisor", "admin", "outsider"]
# Who may do what, as status codes per role.
READ = {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 200, "outsider": 404}
LIST = {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 200, "outsider": 200}
RECORD_PAGE = {"worker": 200, "colleague": 200, "supervisor": 200, "admin": 403, "outsider": 404}
RECORD_POST = {"worker": 302, "colleague": 302, "supervisor": 302, "admin": 403, "outsider": 404}
OWN_CENTRE_FORM = {
    "worker": 200,
    "colleague": 200,
    "supervisor": 200,
    "admin": 403,
    "outsider": 200,
}
SCHEDULE_PAGE = {"worker": 403, "colleague": 403, "supervisor": 200, "admin": 200, "outsider": 403}
SCHEDULE_EDIT = {"worker": 403, "colleague": 403, "supervisor": 200, "admin": 200, "outsider": 404}
KINDS = {"worker": 403, "colleague": 403, "supervisor": 403, "admin": 200, "outsider": 403}
KIND_EDIT = {"worker": 403, "colleague": 403, "supervisor": 403, "admin": 200, "outsider": 404}
CASE_READ = {"worker": 200, "colleague": 404, "supervisor": 200, "admin": 200, "outsider": 404}


def png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "foto.png"
    return buffer


@pytest.fixture
def world(centre, worker, supervisor, case, consent_to_services):
    """One of everything in the worker's centre."""
    activity = log_activity(worker, "group_therapy")
    record_attendance(by=worker, activity=activity, marks={case.pk: "present"})
    photo = add_activity_photo(
        by=worker, activity=activity, upload=png(), content_type="image/png", caption="Apel"
    )
    slot = save_slot(
        by=supervisor,
        slot=ScheduleSlot(
            centre=centre,
            kind=kind("morning_meeting"),
            starts_at="06:30",
            valid_from=timezone.localdate() - timedelta(days=30),
        ),
        fields=[],
    )
    course = make_course(worker, [case])
    module = course.modules.first()
    enrolment = course.enrolments.get()
    record_final_result(by=worker, enrolment=enrolment, result="competent")
    certificate = issue_certificate(
        by=worker,
        enrolment=enrolment,
        data={
            "issued_on": timezone.localdate(),
            "signatory_name": "Kepala",
            "signatory_position": "Kepala Sentra",
        },
    )
    own_kind = ActivityKind.objects.create(
        centre=centre, code="senam_lansia", name_id="Senam lansia", name_en="Elderly exercise"
    )
    return {
        "activity": activity,
        "photo": photo,
        "slot": slot,
        "course": course,
        "module": module,
        "enrolment": enrolment,
        "certificate": certificate,
        "kind": own_kind,
        "case": case,
    }


def table(w):
    """(url name, args, method, data, expected per role)."""
    a, c, e = w["activity"].public_id, w["course"].public_id, w["enrolment"].public_id
    today = timezone.localdate().isoformat()
    return [
        ("list", [], "get", None, LIST),
        ("create", [], "get", None, OWN_CENTRE_FORM),
        ("today", [], "get", None, LIST),
        ("detail", [a], "get", None, READ),
        ("edit", [a], "get", None, RECORD_PAGE),
        ("attendance", [a], "get", None, RECORD_PAGE),
        ("photo-add", [a], "post", {"caption": "x"}, RECORD_POST),
        ("photo", [a, w["photo"].public_id], "get", None, READ),
        ("photo-archive", [a, w["photo"].public_id], "post", {}, RECORD_POST),
        ("timetable", [], "get", None, LIST),
        ("slot-create", [], "get", None, SCHEDULE_PAGE),
        ("slot-edit", [w["slot"].public_id], "get", None, SCHEDULE_EDIT),
        ("session", [w["slot"].public_id, today], "get", None, RECORD_PAGE),
        ("kind-list", [], "get", None, KINDS),
        ("kind-edit", [w["kind"].public_id], "get", None, KIND_EDIT),
        ("course-list", [], "get", None, LIST),
        ("course-create", [], "get", None, OWN_CENTRE_FORM),
        ("course-detail", [c], "get", None, READ),
        ("course-edit", [c], "get", None, RECORD_PAGE),
        ("module-add", [c], "post", {"title": "Kemeja", "hours": "12"}, RECORD_POST),
        ("course-enrol", [c], "get", None, RECORD_PAGE),
        ("course-session", [c], "get", None, RECORD_PAGE),
        ("module-evaluate", [c, w["module"].public_id], "get", None, RECORD_PAGE),
        ("participant", [e], "get", None, READ),
        ("participant-result", [e], "get", None, RECORD_PAGE),
        ("participant-withdraw", [e], "post", {"reason": "x"}, RECORD_POST),
        ("participant-certificate", [e], "post", {}, RECORD_POST),
        ("participant-package", [e], "post", {}, RECORD_POST),
        ("participant-practice", [e], "post", {}, RECORD_POST),
        ("case", [w["case"].public_id], "get", None, CASE_READ),
        ("case-summary", [w["case"].public_id], "get", None, CASE_READ),
        ("client-summary", [w["case"].client.public_id], "get", None, CASE_READ),
    ]


def test_every_activities_url_is_in_the_table(world):
    names = {name for name, *_rest in table(world)}
    resolver = get_resolver()
    urls = {
        pattern.name
        for pattern in resolver.url_patterns
        if getattr(pattern, "namespace", None) == "activities"
        for pattern in pattern.url_patterns
    }
    assert urls == names


@pytest.mark.parametrize("role", ROLES)
def test_every_activities_url_answers_each_member_of_the_cast(cast, client_for, world, role):
    http = client_for(cast[role])
    wrong = []
    for name, args, method, data, expected in table(world):
        url = reverse(f"activities:{name}", args=args)
        response = getattr(http, method)(url, data or {})
        if response.status_code != expected[role]:
            wrong.append(f"{method.upper()} {name}: {response.status_code} != {expected[role]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("role", "status"),
    [("worker", 302), ("colleague", 302), ("supervisor", 302), ("admin", 302), ("outsider", 404)],
)
def test_a_certificate_is_printed_by_anyone_of_its_centre(cast, client_for, world, role, status):
    url = reverse("reports:request-certificate", args=[world["certificate"].public_id])
    assert client_for(cast[role]).post(url).status_code == status
    assert client_for(cast[role]).get(url).status_code == 405


def test_a_social_worker_of_the_centre_may_mark_people_of_cases_not_theirs(
    colleague, client_for, world
):
    """The duty worker takes the attendance of every resident, not only their caseload."""
    case = world["case"]
    url = reverse("activities:attendance", args=[world["activity"].public_id])
    body = client_for(colleague).get(url).content.decode()
    assert case.client.full_name in body
    detail = client_for(colleague).get(
        reverse("activities:detail", args=[world["activity"].public_id])
    )
    # ...but the link to the case is only for those who may open it.
    assert reverse("casework:case-detail", args=[case.public_id]) not in detail.content.decode()


def test_another_centres_case_never_appears_on_a_list(world, outsider, other_centre, client_for):
    stranger = open_case_for(
        ClientFactory(centre=other_centre, registered_by=outsider, full_name="Orang Lain"),
        outsider,
        outsider,
    )
    assert stranger.pk
    url = reverse("activities:attendance", args=[world["activity"].public_id])
    body = client_for(world["activity"].recorded_by).get(url).content.decode()
    assert "Orang Lain" not in body


def test_lists_show_the_outsider_nothing_of_another_centre(outsider, client_for, world):
    http = client_for(outsider)
    assert "Kursus Menjahit" not in http.get(reverse("activities:course-list")).content.decode()
    activities = http.get(reverse("activities:list")).content.decode()
    assert str(world["activity"].public_id) not in activities
    assert "No activities logged yet." in activities
    assert "Nothing scheduled." in http.get(reverse("activities:timetable")).content.decode()
    assert (
        "Nothing on the timetable today." in http.get(reverse("activities:today")).content.decode()
    )


@pytest.mark.parametrize(("role", "forms_at_least"), [("supervisor", 8), ("admin", 5)])
def test_every_form_on_the_activities_pages_carries_a_one_time_key(
    cast, client_for, world, role, forms_at_least
):
    """A form that changes something renders {% form_keys %}: sent twice, it acts once."""
    http = client_for(cast[role])
    seen, missing = 0, []
    for name, args, method, _data, _expected in table(world):
        if method != "get":
            continue
        response = http.get(reverse(f"activities:{name}", args=args))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        body = response.content.decode()
        for form in re.findall(r'<form\b[^>]*method="post".*?</form>', body, flags=re.S):
            if "logout" in form or "setlang" in form:
                continue
            seen += 1
            if f'name="{SUBMISSION_FIELD}"' not in form:
                missing.append(f"{name}: {form[:120]}")
    assert seen >= forms_at_least and not missing, missing
