from datetime import date

import pytest
from django.urls import reverse

from clients.models import Client, PPKSCategory
from sentra.models import AuditEvent
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db

MAN_NIK = "1571011505900003"


def register(client, **fields):
    data = {"full_name": "Ahmad Fauzi", "sex": "L", **fields}
    return client.post(reverse("clients:register"), data)


def test_a_person_without_papers_is_registered_with_a_readable_number(worker, client_for):
    response = register(client_for(worker), estimated_age="40")
    assert response.status_code == 302
    person = Client.objects.get()
    assert person.registration_number == f"ALY-{date.today().year}-0001"
    assert (person.nik, person.kk_number) == ("", "")
    assert person.birth_date_estimated and person.birth_date.year in (
        date.today().year - 40,
        date.today().year - 41,
    )
    assert person.registered_by == worker
    assert response["Location"] == reverse("clients:detail", args=[person.public_id])
    event = AuditEvent.objects.get(action="create", object_type="clients.client")
    assert event.object_label == person.registration_number
    assert "Ahmad" not in event.object_label + str(event.fields)


def test_numbers_are_per_centre_and_sequential(worker, outsider, client_for):
    register(client_for(worker), full_name="Satu Orang")
    register(client_for(worker), full_name="Dua Orang", sex="P")
    register(client_for(outsider), full_name="Tiga Orang")
    numbers = sorted(Client.objects.values_list("registration_number", flat=True))
    year = date.today().year
    assert numbers == [f"ALY-{year}-0001", f"ALY-{year}-0002", f"BGA-{year}-0001"]


def test_the_nik_fills_in_the_birth_date(worker, client_for):
    register(client_for(worker), nik=MAN_NIK)
    person = Client.objects.get()
    assert person.birth_date == date(1990, 5, 15) and not person.birth_date_estimated


def test_a_nik_that_disagrees_with_the_sex_is_explained(worker, client_for):
    response = register(client_for(worker), nik=MAN_NIK, sex="P", full_name="Siti Aminah")
    assert response.status_code == 200
    assert "belongs to a man" in response.content.decode()
    assert not Client.objects.exists()


def test_a_future_birth_date_is_refused(worker, client_for):
    response = register(client_for(worker), birth_date="2030-01-01")
    assert "cannot be in the future" in response.content.decode()
    assert not Client.objects.exists()


def test_date_and_estimated_age_together_are_refused(worker, client_for):
    response = register(client_for(worker), birth_date="1990-01-01", estimated_age="30")
    assert "not both" in response.content.decode()


def test_a_bad_phone_number_is_refused_and_a_good_one_normalised(worker, client_for):
    response = register(client_for(worker), phone="12345")
    assert "Indonesian phone number" in response.content.decode()
    register(client_for(worker), phone="0812-3456-7890")
    assert Client.objects.get().phone == "+6281234567890"


def test_the_same_nik_stops_registration_and_points_to_the_record(
    worker, colleague, centre, client_for
):
    existing = ClientFactory(
        centre=centre,
        registered_by=worker,
        nik=MAN_NIK,
        full_name="Ahmad Fauzi",
        birth_date=date(1990, 5, 15),
    )
    response = register(client_for(colleague), nik=MAN_NIK, full_name="Fauzi")
    body = response.content.decode()
    assert response.status_code == 200
    assert existing.registration_number in body
    # The colleague sees that the person exists, not the file: no link to it.
    assert reverse("clients:detail", args=[existing.public_id]) not in body
    assert "ask the worker" in body
    assert Client.objects.count() == 1


def test_a_similar_person_needs_confirmation(worker, centre, client_for):
    ClientFactory(
        centre=centre,
        registered_by=worker,
        full_name="Achmad Fauzi",
        sex="L",
        birth_date=date(1991, 3, 1),
    )
    http = client_for(worker)
    response = register(http, full_name="Ahmad Fauzy", birth_date="1990-06-01")
    assert response.status_code == 200
    assert "Is this the same person?" in response.content.decode()
    assert Client.objects.count() == 1
    response = register(
        http, full_name="Ahmad Fauzy", birth_date="1990-06-01", confirm_different="on"
    )
    assert response.status_code == 302
    assert Client.objects.count() == 2


def test_the_different_person_box_is_offered_only_below_a_list_of_similar_people(
    worker, centre, client_for
):
    box = 'type="checkbox" name="confirm_different"'
    http = client_for(worker)
    assert box not in http.get(reverse("clients:register")).content.decode()
    # A form sent back for another reason, with nobody similar: still no box.
    assert box not in register(http, full_name="", sex="L").content.decode()
    ClientFactory(centre=centre, registered_by=worker, full_name="Achmad Fauzi", sex="L")
    assert box in register(http, full_name="Ahmad Fauzy").content.decode()


def test_similar_names_of_other_sex_or_distant_birth_year_pass(worker, centre, client_for):
    ClientFactory(
        centre=centre,
        registered_by=worker,
        full_name="Ahmad Fauzi",
        sex="P",
        birth_date=date(1990, 1, 1),
    )
    ClientFactory(
        centre=centre,
        registered_by=worker,
        full_name="Ahmad Fauzi",
        sex="L",
        birth_date=date(1960, 1, 1),
    )
    assert register(client_for(worker), birth_date="1990-06-01").status_code == 302


