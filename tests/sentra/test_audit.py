import pytest
from django.db import transaction
from django.urls import reverse

from sentra import audit, services
from sentra.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_change_writes_exactly_one_row(admin, worker, client_for):
    client = client_for(admin)
    before = AuditEvent.objects.count()
    client.post(
        reverse("staff-edit", args=[worker.public_id]),
        {
            "full_name": "Nama Baru",
            "email": worker.email,
            "role": "admin",  # (a supervisor role would wait for a second person)
            "is_active": "on",
            "version": worker.version,
        },
        REMOTE_ADDR="10.1.2.3",
    )
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.centre) == ("update", admin, admin.centre)
    assert event.fields == ["full_name", "role"]
    assert event.ip_address == "10.1.2.3"
    # Field names only, never values.
    assert "Nama Baru" not in str(event.fields) + event.object_label


def test_audit_row_rolls_back_with_the_change(admin, worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        worker.full_name = "Tidak Jadi"
        services.update_staff(by=admin, member=worker, fields=["full_name"])
        raise RuntimeError("the surrounding action failed")
    assert not AuditEvent.objects.filter(object_id=str(worker.public_id)).exists()
    worker.refresh_from_db()
    assert worker.full_name != "Tidak Jadi"


def test_a_view_writes_exactly_one_row(admin, worker, rf):
    request = rf.get("/")
    request.user = admin
    before = AuditEvent.objects.count()
    audit.record_view(request, worker)
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("id").action == "view"


def test_login_and_failed_login_are_audited(worker, client):
    client.post(reverse("login"), {"username": "worker", "password": "wrong-password-123"})
    client.post(reverse("login"), {"username": "worker", "password": "a-long-test-password-2026"})
    actions = list(
        AuditEvent.objects.filter(username="worker").order_by("id").values_list("action", "centre")
    )
    assert actions == [("login_failed", worker.centre_id), ("login", worker.centre_id)]


def test_admin_sees_only_own_centre_in_audit_list(admin, outsider, client_for, client):
    client.post(reverse("login"), {"username": "outsider", "password": "nope-nope-nope"})
    client_for(admin).get(reverse("staff-list"))
    body = client_for(admin).get(reverse("audit-list") + "?action=login_failed").content.decode()
    assert "outsider" not in body


def test_audit_filter_rejects_reversed_dates_without_error(admin, client_for):
    response = client_for(admin).get(
        reverse("audit-list") + "?date_from=2026-05-02&date_to=2026-05-01"
    )
    assert response.status_code == 200
