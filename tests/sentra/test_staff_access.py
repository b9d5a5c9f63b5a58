import pytest
from django.urls import reverse

from sentra.models import AuditEvent, User
from sentra.scopes import Role
from tests.factories import UserFactory
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


def staff_urls(member):
    return [
        reverse("staff-list"),
        reverse("staff-create"),
        reverse("staff-edit", args=[member.public_id]),
        reverse("staff-password", args=[member.public_id]),
        reverse("centre-settings"),
        reverse("audit-list"),
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("worker", 403), ("colleague", 403), ("supervisor", 403), ("admin", 200), ("outsider", 404)],
)
def test_staff_pages_answer_each_member_of_the_cast(cast, client_for, role, expected):
    member = cast["colleague"]
    client = client_for(cast[role])
    statuses = {url: client.get(url).status_code for url in staff_urls(member)}
    if role == "outsider":
        # The outsider is a social worker elsewhere: the lists are 403 for the role, and
        # another centre's staff member is a 404, never the record.
        assert statuses[reverse("staff-edit", args=[member.public_id])] == 404
        assert statuses[reverse("staff-password", args=[member.public_id])] == 404
        assert statuses[reverse("staff-list")] == 403
    else:
        assert set(statuses.values()) == {expected}, statuses


def test_another_centres_admin_gets_404_for_our_staff(worker, outsider_admin, client_for):
    client = client_for(outsider_admin)
    response = client.get(reverse("staff-edit", args=[worker.public_id]))
    assert response.status_code == 404
    assert worker.full_name not in response.content.decode()


def test_staff_list_shows_only_own_centre(admin, worker, outsider, client_for):
    response = client_for(admin).get(reverse("staff-list"))
    body = response.content.decode()
    assert worker.username in body
    assert outsider.username not in body


def test_staff_list_query_count_is_constant(
    admin, centre, client_for, django_assert_max_num_queries
):
    client = client_for(admin)
    few = UserFactory.create_batch(3, centre=centre)
    with django_assert_max_num_queries(8) as small:
        read_page(client, reverse("staff-list"), few[0].username)
    many = UserFactory.create_batch(20, centre=centre)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = read_page(client, reverse("staff-list"))
    assert sum(member.username in body for member in [*few, *many, admin]) == 24


def test_admin_creates_an_account_and_it_is_audited(admin, client_for):
    response = client_for(admin).post(
        reverse("staff-create"),
        {
            "username": "peksos9",
            "full_name": "Nur Aini",
            "email": "nur@sentra.test",
            "role": Role.SOCIAL_WORKER,
            "password": "sembilan-belas-karakter",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="peksos9")
    assert created.centre == admin.centre
    assert created.check_password("sembilan-belas-karakter")
    event = AuditEvent.objects.get(action="create", object_id=str(created.public_id))
    assert event.actor == admin
    assert "password" not in event.fields


def test_short_password_is_refused_with_a_clear_message(admin, client_for):
    response = client_for(admin).post(
        reverse("staff-create"),
        {
            "username": "peksos9",
            "full_name": "Nur",
            "email": "",
            "role": "social_worker",
            "password": "pendek123",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="peksos9").exists()
    assert "12" in response.content.decode()


def test_admin_cannot_deactivate_themselves(admin, client_for):
    response = client_for(admin).post(
        reverse("staff-edit", args=[admin.public_id]),
        {"full_name": admin.full_name, "email": admin.email, "role": "admin"},
    )
    assert response.status_code == 200
    admin.refresh_from_db()
    assert admin.is_active


def test_admin_deactivates_a_worker_who_then_cannot_log_in(admin, worker, client_for, client):
    response = client_for(admin).post(
        reverse("staff-edit", args=[worker.public_id]),
        {
            "full_name": worker.full_name,
            "email": worker.email,
            "role": "social_worker",
            "version": worker.version,
        },
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert not worker.is_active
    assert worker.history.first().history_user == admin
    client.post(reverse("login"), {"username": "worker", "password": "a-long-test-password-2026"})
    assert "_auth_user_id" not in client.session


def test_admin_resets_a_password(admin, worker, client_for):
    response = client_for(admin).post(
        reverse("staff-password", args=[worker.public_id]),
        {"new_password1": "baru-dan-panjang-2026", "new_password2": "baru-dan-panjang-2026"},
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.check_password("baru-dan-panjang-2026")
    assert (
        AuditEvent.objects.filter(action="password_reset", object_id=str(worker.public_id)).count()
        == 1
    )


def test_superuser_sees_staff_of_every_centre(superuser, worker, outsider, client_for):
    body = client_for(superuser).get(reverse("staff-list")).content.decode()
    assert worker.username in body and outsider.username in body


def test_centre_settings_validate_the_emergency_deadline(admin, client_for):
    centre = admin.centre
    http = client_for(admin)
    data = {
        **form_data(read_page(http, reverse("centre-settings"))),
        "time_zone": "Asia/Makassar",
        "emergency_response_hours": 0,
    }
    response = http.post(reverse("centre-settings"), data)
    assert response.status_code == 200
    data["emergency_response_hours"] = 12
    assert http.post(reverse("centre-settings"), data).status_code == 302
    centre.refresh_from_db()
    assert (centre.time_zone, centre.emergency_response_hours) == ("Asia/Makassar", 12)


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("staff-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
