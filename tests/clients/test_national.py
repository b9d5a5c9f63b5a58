"""National data on a client: DTKS/DTSEN, BPJS/PBI cover and assistance received."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from clients.models import AssistanceReceived
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


def national(http, client_record, **values):
    url = reverse("clients:national-edit", args=[client_record.public_id])
    data = form_data(read_page(http, url))
    data.update(values)
    return http.post(url, data)


def test_the_worker_records_register_and_health_cover_and_the_profile_shows_them(
    worker, client_record, client_for
):
    http = client_for(worker)
    response = national(
        http,
        client_record,
        register_status="dtsen",
        register_number="3571-2025-000123",
        bpjs_scheme="pbi_apbn",
        bpjs_number="0001234567890",
        bpjs_class="3",
    )
    assert response.status_code == 302
    client_record.refresh_from_db()
    assert (client_record.register_status, client_record.bpjs_number) == (
        "dtsen",
        "0001234567890",
    )
    page = read_page(http, reverse("clients:detail", args=[client_record.public_id]))
    assert "3571-2025-000123" in page and "0001234567890" in page
    assert "Registered in DTSEN" in page


@pytest.mark.parametrize(
    "values, field",
    [
        ({"bpjs_scheme": "non_pbi", "bpjs_number": "12345"}, "13 digits"),
        ({"bpjs_scheme": "non_pbi", "bpjs_number": ""}, "number on the BPJS Kesehatan card"),
        (
            {"bpjs_scheme": "pbi_apbd", "bpjs_number": "0001234567890", "bpjs_class": "1"},
            "class 3",
        ),
        ({"register_status": "dtks", "register_number": ""}, "number shown in the register"),
        ({"register_status": "dtks", "register_number": "a b"}, "6 to 30"),
    ],
)
def test_bad_national_data_is_explained(values, field, worker, client_record, client_for):
    response = national(client_for(worker), client_record, **values)
    assert response.status_code == 200
    assert field in response.content.decode()


def test_numbers_of_a_status_without_them_are_dropped(worker, client_record, client_for):
    response = national(
        client_for(worker),
        client_record,
        register_status="not_registered",
        register_number="DTKS-1234",
        bpjs_scheme="none",
        bpjs_number="0001234567890",
        bpjs_class="2",
    )
    assert response.status_code == 302
    client_record.refresh_from_db()
    assert (client_record.register_number, client_record.bpjs_number) == ("", "")
    assert client_record.bpjs_class == ""


def test_assistance_received_is_added_edited_shown_and_removed_but_kept(
    worker, client_record, client_for
):
    http = client_for(worker)
    add = reverse("clients:assistance-add", args=[client_record.public_id])
    data = form_data(read_page(http, add), "programme")
    data.update(
        programme="pkh", period_start="2024-01-01", period_end="2024-12-31", amount="750000"
    )
    assert http.post(add, data).status_code == 302
    item = AssistanceReceived.objects.get()
    assert item.recorded_by == worker and item.amount == 750000
    page = read_page(http, reverse("clients:detail", args=[client_record.public_id]))
    assert "PKH (Program Keluarga Harapan)" in page and "750" in page

    edit = reverse("clients:assistance-edit", args=[client_record.public_id, item.public_id])
    data = form_data(read_page(http, edit))
    data.update(programme="other", programme_other="Bantuan Pemprov Sumut", period_end="")
    assert http.post(edit, data).status_code == 302
    item.refresh_from_db()
    assert item.programme_label == "Bantuan Pemprov Sumut" and item.period_end is None

    archive = reverse("clients:assistance-archive", args=[client_record.public_id, item.public_id])
    assert http.post(archive).status_code == 302
    item.refresh_from_db()
    assert item.is_archived and item.history.count() >= 3
    page = read_page(http, reverse("clients:detail", args=[client_record.public_id]))
    assert "Bantuan Pemprov Sumut" not in page


@pytest.mark.parametrize(
    "values, message",
    [
        ({"period_start": "2024-05-01", "period_end": "2024-01-01"}, "end comes before"),
        ({"period_start": "2030-01-01"}, "cannot start in the future"),
        ({"period_start": "2024-01-01", "amount": "-5"}, "greater than or equal to 0"),
        ({"period_start": "2024-01-01", "amount": "100000001"}, "less than or equal to"),
        ({"period_start": "2024-01-01", "programme": "other"}, "Name the programme"),
    ],
)
def test_bad_assistance_is_explained(values, message, worker, client_record, client_for):
    http = client_for(worker)
    add = reverse("clients:assistance-add", args=[client_record.public_id])
    response = http.post(add, {"programme": "bpnt", **values})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AssistanceReceived.objects.exists()


def test_the_database_refuses_a_period_that_ends_before_it_starts(worker, client_record):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssistanceReceived.objects.create(
            client=client_record,
            programme="pkh",
            period_start="2024-05-01",
            period_end="2024-01-01",
            recorded_by=worker,
        )
