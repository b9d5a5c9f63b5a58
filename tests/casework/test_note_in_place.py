"""A note saved from the case page with htmx comes back in place: the new note at the top of
the list, the form empty with a fresh submission key."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import CaseNote
from sentra.middleware import SUBMISSION_FIELD

pytestmark = pytest.mark.django_db


def keys_in(body: str) -> list[str]:
    return re.findall(rf'name="{SUBMISSION_FIELD}" value="([^"]+)"', body)


def send(http, case, key, **extra):
    case_page = reverse("casework:case-detail", args=[case.public_id])
    data = {
        "kind": "phone",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "narrative": "Telepon dengan ibu klien.",
        SUBMISSION_FIELD: key,
        **extra,
    }
    return http.post(
        reverse("casework:note-add", args=[case.public_id]),
        data,
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{case_page}#notes"},
    )


def test_a_note_saved_on_the_case_page_appears_in_the_list_once(case, worker, client_for):
    http = client_for(worker)
    page = http.get(reverse("casework:case-detail", args=[case.public_id])).content.decode()
    assert 'id="note-form"' in page and 'id="note-list"' in page
    key = str(uuid.uuid4())

    first = send(http, case, key)
    body = first.content.decode()
    assert first.status_code == 200
    assert 'hx-swap-oob="afterbegin:#note-list"' in body
    assert "Telepon dengan ibu klien." in body  # the new note, out of band
    assert "data-note-saved" in body  # the device forgets the draft
    assert keys_in(body) and key not in keys_in(body)  # the next note gets a fresh key
    assert 'name="narrative"' in body and "Telepon dengan ibu klien.</textarea>" not in body

    repeat = send(http, case, key)
    assert repeat["HX-Redirect"] == reverse("casework:case-detail", args=[case.public_id])
    assert CaseNote.objects.filter(case=case).count() == 1


def test_an_invalid_note_comes_back_in_place_with_its_errors(case, worker, client_for):
    response = send(client_for(worker), case, str(uuid.uuid4()), narrative="  ")
    body = response.content.decode()
    assert response.status_code == 200 and "is-invalid" in body
    assert "hx-swap-oob" not in body and not CaseNote.objects.exists()


def test_another_centre_gets_404_and_an_admin_403(case, outsider, admin, client_for):
    assert send(client_for(outsider), case, str(uuid.uuid4())).status_code == 404
    assert send(client_for(admin), case, str(uuid.uuid4())).status_code == 403
    assert not CaseNote.objects.exists()
