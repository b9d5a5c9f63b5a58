"""Services recorded on a case, and the service catalogue."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.models import (
    ServiceRecord,
    ServiceType,
)
from casework.services.service_records import record_service
from tests.factories import (
    approved_plan,
    pdf_bytes,
)
from tests.pages import read_page

pytestmark = pytest.mark.django_db


def service_type(code="counselling"):
    """A service of the ministry's catalogue."""
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
            "amount": "Rp 300.000",  # typed with or without dots
            "plan_goal": goal.pk,
            "receipt": SimpleUploadedFile("kwitansi.pdf", pdf_bytes()),
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
    """The result fields show only for a training service; for any other service what they
    hold (typed before the service was changed) is not kept."""
    url = reverse("casework:case-services", args=[case.public_id])
    training = service_type("sewing_training")
    page = client_for(worker).get(url).content.decode()
    shown_for = re.search(r'name="training_result"[^>]*data-show-if="service_type=([\d,]*)"', page)
    assert shown_for and str(training.pk) in shown_for.group(1).split(",")
    assert str(service_type().pk) not in shown_for.group(1).split(",")
    data = {"delivered_on": "2026-03-01", "provider_staff": worker.pk, "training_result": "passed"}
    client_for(worker).post(url, {**data, "service_type": service_type().pk})
    client_for(worker).post(url, {**data, "service_type": training.pk})
    results = ServiceRecord.objects.order_by("pk").values_list("training_result", flat=True)
    assert list(results) == ["", "passed"]


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