def test_duplicate_detection_never_looks_into_another_centre(
    worker, outsider, other_centre, client_for
):
    ClientFactory(
        centre=other_centre,
        registered_by=outsider,
        nik=MAN_NIK,
        full_name="Ahmad Fauzi",
        birth_date=date(1990, 5, 15),
    )
    response = register(client_for(worker), nik=MAN_NIK, birth_date="1990-05-15")
    assert response.status_code == 302
    assert Client.objects.filter(centre=worker.centre).count() == 1


def test_the_same_family_card_asks_for_confirmation(worker, centre, client_for):
    ClientFactory(
        centre=centre, registered_by=worker, full_name="Kakak Beradik", kk_number="1571010101100001"
    )
    response = register(client_for(worker), full_name="Adik Lain", kk_number="1571010101100001")
    assert "same family card" in response.content.decode()
    response = register(
        client_for(worker),
        full_name="Adik Lain",
        kk_number="1571010101100001",
        confirm_different="on",
    )
    assert response.status_code == 302


def test_adding_a_nik_later_runs_the_duplicate_check(worker, centre, client_record, client_for):
    ClientFactory(
        centre=centre,
        registered_by=worker,
        nik=MAN_NIK,
        full_name="Orang Lain",
        birth_date=date(1990, 5, 15),
    )
    data = {
        "full_name": client_record.full_name,
        "sex": "L",
        "nik": MAN_NIK,
        "religion": "unknown",
        "education": "unknown",
        "marital_status": "unknown",
        "citizenship": "wni",
        "version": client_record.version,
    }
    response = client_for(worker).post(
        reverse("clients:edit", args=[client_record.public_id]), data
    )
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    client_record.refresh_from_db()
    assert client_record.nik == ""


def test_an_edit_keeps_history_and_is_audited(worker, client_record, client_for):
    data = {
        "full_name": "Rudi Hartono",
        "aliases": "Udin",
        "sex": "L",
        "religion": "islam",
        "education": "sd",
        "marital_status": "single",
        "citizenship": "wni",
        "province_code": "15",
        "regency_code": "1571",
        "district_code": "157101",
        "village_code": "1571011012",
        "phone": "0812 1111 2222",
        "version": client_record.version,
    }
    response = client_for(worker).post(
        reverse("clients:edit", args=[client_record.public_id]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client_record.refresh_from_db()
    assert client_record.village_code == "1571011012"
    assert "udin" in client_record.search_name
    latest = client_record.history.first()
    assert latest.history_user == worker and latest.aliases == "Udin"
    event = AuditEvent.objects.get(action="update", object_id=str(client_record.public_id))
    assert "aliases" in event.fields and "Udin" not in str(event.fields)
    history = client_for(worker).get(reverse("clients:history", args=[client_record.public_id]))
    assert "Udin" in history.content.decode()


def test_a_region_that_is_not_under_its_parent_is_refused(worker, client_record, client_for):
    data = {
        "full_name": "Rudi Hartono",
        "sex": "L",
        "religion": "islam",
        "education": "sd",
        "marital_status": "single",
        "citizenship": "wni",
        "province_code": "15",
        "regency_code": "3201",
    }
    response = client_for(worker).post(
        reverse("clients:edit", args=[client_record.public_id]), data
    )
    assert response.status_code == 200
    client_record.refresh_from_db()
    assert client_record.regency_code == ""


def test_region_options_follow_the_parent(worker, client_for):
    response = client_for(worker).get(reverse("clients:regions"), {"province_code": "15"})
    assert "Kota Jambi" in response.content.decode()
    response = client_for(worker).get(reverse("clients:regions"), {"regency_code": "1571"})
    assert "Danau Sipin" in response.content.decode()


def test_archive_and_restore_never_delete(worker, client_record, client_for):
    http = client_for(worker)
    http.post(
        reverse("clients:archive", args=[client_record.public_id]), {"reason": "registered twice"}
    )
    client_record.refresh_from_db()
    assert client_record.is_archived and client_record.archive_reason == "registered twice"
    http.post(reverse("clients:restore", args=[client_record.public_id]))
    client_record.refresh_from_db()
    assert not client_record.is_archived
    actions = AuditEvent.objects.filter(object_id=str(client_record.public_id)).values_list(
        "action", flat=True
    )
    assert {"archive", "restore"} <= set(actions)


def test_the_ministry_list_has_27_categories_and_admins_extend_it(admin, client_for):
    assert PPKSCategory.objects.filter(centre=None).count() == 27
    response = client_for(admin).post(
        reverse("clients:categories"),
        {"code": "korban_bullying", "name_id": "Korban perundungan", "name_en": "Bullying victims"},
    )
    assert response.status_code == 302
    assert PPKSCategory.objects.for_centre(admin.centre).count() == 28
    assert PPKSCategory.objects.for_centre(None).count() == 27
