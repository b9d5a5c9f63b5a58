"""Referrals, the consent gate, and incoming referrals from the directory."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casework.models import (
    Case,
    Referral,
)
from casework.services.referrals import create_referral, move_referral
from clients.models import Consent
from sentra.models import AuditEvent
from tests.factories import (
    ClientFactory,
)

pytestmark = pytest.mark.django_db


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


def test_an_incoming_referral_links_to_the_directory(
    worker, supervisor, centre, partner, client_for
):
    client = ClientFactory(centre=centre, registered_by=worker)
    response = client_for(worker).post(
        reverse("casework:case-open", args=[client.public_id]),
        {
            "access_route": "referral",
            "referring_partner": partner.pk,
            "approaches": ["residential"],
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
            "approaches": ["residential"],
            "problem_statement": "x",
            "priority": "medium",
            "primary_worker": worker.pk,
            "supervisor": supervisor.pk,
        },
    )
    assert "Name the referring institution" in response.content.decode()
