import pytest
from django.urls import reverse

from tests.factories import ClientFactory
from tests.pages import read_page

pytestmark = pytest.mark.django_db


def test_list_query_count_does_not_grow_with_rows(
    supervisor, worker, centre, client_for, django_assert_max_num_queries
):
    http = client_for(supervisor)
    first = ClientFactory.create_batch(2, centre=centre, registered_by=worker)
    with django_assert_max_num_queries(12) as few:
        read_page(http, reverse("clients:list"), first[-1].full_name)
    more = ClientFactory.create_batch(30, centre=centre, registered_by=worker)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = read_page(http, reverse("clients:list"), more[-1].full_name)
    assert body.count('href="/clients/') >= 25  # a full page of rows, each one openable


def test_name_search_is_posted_and_never_in_the_url(worker, centre, client_for):
    ClientFactory(
        centre=centre, registered_by=worker, full_name="Siti Nurhayati", sex="P", aliases="Ati"
    )
    ClientFactory(centre=centre, registered_by=worker, full_name="Bambang Wijaya")
    http = client_for(worker)
    response = http.post(reverse("clients:list"), {"q": "NURHAYATÍ"})
    assert response.status_code == 302
    assert "NURHAY" not in response["Location"].upper()
    body = http.get(response["Location"]).content.decode()
    assert "Siti Nurhayati" in body and "Bambang" not in body


@pytest.mark.parametrize("term", ["nurha", "ati", "ALY-2026-07", "1571015505900003"])
def test_search_by_partial_name_alias_number_or_nik(worker, centre, client_for, term):
    ClientFactory(
        centre=centre,
        registered_by=worker,
        full_name="Siti Nurhayati",
        sex="P",
        aliases="Ati",
        registration_number="ALY-2026-0777",
        nik="1571015505900003",
    )
    ClientFactory(centre=centre, registered_by=worker, full_name="Bambang Wijaya")
    http = client_for(worker)
    http.post(reverse("clients:list"), {"q": term})
    body = http.get(reverse("clients:list")).content.decode()
    assert "Siti Nurhayati" in body and "Bambang" not in body


def test_filters_by_category_and_status(supervisor, worker, centre, client_for):
    from clients.models import PPKSCategory

    category = PPKSCategory.objects.get(code="gelandangan")
    ClientFactory(
        centre=centre, registered_by=worker, full_name="Pak Gelandangan", category=category
    )
    ClientFactory(centre=centre, registered_by=worker, full_name="Bu Lansia", status="archived")
    http = client_for(supervisor)
    body = http.get(reverse("clients:list"), {"category": category.pk}).content.decode()
    assert "Pak Gelandangan" in body and "Bu Lansia" not in body
    body = http.get(reverse("clients:list"), {"status": "archived"}).content.decode()
    assert "Bu Lansia" in body and "Pak Gelandangan" not in body


def test_bad_filter_values_do_not_break_the_page(worker, client_for):
    response = client_for(worker).get(
        reverse("clients:list"), {"category": "abc", "page": "999", "status": "x"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("term", ["157101", "157101550590", "157101550590000", "1571015505900004"])
def test_a_nik_is_found_only_whole(worker, centre, client_for, term):
    """Finding 4: a prefix match let a colleague recover a NIK digit by digit."""
    ClientFactory(
        centre=centre, registered_by=worker, full_name="Siti Nurhayati", nik="1571015505900003"
    )
    http = client_for(worker)
    http.post(reverse("clients:list"), {"q": term})
    body = http.get(reverse("clients:list")).content.decode()
    assert "Siti Nurhayati" not in body


def test_the_session_keeps_no_search_term(worker, centre, client_for):
    from django.contrib.sessions.models import Session

    ClientFactory(
        centre=centre, registered_by=worker, full_name="Siti Nurhayati", nik="1571015505900003"
    )
    http = client_for(worker)
    http.post(reverse("clients:list"), {"q": "1571015505900003"})
    body = http.get(reverse("clients:list")).content.decode()
    assert "Siti Nurhayati" in body
    assert "1571015505900003" not in body
    stored = Session.objects.get(session_key=http.session.session_key).get_decoded()
    assert "1571015505900003" not in str(stored)
