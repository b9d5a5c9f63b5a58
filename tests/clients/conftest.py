import pytest

from tests.factories import ClientFactory


@pytest.fixture
def client_record(centre, worker):
    """A client registered by `worker` in `centre`: the worker's own file."""
    return ClientFactory(
        centre=centre,
        registered_by=worker,
        full_name="Rudi Hartono",
        registration_number="ALY-2026-0001",
    )
