import pytest

from casework.models import Partner


@pytest.fixture
def partner(centre):
    return Partner.objects.create(centre=centre, name="Puskesmas Simpang Kawat", kind="puskesmas")
