"""Assessment by several professions: each contributor named, with their role, and the
sections they assessed attributed to them."""

import pytest
from django.urls import reverse

from assessments.models import Contributor
from tests.factories import submitted_assessment
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


def test_a_psychologist_and_a_nurse_are_credited_with_their_sections(
    reference_data, case, worker, client_for
):
    assessment = submitted_assessment(case, "comprehensive", worker)
    http = client_for(worker)
    url = reverse("assessments:contributor-add", args=[assessment.public_id])
    data = form_data(read_page(http, url), "name")
    data.update(
        name="Dewi Lestari, M.Psi.",
        profession="psychologist",
        role="Psikolog Puskesmas Medan Kota",
        sections=["psychological"],
    )
    assert http.post(url, data).status_code == 302
    data = form_data(read_page(http, url), "name")  # a fresh submission key
    data.update(name="Ns. Rina Sitompul", profession="nurse", role="", sections=["medical"])
    assert http.post(url, data).status_code == 302
    psychologist, nurse = Contributor.objects.order_by("id")
    assert psychologist.sections == ["psychological"] and psychologist.recorded_by == worker
    page = read_page(http, reverse("assessments:detail", args=[assessment.public_id]))
    assert "Dewi Lestari, M.Psi." in page and "Psikolog Puskesmas Medan Kota" in page
    assert "Assessed by Ns. Rina Sitompul (Nurse)" in page


def test_a_contributor_needs_a_section_of_the_instrument(reference_data, case, worker, client_for):
    assessment = submitted_assessment(case, "rapid", worker)
    response = client_for(worker).post(
        reverse("assessments:contributor-add", args=[assessment.public_id]),
        {"name": "Budi", "profession": "nurse", "sections": ["nowhere"]},
    )
    assert response.status_code == 200
    assert not Contributor.objects.exists()


def test_admins_and_other_centres_cannot_add_contributors(
    reference_data, case, worker, admin, outsider, client_for
):
    assessment = submitted_assessment(case, "rapid", worker)
    url = reverse("assessments:contributor-add", args=[assessment.public_id])
    assert client_for(admin).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
