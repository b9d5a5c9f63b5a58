import pytest

from casework import services
from casework.models.cases import AccessRoute, Approach
from clients.models import Consent
from tests.factories import ClientFactory


def open_case_for(client, worker, supervisor, **extra):
    data = {
        "access_route": AccessRoute.WALK_IN,
        "approach": Approach.RESIDENTIAL,
        "problem_statement": "Ditemukan di pasar tanpa identitas.",
        "primary_worker": worker,
        "supervisor": supervisor,
        **extra,
    }
    return services.open_case(by=worker, client=client, data=data)


@pytest.fixture
def case_client(centre, supervisor):
    """A client registered by the supervisor: the worker reaches them only through the case."""
    return ClientFactory(
        centre=centre,
        registered_by=supervisor,
        full_name="Joko Susilo",
        registration_number="ALY-2026-0100",
    )


@pytest.fixture
def case(case_client, worker, supervisor):
    return open_case_for(case_client, worker, supervisor)


@pytest.fixture
def consent_to_services(case_client, worker):
    return Consent.objects.create(
        client=case_client,
        purpose=Consent.Purpose.SERVICES,
        given_by=Consent.GivenBy.CLIENT,
        recorded_by=worker,
    )
