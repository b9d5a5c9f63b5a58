from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casework.models import (
    Case,
    FollowUp,
    Group,
    Partner,
    Referral,
    ServiceRecord,
    ServiceType,
)
from casework.models.stages import Stage
from casework.services.aftercare import schedule_follow_up
from casework.services.groups import record_group_session, save_group
from casework.services.monitoring import record_monitoring_review
from casework.services.referrals import create_referral, move_referral
from casework.services.reviews import decide_review
from casework.services.service_records import record_service
from casework.services.termination import request_termination
from clients.models import Consent
from sentra.models import AuditEvent
from tests.factories import (
    ClientFactory,
    approved_plan,
    approved_termination,
    open_case_for,
)
from tests.pages import read_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(centre):
    return Partner.objects.create(centre=centre, name="Puskesmas Simpang Kawat", kind="puskesmas")


def service_type(code="counselling"):
    return ServiceType.objects.get(code=code, centre=None)


def test_the_catalogue_covers_the_seven_components():
    assert ServiceType.objects.values("component").distinct().count() == 7


def test_a_service_with_amount_receipt_and_plan_goal(case, worker, supervisor, client_for):
    plan = approved_plan(case, worker, supervisor)
    goal = plan.goals.get()
    http = client_for(worker)
    response = http.post(
        reverse("casework:case-services", args=[case.public_id]),
        {
            "service_type": service_type("cash_assistance").pk,
            "delivered_on": "2026-03-01",
            "provider_staff": worker.pk,
            "amount": "300000",
            "plan_goal": goal.pk,
            "receipt": SimpleUploadedFile("kwitansi.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    assert response.status_code == 302
    record = ServiceRecord.objects.get()
    assert (record.amount, record.plan_goal, record.receipt_content_type) == (
        300000,
        goal,
        "application/pdf",
    )
    assert "kwitansi" not in record.receipt.name


def test_a_receipt_is_checked_like_a_document(case, worker, client_for):
    response = client_for(worker).post(
        reverse("casework:case-services", args=[case.public_id]),
        {
            "service_type": service_type().pk,
            "delivered_on": "2026-03-01",
            "provider_staff": worker.pk,
            "receipt": SimpleUploadedFile("kwitansi.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert "Only PDF, JPEG or PNG" in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_training_results_only_for_training_services(case, worker, client_for):
    url = reverse("casework:case-services", args=[case.public_id])
    data = {"delivered_on": "2026-03-01", "provider_staff": worker.pk, "training_result": "passed"}
    response = client_for(worker).post(url, {**data, "service_type": service_type().pk})
    assert "Only training services" in response.content.decode()
    client_for(worker).post(url, {**data, "service_type": service_type("sewing_training").pk})
    assert ServiceRecord.objects.get().training_result == "passed"


def make_group(centre, worker, supervisor, size=5):
    members = [
        open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
        for _ in range(size)
    ]
    group = Group(
        centre=centre,
        name="Kelas menjahit",
        kind="educational",
        purpose="Menjahit",
        facilitator=worker,
        service_type=service_type("sewing_training"),
    )
    return save_group(by=worker, group=group, members=members, fields=[]), members


def test_attendance_once_creates_a_service_on_each_present_members_case(
    centre, worker, supervisor, client_for
):
    group, members = make_group(centre, worker, supervisor)
    response = client_for(worker).post(
        reverse("casework:group-detail", args=[group.public_id]),
        {
            "held_on": "2026-03-02",
            "stage": "working",
            "topic": "Pola dasar",
            "present": [m.pk for m in members[:4]],
        },
    )
    assert response.status_code == 302
    assert ServiceRecord.objects.count() == 4
    assert set(ServiceRecord.objects.values_list("case", flat=True)) == {m.pk for m in members[:4]}
    assert not ServiceRecord.objects.filter(case=members[4]).exists()


def test_only_members_can_be_marked_present(centre, worker, supervisor, case):
    group, _members = make_group(centre, worker, supervisor, size=4)
    with pytest.raises(ValidationError):
        record_group_session(
            by=worker,
            group=group,
            data={"held_on": timezone.localdate(), "stage": "working", "topic": "x"},
            present=[case],
        )


def test_a_group_above_ten_members_is_warned_about(centre, worker, supervisor, client_for):
    cases = [
        open_case_for(ClientFactory(centre=centre, registered_by=worker), worker, supervisor)
        for _ in range(11)
    ]
    response = client_for(worker).post(
        reverse("casework:group-create"),
        {
            "name": "Besar",
            "kind": "socialisation",
            "purpose": "x",
            "facilitator": worker.pk,
            "service_type": service_type().pk,
            "members": [c.pk for c in cases],
        },
        follow=True,
    )
    assert "groups work best with 4 to 8" in response.content.decode()
    assert Group.objects.get().members.count() == 11


def test_sending_a_referral_needs_consent_to_share(case, worker, supervisor, partner):
    referral = create_referral(
        by=worker,
        case=case,
        data={"partner": partner, "reason": "Pemeriksaan", "services_requested": "Rawat jalan"},
    )
    with pytest.raises(ValidationError, match="not consented"):
        move_referral(by=worker, referral=referral, to_status="sent")
    with pytest.raises(PermissionDenied):
        move_referral(by=worker, referral=referral, to_status="sent", override_reason="darurat")
    move_referral(
        by=supervisor,
        referral=referral,
        to_status="sent",
        override_reason="Darurat medis, persetujuan menyusul",
    )
    referral.refresh_from_db()
    assert referral.status == "sent" and referral.consent_override_by == supervisor
    event = AuditEvent.objects.filter(object_type="casework.referral", action="update").get()
    assert "consent_override_reason" in event.fields


def test_with_consent_the_referral_walks_its_statuses(case, worker, partner):
    Consent.objects.create(
        client=case.client, purpose="share_referral", given_by="client", recorded_by=worker
    )
    referral = create_referral(
        by=worker, case=case, data={"partner": partner, "reason": "x", "services_requested": "y"}
    )
    for status in ("sent", "accepted", "completed"):
        move_referral(by=worker, referral=referral, to_status=status)
    referral.refresh_from_db()
    assert referral.status == "completed" and referral.sent_on and referral.responded_on
    with pytest.raises(ValidationError):
        move_referral(by=worker, referral=referral, to_status="sent")


def test_a_referral_from_the_page_with_a_refusal_message(case, worker, partner, client_for):
    http = client_for(worker)
    http.post(
        reverse("casework:case-referrals", args=[case.public_id]),
        {"partner": partner.pk, "reason": "x", "services_requested": "y"},
    )
    referral = Referral.objects.get()
    response = http.post(
        reverse("casework:referral-move", args=[referral.public_id]),
        {f"{referral.pk}-to_status": "sent"},
        follow=True,
    )
    assert "not consented" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "draft"


def in_monitoring(case, worker, supervisor):
    plan = approved_plan(case, worker, supervisor)
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    case.refresh_from_db()
    return plan


def test_a_monitoring_review_records_goal_progress(case, worker, supervisor, client_for):
    plan = in_monitoring(case, worker, supervisor)
    goal = plan.goals.get()
    response = client_for(worker).post(
        reverse("casework:case-monitoring", args=[case.public_id]),
        {
            "reviewed_on": "2026-03-03",
            "decision": "continue",
            f"goal_{goal.pk}": "achieved",
            f"goal_{goal.pk}_notes": "KTP sudah terbit",
            "impact_evaluation": "Mandiri",
        },
    )
    assert response.status_code == 302
    review = case.monitoring_reviews.get()
    assert review.progress.get().status == "achieved"


def test_revise_the_plan_sends_the_case_back_to_planning(case, worker, supervisor):
    in_monitoring(case, worker, supervisor)
    record_monitoring_review(by=worker, case=case, data={"decision": "revise_plan"}, progress={})
    case.refresh_from_db()
    assert case.stage == Stage.PLANNING


def test_termination_approval_closes_the_case_and_reopening_is_a_new_case(case, worker, supervisor):
    termination = approved_termination(case, worker, supervisor)
    assert case.stage == Stage.TERMINATION and case.closed_at is not None
    assert case.stage_moves.last().reason == termination.get_reason_display()
    new = open_case_for(case.client, worker, supervisor)
    assert new.pk != case.pk and new.stage == Stage.ACCESS


def test_a_returned_termination_keeps_the_case_open(case, worker, supervisor):
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    case.refresh_from_db()
    termination = request_termination(
        by=worker, case=case, data={"reason": "independent", "outcome_summary": "Bekerja"}
    )
    decide_review(
        by=supervisor, review=termination.review, approve=False, comments="Tunggu satu bulan lagi"
    )
    case.refresh_from_db()
    assert case.stage == Stage.MONITORING


def test_termination_request_through_the_pages(case, worker, supervisor, client_for):
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    url = reverse("casework:case-termination", args=[case.public_id])
    response = client_for(worker).post(
        url,
        {
            "reason": "reunified",
            "outcome_summary": "Kembali ke keluarga",
            "destination_region": "1571011012",
        },
    )
    assert response.status_code == 302
    review = case.reviews.get(kind="termination")
    queue = client_for(supervisor).get(reverse("casework:review-queue")).content.decode()
    assert case.client.full_name in queue
    client_for(supervisor).post(
        reverse("casework:review-decide", args=[review.public_id]), {"decision": "approve"}
    )
    case.refresh_from_db()
    assert not case.is_open


def test_a_bad_destination_region_is_refused(case, worker, client_for):
    Case.objects.filter(pk=case.pk).update(stage=Stage.MONITORING)
    response = client_for(worker).post(
        reverse("casework:case-termination", args=[case.public_id]),
        {"reason": "reunified", "outcome_summary": "x", "destination_region": "9999"},
    )
    assert "does not exist" in response.content.decode()


def test_due_follow_ups_reach_the_workers_dashboard(case, worker, supervisor, client_for):
    approved_termination(case, worker, supervisor)
    follow_up = schedule_follow_up(
        by=worker,
        case=case,
        data={
            "due_on": timezone.localdate() + timedelta(days=2),
            "mode": "phone",
            "assignee": worker,
        },
    )
    assert "Aftercare contacts due" in client_for(worker).get(reverse("home")).content.decode()
    client_for(worker).post(
        reverse("casework:follow-up-done", args=[follow_up.public_id]),
        {"outcome": "Sehat, bekerja di bengkel"},
    )
    follow_up.refresh_from_db()
    assert follow_up.done_on is not None
    assert "Aftercare contacts due" not in client_for(worker).get(reverse("home")).content.decode()
    assert FollowUp.objects.count() == 1


EXPECTED = {
    "worker": (200, 302),
    "supervisor": (200, 302),
    "admin": (200, 403),
    "colleague": (404, 404),
    "outsider": (404, 404),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_delivery_urls_for_the_cast(cast, case, partner, client_for, role):
    read, write = EXPECTED[role]
    http = client_for(cast[role])
    for name in (
        "case-services",
        "case-referrals",
        "case-monitoring",
        "case-termination",
        "case-aftercare",
    ):
        assert http.get(reverse(f"casework:{name}", args=[case.public_id])).status_code == read
    response = http.post(
        reverse("casework:case-referrals", args=[case.public_id]),
        {"partner": partner.pk, "reason": "x", "services_requested": "y"},
    )
    assert response.status_code == write


def test_group_and_partner_pages_for_the_cast(cast, centre, client_for):
    group, members = make_group(centre, cast["worker"], cast["supervisor"], size=4)
    url = reverse("casework:group-detail", args=[group.public_id])
    assert client_for(cast["worker"]).get(url).status_code == 200
    assert client_for(cast["colleague"]).get(url).status_code == 404
    assert client_for(cast["outsider"]).get(url).status_code == 404
    assert client_for(cast["supervisor"]).get(url).status_code == 200
    partners = reverse("casework:partner-list")
    assert (
        client_for(cast["worker"]).post(partners, {"name": "X", "kind": "lks"}).status_code == 403
    )
    assert client_for(cast["admin"]).post(partners, {"name": "X", "kind": "lks"}).status_code == 302


def test_services_list_query_budget(case, worker, client_for, django_assert_max_num_queries):
    http = client_for(worker)
    url = reverse("casework:case-services", args=[case.public_id])
    record_service(
        by=worker, case=case, data={"service_type": service_type(), "provider_staff": worker}
    )
    with django_assert_max_num_queries(25) as few:
        read_page(http, url, str(service_type()))
    for n in range(10):
        record_service(
            by=worker,
            case=case,
            data={
                "service_type": service_type(),
                "provider_staff": worker,
                "description": f"Sesi konseling {n}",
            },
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        read_page(http, url, "Sesi konseling 0", "Sesi konseling 9")


def test_an_incoming_referral_links_to_the_directory(
    worker, supervisor, centre, partner, client_for
):
    client = ClientFactory(centre=centre, registered_by=worker)
    response = client_for(worker).post(
        reverse("casework:case-open", args=[client.public_id]),
        {
            "access_route": "referral",
            "referring_partner": partner.pk,
            "approach": "residential",
            "problem_statement": "Dirujuk puskesmas",
            "priority": "medium",
            "primary_worker": worker.pk,
            "supervisor": supervisor.pk,
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(client=client)
    assert case.referring_partner == partner
    assert case.referring_institution == partner.name
    assert partner.incoming_cases.get() == case


def test_a_referral_case_needs_an_institution(worker, supervisor, centre, client_for):
    client = ClientFactory(centre=centre, registered_by=worker)
    response = client_for(worker).post(
        reverse("casework:case-open", args=[client.public_id]),
        {
            "access_route": "referral",
            "approach": "residential",
            "problem_statement": "x",
            "priority": "medium",
            "primary_worker": worker.pk,
            "supervisor": supervisor.pk,
        },
    )
    assert "Name the referring institution" in response.content.decode()


def test_admins_extend_the_service_catalogue(cast, client_for):
    url = reverse("casework:service-type-list")
    data = {
        "component": "vocational",
        "code": "batik_training",
        "name_id": "Pelatihan membatik",
        "name_en": "Batik training",
        "is_training": "on",
    }
    assert client_for(cast["worker"]).post(url, data).status_code == 403
    assert client_for(cast["admin"]).post(url, data).status_code == 302
    created = ServiceType.objects.get(code="batik_training")
    assert created.centre == cast["admin"].centre and created.is_training
    duplicate = client_for(cast["admin"]).post(url, data)
    assert "already exists" in duplicate.content.decode()


def test_admins_edit_and_deactivate_directory_entries(cast, partner, client_for, case):
    url = reverse("casework:partner-edit", args=[partner.public_id])
    assert client_for(cast["worker"]).get(url).status_code == 403
    assert client_for(cast["outsider"]).get(url).status_code == 403
    response = client_for(cast["admin"]).post(url, {"name": "Puskesmas Baru", "kind": "puskesmas"})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name == "Puskesmas Baru" and not partner.is_active
    form_page = (
        client_for(cast["worker"])
        .get(reverse("casework:case-referrals", args=[case.public_id]))
        .content.decode()
    )
    assert "Puskesmas Baru" not in form_page  # no longer offered for new referrals
    assert partner.history.count() == 2


def test_another_centres_admin_gets_404_for_our_directory_entry(
    partner, outsider_admin, client_for
):
    url = reverse("casework:partner-edit", args=[partner.public_id])
    assert client_for(outsider_admin).get(url).status_code == 404
