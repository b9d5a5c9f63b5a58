"""Partner institutions a social worker proposes during a referral, confirmed by an admin;
the new kinds; the termination's destination region shown by name."""

import pytest
from django.urls import reverse

from casework.models import Case, Partner, Referral
from casework.models.termination import Termination
from sentra.models import AuditEvent
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


def propose(http, case, **extra):
    url = reverse("casework:case-referrals", args=[case.public_id])
    data = form_data(read_page(http, url, "Or propose a new institution"), "reason")
    data.update(
        {
            "partner": "",
            "new_partner_name": "UPT Pelayanan Sosial Gelandangan dan Pengemis Pungai",
            "new_partner_kind": "upt",
            "new_partner_phone": "061-123456",
            "reason": "Tidak ada keluarga yang ditemukan; perlu tempat tinggal sementara.",
            "services_requested": "Tempat tinggal dan pembinaan",
            **extra,
        }
    )
    return http.post(url, data)


def test_a_worker_proposes_an_institution_while_referring(case, worker, admin, client_for):
    assert propose(client_for(worker), case).status_code == 302
    partner = Partner.objects.get(kind=Partner.Kind.UPT)
    assert partner.centre == case.centre and partner.proposed_by == worker
    assert partner.awaits_confirmation
    referral = Referral.objects.get(case=case)
    assert referral.partner == partner and referral.created_by == worker
    assert AuditEvent.objects.filter(object_type="casework.partner", action="create").exists()

    # The admin sees it to confirm, on the home page and in the directory.
    boss = client_for(admin)
    assert "awaits your confirmation" in read_page(boss, reverse("home"))
    body = read_page(boss, reverse("casework:partner-list"), "to confirm", partner.name)
    data = form_data(body[body.index('id="proposals"') :], "csrfmiddlewaretoken")
    confirm = reverse("casework:partner-confirm", args=[partner.public_id])
    assert boss.post(confirm, data).status_code == 302
    partner.refresh_from_db()
    assert not partner.awaits_confirmation and partner.confirmed_by == admin
    assert 'id="proposals"' not in read_page(boss, reverse("casework:partner-list"))


def test_a_referral_names_one_institution(case, worker, partner, client_for):
    response = propose(client_for(worker), case, partner=str(partner.pk))
    assert response.status_code == 200 and "not both" in response.content.decode()
    response = propose(client_for(worker), case, new_partner_name="", partner="")
    assert response.status_code == 200 and not Referral.objects.exists()
    response = propose(client_for(worker), case, new_partner_kind="")
    assert response.status_code == 200 and not Partner.objects.filter(kind="upt").exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("worker", 403), ("supervisor", 403), ("admin", 302), ("outsider_admin", 404)],
)
def test_only_the_centres_admin_confirms(
    request, centre, worker, client_for, role, expected, outsider_admin
):
    partner = Partner.objects.create(centre=centre, name="RSJ Medan", kind="mental_hospital")
    partner.proposed_by = worker
    partner.save()
    user = request.getfixturevalue(role)
    response = client_for(user).post(reverse("casework:partner-confirm", args=[partner.public_id]))
    assert response.status_code == expected
    partner.refresh_from_db()
    assert partner.awaits_confirmation == (expected != 302)


def test_the_new_kinds_are_offered_in_the_directory(admin, client_for):
    body = read_page(client_for(admin), reverse("casework:partner-list"))
    for kind in ("upt", "mental_hospital", "dukcapil", "uptd_ppa", "bapas", "training"):
        assert f'value="{kind}"' in body


def test_the_destination_region_is_shown_by_name(case, worker, client_for):
    url = reverse("casework:case-termination", args=[case.public_id])
    Case.objects.filter(pk=case.pk).update(stage="monitoring")
    data = form_data(read_page(client_for(worker), url), "reason")
    data.update(
        {
            "reason": "referred",
            "outcome_summary": "Dirujuk ke UPT.",
            "destination_region": "1571011012",
        }
    )
    assert client_for(worker).post(url, data).status_code == 302
    termination = Termination.objects.get(case=case)
    body = read_page(client_for(worker), url)
    assert termination.destination_region_name
    assert termination.destination_region_name in body and "1571011012" not in body
