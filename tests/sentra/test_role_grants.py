"""Finding 3: a role that opens confidential notes takes two people. A centre admin who
creates or promotes a supervisor only asks; another supervisor (or a superuser) confirms."""

import pytest
from django.urls import reverse

from sentra.models import AuditEvent, RoleGrant, User
from sentra.scopes import Role
from tests.factories import UserFactory
from tests.pages import form_data, read_page

pytestmark = pytest.mark.django_db


def promote(http, member):
    url = reverse("staff-edit", args=[member.public_id])
    data = form_data(read_page(http, url))
    data["role"] = Role.SUPERVISOR
    return http.post(url, data)


def test_promoting_to_supervisor_only_asks(admin, worker, supervisor, client_for):
    response = promote(client_for(admin), worker)
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.role == Role.SOCIAL_WORKER  # not yet
    grant = RoleGrant.objects.get()
    assert (grant.member, grant.role, grant.requested_by) == (worker, "supervisor", admin)
    assert AuditEvent.objects.filter(object_type="sentra.rolegrant", action="create").exists()


def test_a_new_supervisor_account_starts_without_the_role(admin, client_for):
    http = client_for(admin)
    data = form_data(read_page(http, reverse("staff-create")), "username")
    data.update(
        {
            "username": "stooge",
            "full_name": "Boneka",
            "email": "s@example.org",
            "role": Role.SUPERVISOR,
            "password": "panjang-sekali-2026!",
        }
    )
    assert http.post(reverse("staff-create"), data).status_code == 302
    stooge = User.objects.get(username="stooge")
    assert stooge.role == Role.SOCIAL_WORKER
    assert RoleGrant.objects.pending().get().member == stooge


def test_the_existing_supervisor_is_told_and_confirms(admin, worker, supervisor, client_for):
    promote(client_for(admin), worker)
    grant = RoleGrant.objects.get()
    http = client_for(supervisor)
    read_page(http, reverse("home"), "asks to make", worker.full_name, "Confirm")
    url = reverse("role-grant-decide", args=[grant.public_id, "confirm"])
    assert http.post(url).status_code == 302
    worker.refresh_from_db()
    assert worker.role == Role.SUPERVISOR
    grant.refresh_from_db()
    assert grant.status == "confirmed" and grant.decided_by == supervisor
    # A repeat changes nothing.
    assert http.post(url).status_code == 302
    read_page(http, reverse("home"), "Confirmed")


def test_a_refusal_leaves_the_role_as_it_was(admin, worker, supervisor, client_for):
    promote(client_for(admin), worker)
    grant = RoleGrant.objects.get()
    url = reverse("role-grant-decide", args=[grant.public_id, "refuse"])
    assert client_for(supervisor).post(url).status_code == 302
    worker.refresh_from_db()
    assert worker.role == Role.SOCIAL_WORKER
    assert RoleGrant.objects.get().status == "refused"


def test_the_asker_and_the_member_cannot_confirm(admin, worker, supervisor, client_for):
    """Even a supervisor who asks must find a second person."""
    promote(client_for(admin), worker)
    other_admin = UserFactory(centre=admin.centre, role=Role.ADMIN)
    grant = RoleGrant.objects.get()
    url = reverse("role-grant-decide", args=[grant.public_id, "confirm"])
    for user in (admin, worker, other_admin):
        assert client_for(user).post(url).status_code == 403
    worker.refresh_from_db()
    assert worker.role == Role.SOCIAL_WORKER


def test_another_centre_cannot_see_the_grant(admin, worker, other_centre, client_for):
    promote(client_for(admin), worker)
    grant = RoleGrant.objects.get()
    elsewhere = UserFactory(centre=other_centre, role=Role.SUPERVISOR)
    url = reverse("role-grant-decide", args=[grant.public_id, "confirm"])
    assert client_for(elsewhere).post(url).status_code == 404
    assert "asks to make" not in read_page(client_for(elsewhere), reverse("home"))


def test_a_superuser_may_confirm(admin, worker, superuser, client_for):
    promote(client_for(admin), worker)
    grant = RoleGrant.objects.get()
    url = reverse("role-grant-decide", args=[grant.public_id, "confirm"])
    assert client_for(superuser).post(url).status_code == 302
    worker.refresh_from_db()
    assert worker.role == Role.SUPERVISOR


def test_other_changes_are_saved_at_once(admin, worker, client_for):
    http = client_for(admin)
    url = reverse("staff-edit", args=[worker.public_id])
    data = form_data(read_page(http, url))
    data.update({"role": Role.SUPERVISOR, "full_name": "Nama Baru"})
    assert http.post(url, data).status_code == 302
    worker.refresh_from_db()
    assert worker.full_name == "Nama Baru" and worker.role == Role.SOCIAL_WORKER
