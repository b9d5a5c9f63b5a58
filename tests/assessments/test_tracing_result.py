"""The family-tracing instrument's result updates the client's tracing status and log."""

import pytest
from django.urls import reverse

from assessments.models import Assessment, Instrument

pytestmark = pytest.mark.django_db


def test_a_submitted_family_tracing_sets_the_clients_status(case, worker, client_for):
    http = client_for(worker)
    tracing = Instrument.objects.published().get(kind="family_tracing")
    http.post(reverse("assessments:start", args=[case.public_id]), {"instrument": tracing.pk})
    assessment = Assessment.objects.latest("id")
    url = reverse("assessments:detail", args=[assessment.public_id])
    answers = {
        "q_last_address": "Pasar Sambu, Medan",
        "q_relatives": "Bibi di Deli Serdang",
        "q_sources": ["village_head", "dukcapil"],
        "q_last_attempt": "2026-01-10",
        "q_result": "not_found",
        "q_notes": "Alamat lama sudah digusur.",
    }
    # A draft changes nothing.
    assert http.post(url, answers | {"draft": "1", "version": 1}).status_code == 302
    client = case.client
    client.refresh_from_db()
    assert client.family_tracing_status == "not_started"

    assessment.refresh_from_db()
    response = http.post(url, answers | {"submit": "1", "version": assessment.version})
    assert response.status_code == 302, response.content.decode()[:2000]
    client.refresh_from_db()
    assert client.family_tracing_status == "not_found"
    attempt = client.tracing_attempts.get()
    assert attempt.status_after == "not_found"
    assert str(attempt.attempted_on) == "2026-01-10"
    assert attempt.result == "Alamat lama sudah digusur."
    assert "Dukcapil" in attempt.method or "dukcapil" in attempt.method.lower()
