"""Finding 2 and 7 of the security test: implausible input is refused, in the form and
in the database, and a value stored before the bounds cannot take a page down."""

from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casework.models import CaseNote
from tests.pages import read_page

pytestmark = pytest.mark.django_db


def note(**extra):
    return {
        "kind": "home_visit",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "narrative": "Kunjungan rumah.",
        **extra,
    }


@pytest.mark.parametrize(
    "when", ["0001-01-01T00:00", "1899-12-31T23:59", "9999-12-31T23:59", "01/01/0001 00:00"]
)
def test_a_note_of_an_implausible_time_is_refused(case, worker, client_for, when):
    http = client_for(worker)
    response = http.post(
        reverse("casework:note-add", args=[case.public_id]), note(occurred_at=when)
    )
    assert response.status_code in (200, 400)
    assert not CaseNote.objects.exists()
    read_page(http, reverse("casework:case-detail", args=[case.public_id]))
    read_page(http, reverse("home"))


def test_the_database_refuses_a_note_of_the_year_one(case, worker):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseNote.objects.create(
            case=case,
            kind="home_visit",
            narrative="x",
            author=worker,
            occurred_at=datetime(1, 1, 2, tzinfo=UTC),
        )


def test_a_megabyte_of_text_is_refused(case, worker, client_for):
    response = client_for(worker).post(
        reverse("casework:note-add", args=[case.public_id]), note(narrative="x" * 1_000_000)
    )
    assert response.status_code == 413
    assert not CaseNote.objects.exists()


def test_the_database_refuses_a_birth_date_before_1900(case):
    from clients.models import Client

    with pytest.raises(IntegrityError), transaction.atomic():
        Client.objects.filter(pk=case.client.pk).update(birth_date=date(1850, 1, 1))


def test_the_database_refuses_a_negative_quantity(case, worker, reference_data):
    from casework.models import ServiceRecord, ServiceType

    kind = ServiceType.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRecord.objects.create(case=case, service_type=kind, quantity=-1, recorded_by=worker)
