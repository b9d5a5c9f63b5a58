"""The cast on the pages from services to aftercare."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


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
