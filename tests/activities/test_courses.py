"""Vocational courses: enrolment within capacity, evaluation per module, the final result,
the certificate, the starter package booked as a service with its amount."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, BusinessPractice, Certificate, ModuleEvaluation
from activities.services.completion import give_starter_package, issue_certificate
from activities.services.courses import enrol_cases, record_final_result, withdraw_enrolment
from casework.models import ServiceRecord, ServiceType
from tests.activities.conftest import make_course
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db

SIGNATORY = {
    "issued_on": "2026-03-02",
    "signatory_name": "Drs. H. Syamsul Bahri, M.Si.",
    "signatory_position": "Kepala Sentra Alyatama",
    "signatory_number": "196805121994031002",
}


def test_enrolment_keeps_to_the_capacity(worker, make_resident):
    course = make_course(worker, capacity=2)
    people = [make_resident() for _ in range(3)]
    with pytest.raises(ValidationError, match="room for 2 more"):
        enrol_cases(by=worker, course=course, cases=people)
    enrol_cases(by=worker, course=course, cases=people[:2])
    assert course.enrolments.count() == 2


def test_enrolling_twice_never_makes_a_second_place(worker, make_resident, client_for):
    case = make_resident()
    course = make_course(worker)
    url = reverse("activities:course-enrol", args=[course.public_id])
    http = client_for(worker)
    assert http.post(url, {"cases": [case.pk]}).status_code == 302
    again = http.post(url, {"cases": [case.pk]})
    assert again.status_code == 200  # no longer a choice: the form says so
    assert course.enrolments.count() == 1


def test_a_module_is_evaluated_for_every_participant_in_one_screen(
    worker, make_resident, client_for
):
    people = [make_resident(), make_resident()]
    course = make_course(worker, people)
    module = course.modules.first()
    first, second = course.enrolments.order_by("pk")
    url = reverse("activities:module-evaluate", args=[course.public_id, module.public_id])
    data = {
        f"e{first.pk}-score": "82",
        f"e{first.pk}-level": "competent",
        f"e{first.pk}-comments": "Rapi",
        f"e{second.pk}-score": "",
        f"e{second.pk}-level": "",
    }
    response = client_for(worker).post(url, data, follow=True)
    assert "1 evaluation(s) saved." in response.content.decode()
    evaluation = ModuleEvaluation.objects.get()
    assert (evaluation.enrolment, evaluation.score, evaluation.level) == (first, 82, "competent")
    again = form_data(read_page(client_for(worker), url), having=f"e{first.pk}-version")
    assert again[f"e{first.pk}-score"] == "82"
    again[f"e{first.pk}-score"] = "88"
    assert client_for(worker).post(url, again).status_code == 302
    assert ModuleEvaluation.objects.get().score == 88  # corrected, not doubled


def test_a_score_above_100_is_refused_with_a_message(worker, make_resident, client_for):
    course = make_course(worker, [make_resident()])
    module = course.modules.first()
    enrolment = course.enrolments.get()
    response = client_for(worker).post(
        reverse("activities:module-evaluate", args=[course.public_id, module.public_id]),
        {f"e{enrolment.pk}-score": "150"},
    )
    assert response.status_code == 200
    assert "less than or equal to 100" in response.content.decode()
    assert not ModuleEvaluation.objects.exists()


def test_a_certificate_only_for_the_competent_and_numbered_once(worker, make_resident):
    course = make_course(worker, [make_resident(), make_resident()])
    competent, not_yet = course.enrolments.order_by("pk")
    record_final_result(by=worker, enrolment=competent, result="competent")
    record_final_result(by=worker, enrolment=not_yet, result="not_yet")
    data = {**SIGNATORY, "issued_on": timezone.localdate()}
    with pytest.raises(ValidationError):
        issue_certificate(by=worker, enrolment=not_yet, data=data)
    certificate = issue_certificate(by=worker, enrolment=competent, data=data)
    assert issue_certificate(by=worker, enrolment=competent, data=data) == certificate
    year = timezone.localdate().year
    assert certificate.number == f"ALY-SRT-{year}-0001"
    assert Certificate.objects.count() == 1
    with pytest.raises(ValidationError, match="no longer go down"):
        record_final_result(by=worker, enrolment=competent, result="not_yet")


def test_the_starter_package_is_a_service_with_its_amount_on_the_case(
    worker, make_resident, client_for
):
    case = make_resident(stage="monitoring")
    course = make_course(worker, [case])
    enrolment = course.enrolments.get()
    http = client_for(worker)
    url = reverse("activities:participant-package", args=[enrolment.public_id])
    package = {
        "kind": "tools",
        "items": "Mesin jahit portabel, gunting kain, meteran",
        "amount": "2500000",
        "given_on": timezone.localdate().isoformat(),
        "service_type": ServiceType.objects.get(code="starter_package", centre=None).pk,
    }
    first = http.post(url, package, follow=True)
    assert "Record the participant&#x27;s final result first." in first.content.decode()
    record_final_result(by=worker, enrolment=enrolment, result="competent")
    assert http.post(url, package).status_code == 302
    assert http.post(url, package).status_code == 302  # a double submit
    service = ServiceRecord.objects.get(case=case)
    assert (service.service_type.code, service.service_type.component) == (
        "starter_package",
        "vocational",
    )
    assert service.amount == 2_500_000
    assert enrolment.starter_package.service == service


def test_no_package_for_a_case_that_may_not_receive_services(worker, make_resident):
    case = make_resident(stage="assessment", consent=False)
    course = make_course(worker, [case])
    enrolment = course.enrolments.get()
    record_final_result(by=worker, enrolment=enrolment, result="competent")
    with pytest.raises(ValidationError, match="no consent to services on record"):
        give_starter_package(
            by=worker,
            enrolment=enrolment,
            data={
                "kind": "capital",
                "items": "Modal",
                "amount": 1_000_000,
                "given_on": timezone.localdate(),
            },
            service_type=ServiceType.objects.get(code="business_capital", centre=None),
        )
    assert not ServiceRecord.objects.exists()


def test_business_practice_is_recorded_once_per_form(worker, make_resident, client_for):
    course = make_course(worker, [make_resident()])
    enrolment = course.enrolments.get()
    http = client_for(worker)
    page = http.get(reverse("activities:participant", args=[enrolment.public_id]))
    key = page.content.decode().split('name="submission_key" value="')[1].split('"')[0]
    data = {
        "submission_key": key,
        "practised_on": timezone.localdate().isoformat(),
        "description": "Hari salon terbuka",
        "customers": "7",
        "takings": "175000",
    }
    url = reverse("activities:participant-practice", args=[enrolment.public_id])
    http.post(url, data)
    http.post(url, data)
    practice = BusinessPractice.objects.get()
    assert (practice.customers, practice.takings) == (7, 175_000)


def test_a_course_session_is_an_activity_of_its_participants(worker, make_resident, client_for):
    case = make_resident()
    course = make_course(worker, [case])
    module = course.modules.first()
    response = client_for(worker).post(
        reverse("activities:course-session", args=[course.public_id]),
        {
            "held_on": timezone.localdate().isoformat(),
            "starts_at": "08:30",
            "ends_at": "11:30",
            "module": module.pk,
        },
    )
    session = Activity.objects.get()
    assert response["Location"] == reverse("activities:attendance", args=[session.public_id])
    assert (session.course, session.module, session.kind.code) == (
        course,
        module,
        "vocational_session",
    )
    assert session.facilitator == "Ibu Rosmaini"


def test_withdrawing_keeps_the_participant_on_record(worker, make_resident, client_for):
    course = make_course(worker, [make_resident()])
    enrolment = course.enrolments.get()
    client_for(worker).post(
        reverse("activities:participant-withdraw", args=[enrolment.public_id]),
        {"reason": "Pulang ke keluarga"},
    )
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.withdrawn_reason) == ("withdrawn", "Pulang ke keluarga")
    assert course.enrolments.active().count() == 0


def test_a_course_form_checks_dates_capacity_and_instructor(worker, client_for):
    response = client_for(worker).post(
        reverse("activities:course-create"),
        {
            "skill": "salon",
            "title": "Salon",
            "starts_on": "2026-03-01",
            "ends_on": "2026-02-01",
            "capacity": "500",
        },
    )
    body = response.content.decode()
    assert "The course must end after it starts." in body
    assert "Between 1 and 200 participants." in body
    assert "Name the instructor" in body


def test_a_result_saved_from_a_page_read_before_a_withdrawal_does_not_undo_it(
    worker, supervisor, make_resident
):
    enrolment = make_course(worker, [make_resident()]).enrolments.get()
    read_before = type(enrolment).objects.get(pk=enrolment.pk)
    withdraw_enrolment(by=supervisor, enrolment=enrolment, reason="Pulang ke keluarga")
    with pytest.raises(ValidationError, match="withdrew"):
        record_final_result(by=worker, enrolment=read_before, result="competent")
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.final_result) == ("withdrawn", "")


def test_a_result_form_sent_twice_by_two_instructors_shows_the_first_result(
    worker, supervisor, make_resident, client_for
):
    enrolment = make_course(worker, [make_resident()]).enrolments.get()
    url = reverse("activities:participant-result", args=[enrolment.public_id])
    mine, theirs = client_for(worker), client_for(supervisor)
    my_form = form_data(read_page(mine, url))
    their_form = form_data(read_page(theirs, url))
    assert theirs.post(url, {**their_form, "final_result": "not_yet"}).status_code == 302
    response = mine.post(url, {**my_form, "final_result": "competent"})
    body = response.content.decode()
    assert response.status_code == 409
    assert "<strong>Not yet competent</strong>" in body and supervisor.full_name in body
    enrolment.refresh_from_db()
    assert enrolment.final_result == "not_yet"
