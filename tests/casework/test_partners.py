"""The partner directory."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admins_edit_and_deactivate_directory_entries(cast, partner, client_for, case):
    url = reverse("casework:partner-edit", args=[partner.public_id])
    assert client_for(cast["worker"]).get(url).status_code == 403
    assert client_for(cast["outsider"]).get(url).status_code == 403
    response = client_for(cast["admin"]).post(
        url, {"name": "Puskesmas Baru", "kind": "puskesmas", "version": partner.version}
    )
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
