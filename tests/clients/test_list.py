import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def _cast_of_files(centre, other_centre, worker, colleague, supervisor, outsider):
    """One client for each way a worker may or may not open a file."""
    from tests.factories import open_case_for

    ClientFactory(centre=centre, registered_by=worker)
    open_case_for(ClientFactory(centre=centre, registered_by=colleague), worker, supervisor)
    on_team = open_case_for(
        ClientFactory(centre=centre, registered_by=colleague), colleague, supervisor
    )
    on_team.team.add(worker)
    open_case_for(ClientFactory(centre=centre, registered_by=colleague), colleague, supervisor)
    ClientFactory(centre=centre, registered_by=colleague)
    ClientFactory(centre=other_centre, registered_by=outsider)


def _listed(http, **query) -> dict[int, bool]:
    response = http.get(reverse("clients:list"), query)
    assert response.status_code == 200
    return {row.pk: row.can_open for row in response.context["page"]}


def test_mine_lists_exactly_the_visibility_rule_in_constant_queries(
    centre,
    other_centre,
    worker,
    colleague,
    supervisor,
    outsider,
    client_for,
    django_assert_max_num_queries,
):
    """The "mine" scope is `visible_to` itself (every row openable, no test per row), read
    by its keys, and its cost does not grow with the worker's files nor with the centre's."""
    from clients.models import Client

    _cast_of_files(centre, other_centre, worker, colleague, supervisor, outsider)
    http = client_for(worker)
    with django_assert_max_num_queries(12) as few:
        listed = _listed(http)
    visible = set(Client.objects.visible_to(worker).values_list("pk", flat=True))
    assert len(visible) == 3 and listed == dict.fromkeys(visible, True)
    # The worker's set is built once (its keys), not once to count and again for the page.
    assert sum("UNION" in q["sql"] for q in few.captured_queries) == 1
    _cast_of_files(centre, other_centre, worker, colleague, supervisor, outsider)
    with django_assert_max_num_queries(len(few.captured_queries)):
        listed = _listed(http, scope="mine")
    assert listed == dict.fromkeys(
        Client.objects.visible_to(worker).values_list("pk", flat=True), True
    )


def test_the_whole_registry_links_the_files_the_rule_opens_without_building_the_set(
    centre, other_centre, worker, colleague, supervisor, outsider, client_for
):
    """A worker's whole-registry list tests its page's rows by the per-row rule (the one a
    client's page applies), never by building the worker's whole set (a UNION)."""
    from clients.models import Client

    _cast_of_files(centre, other_centre, worker, colleague, supervisor, outsider)
    visible = set(Client.objects.visible_to(worker).values_list("pk", flat=True))
    in_centre = Client.objects.filter(centre=centre).values_list("pk", flat=True)
    with CaptureQueriesContext(connection) as queries:
        listed = _listed(client_for(worker), scope="all")
    assert listed == {pk: pk in visible for pk in in_centre}
    assert not any("UNION" in q["sql"] for q in queries)
    assert all(_listed(client_for(supervisor), scope="all").values())
